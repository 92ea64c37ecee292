"""Legday at scale: 1-, 10- and 30-year journals (≈ 6,600, 65,700 and 197,100 ratings).

Figures of issue 15, item 6, each beside the bare baseline it is compared with, measured
in the same run (ratios hold better than times on a shared machine):

- Insights: first response and complete after the panel is opened, against a bare read
  of every rating through SQLAlchemy Core; the longest stall of the interface thread
  while the history is read; an edit's recompute, against the whole history computed
  again on the interface thread (what the window did before) and a bare read of one
  leg day's ratings.
- The "All" timeline redrawn after an edit at each size (the sizes in turn, edit after
  edit, so that they share the machine's ups and downs), and the ratio 30 y / 1 y.
- Switching chart kind at 30 y, against a bare redraw of the same canvas.
- Click → saved & map repainted at 30 y, with a standing warning, in each view in turn,
  clicks 60–110 ms apart with a pause now and then (as a person clicks, so debounced
  updates run), against a bare widget that repaints on a click; the longest stall of
  the interface thread during the clicks; how often the standing warning was hidden or
  shown (it should never be); and how often the check band below it came or went as the
  edits made and cleared check warnings, against its Show/Hide events (one each).

The journals have a leg day every week (three sessions in turn), every region rated
every day, and a check-in with sleep and some recovery actions on days 1 and 2.

Usage: python benchmarks/scale.py [--years 1 10 30] [--clicks 40] [--edits 15]
       [--timeline-edits 41]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from ten_years import ten_years_of_data

from legday_desktop.domain.regions import REGION_IDS

SESSIONS = (("Squat", "Lunge"), ("Romanian deadlift", "Leg curl"), ("Squat", "Lunge"))
ACTIONS = ("foam_rolling_or_massage", "stretching", "light_activity", "cold", "heat")
TARGETS = {
    "insights_first_response_ms": 100,
    "insights_complete_ms": 1000,
    "insights_edit_recompute_ms": 30,
    "timeline_all_ratio_30y_to_1y": 1.5,
    "switch_chart_kind_ms": 50,
    "click_p95_ms": 16,
    "warning_hide_show_events": 0,
}


# --- journals ---------------------------------------------------------------------------


def build_journal(path: Path, years: int) -> int:
    """Fill a new journal with ``years`` of data (see the module docstring); the ratings."""
    ratings = ten_years_of_data(path, years)
    today = dt.date.today()
    connection = sqlite3.connect(path)
    with connection:
        leg_days = connection.execute("SELECT id, date FROM leg_day ORDER BY date").fetchall()
        connection.executemany(
            "INSERT INTO leg_day_exercise (leg_day_id, position, name) VALUES (?, ?, ?)",
            [
                (leg_day_id, position, name)
                for number, (leg_day_id, _) in enumerate(leg_days)
                for position, name in enumerate(SESSIONS[number % len(SESSIONS)])
            ],
        )
        for number, (_, day) in enumerate(leg_days):
            for offset in (1, 2):
                date = dt.date.fromisoformat(day) + dt.timedelta(days=offset)
                if date >= today:
                    continue
                check_in = connection.execute(
                    "INSERT INTO check_in (date, water_litres, sleep_hours, note)"
                    " VALUES (?, 2.0, ?, '')",
                    (date.isoformat(), 6.0 + (number * 7 + offset) % 4),
                ).lastrowid
                connection.executemany(
                    "INSERT INTO check_in_action (check_in_id, action) VALUES (?, ?)",
                    [
                        (check_in, action)
                        for index, action in enumerate(ACTIONS)
                        if (number + index * offset) % (index + 2) == 0
                    ],
                )
    connection.close()
    return ratings


def add_standing_warning(path: Path) -> None:
    """Today's check-in records dark urine: an urgent warning shows from every view."""
    connection = sqlite3.connect(path)
    with connection:
        check_in = connection.execute(
            "INSERT INTO check_in (date, note) VALUES (?, 'benchmark')",
            (dt.date.today().isoformat(),),
        ).lastrowid
        connection.execute(
            "INSERT INTO check_in_symptom (check_in_id, symptom) VALUES (?, 'dark_urine')",
            (check_in,),
        )
    connection.close()


# --- measuring --------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(seconds: list[float]) -> dict[str, float]:
    return {
        "median_ms": ms(statistics.median(seconds)),
        "p95_ms": ms(percentile(seconds, 0.95)),
        "max_ms": ms(max(seconds)),
    }


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


class StallProbe(QObject):
    """The longest gap between ticks of a 5 ms timer: how long the interface thread stalled."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self.longest_ms = 0.0

    def start(self) -> None:
        self.longest_ms = 0.0
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return round(self.longest_ms, 1)

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, self._clock.restart())


class EventCounter(QObject):
    """Counts the events of some types a widget receives."""

    def __init__(self, *types: QEvent.Type) -> None:
        super().__init__()
        self.types = types
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self.types:
            self.count += 1
        return False


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until ``done``, idling in between as an event loop does.

    (Spinning on processEvents alone would hold Python's GIL, starving a worker thread.)
    """
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the benchmark waited too long")
        app.processEvents()
        if not done():
            time.sleep(0.0005)


def wait_for(app: QApplication, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)


def bare_read_all_ratings(path: Path) -> float:
    """Every rating through SQLAlchemy Core on an engine of its own (best of three)."""
    from sqlalchemy import create_engine, select

    from legday_desktop.storage.tables import soreness

    engine = create_engine(f"sqlite:///{path}")
    statement = select(soreness.c.date, soreness.c.region_id, soreness.c.level, soreness.c.note)
    times = []
    with engine.connect() as connection:
        for _ in range(3):
            times.append(timed(lambda: connection.execute(statement).all()))
    engine.dispose()
    return min(times)


def bare_read_one_leg_day(path: Path, first: dt.date) -> float:
    from sqlalchemy import create_engine, select

    from legday_desktop.storage.tables import soreness

    engine = create_engine(f"sqlite:///{path}")
    statement = select(soreness.c.date, soreness.c.region_id, soreness.c.level).where(
        soreness.c.date.between(first, first + dt.timedelta(days=6))
    )
    with engine.connect() as connection:
        times = [timed(lambda: connection.execute(statement).all()) for _ in range(5)]
    engine.dispose()
    return statistics.median(times)


# --- the figures ------------------------------------------------------------------------


def insights_figures(app: QApplication, database: Path, edits: int) -> dict[str, object]:
    from legday_desktop.services.insights import journal_insights
    from legday_desktop.services.journal import JournalService
    from legday_desktop.ui.insights_panel import InsightsPanel

    today = dt.date.today()
    service = JournalService(database)
    service.open()
    bare = bare_read_all_ratings(database)
    whole_on_ui_thread = timed(lambda: journal_insights(service, today))
    panel = InsightsPanel(service)
    panel.resize(1340, 540)
    painted = EventCounter(QEvent.Type.Paint)
    panel.page.installEventFilter(painted)
    probe = StallProbe()
    probe.start()
    started = time.perf_counter()
    panel.show()
    wait_until(app, lambda: painted.count > 0)
    first_response = time.perf_counter() - started
    wait_until(app, lambda: panel.is_up_to_date)
    app.processEvents()
    complete = time.perf_counter() - started
    stall = probe.stop()
    assert panel.keeper is not None
    times, recomputed = [], []
    for step in range(edits):
        # Today is day 1 after the newest leg day (yesterday): the last leg day's table
        # changes with each edit, as well as its summary.
        service.set_levels(today, {"quadriceps.left": step % 11})

        def recompute_and_show() -> None:
            panel.refresh()
            app.processEvents()

        times.append(timed(recompute_and_show))
        recomputed.append(panel.keeper.recomputed)
    assert panel.keeper.insights() == journal_insights(service, today)  # the same results
    newest = service.recent_leg_days(today, 1)[0].date
    figures = {
        "bare_read_all_ratings_ms": ms(bare),
        "first_response_ms": ms(first_response),
        "complete_ms": ms(complete),
        "complete_ratio_to_bare_read": round(complete / bare, 2),
        "longest_ui_stall_while_reading_ms": stall,
        "edit_recompute_and_show": summary(times),
        "edit_leg_days_recomputed": max(recomputed),
        "whole_history_on_ui_thread_ms": ms(whole_on_ui_thread),
        "bare_read_one_leg_day_ms": ms(bare_read_one_leg_day(database, newest)),
    }
    panel.close()
    panel.deleteLater()
    app.processEvents()
    service.close()
    return figures


def _timeline_panel(app: QApplication, database: Path) -> tuple[object, QWidget, object]:
    """A chart panel on ``database`` showing the "All" timeline, drawn once."""
    from legday_desktop.charts.panel import ChartPanel
    from legday_desktop.services.charts import ChartKind
    from legday_desktop.services.journal import JournalService

    today = dt.date.today()
    service = JournalService(database)
    service.open()
    host = QWidget()
    panel = ChartPanel(service, host, today=lambda: today)
    host.resize(1340, 600)
    panel.resize(1340, 600)
    host.show()
    app.processEvents()
    panel.kind_tabs.setCurrentIndex(list(ChartKind).index(ChartKind.TIMELINE))
    panel.range_box.setCurrentIndex(panel.range_box.findText("All"))
    panel.refresh()
    app.processEvents()
    return service, host, panel


def timeline_redraws(
    app: QApplication, databases: dict[int, Path], edits: int
) -> dict[int, dict[str, float]]:
    """The "All" timeline redrawn after an edit, each size in turn, edit after edit.

    Interleaved, so that the sizes compared share the machine's ups and downs.
    """
    yesterday = dt.date.today() - dt.timedelta(days=1)
    opened = {years: _timeline_panel(app, database) for years, database in databases.items()}
    redraws: dict[int, list[float]] = {years: [] for years in databases}
    for step in range(edits):
        for years, (service, _host, panel) in opened.items():
            service.set_levels(yesterday, {"calves.right": step % 11})  # type: ignore[attr-defined]
            app.processEvents()
            redraws[years].append(timed(panel.refresh))  # type: ignore[attr-defined]
    for service, host, _panel in opened.values():
        host.close()
        host.deleteLater()
        app.processEvents()
        service.close()  # type: ignore[attr-defined]
    return {years: summary(times) for years, times in redraws.items()}


def chart_figures(app: QApplication, database: Path) -> dict[str, object]:
    """Switching chart kind on the largest journal, and a bare redraw of its canvas."""
    from legday_desktop.services.charts import ChartKind

    service, host, panel = _timeline_panel(app, database)
    canvas = panel.canvas  # type: ignore[attr-defined]
    bare_draw = statistics.median(timed(canvas.draw) for _ in range(5))
    kinds = list(ChartKind)
    switches = []
    for cycle in range(4):
        for kind in (*kinds[1:], kinds[0]) if cycle % 2 else kinds:

            def switch(index: int = kinds.index(kind)) -> None:
                panel.kind_tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
                app.processEvents()

            switches.append(timed(switch))
    host.close()
    host.deleteLater()
    app.processEvents()
    service.close()  # type: ignore[attr-defined]
    return {"bare_canvas_draw_ms": ms(bare_draw), "switch_chart_kind": summary(switches)}


class BareWidget(QWidget):
    """The clicks' baseline: a widget that changes colour and repaints on every click."""

    def __init__(self) -> None:
        super().__init__()
        self.level = 0

    def mousePressEvent(self, _event: object) -> None:  # noqa: N802
        self.level = (self.level + 1) % 11
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.red if self.level % 2 else Qt.GlobalColor.blue)
        painter.end()


def bare_clicks(app: QApplication, clicks: int) -> dict[str, float]:
    bare = BareWidget()
    bare.resize(460, 590)
    bare.show()
    counter = EventCounter(QEvent.Type.Paint)
    bare.installEventFilter(counter)
    wait_until(app, lambda: counter.count > 0)
    times = []
    for _ in range(clicks):
        before = counter.count
        started = time.perf_counter()
        QTest.mouseClick(bare, Qt.MouseButton.LeftButton)
        wait_until(app, lambda before=before: counter.count > before)
        times.append(time.perf_counter() - started)
    bare.close()
    return summary(times)


def _count_chart_redraws(window: object) -> list[float]:
    """Times at which the Progress chart is drawn from now on (a list that fills up)."""
    panel = window.chart_panel  # type: ignore[attr-defined]
    drawn: list[float] = []
    draw = panel.draw_now

    def counted() -> None:
        drawn.append(time.perf_counter())
        draw()

    panel.draw_now = counted
    return drawn


def click_figures(app: QApplication, database: Path, clicks: int) -> dict[str, object]:
    """Clicks in each view in turn, with the standing warning showing."""
    from legday_desktop.app import start_main_window

    add_standing_warning(database)
    window = start_main_window(database)
    window.resize(1340, 800)
    wait_until(app, lambda: window.body_map.painted_with_data)
    wait_until(app, lambda: window.advice_shown)
    warning = window.warning
    # The standing (urgent) warning must never be hidden and shown again. The check band
    # below it comes and goes as the edits make and clear check warnings (a knee, the
    # Achilles): each coming or going should be one Show or Hide, never more.
    toggles = EventCounter(QEvent.Type.Show, QEvent.Type.Hide)
    for watched in (warning, warning.urgent, *warning.urgent.findChildren(QWidget)):
        watched.installEventFilter(toggles)
    check_toggles = EventCounter(QEvent.Type.Show, QEvent.Type.Hide)
    warning.check.installEventFilter(check_toggles)
    check_came_or_went = 0
    check_had_lines = bool(warning.check.lines)
    showing = warning.isVisible() and bool(warning.lines)
    body_map = window.body_map
    painted = EventCounter(QEvent.Type.Paint)
    body_map.installEventFilter(painted)
    service = window.service
    assert service is not None
    rng = random.Random(15)
    results: dict[str, object] = {}
    probe = StallProbe()
    for view in window.VIEWS:
        window.show_view(view)
        wait_for(app, 1.5)  # the view built and brought up to date
        times = []
        redraws = _count_chart_redraws(window) if view == "progress" else None
        probe.start()
        for step in range(clicks):
            region = REGION_IDS[step % len(REGION_IDS)]
            level = step % 10
            if view == "log":
                QTest.mouseClick(
                    body_map,
                    Qt.MouseButton.LeftButton,
                    pos=body_map.region_centre(region).toPoint(),
                )
                app.processEvents()
                before = painted.count
                started = time.perf_counter()
                QTest.mouseClick(window.level_picker.buttons[level], Qt.MouseButton.LeftButton)
                wait_until(app, lambda before=before: painted.count > before)
            else:
                # The map is not on screen in this view: the same edit, through the service
                # the level buttons call; the time runs until the view has handled it.
                started = time.perf_counter()
                service.set_levels(window.shown_date, {region: level})
                app.processEvents()
            times.append(time.perf_counter() - started)
            if bool(warning.check.lines) != check_had_lines:
                check_had_lines = not check_had_lines
                check_came_or_went += 1
            # As a person clicks: 60–110 ms apart, and a pause now and then.
            wait_for(app, 0.45 if step % 10 == 9 else rng.uniform(0.06, 0.11))
        stall = probe.stop()
        results[view] = {
            **summary(times),
            "longest_ui_stall_ms": stall,
            "what": "level button click → saved & map repainted"
            if view == "log"
            else "edit through the service → saved (the map is not shown; the view follows "
            "once the edits pause)",
        }
        if redraws is not None:
            pauses = clicks // 10
            results[view]["chart_redraws"] = f"{len(redraws)} in {clicks} edits, {pauses} pauses"
    results["warning_was_showing"] = showing
    results["warning_hide_show_events"] = toggles.count
    results["check_band_came_or_went"] = check_came_or_went
    results["check_band_hide_show_events"] = check_toggles.count
    window.close()
    app.processEvents()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--clicks", type=int, default=40, help="clicks in each view")
    parser.add_argument("--edits", type=int, default=15, help="edits timed in Insights")
    parser.add_argument(
        "--timeline-edits", type=int, default=41, help="edits timed in the timeline, per size"
    )
    arguments = parser.parse_args()
    app = QApplication([])
    # The offscreen platform notes on every toolbar update that it cannot resize windows.
    qInstallMessageHandler(lambda *_args: None)
    report: dict[str, object] = {"python": sys.version.split()[0], "targets": TARGETS}
    by_years: dict[int, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder
        os.environ["XDG_DATA_HOME"] = folder
        largest = max(arguments.years)
        databases = {years: Path(folder) / f"journal-{years}y.sqlite3" for years in arguments.years}
        for years, database in databases.items():
            figures: dict[str, object] = {"ratings": build_journal(database, years)}
            figures["insights"] = insights_figures(app, database, arguments.edits)
            by_years[years] = figures
        redraws = timeline_redraws(app, databases, arguments.timeline_edits)
        for years, figures in by_years.items():
            figures["charts"] = {"timeline_all_redraw": redraws[years]}
        by_years[largest]["charts"].update(  # type: ignore[attr-defined]
            chart_figures(app, databases[largest])
        )
        smallest = min(arguments.years)
        report["by_years"] = {f"{years}y": figures for years, figures in by_years.items()}
        if largest != smallest:
            report[f"timeline_all_ratio_{largest}y_to_{smallest}y"] = round(
                redraws[largest]["median_ms"] / redraws[smallest]["median_ms"], 2
            )
        report[f"clicks_{largest}y"] = {
            **click_figures(app, Path(folder) / f"journal-{largest}y.sqlite3", arguments.clicks),
            "bare_click_repaint": bare_clicks(app, arguments.clicks),
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
