"""Opening a journal: the one way the window and every command do it, each refusal worded once.

Opening resolves the path, takes (or refuses) the writer lock, detects a damaged, newer,
foreign or read-only file, and runs the schema migrations (which back the file up
first). Commands that only read open without the writer lock.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from legday_desktop.domain.wording import _

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


class LockedOnAnotherHostError(JournalBusyError):
    """Legday on another computer holds the journal's lock (or left it there)."""

    def __init__(self, message: str, host: str, *, held_now: bool = False) -> None:
        super().__init__(message)
        self.host = host
        self.held_now = held_now  # locked right now (not left behind): never taken over


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
    # A journal from an older Legday, read through an upgraded copy in this folder.
    temporary_folder: Path | None = None
    # Read-only because Legday on this other host holds the lock (it can be taken over).
    locked_on_host: str | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        """Close the connections, give up the writer lock, remove a temporary copy."""
        self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if self.temporary_folder is not None:
            import shutil

            shutil.rmtree(self.temporary_folder, ignore_errors=True)
            self.temporary_folder = None


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
    path: Path | str,
    access: Access,
    *,
    busy_timeout_ms: int | None = None,
    take_over_lock: bool = False,
) -> OpenJournal:
    """Open the journal at ``path`` for ``access``; JournalError (a subclass) if it cannot be.

    DamagedJournalError for a damaged file and JournalBusyError when the lock is refused
    (LockedOnAnotherHostError when Legday on another host has it: ``take_over_lock``
    takes it anyway), each leaving the file as it is.
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
    locked_on_host: str | None = None
    try:
        if access is not Access.READ:
            try:
                lock = take_writer_lock(path, take_over=take_over_lock)
            except JournalBusyError as error:
                if access is Access.WRITE:
                    raise
                read_only_reason = str(error)
                if isinstance(error, LockedOnAnotherHostError) and not error.held_now:
                    locked_on_host = error.host
        if read_only_reason is None and access is not Access.READ:
            try:
                store = database.open_store(path, busy_timeout_ms=timeout)
                return OpenJournal(path, store, None, lock)
            except ReadOnlyDatabaseError as error:
                if access is Access.WRITE:
                    raise JournalBusyError(str(error)) from error
                read_only_reason = str(error)
        if not path.is_file():
            raise BadPathError(_("there is no journal at {path}").format(path=path))
        if prepare_database_file(path, thorough=False):
            # From an older Legday: a reader never upgrades it in place (it may be a
            # backup, or another program's copy), but reads an upgraded copy.
            store, folder = database.open_migrated_copy(path)
            return OpenJournal(path, store, read_only_reason, lock, folder, locked_on_host)
        store = database.open_store_to_read(path)
        return OpenJournal(path, store, read_only_reason, lock, None, locked_on_host)
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


def take_writer_lock(path: Path, *, take_over: bool = False) -> JournalLock | None:
    """Become the one writer of ``path``; JournalBusyError if it cannot (None: no folder).

    LockedOnAnotherHostError when Legday on another host has the lock, unless
    ``take_over`` (the user said that Legday is not running there).
    """
    from legday_desktop.domain.wording import day_and_time
    from legday_desktop.services.locking import JournalLock, this_host  # writers only

    path = journal_path(path)
    if not path.parent.is_dir():
        return None  # opening reports the missing folder
    lock = JournalLock(path)
    if lock.acquire(take_over=take_over):
        return lock
    other = lock.other_host
    if other is not None:
        if other.since:
            message = _(
                "{path} is locked by Legday on {host} (process {process}, since {since}): "
                "it is open there, or {host} stopped without closing it"
            )
        else:
            message = _(
                "{path} is locked by Legday on {host} (process {process}): "
                "it is open there, or {host} stopped without closing it"
            )
        raise LockedOnAnotherHostError(
            message.format(
                path=path,
                host=other.host,
                process=other.process,
                since=day_and_time(other.since) if other.since else "",
            ),
            other.host,
        )
    if lock.held_elsewhere():
        holder = lock.holder()
        process = holder.process if holder and holder.process else None
        if holder is not None and holder.host != this_host():
            if process:
                message = _(
                    "{path} is open in Legday on {host} (process {process}); close it there first"
                )
            else:
                message = _("{path} is open in Legday on {host}; close it there first")
            raise LockedOnAnotherHostError(
                message.format(path=path, host=holder.host, process=process),
                holder.host,
                held_now=True,
            )
        if process:
            message = _(
                "{path} is open in another Legday window (process {process}); close it there first"
            )
        else:
            message = _("{path} is open in another Legday window; close it there first")
        raise JournalBusyError(message.format(path=path, process=process))
    if os.access(path.parent, os.W_OK):
        raise JournalBusyError(
            _(
                "{path} cannot be written: {lock} beside it is not a lock file Legday "
                "can use (a link, a folder, or a file it may not read); if no Legday has the "
                "journal open, remove it and try again"
            ).format(path=path, lock=lock.path.name)
        )
    raise JournalBusyError(
        _("{path} cannot be written: its folder {folder} is read-only").format(
            path=path, folder=path.parent
        )
    )


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
        raise BadPathError(_("there is no journal at {path}").format(path=path))
    try:
        stored_revision_of_journal(path)
    except DamagedDatabaseError as error:
        raise DamagedJournalError(str(error)) from error
    except DatabasePathError as error:
        raise BadPathError(str(error)) from error
    except StorageError as error:
        raise JournalError(str(error)) from error
    return path
