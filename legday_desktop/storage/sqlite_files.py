"""Everything SQLite-only: file checks, pragmas, quick_check, read-only opening, backup API.

The journal's queries (storage.journal_store) are portable; what only SQLite has lives here.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from legday_desktop.domain.wording import _
from legday_desktop.storage import schema
from legday_desktop.storage.errors import (
    DamagedDatabaseError,
    DatabasePathError,
    DatabaseTooNewError,
    DatabaseWriteError,
    JournalFileMovedError,
    NotADatabaseError,
    StorageError,
    disk_full,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


BACKUP_FOLDER = "backups"
SIDE_FILES = ("-wal", "-shm")


def configure_connection(
    connection: sqlite3.Connection,
    *,
    foreign_keys: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> None:
    """Give a connection the settings every Legday connection has.

    Autocommit at the driver level (isolation_level None): whoever opens a transaction
    issues BEGIN itself, so that DDL and reads are transactional too and writers can
    take the lock up front.
    """
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    connection.execute("PRAGMA journal_mode = WAL")
    # FULL: every commit is on disk before the UI says "saved" (about 0.25 ms each).
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


class FileIdentity:
    """The file a journal's connection has open, to notice it deleted, moved or replaced.

    SQLite keeps writing to the file it opened, also after it was deleted or renamed, so
    a change committed then would be lost without a word; ``check`` says so first.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None

    def remember(self) -> None:
        """Note which file is at the path now (right after a connection opened it)."""
        try:
            status = self.path.stat()
        except OSError:
            self._identity = None
            return
        self._identity = (status.st_dev, status.st_ino)

    def check(self) -> None:
        """JournalFileMovedError unless the file at the path is still the one remembered."""
        if self._identity is None:
            return
        try:
            status = self.path.stat()
        except FileNotFoundError:
            raise JournalFileMovedError(
                _(
                    "{path} is no longer there: the journal file was deleted or moved while "
                    "Legday had it open"
                ).format(path=self.path),
                replaced=False,
            ) from None
        except OSError as error:
            raise DatabaseWriteError(
                _("Cannot check {path}: {reason}").format(path=self.path, reason=error.strerror)
            ) from error
        if (status.st_dev, status.st_ino) != self._identity:
            raise JournalFileMovedError(
                _(
                    "{path} is another file now: the journal file was replaced while Legday had "
                    "it open"
                ).format(path=self.path),
                replaced=True,
            )


# Less free space than this, and a failed write means the disk is full (a WAL journal
# needs room for its 32 KiB -shm file and a few pages even to be opened).
FULL_DISK_BYTES = 1024 * 1024


def full_disk(path: Path) -> str | None:
    """``the disk is full (12 KB free in /home/ana)`` when ``path``'s folder has no room."""
    return disk_full(path, below_bytes=FULL_DISK_BYTES)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can only read, also when the file or its folder is read-only.

    Never creates a file. A WAL journal in a folder that cannot be written, or on a full
    disk (where its -shm file cannot be made), is read as it is on disk, which is only
    right when its -wal file holds nothing: otherwise StorageError, since reading without
    those changes would show old data.
    """
    if not path.is_file():
        raise StorageError(_("Cannot open {path}: there is no such file").format(path=path))
    uri = path.resolve().as_uri()
    try:
        connection = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        full = full_disk(path) if "disk I/O error" in str(error) else None
        # A folder that cannot be written: "unable to open" (no -shm can be made) or,
        # since SQLite 3.22, "attempt to write a readonly database" (SQLITE_READONLY_DIRECTORY).
        unwritable_folder = "unable to open" in str(error) or "readonly database" in str(error)
        if not unwritable_folder and full is None:
            raise
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            if full:
                message = _(
                    "Cannot read {path}: its latest changes are in {name}, which cannot be read "
                    "while {why}; free some space and open it again"
                )
            else:
                message = _(
                    "Cannot read {path}: its latest changes are in {name}, which cannot be read "
                    "while the folder {folder} is read-only; make the folder writable and open "
                    "it again"
                )
            raise StorageError(
                message.format(path=path, name=wal.name, why=full, folder=path.parent)
            ) from error
        connection = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA query_only = ON")
    return connection


def broken_references(connection: sqlite3.Connection) -> set[tuple[str, int, str]]:
    """(table, rowid, parent table) of every row whose foreign key points at nothing."""
    return {(row[0], row[1], row[2]) for row in connection.execute("PRAGMA foreign_key_check")}


def prepare_database_file(path: Path, *, thorough: bool = True) -> bool:
    """Check ``path`` can hold this Legday's journal; return True if it needs an upgrade.

    A missing file is created, owner-only (and needs the baseline). A file that is not a
    Legday database, or comes from a newer Legday, raises StorageError and is not touched.
    ``thorough`` also reads every page (quick_check); see ``whole_file_check_due``.
    """
    return prepared_revision(path, thorough=thorough) != schema.HEAD


def prepared_revision(path: Path, *, thorough: bool = True) -> str | None:
    """As ``prepare_database_file``, returning the stored revision (None: no schema yet)."""
    _prepare_file(path)
    return _stored_revision(path, thorough=thorough)


def whole_file_check_due(path: Path, *, today: dt.date | None = None) -> bool:
    """Whether opening ``path`` as its writer should read every page (quick_check) first.

    Only when needed: after an unclean shutdown (a -wal with data is left beside a journal
    nobody has open) or when the journal has not been checked today. The day's automatic
    backup checks every page of its copy, so a journal backed up today was checked today.
    """
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return True
    day = (today or dt.date.today()).strftime("%Y%m%d")
    try:
        backed_up_today = any(
            not name.name.endswith("-manual.sqlite3")
            for name in backups_folder(path).glob(f"{path.stem}-{day}-*.sqlite3")
        )
    except OSError:
        return True
    return not backed_up_today


def stored_revision(path: Path) -> str | None:
    """The schema revision of an existing journal (None when it is still empty)."""
    return _stored_revision(path)


def stored_revision_of_journal(path: Path) -> str | None:
    """Check an existing file as opening it would, changing nothing; its schema revision.

    StorageError subclasses for a folder, a file that is not a Legday journal, a damaged
    one and one from a newer Legday.
    """
    if not path.is_file():
        raise DatabasePathError(_("there is no journal at {path}").format(path=path))
    _prepare_file(path)
    return _stored_revision(path)


def _prepare_file(path: Path) -> None:
    """Create a missing database file (owner-only), or check that an existing one is SQLite."""
    if path.is_dir():
        raise DatabasePathError(_("{path} is a folder, not a database file").format(path=path))
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabasePathError(
                _("Cannot create {path}: the folder {folder} does not exist").format(
                    path=path, folder=path.parent
                )
            )
        move_stale_side_files(path)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as error:
            raise DatabaseWriteError(
                _("Cannot create {path}: {reason}").format(path=path, reason=error.strerror)
            ) from error
        os.close(descriptor)
        return
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StorageError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror)
        ) from error
    if header and header != SQLITE_HEADER:
        raise NotADatabaseError(
            _("{path} is not a Legday database (not an SQLite file); it was left untouched").format(
                path=path
            )
        )
    if header:
        return
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # The journal's pages were lost but its latest changes were not: SQLite would
        # delete that -wal on opening an empty file, so nothing may open it.
        raise DamagedDatabaseError(
            _(
                "{path} is damaged (it is empty, 0 bytes, but {name} beside it still holds "
                "changes); it was left untouched"
            ).format(path=path, name=wal.name)
        )
    if _has_backups(path):
        # An empty file that once held a journal was cut off: restoring is the way on.
        # (An empty file without backups is a journal that was never written: a new one.)
        raise DamagedDatabaseError(
            _(
                "{path} is damaged (it is empty, 0 bytes, and backups of it exist); it was "
                "left untouched"
            ).format(path=path)
        )


def move_stale_side_files(database: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Rename the -wal (and -shm) left beside a missing journal out of its way; never delete.

    A new journal created at ``database`` would otherwise replay that WAL, the changes of
    another file, into itself. Returns the name the side files now have, without their
    suffix (``<name>.stale-<date>-<time>``), or None when there was no WAL holding data.
    """
    wal = Path(f"{database}-wal")
    if database.exists() or not (wal.exists() and wal.stat().st_size > 0):
        return None
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside, counter = database.with_name(f"{database.name}.stale-{stamp}"), 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in SIDE_FILES):
        counter += 1
        aside = database.with_name(f"{database.name}.stale-{stamp}-{counter}")
    try:
        for suffix in SIDE_FILES:
            side = Path(f"{database}{suffix}")
            if side.exists():
                side.rename(Path(f"{aside}{suffix}"))
    except OSError as error:
        raise DatabaseWriteError(
            _("Could not move the old {name} beside {database} out of the way: {reason}").format(
                name=wal.name, database=database, reason=error.strerror
            )
        ) from error
    return aside


def _check_length(connection: sqlite3.Connection, path: Path) -> None:
    """DamagedDatabaseError when the file is shorter than its pages (it was cut off)."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return  # the newest pages may be in the WAL only
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    if path.stat().st_size < page_count * page_size:
        raise DamagedDatabaseError(
            _(
                "{path} is damaged (it is shorter than its {page_count} pages: cut off); it "
                "was left untouched"
            ).format(path=path, page_count=page_count)
        )


def rows_breaking_constraints(connection: sqlite3.Connection) -> str:
    """Which row breaks a constraint of the schema (quick_check names only the table).

    For example ``table soreness, row id 972 breaks level_range``, with how many more.
    """
    from sqlalchemy import CheckConstraint

    from legday_desktop.storage.tables import metadata

    found: list[str] = []
    for table in metadata.sorted_tables:
        key = "id" if "id" in table.columns else "rowid"
        tests = [
            (_rule(table.name, str(constraint.name), str(constraint.sqltext)), f"NOT ({rule})")
            for constraint in table.constraints
            if isinstance(constraint, CheckConstraint)
            for rule in [constraint.sqltext]
        ] + [
            (
                _("the rule that {column} is never missing").format(column=column.name),
                f"{column.name} IS NULL",
            )
            for column in table.columns
            if not column.nullable
        ]
        for name, test in tests:
            try:
                rows = connection.execute(
                    f"SELECT {key} FROM {table.name} WHERE {test} LIMIT 3"
                ).fetchall()
            except sqlite3.Error:
                continue
            found.extend(
                _("table {table}, row {key} {row} breaks {rule}").format(
                    table=table.name, key=key, row=row, rule=name
                )
                for (row,) in rows
            )
    if not found:
        return _("a value breaks the journal's rules")
    if len(found) == 1:
        return found[0]
    return _("{first}, and {count} more").format(first=found[0], count=len(found) - 1)


def _rule(table: str, name: str, text: str) -> str:
    """``the rule level_range (level BETWEEN 0 AND 10)``: a CHECK constraint, for people."""
    short = name.removeprefix(f"ck_{table}_")
    if len(text) <= 60:
        return _("the rule {name} ({rule})").format(name=short, rule=text)
    return _("the rule {name}").format(name=short)


def backups_folder(database: Path) -> Path:
    """``<the journal's folder>/backups``, where the journal's backups are kept."""
    return database.parent / BACKUP_FOLDER


def _has_backups(database: Path) -> bool:
    """Whether the backups folder holds any backup of ``database`` (see storage.backup)."""
    try:
        return any(backups_folder(database).glob(f"{database.stem}-*.sqlite3"))
    except OSError:
        return False


def _stored_revision(path: Path, *, thorough: bool = True) -> str | None:
    """Return the schema revision of the file, None for a new, empty database.

    Reads through a read-only connection, so that a file that turns out not to be ours
    is not changed, not even by switching it to WAL. A file shorter than its header says
    is damaged; ``thorough`` reads every page too.
    """
    try:
        connection = open_read_only(path)
    except sqlite3.OperationalError as error:
        raise StorageError(
            _("Cannot open {path}: {error}").format(path=path, error=error)
        ) from error
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(
            _("{path} is damaged ({error}); it was left untouched").format(path=path, error=error)
        ) from error
    except sqlite3.Error as error:
        raise StorageError(
            _("Cannot open {path}: {error}").format(path=path, error=error)
        ) from error
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise NotADatabaseError(
                _(
                    "{path} is an SQLite database but not a Legday one; it was left untouched"
                ).format(path=path)
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        _check_length(connection, path)
        # quick_check reads every page (about 22 ms at 30 years of ratings): a damaged
        # file is found now, before anything is written to it.
        check = connection.execute("PRAGMA quick_check(1)").fetchone()[0] if thorough else "ok"
        if check != "ok":
            problem = " ".join(str(check).replace("*** in database main ***", "").split())
            if "constraint failed" in problem or "NULL value in" in problem:
                problem = rows_breaking_constraints(connection)
            raise DamagedDatabaseError(
                _("{path} is damaged ({problem}); it was left untouched").format(
                    path=path, problem=problem
                )
            )
    except sqlite3.OperationalError as error:
        # Locked, or a folder we may not use: the file itself may be fine.
        raise StorageError(
            _("Cannot read {path}: {error}").format(path=path, error=error)
        ) from error
    except sqlite3.DatabaseError as error:
        # The header said SQLite, so the rest is damaged (truncated, overwritten …).
        raise DamagedDatabaseError(
            _("{path} is damaged ({error}); it was left untouched").format(path=path, error=error)
        ) from error
    finally:
        connection.close()
    if row is None:
        return None
    revision = str(row[0])
    if revision not in schema.REVISIONS:
        raise DatabaseTooNewError(
            _(
                "{path} was written by a newer version of Legday (schema {revision}); update "
                "Legday to open it. The file was left untouched."
            ).format(path=path, revision=revision)
        )
    return revision
