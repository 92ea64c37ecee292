"""The Insights tab: the repeated-bout sentence, the last leg day, habits only with enough data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import open_window
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction
from legday_desktop.domain.demo import demo_journal
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()


def show_insights(qtbot: QtBot, window: MainWindow) -> str:
    """Click the Insights view's tab, as a person would, and read what it says."""
    tabs = window.view_tabs
    index = window.VIEWS.index("insights")
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    qtbot.waitUntil(lambda: window.insights_shown, timeout=5000)
    assert window.insights_panel is not None
    return window.insights_panel.text()


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
    assert "on days 1–3 after the" in text
    assert "not proof" in text
    assert window.insights_panel is not None
    assert "general information, not medical advice" in window.insights_panel.disclaimer.text()
    window.close()


def test_habits_with_too_few_leg_days_are_not_shown(qtbot: QtBot, database: Path) -> None:
    # Weekly quad days, all rated; massage after 4 of them, cold only after 2.
    leg_days, ratings, check_ins = [], [], []
    start = TODAY - dt.timedelta(weeks=10)
    for week in range(8):
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
    filled_store(database, Journal(tuple(leg_days), tuple(ratings), tuple(check_ins))).close()
    window = open_window(qtbot, database)
    text = show_insights(qtbot, window)
    assert "Foam rolling or massage: on days 1–3 after the 4 leg days with it" in text
    assert "after the 4 without it" in text
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
    assert window.insights_panel is not None and window.insights_panel.text() == before
    window.close()
