"""Data safety in the window: read-only journals, a full disk, backing up and restoring."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import (
    answer_message_box,
    answer_message_boxes,
    click_region,
    open_window,
    stored_levels,
)
from helpers.files import (
    checkpoint,
    emptied_with_changes_in_wal,
    set_revision,
    truncate,
    unwritable,
)
from helpers.journals import (
    disk_is_full,
    filled_store,
    nearly_full_journal,
    sqlite_connection_of,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from legday_desktop.app import start_main_window
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.services.locking import JournalLock
from legday_desktop.storage.backup import list_backups, make_backup
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()
NOTE = ("Left knee clicks on the stairs, no swelling. " * 6).strip()


def stored_note(database: Path, date: dt.date = TODAY) -> str | None:
    connection = sqlite3.connect(database)
    try:
        row = connection.execute(
            "SELECT note FROM check_in WHERE date = ?", (date.isoformat(),)
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])


def stored_levels_in(file: Path) -> dict[str, int]:
    connection = sqlite3.connect(file)
    try:
        rows = connection.execute(
            "SELECT region_id, level FROM soreness WHERE date = ?", (TODAY.isoformat(),)
        ).fetchall()
    finally:
        connection.close()
    return dict(rows)


def type_note(window: MainWindow, text: str) -> None:
    """Click into the check-in note, type, press Enter: what a person does."""
    note = window.check_in_panel.note
    QTest.mouseClick(note, Qt.MouseButton.LeftButton)
    note.selectAll()
    QTest.keyClicks(note, text)
    QTest.keyClick(note, Qt.Key.Key_Return)


def texts_today() -> str:
    from legday_desktop.ui import texts

    return texts.short_date(TODAY, TODAY)


def test_a_second_window_on_the_same_journal_only_reads(
    qtbot: QtBot, database: Path, tmp_path: Path
) -> None:
    filled_store(database).close()
    window = open_window(qtbot, database)
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    second = open_window(qtbot, database)
    second.resize(1240, 820)
    assert second.read_only_bar.isVisible()
    assert "Read-only" in second.read_only_bar.text()
    assert "open in another Legday window (process " in second.read_only_bar.text()
    assert second.journal_label.text() == f"Journal (read-only): {database}"
    assert second.body_map.levels == {"quadriceps.left": 5, "quadriceps.right": 5}
    assert not second.body_map.isEnabled() and not second.check_in_panel.isEnabled()
    second.show_date(dt.date(2026, 3, 3))  # a day with a leg day: still nothing to edit
    assert not second.edit_leg_day_button.isEnabled()
    assert not second.edit_leg_day_action.isEnabled()
    second.today_action.trigger()
    assert not second.restore_action.isEnabled()
    assert not window.read_only_bar.isVisible()
    second.grab().save(str(tmp_path / "read-only.png"))
    # Keys and clicks in the read-only window change nothing.
    click_region(second, "calves.left")
    QTest.keyClick(second.body_map, Qt.Key.Key_8)
    assert stored_levels(database) == {"quadriceps.left": 5, "quadriceps.right": 5}
    second.close()
    # The first window still writes; once it is closed, the next one may write too.
    click_region(window, "calves.right")
    QTest.keyClick(window.body_map, Qt.Key.Key_2)
    assert stored_levels(database)["calves.right"] == 2
    window.close()
    third = open_window(qtbot, database)
    assert not third.read_only_bar.isVisible() and third.body_map.isEnabled()
    third.close()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_journal_that_cannot_be_written_opens_read_only(
    qtbot: QtBot, database: Path, what: str
) -> None:
    filled_store(database).close()
    sqlite3.connect(database).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    before = database.read_bytes()
    with unwritable(database if what == "file" else database.parent):
        window = open_window(qtbot, database)
        window.show_date(dt.date(2026, 3, 3))
        assert window.body_map.levels == {"quadriceps.left": 5, "quadriceps.right": 6}
        expected = (
            f"{database} cannot be written (it is read-only)"
            if what == "file"
            else f"{database} cannot be written: its folder {database.parent} is read-only"
        )
        assert expected in window.read_only_bar.text()
        assert not window.body_map.isEnabled()
        window.close()
    assert database.read_bytes() == before


def test_a_full_disk_keeps_the_check_in_in_its_form_until_it_can_be_saved(
    qtbot: QtBot, database: Path
) -> None:
    nearly_full_journal(database)
    window = open_window(qtbot, database)
    service = window.service
    assert service is not None
    disk_is_full(sqlite_connection_of(service._store()))
    shown: list[str] = []
    answer_message_box("Not now", shown)
    type_note(window, NOTE)
    assert "database or disk is full" in shown[0]
    assert "stays in its form" in shown[0]
    assert window.check_in_panel.note.text() == NOTE
    assert window.check_in_panel.title().endswith("not saved yet")
    assert stored_note(database) is None
    # The app stays usable for reading: the map and the advice still show the day.
    assert window.banner_label.text().startswith("No leg day yet")
    assert window.body_map.isEnabled()
    # Looking at another day and coming back asks nothing and loses nothing.
    window.previous_action.trigger()
    assert window.check_in_panel.note.text() == ""
    window.today_action.trigger()
    assert window.check_in_panel.note.text() == NOTE
    assert window.check_in_panel.title().endswith("not saved yet")
    assert len(shown) == 1 and stored_note(database) is None
    # Space is freed; closing offers to try again, and the note is saved.
    sqlite_connection_of(service._store()).execute("PRAGMA max_page_count = 1000000")
    closing: list[str] = []
    answer_message_box("Try saving again", closing)
    assert window.close()
    assert "could not be saved; closing now would lose it" in closing[0]
    assert stored_note(database) == NOTE


def test_closing_with_an_unsaved_check_in_asks_first(qtbot: QtBot, database: Path) -> None:
    nearly_full_journal(database)
    window = open_window(qtbot, database)
    service = window.service
    assert service is not None
    disk_is_full(sqlite_connection_of(service._store()))
    answer_message_box("Not now")
    type_note(window, NOTE)
    # Cancel keeps the window, and the note, on screen.
    answer_message_box("Cancel")
    assert not window.close()
    assert window.isVisible() and window.check_in_panel.note.text() == NOTE
    # Trying again on a disk that is still full fails again, says so, and asks again.
    seen: list[str] = []
    answer_message_boxes(["Try saving again", "Not now", "Close without saving"], seen)
    assert window.close()
    closing = f"The check-in of {texts_today()} could not be saved; closing now would lose it."
    assert seen[0].startswith(closing) and seen[2].startswith(closing)
    assert "database or disk is full" in seen[1]
    assert stored_note(database) is None


def test_retry_after_a_full_disk_saves_the_check_in(qtbot: QtBot, database: Path) -> None:
    nearly_full_journal(database)
    window = open_window(qtbot, database)
    service = window.service
    assert service is not None
    disk_is_full(sqlite_connection_of(service._store()))

    def free_space_then_retry() -> None:
        sqlite_connection_of(service._store()).execute("PRAGMA max_page_count = 1000000")
        answer_message_box("Retry")

    answer_message_box("Retry")  # the first retry fails too: the disk is still full
    QTimer.singleShot(300, free_space_then_retry)
    type_note(window, NOTE)
    assert stored_note(database) == NOTE
    assert service.undo_stack.canUndo()
    window.close()


def test_back_up_now_and_restore_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.waitUntil(lambda: bool(list_backups(database)), timeout=5000)  # the day's own
    click_region(window, "hamstrings.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_6)
    saved: list[str] = []

    def choose_suggested(
        _parent: object, _title: str, suggested: str, _filter: str
    ) -> tuple[str, str]:
        saved.append(suggested)
        return suggested, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose_suggested)
    window.backup_action.trigger()
    backup = Path(saved[0])
    assert backup.parent == database.parent / "backups" and backup.is_file()
    assert f"Backed up the journal to {backup}" in window.statusBar().currentMessage()

    click_region(window, "hamstrings.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_9)
    assert stored_levels(database)["hamstrings.left"] == 9
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_: (str(backup), "Legday journal (*.sqlite3)")
    )
    shown: list[str] = []
    answer_message_box("Yes", shown)
    before_restore = set(list_backups(database))
    window.restore_action.trigger()
    assert f"with what {backup.name} holds" in shown[0]
    assert stored_levels(database)["hamstrings.left"] == 6
    assert window.body_map.levels["hamstrings.left"] == 6
    assert not window.service.undo_stack.canUndo()  # type: ignore[union-attr]
    (safety,) = set(list_backups(database)) - before_restore
    assert stored_levels_in(safety)["hamstrings.left"] == 9  # the journal as it was
    assert f"the journal as it was is in {safety}" in window.statusBar().currentMessage()
    window.close()


def refused_on_open(qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Start the app on ``database`` and return the error dialog's text (its only dialog)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert not window.journal_open
    assert window.banner_label.text() == f"Could not open the journal: {shown[0]}"
    return shown[0]


def test_a_journal_from_a_newer_legday_is_refused_untouched(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_store(database).close()
    set_revision(database, "f00dfeedbeef")
    before = database.read_bytes()
    text = refused_on_open(qtbot, database, monkeypatch)
    assert text == (
        f"{database} was written by a newer version of Legday (schema f00dfeedbeef); "
        "update Legday to open it. The file was left untouched."
    )
    assert database.read_bytes() == before
    assert not (database.parent / "backups").exists()


def test_a_truncated_journal_is_explained_and_left_as_it_is(qtbot: QtBot, database: Path) -> None:
    filled_store(database).close()
    truncate(database)
    before = database.read_bytes()
    shown: list[str] = []
    answer_message_box("Quit", shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.open_error is not None, timeout=5000)
    assert "Your journal file is damaged" in shown[0]
    assert f"{database} is damaged (database disk image is malformed)" in shown[0]
    assert database.read_bytes() == before


def test_an_empty_journal_whose_wal_holds_changes_is_damaged_and_set_aside_whole(
    qtbot: QtBot, database: Path
) -> None:
    filled_store(database).close()
    sides = emptied_with_changes_in_wal(database)
    shown: list[str] = []
    answer_message_box("Start a new journal", shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    qtbot.waitUntil(lambda: window.body_map.painted_with_data, timeout=5000)
    assert "Your journal file is damaged" in shown[0]
    assert (
        "it is empty, 0 bytes, but journal.sqlite3-wal beside it still holds changes" in (shown[0])
    )
    (aside,) = database.parent.glob("journal.sqlite3.damaged-*[0-9]")
    assert aside.read_bytes() == b""
    assert {suffix: Path(f"{aside}{suffix}").read_bytes() for suffix in sides} == sides
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_4)
    assert stored_levels(database) == {"calves.left": 4, "calves.right": 4}
    window.close()


def test_a_damaged_journal_open_in_another_window_is_recovered_only_there(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_store(database).close()
    truncate(database)
    before = database.read_bytes()
    other_window = JournalLock(database)
    assert other_window.acquire()
    try:
        text = refused_on_open(qtbot, database, monkeypatch)
    finally:
        other_window.release()
    assert "is open in another Legday window" in text
    assert text.endswith("close it there first.")
    assert database.read_bytes() == before
    assert not list(database.parent.glob("*.damaged-*"))


def test_back_up_now_from_a_read_only_folder_suggests_the_home_folder(
    qtbot: QtBot, database: Path, isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_store(database).close()
    checkpoint(database)
    suggested: list[str] = []

    def choose_suggested(_parent: object, _title: str, path: str, _filter: str) -> tuple[str, str]:
        suggested.append(path)
        return path, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose_suggested)
    with unwritable(database.parent):
        window = open_window(qtbot, database)
        assert window.read_only_bar.isVisible()
        window.backup_action.trigger()
        window.close()
    backup = Path(suggested[0])
    assert backup.parent == isolated_user_folders
    assert backup.name.startswith("journal-") and backup.name.endswith("-manual.sqlite3")
    day = dt.date(2026, 3, 3)
    assert stored_levels(backup, day) == stored_levels(database, day) != {}
    assert f"Backed up the journal to {backup}" in window.statusBar().currentMessage()


def test_the_day_s_first_start_backs_the_journal_up_once_the_day_is_shown(
    qtbot: QtBot, database: Path
) -> None:
    filled_store(database).close()
    window = open_window(qtbot, database)
    assert list_backups(database) == []  # the day is on screen before any backup work
    qtbot.waitUntil(lambda: bool(list_backups(database)), timeout=5000)
    (backup,) = list_backups(database)
    # The file is in place a moment before the worker's result reaches the status bar.
    qtbot.waitUntil(
        lambda: f"Backed up the journal to {backup}" in window.statusBar().currentMessage(),
        timeout=5000,
    )
    assert stored_levels(backup, dt.date(2026, 3, 3)) == stored_levels(
        database, dt.date(2026, 3, 3)
    )
    window.close()
    # A second start on the same day makes no second backup.
    again = open_window(qtbot, database)
    qtbot.wait(2000)
    assert list_backups(database) == [backup]
    again.close()


def test_the_daily_backup_is_made_off_the_window_thread_and_closing_waits_for_it(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import legday_desktop.app
    import legday_desktop.storage.backup as backups

    filled_store(database).close()
    monkeypatch.setattr(legday_desktop.app, "DAILY_BACKUP_DELAY_MS", 0)
    made_on: list[str] = []
    may_finish = threading.Event()
    real_daily_backup = backups.daily_backup

    def slow_daily_backup(journal: Path, **options: object) -> Path | None:
        made_on.append(threading.current_thread().name)
        may_finish.wait(10)
        return real_daily_backup(journal, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "daily_backup", slow_daily_backup)
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: bool(made_on), timeout=5000)
    # The backup is under way, and the window still takes a click and saves it.
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_4)
    assert stored_levels(database)["calves.left"] == 4
    assert made_on == ["legday-daily-backup"]
    may_finish.set()
    qtbot.waitUntil(
        lambda: "Backed up the journal to" in window.statusBar().currentMessage(), timeout=5000
    )
    (backup,) = list_backups(database)
    assert stored_levels_in(backup)["calves.left"] == 4
    window.close()


def test_closing_the_window_waits_for_a_backup_under_way(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    import legday_desktop.app
    import legday_desktop.storage.backup as backups

    filled_store(database).close()
    monkeypatch.setattr(legday_desktop.app, "DAILY_BACKUP_DELAY_MS", 0)
    started = threading.Event()
    real_daily_backup = backups.daily_backup

    def slow_daily_backup(journal: Path, **options: object) -> Path | None:
        started.set()
        time.sleep(0.3)
        return real_daily_backup(journal, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "daily_backup", slow_daily_backup)
    window = open_window(qtbot, database)
    qtbot.waitUntil(started.is_set, timeout=5000)
    window.close()
    (backup,) = list_backups(database)  # whole when the window is gone, no partial file
    assert sqlite3.connect(backup).execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert not list(backup.parent.glob(".*.partial*"))


@pytest.mark.parametrize("how", ["deleted", "moved", "folder deleted"])
def test_a_journal_deleted_or_moved_while_open_is_noticed_and_saved_again_where_it_was(
    qtbot: QtBot, tmp_path: Path, how: str
) -> None:
    database = tmp_path / "folder" / "journal.sqlite3"
    database.parent.mkdir()
    window = open_window(qtbot, database)
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    assert stored_levels(database) == {"calves.left": 3, "calves.right": 3}
    if how == "deleted":
        database.unlink()
    elif how == "moved":
        database.rename(tmp_path / "elsewhere.sqlite3")
    else:
        for file in database.parent.iterdir():
            file.unlink()
        database.parent.rmdir()
    # The next edit is not acknowledged as saved: the window says why and keeps it.
    shown: list[str] = []
    answer_message_box("Not now", shown)
    type_note(window, NOTE)
    assert "is no longer there: the journal file was deleted or moved" in shown[0]
    assert "Save the journal again at" in shown[0]
    assert window.statusBar().currentMessage() == "Not saved — see the message"
    assert window.check_in_panel.note.text() == NOTE
    assert window.check_in_panel.title().endswith("not saved yet")
    assert not database.exists()
    # The next edit offers it again; saving again writes everything back where it was.
    again: list[str] = []
    answer_message_box("Save the journal again there", again)
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    assert "is no longer there" in again[0]
    assert stored_levels(database) == {
        "calves.left": 3,
        "calves.right": 3,
        "quadriceps.left": 5,
        "quadriceps.right": 5,
    }
    assert window.statusBar().currentMessage() != "Not saved — see the message"
    type_note(window, NOTE)
    assert stored_note(database) == NOTE
    assert Path(f"{database}.lock").exists()
    window.close()
    assert not Path(f"{database}.lock").exists()


def test_a_journal_replaced_while_open_is_never_written_over(
    qtbot: QtBot, database: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, database)
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    other = tmp_path / "other.sqlite3"
    filled_store(other).close()
    checkpoint(other)
    other.replace(database)  # as a sync tool or a copy from another computer would
    before = database.read_bytes()
    shown: list[str] = []
    answer_message_boxes(["Save a copy beside it", "OK"], shown)
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    assert "is another file now: the journal file was replaced" in shown[0]
    assert "Legday will not write over it" in shown[0]
    (copy,) = tmp_path.glob("journal-as-it-was-*.sqlite3")
    assert str(copy) in shown[1]
    assert stored_levels_in(copy) == {"calves.left": 3, "calves.right": 3}
    assert database.read_bytes() == before
    window.close()
    assert database.read_bytes() == before


def test_a_value_changed_on_disk_brings_the_damaged_dialog_and_exports_the_rest(
    qtbot: QtBot, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.files import changed_on_disk, row_id

    store = filled_store(database)
    store.apply(
        JournalChange(
            ratings={
                (TODAY, "calves.left"): SorenessRating(TODAY, "calves.left", 3),
                (TODAY, "calves.right"): SorenessRating(TODAY, "calves.right", 4),
            }
        ),
        today=TODAY,
    )
    store.close()
    good_backup = make_backup(database)
    changed_on_disk(
        database,
        "UPDATE soreness SET level = 42 WHERE date = ? AND region_id = 'calves.right'",
        TODAY.isoformat(),
    )
    bad = row_id(database, "soreness", "level = 42")
    damaged_bytes = database.read_bytes()
    chosen = tmp_path / "what-was-readable.json"
    offered: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    shown: list[str] = []
    answer_message_boxes(["Export what can be read…", "OK", "Restore the backup"], shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=10000)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    # The dialog names the row and the rule; never a traceback, never stuck "Opening".
    assert shown[0].startswith("Your journal file is damaged, so Legday has not written to it.")
    assert (
        f"{database} is damaged: table soreness, row id {bad} ({TODAY.isoformat()}, "
        "calves.right): level: 42 is outside the scale 0–10; it was left untouched"
    ) in shown[0]
    assert offered == [str(database.with_name(f"journal-readable-{TODAY.isoformat()}.json"))]
    # The export holds everything else, owner-only.
    exported = json.loads(chosen.read_text())
    todays = [entry for entry in exported["soreness"] if entry["date"] == TODAY.isoformat()]
    assert todays == [{"date": TODAY.isoformat(), "region": "calves.left", "level": 3, "note": ""}]
    assert len(exported["soreness"]) == 6
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o600
    assert shown[1].startswith(f"Exported 2 leg days, 6 ratings and 2 check-ins to {chosen}.")
    assert f"table soreness, row id {bad} (" in shown[1]
    # Restored: the backup's journal is open, the damaged file is kept whole beside it.
    qtbot.waitUntil(lambda: window.body_map.painted_with_data, timeout=5000)
    assert stored_levels(database) == {"calves.left": 3, "calves.right": 4}
    (aside,) = database.parent.glob("journal.sqlite3.damaged-*[0-9]")
    assert aside.read_bytes() == damaged_bytes
    assert good_backup.exists()
    window.close()


def test_a_damaged_value_in_the_past_is_found_by_the_day_s_backup(
    qtbot: QtBot, database: Path
) -> None:
    from helpers.files import changed_on_disk

    filled_store(database).close()  # March 2026; today's day, tips and insights skip it
    changed_on_disk(database, "UPDATE check_in SET sleep_hours = 300 WHERE date = '2026-03-03'")
    before = database.read_bytes()
    shown: list[str] = []
    answer_message_box("Quit", shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.body_map.painted_with_data, timeout=5000)
    assert not shown  # the day is shown as usual …
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)  # … until the backup checks it all
    assert "Your journal file is damaged" in shown[0]
    assert (
        "is damaged (table check_in, row id 1 breaks the rule sleep_range "
        "(sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24)); it was left untouched"
    ) in shown[0]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert database.read_bytes() == before
    assert list((database.parent / "backups").iterdir()) == []


@pytest.mark.parametrize("answer", ["Take over the journal", "Open read-only"])
def test_a_lock_left_on_another_computer_is_taken_over_only_when_asked(
    qtbot: QtBot, database: Path, answer: str
) -> None:
    filled_store(database).close()
    lock = Path(f"{database}.lock")
    lock.write_text("4242\nrowing-laptop\nlegday\n2026-12-01T08:30:00\n")
    shown: list[str] = []
    answer_message_box(answer, shown)
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    qtbot.waitUntil(lambda: window.body_map.painted_with_data, timeout=5000)
    assert shown[0].startswith("Legday on rowing-laptop has this journal open.")
    assert (
        "is locked by Legday on rowing-laptop (process 4242, since Tue 1 Dec 2026, 08:30)"
        in (shown[0])
    )
    assert "If Legday is not running on rowing-laptop any more" in shown[0]
    if answer == "Take over the journal":
        assert window.can_edit
        assert not window.read_only_bar.isVisible()
        assert lock.read_text().split("\n")[:3] == [
            str(os.getpid()),
            socket.gethostname(),
            "legday",
        ]
        click_region(window, "calves.left")
        QTest.keyClick(window.body_map, Qt.Key.Key_4)
        assert stored_levels(database) == {"calves.left": 4, "calves.right": 4}
    else:
        assert not window.can_edit
        assert window.read_only_bar.isVisible()
        assert "is locked by Legday on rowing-laptop" in window.read_only_bar.text()
        assert lock.read_text().startswith("4242\nrowing-laptop\n")
    window.close()


def test_a_journal_on_a_full_disk_opens_read_only_and_says_why(
    qtbot: QtBot, small_disk: Path
) -> None:
    from helpers.files import fill_disk

    journal = small_disk / "journal.sqlite3"
    filled_store(journal).close()
    fill_disk(small_disk)
    before = journal.read_bytes()
    window = start_main_window(journal)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    qtbot.waitUntil(lambda: window.body_map.painted_with_data, timeout=5000)
    assert not window.can_edit
    assert window.read_only_bar.isVisible()
    bar = window.read_only_bar.text()
    assert "cannot be written: the disk is full (0 KB free in" in bar
    assert "free some space, then open it again" in bar
    assert "damaged" not in bar and "disk I/O error" not in bar
    window.show_date(dt.date(2026, 3, 3))
    assert window.body_map.levels == {"quadriceps.left": 5, "quadriceps.right": 6}
    assert journal.read_bytes() == before
    window.close()
