"""Opening a journal: the one way the window and every command do it, each refusal worded once.

Opening resolves the path, takes (or refuses) the writer lock, detects a damaged, newer,
foreign or read-only file, and runs the schema migrations (which back the file up
first). Commands that only read open without the writer lock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legday_desktop.services.locking import JournalLock
    from legday_desktop.storage.errors import StorageError
    from legday_desktop.storage.journal_store import JournalStore


class JournalError(Exception):
    """The journal could not be opened, read or written; the message says why, for the user."""


class DamagedJournalError(JournalError):
    """The journal file is damaged; it was left as it is (see storage.backup)."""


class JournalBusyError(JournalError):
    """Another Legday is the journal's writer, or its folder cannot be written."""


class BadPathError(JournalError):
    """The path cannot hold a journal (a folder, a missing folder, no journal there)."""


class Access(enum.Enum):
    """What the opener will do with the journal."""

    READ = "read"  # read only, no writer lock; never creates or upgrades the file
    WRITE = "write"  # the one writer: refused when another Legday has the journal
    WRITE_OR_READ = "write or read"  # the window: the writer if it can be, else read-only


@dataclass
class OpenJournal:
    """A journal opened by ``open_journal``: its store, and why it is read-only, if it is."""

    path: Path
    store: JournalStore
    read_only_reason: str | None
    lock: JournalLock | None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        """Close the connections and give up the writer lock."""
        self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def journal_error(error: StorageError) -> JournalError:
    """The service-level error for a storage error, of the matching kind."""
    from legday_desktop.storage.errors import DamagedDatabaseError, DatabasePathError

    if isinstance(error, DamagedDatabaseError):
        return DamagedJournalError(str(error))
    if isinstance(error, DatabasePathError):
        return BadPathError(str(error))
    return JournalError(str(error))


def journal_path(path: Path | str) -> Path:
    """The journal's path as opened: ``~`` expanded, absolute, symlinks followed.

    One file has one spelling, so that its lock is the same whatever path names it.
    """
    return Path(path).expanduser().resolve()


def open_journal(
    path: Path | str, access: Access, *, busy_timeout_ms: int | None = None
) -> OpenJournal:
    """Open the journal at ``path`` for ``access``; JournalError (a subclass) if it cannot be.

    DamagedJournalError for a damaged file and JournalBusyError when the lock is refused,
    each leaving the file as it is.
    """
    from legday_desktop.storage import database
    from legday_desktop.storage.errors import (
        DamagedDatabaseError,
        DatabasePathError,
        ReadOnlyDatabaseError,
        StorageError,
    )
    from legday_desktop.storage.sqlite_files import BUSY_TIMEOUT_MS, prepare_database_file

    path = journal_path(path)
    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    lock: JournalLock | None = None
    read_only_reason: str | None = None
    try:
        if access is not Access.READ:
            lock, refusal = _take_lock(path)
            if refusal is not None:
                if access is Access.WRITE:
                    raise JournalBusyError(refusal)
                read_only_reason = refusal
        if read_only_reason is None and access is not Access.READ:
            try:
                store = database.open_store(path, busy_timeout_ms=timeout)
                return OpenJournal(path, store, None, lock)
            except ReadOnlyDatabaseError as error:
                if access is Access.WRITE:
                    raise JournalBusyError(str(error)) from error
                read_only_reason = str(error)
        if not path.is_file():
            raise BadPathError(f"there is no journal at {path}")
        if prepare_database_file(path, thorough=False):
            if read_only_reason is not None:
                raise JournalError(
                    f"{path} needs an upgrade to this version of Legday, which cannot be "
                    f"written: {read_only_reason}"
                )
            # A reader of an old journal upgrades it first, as the one writer meanwhile.
            upgrading = open_journal(path, Access.WRITE, busy_timeout_ms=busy_timeout_ms)
            upgrading.close()
        return OpenJournal(path, database.open_store_to_read(path), read_only_reason, lock)
    except DamagedDatabaseError as error:
        _release(lock)
        raise DamagedJournalError(str(error)) from error
    except DatabasePathError as error:
        _release(lock)
        raise BadPathError(str(error)) from error
    except StorageError as error:
        _release(lock)
        raise JournalError(str(error)) from error
    except BaseException:
        _release(lock)
        raise


def _release(lock: JournalLock | None) -> None:
    if lock is not None:
        lock.release()


def take_writer_lock(path: Path) -> JournalLock | None:
    """Become the one writer of ``path``; JournalBusyError if it cannot (None: no folder)."""
    lock, refusal = _take_lock(journal_path(path))
    if refusal is not None:
        raise JournalBusyError(refusal)
    return lock


def check_journal_file(path: Path) -> Path:
    """Check that ``path`` is a journal this Legday can read, changing nothing; its path.

    The same refusals as ``open_journal`` (damaged, foreign, newer, missing).
    """
    from legday_desktop.storage.errors import (
        DamagedDatabaseError,
        DatabasePathError,
        StorageError,
    )
    from legday_desktop.storage.sqlite_files import stored_revision_of_journal

    path = journal_path(path)
    if not path.is_file():
        raise BadPathError(f"there is no journal at {path}")
    try:
        stored_revision_of_journal(path)
    except DamagedDatabaseError as error:
        raise DamagedJournalError(str(error)) from error
    except DatabasePathError as error:
        raise BadPathError(str(error)) from error
    except StorageError as error:
        raise JournalError(str(error)) from error
    return path


def _take_lock(path: Path) -> tuple[JournalLock | None, str | None]:
    """The writer lock of ``path``, or the reason it cannot be had (worded for the user)."""
    from legday_desktop.services.locking import JournalLock  # writers only

    if not path.parent.is_dir():
        return None, None  # opening reports the missing folder
    lock = JournalLock(path)
    if lock.acquire():
        return lock, None
    if lock.held_elsewhere():
        holder = lock.holder()
        process = f" (process {holder})" if holder else ""
        return None, f"{path} is open in another Legday window{process}; close it there first"
    return None, f"{path} cannot be written: its folder {path.parent} is read-only"
