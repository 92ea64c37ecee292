"""Inside ``dbus-run-session`` on an X server: an AT-SPI bus, Legday on a journal, a reader.

``python atspi_session.py JOURNAL``: starts the accessibility bus, shows the window (the
journal's 4 March 2026, on the X display, with Qt's AT-SPI bridge on), runs
atspi_client.py with the system's Python and prints what it printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
APP = """
import datetime as dt, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from legday_desktop.app import start_main_window
window = start_main_window(Path(sys.argv[1]))
window.show()
while not window.journal_open:
    app.processEvents()
window.show_date(dt.date(2026, 3, 4))
print("shown", flush=True)
app.exec()
"""


def main() -> None:
    bus = subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"])
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    app = subprocess.Popen(
        [sys.executable, "-c", APP, sys.argv[1]], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout is not None
        if app.stdout.readline().strip() != "shown":
            raise SystemExit("Legday did not start")
        reader = subprocess.run(
            ["/usr/bin/python3", str(HERE / "atspi_client.py")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        sys.stdout.write(reader.stdout)
        sys.stderr.write(reader.stderr)
    finally:
        app.terminate()
        app.wait(10)
        bus.terminate()
        bus.wait(10)


if __name__ == "__main__":
    main()
