"""Opening a Legday SQLite file: connection settings, revision check and migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, exc
from sqlalchemy.pool import NullPool

from legday_desktop.storage import schema
from legday_desktop.storage.errors import (
    DatabasePathError,
    DatabaseTooNewError,
    DatabaseWriteError,
    NotADatabaseError,
    StorageError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Execution option naming the kind of BEGIN a transaction starts with.
BEGIN_MODE = "legday_begin"


def _on_connect(foreign_keys: bool, busy_timeout_ms: int) -> Any:
    def configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (see _on_begin), so that DDL
        # and reads are transactional too, and writers can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
            cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: every commit is on disk before the UI says "saved" (≈0.25 ms each).
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    return configure


def _on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(BEGIN_MODE, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_sqlite_engine(
    path: Path,
    *,
    foreign_keys: bool = True,
    pooled: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Engine:
    """Return an engine whose every connection has WAL, FULL sync, busy timeout and FKs set."""
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        poolclass=None if pooled else NullPool,
    )
    # Plain event.listen calls, not decorators: a decorator without its @ registers nothing.
    event.listen(engine, "connect", _on_connect(foreign_keys, busy_timeout_ms))
    event.listen(engine, "begin", _on_begin)
    return engine


def _prepare_file(path: Path) -> None:
    """Create a missing database file (owner-only), or check that an existing one is SQLite."""
    if path.is_dir():
        raise DatabasePathError(f"{path} is a folder, not a database file")
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabasePathError(
                f"Cannot create {path}: the folder {path.parent} does not exist"
            )
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as error:
            raise DatabaseWriteError(f"Cannot create {path}: {error.strerror}") from error
        os.close(descriptor)
        return
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}") from error
    if header and header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a Legday database (not an SQLite file); it was left untouched"
        )


def _stored_revision(path: Path) -> str | None:
    """Return the schema revision of the file, None for a new, empty database.

    Reads through a read-only connection, so that a file that turns out not to be ours
    is not changed, not even by switching it to WAL.
    """
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StorageError(f"Cannot open {path}: {error}") from error
    try:
        tables = {
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise NotADatabaseError(
                f"{path} is an SQLite database but not a Legday one; it was left untouched"
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        # Locked, or a folder we may not use: the file itself may be fine.
        raise StorageError(f"Cannot read {path}: {error}") from error
    except sqlite3.DatabaseError as error:
        raise NotADatabaseError(
            f"{path} is not a Legday database (damaged or not SQLite: {error}); "
            "it was left untouched"
        ) from error
    finally:
        connection.close()
    if row is None:
        return None
    revision = str(row[0])
    if revision not in schema.REVISIONS:
        raise DatabaseTooNewError(
            f"{path} was written by a newer version of Legday (schema {revision}); "
            "update Legday to open it. The file was left untouched."
        )
    return revision


def migrate(path: Path, *, target: str = "head", script_location: Path | None = None) -> None:
    """Upgrade the schema of ``path`` to ``target`` in one transaction, checking foreign keys.

    Foreign keys are OFF while migrating: with them ON, the batch rebuild SQLite needs to
    change a parent table would delete every child row through ON DELETE CASCADE.
    """
    from alembic import command  # imported only when an upgrade is needed
    from alembic.config import Config

    engine = create_sqlite_engine(path, foreign_keys=False, pooled=False)
    try:
        with engine.connect().execution_options(**{BEGIN_MODE: "IMMEDIATE"}) as connection:
            config = Config()
            config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
            config.set_main_option("path_separator", "os")
            config.attributes["connection"] = connection
            with connection.begin() as transaction:
                # Another tool may have left broken references already; only the ones the
                # upgrade itself would cause stop it.
                broken_before = _broken_references(connection)
                command.upgrade(config, target)
                broken = _broken_references(connection) - broken_before
                if broken:
                    transaction.rollback()
                    table, rowid, parent = min(broken, key=str)
                    raise StorageError(
                        f"Upgrading {path} would leave {len(broken)} broken reference(s), "
                        f"first in table {table} row {rowid} (to {parent}); nothing was changed"
                    )
    except exc.OperationalError as error:
        raise _write_error(path, error) from error
    finally:
        engine.dispose()


def _broken_references(connection: Any) -> set[tuple[str, int, str]]:
    """(table, rowid, parent table) of every row whose foreign key points at nothing."""
    return {
        (table, rowid, parent)
        for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check")
    }


def _write_error(path: Path, error: exc.DBAPIError) -> StorageError:
    return DatabaseWriteError(f"Cannot write {path}: {error.orig}")


def open_engine(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Open (creating if missing) the Legday database at ``path``, migrated to the newest schema.

    ``busy_timeout_ms`` is how long a write waits for another writer before failing.
    Raises StorageError subclasses with a message for the user; a file that is not a
    Legday database, or comes from a newer Legday, is never written to.
    """
    path = Path(path)
    _prepare_file(path)
    if _stored_revision(path) != schema.HEAD:
        migrate(path)
    return create_sqlite_engine(path, busy_timeout_ms=busy_timeout_ms)
