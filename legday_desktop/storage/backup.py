"""Backups with SQLite's online backup API, restoring them, and setting damaged files aside.

Never a file copy of a live database: the backup API copies a consistent snapshot even
while the app has the journal open (WAL and all). Backups are named
``<journal stem>-YYYYMMDD-HHMMSS[-N].sqlite3`` (automatic) or ``…-manual.sqlite3`` (made
by hand); only automatic ones are ever pruned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from legday_desktop.domain.wording import _
from legday_desktop.storage.errors import (
    DamagedDatabaseError,
    DatabaseWriteError,
    StorageError,
    disk_full_or,
)
from legday_desktop.storage.sqlite_files import (
    SIDE_FILES,
    backups_folder,
    full_disk,
    move_stale_side_files,
    open_read_only,
    prepare_database_file,
    rows_breaking_constraints,
)

DEFAULT_KEEP = 10
KEEP_ENV = "LEGDAY_KEEP_BACKUPS"
MAX_KEEP = 1000
BACKUP_CACHE_KIB = 64
BACKUP_STEP_PAGES = 64
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True, order=True)
class BackupFile:
    """One backup of a journal in its backups folder, ordered by when it was made.

    ``sequence`` counts the backups in the order they were made (``-n<sequence>`` in the
    name), so that a clock set back cannot make a new backup look older than the last
    one; backups named before there was a sequence have 0 and are ordered by their time.
    """

    sequence: int
    made: dt.datetime
    counter: int
    path: Path
    manual: bool


def _name_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(database.stem)}-(\d{{4}})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)"
        r"(?:-(\d+))?(?:-n(\d+))?(-manual)?\.sqlite3"
    )


def backups_to_keep(
    environment: dict[str, str] | None = None, *, preferred: int | None = None
) -> int:
    """How many automatic backups to keep: ``$LEGDAY_KEEP_BACKUPS``, else ``preferred``, or 10.

    The variable, when set, wins over the number chosen in Preferences (``preferred``): a
    script or a single run can ask for another number without changing the preference.
    StorageError naming the variable when it is not a whole number from 1 to 1000.
    """
    text = (os.environ if environment is None else environment).get(KEEP_ENV, "").strip()
    if not text:
        if preferred is not None and 1 <= preferred <= MAX_KEEP:
            return preferred
        return DEFAULT_KEEP
    if not text.isdecimal() or not 1 <= int(text) <= MAX_KEEP:
        raise StorageError(
            _("{variable} must be a whole number from 1 to {most}, not {value}").format(
                variable=KEEP_ENV, most=MAX_KEEP, value=repr(text)
            )
        )
    return int(text)


def backup_files(database: Path) -> list[BackupFile]:
    """The journal's backups (automatic and manual) in its backups folder, newest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(database)
    found: list[BackupFile] = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            # (Not strptime: it would bring the locale modules, a megabyte, into start-up.)
            year, month, day, hour, minute, second = map(int, match.group(1, 2, 3, 4, 5, 6))
            made = dt.datetime(year, month, day, hour, minute, second)
        except ValueError:
            continue
        found.append(BackupFile(int(match[8] or 0), made, int(match[7] or 1), path, bool(match[9])))
    return sorted(found, reverse=True)


def list_backups(database: Path) -> list[Path]:
    """Paths of the journal's backups, newest first."""
    return [backup.path for backup in backup_files(database)]


def new_backup_path(
    database: Path, now: dt.datetime | None = None, *, manual: bool = False
) -> Path:
    """A file name in the backups folder, not yet taken: the time, then the next number.

    The number is one more than the highest among the journal's backups, so the newest
    backup is the one made last whatever the clock said.
    """
    folder = backups_folder(database)
    stamp = (now or dt.datetime.now()).strftime(_STAMP)
    kind = "-manual" if manual else ""
    sequence = max((backup.sequence for backup in backup_files(database)), default=0)
    while True:
        sequence += 1
        target = folder / f"{database.stem}-{stamp}-n{sequence}{kind}.sqlite3"
        if not target.exists():
            return target


def backup_to(database: Path, target: Path) -> Path:
    """Copy ``database`` into the new file ``target`` (owner-only) with the backup API.

    The copy is a self-contained file (rollback journal, not WAL), checked before it
    takes its name; nothing is left behind if anything fails.
    """
    if target.exists():
        raise StorageError(
            _("{target} exists; choose another file for the backup").format(target=target)
        )
    try:
        source = open_read_only(database)
    except sqlite3.Error as error:
        raise DatabaseWriteError(
            _("Could not back up {database} to {target}: {error}").format(
                database=database, target=target, error=error
            )
        ) from error
    try:
        copy_connection_to(source, target, str(database))
    finally:
        source.close()
    return target


def copy_connection_to(source: sqlite3.Connection, target: Path, name: str) -> None:
    """Copy what ``source`` (the journal ``name``) holds into the new file ``target``.

    Owner-only, one self-contained file, checked before it takes its name; nothing is
    left behind if anything fails.
    """
    partial = target.with_name(f".{target.name}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        copy = sqlite3.connect(partial)
        try:
            # Small page caches: the copy passes through them, and would otherwise
            # stay in the app's memory (about 1 MB for a year's journal).
            for connection in (source, copy):
                connection.execute(f"PRAGMA cache_size = -{BACKUP_CACHE_KIB}")
            source.backup(copy, pages=BACKUP_STEP_PAGES)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            # Read-write, this check also sees values that break the schema's constraints
            # (a level of 42 changed on disk), which no read-only check of the journal can.
            (check,) = copy.execute("PRAGMA quick_check(1)").fetchone()
            broken_rule = "constraint failed" in check or "NULL value in" in check
            broken = rows_breaking_constraints(copy) if broken_rule else None
        finally:
            copy.close()
        if broken is not None:
            # A faithful copy breaks a rule: the journal itself is damaged.
            raise DamagedDatabaseError(
                _("{name} is damaged ({broken}); it was left untouched").format(
                    name=name, broken=broken
                )
            )
        if check != "ok":
            raise StorageError(
                _("The backup of {name} did not pass its check ({check})").format(
                    name=name, check=check
                )
            )
        partial.replace(target)
    except sqlite3.Error as error:
        why = full_disk(target) or disk_full_or(str(target), error)
        raise DatabaseWriteError(
            _("Could not back up {name} to {target}: {why}").format(
                name=name, target=target, why=why
            )
        ) from error
    except OSError as error:
        reason = full_disk(target) or error.strerror or str(error)
        raise DatabaseWriteError(
            _("Could not back up {name} to {target}: {reason}").format(
                name=name, target=target, reason=reason
            )
        ) from error
    finally:
        for leftover in (
            partial,
            *(Path(f"{partial}{suffix}") for suffix in (*SIDE_FILES, "-journal")),
        ):
            leftover.unlink(missing_ok=True)


def make_backup(
    database: Path,
    *,
    keep: int | None = None,
    now: dt.datetime | None = None,
    protect: Path | None = None,
    manual: bool = False,
) -> Path:
    """Back up into the backups folder, keeping the newest ``keep`` automatic backups.

    ``keep`` defaults to ``backups_to_keep()``. A ``manual`` backup (made by hand) is
    named so and never pruned; manual backups, the new backup and ``protect`` (a backup
    about to be restored) are never deleted.
    """
    keep = backups_to_keep() if keep is None else keep
    folder = backups_folder(database)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseWriteError(
            _("Cannot create {folder}: {reason}").format(folder=folder, reason=error.strerror)
        ) from error
    target = backup_to(database, new_backup_path(database, now, manual=manual))
    spared = {target.resolve(), protect.resolve() if protect else None}
    automatic = [backup.path for backup in backup_files(database) if not backup.manual]
    for old in automatic[max(keep, 1) :]:
        if old.resolve() not in spared:
            old.unlink(missing_ok=True)
    return target


def daily_backup(
    database: Path, *, keep: int | None = None, today: dt.date | None = None
) -> Path | None:
    """Back up unless an automatic backup was already made today; the new backup, or None."""
    today = today or dt.date.today()
    if any(not b.manual and b.made.date() == today for b in backup_files(database)):
        return None
    return make_backup(database, keep=keep)


def _timestamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime(_STAMP)


def set_aside(database: Path, *, now: dt.datetime | None = None) -> Path:
    """Rename a damaged journal (and its WAL files) out of the way; never deletes it."""
    aside = database.with_name(f"{database.name}.damaged-{_timestamp(now)}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = database.with_name(f"{database.name}.damaged-{_timestamp(now)}-{counter}")
    try:
        database.rename(aside)
        for suffix in SIDE_FILES:
            side = Path(f"{database}{suffix}")
            if side.exists():
                side.rename(Path(f"{aside}{suffix}"))
    except OSError as error:
        raise DatabaseWriteError(
            _("Could not rename {database}: {reason}").format(
                database=database, reason=error.strerror
            )
        ) from error
    return aside


def _put_back(aside: Path, database: Path) -> None:
    """Undo ``set_aside`` (a restore that failed leaves the journal as it was)."""
    with contextlib.suppress(OSError):
        aside.rename(database)
        for suffix in SIDE_FILES:
            side = Path(f"{aside}{suffix}")
            if side.exists():
                side.rename(Path(f"{database}{suffix}"))


def check_backup(backup: Path) -> None:
    """StorageError unless ``backup`` is a healthy Legday journal this version can open.

    Every record is read too (about half a second at 30 years): a value changed on disk
    that SQLite's checks allow (a level of 3.5, a note that is not text) is damage, and a
    damaged backup is neither restored nor offered as the newest good one.
    """
    from legday_desktop.storage.database import open_store_to_read

    if not backup.is_file():
        raise StorageError(_("{backup} is not a file").format(backup=backup))
    if prepare_database_file(backup):  # raises for non-SQLite, damaged, foreign or newer files
        return  # from an older Legday: its records are read once it is upgraded
    store = open_store_to_read(backup)
    try:
        store.journal_columns()
    finally:
        store.close()


@dataclass(frozen=True)
class Restored:
    """What restoring did with the journal as it was: backed up, or (damaged) renamed."""

    safety_backup: Path | None
    set_aside: Path | None
    stale_side_files: Path | None = None


def restore(database: Path, backup: Path, *, keep: int | None = None) -> Restored:
    """Make ``database`` hold what ``backup`` holds, backing up the current file first.

    A damaged journal cannot be backed up, so it is renamed beside itself instead (and
    put back if restoring fails). A file that is not a Legday journal, or is from a newer
    Legday, raises StorageError and is left as it is. ``backup`` itself is never changed.
    """
    check_backup(backup)
    if not database.exists():
        stale = move_stale_side_files(database)
        _copy_into_new_file(backup, database)
        return Restored(safety_backup=None, set_aside=None, stale_side_files=stale)
    try:
        prepare_database_file(database)
        # The safety backup's check can find damage no read-only check sees (a value
        # changed on disk): then the journal is set aside like any damaged one.
        safety = make_backup(database, keep=keep, protect=backup)
    except DamagedDatabaseError:
        aside = set_aside(database)
        try:
            _copy_into_new_file(backup, database)
        except StorageError:
            if not database.exists():
                _put_back(aside, database)
            raise
        return Restored(safety_backup=None, set_aside=aside)
    check_backup(backup)  # still there and healthy, right before it is copied
    converted: Path | None = None
    try:
        target = sqlite3.connect(database)
        try:
            (page_size,) = target.execute("PRAGMA page_size").fetchone()
            source_path = backup
            if _page_size(backup) != page_size:
                # A WAL journal cannot take pages of another size: copy the backup with
                # the journal's page size first (into a private file, then removed).
                converted = _with_page_size(backup, database, page_size)
                source_path = converted
            source = open_read_only(source_path)
            try:
                # One transaction: if it fails, the journal is as it was.
                source.backup(target)
            finally:
                source.close()
        finally:
            target.close()
    except sqlite3.Error as error:
        why = full_disk(database) or disk_full_or(str(database), error)
        raise DatabaseWriteError(
            _("Could not restore {database} from {backup}: {why}").format(
                database=database, backup=backup, why=why
            )
        ) from error
    finally:
        if converted is not None:
            for leftover in (converted, Path(f"{converted}-journal")):
                leftover.unlink(missing_ok=True)
    return Restored(safety_backup=safety, set_aside=None)


def _page_size(path: Path) -> int:
    connection = open_read_only(path)
    try:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])
    finally:
        connection.close()


def _with_page_size(backup: Path, database: Path, page_size: int) -> Path:
    """A copy of ``backup`` beside ``database`` whose pages are ``page_size`` bytes."""
    converted = database.with_name(f".{database.name}.restoring-{os.getpid()}")
    converted.unlink(missing_ok=True)
    backup_to(backup, converted)
    connection = sqlite3.connect(converted)
    try:
        connection.execute(f"PRAGMA page_size = {int(page_size)}")
        connection.execute("VACUUM")  # rewrites every page at the new size
    finally:
        connection.close()
    return converted


def _copy_into_new_file(backup: Path, database: Path) -> None:
    """Restore ``backup`` to the missing ``database``: a full copy, then a rename."""
    partial = database.with_name(f".{database.name}.restoring")
    try:
        backup_to(backup, partial)
        partial.replace(database)
    finally:
        partial.unlink(missing_ok=True)
