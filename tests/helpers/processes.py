"""Running the command line as a person would: ``python -m legday_desktop`` in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def legday_process(
    *arguments: str | Path, timeout: float = 120, prefix: tuple[str, ...] = (), **environment: str
) -> subprocess.CompletedProcess[bytes]:
    """Run ``legday ARGUMENTS`` offscreen (after ``prefix``, e.g. faketime); its output as bytes."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "legday_desktop", *map(str, arguments)],
        capture_output=True,
        # Offscreen, on the tests' screen (tests/conftest.py) unless ``environment`` says.
        env={"QT_QPA_PLATFORM": "offscreen", **os.environ, **environment},
        timeout=timeout,
    )


def legday_text(
    *arguments: str | Path, timeout: float = 120, prefix: tuple[str, ...] = (), **environment: str
) -> subprocess.CompletedProcess[str]:
    """As ``legday_process``, with stdout and stderr decoded as UTF-8."""
    result = legday_process(*arguments, timeout=timeout, prefix=prefix, **environment)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )
