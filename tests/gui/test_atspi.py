"""What a screen reader really gets, read over a real AT-SPI bus (at-spi2-core, pyatspi)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.journals import filled_store

HELPERS = Path(__file__).resolve().parent.parent / "helpers"


def atspi_missing() -> str:
    """What this machine lacks for the test ('' when nothing)."""
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            return tool
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core"
    probe = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True)
    return "" if probe.returncode == 0 else "python3-pyatspi"


def test_a_screen_reader_hears_a_name_for_every_stop_and_the_date_as_value(
    tmp_path: Path,
) -> None:
    missing = atspi_missing()
    if missing:
        pytest.skip(f"needs {missing} (Debian packages xvfb, dbus, at-spi2-core, python3-pyatspi)")
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    session = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "dbus-run-session", "--",
         sys.executable, str(HELPERS / "atspi_session.py"), str(journal)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert session.stdout, session.stderr
    heard = json.loads(session.stdout.splitlines()[-1])  # after the bus's own messages
    assert heard["unnamed"] == []
    assert heard["date"]["text"] == "Wednesday 4 March 2026"
    assert heard["date"]["value"] == 20260304  # was 0, 0 and 0
    assert heard["date"]["minimum"] < heard["date"]["value"] <= heard["date"]["maximum"]
    assert "Could not convert" not in session.stderr
