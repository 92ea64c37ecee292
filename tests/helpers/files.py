"""Files and folders that cannot be written, even by root (chattr +i), and damaged copies."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _set_immutable(path: Path, on: bool) -> None:
    flag = "+i" if on else "-i"
    result = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"root cannot be kept from writing here (chattr {flag}: {result.stderr})")


@contextmanager
def unwritable(path: Path) -> Iterator[Path]:
    """While inside: nobody may write ``path`` (a file, or a folder's entries)."""
    as_root = os.geteuid() == 0
    if as_root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: a read-only file is not read-only")
    mode = path.stat().st_mode
    path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        if as_root:
            _set_immutable(path, True)
        try:
            yield path
        finally:
            if as_root:
                _set_immutable(path, False)
    finally:
        path.chmod(mode)


def truncate(path: Path) -> None:
    """Cut a (checkpointed) database file in half."""
    checkpoint(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def checkpoint(path: Path) -> None:
    """Move everything from the WAL into the database file itself, and drop the WAL."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def set_revision(path: Path, revision: str) -> None:
    """Make a journal look as if a newer Legday had migrated it to ``revision``."""
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.commit()
    connection.close()
    checkpoint(path)


def emptied_with_changes_in_wal(path: Path) -> dict[str, bytes]:
    """Leave ``path`` (a journal) 0 bytes long with its -wal and -shm still holding changes.

    What a crash of the file system, or a tool that truncated the file, can leave behind.
    Returns the bytes of the side files, by suffix, to compare with what is kept.
    """
    checkpoint(path)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE soreness SET note = 'only in the WAL'")
    writer.commit()
    sides = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("-wal", "-shm")}
    writer.close()  # checkpoints and removes the side files: put them back as they were
    path.write_bytes(b"")
    for suffix, data in sides.items():
        Path(f"{path}{suffix}").write_bytes(data)
    assert len(sides["-wal"]) > 0
    return sides


def soreness_rows(path: Path) -> list[tuple[object, ...]]:
    """Every stored rating (date, region, level, note) in order, read without writing."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT date, region_id, level, note FROM soreness ORDER BY date, region_id"
        ).fetchall()
    finally:
        connection.close()


def changed_on_disk(path: Path, statement: str, *parameters: object) -> None:
    """Change a stored value as a bit flip would: past the schema's checks, on disk at once."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute(statement, parameters)
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def row_id(path: Path, table: str, where: str, *parameters: object) -> int:
    """The id of the one row of ``table`` matching ``where``."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (found,) = connection.execute(
            f"SELECT id FROM {table} WHERE {where}",
            parameters,
        ).fetchone()
    finally:
        connection.close()
    return int(found)


def fill_disk(folder: Path, *, leave_kib: int = 0) -> Path:
    """Fill the disk holding ``folder`` with a filler file, leaving about ``leave_kib`` free."""
    status = os.statvfs(folder)
    free = status.f_bavail * status.f_frsize - leave_kib * 1024
    filler = folder / "filler"
    with filler.open("wb") as file:
        chunk = b"\0" * 4096
        try:
            while free > 0:
                file.write(chunk[: min(len(chunk), free)])
                free -= len(chunk)
            file.flush()
        except OSError:
            pass
    return filler
