"""Warnings in the window: red if urgent, amber to check, no hands-on tips, told to AT."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from conftest import open_window
from helpers.courses import HANDS_ON
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import short_day
from legday_desktop.ui.leg_day_dialog import LegDayDialog
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()
LEG_DAY = LegDay(TODAY - dt.timedelta(days=2), "Calf day", ("Calf raise", "Squat"))


def sore_calves(
    database: Path, *extra: SorenessRating, check_ins: tuple[CheckIn, ...] = ()
) -> None:
    ratings = [SorenessRating(TODAY, f"calves.{side}", 5) for side in ("left", "right")]
    ratings += [SorenessRating(TODAY, f"quadriceps.{side}", 4) for side in ("left", "right")]
    journal = Journal(leg_days=(LEG_DAY,), ratings=(*ratings, *extra), check_ins=check_ins)
    filled_store(database, journal).close()


def shown_tips(window: MainWindow) -> set[str]:
    return {chosen.tip.id for chosen in window.tips_panel.chosen}


def reason(window: MainWindow, tip_id: str) -> str:
    return next(c.reason for c in window.tips_panel.chosen if c.tip.id == tip_id)


def stored_symptoms(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute("SELECT symptom FROM check_in_symptom")]
    finally:
        connection.close()


def test_a_swollen_calf_puts_up_the_red_banner_and_takes_the_hands_on_tips(
    qtbot: QtBot, database: Path
) -> None:
    sore_calves(database)
    window = open_window(qtbot, database)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.advice_shown and "relief-massage" in shown_tips(window))
    assert "calves" in reason(window, "relief-massage")
    assert window.warning.isHidden()
    map_before = window.body_map.geometry()

    box = window.check_in_panel.symptom_boxes[WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED]
    assert box.text() == "One calf or leg swollen, warm or red"
    box.click()
    qtbot.waitUntil(window.warning.isVisible, timeout=2000)
    assert window.warning.urgent.isVisible() and window.warning.check.isHidden()
    assert window.warning.urgent.title.text() == "⚠ Seek medical attention"
    assert "blood clot" in window.warning.text() and "do not massage" in window.warning.text()
    assert stored_symptoms(database) == ["one_leg_swollen_warm_red"]
    # No massage, rolling, heat or pressure for the calves (nor any relief tip at all).
    assert not HANDS_ON & shown_tips(window)
    assert all(chosen.tip.category != "relief" for chosen in window.tips_panel.chosen)
    assert window.tips_panel.chosen[0].tip.id == "see-doctor-clot"
    assert "do not massage" in window.tips_panel.urgent_box.text().lower()

    box.click()  # unticked: the layout is as it was
    qtbot.waitUntil(window.warning.isHidden, timeout=2000)
    qtbot.waitUntil(lambda: "relief-massage" in shown_tips(window), timeout=2000)
    assert window.tips_panel.urgent_area.isHidden()
    # The layout settles as the window's next events run: the map is where it was.
    qtbot.waitUntil(lambda: window.body_map.geometry() == map_before, timeout=2000)
    assert stored_symptoms(database) == []


def test_a_sudden_sharp_pain_is_amber_and_urgent_when_the_leg_takes_no_weight(
    qtbot: QtBot, database: Path
) -> None:
    sore_calves(database)
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: window.advice_shown)
    boxes = window.check_in_panel.symptom_boxes
    boxes[WarningSymptom.SUDDEN_SHARP_PAIN].click()
    qtbot.waitUntil(window.warning.isVisible, timeout=2000)
    assert window.warning.check.isVisible() and window.warning.urgent.isHidden()
    assert window.warning.check.title.text().startswith("Keep an eye on it")
    assert "suggests a strain" in window.warning.text()
    assert not HANDS_ON & shown_tips(window)  # a symptom that names no group: none at all
    boxes[WarningSymptom.CANNOT_BEAR_WEIGHT].click()
    qtbot.waitUntil(window.warning.urgent.isVisible, timeout=2000)
    assert window.warning.check.isHidden()
    assert len(window.warning.urgent.lines) == 1  # one cause, one sentence
    assert "could not put weight on the leg" in window.warning.urgent.lines[0]


def test_a_new_warning_is_an_alert_announced_to_assistive_technology(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sore_calves(database)
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: window.advice_shown)
    sent: list[tuple[QAccessible.Event, str, object]] = []
    real = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            sent.append((event.type(), event.message(), event.politeness()))
        else:
            sent.append((event.type(), "", event.object()))
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    window.check_in_panel.symptom_boxes[WarningSymptom.DARK_URINE].click()
    qtbot.waitUntil(window.warning.isVisible, timeout=2000)
    announcements = [item for item in sent if item[0] == QAccessible.Event.Announcement]
    assert len(announcements) == 1
    _, message, politeness = announcements[0]
    assert message.startswith("⚠ Seek medical attention. You reported dark (tea- or cola")
    assert politeness == QAccessible.AnnouncementPoliteness.Assertive
    assert (QAccessible.Event.Alert, "", window.warning.urgent) in sent
    accessible = QAccessible.queryAccessibleInterface(window.warning.urgent)
    assert accessible.role() == QAccessible.Role.AlertMessage
    assert accessible.text(QAccessible.Text.Name) == "⚠ Seek medical attention"
    assert "dark (tea- or cola-coloured) urine" in accessible.text(QAccessible.Text.Description)

    # An edit while it stands does not say it again; a new, milder one is said politely.
    sent.clear()
    window.body_map.select_region("quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: window.advice_shown, timeout=2000)
    qtbot.wait(100)
    assert not [item for item in sent if item[0] == QAccessible.Event.Announcement]
    window.check_in_panel.symptom_boxes[WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY].click()
    qtbot.waitUntil(window.warning.check.isVisible, timeout=2000)
    (announced,) = [item for item in sent if item[0] == QAccessible.Event.Announcement]
    assert announced[2] == QAccessible.AnnouncementPoliteness.Polite
    assert "locks or gives way" in announced[1]


def test_the_medicines_question_is_asked_once_and_stored_undoably(
    qtbot: QtBot, database: Path
) -> None:
    sore_calves(database, *(SorenessRating(TODAY, f"glutes.{s}", 9) for s in ("left", "right")))
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: window.advice_shown)
    assert "other-medicines" not in shown_tips(window)  # unusual soreness, nothing answered
    statin = window.check_in_panel.statin_box
    assert statin.text() == "I take a statin or started a new medicine in the last weeks"
    statin.click()
    qtbot.waitUntil(lambda: "other-medicines" in shown_tips(window), timeout=2000)
    assert "statin or started a new medicine" in reason(window, "other-medicines")
    connection = sqlite3.connect(database)
    stored = connection.execute(
        "SELECT statin_or_new_medicine, answered_on FROM profile"
    ).fetchall()
    connection.close()
    assert stored == [(1, TODAY.isoformat())]
    window.previous_action.trigger()  # a standing answer: the same on every day
    assert window.check_in_panel.statin_box.isChecked()
    window.today_action.trigger()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.check_in_panel.statin_box.isChecked(), timeout=2000)
    qtbot.waitUntil(lambda: "other-medicines" not in shown_tips(window), timeout=2000)


def test_logging_a_leg_day_while_a_symptom_stands_says_so(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    sore_calves(
        database, check_ins=(CheckIn(yesterday, symptoms=frozenset({WarningSymptom.DARK_URINE})),)
    )
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: window.advice_shown)
    notices: list[str] = []

    def ask(*arguments: object, **_options: object) -> None:
        notices.append(str(arguments[-1]))

    monkeypatch.setattr(LegDayDialog, "ask", ask)
    window.log_leg_day()
    said = short_day(yesterday)
    assert notices and notices[0].startswith(
        f"You reported dark (tea- or cola-coloured) urine on {said}:"
    )
    dialog = LegDayDialog(window, None, TODAY, TODAY, notices[0])
    qtbot.addWidget(dialog)
    assert not dialog.notice_label.isHidden()
    assert "Before you train again" in dialog.notice_label.text()
    plain = LegDayDialog(window, None, TODAY, TODAY)
    qtbot.addWidget(plain)
    assert plain.notice_label.isHidden()
