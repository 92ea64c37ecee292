"""A full disk, for real (a 3 MB tmpfs): nothing half-written is left, and it is called a full disk.

Opening a journal on a full disk opens it to read (it is not damage); a backup, an
import or a new journal that cannot be written leaves no partial file behind.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers.files import fill_disk
from helpers.journals import filled_store
from helpers.processes import legday_text


def legday(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return legday_text(*arguments)


def files_in(folder: Path) -> dict[str, bytes]:
    """The journal and every file Legday made there, by name, but the filler.

    Not the -wal and -shm files either: SQLite makes them for any reader of a WAL journal,
    and cannot remove them as a reader.
    """
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.name != "filler"
        and path.name not in ("journal.sqlite3-wal", "journal.sqlite3-shm")
    }


@pytest.fixture
def journal(small_disk: Path) -> Path:
    path = small_disk / "journal.sqlite3"
    filled_store(path).close()
    return path


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    """An export of other records, on another disk."""
    source = tmp_path / "other.sqlite3"
    filled_store(source).close()
    result = legday("--db", source, "export", "--format", "json", "-o", tmp_path / "e.json")
    assert result.returncode == 0, result.stderr
    return tmp_path / "e.json"


@pytest.mark.parametrize("room_kib", [0, 40], ids=["no room", "room for part of it"])
def test_a_backup_on_a_full_disk_says_so_and_leaves_no_partial_file(
    journal: Path, room_kib: int
) -> None:
    fill_disk(journal.parent, leave_kib=room_kib)
    before = files_in(journal.parent)
    result = legday("--db", journal, "backup")
    assert result.returncode == 1
    assert "the disk is full" in result.stderr
    assert result.stderr.startswith(f"legday: error: Could not back up {journal} to ")
    after = files_in(journal.parent)
    assert after == before  # no .partial, no .partial-journal, the journal as it was
    assert not [name for name in after if "partial" in name]


def test_a_journal_on_a_full_disk_is_read_and_never_called_damaged(
    journal: Path, export_file: Path, tmp_path: Path
) -> None:
    fill_disk(journal.parent)
    before = files_in(journal.parent)
    result = legday("--db", journal, "advice", "--date", "2026-03-04")
    assert result.returncode == 0, result.stderr
    result = legday("--db", journal, "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["soreness"]) == 5
    result = legday("--db", journal, "import", export_file)
    assert result.returncode == 1
    assert result.stderr == (
        f"legday: error: {journal} cannot be written: the disk is full (0 KB free in "
        f"{journal.parent}); free some space, then open it again\n"
    )
    assert "disk I/O error" not in result.stderr and "damaged" not in result.stderr
    # The window opens it to read, saying why (a real process, offscreen).
    result = legday("--db", journal, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["regions_rated"] == 0  # today: nothing rated
    assert files_in(journal.parent) == before


@pytest.mark.parametrize("room_kib", [0, 24], ids=["no room", "room for part of it"])
def test_importing_into_a_new_journal_on_a_full_disk_leaves_no_journal(
    small_disk: Path, export_file: Path, room_kib: int
) -> None:
    fill_disk(small_disk, leave_kib=room_kib)
    new = small_disk / "new.sqlite3"
    result = legday("--db", new, "import", export_file)
    assert result.returncode == 1
    assert "the disk is full" in result.stderr
    assert sorted(path.name for path in small_disk.iterdir()) == ["filler"]


def test_a_demo_into_a_new_journal_on_a_nearly_full_disk_leaves_no_journal(
    small_disk: Path,
) -> None:
    """Room for the new journal's schema, not for its records: it is removed again."""
    fill_disk(small_disk, leave_kib=400)
    new = small_disk / "new.sqlite3"
    result = legday("--db", new, "demo", "--weeks", "60")
    assert result.returncode == 1
    assert "the disk is full (" in result.stderr
    assert sorted(path.name for path in small_disk.iterdir()) == ["filler"]
