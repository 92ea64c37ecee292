"""Every stop a keyboard reaches has a name a screen reader says; the date field is one stop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import open_window
from helpers.journals import filled_store
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from legday_desktop.ui.main_window import MainWindow

LEG_DAY = dt.date(2026, 3, 6)  # small_journal's second leg day
WORKOUTS = Path(__file__).parent.parent / "data" / "workouts" / "strong_comma.csv"


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_stops(top: QWidget) -> list[str]:
    """Each widget under ``top`` that takes focus and shows, without an accessible name.

    A part whose focus goes to its parent (a spin box's line edit) is not a stop itself; a
    widget that hands its focus to a part (a tab widget to its tab bar) is still met as a
    focusable thing by a screen reader, so it needs a name too. (Qt does not take a line
    edit's placeholder for its name, and should not: it goes once something is typed.)
    """
    missing = []
    for widget in (top, *top.findChildren(QWidget)):
        if (
            widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            or (widget.focusProxy() is not None and widget.focusProxy() is widget.parent())
            or not (widget is top or widget.isVisibleTo(top))
        ):
            continue
        if not accessible_name(widget):
            where = f"in {top.windowTitle()!r}"
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {where}")
    return missing


@pytest.fixture
def journal_window(qtbot: QtBot, database: Path) -> MainWindow:
    filled_store(database).close()
    window = open_window(qtbot, database)
    window.resize(1366, 768)
    window.show_date(LEG_DAY)
    return window


def test_every_stop_of_every_view_has_a_name(qtbot: QtBot, journal_window: MainWindow) -> None:
    window = journal_window
    missing: list[str] = []
    for index in range(window.side_tabs.count()):  # Advice, Check-in, Regions
        window.side_tabs.setCurrentIndex(index)
        missing += unnamed_stops(window)
    window.show_view("progress")
    panel = window.chart_panel
    assert panel is not None
    for index in range(panel.kind_tabs.count()):  # each chart, with its own options
        panel.kind_tabs.setCurrentIndex(index)
        missing += unnamed_stops(window)
    window.show_view("insights")
    insights = window.insights_panel
    assert insights is not None
    qtbot.waitUntil(lambda: insights.is_up_to_date, timeout=10000)
    missing += unnamed_stops(window)
    missing += unnamed_stops(window.date_edit.calendarWidget())
    assert missing == []


def walk_next_dialog(found: dict[str, list[str]]) -> None:
    """When the next dialog opens, note its unnamed stops under its title, then close it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        found[dialog.windowTitle()] = unnamed_stops(dialog)
        dialog.reject()

    QTimer.singleShot(0, look)


def test_every_stop_of_every_dialog_has_a_name(
    journal_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Legday's own dialogs, opened as a person opens them (the file choosers are Qt's)."""
    window = journal_window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_: (str(WORKOUTS), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *_: (items[0], True))
    found: dict[str, list[str]] = {}
    openers: list[Callable[[], object]] = [
        window.log_leg_day_action.trigger,
        window.edit_leg_day_action.trigger,
        window.import_workouts_action.trigger,
        window.export_report_action.trigger,
        window.guide_action.trigger,
        window.shortcuts_action.trigger,
        window.about_action.trigger,
        window.preferences_action.trigger,
        window.tips_panel.browse_button.click,
    ]
    for open_dialog in openers:
        walk_next_dialog(found)
        open_dialog()
    window.show_view("progress")
    panel = window.chart_panel
    assert panel is not None
    walk_next_dialog(found)
    panel.table_button.click()
    assert len(found) == len(openers) + 1, found.keys()
    assert {title: names for title, names in found.items() if names} == {}


def test_the_date_field_is_one_tab_stop_and_its_value_is_the_date(
    journal_window: MainWindow,
) -> None:
    window = journal_window
    window.activateWindow()
    field = window.date_edit
    window.previous_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.previous_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field
    QTest.keyClick(field, Qt.Key.Key_Tab)  # one press leaves it, not one per part
    assert QApplication.focusWidget() is window.next_button
    QTest.keyClick(window.next_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is field
    # The keys still work inside: Home goes to the weekday, Down goes back a day.
    QTest.keyClick(field, Qt.Key.Key_Home)
    QTest.keyClick(field, Qt.Key.Key_Down)
    assert window.shown_date == LEG_DAY - dt.timedelta(days=1)
    interface = QAccessible.queryAccessibleInterface(field)
    value = interface.valueInterface()
    # Numbers (all AT-SPI carries), the date in ISO 8601's basic form; its words are the text.
    assert value.currentValue() == 20260305
    assert value.minimumValue() == 17520914  # QDateEdit's earliest day (14 September 1752)
    assert value.maximumValue() == int(dt.date.today().isoformat().replace("-", ""))
    assert interface.text(QAccessible.Text.Value) == field.text() == "Thursday 5 March 2026"
    assert accessible_name(field) == "Shown date"


def _date_value(field: QWidget) -> tuple[float, str]:
    interface = QAccessible.queryAccessibleInterface(field)
    assert interface is not None and interface.valueInterface() is not None
    return interface.valueInterface().currentValue(), interface.text(QAccessible.Text.Value)


def test_the_dialogs_date_fields_say_their_date_and_are_one_tab_stop(qtbot: QtBot) -> None:
    from legday_desktop.ui.leg_day_dialog import LegDayDialog
    from legday_desktop.ui.report_dialog import ReportDialog

    today = dt.date(2026, 3, 10)
    leg_day = LegDayDialog(None, None, LEG_DAY, today)
    report = ReportDialog([], today, dt.date(2026, 2, 11))
    for dialog in (leg_day, report):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    # Was 0 (Qt's QDateEdit has no value a screen reader can read).
    assert _date_value(leg_day.date_edit) == (20260306, "Fri 6 Mar 2026")
    assert _date_value(report.first_edit) == (20260211, "Wed 11 Feb 2026")
    assert _date_value(report.last_edit) == (20260310, "Tue 10 Mar 2026")
    # One Tab press leaves each field (Qt's stops at its day, month and year, unheard).
    leg_day.close()
    report.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is report)
    report.first_edit.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(report.first_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is report.last_edit
    # A date typed over the text is taken, in ISO form too.
    report.last_edit.lineEdit().selectAll()
    QTest.keyClicks(report.last_edit, "2026-03-01")
    QTest.keyClick(report.last_edit, Qt.Key.Key_Return)
    assert report.last_edit.date().toPython() == dt.date(2026, 3, 1)
