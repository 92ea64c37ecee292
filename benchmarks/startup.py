"""Start-up figures: process start to first window, and to the journal shown, as JSON.

Each figure is the median wall time of fresh processes, also given as a ratio to a bare
PySide6 QMainWindow measured in the same run. Usage: python benchmarks/startup.py [-n 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

LEGDAY = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
import legday_desktop.app
stop_when = sys.argv[2]
if stop_when == "window":  # measure the window alone: leave the journal closed
    legday_desktop.app.open_journal = lambda window, database: True
window = legday_desktop.app.start_main_window(Path(sys.argv[1]))

def check():
    if stop_when == "window" or window.journal_open:
        app.quit()
    else:
        QTimer.singleShot(1, check)

QTimer.singleShot(0, check)
app.exec()
"""


def wall_time(code: str, *arguments: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *arguments], check=True)
    return time.perf_counter() - started


def median_of(runs: int, code: str, *arguments: str) -> float:
    return statistics.median(wall_time(code, *arguments) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=7)
    runs = parser.parse_args().runs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "legday_desktop", "demo", "--db", str(database)],
            check=True,
            capture_output=True,
        )
        wall_time(BARE)  # warm the file cache
        bare = median_of(runs, BARE)
        window = median_of(runs, LEGDAY, str(database), "window")
        journal = median_of(runs, LEGDAY, str(database), "journal")
    print(
        json.dumps(
            {
                "runs": runs,
                "bare_window_s": round(bare, 3),
                "legday_first_window_s": round(window, 3),
                "legday_journal_shown_s": round(journal, 3),
                "first_window_ratio": round(window / bare, 2),
                "journal_shown_ratio": round(journal / bare, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
