"""Insights shows the forecast against the person's ratings, once leg days with sets allow it.

In the window as a person opens it, then on the panel alone while the journal changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import open_window
from helpers.journals import filled_store
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction
from legday_desktop.domain.demo import demo_journal, training_demo_journal
from legday_desktop.domain.insights import NO_SETS_CHECKED, forecast_check
from legday_desktop.domain.journal import Journal, JournalChange
from legday_desktop.domain.recovery import day_values
from legday_desktop.services.insights import Insights, journal_insights
from legday_desktop.services.journal import JournalService
from legday_desktop.ui.insight_charts import ForecastCheckChart
from legday_desktop.ui.insights_panel import (
    FORECAST_CHECKING,
    FORECAST_HEADING,
    IMPORT_HINT,
    RATE_HINT,
    InsightsPanel,
)
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()


def without_sets(journal: Journal) -> Journal:
    return dataclasses.replace(
        journal, leg_days=tuple(dataclasses.replace(day, sets=()) for day in journal.leg_days)
    )


def insights_in_window(qtbot: QtBot, database: Path, size: tuple[int, int]) -> MainWindow:
    window = open_window(qtbot, database)
    window.resize(*size)
    window.show_view("insights")
    qtbot.waitUntil(lambda: window.insights_panel is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.insights_panel.is_up_to_date, timeout=5000)  # type: ignore[union-attr]
    return window


def text_pixels(image: QImage, area: QRect, text: QColor) -> int:
    """How many pixels of ``area`` are (nearly) the text's colour: drawn words or numbers."""
    found = 0
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1):
            pixel = image.pixelColor(x, y)
            if abs(pixel.lightness() - text.lightness()) < 60:
                found += 1
    return found


def test_twenty_leg_days_show_the_forecast_against_the_ratings(
    qtbot: QtBot, database: Path, tmp_path: Path
) -> None:
    journal = training_demo_journal(TODAY, leg_days=20)
    filled_store(database, journal).close()
    check = forecast_check(journal.leg_days, day_values(journal.ratings))
    assert check.error is not None and check.error < 1.5
    window = insights_in_window(qtbot, database, (1366, 768))
    panel = window.insights_panel
    assert panel is not None
    text = panel.text()
    assert FORECAST_HEADING in text
    assert (
        f"Your forecast was off by {check.error:.1f} levels on average over 20 leg days left "
        "out in turn, each forecast from your other leg days."
    ) in text
    (chart,) = panel.findChildren(ForecastCheckChart)
    qtbot.waitUntil(chart.isVisible, timeout=2000)
    described = chart.accessibleDescription()
    assert f"{len(check.pairs)} rated levels after 20 leg days left out in turn" in described
    # In view once scrolled to: as large as it asks, nothing cut off sideways.
    qtbot.waitUntil(lambda: chart.size() == chart.sizeHint(), timeout=2000)  # laid out
    panel.scroller.ensureWidgetVisible(chart)
    qtbot.waitUntil(lambda: chart.visibleRegion().boundingRect() == chart.rect(), timeout=2000)
    assert panel.scroller.horizontalScrollBar().maximum() == 0
    window.grab().save(str(tmp_path / "insights-forecast.png"))
    # The axes are labelled: words under the plot and up its left edge.
    image = chart.grab().toImage()
    text_colour = chart.palette().color(QPalette.ColorRole.WindowText)
    line = chart.fontMetrics().height()
    below = QRect(0, chart.height() - line, chart.width(), line)
    left_edge = QRect(0, 0, round(line * 1.2), chart.height())
    assert text_pixels(image, below, text_colour) > 30
    assert text_pixels(image, left_edge, text_colour) > 30
    assert chart.X_TITLE == "Forecast (0–10)" and chart.Y_TITLE == "Your rating (0–10)"
    window.close()


def test_a_few_leg_days_with_sets_say_how_many_more_are_needed(
    qtbot: QtBot, database: Path
) -> None:
    filled_store(database, training_demo_journal(TODAY, leg_days=2)).close()
    window = insights_in_window(qtbot, database, (1366, 768))
    assert window.insights_panel is not None
    text = window.insights_panel.text()
    assert (
        "Forecasts stay close to the typical course until 6 leg days have both logged sets "
        f"and ratings: you have 2. {IMPORT_HINT}"
    ) in text
    assert IMPORT_HINT == "Import your training log with File → Import workouts…"
    assert not window.insights_panel.findChildren(ForecastCheckChart)
    window.close()


def test_sets_that_were_never_rated_ask_for_ratings(qtbot: QtBot, database: Path) -> None:
    journal = training_demo_journal(TODAY, leg_days=8)
    filled_store(database, dataclasses.replace(journal, ratings=())).close()
    window = insights_in_window(qtbot, database, (1366, 768))
    assert window.insights_panel is not None
    assert f"ratings: you have none yet. {RATE_HINT}" in window.insights_panel.text()
    assert not window.insights_panel.findChildren(ForecastCheckChart)
    window.close()


def test_without_sets_one_short_line_says_so(qtbot: QtBot, database: Path) -> None:
    filled_store(database, demo_journal(TODAY)).close()
    window = insights_in_window(qtbot, database, (1366, 768))
    panel = window.insights_panel
    assert panel is not None
    text = panel.text()
    line = f"No leg day has logged sets yet, so forecasts use the typical course. {IMPORT_HINT}"
    assert text.endswith(line)
    assert FORECAST_HEADING not in text and "Your forecast was off" not in text
    assert not panel.findChildren(ForecastCheckChart)
    section = panel.forecast_section
    assert section is not None  # once laid out: one line high at this width, no empty box
    qtbot.waitUntil(lambda: section.height() < 3 * section.fontMetrics().height(), timeout=2000)
    window.close()


# --- the panel on its own journal ----------------------------------------------------


@pytest.fixture
def service(database: Path) -> Iterator[JournalService]:
    filled_store(database, training_demo_journal(TODAY, leg_days=20)).close()
    service = JournalService(database)
    service.open()
    yield service
    service.close()


def open_panel(
    qtbot: QtBot, service: JournalService, size: tuple[int, int] = (1366, 700)
) -> InsightsPanel:
    panel = InsightsPanel(service)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    return panel


@dataclasses.dataclass
class Shown:
    """What the panel showed at one of the keeper's updates, and whether a check was running."""

    insights: Insights
    checking: bool
    text: str


def watch(panel: InsightsPanel) -> list[Shown]:
    """Each update the panel shows from now on (recorded once the panel has shown it)."""
    shown: list[Shown] = []
    assert panel.keeper is not None
    keeper = panel.keeper
    keeper.updated.connect(
        lambda insights: shown.append(Shown(insights, keeper.checking_forecast, panel.text()))
    )
    return shown


def test_the_check_is_worked_out_off_the_interface_thread(
    qtbot: QtBot, service: JournalService
) -> None:
    panel = InsightsPanel(service)
    qtbot.addWidget(panel)
    shown = watch(panel)
    panel.resize(1366, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    complete = [one for one in shown if one.insights.complete]
    # The rest was shown while a worker checked the forecast, then the check.
    assert complete[0].checking and complete[0].insights.forecast is None
    assert FORECAST_CHECKING in complete[0].text
    assert not complete[-1].checking and complete[-1].insights.forecast is not None
    assert FORECAST_CHECKING not in panel.text() and "Your forecast was off by" in panel.text()
    assert panel.keeper is not None
    assert panel.keeper.insights() == journal_insights(service, TODAY)


def test_a_rating_after_a_leg_day_with_sets_checks_the_forecast_again(
    qtbot: QtBot, service: JournalService
) -> None:
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert panel.keeper is not None
    (chart,) = panel.findChildren(ForecastCheckChart)
    before = chart.check
    shown = watch(panel)
    newest = service.leg_days()[-1].date
    service.set_levels(newest + dt.timedelta(days=1), {"quadriceps.left": 10, "glutes.left": 0})
    qtbot.waitUntil(lambda: len(shown) == 2 and panel.is_up_to_date, timeout=5000)
    # At once the edited leg day with the check as it was; then the check worked out again.
    assert shown[0].checking and shown[0].insights.forecast == before
    assert not shown[1].checking and shown[1].insights.forecast != before
    assert panel.findChildren(ForecastCheckChart) == [chart]  # the same picture, new dots
    assert chart.check == shown[1].insights.forecast == journal_insights(service, TODAY).forecast
    # A check-in is nothing the forecast learns from: no check.
    service.save_check_in(CheckIn(TODAY, actions=frozenset({RecoveryAction.COLD})))
    panel.refresh()
    assert not panel.keeper.checking_forecast and panel.is_up_to_date


def test_a_journal_without_sets_never_starts_a_check(qtbot: QtBot, database: Path) -> None:
    journal = without_sets(training_demo_journal(TODAY, leg_days=20))
    filled_store(database, journal).close()
    service = JournalService(database)
    service.open()
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert panel.keeper is not None
    newest = journal.leg_days[-1]
    steps: list[Callable[[], bool]] = [
        lambda: service.set_levels(newest.date + dt.timedelta(days=1), {"quadriceps.left": 9}),
        lambda: service.save_leg_day(dataclasses.replace(newest, title="Renamed")),
    ]
    for step in steps:
        step()
        panel.refresh()
        assert not panel.keeper.checking_forecast and panel.is_up_to_date
        insights = panel.keeper.insights()
        assert insights is not None and insights.forecast == NO_SETS_CHECKED
    service.close()


def test_importing_sets_brings_the_picture(qtbot: QtBot, database: Path) -> None:
    journal = training_demo_journal(TODAY, leg_days=20)
    filled_store(database, without_sets(journal)).close()
    service = JournalService(database)
    service.open()
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert "No leg day has logged sets yet" in panel.text()
    change = JournalChange(leg_days={day.date: day for day in journal.leg_days})
    assert service.import_leg_days(change, "Import workouts from strong.csv")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert "Your forecast was off by" in panel.text()
    assert len(panel.findChildren(ForecastCheckChart)) == 1
    service.undo_stack.undo()  # the sets gone again: one line again
    panel.refresh()
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert "No leg day has logged sets yet" in panel.text()
    qtbot.waitUntil(lambda: not panel.findChildren(ForecastCheckChart), timeout=2000)
    service.close()


@pytest.mark.parametrize("size", [(1000, 420), (1366, 768), (1900, 830)])
@pytest.mark.parametrize("dark", [False, True])
def test_the_picture_fits_the_window_in_light_and_dark(
    qtbot: QtBot, service: JournalService, tmp_path: Path, size: tuple[int, int], dark: bool
) -> None:
    panel = open_panel(qtbot, service, size)
    if dark:
        palette = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
        ):
            palette.setColor(role, QColor(colour))
        panel.setPalette(palette)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    (chart,) = panel.findChildren(ForecastCheckChart)
    qtbot.waitUntil(lambda: chart.size() == chart.sizeHint(), timeout=2000)
    section = panel.forecast_section
    assert section is not None
    # The words beside the picture are never squeezed below a few words a line.
    for label in section.findChildren(type(panel.disclaimer)):
        if label.isVisible() and label.text().startswith("Your forecast"):
            assert label.width() >= 20 * label.fontMetrics().averageCharWidth()
    assert panel.scroller.horizontalScrollBar().maximum() == 0
    panel.grab().save(str(tmp_path / "insights.png"))
