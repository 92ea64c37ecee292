"""Storage on real SQLite files and a real PostgreSQL server: settings, rules, the store."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest
from helpers.journals import filled_store, small_journal, wreck_table

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.journal import Journal, JournalChange, JournalColumns
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.merging import ImportConflictError
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.exchange.csv_format import write_csv
from legday_desktop.exchange.json_format import write_json
from legday_desktop.storage import schema
from legday_desktop.storage.database import open_engine, open_store
from legday_desktop.storage.errors import (
    DamagedDatabaseError,
    DatabasePathError,
    DatabaseTooNewError,
    DatabaseWriteError,
    NotADatabaseError,
)
from legday_desktop.storage.journal_store import JournalStore
from legday_desktop.storage.locations import ServerLocation, open_store_at

D = dt.date
# A journal in a file, or on a PostgreSQL server: the tests that take journal_location
# (tests/conftest.py) run on both.
Location = Path | ServerLocation
TODAY = dt.date.today()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


def test_every_connection_has_foreign_keys_wal_full_sync_and_busy_timeout(db: Path) -> None:
    engine = open_engine(db)
    try:
        # Several connections at once, so the pool has to open more than one.
        connections = [engine.connect() for _ in range(3)]
        for connection in connections:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
            assert pragma("PRAGMA busy_timeout").scalar() == 5000
        for connection in connections:
            connection.close()
    finally:
        engine.dispose()


def test_a_new_file_needs_its_schema_and_an_opened_one_does_not(db: Path) -> None:
    from legday_desktop.storage.sqlite_files import prepare_database_file

    assert prepare_database_file(db)  # a new file needs its schema
    open_store(db).close()
    assert not prepare_database_file(db)


def test_new_database_is_owner_only_and_passes_integrity_check(db: Path) -> None:
    open_store(db).close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            schema.HEAD,
        )
    connection.close()


INSERT_RATING = "INSERT INTO soreness (date, region_id, level, note) VALUES ({}, '')"


@pytest.mark.parametrize(
    "statement",
    [
        INSERT_RATING.format("'2026-01-01', 'calves.left', 11"),
        INSERT_RATING.format("'2026-01-01', 'calves.left', -1"),
        INSERT_RATING.format("'2026-01-01', 'tail.left', 3"),
        INSERT_RATING.format("'2026-02-30', 'calves.left', 3"),
        INSERT_RATING.format("'1 Jan 2026', 'calves.left', 3"),
        "INSERT INTO leg_day_exercise (leg_day_id, position, name) VALUES (999, 0, 'Squat')",
        "INSERT INTO leg_day (date, title, rpe, notes) VALUES ('2026-01-01', '', 11, '')",
        "INSERT INTO check_in_symptom (check_in_id, symptom) VALUES (1, 'headache')",
    ],
)
def test_the_database_itself_refuses_invalid_rows(db: Path, statement: str) -> None:
    filled_store(db).close()
    # A plain sqlite3 connection, as another tool would use it.
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    "values", ["'2026-01-01', 'calves.left', 11", "'2026-01-01', 'tail.left', 3"]
)
def test_bad_levels_and_regions_are_refused_even_with_foreign_keys_off(
    db: Path, values: str
) -> None:
    """SQLite enforces foreign keys only where a connection asks; these CHECKs always hold."""
    open_store(db).close()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        connection.execute(INSERT_RATING.format(values))
    connection.close()


def test_one_value_per_region_and_day_in_the_database_too(db: Path) -> None:
    open_store(db).close()
    connection = sqlite3.connect(db)
    insert = INSERT_RATING.format("'2026-01-01', 'calves.left', ?")
    connection.execute(insert, (3,))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        connection.execute(insert, (4,))
    connection.close()


def set_rating(store: JournalStore, rating: SorenessRating) -> SorenessRating | None:
    """Store ``rating`` as one change; the rating it replaced."""
    key = (rating.date, rating.region_id)
    return store.apply(JournalChange(ratings={key: rating}), today=TODAY).ratings[key]


def clear_rating(store: JournalStore, date: dt.date, region_id: str) -> SorenessRating | None:
    key = (date, region_id)
    return store.apply(JournalChange(ratings={key: None}), today=TODAY).ratings[key]


class TestRatings:
    def test_set_replace_and_clear(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        day = D(2026, 5, 1)
        assert set_rating(store, SorenessRating(day, "glutes.left", 4)) is None
        previous = set_rating(store, SorenessRating(day, "glutes.left", 6, "sitting hurts"))
        assert previous == SorenessRating(day, "glutes.left", 4)
        assert store.day_overview(day).ratings == (
            SorenessRating(day, "glutes.left", 6, "sitting hurts"),
        )
        assert clear_rating(store, day, "glutes.left") == SorenessRating(
            day, "glutes.left", 6, "sitting hurts"
        )
        assert store.day_overview(day).ratings == ()
        assert clear_rating(store, day, "glutes.left") is None
        store.close()

    def test_zero_is_stored_and_differs_from_not_rated(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        day = D(2026, 5, 1)
        set_rating(store, SorenessRating(day, "calves.right", 0))
        levels = {r.region_id: r.level for r in store.day_overview(day).ratings}
        assert levels == {"calves.right": 0}
        assert "calves.left" not in levels
        store.close()

    def test_values_survive_reopening(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        set_rating(store, SorenessRating(D(2026, 5, 1), "shins.left", 2))
        store.close()
        reopened = open_store_at(journal_location)
        assert reopened.ratings_between(D(2026, 4, 1), D(2026, 6, 1)) == (
            SorenessRating(D(2026, 5, 1), "shins.left", 2),
        )
        reopened.close()

    def test_many_ratings_in_one_change_and_their_inverse(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        before = store.journal()
        days = [D(2025, 1, 1) + dt.timedelta(days=offset) for offset in range(400)]
        change = JournalChange(
            ratings={
                (day, region): SorenessRating(day, region, day.day % 11)
                for day in days
                for region in ("calves.left", "quadriceps.right")
            }
            | {(D(2026, 3, 3), "quadriceps.left"): None}
        )
        undo = store.apply(change, today=TODAY)
        assert len(store.ratings_between(days[0], days[-1])) == 800
        assert store.day_overview(D(2026, 3, 3)).ratings == (
            SorenessRating(D(2026, 3, 3), "quadriceps.right", 6),
        )
        store.apply(undo, today=TODAY)
        assert store.journal() == before
        store.close()


class TestLegDays:
    def test_save_replace_delete_keeps_ratings(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        new = LegDay(D(2026, 3, 2), "Quads", ("Front squat",), rpe=9)
        previous = store.apply(JournalChange(leg_days={new.date: new}), today=TODAY)
        assert previous.leg_days[new.date] is not None
        assert previous.leg_days[new.date].title == "Squat day"  # type: ignore[union-attr]
        assert store.day_overview(D(2026, 3, 4)).leg_day == new
        deleted = store.apply(JournalChange(leg_days={new.date: None}), today=TODAY)
        assert deleted.leg_days[new.date] == new
        assert store.day_overview(D(2026, 3, 4)).leg_day is None
        assert len(store.day_overview(D(2026, 3, 3)).ratings) == 2
        store.close()

    def test_future_leg_day_is_refused(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        tomorrow = TODAY + dt.timedelta(days=1)
        with pytest.raises(DomainError, match="in the future"):
            store.apply(JournalChange(leg_days={tomorrow: LegDay(tomorrow)}), today=TODAY)
        assert store.leg_days() == ()
        store.close()

    def test_recent_leg_days_reads_only_the_last_ones(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        dates = [D(2026, 1, 5) + dt.timedelta(weeks=week) for week in range(10)]
        store.apply(
            JournalChange(
                leg_days={day: LegDay(day, f"Week {n}", ("Squat",)) for n, day in enumerate(dates)}
            ),
            today=TODAY,
        )
        recent = store.recent_leg_days(dates[6] + dt.timedelta(days=2), 3)
        assert [day.date for day in recent] == dates[4:7]
        assert recent[-1].exercises == ("Squat",)
        assert store.recent_leg_days(dates[0] - dt.timedelta(days=1), 3) == ()
        store.close()


class TestCheckIns:
    def test_save_replace_and_empty_removes(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        day = D(2026, 5, 2)

        def save(check_in: CheckIn) -> CheckIn | None:
            return store.apply(JournalChange(check_ins={day: check_in}), today=TODAY).check_ins[day]

        first = CheckIn(
            day, frozenset({WarningSymptom.FEVER}), frozenset({RecoveryAction.HEAT}), 2.0, 8
        )
        assert save(first) is None
        second = CheckIn(day, actions=frozenset({RecoveryAction.COLD}), sleep_hours=6.5)
        assert save(second) == first
        assert store.day_overview(day).check_in == second
        assert save(CheckIn(day)) == second
        assert store.day_overview(day).check_in is None
        store.close()


class TestJournal:
    def test_overview_of_a_day(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        overview = store.day_overview(D(2026, 3, 3))
        assert overview.leg_day is not None and overview.leg_day.title == "Squat day"
        assert overview.days_after == 1
        assert {r.region_id for r in overview.ratings} == {"quadriceps.left", "quadriceps.right"}
        assert overview.check_in is not None and overview.check_in.sleep_hours == 7.5
        assert store.day_overview(D(2026, 3, 1)).leg_day is None
        store.close()

    def test_journal_reads_back_what_was_merged(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        assert store.journal() == small_journal().sorted()
        assert not store.is_empty()
        store.close()

    def test_an_export_reads_the_same_journal_column_by_column(
        self, journal_location: Location
    ) -> None:
        store = filled_store(journal_location)
        columns = store.journal_columns()
        assert columns == JournalColumns.of(small_journal())
        assert columns.journal() == store.journal() == small_journal().sorted()
        assert list(columns.ratings) == list(small_journal().sorted().ratings)
        assert write_json(columns) == write_json(small_journal())
        assert write_csv(columns) == write_csv(small_journal())
        store.close()

    def test_merging_twice_adds_nothing(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        plan, _ = store.merge(small_journal(), today=TODAY)
        assert (plan.summary.added, plan.summary.replaced, plan.summary.unchanged) == (0, 0, 9)
        assert plan.change == JournalChange()
        assert store.journal() == small_journal().sorted()
        store.close()

    def test_conflict_changes_nothing_unless_replace(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        before = store.journal()
        changed = Journal(
            ratings=(
                SorenessRating(D(2026, 4, 1), "calves.left", 2),  # new
                SorenessRating(D(2026, 3, 3), "quadriceps.left", 7),  # differs
            )
        )
        with pytest.raises(ImportConflictError) as error:
            store.merge(changed, today=TODAY)
        assert error.value.key == ("rating", D(2026, 3, 3), "quadriceps.left")
        assert "Left quad = 5" in str(error.value) and "Left quad = 7" in str(error.value)
        assert store.journal() == before
        plan, undo = store.merge(changed, today=TODAY, replace=True)
        assert (plan.summary.added, plan.summary.replaced) == (1, 1)
        assert SorenessRating(D(2026, 3, 3), "quadriceps.left", 7) in store.journal().ratings
        store.apply(undo, today=TODAY)  # an import is a change like any other: it undoes
        assert store.journal() == before
        store.close()

    def test_empty_check_ins_are_not_stored(self, journal_location: Location) -> None:
        store = open_store_at(journal_location)
        plan, _ = store.merge(Journal(check_ins=(CheckIn(D(2026, 1, 1)),)), today=TODAY)
        assert plan.summary.added == 0
        assert store.is_empty()
        store.close()

    def test_replacing_with_an_empty_check_in_removes_it(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        empty = Journal(check_ins=(CheckIn(D(2026, 3, 3)),))
        with pytest.raises(ImportConflictError):
            store.merge(empty, today=TODAY)
        store.merge(empty, today=TODAY, replace=True)
        assert store.day_overview(D(2026, 3, 3)).check_in is None
        store.close()

    def test_leg_day_references_never_conflict(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        references = Journal(
            leg_days=(LegDay(D(2026, 3, 2), "Imported"), LegDay(D(2026, 4, 1), "Imported"))
        )
        plan, _ = store.merge(references, today=TODAY, leg_days_only_if_missing=True)
        assert (plan.summary.added, plan.summary.unchanged) == (1, 1)
        assert store.day_overview(D(2026, 3, 2)).leg_day.title == "Squat day"  # type: ignore[union-attr]
        store.close()


class TestOpeningFiles:
    def test_a_file_that_is_not_sqlite_is_left_untouched(self, db: Path) -> None:
        db.write_bytes(b"my tax return\n" * 100)
        before = db.read_bytes()
        with pytest.raises(NotADatabaseError, match="left untouched"):
            open_store(db)
        assert db.read_bytes() == before

    def test_another_apps_database_is_left_untouched(self, db: Path) -> None:
        connection = sqlite3.connect(db)
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.commit()
        connection.close()
        before = db.read_bytes()
        with pytest.raises(NotADatabaseError, match="not a Legday one"):
            open_store(db)
        assert db.read_bytes() == before

    def test_a_database_from_a_newer_legday_is_refused(self, db: Path) -> None:
        open_store(db).close()
        connection = sqlite3.connect(db)
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        connection.commit()
        connection.close()
        before = db.read_bytes()
        with pytest.raises(DatabaseTooNewError, match="newer version of Legday"):
            open_store(db)
        assert db.read_bytes() == before

    def test_missing_folder_or_a_folder_is_a_bad_path(self, tmp_path: Path) -> None:
        with pytest.raises(DatabasePathError, match="does not exist"):
            open_store(tmp_path / "nowhere" / "journal.sqlite3")
        with pytest.raises(DatabasePathError, match="is a folder"):
            open_store(tmp_path)

    def test_a_damaged_file_is_found_on_open_and_left_untouched(self, db: Path) -> None:
        filled_store(db).close()
        wreck_table(db, "soreness")
        before = db.read_bytes()
        with pytest.raises(DamagedDatabaseError, match=r"is damaged .*left untouched"):
            open_store(db)
        assert db.read_bytes() == before

    def test_a_truncated_file_is_damaged_and_left_untouched(self, db: Path) -> None:
        filled_store(db).close()
        with sqlite3.connect(db) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 2])
        before = db.read_bytes()
        with pytest.raises(DamagedDatabaseError):
            open_store(db)
        assert db.read_bytes() == before

    def test_write_failure_is_a_clear_error_and_stores_nothing(self, db: Path) -> None:
        store = open_store(db, busy_timeout_ms=50)
        # Another program holds the write lock for longer than the busy timeout.
        blocker = sqlite3.connect(db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseWriteError, match="Nothing of this change was stored"):
                set_rating(store, SorenessRating(D(2026, 1, 1), "calves.left", 3))
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert store.day_overview(D(2026, 1, 1)).ratings == ()
        store.close()


class TestChanges:
    def test_applying_the_inverse_restores_everything(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        before = store.journal()
        change = JournalChange(
            leg_days={
                D(2026, 3, 2): None,  # delete
                D(2026, 3, 6): LegDay(D(2026, 3, 6), "Edited", ("Leg press",), rpe=7),
                D(2026, 3, 9): LegDay(D(2026, 3, 9), "New"),
            },
            ratings={
                (D(2026, 3, 3), "quadriceps.left"): None,
                (D(2026, 3, 3), "quadriceps.right"): SorenessRating(
                    D(2026, 3, 3), "quadriceps.right", 9
                ),
                (D(2026, 3, 3), "calves.left"): SorenessRating(D(2026, 3, 3), "calves.left", 0),
            },
            check_ins={
                D(2026, 3, 3): None,
                D(2026, 3, 7): CheckIn(D(2026, 3, 7), sleep_hours=9),
                D(2026, 3, 8): CheckIn(D(2026, 3, 8), frozenset({WarningSymptom.FEVER})),
            },
        )
        inverse = store.apply(change, today=TODAY)
        after = store.journal()
        assert after != before
        assert LegDay(D(2026, 3, 9), "New") in after.leg_days
        assert D(2026, 3, 2) not in {leg_day.date for leg_day in after.leg_days}
        assert inverse.ratings[(D(2026, 3, 3), "calves.left")] is None
        redo = store.apply(inverse, today=TODAY)
        assert store.journal() == before
        store.apply(redo, today=TODAY)
        assert store.journal() == after
        store.close()

    def test_a_failing_change_writes_nothing(self, journal_location: Location) -> None:
        store = filled_store(journal_location)
        before = store.journal()
        change = JournalChange(
            ratings={
                (D(2026, 3, 3), "calves.left"): SorenessRating(D(2026, 3, 3), "calves.left", 4)
            },
            leg_days={TODAY + dt.timedelta(days=3): LegDay(TODAY + dt.timedelta(days=3))},
        )
        with pytest.raises(DomainError, match="in the future"):
            store.apply(change, today=TODAY)
        assert store.journal() == before
        store.close()

    def test_keys_must_match_their_records(self) -> None:
        with pytest.raises(DomainError):
            JournalChange(
                ratings={
                    (D(2026, 1, 1), "calves.left"): SorenessRating(D(2026, 1, 1), "calves.right", 1)
                }
            )


def test_the_day_reader_agrees_with_the_whole_journal(journal_location: Location) -> None:
    """The window reads one day at a time; every day must match what the journal holds."""
    from legday_desktop.domain.demo import demo_journal
    from legday_desktop.domain.leg_days import LegDayCalendar

    journal = demo_journal(TODAY)
    store = filled_store(journal_location, journal)
    calendar = LegDayCalendar(leg_day.date for leg_day in journal.leg_days)
    leg_days = {leg_day.date: leg_day for leg_day in journal.leg_days}
    check_ins = {check_in.date: check_in for check_in in journal.check_ins}
    day = journal.leg_days[0].date - dt.timedelta(days=2)
    while day <= TODAY:
        overview = store.day_overview(day)
        leg_day_date = calendar.leg_day_date_for(day)
        assert overview.leg_day == (None if leg_day_date is None else leg_days[leg_day_date])
        assert overview.ratings == tuple(r for r in journal.ratings if r.date == day)
        assert overview.check_in == check_ins.get(day)
        day += dt.timedelta(days=1)
    store.close()


class TestWholeFileChecks:
    def test_due_without_a_backup_today_and_after_an_unclean_shutdown(self, db: Path) -> None:
        from legday_desktop.storage import backup
        from legday_desktop.storage.sqlite_files import whole_file_check_due

        filled_store(db).close()
        assert whole_file_check_due(db)  # never checked today
        backup.daily_backup(db)  # checks every page of its copy
        assert not whole_file_check_due(db)
        assert whole_file_check_due(db, today=TODAY + dt.timedelta(days=1))
        holder = sqlite3.connect(db)  # a writer that has not closed: its WAL holds data
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("INSERT INTO profile VALUES (1, 1, '2026-01-01')")
        holder.commit()
        try:
            assert Path(f"{db}-wal").stat().st_size > 0
            assert whole_file_check_due(db)
        finally:
            holder.close()

    def test_a_file_cut_short_is_damaged_even_without_the_whole_check(self, db: Path) -> None:
        from legday_desktop.storage.sqlite_files import prepare_database_file

        filled_store(db).close()
        data = db.read_bytes()
        db.write_bytes(data[: len(data) - 4096])
        with pytest.raises(DamagedDatabaseError, match="is damaged"):
            prepare_database_file(db, thorough=False)


def test_the_tables_use_no_sqlite_only_sql_on_other_engines() -> None:
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateTable

    from legday_desktop.storage.tables import metadata

    for table in metadata.sorted_tables:
        on_postgresql = str(CreateTable(table).compile(dialect=postgresql.dialect()))
        assert "date(" not in on_postgresql and "IN (0, 1)" not in on_postgresql, table.name
    on_sqlite = str(CreateTable(metadata.tables["soreness"]).compile(dialect=sqlite.dialect()))
    assert "date IS date(date, '+0 days')" in on_sqlite
