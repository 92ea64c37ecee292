"""A journal on a real PostgreSQL server: the same revisions, refusals and rules as a file.

Runs on the throwaway cluster of tests/helpers/postgres.py. The storage tests that hold
for both kinds of journal run on both (journal_location in tests/conftest.py); these are
the server's own: its schema, what it refuses to open, and two Legdays at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from helpers.journals import filled_store, small_journal, stored_rows
from helpers.postgres import ADMINISTRATOR, Cluster
from sqlalchemy import Engine, create_engine, text

from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.storage import schema
from legday_desktop.storage.database import open_store
from legday_desktop.storage.errors import (
    DatabaseTooNewError,
    DatabaseWriteError,
    NotADatabaseError,
    StorageError,
)
from legday_desktop.storage.locations import ServerLocation, server_location
from legday_desktop.storage.server import (
    WRITE_LOCK_KEY,
    create_server_engine,
    migrate_server,
    open_server_store,
)
from legday_desktop.storage.tables import metadata

TODAY = dt.date.today()
D = dt.date


@pytest.fixture
def empty_database(empty_server_database: str) -> ServerLocation:
    return server_location(empty_server_database)


@pytest.fixture
def engine(server_journal: ServerLocation) -> Iterator[Engine]:
    engine = create_server_engine(server_journal)
    yield engine
    engine.dispose()


def constraints(location: ServerLocation) -> set[tuple[object, ...]]:
    """Every constraint of the journal's tables: table, name, kind and definition."""
    return set(
        stored_rows(
            location,
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
        )
    )


def columns(location: ServerLocation) -> list[tuple[object, ...]]:
    return stored_rows(
        location,
        "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, "
        "column_default FROM information_schema.columns WHERE table_schema = 'public' "
        "ORDER BY 1, 2",
    )


# --- the schema -------------------------------------------------------------------


def test_a_new_database_gets_every_revision_and_the_regions(empty_database: ServerLocation) -> None:
    open_server_store(empty_database).close()
    assert stored_rows(empty_database, "SELECT version_num FROM alembic_version") == [
        (schema.HEAD,)
    ]
    assert stored_rows(empty_database, "SELECT count(*) FROM region") == [(22,)]
    # Owned by the role that opened it (the administrator, here).
    owners = stored_rows(
        empty_database, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
    )
    assert owners == [(ADMINISTRATOR,)]


def test_the_migrated_schema_is_the_tables_one(
    empty_database: ServerLocation, server_journal: ServerLocation, postgres_cluster: Cluster
) -> None:
    """Every revision run on PostgreSQL ends at what storage.tables describes, checks too."""
    engine = create_server_engine(server_journal)
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        engine.dispose()
    # The same tables made straight from the metadata: the same columns and constraints.
    made = create_engine(empty_database.engine_url)
    try:
        with made.begin() as connection:
            metadata.create_all(connection)
    finally:
        made.dispose()
    assert columns(empty_database) == [
        row for row in columns(server_journal) if row[0] != "alembic_version"
    ]
    migrated = {row for row in constraints(server_journal) if row[0] != "alembic_version"}
    assert constraints(empty_database) == migrated
    assert any(name == "ck_soreness_known_quality" for _, name, _, _ in migrated)


def test_the_revisions_step_by_step_keep_every_row(empty_database: ServerLocation) -> None:
    engine = create_server_engine(empty_database)
    try:
        migrate_server(engine, empty_database, target="0002_warnings_and_profile")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO soreness (date, region_id, level, note) "
                    "VALUES ('2026-02-03', 'calves.left', 5, 'stairs')"
                )
            )
            connection.execute(text("INSERT INTO check_in (date, note) VALUES ('2026-02-03', '')"))
            connection.execute(
                text("INSERT INTO check_in_symptom SELECT id, 'cannot_bear_weight' FROM check_in")
            )
        migrate_server(engine, empty_database)
    finally:
        engine.dispose()
    store = open_server_store(empty_database)
    try:
        assert store.ratings_between(D(2026, 1, 1), D(2026, 12, 31)) == (
            SorenessRating(D(2026, 2, 3), "calves.left", 5, "stairs"),  # no quality yet
        )
        day = store.day_overview(D(2026, 2, 3))
        assert day.check_in is not None
        assert [symptom.value for symptom in day.check_in.symptoms] == ["cannot_bear_weight"]
        # What the later revisions allow: the new regions, and a quality.
        later = SorenessRating(D(2026, 2, 4), "achilles.right", 3, quality=None)
        store.apply(JournalChange(ratings={(later.date, later.region_id): later}), today=TODAY)
    finally:
        store.close()


def test_every_revision_goes_down_and_up_again(server_journal: ServerLocation) -> None:
    from alembic import command

    from legday_desktop.storage.schema import alembic_config

    filled_store(server_journal).close()
    engine = create_server_engine(server_journal)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert stored_rows(server_journal, "SELECT count(*) FROM alembic_version") == [(0,)]
        assert stored_rows(
            server_journal, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ) == [("alembic_version",)]
        migrate_server(engine, server_journal)
    finally:
        engine.dispose()
    assert stored_rows(server_journal, "SELECT version_num FROM alembic_version") == [
        (schema.HEAD,)
    ]


@pytest.mark.parametrize(
    ("statement", "constraint"),
    [
        (
            "INSERT INTO soreness (date, region_id, level, note) "
            "VALUES ('2026-01-01', 'calves.left', 11, '')",
            "ck_soreness_level_range",
        ),
        (
            "INSERT INTO soreness (date, region_id, level, note) "
            "VALUES ('2026-01-01', 'tail.left', 3, '')",
            "ck_soreness_known_region",
        ),
        (
            "INSERT INTO soreness (date, region_id, level, note, quality) "
            "VALUES ('2026-01-01', 'calves.left', 3, '', 'itchy')",
            "ck_soreness_known_quality",
        ),
        (
            "INSERT INTO leg_day_exercise VALUES (999, 0, 'Squat')",
            "fk_leg_day_exercise_leg_day_id_leg_day",
        ),
        (
            "INSERT INTO check_in_symptom VALUES (1, 'headache')",
            "ck_check_in_symptom_known_symptom",
        ),
        (
            "INSERT INTO workout_set (leg_day_id, position, exercise, set_type) "
            "SELECT id, 1, 'Squat', 'superset' FROM leg_day",
            "ck_workout_set_known_set_type",
        ),
    ],
)
def test_the_server_itself_refuses_invalid_rows(
    server_journal: ServerLocation, statement: str, constraint: str
) -> None:
    import psycopg

    filled_store(server_journal).close()
    with pytest.raises(psycopg.errors.IntegrityError, match=constraint):
        stored_rows(server_journal, statement)


# --- opening ----------------------------------------------------------------------


def test_a_database_from_a_newer_legday_is_refused_and_left_untouched(
    server_journal: ServerLocation,
) -> None:
    stored_rows(server_journal, "UPDATE alembic_version SET version_num = '0099_from_the_future'")
    before = constraints(server_journal)
    with pytest.raises(DatabaseTooNewError) as refused:
        open_server_store(server_journal)
    assert str(refused.value) == (
        f"{server_journal.name} was written by a newer version of Legday (schema "
        "0099_from_the_future); update Legday to open it. The database was left untouched."
    )
    assert stored_rows(server_journal, "SELECT version_num FROM alembic_version") == [
        ("0099_from_the_future",)
    ]
    assert constraints(server_journal) == before


def test_a_newer_file_is_refused_the_same_way(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "journal.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    with pytest.raises(DatabaseTooNewError, match=r"newer version of Legday \(schema 0099"):
        open_store(path)


def test_another_apps_database_is_left_untouched(empty_database: ServerLocation) -> None:
    stored_rows(empty_database, "CREATE TABLE recipes (name text)")
    with pytest.raises(NotADatabaseError, match="PostgreSQL database but not a Legday one"):
        open_server_store(empty_database)
    assert stored_rows(
        empty_database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    ) == [("recipes",)]


def test_a_refused_connection_says_why_without_the_password(postgres_cluster: Cluster) -> None:
    address = postgres_cluster.url("postgres", user="nobody_here", password="s3cret-pw")
    with pytest.raises(StorageError, match=r"^Cannot open postgresql://nobody_here:\*\*\*@") as e:
        open_server_store(address)
    assert "s3cret-pw" not in str(e.value)
    assert 'role "nobody_here" does not exist' in str(e.value)
    assert e.value.__cause__ is None and e.value.__suppress_context__


def test_two_legdays_opening_a_new_database_at_once_both_open_it(
    empty_database: ServerLocation,
) -> None:
    """The second waits for the first one's upgrade, then finds the schema made."""
    failures: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_server_store(empty_database).close()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert stored_rows(empty_database, "SELECT version_num FROM alembic_version") == [
        (schema.HEAD,)
    ]


# --- reading and writing ------------------------------------------------------------


def test_reads_see_one_snapshot_and_writes_take_the_write_lock(
    server_journal: ServerLocation,
) -> None:
    store = open_server_store(server_journal)
    try:
        with store._reading() as connection:
            level = connection.exec_driver_sql("SHOW transaction_isolation").scalar()
            assert level == "repeatable read"
        with store._writing() as connection:
            level = connection.exec_driver_sql("SHOW transaction_isolation").scalar()
            assert level == "read committed"
            held = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                f"AND objid = {WRITE_LOCK_KEY} AND pid = pg_backend_pid() AND granted"
            ).scalar()
            assert held == 1
    finally:
        store.close()


def test_a_write_waits_for_another_writer_then_fails_clearly(
    server_journal: ServerLocation, postgres_cluster: Cluster
) -> None:
    store = open_server_store(server_journal, lock_timeout_ms=100)
    rating = SorenessRating(D(2026, 1, 1), "calves.left", 3)
    change = JournalChange(ratings={(rating.date, rating.region_id): rating})
    # Another Legday is in the middle of a write.
    with postgres_cluster.connect(server_journal.url.database or "", ADMINISTRATOR) as other:
        other.autocommit = False
        other.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        with pytest.raises(DatabaseWriteError, match="Nothing of this change was stored"):
            store.apply(change, today=TODAY)
        other.rollback()
    try:
        assert store.ratings_between(rating.date, rating.date) == ()
        store.apply(change, today=TODAY)  # once it is done, the write goes through
        assert store.ratings_between(rating.date, rating.date) == (rating,)
    finally:
        store.close()


def test_two_stores_on_one_journal_see_each_others_changes(server_journal: ServerLocation) -> None:
    first, second = open_server_store(server_journal), open_server_store(server_journal)
    try:
        first.merge(small_journal(), today=TODAY)
        assert second.journal() == small_journal().sorted()
        rating = SorenessRating(D(2026, 3, 3), "quadriceps.left", 9)
        second.apply(JournalChange(ratings={(rating.date, rating.region_id): rating}), today=TODAY)
        assert rating in first.journal().ratings
    finally:
        first.close()
        second.close()
