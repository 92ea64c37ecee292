"""Chart redraws after a value changes, on ten years of data (≈ 520 leg days, 65,700 ratings).

For each chart kind, a soreness value is changed through the journal service (as a click
on the map does); the time runs until the chart has re-read its data and the canvas has
drawn. The baseline: a bare ``Axes.plot`` of the same points on a canvas of the same size,
measured in the same run. Then the "All" timeline's redraw on 30 years of data against
the same on 1 year (``timeline_all_30y_to_1y``, at most 1.5: the cost must hardly grow
with the years), and switching chart kind: the first time each kind is shown, and then
(``kind_switch_median_ms``, at most 50). Memory: resident set size before and after 200
redraws, after 60 that fill matplotlib's and Qt's caches. Prints JSON.

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
SIZE = (1000, 400)  # the chart panel in the Progress view at a 1024×640 screen
MAX_YEARS_RATIO = 1.5
MAX_KIND_SWITCH_MS = 50


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


def open_panel(app: QApplication, service: JournalService) -> ChartPanel:
    panel = ChartPanel(service)
    panel.resize(*SIZE)
    panel.show()
    app.processEvents()
    return panel


def all_timeline_redraws_ms(
    app: QApplication, folder: Path, years: tuple[int, ...], steps: int
) -> dict[tuple[int, str], float]:
    """Median time from an edit to the redrawn "All" timeline, per ``years`` of data.

    For the average of all groups (nearly flat in this data) and for the quads alone,
    whose value here zigzags from 0 to 10 every day: the hardest line to draw. The
    journals' edits take turns, so that a busy moment of the machine costs each alike.
    """
    services, panels = [], []
    for count in years:
        database = folder / f"{count}-years.sqlite3"
        ten_years_of_data(database, count)
        service = JournalService(database)
        service.open()
        panel = open_panel(app, service)
        panel.kind_tabs.setCurrentIndex(list(ChartKind).index(ChartKind.TIMELINE))
        panel.range_box.setCurrentIndex(panel.range_box.findText("All"))
        services.append(service)
        panels.append(panel)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    medians = {}
    for group in ("total", "quadriceps"):
        times: dict[int, list[float]] = {count: [] for count in years}
        for panel in panels:
            panel.group_box.setCurrentIndex(panel.group_box.findData(group))
            panel.draw_now()
        for step in range(steps):
            for count, service in zip(years, services, strict=True):
                started = time.perf_counter()
                service.set_levels(yesterday, {"quadriceps.left": step % 11})
                times[count].append(time.perf_counter() - started)
        for count in years:
            medians[(count, group)] = statistics.median(times[count]) * 1000
    for panel, service in zip(panels, services, strict=True):
        panel.close()
        service.close()
    return medians


def kind_switches_ms(app: QApplication, panel: ChartPanel, steps: int) -> tuple[list[float], float]:
    """The first showing of each kind, then the median of later switches (milliseconds)."""
    panel.kind_tabs.setCurrentIndex(0)
    app.processEvents()
    first = []
    for index in (1, 2):
        started = time.perf_counter()
        panel.kind_tabs.setCurrentIndex(index)
        app.processEvents()
        first.append((time.perf_counter() - started) * 1000)
    times = []
    for step in range(steps):
        started = time.perf_counter()
        panel.kind_tabs.setCurrentIndex(step % 3)
        app.processEvents()
        times.append(time.perf_counter() - started)
    return first, statistics.median(times) * 1000


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
        fresh = open_panel(app, service)
        first, switch_ms = kind_switches_ms(app, fresh, steps)
        fresh.close()
        report["kind_first_shown_ms"] = [round(ms, 1) for ms in first]
        report["kind_switch_median_ms"] = round(switch_ms, 1)
        report["kind_switch_target_ms"] = MAX_KIND_SWITCH_MS
        panel = open_panel(app, service)
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
        medians = all_timeline_redraws_ms(app, Path(folder), (1, 30), steps)
        for group, name in (("total", "average"), ("quadriceps", "quads")):
            one, thirty = medians[(1, group)], medians[(30, group)]
            report[f"timeline_all_{name}_1y_ms"] = round(one, 1)
            report[f"timeline_all_{name}_30y_ms"] = round(thirty, 1)
            report[f"timeline_all_{name}_30y_to_1y"] = round(thirty / one, 2)
        report["timeline_all_30y_to_1y_target"] = MAX_YEARS_RATIO
    print(json.dumps(report))


if __name__ == "__main__":
    main()
