"""The main window: banner, leg days, check-in and warning, saving, settings, snapshots."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from conftest import answer_message_box, click_region, open_window, stored_levels
from helpers.journals import filled_store, wreck_table
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from legday_desktop.app import start_main_window
from legday_desktop.cli import main
from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import short_day
from legday_desktop.services.journal import JournalService
from legday_desktop.ui.leg_day_dialog import LegDayDecision, LegDayDialog
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()


def test_empty_journal_says_no_leg_day_yet(window: MainWindow, database: Path) -> None:
    assert window.windowTitle() == "Legday"
    assert window.date_edit.date().toPython() == TODAY
    assert window.banner_label.text() == (
        "No leg day yet · log one (Ctrl+L), then click where it hurts"
    )
    assert window.body_map.levels == {}
    assert not window.edit_leg_day_button.isEnabled()
    assert window.journal_label.text() == f"Journal: {database}"


def test_demo_journal_shows_day_n_after(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    window = open_window(qtbot, database)
    # The demo's latest leg day was two days ago.
    assert window.banner_label.text().startswith("Day 2 after leg day · ")
    assert window.body_map.levels
    assert window.body_map.levels == stored_levels(database)


def test_banner_names_leg_day_and_day_n(qtbot: QtBot, database: Path) -> None:
    leg_day = LegDay(TODAY - dt.timedelta(days=2), "Quads", ("Squat", "Lunge"), rpe=8)
    filled_store(database, Journal(leg_days=(leg_day,))).close()
    window = open_window(qtbot, database)
    date = leg_day.date
    expected = f"Day 2 after leg day · {short_day(date)}"
    if date.year != TODAY.year:
        expected += f" {date.year}"
    assert window.banner_label.text() == f"{expected} (squat, lunge)"
    window.previous_action.trigger()
    assert window.banner_label.text().startswith("Day 1 after leg day")
    window.previous_action.trigger()
    assert window.banner_label.text().startswith("Leg day today")
    window.previous_action.trigger()
    assert window.banner_label.text().startswith("No leg day yet")
    window.today_action.trigger()
    assert window.shown_date == TODAY


def test_values_survive_closing_and_reopening(qtbot: QtBot, database: Path) -> None:
    window = open_window(qtbot, database)
    click_region(window, "hamstrings.right")
    QTest.keyClick(window.body_map, Qt.Key.Key_6)
    window.both_sides.setChecked(False)
    window.resize(1000, 600)  # smaller than the default, within the screen
    window.close()
    reopened = open_window(qtbot, database)
    assert reopened.body_map.levels == {"hamstrings.right": 6, "hamstrings.left": 6}
    assert (reopened.width(), reopened.height()) == (1000, 600)
    # The last view comes back too: selection and the both-sides choice.
    assert reopened.body_map.selected_region == "hamstrings.right"
    assert not reopened.both_sides.isChecked()


def test_a_ticked_symptom_shows_the_medical_warning(
    window: MainWindow, database: Path, qtbot: QtBot
) -> None:
    assert window.warning.isHidden()
    window.check_in_panel.symptom_boxes[WarningSymptom.DARK_URINE].click()
    qtbot.waitUntil(window.warning.isVisible, timeout=2000)
    assert window.warning.urgent.isVisible() and window.warning.check.isHidden()
    assert "Seek medical attention" in window.warning.urgent.title.text()
    assert "You reported dark (tea- or cola-coloured) urine today" in window.warning.text()
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT symptom FROM check_in_symptom").fetchall() == [
        ("dark_urine",)
    ]
    connection.close()
    window.close()
    reopened = open_window(qtbot, database)
    qtbot.waitUntil(reopened.warning.isVisible, timeout=2000)
    reopened.undo_action.setEnabled(True)
    reopened.check_in_panel.symptom_boxes[WarningSymptom.DARK_URINE].click()
    qtbot.waitUntil(reopened.warning.isHidden, timeout=2000)


def test_check_in_amounts_are_saved(window: MainWindow, database: Path) -> None:
    panel = window.check_in_panel
    panel.sleep.setValue(7.5)
    panel.sleep.editingFinished.emit()
    panel.water.setValue(2.25)
    panel.water.editingFinished.emit()
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT water_litres, sleep_hours FROM check_in").fetchall() == [
        (2.25, 7.5)
    ]
    connection.close()


def test_logging_editing_and_deleting_a_leg_day(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = TODAY - dt.timedelta(days=1)
    leg_day = LegDay(day, "Hinge", ("Romanian deadlift",), rpe=7, duration_minutes=50)
    monkeypatch.setattr(LegDayDialog, "ask", lambda *_, **__: LegDayDecision(leg_day, None))
    window.log_leg_day_button.click()
    assert window.banner_label.text().startswith("Day 1 after leg day")
    assert window.edit_leg_day_button.isEnabled()

    moved = LegDay(day - dt.timedelta(days=2), "Hinge", ("Romanian deadlift",), rpe=7)
    seen: list[LegDay | None] = []

    def edit(
        _cls: object, _parent: object, current: LegDay | None, *_: object, **__: object
    ) -> LegDayDecision:
        seen.append(current)
        return LegDayDecision(moved, day)

    monkeypatch.setattr(LegDayDialog, "ask", classmethod(edit))
    window.edit_leg_day_action.trigger()
    assert seen == [leg_day]
    assert window.banner_label.text().startswith("Day 3 after leg day")
    monkeypatch.setattr(
        LegDayDialog, "ask", lambda *_, **__: LegDayDecision(None, moved.date, True)
    )
    window.edit_leg_day_action.trigger()
    assert window.banner_label.text().startswith("No leg day yet")
    window.undo_action.trigger()
    assert window.banner_label.text().startswith("Day 3 after leg day")


def test_leg_day_dialog_builds_the_leg_day(qtbot: QtBot) -> None:
    dialog = LegDayDialog(None, None, TODAY, TODAY)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Legs")
    dialog.exercise_list.item(0).setCheckState(Qt.CheckState.Checked)  # Squat
    dialog.other_exercises.setText("Sled push, Nordic curl")
    dialog.rpe.setValue(9)
    dialog.duration.setValue(55)
    leg_day = dialog.leg_day()
    assert leg_day == LegDay(TODAY, "Legs", ("Squat", "Sled push", "Nordic curl"), 9, 55)
    dialog.rpe.setValue(0)
    assert dialog.leg_day().rpe is None  # "not set"
    dialog.other_exercises.setText("x" * 150)
    dialog._save()
    assert dialog.error_label.isVisibleTo(dialog)
    assert "exercises" in dialog.error_label.text()


def test_a_failed_write_is_explained_and_changes_nothing(qtbot: QtBot, database: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    service = JournalService(database, parent=window, busy_timeout_ms=50)
    service.open()
    window.attach(service)
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    shown: list[str] = []
    try:
        click_region(window, "quadriceps.left")
        answer_message_box("Not now", shown)
        QTest.keyClick(window.body_map, Qt.Key.Key_4)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert shown and f"Set both quads to 4 on {short_day(TODAY)}" in shown[0]
    assert "database is locked" in shown[0]
    assert "Nothing of this change was stored" in shown[0]
    assert stored_levels(database) == {} == window.body_map.levels
    assert not service.undo_stack.canUndo()
    window.close()


def test_a_failed_write_can_be_retried_once_the_lock_is_gone(qtbot: QtBot, database: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    service = JournalService(database, parent=window, busy_timeout_ms=50)
    service.open()
    window.attach(service)
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    click_region(window, "calves.left")

    def release_then_retry() -> None:
        blocker.execute("ROLLBACK")
        blocker.close()
        answer_message_box("Retry")

    # The first dialog: the other program lets go, then the user clicks Retry.
    QTimer.singleShot(0, release_then_retry)
    QTest.keyClick(window.body_map, Qt.Key.Key_7)
    assert stored_levels(database) == {"calves.left": 7, "calves.right": 7}
    assert window.body_map.levels == {"calves.left": 7, "calves.right": 7}
    assert service.undo_stack.canUndo()
    window.close()


def test_a_damaged_journal_offers_a_way_on_and_is_never_written(
    qtbot: QtBot, database: Path
) -> None:
    filled_store(database).close()
    wreck_table(database, "leg_day")
    damaged = database.read_bytes()
    shown: list[str] = []
    answer_message_box("Quit", shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.open_error is not None, timeout=5000)
    assert "Your journal file is damaged" in shown[0]
    assert "is damaged (" in shown[0]
    assert "There is no good backup" in shown[0]
    assert not window.journal_open
    assert database.read_bytes() == damaged
    # Nothing set aside, nothing backed up: only SQLite's own (empty) side files appear.
    names = {p.name for p in database.parent.iterdir()} - {database.name}
    assert names <= {f"{database.name}-wal", f"{database.name}-shm"}


def test_a_damaged_journal_can_be_restored_from_its_newest_backup(
    qtbot: QtBot, database: Path
) -> None:
    filled_store(database).close()
    before = stored_levels(database, dt.date(2026, 3, 3))
    assert before
    assert main(["backup", "--db", str(database)]) == 0
    wreck_table(database, "soreness")
    damaged = database.read_bytes()
    shown: list[str] = []
    answer_message_box("Restore the backup", shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    assert "The newest good backup is from" in shown[0]
    assert stored_levels(database, dt.date(2026, 3, 3)) == before
    (kept,) = database.parent.glob(f"{database.name}.damaged-????????-??????")
    assert kept.read_bytes() == damaged
    assert "the damaged file is kept as" in window.statusBar().currentMessage()
    window.close()


def test_a_damaged_journal_can_be_set_aside_for_a_new_one(qtbot: QtBot, database: Path) -> None:
    database.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)  # header, then noise
    damaged = database.read_bytes()
    answer_message_box("Start a new journal")
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    assert window.body_map.levels == {}
    (kept,) = database.parent.glob(f"{database.name}.damaged-????????-??????")
    assert kept.read_bytes() == damaged
    window.close()


def test_a_file_that_is_not_a_journal_is_explained_not_crashed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    database = tmp_path / "photo.sqlite3"
    database.write_bytes(b"\x89PNG not a database")
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "is not a Legday database" in shown[0]
    assert not window.journal_open
    assert database.read_bytes() == b"\x89PNG not a database"


def test_menus_have_the_standard_shortcuts(window: MainWindow) -> None:
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    shortcuts = {
        window.quit_action: "Ctrl+Q",
        window.undo_action: "Ctrl+Z",
        window.redo_action: "Ctrl+Shift+Z",
        window.previous_action: "Alt+Left",
        window.next_action: "Alt+Right",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys
    window.quit_action.trigger()
    assert not window.isVisible()


def test_status_bar_confirms_saves(window: MainWindow) -> None:
    click_region(window, "knees.right")
    QTest.keyClick(window.body_map, Qt.Key.Key_2)
    day = short_day(TODAY)
    assert window.statusBar().currentMessage() == (f"Saved — Set both knees to 2 on {day}")


def test_snapshot_command_renders_the_window(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    output = tmp_path / "snap.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "legday_desktop",
            "snapshot",
            "--db",
            str(database),
            "--date",
            (TODAY - dt.timedelta(days=1)).isoformat(),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(output))
    assert (image.width(), image.height()) == (1280, 860)
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "legday_desktop",
            "snapshot",
            "--db",
            str(database),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2 and "--force" in again.stderr


def test_self_test_prints_timings_and_exits_0(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "legday_desktop", "--self-test", "--db", str(database)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["ok"] and report["regions_rated"] > 0
    assert 0 < report["window_shown_s"] <= report["data_painted_s"]
    # The window was on screen, its map drawn, before storage brought in SQLAlchemy.
    assert report["sqlalchemy_loaded_when_shown"] is False


def test_levels_of_another_day_stay_there(window: MainWindow, database: Path) -> None:
    window.previous_action.trigger()
    click_region(window, "glutes.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    yesterday = TODAY - dt.timedelta(days=1)
    assert stored_levels(database, yesterday) == {"glutes.left": 3, "glutes.right": 3}
    assert stored_levels(database) == {}
    window.next_action.trigger()
    assert window.body_map.levels == {}


def test_notes_are_kept_when_a_level_changes(qtbot: QtBot, database: Path) -> None:
    rating = SorenessRating(TODAY, "calves.left", 3, "tight after running")
    filled_store(database, Journal(ratings=(rating,))).close()
    window = open_window(qtbot, database)
    window.both_sides.setChecked(False)
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT level, note FROM soreness").fetchall() == [
        (5, "tight after running")
    ]
    connection.close()


def test_a_note_typed_without_enter_is_saved_when_the_day_changes(
    window: MainWindow, database: Path
) -> None:
    note = window.check_in_panel.note
    note.setFocus()
    QTest.keyClicks(note, "slept badly")
    window.previous_action.trigger()  # Alt+Left: the focus stays in the note field
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT date, note FROM check_in").fetchall() == [
        (TODAY.isoformat(), "slept badly")
    ]
    connection.close()


def test_moving_a_leg_day_onto_another_asks_first(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = LegDay(TODAY - dt.timedelta(days=3), "Older", ("Squat",))
    newer = LegDay(TODAY - dt.timedelta(days=1), "Newer", ("Lunge",))
    filled_store(database, Journal(leg_days=(older, newer))).close()
    window = open_window(qtbot, database)
    moved = LegDay(older.date, "Newer", ("Lunge",))
    monkeypatch.setattr(LegDayDialog, "ask", lambda *_, **__: LegDayDecision(moved, newer.date))
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop())
    window.edit_leg_day_action.trigger()
    assert window.banner_label.text().startswith("Day 1 after leg day")  # nothing changed
    answers.append(QMessageBox.StandardButton.Yes)
    window.edit_leg_day_action.trigger()
    assert window.banner_label.text().startswith("Day 3 after leg day")
    assert "(lunge)" in window.banner_label.text()


def test_self_test_reports_a_journal_it_cannot_open(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a journal")
    result = subprocess.run(
        [sys.executable, "-m", "legday_desktop", "--self-test", "--db", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and "not a Legday database" in report["error"]


def test_snapshot_and_self_test_leave_the_users_settings_alone(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    for command in (
        ["snapshot", "--db", str(database), "-o", str(tmp_path / "s.png")],
        ["--self-test", "--db", str(database)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "legday_desktop", *command],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
    config = isolated_user_folders / ".config"
    assert not (config.exists() and list(config.rglob("*.conf")))


def test_after_midnight_today_moves_on(qtbot: QtBot, database: Path) -> None:
    days = [TODAY]
    window = MainWindow(today=lambda: days[-1])
    qtbot.addWidget(window)
    service = JournalService(database, parent=window, today=lambda: days[-1])
    service.open()
    window.attach(service)
    assert window.shown_date == TODAY and not window.next_button.isEnabled()
    days.append(TODAY + dt.timedelta(days=1))
    window._new_day()  # what the midnight timer calls
    assert window.shown_date == days[-1]
    assert window.date_edit.maximumDate().toPython() == days[-1]
    window.close()


def shown_text(label: QLabel) -> str:
    """What a label draws: its text as it is, or the text its rich text renders to."""
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())
    )
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText() if rich else label.text()


HOSTILE = '<img src="https://example.invalid/x.png"><a href="https://example.invalid">Squat</a>'


def test_user_text_that_looks_like_html_is_shown_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    leg_day = LegDay(TODAY - dt.timedelta(days=1), "<b>Bold</b> day", (HOSTILE, "<i>Lunge</i>"))
    filled_store(database, Journal(leg_days=(leg_day,))).close()
    window = open_window(qtbot, database)
    banner = shown_text(window.banner_label)
    assert f"({HOSTILE.lower()}, <i>lunge</i>)" in banner
    window.close()
    # A read-only window names its reason, with a path that looks like HTML, as it is.
    folder = tmp_path / "<img src=x><u>folder"
    folder.mkdir()
    other = folder / "journal.sqlite3"
    filled_store(other, Journal(leg_days=(leg_day,))).close()
    holder = JournalService(other)
    holder.open()
    try:
        second = open_window(qtbot, other)
        assert f"{other} is open in another Legday window" in shown_text(second.read_only_bar)
        second.close()
    finally:
        holder.close()


def test_the_banner_stops_counting_days_after_the_recovery_window(
    qtbot: QtBot, database: Path
) -> None:
    from legday_desktop.domain.recovery import RECOVERY_WINDOW_DAYS

    leg_day = LegDay(TODAY - dt.timedelta(days=14), "Quads", ("Squat",))
    rating = SorenessRating(TODAY, "calves.left", 1)
    filled_store(database, Journal(leg_days=(leg_day,), ratings=(rating,))).close()
    window = open_window(qtbot, database)
    day = short_day(leg_day.date) + (
        f" {leg_day.date.year}" if leg_day.date.year != TODAY.year else ""
    )
    assert window.banner_label.text() == (
        f"No leg day in the last {RECOVERY_WINDOW_DAYS} days · the last one {day} (squat)"
    )
    # Within the window it counts as before; the stored days-after do not change.
    for _ in range(14 - RECOVERY_WINDOW_DAYS):
        window.previous_action.trigger()
    assert window.banner_label.text().startswith(f"Day {RECOVERY_WINDOW_DAYS} after leg day · ")
    window.close()
    from helpers.processes import legday_text

    exported = legday_text("--db", database, "export", "--format", "csv").stdout
    assert f"{TODAY.isoformat()},calves.left,1,{leg_day.date.isoformat()},14," in exported


def test_the_calendar_marks_leg_days_and_rated_days_and_greys_the_future(
    qtbot: QtBot, database: Path
) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtGui import QFont

    def qdate(day: dt.date) -> QDate:
        return QDate(day.year, day.month, day.day)

    leg_day = LegDay(TODAY - dt.timedelta(days=2), "Legs", ("Squat",))
    rated = TODAY - dt.timedelta(days=1)
    filled_store(
        database,
        Journal(leg_days=(leg_day,), ratings=(SorenessRating(rated, "quadriceps.left", 5),)),
    ).close()
    window = open_window(qtbot, database)
    calendar = window.date_edit.calendarWidget()
    calendar.setCurrentPage(TODAY.year, TODAY.month)
    calendar.show()  # as the date field's popup opens
    qtbot.waitUntil(lambda: calendar.dateTextFormat(qdate(rated)).background().style() != 0)
    leg_day_marks = calendar.dateTextFormat(qdate(leg_day.date))
    assert leg_day_marks.fontWeight() == QFont.Weight.Bold and leg_day_marks.fontUnderline()
    assert calendar.dateTextFormat(qdate(TODAY)).isEmpty()  # nothing rated today yet
    tomorrow = calendar.dateTextFormat(qdate(TODAY + dt.timedelta(days=1)))
    assert tomorrow.foreground().color() == calendar.palette().color(
        QtGui.QPalette.ColorRole.PlaceholderText
    )
    assert calendar.maximumDate() == qdate(TODAY)  # and it cannot be chosen
    # Rating today marks it the next time the calendar opens.
    calendar.hide()
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    calendar.show()
    assert calendar.dateTextFormat(qdate(TODAY)).background().style() != 0
    calendar.hide()


@pytest.mark.parametrize(
    ("locale", "typed"),
    [
        ("en_GB", "2026-03-03"),
        ("en_GB", "3/3/2026"),
        ("en_GB", "03/03/26"),
        ("en_US", "3/3/26"),
        ("de_DE", "3.3.2026"),
        ("en_GB", "3 March 2026"),
    ],
)
def test_a_date_typed_into_the_date_field_shows_that_day(
    qtbot: QtBot, database: Path, locale: str, typed: str
) -> None:
    from PySide6.QtCore import QLocale

    filled_store(database).close()
    window = open_window(qtbot, database)
    field = window.date_edit
    field.setLocale(QLocale(locale))
    field.lineEdit().selectAll()
    QTest.keyClicks(field.lineEdit(), typed)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.shown_date == dt.date(2026, 3, 3)
    assert window.body_map.levels == {"quadriceps.left": 5, "quadriceps.right": 6}
    assert window.banner_label.text().startswith("Day 1 after leg day")


def test_a_typed_future_date_or_nonsense_leaves_the_shown_day(qtbot: QtBot, database: Path) -> None:
    filled_store(database).close()
    window = open_window(qtbot, database)
    field = window.date_edit
    for typed in [(TODAY + dt.timedelta(days=1)).isoformat(), "next tuesday", "2026-02-30"]:
        field.lineEdit().selectAll()
        QTest.keyClicks(field.lineEdit(), typed)
        QTest.keyClick(field, Qt.Key.Key_Return)
        field.clearFocus()
        assert window.shown_date == TODAY, typed


def test_help_has_a_guide_on_f1_and_every_shortcut_on_ctrl_slash(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legday_desktop.ui import help_dialogs

    window = open_window(qtbot, database)
    opened: list[QtWidgets.QDialog] = []
    monkeypatch.setattr(help_dialogs.QDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    (guide,) = opened
    assert isinstance(guide, help_dialogs.GuideDialog)
    text = guide.browser.toPlainText()
    assert text.startswith("Using Legday")
    assert "Legday gives general information, not medical advice." in text
    QTest.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    shortcuts = opened[1]
    assert isinstance(shortcuts, help_dialogs.ShortcutsDialog)
    table = shortcuts.table
    rows = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert rows["Ctrl+L"] == "Edit → Log leg day"
    assert rows["Ctrl+Z"] == "Edit → Undo"
    assert rows["F1"] == "Help → Guide"
    assert rows["Ctrl+/"] == "Help → Keyboard shortcuts"
    assert rows["1 then 0"] == "Set level 10"
    # Every shortcut of every menu is in the list.
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for item in menu.actions():
            for key in item.shortcuts():
                assert any(key.toString() in keys for keys in rows), key.toString()


def test_the_map_the_table_and_the_journal_agree_after_every_kind_of_level_edit(
    qtbot: QtBot, database: Path
) -> None:
    today = dt.date.today()
    service = JournalService(database)
    service.open()
    service.set_levels(today, {"calves.left": 3})
    service.close()
    window = open_window(qtbot, database)

    def table_levels() -> dict[str, int]:
        model = window.region_model
        shown = {}
        for row in range(model.rowCount()):
            text = model.index(row, model.LEVEL).data()
            if text.isdigit():
                shown[model.region_id(row)] = int(text)
        return shown

    def agree() -> dict[str, int]:
        stored = stored_levels(database, today)
        assert window.body_map.levels == table_levels() == stored
        return stored

    window.both_sides.setChecked(True)
    click_region(window, "quadriceps.left")
    QTest.mouseClick(window.level_picker.buttons[7], Qt.MouseButton.LeftButton)
    assert agree() == {"calves.left": 3, "quadriceps.left": 7, "quadriceps.right": 7}
    window.both_sides.setChecked(False)
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_Delete)
    assert agree() == {"quadriceps.left": 7, "quadriceps.right": 7}
    QTest.keyClick(window.body_map, Qt.Key.Key_1)
    QTest.keyClick(window.body_map, Qt.Key.Key_0)  # "10": one change merged into the last
    assert agree()["calves.left"] == 10
    window.service.undo_stack.undo()
    assert "calves.left" not in agree()
    window.service.undo_stack.undo()
    assert agree() == {"quadriceps.left": 7, "quadriceps.right": 7, "calves.left": 3}
    # The line under the map and the level buttons follow the selected region's level.
    assert "Left calf — 3" in window.selection_label.text()
    bold = [level for level, button in window.level_picker.buttons.items() if button.font().bold()]
    assert bold == [3]
    window.close()


def test_every_menu_action_is_a_declared_attribute_of_the_window(window: MainWindow) -> None:
    # build_actions puts each action on the window as <name>_action; MainWindow declares
    # them so that strict mypy checks their use (a new entry must be declared too).
    from legday_desktop.ui.actions import ACTIONS

    declared = typing.get_type_hints(MainWindow)
    for spec in ACTIONS:
        attribute = f"{spec.name}_action"
        assert attribute in declared, f"MainWindow does not declare {attribute}"
        assert getattr(window, attribute) is window.action_registry[spec.name]
