"""Start-up: process start to the main window shown, and painted with today's data, vs a bare one.

Both programs are started as fresh processes; times are taken when the child reports a
frame: the bare program's first (an empty QMainWindow), Legday's first (the window shown,
its map drawn, before SQLAlchemy is imported) and the one with the body map holding today's
data on the demo journal, ready to edit. Memory is each child's resident set size right
after that frame. Legday is also started on a 1-year and a 30-year journal (a rating of
every region every day): opening the bigger one should cost at most 15 % more. Prints one
JSON object.

Usage: python benchmarks/startup.py [--runs 9]
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

from ten_years import ten_years_of_data

RSS = """
def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
"""

BARE = (
    RSS
    + """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            QTimer.singleShot(0, report)
        return False

def report():
    print("painted", flush=True)
    print(json.dumps({"rss_mb": rss_mb()}), flush=True)
    app.quit()

app = QApplication([])
window = QMainWindow()
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""
)

LEGDAY = (
    RSS
    + """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from legday_desktop.app import start_main_window

def shown():
    print("shown", "sqlalchemy" in sys.modules, flush=True)

window = start_main_window(Path(sys.argv[1]), shown=shown)

def painted():
    print("painted", flush=True)
    QTimer.singleShot(0, settle)

def settle():
    print(json.dumps({"rss_mb": rss_mb(), "regions": len(window.body_map.levels)}), flush=True)
    app.quit()

window.body_map.data_painted.connect(painted)
app.exec()
"""
)


def run_once(code: str, *arguments: str) -> tuple[float, dict[str, float]]:
    """Seconds from starting the process to its "painted" line, and its final report.

    A "shown" line before it (Legday's first frame) adds ``shown_s`` to the report, and
    whether SQLAlchemy was imported by then.
    """
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *arguments], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    shown: dict[str, float] = {}
    if line.startswith("shown"):
        shown = {"shown_s": time.perf_counter() - started, "sqlalchemy": line.split()[1] == "True"}
        line = child.stdout.readline()
    painted = time.perf_counter() - started
    if line.strip() != "painted":
        raise RuntimeError(f"child did not paint: {line!r}")
    report = {**json.loads(child.stdout.readline()), **shown}
    child.wait(timeout=30)
    return painted, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Bytecode compiled, as an installed Legday has it (with PYTHONDONTWRITEBYTECODE set an
    # editable checkout would compile every module from source on every start).
    import legday_desktop

    package = str(Path(legday_desktop.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder  # no saved window state from the user
        database = Path(folder) / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "legday_desktop", "demo", "--db", str(database)],
            check=True,
            capture_output=True,
        )
        sized = {years: Path(folder) / f"{years}-years.sqlite3" for years in (1, 30)}
        for years, journal in sized.items():
            ten_years_of_data(journal, years)
        run_once(BARE)  # warm the file cache
        for journal in (database, *sized.values()):
            run_once(LEGDAY, str(journal))
        bare, legday, bare_rss, legday_rss, shown, early = [], [], [], [], [], []
        painted_by_size: dict[int, list[float]] = {years: [] for years in sized}
        for _ in range(runs):  # interleaved, so drifts in machine load hit both alike
            seconds, report = run_once(BARE)
            bare.append(seconds)
            bare_rss.append(report["rss_mb"])
            seconds, report = run_once(LEGDAY, str(database))
            legday.append(seconds)
            legday_rss.append(report["rss_mb"])
            shown.append(report["shown_s"])
            early.append(report["sqlalchemy"])
            for years, journal in sized.items():
                painted_by_size[years].append(run_once(LEGDAY, str(journal))[0])
    bare_s, legday_s = statistics.median(bare), statistics.median(legday)
    bare_mb, legday_mb = statistics.median(bare_rss), statistics.median(legday_rss)
    shown_s = statistics.median(shown)
    print(
        json.dumps(
            {
                "runs": runs,
                "bare_window_painted_s": round(bare_s, 3),
                "legday_window_shown_s": round(shown_s, 3),
                "shown_ratio": round(shown_s / bare_s, 2),
                "shown_target_ratio": 2.0,
                "sqlalchemy_loaded_when_shown": any(early),
                "legday_day_painted_s": round(legday_s, 3),
                "startup_ratio": round(legday_s / bare_s, 2),
                "startup_target_ratio": 4.5,
                "bare_rss_mb": round(bare_mb, 1),
                "legday_rss_after_start_mb": round(legday_mb, 1),
                "memory_ratio": round(legday_mb / bare_mb, 2),
                "memory_target_ratio": 2.0,
                "day_painted_1_year_s": round(statistics.median(painted_by_size[1]), 3),
                "day_painted_30_years_s": round(statistics.median(painted_by_size[30]), 3),
                "thirty_to_one_year_ratio": round(
                    statistics.median(painted_by_size[30]) / statistics.median(painted_by_size[1]),
                    2,
                ),
                "thirty_to_one_year_target_ratio": 1.15,
            }
        )
    )


if __name__ == "__main__":
    main()
