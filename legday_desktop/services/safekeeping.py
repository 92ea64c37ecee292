"""Keeping the journal safe: where backups go, and what to do with a damaged journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from legday_desktop.storage import backup as backups
from legday_desktop.storage.errors import StorageError
from legday_desktop.storage.sqlite_files import backups_folder as _backups_folder


class SafekeepingError(Exception):
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
