"""Errors storage reports to the user: each message says what happened and to which file."""

from __future__ import annotations

import os
from pathlib import Path

from legday_desktop.domain.numbers import grouped
from legday_desktop.domain.wording import _


class StorageError(Exception):
    """A database could not be opened, read or written; the message is for the user."""


class DatabasePathError(StorageError):
    """The path given for the database cannot hold one (a folder, or a missing folder)."""


class NotADatabaseError(StorageError):
    """The file exists but is not a Legday database; it was not touched."""


class DamagedDatabaseError(StorageError):
    """The file is an SQLite database but damaged (truncated, fails quick_check); untouched."""


class ReadOnlyDatabaseError(StorageError):
    """The file (or its folder) cannot be written; it can still be read."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer Legday (unknown schema revision); not touched."""


class DatabaseWriteError(StorageError):
    """A write failed (read-only file, full disk …); nothing of it was stored."""


class JournalFileMovedError(DatabaseWriteError):
    """The journal's file left its path (deleted, moved or replaced); nothing was stored.

    ``replaced``: another file is at the path now.
    """

    def __init__(self, message: str, *, replaced: bool) -> None:
        super().__init__(message)
        self.replaced = replaced


def disk_full_or(name: str, error: object) -> str:
    """``error`` as text, or, when it is SQLite's "database or disk is full", it said plainly.

    ``the disk is full (412 KB free in /home/ana)``: the amount free after the failed write
    was rolled back, which can be more than it looks like the write needed.
    """
    text = str(error)
    if "database or disk is full" not in text:
        return text
    # More free than that: a limit of SQLite's own (max_page_count), not the disk.
    return disk_full(Path(name), below_bytes=NEARLY_FULL_BYTES) or text


def disk_full(path: Path, *, below_bytes: int) -> str | None:
    """``the disk is full (12 KB free in /home/ana)`` when ``path``'s folder has less free."""
    folder = path.parent
    try:
        status = os.statvfs(folder)
    except OSError:
        return None
    free = status.f_bavail * status.f_frsize
    if free >= below_bytes:
        return None
    return _("the disk is full ({free} KB free in {folder})").format(
        free=grouped(free // 1024), folder=folder
    )


# After SQLite said "database or disk is full", less free than this means the disk: no
# write of Legday's needs more (a 100 MB import's journal and WAL need well under it).
NEARLY_FULL_BYTES = 256 * 1024 * 1024
