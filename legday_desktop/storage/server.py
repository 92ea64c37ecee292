"""Everything PostgreSQL-only: the server's engine, its write lock, schema revision and upgrade.

A journal on a server is one database (its tables in the default schema, owned by the
role that created them). The journal's queries are storage.journal_store's, as for a
file; what differs is here:

- Reads see one snapshot (REPEATABLE READ), as an SQLite read transaction does.
- Writes take the journal's write lock first (an advisory lock held until the commit),
  as ``BEGIN IMMEDIATE`` does on a file, then read what they change at READ COMMITTED:
  one writer at a time, each seeing everything committed before it.
- ``lock_timeout`` is how long a write waits for another one, like SQLite's busy timeout.
- The schema is upgraded with the same Alembic revisions as a file, in one transaction
  under the write lock; a schema from a newer Legday is refused and left untouched.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    exc,
    inspect,
    text,
)

from legday_desktop.domain.wording import _
from legday_desktop.storage import schema
from legday_desktop.storage.errors import (
    DatabaseTooNewError,
    DatabaseWriteError,
    NotADatabaseError,
    StorageError,
)
from legday_desktop.storage.journal_store import BEGIN_MODE, JournalStore
from legday_desktop.storage.locations import ServerLocation, server_location

# How long a write waits for another writer before it fails (as a file's busy timeout).
LOCK_TIMEOUT_MS = 5000
# The key of the journal's write lock (pg_advisory_xact_lock): "LEGD", one per database.
WRITE_LOCK_KEY = 0x4C454744
_CONNECT_TIMEOUT_S = 10


def _on_connect(lock_timeout_ms: int) -> Any:
    def configure(dbapi_connection: Any, _record: object) -> None:
        # Outside any transaction: the setting is the session's, not one transaction's.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute(f"SET lock_timeout = {int(lock_timeout_ms)}")
        finally:
            dbapi_connection.autocommit = autocommit

    return configure


def _on_begin(connection: Connection) -> None:
    """A write transaction: READ COMMITTED, and the write lock taken before anything else.

    Under REPEATABLE READ the snapshot would be taken before waiting for the lock, and
    miss what the writer before committed.
    """
    if connection.get_execution_options().get(BEGIN_MODE) == "IMMEDIATE":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def create_server_engine(
    location: ServerLocation, *, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> Engine:
    """An engine on the server's database: snapshot reads, locked writes, a lock timeout."""
    engine = create_engine(
        location.engine_url,
        isolation_level="REPEATABLE READ",
        # Values are people's notes: never in an error's text.
        hide_parameters=True,
        connect_args={"connect_timeout": _CONNECT_TIMEOUT_S, "application_name": "Legday"},
    )
    # Plain event.listen calls, not decorators: a decorator without its @ registers nothing.
    event.listen(engine, "connect", _on_connect(lock_timeout_ms))
    event.listen(engine, "begin", _on_begin)
    return engine


def stored_server_revision(connection: Connection, location: ServerLocation) -> str | None:
    """The schema revision of the server's database (None while it holds no tables).

    NotADatabaseError for a database holding tables of something else, DatabaseTooNewError
    for a schema of a newer Legday; neither is changed.
    """
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise NotADatabaseError(
            _("{name} is a PostgreSQL database but not a Legday one; it was left untouched").format(
                name=location.name
            )
        )
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    if revision is None:
        return None
    if revision not in schema.REVISIONS:
        raise DatabaseTooNewError(
            _(
                "{name} was written by a newer version of Legday (schema {revision}); update "
                "Legday to open it. The database was left untouched."
            ).format(name=location.name, revision=revision)
        )
    return str(revision)


def migrate_server(engine: Engine, location: ServerLocation, *, target: str = "head") -> None:
    """Upgrade the server's schema to ``target`` in one transaction, under the write lock.

    The revision is read again once the lock is held: of two Legdays opening a new
    database at once, the second finds it upgraded already. An empty database gets every
    revision from the first, the same ones a file gets.
    """
    from alembic import command  # imported only when an upgrade is needed

    locked = engine.connect().execution_options(**{BEGIN_MODE: "IMMEDIATE"})
    with locked as connection, connection.begin():
        if stored_server_revision(connection, location) == schema.HEAD and target == "head":
            return
        command.upgrade(schema.alembic_config(connection), target)


def open_server_engine(
    location: ServerLocation, *, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> Engine:
    """An engine on the journal at ``location``, its schema upgraded to this Legday's.

    StorageError subclasses with a message for the user (the password never in it): the
    server cannot be reached or refuses the role, the database is not a Legday journal
    or comes from a newer Legday (neither is written to), or the upgrade failed.
    """
    engine = create_server_engine(location, lock_timeout_ms=lock_timeout_ms)
    try:
        try:
            with engine.connect() as connection, connection.begin():
                revision = stored_server_revision(connection, location)
        except exc.DBAPIError as error:
            raise StorageError(
                _("Cannot open {path}: {error}").format(
                    path=location.name, error=location.without_password(str(error.orig))
                )
            ) from None
        if revision != schema.HEAD:
            try:
                migrate_server(engine, location)
            except exc.DBAPIError as error:
                raise DatabaseWriteError(
                    _("Cannot write {path}: {error}").format(
                        path=location.name, error=location.without_password(str(error.orig))
                    )
                ) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def open_server_store(
    location: ServerLocation | str, *, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> JournalStore:
    """The journal in the server database at ``location`` (an address or a ServerLocation)."""
    if isinstance(location, str):
        location = server_location(location)
    engine = open_server_engine(location, lock_timeout_ms=lock_timeout_ms)
    return JournalStore(engine, location.name)
