"""Backups with SQLite's online backup API, restoring them, and setting damaged files aside.

Never a file copy of a live database: the backup API copies a consistent snapshot even
while the app has the journal open (WAL and all).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from legday_desktop.storage.errors import DamagedDatabaseError, DatabaseWriteError, StorageError
from legday_desktop.storage.sqlite_files import open_read_only, prepare_database_file

BACKUP_FOLDER = "backups"
DEFAULT_KEEP = 10
SIDE_FILES = ("-wal", "-shm")


def backups_folder(database: Path) -> Path:
    """``<the journal's folder>/backups``."""
    return database.parent / BACKUP_FOLDER


def list_backups(database: Path) -> list[Path]:
    """The journal's automatic and manual backups in its backups folder, newest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{database.stem}-*.sqlite3")
    return sorted(found, key=lambda path: path.name, reverse=True)


def _timestamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def new_backup_path(database: Path, now: dt.datetime | None = None) -> Path:
    """A file name in the backups folder, stamped with the time, not yet taken."""
    folder = backups_folder(database)
    stamp = _timestamp(now)
    target = folder / f"{database.stem}-{stamp}.sqlite3"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{database.stem}-{stamp}-{counter}.sqlite3"
    return target


def backup_to(database: Path, target: Path) -> Path:
    """Copy ``database`` into the new file ``target`` (owner-only) with the backup API."""
    if target.exists():
        raise StorageError(f"{target} exists; choose another file for the backup")
    partial = target.with_name(f".{target.name}.partial")
    try:
        source = open_read_only(database)
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.close(descriptor)
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                (check,) = copy.execute("PRAGMA quick_check(1)").fetchone()
            finally:
                copy.close()
        finally:
            source.close()
        if check != "ok":
            raise StorageError(f"The backup of {database} did not pass its check ({check})")
        partial.replace(target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise DatabaseWriteError(f"Could not back up {database} to {target}: {error}") from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise DatabaseWriteError(
            f"Could not back up {database} to {target}: {error.strerror}"
        ) from error
    return target


def make_backup(
    database: Path, *, keep: int = DEFAULT_KEEP, now: dt.datetime | None = None
) -> Path:
    """Back up into the backups folder, keeping the newest ``keep`` backups there."""
    folder = backups_folder(database)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseWriteError(f"Cannot create {folder}: {error.strerror}") from error
    target = backup_to(database, new_backup_path(database, now))
    for old in list_backups(database)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return target


def daily_backup(
    database: Path, *, keep: int = DEFAULT_KEEP, today: dt.date | None = None
) -> Path | None:
    """Back up unless a backup was already made today; the new backup, or None."""
    today = today or dt.date.today()
    newest = list_backups(database)
    stamp = today.strftime("%Y%m%d")
    if newest and newest[0].name.removeprefix(f"{database.stem}-").startswith(stamp):
        return None
    return make_backup(database, keep=keep)


def set_aside(database: Path, *, now: dt.datetime | None = None) -> Path:
    """Rename a damaged journal (and its WAL files) out of the way; never deletes it."""
    aside = database.with_name(f"{database.name}.damaged-{_timestamp(now)}")
    try:
        database.rename(aside)
        for suffix in SIDE_FILES:
            side = Path(f"{database}{suffix}")
            if side.exists():
                side.rename(Path(f"{aside}{suffix}"))
    except OSError as error:
        raise DatabaseWriteError(f"Could not rename {database}: {error.strerror}") from error
    return aside


def check_backup(backup: Path) -> None:
    """StorageError unless ``backup`` is a healthy Legday journal this version can open."""
    if not backup.is_file():
        raise StorageError(f"{backup} is not a file")
    prepare_database_file(backup)  # raises for non-SQLite, damaged, foreign or newer files


@dataclass(frozen=True)
class Restored:
    """What restoring did with the journal as it was: backed up, or (damaged) renamed."""

    safety_backup: Path | None
    set_aside: Path | None


def restore(database: Path, backup: Path, *, keep: int = DEFAULT_KEEP) -> Restored:
    """Make ``database`` hold what ``backup`` holds, backing up the current file first.

    A damaged journal cannot be backed up, so it is renamed beside itself instead. A
    file that is not a Legday journal, or is from a newer Legday, raises StorageError and
    is left as it is. The backup file itself is never changed.
    """
    check_backup(backup)
    safety: Path | None = None
    aside: Path | None = None
    if database.exists():
        try:
            prepare_database_file(database)
        except DamagedDatabaseError:
            aside = set_aside(database)
        else:
            safety = make_backup(database, keep=keep + 1)
    try:
        source = open_read_only(backup)
        target = sqlite3.connect(database)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    except sqlite3.Error as error:
        raise DatabaseWriteError(f"Could not restore {database} from {backup}: {error}") from error
    database.chmod(0o600)
    return Restored(safety_backup=safety, set_aside=aside)
