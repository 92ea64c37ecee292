"""The bundled app's entry point: the ``legday`` command."""

import sys

from legday_desktop.cli import main

sys.exit(main())
