"""Click to saved and repainted, on a journal of 30 years of daily ratings (≈197,000 rows).

Each step clicks a level button (or types a digit on the map) for the selected region;
the time runs until the change is committed to disk and the map has repainted. A bare
baseline measured in the same run: a plain widget that repaints on a click. Prints JSON.

Usage: python benchmarks/click_latency.py [--steps 300] [--years 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from ten_years import ten_years_of_data

from legday_desktop.domain.regions import REGION_IDS


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class BareWidget(QWidget):
    """The baseline: a widget that changes colour and repaints on every click."""

    def __init__(self) -> None:
        super().__init__()
        self.level = 0

    def mousePressEvent(self, event: object) -> None:  # noqa: N802
        self.level = (self.level + 1) % 11
        self.update()

    def paintEvent(self, event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.red if self.level % 2 else Qt.GlobalColor.blue)
        painter.end()


def until_painted(app: QApplication, counter: PaintCounter, before: int) -> None:
    """Process events until the widget has painted again, for at most 10 s.

    An edit that changes nothing paints nothing: the steps always change a level.
    """
    deadline = time.perf_counter() + 10
    while counter.paints == before:
        if time.perf_counter() > deadline:
            raise TimeoutError("no repaint within 10 s of the edit")
        app.processEvents()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    milliseconds = [value * 1000 for value in values]
    return {
        "p50_ms": round(statistics.median(milliseconds), 2),
        "p95_ms": round(percentile(milliseconds, 0.95), 2),
        "max_ms": round(max(milliseconds), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--years", type=int, default=30, help="years of daily ratings")
    arguments = parser.parse_args()
    steps = arguments.steps
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder
        database = Path(folder) / "journal.sqlite3"
        rows = ten_years_of_data(database, arguments.years)

        bare = BareWidget()
        bare.resize(460, 590)
        bare.show()
        bare_counter = PaintCounter()
        bare.installEventFilter(bare_counter)
        until_painted(app, bare_counter, 0)
        bare_times = []
        for _ in range(steps):
            before = bare_counter.paints
            started = time.perf_counter()
            QTest.mouseClick(bare, Qt.MouseButton.LeftButton)
            until_painted(app, bare_counter, before)
            bare_times.append(time.perf_counter() - started)

        from legday_desktop.app import start_main_window

        window = start_main_window(database)
        while not window.body_map.painted_with_data:
            app.processEvents()
        body_map = window.body_map
        counter = PaintCounter()
        body_map.installEventFilter(counter)
        button_times, key_times = [], []
        for step in range(steps):
            region = REGION_IDS[step % len(REGION_IDS)]
            QTest.mouseClick(
                body_map, Qt.MouseButton.LeftButton, pos=body_map.region_centre(region).toPoint()
            )
            app.processEvents()
            level = step % 10
            if body_map.levels.get(region) == level:  # the same level again changes nothing
                level = (level + 1) % 10
            before = counter.paints
            started = time.perf_counter()
            QTest.mouseClick(window.level_picker.buttons[level], Qt.MouseButton.LeftButton)
            until_painted(app, counter, before)
            button_times.append(time.perf_counter() - started)
            before = counter.paints
            started = time.perf_counter()
            QTest.keyClick(body_map, Qt.Key(int(Qt.Key.Key_0) + (level + 1) % 10))
            until_painted(app, counter, before)
            key_times.append(time.perf_counter() - started)
        assert window.body_map.levels  # the values really are there
        window.close()
    print(
        json.dumps(
            {
                "years": arguments.years,
                "soreness_rows": rows,
                "steps": steps,
                "level_button_click": summary(button_times),
                "digit_key": summary(key_times),
                "bare_click_repaint": summary(bare_times),
                "p95_ratio_to_bare": round(
                    percentile(button_times, 0.95) / percentile(bare_times, 0.95), 1
                ),
                "target_p95_ms": 16,
            }
        )
    )


if __name__ == "__main__":
    main()
