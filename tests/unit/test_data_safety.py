"""Backups and restores; damaged, foreign, newer and read-only files; a second Legday."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.files import checkpoint, set_revision, truncate, unwritable
from helpers.files import soreness_rows as rows
from helpers.journals import disk_is_full, filled_store, nearly_full_journal, wreck_table

from legday_desktop.cli import main
from legday_desktop.storage import backup as backups
from legday_desktop.storage.errors import NotADatabaseError, StorageError

Run = tuple[int, str, str]
NEW_ROW_CSV = "date,region,level,leg_day_date,days_after,note\n2019-05-04,calves.left,3,,,\n"


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes]) -> Callable[..., Run]:
    def run(*arguments: str | Path) -> Run:
        code = main([str(argument) for argument in arguments])
        out, err = capsysbinary.readouterr()
        return code, out.decode(), err.decode()

    return run


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    checkpoint(path)
    return path


def export(run: Callable[..., Run], path: Path) -> str:
    code, out, err = run("export", "--db", path, "--format", "json")
    assert code == 0, err
    return out


# --- backups -------------------------------------------------------------------------


def test_a_backup_is_a_healthy_owner_only_copy(journal: Path, tmp_path: Path) -> None:
    target = backups.backup_to(journal, tmp_path / "copy.sqlite3")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert rows(target) == rows(journal)
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    with pytest.raises(StorageError, match="exists"):
        backups.backup_to(journal, target)


def test_a_backup_sees_changes_still_in_the_write_ahead_log(journal: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(journal)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE soreness SET note = 'only in the WAL'")
    writer.commit()  # committed, not yet checkpointed; the connection stays open
    try:
        target = backups.backup_to(journal, tmp_path / "copy.sqlite3")
    finally:
        writer.close()
    assert {note for *_, note in rows(target)} == {"only in the WAL"}


def test_the_backups_folder_keeps_the_newest_ten(journal: Path) -> None:
    start = dt.datetime(2026, 11, 1, 8, 0)
    made = [
        backups.make_backup(journal, now=start + dt.timedelta(hours=hour)) for hour in range(12)
    ]
    kept = backups.list_backups(journal)
    assert kept == sorted(made[2:], reverse=True)
    assert not made[0].exists() and not made[1].exists()
    assert stat.S_IMODE(backups.backups_folder(journal).stat().st_mode) == 0o700


def test_how_many_automatic_backups_stay_can_be_set(
    run: Callable[..., Run], journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = dt.datetime(2026, 11, 1, 8, 0)
    made = [backups.make_backup(journal, now=start + dt.timedelta(hours=h)) for h in range(5)]
    monkeypatch.setenv("LEGDAY_KEEP_BACKUPS", "3")
    newest = backups.make_backup(journal, now=start + dt.timedelta(hours=5))
    assert backups.list_backups(journal) == [newest, made[4], made[3]]
    # A backup made by hand is never pruned; --keep prunes the automatic ones now.
    code, out, _ = run("backup", "--db", journal, "--keep", "1")
    manual = Path(out.rsplit(" to ", 1)[1].rstrip(".\n"))
    assert code == 0 and backups.list_backups(journal) == [manual, newest]
    for value in ("0", "ten", "1001"):
        monkeypatch.setenv("LEGDAY_KEEP_BACKUPS", value)
        with pytest.raises(
            StorageError,
            match=f"LEGDAY_KEEP_BACKUPS must be a whole number from 1 to 1000, not '{value}'",
        ):
            backups.make_backup(journal)
    assert backups.list_backups(journal) == [manual, newest]


def test_the_daily_backup_is_made_once_a_day(journal: Path) -> None:
    today = dt.date.today()
    first = backups.daily_backup(journal, today=today)
    assert first is not None and first.parent == journal.parent / "backups"
    assert backups.daily_backup(journal, today=today) is None
    assert backups.list_backups(journal) == [first]


def test_restore_backs_up_the_current_journal_first(journal: Path, tmp_path: Path) -> None:
    old = backups.backup_to(journal, tmp_path / "old.sqlite3")
    connection = sqlite3.connect(journal)
    connection.execute("DELETE FROM soreness")
    connection.commit()
    connection.close()
    restored = backups.restore(journal, old)
    assert rows(journal) == rows(old)
    assert restored.safety_backup is not None and rows(restored.safety_backup) == []
    assert restored.set_aside is None


def test_restore_never_replaces_a_file_that_is_not_a_journal(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    filled_store(good).close()
    photo = tmp_path / "photo.sqlite3"
    photo.write_bytes(b"\x89PNG not a journal")
    with pytest.raises(NotADatabaseError):
        backups.restore(photo, good)
    assert photo.read_bytes() == b"\x89PNG not a journal"


def test_cli_backup_and_restore(run: Callable[..., Run], journal: Path, tmp_path: Path) -> None:
    code, out, _ = run("backup", "--db", journal, "-o", tmp_path / "mine.sqlite3")
    assert code == 0 and out == f"Backed up {journal} to {tmp_path / 'mine.sqlite3'}.\n"
    code, out, _ = run("backup", "--db", journal)
    (kept,) = backups.list_backups(journal)
    assert code == 0 and str(kept) in out and kept.name.endswith("-manual.sqlite3")
    code, _, err = run("backup", "--db", journal, "--keep", "0")
    assert code == 2 and "--keep must be from 1 to 1000" in err
    code, out, _ = run("restore", "--db", journal, tmp_path / "mine.sqlite3")
    assert code == 0 and "the journal as it was is in" in out
    code, _, err = run("restore", "--db", journal, tmp_path / "none.sqlite3")
    assert code == 2 and "no such backup file" in err


def test_backup_damage_restore_gives_back_the_same_export(
    run: Callable[..., Run], journal: Path
) -> None:
    before = export(run, journal)
    code, out, _ = run("backup", "--db", journal)
    assert code == 0
    (backup,) = backups.list_backups(journal)
    wreck_table(journal, "soreness")
    damaged = journal.read_bytes()
    code, _, err = run("export", "--db", journal, "--format", "json")
    assert code == 1 and "is damaged" in err and "legday restore" in err
    code, out, _ = run("restore", "--db", journal, backup)
    assert code == 0 and "the damaged journal was kept as" in out
    assert export(run, journal) == before
    (aside,) = journal.parent.glob(f"{journal.name}.damaged-????????-??????")
    assert aside.read_bytes() == damaged


# --- files that must be left exactly as they are ---------------------------------------


def _truncated(path: Path) -> None:
    truncate(path)


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(40_000))


def _sqlite_header_then_noise(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(7).randbytes(40_000))


def _newer_revision(path: Path) -> None:
    set_revision(path, "9999_from_the_future")


BAD_FILES = {
    "truncated": (_truncated, "is damaged ("),
    "random bytes": (_random_bytes, "is not a Legday database (not an SQLite file)"),
    "damaged after its header": (_sqlite_header_then_noise, "is damaged ("),
    "newer revision": (
        _newer_revision,
        "was written by a newer version of Legday (schema 9999_from_the_future)",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
@pytest.mark.parametrize(
    "command",
    [
        ("export", "--format", "csv"),
        ("import", "{csv}"),
        ("advice",),
        ("backup",),
        ("demo",),
    ],
)
def test_bad_files_exit_1_with_one_line_and_stay_byte_identical(
    run: Callable[..., Run], journal: Path, case: str, command: tuple[str, ...]
) -> None:
    spoil, message = BAD_FILES[case]
    spoil(journal)
    before = journal.read_bytes()
    csv = journal.parent / "new.csv"
    csv.write_text(NEW_ROW_CSV)
    name, *rest = command
    code, out, err = run(name, "--db", journal, *(part.format(csv=csv) for part in rest))
    assert (code, out) == (1, "")
    assert err.startswith(f"legday: error: {journal} ") and message in err
    assert err.count("\n") == 1
    assert journal.read_bytes() == before
    assert not (journal.parent / "backups").exists()


def test_a_read_only_journal_can_be_read_but_not_written(
    run: Callable[..., Run], journal: Path
) -> None:
    expected = export(run, journal)
    csv = journal.parent / "new.csv"
    csv.write_text(NEW_ROW_CSV)
    before = journal.read_bytes()
    with unwritable(journal):
        assert export(run, journal) == expected
        code, out, err = run("import", "--db", journal, csv)
        assert (code, out) == (1, "")
        assert err == (f"legday: error: {journal} cannot be written (it is read-only)\n")
        code, out, _ = run("advice", "--db", journal)
        assert code == 0 and "Legday gives general information" in out
    assert journal.read_bytes() == before


def test_a_journal_in_a_read_only_folder_can_be_read_but_not_written(
    run: Callable[..., Run], journal: Path
) -> None:
    expected = export(run, journal)
    csv = journal.parent.parent / f"{journal.parent.name}-new.csv"
    csv.write_text(NEW_ROW_CSV)
    before = journal.read_bytes()
    with unwritable(journal.parent):
        assert export(run, journal) == expected
        code, out, err = run("import", "--db", journal, csv)
        assert (code, out) == (1, "")
        assert err == (
            f"legday: error: {journal} cannot be written: its folder {journal.parent} is "
            "read-only\n"
        )
        code, _, err = run("backup", "--db", journal)
        assert code == 1 and f"Cannot create {journal.parent / 'backups'}" in err
    assert journal.read_bytes() == before


# --- a second Legday on the same journal ---------------------------------------------


@pytest.fixture
def running_legday(journal: Path) -> Iterator[subprocess.Popen[str]]:
    """A real ``legday`` window (offscreen) with ``journal`` open, until the test ends."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "legday_desktop", "--db", str(journal)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = Path(f"{journal}.lock")
    deadline = time.monotonic() + 30
    while not (lock.exists() and str(process.pid) in lock.read_text(errors="replace")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first legday never opened the journal"
        time.sleep(0.05)
    yield process
    process.terminate()
    process.communicate(timeout=10)


def test_a_second_legday_cannot_write(
    run: Callable[..., Run],
    journal: Path,
    running_legday: subprocess.Popen[str],
    qapp: object,
) -> None:
    from legday_desktop.services.journal import JournalService

    csv = journal.parent / "new.csv"
    csv.write_text(NEW_ROW_CSV)
    before = rows(journal)
    # From the command line: refused before anything is read.
    code, _, err = run("import", "--db", journal, csv)
    assert code == 1
    assert err == (
        f"legday: error: {journal} is open in another Legday window "
        f"(process {running_legday.pid}); close it there first\n"
    )
    code, _, err = run("restore", "--db", journal, csv)
    assert code == 1 and "is open in another Legday window" in err
    # A second app: opens read-only, says why, and saves nothing.
    failures: list[str] = []
    service = JournalService(journal)
    service.write_failed.connect(failures.append)
    service.open()
    try:
        assert service.read_only
        assert service.read_only_reason == (
            f"{journal} is open in another Legday window (process {running_legday.pid}); "
            "close it there first"
        )
        assert service.overview(dt.date(2026, 3, 3)).ratings  # reading works
        assert not service.set_levels(dt.date(2026, 3, 3), {"calves.left": 9})
        assert failures and "open in another Legday window" in failures[0]
    finally:
        service.close()
    assert rows(journal) == before


@pytest.mark.parametrize("spelling", ["symlink", "symlinked folder", "dot segments"])
def test_one_writer_per_journal_whatever_path_names_it(
    run: Callable[..., Run],
    journal: Path,
    running_legday: subprocess.Popen[str],
    spelling: str,
) -> None:
    other = journal.parent / "other"
    other.mkdir()
    if spelling == "symlink":
        other_name = other / "link.sqlite3"
        other_name.symlink_to(journal)
    elif spelling == "symlinked folder":
        (other / "folder").symlink_to(journal.parent, target_is_directory=True)
        other_name = other / "folder" / journal.name
    else:
        other_name = other / ".." / "." / journal.name
    csv = journal.parent / "new.csv"
    csv.write_text(NEW_ROW_CSV)
    before = rows(journal)
    code, _, err = run("import", "--db", other_name, csv)
    assert code == 1, err
    assert err == (
        f"legday: error: {journal} is open in another Legday window "
        f"(process {running_legday.pid}); close it there first\n"
    )
    assert rows(journal) == before
    assert not list(other.rglob("*.lock"))


# --- a full disk ---------------------------------------------------------------------


def test_a_full_disk_is_reported_as_such_and_the_next_write_works(tmp_path: Path) -> None:
    from legday_desktop.domain.check_ins import CheckIn
    from legday_desktop.domain.journal import JournalChange
    from legday_desktop.storage.database import open_store
    from legday_desktop.storage.errors import DatabaseWriteError

    path = tmp_path / "journal.sqlite3"
    nearly_full_journal(path)
    store = open_store(path)
    # The store works on one connection: the limit stays set on it.
    driver = store.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    disk_is_full(driver)
    today = dt.date.today()
    change = JournalChange(check_ins={today: CheckIn(today, note="Knee clicks on stairs. " * 12)})
    for _ in range(2):  # the connection is not left inside a failed transaction
        with pytest.raises(DatabaseWriteError) as raised:
            store.apply(change, today=today)
        assert str(raised.value) == (
            "Could not save: database or disk is full. Nothing of this change was stored."
        )
    assert store.day_overview(today).check_in is None
    driver.execute("PRAGMA max_page_count = 1000000")  # space was freed
    store.apply(change, today=today)
    assert store.day_overview(today).check_in == change.check_ins[today]
    store.close()


# --- what the review found -----------------------------------------------------------


def test_restoring_the_oldest_backup_never_prunes_it_first(journal: Path) -> None:
    start = dt.datetime(2026, 11, 1, 8, 0)
    made = [backups.make_backup(journal, now=start + dt.timedelta(hours=h)) for h in range(10)]
    oldest = made[0]
    expected = rows(oldest)
    connection = sqlite3.connect(journal)
    connection.execute("DELETE FROM soreness")
    connection.commit()
    connection.close()
    restored = backups.restore(journal, oldest)
    assert oldest.is_file() and rows(journal) == expected != []
    assert restored.safety_backup is not None and restored.safety_backup.is_file()


def test_only_this_journals_timestamped_backups_count(journal: Path) -> None:
    folder = journal.parent / "backups"
    start = dt.datetime(2026, 11, 1, 8, 0)
    first = backups.make_backup(journal, now=start)
    # Another journal's backups and a hand-named copy share the folder and the prefix.
    other = journal.with_name(f"{journal.stem}-old.sqlite3")
    filled_store(other).close()
    for hour in range(12):
        backups.make_backup(other, now=start + dt.timedelta(hours=hour))
    holiday = backups.backup_to(journal, folder / f"{journal.stem}-before-holiday.sqlite3")
    manual = backups.backup_to(
        journal, backups.new_backup_path(journal, start - dt.timedelta(days=90), manual=True)
    )
    same_second = backups.make_backup(journal, now=start)
    assert same_second.name == f"{journal.stem}-20261101-080000-n3.sqlite3"
    # Newest first in the order they were made, whatever time their names carry.
    assert backups.list_backups(journal) == [same_second, manual, first]
    for day in range(1, 12):
        backups.make_backup(journal, now=start + dt.timedelta(days=day))
    kept = backups.list_backups(journal)
    assert len(kept) == 11 and manual in kept  # ten automatic ones, and the manual one
    assert first not in kept and holiday.is_file()
    assert len(backups.list_backups(other)) == 10


def test_backups_are_single_files_and_leave_nothing_behind(journal: Path, tmp_path: Path) -> None:
    target = backups.backup_to(journal, tmp_path / "copy.sqlite3")
    backups.check_backup(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy.sqlite3"
    ]
    assert not list(tmp_path.glob(".*partial*"))


def test_an_empty_journal_file_with_backups_is_damaged_not_a_new_journal(
    run: Callable[..., Run], journal: Path
) -> None:
    assert run("backup", "--db", journal)[0] == 0
    journal.write_bytes(b"")
    code, out, err = run("export", "--db", journal, "--format", "csv")
    assert (code, out) == (1, "")
    assert "is damaged (it is empty, 0 bytes, and backups of it exist)" in err
    assert journal.read_bytes() == b""
    code, _, err = run("demo", "--db", journal)
    assert code == 1 and journal.read_bytes() == b""


def test_an_empty_file_without_backups_becomes_a_new_journal(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"")  # e.g. made by hand, or a first start that stopped at once
    code, out, _ = run("export", "--db", path, "--format", "csv")
    assert (code, out) == (0, "date,region,level,leg_day_date,days_after,note,quality\n")
    assert run("demo", "--db", path)[0] == 0


def test_unread_changes_in_the_wal_are_not_hidden_in_a_read_only_folder(
    run: Callable[..., Run], journal: Path
) -> None:
    writer = sqlite3.connect(journal)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE soreness SET note = 'only in the WAL'")
    writer.commit()
    wal = Path(f"{journal}-wal")
    assert wal.stat().st_size > 0
    # A crash: the changes stay in the WAL (a copy, as the writer would leave it).
    crashed = journal.parent / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        Path(f"{crashed / journal.name}{suffix}").write_bytes(
            Path(f"{journal}{suffix}").read_bytes()
        )
    writer.close()
    copy = crashed / journal.name
    with unwritable(crashed):
        code, out, err = run("export", "--db", copy, "--format", "json")
    assert (code, out) == (1, "")
    assert f"its latest changes are in {journal.name}-wal" in err


def test_the_lock_file_is_for_the_owner_only(tmp_path: Path) -> None:
    from legday_desktop.services.locking import JournalLock

    lock = JournalLock(tmp_path / "journal.sqlite3")
    assert lock.acquire()
    try:
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600  # it names process and host
    finally:
        lock.release()


def test_a_killed_writer_leaves_no_lock_behind(journal: Path) -> None:
    from legday_desktop.services.opening import Access, JournalBusyError, open_journal

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from legday_desktop.services.locking import JournalLock\n"
            "assert JournalLock(Path(sys.argv[1])).acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(journal),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(JournalBusyError, match=f"another Legday window \\(process {holder.pid}\\)"):
        open_journal(journal, Access.WRITE)
    holder.kill()  # a crash: the lock file stays, naming a process that is gone
    holder.communicate()
    assert Path(f"{journal}.lock").exists()
    opened = open_journal(journal, Access.WRITE)
    try:
        assert opened.lock is not None and opened.lock.is_held()
        assert str(os.getpid()) in Path(f"{journal}.lock").read_text()
    finally:
        opened.close()
    assert not Path(f"{journal}.lock").exists()  # a clean close removes it


def test_readers_open_without_the_lock_and_writers_are_refused_once(journal: Path) -> None:
    from legday_desktop.services.locking import JournalLock
    from legday_desktop.services.opening import Access, JournalBusyError, open_journal

    window = JournalLock(journal)  # another Legday window is the journal's writer
    assert window.acquire()
    try:
        reader = open_journal(journal, Access.READ)
        assert reader.lock is None and not reader.store.is_empty()
        reader.close()
        with pytest.raises(JournalBusyError, match="is open in another Legday window"):
            open_journal(journal, Access.WRITE)
        second_window = open_journal(journal, Access.WRITE_OR_READ)
        assert second_window.read_only_reason is not None
        assert "close it there first" in second_window.read_only_reason
        second_window.close()
    finally:
        window.release()
