"""Chart redraws after a value changes, on ten years of data (≈ 520 leg days, 65,700 ratings).

For each chart kind, a soreness value is changed through the journal service (as a click
on the map does); the time runs until the chart has re-read its data and the canvas has
drawn. The baseline: a bare ``Axes.plot`` of the same points on a canvas of the same size,
measured in the same run. Memory: resident set size before and after 200 redraws, after
60 that fill matplotlib's and Qt's caches. Prints JSON.

Usage: python benchmarks/charts.py [--steps 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication
from ten_years import ten_years_of_data

from legday_desktop.charts.panel import ChartPanel
from legday_desktop.services.charts import ChartKind
from legday_desktop.services.journal import JournalService

TARGETS_MS = {"recovery": 50, "compare": 80, "timeline": 150}
SIZE = (800, 500)


def rss_mb() -> float:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bare_plot_ms(points: list[tuple[list[float], list[float]]], steps: int) -> float:
    """Median time to clear, plot the same points and draw, on an equal canvas."""
    figure = Figure()
    canvas = FigureCanvasQTAgg(figure)
    canvas.resize(*SIZE)
    axes = figure.add_subplot()
    times = []
    for _ in range(steps):
        started = time.perf_counter()
        axes.clear()
        for xs, ys in points:
            axes.plot(xs, ys)
        canvas.draw()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=30)
    steps = parser.parse_args().steps
    app = QApplication([])
    # The offscreen platform notes on every toolbar update that it cannot resize windows.
    qInstallMessageHandler(lambda *_args: None)
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "ten-years.sqlite3"
        report["soreness_rows"] = ten_years_of_data(database)
        service = JournalService(database)
        service.open()
        report["leg_days"] = len(service.leg_days())
        panel = ChartPanel(service)
        panel.resize(*SIZE)
        panel.show()
        app.processEvents()
        today = dt.date.today()
        yesterday = today - dt.timedelta(days=1)
        for kind in ChartKind:
            panel.kind_tabs.setCurrentIndex(list(ChartKind).index(kind))
            if kind is ChartKind.TIMELINE:
                panel.range_box.setCurrentIndex(panel.range_box.findText("All"))
            panel.draw_now()
            times = []
            for step in range(steps):
                started = time.perf_counter()
                # A value changes (as a click does); the panel re-reads and redraws.
                service.set_levels(yesterday, {"quadriceps.left": step % 11})
                times.append(time.perf_counter() - started)
            points = [
                (list(map(float, line.get_xdata())), list(map(float, line.get_ydata())))
                for line in panel.axes.get_lines()
            ]
            median_ms = statistics.median(times) * 1000
            bare_ms = bare_plot_ms(points, steps)
            report[kind.value] = {
                "median_ms": round(median_ms, 1),
                "target_ms": TARGETS_MS[kind.value],
                "bare_plot_ms": round(bare_ms, 1),
                "ratio_to_bare": round(median_ms / bare_ms, 2),
                "points": sum(len(xs) for xs, _ in points),
            }
        kinds = list(ChartKind)

        def redraws(count: int) -> None:
            for step in range(count):
                panel.kind_tabs.setCurrentIndex(step % len(kinds))
                service.set_levels(yesterday, {"calves.right": step % 11})
                app.processEvents()

        redraws(60)  # first let matplotlib's and Qt's caches fill
        before = rss_mb()
        redraws(200)
        after = rss_mb()
        report["rss_before_200_redraws_mb"] = round(before, 1)
        report["rss_after_200_redraws_mb"] = round(after, 1)
        panel.close()
        service.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
