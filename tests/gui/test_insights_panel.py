"""The Insights tab: pictures with short sentences, the last leg day, habits only with enough data.

The first tests open Insights the way a person does, in the window; the others build the
panel on a real journal, as the window does once it passes its service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import open_window
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction
from legday_desktop.domain.demo import demo_journal
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.services.insights import journal_insights
from legday_desktop.services.journal import JournalService
from legday_desktop.ui.insight_charts import HabitComparisonChart, RecoveryTrendChart
from legday_desktop.ui.insights_panel import READING, InsightsPanel
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()


def show_insights(qtbot: QtBot, window: MainWindow) -> str:
    """Click the Insights view's tab, as a person would, and read what it says."""
    tabs = window.view_tabs
    index = window.VIEWS.index("insights")
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    qtbot.waitUntil(lambda: window.insights_shown, timeout=5000)
    assert window.insights_panel is not None
    qtbot.waitUntil(lambda: window.insights_panel.is_up_to_date, timeout=5000)  # type: ignore[union-attr]
    return window.insights_panel.text()


def quad_weeks(weeks: int = 8) -> Journal:
    """Weekly quad days, all rated; massage after 4 of them, cold only after 2."""
    leg_days, ratings, check_ins = [], [], []
    start = TODAY - dt.timedelta(weeks=weeks + 2)
    for week in range(weeks):
        day = start + dt.timedelta(weeks=week)
        leg_days.append(LegDay(date=day, exercises=("Leg extension",)))
        for offset, level in ((1, 6), (2, 4 if week % 2 else 3), (3, 2)):
            date = day + dt.timedelta(days=offset)
            ratings += [
                SorenessRating(date, f"quadriceps.{side}", level) for side in ("left", "right")
            ]
        actions = set()
        if week % 2 == 0:
            actions.add(RecoveryAction.FOAM_ROLLING_OR_MASSAGE)
        if week < 2:
            actions.add(RecoveryAction.COLD)
        check_ins.append(
            CheckIn(day + dt.timedelta(days=1), actions=frozenset(actions), water_litres=2.0)
        )
    return Journal(tuple(leg_days), tuple(ratings), tuple(check_ins))


# --- in the window -------------------------------------------------------------------


def test_the_demo_shows_the_repeated_bout_sentence_and_habits(
    qtbot: QtBot, database: Path, tmp_path: Path
) -> None:
    filled_store(database, demo_journal(TODAY)).close()
    window = open_window(qtbot, database)
    window.resize(1240, 820)
    text = show_insights(qtbot, window)
    window.grab().save(str(tmp_path / "insights.png"))
    assert "How your recovery is changing" in text
    assert "Your legs recover about" in text and "weeks ago (3 similar leg days)." in text
    assert "Your last leg day" in text and "All groups" in text
    assert "Your habits and your soreness" in text
    assert "on days 1–3 with it" in text
    assert "not proof" in text
    assert window.insights_panel is not None
    assert window.insights_panel.findChildren(RecoveryTrendChart)
    assert len(window.insights_panel.findChildren(HabitComparisonChart)) == 1
    assert "general information, not medical advice" in window.insights_panel.disclaimer.text()
    window.close()


def test_habits_with_too_few_leg_days_are_not_shown(qtbot: QtBot, database: Path) -> None:
    filled_store(database, quad_weeks()).close()
    window = open_window(qtbot, database)
    text = show_insights(qtbot, window)
    assert "Foam rolling or massage: with it " in text and ", 4 leg days); without it" in text
    assert "Cold" not in text  # 2 leg days with it: too few to say anything
    assert "Your quads recover about as fast as" in text
    window.close()


def test_an_empty_journal_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    assert window.insights_panel is None  # built when first shown, not at start-up
    text = show_insights(qtbot, window)
    assert text.startswith("No leg days yet. Log a leg day (Ctrl+L)")


def test_insights_follow_an_edit(qtbot: QtBot, database: Path) -> None:
    filled_store(database, demo_journal(TODAY)).close()
    window = open_window(qtbot, database)
    before = show_insights(qtbot, window)
    window.show_view("log")
    window.show_date(TODAY)
    assert window.service is not None
    window.service.set_levels(TODAY, {"calves.left": 9, "calves.right": 9})
    after = show_insights(qtbot, window)
    assert after != before and "Calves" in after
    # With the tab in view, edits show there once they pause (not on every keystroke).
    window.service.set_levels(TODAY, {"calves.left": None, "calves.right": None})
    assert not window.insights_shown
    qtbot.waitUntil(lambda: window.insights_shown, timeout=3000)
    assert window.insights_panel is not None
    qtbot.waitUntil(lambda: window.insights_panel.is_up_to_date, timeout=3000)  # type: ignore[union-attr]
    assert window.insights_panel.text() == before
    window.close()


# --- the panel on its own journal ----------------------------------------------------


@pytest.fixture
def service(database: Path) -> Iterator[JournalService]:
    filled_store(database, demo_journal(TODAY)).close()
    service = JournalService(database)
    service.open()
    yield service
    service.close()


def open_panel(
    qtbot: QtBot, service: JournalService, size: tuple[int, int] = (1340, 540)
) -> InsightsPanel:
    panel = InsightsPanel(service)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    return panel


def test_the_newest_leg_day_shows_at_once_and_the_rest_once_read(
    qtbot: QtBot, service: JournalService
) -> None:
    panel = open_panel(qtbot, service)
    # Shown, before the history has been read: the last leg day, and a word on the rest.
    assert "Your last leg day" in panel.text() and "All groups" in panel.text()
    assert READING in panel.text()
    assert not panel.is_up_to_date
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert READING not in panel.text()
    assert "Your legs recover about" in panel.text()
    expected = journal_insights(service, TODAY)
    assert panel.keeper is not None and panel.keeper.insights() == expected


def test_the_pictures_say_what_they_show(qtbot: QtBot, database: Path) -> None:
    filled_store(database, quad_weeks()).close()
    service = JournalService(database)
    service.open()
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    (habits,) = panel.findChildren(HabitComparisonChart)
    described = habits.accessibleDescription()
    # 4 leg days each way; days 1–3 averaged (6+3+2)/3 with massage, (6+4+2)/3 without.
    assert "Foam rolling or massage: with it 3.7 (95 % interval" in described
    assert "4 leg days); without it 4.0 (95 % interval" in described
    assert habits.accessibleName() == "Soreness on days 1–3 with and without each habit"
    (quads,) = [
        chart
        for chart in panel.findChildren(RecoveryTrendChart)
        if chart.accessibleName().startswith("Days to recover, quads")
    ]
    assert "back to 2 or less on day 3" in quads.accessibleDescription()
    assert "Trend line from 3.0 to 3.0 days." in quads.accessibleDescription()
    service.close()


def test_an_edit_recomputes_its_leg_day_once_clicking_pauses(
    qtbot: QtBot, service: JournalService
) -> None:
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert panel.keeper is not None
    shown: list[object] = []
    panel.keeper.updated.connect(shown.append)
    yesterday = TODAY - dt.timedelta(days=1)
    service.set_levels(yesterday, {"quadriceps.left": 9, "quadriceps.right": 9})
    qtbot.wait(100)  # a person's next click
    service.set_levels(yesterday, {"glutes.left": 8})
    assert not panel.is_up_to_date and shown == []  # nothing recomputed between the clicks
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=3000)
    assert len(shown) == 1
    assert panel.keeper.recomputed == 1  # only the leg day those days belong to
    assert panel.keeper.insights() == journal_insights(service, TODAY)


def test_a_hidden_panel_waits_until_it_is_shown(qtbot: QtBot, service: JournalService) -> None:
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    before = panel.text()
    panel.hide()
    service.set_levels(TODAY, {"calves.left": 9, "calves.right": 9})
    qtbot.wait(400)
    assert panel.text() == before  # nothing computed for a page nobody sees
    panel.show()  # shown again: up to date at once, no pause
    assert panel.is_up_to_date and "Calves" in panel.text()


def test_leg_days_added_moved_and_removed_give_what_a_full_read_gives(
    qtbot: QtBot, service: JournalService
) -> None:
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert panel.keeper is not None
    leg_days = service.leg_days()
    middle = leg_days[len(leg_days) // 2]
    dates = {leg_day.date for leg_day in leg_days}
    moved_to = next(
        middle.date + dt.timedelta(days=offset)
        for offset in (1, -1, 2, -2)
        if middle.date + dt.timedelta(days=offset) not in dates
    )
    steps = [
        lambda: service.delete_leg_day(middle.date),
        lambda: service.undo_stack.undo(),
        lambda: service.save_leg_day(
            LegDay(moved_to, "Moved", middle.exercises),
            replacing=middle.date,
        ),
        lambda: service.save_leg_day(LegDay(TODAY, "Today", ("Squat",))),
        lambda: service.save_check_in(
            CheckIn(TODAY, actions=frozenset({RecoveryAction.COLD}), sleep_hours=9.0)
        ),
        lambda: service.set_levels(TODAY, {"quadriceps.left": 3}),
        lambda: service.undo_stack.undo(),
    ]
    for step in steps:
        step()
        panel.refresh()
        assert panel.keeper.insights() == journal_insights(service, TODAY)
        assert panel.keeper.recomputed <= 2


def test_a_replaced_journal_is_read_again(qtbot: QtBot, service: JournalService) -> None:
    panel = open_panel(qtbot, service)
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    service.journal_replaced.emit("Restored the journal from a backup")
    assert not panel.is_up_to_date
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    assert panel.keeper is not None and panel.keeper.insights() == journal_insights(service, TODAY)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("size", [(1000, 420), (1340, 540), (1900, 830)])
@pytest.mark.parametrize("dark", [False, True])
def test_the_page_fits_the_window_in_light_and_dark(
    qtbot: QtBot, service: JournalService, tmp_path: Path, size: tuple[int, int], dark: bool
) -> None:
    panel = open_panel(qtbot, service, size)
    if dark:
        panel.setPalette(dark_palette())
    qtbot.waitUntil(lambda: panel.is_up_to_date, timeout=5000)
    charts = [*panel.findChildren(RecoveryTrendChart), *panel.findChildren(HabitComparisonChart)]

    def laid_out() -> None:  # once the page's layout has settled
        for chart in charts:
            assert chart.width() >= chart.minimumSizeHint().width()
            assert chart.height() >= chart.minimumSizeHint().height()

    qtbot.waitUntil(laid_out, timeout=2000)
    panel.grab().save(str(tmp_path / "insights.png"))
    assert panel.scroller.horizontalScrollBar().maximum() == 0  # nothing cut off sideways
    trends = panel.findChildren(RecoveryTrendChart)
    # The trend cards sit side by side when the window is wide enough.
    assert len({chart.mapTo(panel, chart.rect().topLeft()).y() for chart in trends}) == 1
