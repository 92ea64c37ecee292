"""The recovery chart's forecast: a dashed line with its range, before and beside ratings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from helpers.journals import filled_store
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legday_desktop.charts.panel import ChartPanel
from legday_desktop.charts.plots import FORECAST_RANGE_LABEL, PointInfo
from legday_desktop.domain.demo import training_demo_journal
from legday_desktop.domain.journal import Journal, JournalChange
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.services.journal import JournalService

TODAY = dt.date.today()


def open_panel(qtbot: QtBot, service: JournalService) -> ChartPanel:
    panel = ChartPanel(service)
    qtbot.addWidget(panel)
    panel.resize(1100, 520)
    panel.show()
    qtbot.waitExposed(panel)
    panel.draw_now()
    return panel


def labels(panel: ChartPanel) -> list[str]:
    legend = panel.axes.get_legend()
    return [] if legend is None else [text.get_text() for text in legend.get_texts()]


def dashed(panel: ChartPanel) -> list[tuple[float, float]]:
    for plotted in panel.axes.get_lines():
        if str(plotted.get_label()).startswith("Your forecast"):
            assert plotted.get_linestyle() == "--"
            return list(zip(plotted.get_xdata(), plotted.get_ydata(), strict=True))
    raise AssertionError("no forecast line")


def trained(path: Path, *, rated_after_last: bool) -> Journal:
    journal = training_demo_journal(TODAY, leg_days=12, seed=11)
    last = journal.leg_days[-1].date
    if not rated_after_last:  # just imported or logged: no ratings yet
        journal = dataclasses.replace(
            journal, ratings=tuple(r for r in journal.ratings if r.date < last)
        )
    filled_store(path, journal).close()
    return journal


def test_a_leg_day_with_sets_shows_its_forecast_until_ratings_come_then_beside_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = trained(path, rated_after_last=False)
    last = journal.leg_days[-1]
    service = JournalService(path)
    service.open()
    try:
        panel = open_panel(qtbot, service)
        # No rating yet: the forecast alone, days 1-7, with its range in the legend.
        assert "Rate your soreness" not in " ".join(t.get_text() for t in panel.axes.texts)
        points = dashed(panel)
        assert [day for day, _ in points] == [1, 2, 3, 4, 5, 6, 7]
        assert all(0 <= level <= 10 for _, level in points)
        basis = service.forecast(last.date).basis  # the other leg days with sets and ratings
        assert basis >= 9 and f"Your forecast (from {basis} leg days)" in labels(panel)
        assert FORECAST_RANGE_LABEL in labels(panel)
        # Pointing at it reads the day, date, level and range.
        where = panel.view.widget_position(PointInfo("", 2, points[1][1], "#000000"))
        QTest.mouseMove(panel.canvas, where)
        day_two = last.date + dt.timedelta(days=2)
        qtbot.waitUntil(lambda: panel.point_label.text().startswith("Forecast · day 2"))
        assert "range" in panel.point_label.text() and str(day_two.day) in panel.point_label.text()
        # Ratings arrive: drawn beside the forecast, which stays as it was.
        day_one = last.date + dt.timedelta(days=1)
        if day_one <= TODAY:
            service.apply(
                JournalChange(
                    ratings={
                        (day_one, region): SorenessRating(day_one, region, 6)
                        for region in ("quadriceps.left", "quadriceps.right")
                    }
                ),
                "rate",
            )
            qtbot.waitUntil(lambda: "Quads" in labels(panel))
            assert dashed(panel) == points
    finally:
        service.close()


def test_a_leg_day_without_sets_has_no_forecast_line(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = trained(path, rated_after_last=True)
    plain = Journal(
        tuple(dataclasses.replace(day, sets=()) for day in journal.leg_days),
        journal.ratings,
    )
    (tmp_path / "plain").mkdir()
    other = tmp_path / "plain" / "journal.sqlite3"
    filled_store(other, plain).close()
    service = JournalService(other)
    service.open()
    try:
        panel = open_panel(qtbot, service)
        assert not [line for line in panel.axes.get_lines() if "forecast" in str(line.get_label())]
        assert FORECAST_RANGE_LABEL not in labels(panel)
    finally:
        service.close()
