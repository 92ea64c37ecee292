"""Small hand-made journals and databases for tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.storage.database import open_store
from legday_desktop.storage.journal_store import JournalStore
from legday_desktop.storage.locations import ServerLocation
from legday_desktop.storage.server import open_server_store

D = dt.date


def small_journal() -> Journal:
    """Two leg days, a few ratings (one before any leg day, one 0), two check-ins."""
    return Journal(
        leg_days=(
            LegDay(
                D(2026, 3, 2),
                "Squat day",
                ("Squat", "Lunge"),
                rpe=8,
                duration_minutes=60,
                start_time=dt.time(18, 30),
                notes="Felt strong",
            ),
            LegDay(D(2026, 3, 6), "", ("Romanian deadlift", "Sled push"), rpe=None),
        ),
        ratings=(
            SorenessRating(D(2026, 3, 1), "calves.left", 1),
            SorenessRating(D(2026, 3, 3), "quadriceps.left", 5, "stairs, ouch"),
            SorenessRating(D(2026, 3, 3), "quadriceps.right", 6),
            SorenessRating(D(2026, 3, 4), "quadriceps.left", 3),
            SorenessRating(
                D(2026, 3, 7), "hamstrings.right", 0, 'note with "quotes", commas\nand a newline'
            ),
        ),
        check_ins=(
            CheckIn(
                D(2026, 3, 3),
                actions=frozenset({RecoveryAction.FOAM_ROLLING_OR_MASSAGE}),
                water_litres=2.5,
                sleep_hours=7.5,
            ),
            CheckIn(
                D(2026, 3, 7),
                symptoms=frozenset({WarningSymptom.DARK_URINE}),
                note="Urine looked like cola",
            ),
        ),
    )


def filled_store(path: Path | ServerLocation, journal: Journal | None = None) -> JournalStore:
    """The journal at ``path`` (a file, or a database on a server) holding ``journal``."""
    store = open_store(path) if isinstance(path, Path) else open_server_store(path)
    store.merge(journal or small_journal(), today=dt.date.today())
    return store


def stored_rows(location: Path | ServerLocation, query: str) -> list[tuple[object, ...]]:
    """The rows of ``query``, read as another tool would: sqlite3 or psycopg, not Legday."""
    if isinstance(location, Path):
        connection = sqlite3.connect(location)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()
    import psycopg

    url = location.url
    with psycopg.connect(
        dbname=url.database, user=url.username, host=url.query["host"], autocommit=True
    ) as server:
        cursor = server.execute(query)
        return [tuple(row) for row in cursor.fetchall()] if cursor.description else []


def wreck_table(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` with garbage: the file opens, reading it fails."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    (page,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size : page * page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))


def nearly_full_journal(path: Path) -> None:
    """A journal whose check-in page is nearly full: one more long note needs a new page."""
    from legday_desktop.domain.journal import JournalChange

    store = open_store(path)
    first, second = D(2020, 1, 1), D(2020, 1, 2)
    change = JournalChange(
        check_ins={first: CheckIn(first, note="a" * 1900), second: CheckIn(second, note="b" * 1900)}
    )
    store.apply(change, today=second)
    store.close()


def disk_is_full(connection: sqlite3.Connection) -> None:
    """From now on, a write that needs one more page fails as on a full disk (SQLITE_FULL)."""
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages}")


def sqlite_connection_of(store: JournalStore) -> sqlite3.Connection:
    """The one SQLite connection ``store`` works on (settings made on it stay)."""
    driver = store.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver
