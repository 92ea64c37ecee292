"""Whose lock is it: stale here when nobody holds it, honoured from another host until taken over.

In real processes: ``--take-over-lock`` on the command line (the window asks instead).
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.files import soreness_rows
from helpers.journals import filled_store
from helpers.processes import legday_text

from legday_desktop.storage.backup import backup_to

NEW_ROW_CSV = (
    "date,region,level,leg_day_date,days_after,note\n2026-03-05,calves.left,4,2026-03-02,3,\n"
)
THIS_HOST = socket.gethostname()


def legday(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return legday_text(*arguments)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    return path


@pytest.fixture
def new_rows(tmp_path: Path) -> Path:
    csv = tmp_path / "new.csv"
    csv.write_text(NEW_ROW_CSV)
    return csv


@pytest.fixture
def unrelated_program() -> Iterator[int]:
    """A live process that is not Legday: its id is what a stale lock file may name."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    process.kill()
    process.wait()


def left_lock(journal: Path, process: int, host: str, application: str = "legday") -> Path:
    """A lock file as a Legday that did not close (or another program) left it, unheld."""
    lock = Path(f"{journal}.lock")
    lock.write_text(f"{process}\n{host}\n{application}\n2026-12-01T08:30:00\n")
    lock.chmod(0o600)
    return lock


def imported(journal: Path) -> bool:
    return ("2026-03-05", "calves.left", 4, "") in soreness_rows(journal)


@pytest.mark.parametrize("holder", ["a dead process", "an unrelated program"])
def test_a_lock_nobody_holds_on_this_host_is_stale(
    journal: Path, new_rows: Path, unrelated_program: int, holder: str
) -> None:
    process = 999999 if holder == "a dead process" else unrelated_program
    lock = left_lock(journal, process, THIS_HOST)
    result = legday("--db", journal, "import", new_rows)
    assert result.returncode == 0, result.stderr
    assert imported(journal)
    assert not lock.exists()  # taken, then given up as the command ended


def test_a_lock_left_by_legday_on_another_host_is_honoured_until_taken_over(
    journal: Path, new_rows: Path
) -> None:
    backup = backup_to(journal, journal.with_name("backup.sqlite3"))
    lock = left_lock(journal, 4242, "rowing-laptop")
    before = journal.read_bytes()
    for command in (["import", new_rows], ["demo"], ["restore", backup]):
        result = legday("--db", journal, *command)
        assert result.returncode == 1, result.stderr
        assert result.stderr == (
            f"legday: error: {journal} is locked by Legday on rowing-laptop (process 4242, "
            "since Tue 1 Dec 2026, 08:30): it is open there, or rowing-laptop stopped "
            "without closing it. If Legday is not running on rowing-laptop any more, run "
            "the command again with --take-over-lock\n"
        ), command
    assert journal.read_bytes() == before
    assert lock.read_text().startswith("4242\nrowing-laptop\n")
    # Reading needs no lock.
    assert legday("--db", journal, "advice", "--date", "2026-03-04").returncode == 0
    # Taken over at the user's word.
    result = legday("--db", journal, "import", new_rows, "--take-over-lock")
    assert result.returncode == 0, result.stderr
    assert imported(journal)
    assert not lock.exists()


def test_a_lock_file_of_another_program_is_not_a_legday_lock(journal: Path, new_rows: Path) -> None:
    left_lock(journal, 4242, "rowing-laptop", application="some-sync-tool")
    assert legday("--db", journal, "import", new_rows).returncode == 0
    assert imported(journal)


def test_a_lock_held_through_a_shared_folder_names_the_other_host(
    journal: Path, new_rows: Path
) -> None:
    """As on NFS, where flock reaches across: held now, by Legday on another computer."""
    lock = left_lock(journal, 4242, "rowing-laptop")
    descriptor = os.open(lock, os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        for extra in ([], ["--take-over-lock"]):  # held right now: never taken over
            result = legday("--db", journal, "import", new_rows, *extra)
            assert result.returncode == 1
            assert result.stderr == (
                f"legday: error: {journal} is open in Legday on rowing-laptop (process 4242); "
                "close it there first\n"
            )  # with no hint to take it over, which could not work
    finally:
        os.close(descriptor)
    assert not imported(journal)


def test_the_lock_names_process_host_application_and_since(journal: Path) -> None:
    from legday_desktop.services.locking import JournalLock, LockHolder

    lock = JournalLock(journal)
    assert lock.acquire()
    try:
        holder = lock.holder()
        assert isinstance(holder, LockHolder)
        assert (holder.process, holder.host, holder.application) == (
            os.getpid(),
            THIS_HOST,
            "legday",
        )
        assert holder.since is not None
        assert oct(lock.path.stat().st_mode & 0o777) == "0o600"
    finally:
        lock.release()


def test_a_lock_from_another_host_written_with_crlf_is_still_honoured(
    journal: Path, new_rows: Path
) -> None:
    Path(f"{journal}.lock").write_bytes(b"4242\r\nrowing-laptop\r\nlegday\r\n")
    result = legday("--db", journal, "import", new_rows)
    assert result.returncode == 1
    assert "is locked by Legday on rowing-laptop (process 4242)" in result.stderr
    assert not imported(journal)


def test_a_lock_naming_no_host_is_stale(journal: Path, new_rows: Path) -> None:
    Path(f"{journal}.lock").write_text("4242\n\nlegday\n")
    assert legday("--db", journal, "import", new_rows).returncode == 0
    assert imported(journal)


@pytest.mark.parametrize("planted", ["a folder", "a symlink", "a dangling symlink"])
def test_something_else_at_the_lock_path_is_named_not_blamed_on_the_folder(
    journal: Path, new_rows: Path, tmp_path: Path, planted: str
) -> None:
    lock = Path(f"{journal}.lock")
    if planted == "a folder":
        lock.mkdir()
    else:
        target = tmp_path / "elsewhere"
        if planted == "a symlink":
            target.write_text("")
        lock.symlink_to(target)
    result = legday("--db", journal, "import", new_rows)
    assert result.returncode == 1
    assert result.stderr == (
        f"legday: error: {journal} cannot be written: journal.sqlite3.lock beside it is not a "
        "lock file Legday can use (a link, a folder, or a file it may not read); if no "
        "Legday has the journal open, remove it and try again\n"
    )
    assert not imported(journal)
