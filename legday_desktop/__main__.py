"""Entry point for ``python -m legday_desktop``."""

import sys

from legday_desktop.cli import main

sys.exit(main())
