"""Opening a journal file: its SQLAlchemy engine, the Alembic migrations, the journal store."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import (
    URL,
    Column,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    exc,
    insert,
    inspect,
)
from sqlalchemy.pool import NullPool

from legday_desktop.domain.regions import REGIONS
from legday_desktop.domain.wording import _
from legday_desktop.storage import schema
from legday_desktop.storage.errors import (
    DatabasePathError,
    DatabaseWriteError,
    ReadOnlyDatabaseError,
    StorageError,
    disk_full_or,
)
from legday_desktop.storage.journal_store import BEGIN_MODE, JournalStore
from legday_desktop.storage.sqlite_files import (
    BUSY_TIMEOUT_MS,
    SIDE_FILES,
    FileIdentity,
    broken_references,
    configure_connection,
    full_disk,
    move_stale_side_files,
    open_read_only,
    prepare_database_file,
    prepared_revision,
    stored_revision,
    whole_file_check_due,
)
from legday_desktop.storage.tables import metadata, region

MIGRATIONS_DIR = schema.MIGRATIONS_DIR

# Alembic's own table, as Alembic creates it, so that a new journal can be stamped with
# the newest revision without importing Alembic.
alembic_version = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def _on_connect(foreign_keys: bool, busy_timeout_ms: int) -> Any:
    def configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        configure_connection(
            dbapi_connection, foreign_keys=foreign_keys, busy_timeout_ms=busy_timeout_ms
        )

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


def migrate(
    path: Path,
    *,
    target: str = "head",
    script_location: Path | None = None,
    back_up: bool = True,
) -> None:
    """Upgrade the schema of ``path`` to ``target`` in one transaction, checking foreign keys.

    A journal that already holds a schema is backed up first (backups/ beside it), unless
    not ``back_up`` (a temporary copy).

    Foreign keys are OFF while migrating: with them ON, the batch rebuild SQLite needs to
    change a parent table would delete every child row through ON DELETE CASCADE.
    """
    from alembic import command  # imported only when an upgrade is needed

    from legday_desktop.storage.backup import make_backup

    if back_up and stored_revision(path) is not None:
        make_backup(path)  # a journal with data is backed up before its schema changes

    engine = create_sqlite_engine(path, foreign_keys=False, pooled=False)
    try:
        with engine.connect().execution_options(**{BEGIN_MODE: "IMMEDIATE"}) as connection:
            config = schema.alembic_config(connection, script_location)
            with connection.begin() as transaction:
                # Another tool may have left broken references already; only the ones the
                # upgrade itself would cause stop it.
                driver = connection.connection.driver_connection
                assert isinstance(driver, sqlite3.Connection)
                broken_before = broken_references(driver)
                command.upgrade(config, target)
                broken = broken_references(driver) - broken_before
                if broken:
                    transaction.rollback()
                    table, rowid, parent = min(broken, key=str)
                    raise StorageError(
                        _(
                            "Upgrading {path} would leave {count} broken reference(s), first "
                            "in table {table} row {rowid} (to {parent}); nothing was changed"
                        ).format(
                            path=path,
                            count=len(broken),
                            table=table,
                            rowid=rowid,
                            parent=parent,
                        )
                    )
    except exc.OperationalError as error:
        raise _write_error(path, error) from error
    finally:
        engine.dispose()


def create_schema(path: Path) -> None:
    """Give the new, empty journal at ``path`` the newest schema in one transaction.

    The tables come from the same metadata the migrations end at, with the regions seeded
    and Alembic's revision stamped, as Alembic's cookbook advises for a new database: the
    same result as running every migration (a test compares the two), without importing
    Alembic on a first start. A file that holds tables by then is left to ``migrate``.
    """
    engine = create_sqlite_engine(path, pooled=False)
    try:
        immediate = engine.connect().execution_options(**{BEGIN_MODE: "IMMEDIATE"})
        with immediate as connection, connection.begin():
            if inspect(connection).get_table_names():
                created_elsewhere = True
            else:
                created_elsewhere = False
                metadata.create_all(connection)
                connection.execute(
                    insert(region),
                    [{"id": r.id, "group_id": r.group.id, "side": r.side.value} for r in REGIONS],
                )
                alembic_version.create(connection)
                connection.execute(insert(alembic_version), {"version_num": schema.HEAD})
    except exc.OperationalError as error:
        raise _write_error(path, error) from error
    finally:
        engine.dispose()
    if created_elsewhere:
        migrate(path)


def _write_error(path: Path, error: exc.DBAPIError) -> StorageError:
    full = full_disk(path) or disk_full_or(str(path), error.orig)
    if full != str(error.orig):  # the disk is full, said plainly
        return DatabaseWriteError(
            _("Cannot write {path}: {full}; free some space and try again").format(
                path=path, full=full
            )
        )
    return DatabaseWriteError(_("Cannot write {path}: {error}").format(path=path, error=error.orig))


def _remove_new_journal(path: Path, identity: FileIdentity) -> None:
    """Remove the journal file this open just created, when making its schema failed.

    Only that file (the same device and inode), as ``remove_if_still_empty`` does it: a
    failed first start leaves nothing behind.
    """
    try:
        identity.check()
    except StorageError:
        return
    remove_if_still_empty(path)


def open_engine(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Open (creating if missing) the Legday database at ``path``, migrated to the newest schema.

    ``busy_timeout_ms`` is how long a write waits for another writer before failing.
    Raises StorageError subclasses with a message for the user; a file that is not a
    Legday database, or comes from a newer Legday, is never written to.
    """
    path = Path(path)
    if path.is_file() and not os.access(path, os.W_OK):
        # SQLite itself would open it and fail at the first write; say so now.
        raise ReadOnlyDatabaseError(
            _("{path} cannot be written (it is read-only)").format(path=path)
        )
    created = FileIdentity(path) if not path.exists() else None
    revision = prepared_revision(path, thorough=whole_file_check_due(path))
    if revision is None:
        if created is not None:
            created.remember()
        try:
            create_schema(path)
        except StorageError:
            if created is not None:
                _remove_new_journal(path, created)
            raise
    elif revision != schema.HEAD:
        migrate(path)
    engine = create_sqlite_engine(path, busy_timeout_ms=busy_timeout_ms)
    try:
        engine.connect().close()  # the first connection sets WAL: a write
    except exc.OperationalError as error:
        engine.dispose()
        if "readonly" in str(error.orig) or "unable to open" in str(error.orig):
            raise ReadOnlyDatabaseError(
                _("{path} cannot be written: {error}").format(path=path, error=error.orig)
            ) from error
        full = full_disk(path)
        if full is not None:
            # Not damage: a full disk cannot give the journal its -shm file. Reading works.
            raise ReadOnlyDatabaseError(
                _("{path} cannot be written: {full}; free some space, then open it again").format(
                    path=path, full=full
                )
            ) from error
        raise StorageError(
            _("Cannot open {path}: {error}").format(path=path, error=error.orig)
        ) from error
    return engine


def open_read_only_engine(path: Path) -> Engine:
    """An engine that only reads ``path``: also a read-only file, or one in a read-only folder.

    ReadOnlyDatabaseError if the file first needs a schema upgrade (a write); other
    StorageErrors as ``open_engine``.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabasePathError(_("there is no journal at {path}").format(path=path))
    # A reader never reads every page: the journal's writer does that when it is due.
    if prepare_database_file(path, thorough=False):
        raise ReadOnlyDatabaseError(
            _("{path} needs an upgrade to this version of Legday before it can be read").format(
                path=path
            )
        )
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: open_read_only(path), poolclass=NullPool
    )
    event.listen(engine, "begin", _on_begin)
    return engine


def open_store(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> JournalStore:
    """The journal at ``path`` to read and write (created and migrated as needed).

    Every write first checks that the file is still at ``path`` (see FileIdentity).
    """
    engine = open_engine(path, busy_timeout_ms=busy_timeout_ms)
    return JournalStore(engine, str(path), file_check=FileIdentity(path))


def save_copy_of_open_journal(store: JournalStore, target: Path) -> None:
    """Copy the journal ``store`` holds open into the new file ``target`` (backup API).

    For a journal whose file was replaced while open: what it held is still readable
    through the open connection, and nothing else has it.
    """
    from legday_desktop.storage.backup import copy_connection_to

    if target.exists():
        raise StorageError(
            _("{target} exists; Legday will not write over it").format(target=target)
        )
    driver = store.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    copy_connection_to(driver, target, store.name)


def save_again_where_it_was(store: JournalStore, path: Path) -> None:
    """Write the journal ``store`` still holds open to ``path``, where its file was deleted.

    The store's connection still reads the deleted (or moved) file; its content is copied
    with the backup API into a new file (the folder is made again if it went too), the
    connection is closed, and the copy takes the name. Never writes over a file at
    ``path``: StorageError if one is there. The store reconnects to the new file on use.
    """
    from legday_desktop.storage.backup import copy_connection_to

    if path.exists():
        raise StorageError(_("{path} exists; Legday will not write over it").format(path=path))
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseWriteError(
            _("Cannot create {folder}: {reason}").format(folder=path.parent, reason=error.strerror)
        ) from error
    driver = store.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    partial = path.with_name(f".{path.name}.saving")
    copy_connection_to(driver, partial, str(path))
    store.close()  # the old file's connection checkpoints into it and drops its side files
    try:
        move_stale_side_files(path)
        if path.exists():
            raise StorageError(_("{path} exists; Legday will not write over it").format(path=path))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def open_store_to_read(path: Path) -> JournalStore:
    """The existing journal at ``path``, to read only (see ``open_read_only_engine``)."""
    return JournalStore(open_read_only_engine(path), str(path))


def open_store_to_salvage(path: Path) -> JournalStore:
    """A damaged journal at ``path``, to read what can still be read (see storage.salvage).

    Only reads (``mode=ro``) and checks nothing first: the checks that opening makes are
    the ones a damaged file fails. StorageError if it is not a file.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabasePathError(_("there is no journal at {path}").format(path=path))
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: open_read_only(path), poolclass=NullPool
    )
    event.listen(engine, "begin", _on_begin)
    return JournalStore(engine, str(path))


def open_migrated_copy(path: Path) -> tuple[JournalStore, Path]:
    """The journal at ``path``, from an older Legday, read through an upgraded copy.

    The copy (SQLite's backup API) is made in a new private temporary folder and upgraded
    there; ``path`` itself is only read, never upgraded in place. Returns the store, which
    only reads, and the folder, which the caller removes when done.
    """
    import shutil
    import tempfile

    from legday_desktop.storage.backup import backup_to

    folder = Path(tempfile.mkdtemp(prefix="legday-reading-"))
    try:
        copy = backup_to(path, folder / path.name)
        migrate(copy, back_up=False)
        store = JournalStore(open_read_only_engine(copy), str(path))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return store, folder


def remove_if_still_empty(path: Path) -> bool:
    """Remove the journal at ``path`` (and its side files) if it holds no records at all.

    For a journal a command created and then could not fill (a full disk): it leaves no
    empty journal behind. A file with no schema yet counts as empty; a file that holds
    anything, or cannot be read, is kept.
    """
    if not path.is_file():
        return False
    if path.stat().st_size > 0:
        try:
            if stored_revision(path) is not None:
                store = open_store_to_read(path)
                try:
                    if not store.is_empty():
                        return False
                finally:
                    store.close()
        except StorageError:
            return False
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in (*SIDE_FILES, "-journal"))):
        leftover.unlink(missing_ok=True)
    return True
