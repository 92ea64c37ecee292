"""Keeping the journal safe: where backups go, and what to do with a damaged journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from legday_desktop.domain.wording import _
from legday_desktop.services.opening import JournalError, check_journal_file, journal_path
from legday_desktop.storage import backup as backups
from legday_desktop.storage.errors import StorageError
from legday_desktop.storage.sqlite_files import backups_folder as _backups_folder

MAX_KEEP = backups.MAX_KEEP


class SafekeepingError(JournalError):
    """A backup, restore or recovery step failed; the message says why, for the user."""


@dataclass(frozen=True)
class Recovered:
    """What recovering a damaged journal did: where the damaged file went, and from what."""

    set_aside: Path | None
    restored_from: Path | None


def backups_folder(journal: Path) -> Path:
    """Where the journal's backups are kept: ``backups`` beside it."""
    return _backups_folder(journal)


def suggested_backup_path(journal: Path, now: dt.datetime | None = None) -> Path:
    """A new file name in the backups folder for a backup made by hand now (never pruned)."""
    return backups.new_backup_path(journal, now, manual=True)


def newest_good_backup(journal: Path) -> Path | None:
    """The newest backup of ``journal`` (by the time in its name) that is healthy and current."""
    for candidate in backups.list_backups(journal):
        try:
            backups.check_backup(candidate)
        except StorageError:
            continue
        return candidate
    return None


def restore_damaged(journal: Path, backup: Path) -> Recovered:
    """Restore ``backup`` in place of the damaged ``journal``, which is renamed beside it."""
    try:
        restored = backups.restore(journal, backup)
    except StorageError as error:
        raise SafekeepingError(str(error)) from error
    return Recovered(set_aside=restored.set_aside, restored_from=backup)


def start_new_beside(journal: Path) -> Recovered:
    """Rename the damaged ``journal`` beside itself; a new one is created when it opens."""
    try:
        aside = backups.set_aside(journal)
    except StorageError as error:
        raise SafekeepingError(str(error)) from error
    return Recovered(set_aside=aside, restored_from=None)


def back_up(journal: Path, output: Path | None, *, keep: int | None = None) -> Path:
    """Back up ``journal`` into the new file ``output``, or by hand into its backups folder.

    The journal is checked as opening it would (damaged, foreign and newer files are
    refused, and nothing is changed); a backup only reads it, so no writer lock is taken.
    """
    path = check_journal_file(journal)
    try:
        if output is not None:
            return backups.backup_to(path, output)
        return backups.make_backup(path, keep=keep, manual=True)
    except StorageError as error:
        raise SafekeepingError(str(error)) from error


def restore_journal(
    journal: Path, backup: Path, *, take_over_lock: bool = False
) -> backups.Restored:
    """Make ``journal`` hold what ``backup`` holds, as its one writer meanwhile.

    The journal as it was is backed up first (or, if damaged, renamed beside itself).
    """
    from legday_desktop.services.opening import BadPathError, take_writer_lock

    if not backup.is_file():
        raise BadPathError(_("{backup}: no such backup file").format(backup=backup))
    path = journal_path(journal)
    lock = take_writer_lock(path, take_over=take_over_lock)
    try:
        return backups.restore(path, backup)
    except StorageError as error:
        raise SafekeepingError(str(error)) from error
    finally:
        if lock is not None:
            lock.release()


def backups_kept_override() -> tuple[str, str] | None:
    """``($LEGDAY_KEEP_BACKUPS's name, its value)`` when it is set: it wins over Preferences."""
    import os

    value = os.environ.get(backups.KEEP_ENV, "").strip()
    return (backups.KEEP_ENV, value) if value else None
