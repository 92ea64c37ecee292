"""Commands that only read (advice, chart, report, snapshot, export) change nothing.

Not the file's bytes (a backup is a rollback-journal file, never switched to WAL), not its
folder (no -wal, -shm, lock or backups), not its schema (a journal from an older Legday
is read through an upgraded temporary copy), and they never take the writer lock.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from helpers.journals import filled_store
from helpers.processes import legday_text

from legday_desktop.services.locking import JournalLock
from legday_desktop.storage.backup import backup_to
from legday_desktop.storage.database import migrate

READING_COMMANDS = {
    "advice": ["advice", "--date", "2026-03-04"],
    "advice --json": ["advice", "--json", "--date", "2026-03-08"],
    "chart": ["chart", "--kind", "recovery", "--date", "2026-03-04", "-o", "OUT/chart.png"],
    "report": ["report", "--from", "2026-03-01", "--to", "2026-03-08", "-o", "OUT/report.pdf"],
    "snapshot": ["snapshot", "--date", "2026-03-04", "-o", "OUT/snapshot.png"],
    "export json": ["export", "--format", "json", "-o", "OUT/export.json"],
    "export csv": ["export", "--format", "csv"],
}


def legday(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return legday_text(*arguments)


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (and below) with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run_reading(command: str, journal: Path, out: Path) -> subprocess.CompletedProcess[str]:
    arguments = [part.replace("OUT", str(out)) for part in READING_COMMANDS[command]]
    result = legday("--db", journal, *arguments)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def backup_file(tmp_path: Path) -> Path:
    """A backup as Legday makes them: one self-contained rollback-journal file."""
    journal = tmp_path / "journal" / "journal.sqlite3"
    journal.parent.mkdir()
    filled_store(journal).close()
    kept = tmp_path / "kept"
    kept.mkdir()
    backup = backup_to(journal, kept / "journal-20260308-120000-n1.sqlite3")
    connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()
    return backup


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_reading_a_backup_leaves_it_byte_identical(
    backup_file: Path, out: Path, command: str
) -> None:
    before = folder_state(backup_file.parent)
    run_reading(command, backup_file, out)
    assert folder_state(backup_file.parent) == before  # no -wal, -shm, lock, backups


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_reading_while_a_window_is_the_writer_works_and_leaves_its_lock(
    tmp_path: Path, out: Path, command: str
) -> None:
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    window = JournalLock(journal)  # what a window holds while it has the journal open
    assert window.acquire()
    try:
        result = run_reading(command, journal, out)
        assert "open in another Legday" not in result.stderr
        assert window.still_at_path()
    finally:
        window.release()


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_a_journal_from_an_older_legday_is_read_through_an_upgraded_copy(
    tmp_path: Path, out: Path, command: str
) -> None:
    journal = tmp_path / "journal" / "journal.sqlite3"
    journal.parent.mkdir()
    journal.touch()
    migrate(journal, target="0001_baseline")
    connection = sqlite3.connect(journal)
    connection.executescript(
        """
        INSERT INTO leg_day (id, date, title, notes) VALUES (1, '2026-03-02', 'Old', '');
        INSERT INTO leg_day_exercise VALUES (1, 0, 'Squat');
        INSERT INTO soreness (date, region_id, level, note)
            VALUES ('2026-03-03', 'quadriceps.left', 6, ''),
                   ('2026-03-04', 'quadriceps.left', 4, '');
        PRAGMA journal_mode = DELETE;
        """
    )
    connection.close()
    before = folder_state(journal.parent)
    result = run_reading(command, journal, out)
    assert folder_state(journal.parent) == before  # not upgraded in place, no backup made
    if command == "export csv":
        assert "2026-03-03,quadriceps.left,6," in result.stdout


def test_the_temporary_copy_of_an_older_journal_is_removed(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite3"
    journal.touch()
    migrate(journal, target="0001_baseline")
    folder = tmp_path / "tmp"
    folder.mkdir()
    result = legday_text("--db", journal, "export", "--format", "json", TMPDIR=str(folder))
    assert result.returncode == 0, result.stderr
    assert '"leg_days": []' in result.stdout
    assert list(folder.iterdir()) == []  # the upgraded copy was made there, and removed


def test_a_wal_journal_in_a_folder_nobody_may_write_is_read(tmp_path: Path, out: Path) -> None:
    """As a user sees it (root drops its override of file modes with setpriv)."""
    import os
    import shutil

    folder = tmp_path / "shared"
    folder.mkdir()
    journal = folder / "journal.sqlite3"
    filled_store(journal).close()
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to read as a user would")
        prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--")
    before = folder_state(folder)
    folder.chmod(0o555)
    try:
        result = legday_text("--db", journal, "export", "--format", "csv", prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "2026-03-03,quadriceps.left,5," in result.stdout
    assert folder_state(folder) == before
