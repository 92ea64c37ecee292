"""Errors storage reports to the user: each message says what happened and to which file."""

from __future__ import annotations


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
