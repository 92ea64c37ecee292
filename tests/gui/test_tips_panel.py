"""The Today panel: warnings at the top at once, tips with reasons, and the tips browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import click_region, open_window
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.tips_panel import TipsBrowser

TODAY = dt.date.today()


@pytest.fixture
def leg_day_window(qtbot: QtBot, database: Path) -> MainWindow:
    leg_day = LegDay(TODAY - dt.timedelta(days=2), "Squat day", ("Squat", "Lunge"))
    filled_store(database, Journal(leg_days=(leg_day,))).close()
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: bool(window.tips_panel.chosen), timeout=3000)
    return window


def test_dark_urine_puts_the_warning_on_top_at_once_and_undo_works(
    leg_day_window: MainWindow, qtbot: QtBot
) -> None:
    window = leg_day_window
    panel = window.tips_panel
    assert panel.urgent_area.isHidden()
    box = window.check_in_panel.symptom_boxes[WarningSymptom.DARK_URINE]
    box.click()
    qtbot.waitUntil(lambda: panel.urgent_area.isVisible(), timeout=2000)
    assert "Seek medical attention" in panel.urgent_box.text()
    assert "You reported dark (tea- or cola-coloured) urine today" in panel.urgent_box.text()
    assert "creatine kinase (CK)" in panel.urgent_box.text()  # what to do, once
    assert panel.check_box.isHidden()
    assert "held back while an urgent warning stands" in panel.tips_label.text()
    assert panel.chosen[0].tip.id == "see-doctor-dark-urine" and panel.chosen[0].urgent
    # The warning comes first on the Advice page, so no tip can push it out of view, and
    # the page is one scrolling box: nothing scrolls inside it.
    assert panel.content.layout().indexOf(panel.urgent_area) == 0
    assert panel.content.findChildren(QScrollArea) == []
    box.click()
    qtbot.waitUntil(lambda: panel.urgent_area.isHidden(), timeout=2000)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.urgent_area.isVisible(), timeout=2000)
    assert box.isChecked()


def test_tips_follow_the_ratings_with_their_reasons(
    leg_day_window: MainWindow, qtbot: QtBot
) -> None:
    window = leg_day_window
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_6)

    def massage_reason() -> str:
        return next(
            (c.reason for c in window.tips_panel.chosen if c.tip.id == "relief-massage"), ""
        )

    qtbot.waitUntil(lambda: "sore now: quads (up to 6)" in massage_reason(), timeout=2000)
    assert massage_reason().endswith("It suits your quads.")
    assert "Massage" in window.tips_panel.tips_label.text()
    assert "Next leg day: likely fine from" in window.tips_panel.readiness_label.text()
    assert "not medical advice" in window.tips_panel.disclaimer.text()


def test_no_leg_day_says_how_to_start(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: bool(window.tips_panel.chosen), timeout=3000)
    assert window.tips_panel.chosen[0].tip.id == "getting-started"


def test_browse_all_tips_with_search_and_categories(qtbot: QtBot) -> None:
    browser = TipsBrowser()
    qtbot.addWidget(browser)
    assert browser.list.count() >= 30
    browser.search.setText("foam")
    titles = [browser.list.item(i).text() for i in range(browser.list.count())]
    assert titles and all("foam" in t.lower() or "Massage" in t or "Relief" in t for t in titles)
    browser.search.clear()
    browser.category.setCurrentIndex(browser.category.findData("other_causes"))
    titles = [browser.list.item(i).text() for i in range(browser.list.count())]
    assert titles and all(t.endswith("Other causes") for t in titles)
    assert "Source:" in browser.detail.toPlainText()
    browser.search.setText("zzzz")
    assert browser.list.count() == 0 and "No tip matches" in browser.detail.toPlainText()


def test_alerts_show_their_reasons_in_the_panel_and_the_banner(
    qtbot: QtBot, database: Path
) -> None:
    from legday_desktop.domain.soreness import SorenessRating

    leg_day = LegDay(TODAY - dt.timedelta(days=6), "Hinge day", ("Romanian deadlift",))
    filled_store(
        database,
        Journal(
            leg_days=(leg_day,),
            ratings=(
                SorenessRating(TODAY, "hamstrings.left", 6),
                SorenessRating(TODAY, "hamstrings.right", 1),
            ),
        ),
    ).close()
    window = open_window(qtbot, database)
    panel = window.tips_panel
    qtbot.waitUntil(lambda: panel.urgent_area.isVisible(), timeout=3000)
    # Both are to keep an eye on: amber, not red, in the panel and in the banner.
    assert panel.urgent_box.isHidden() and panel.check_box.isVisible()
    text = panel.check_box.text()
    assert "Left hamstring at 6 today (day 6): soreness is usually fading by now" in text
    assert "Left hamstring at 6 but the right hamstring at 1 today (day 6)" in text
    assert window.warning.check.isVisible() and window.warning.urgent.isHidden()
    assert window.warning.check.lines == tuple(alert.message for alert in _alerts(window))
    assert "no date while a warning stands" in panel.readiness_label.text()
    # The strip's Details shows them in full: the Advice page, scrolled to its top.
    window.side_tabs.setCurrentIndex(window.side_tabs.indexOf(window.check_in_page))
    panel.scroller.verticalScrollBar().setValue(panel.scroller.verticalScrollBar().maximum())
    window.warning.check.details.click()
    assert window.side_tabs.currentWidget() is panel
    assert panel.scroller.verticalScrollBar().value() == 0
    assert panel.urgent_area.isVisible()


def _alerts(window: MainWindow) -> list[object]:
    from legday_desktop.services.advice import advice_for

    assert window.service is not None
    return list(advice_for(window.service, window.shown_date).alerts)
