"""A day read and a change applied with the standard library's sqlite3 alone.

These are the operations of the window: reading the shown day and saving an edit. They
need no SQLAlchemy, which keeps start-up fast and memory small (see benchmarks/); the
repository uses the same functions, so each exists once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.journal import DayOverview, JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.recovery import DayValues, SideMode
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.storage.errors import DatabaseWriteError, StorageError


def _time(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)


def read_day_overview(connection: sqlite3.Connection, date: dt.date) -> DayOverview:
    """The leg day ``date`` belongs to, that day's ratings and check-in, and the profile.

    Works on any connection to a Legday database at the newest schema; the repository
    uses it too, through SQLAlchemy's driver connection, so there is one way to read a day.
    """
    day = date.isoformat()
    try:
        connection.execute("BEGIN")
        try:
            leg_day = _read_leg_day(connection, "date <= ? ORDER BY date DESC LIMIT 1", day)
            ratings = tuple(
                SorenessRating(date, region_id, level, note)
                for region_id, level, note in connection.execute(
                    "SELECT region_id, level, note FROM soreness WHERE date = ? ORDER BY region_id",
                    (day,),
                )
            )
            check_in = _read_check_in(connection, date)
            profile = _read_profile(connection)
        finally:
            connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return DayOverview(
        date=date, leg_day=leg_day, ratings=ratings, check_in=check_in, profile=profile
    )


def _read_leg_day(connection: sqlite3.Connection, where: str, day: str) -> LegDay | None:
    row = connection.execute(
        "SELECT id, date, title, rpe, duration_minutes, start_time, notes FROM leg_day "
        f"WHERE {where}",
        (day,),
    ).fetchone()
    if row is None:
        return None
    leg_day_id, leg_day_date, title, rpe, duration, start_time, notes = row
    exercises = connection.execute(
        "SELECT name FROM leg_day_exercise WHERE leg_day_id = ? ORDER BY position", (leg_day_id,)
    )
    return LegDay(
        date=dt.date.fromisoformat(leg_day_date),
        title=title,
        exercises=tuple(name for (name,) in exercises),
        rpe=rpe,
        duration_minutes=duration,
        start_time=_time(start_time),
        notes=notes,
    )


def _read_check_in(connection: sqlite3.Connection, date: dt.date) -> CheckIn | None:
    row = connection.execute(
        "SELECT id, water_litres, sleep_hours, note FROM check_in WHERE date = ?",
        (date.isoformat(),),
    ).fetchone()
    if row is None:
        return None
    check_in_id, water, sleep, note = row
    symptoms = connection.execute(
        "SELECT symptom FROM check_in_symptom WHERE check_in_id = ?", (check_in_id,)
    )
    actions = connection.execute(
        "SELECT action FROM check_in_action WHERE check_in_id = ?", (check_in_id,)
    )
    return CheckIn(
        date=date,
        symptoms=frozenset(WarningSymptom(symptom) for (symptom,) in symptoms),
        actions=frozenset(RecoveryAction(action) for (action,) in actions),
        water_litres=water,
        sleep_hours=sleep,
        note=note,
    )


def _time_text(value: dt.time | None) -> str | None:
    # The layout SQLAlchemy's Time type uses on SQLite, so both read it back alike.
    return None if value is None else value.strftime("%H:%M:%S.%f")


def apply_change(
    connection: sqlite3.Connection, change: JournalChange, *, today: dt.date
) -> JournalChange:
    """Put every record of ``change`` in one transaction; return the inverse change.

    None (or an empty check-in) removes the record under its key. Applying the returned
    change restores exactly what was there before. The transaction takes the write lock
    at its start and is on disk (synchronous=FULL) when this returns.
    """
    for leg_day in change.leg_days.values():
        if leg_day is not None:
            leg_day.check_not_after(today)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            inverse = _apply(connection, change)
            connection.execute("COMMIT")
        except BaseException:
            _roll_back(connection)
            raise
    except sqlite3.Error as error:
        raise DatabaseWriteError(
            f"Could not save: {error}. Nothing of this change was stored."
        ) from error
    return inverse


def _roll_back(connection: sqlite3.Connection) -> None:
    """End a failed transaction, if SQLite has not already (it does on a full disk)."""
    if connection.in_transaction:
        # If this fails too, the error that got us here is still the one to report.
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


def _apply(connection: sqlite3.Connection, change: JournalChange) -> JournalChange:
    old_leg_days: dict[dt.date, LegDay | None] = {}
    for date, leg_day in change.leg_days.items():
        old_leg_days[date] = _read_leg_day(connection, "date = ?", date.isoformat())
        # Exercises go with their leg day (ON DELETE CASCADE).
        connection.execute("DELETE FROM leg_day WHERE date = ?", (date.isoformat(),))
        if leg_day is None:
            continue
        cursor = connection.execute(
            "INSERT INTO leg_day (date, start_time, title, rpe, duration_minutes, notes) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                date.isoformat(),
                _time_text(leg_day.start_time),
                leg_day.title,
                leg_day.rpe,
                leg_day.duration_minutes,
                leg_day.notes,
            ),
        )
        connection.executemany(
            "INSERT INTO leg_day_exercise (leg_day_id, position, name) VALUES (?, ?, ?)",
            [(cursor.lastrowid, position, name) for position, name in enumerate(leg_day.exercises)],
        )

    old_ratings: dict[tuple[dt.date, str], SorenessRating | None] = {}
    for (date, region_id), rating in change.ratings.items():
        row = connection.execute(
            "SELECT level, note FROM soreness WHERE date = ? AND region_id = ?",
            (date.isoformat(), region_id),
        ).fetchone()
        old_ratings[(date, region_id)] = (
            None if row is None else SorenessRating(date, region_id, row[0], row[1])
        )
        if rating is None:
            connection.execute(
                "DELETE FROM soreness WHERE date = ? AND region_id = ?",
                (date.isoformat(), region_id),
            )
        else:
            connection.execute(
                "INSERT INTO soreness (date, region_id, level, note) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (date, region_id) DO UPDATE "
                "SET level = excluded.level, note = excluded.note",
                (date.isoformat(), region_id, rating.level, rating.note),
            )

    old_check_ins: dict[dt.date, CheckIn | None] = {}
    for date, check_in in change.check_ins.items():
        old_check_ins[date] = _read_check_in(connection, date)
        # Symptoms and actions go with their check-in (ON DELETE CASCADE).
        connection.execute("DELETE FROM check_in WHERE date = ?", (date.isoformat(),))
        if check_in is None or check_in.is_empty:
            continue
        cursor = connection.execute(
            "INSERT INTO check_in (date, water_litres, sleep_hours, note) VALUES (?, ?, ?, ?)",
            (date.isoformat(), check_in.water_litres, check_in.sleep_hours, check_in.note),
        )
        connection.executemany(
            "INSERT INTO check_in_symptom (check_in_id, symptom) VALUES (?, ?)",
            [(cursor.lastrowid, symptom.value) for symptom in check_in.symptoms],
        )
        connection.executemany(
            "INSERT INTO check_in_action (check_in_id, action) VALUES (?, ?)",
            [(cursor.lastrowid, action.value) for action in check_in.actions],
        )

    old_profile: Profile | None = None
    if change.profile is not None:
        old_profile = _read_profile(connection)
        connection.execute("DELETE FROM profile")
        if not change.profile.is_empty:
            assert change.profile.answered_on is not None
            connection.execute(
                "INSERT INTO profile (id, statin_or_new_medicine, answered_on) VALUES (1, ?, ?)",
                (
                    int(bool(change.profile.statin_or_new_medicine)),
                    change.profile.answered_on.isoformat(),
                ),
            )
    return JournalChange(old_leg_days, old_ratings, old_check_ins, old_profile)


def _read_profile(connection: sqlite3.Connection) -> Profile:
    row = connection.execute(
        "SELECT statin_or_new_medicine, answered_on FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return Profile()
    answer, answered_on = row
    return Profile(bool(answer), dt.date.fromisoformat(answered_on))


def read_profile(connection: sqlite3.Connection) -> Profile:
    """The standing answers (an empty Profile when none were given)."""
    try:
        return _read_profile(connection)
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error


def read_leg_days(connection: sqlite3.Connection) -> tuple[LegDay, ...]:
    """Every leg day, oldest first, with its exercises (two queries, whatever the count)."""
    try:
        exercises: dict[int, list[str]] = {}
        for leg_day_id, name in connection.execute(
            "SELECT leg_day_id, name FROM leg_day_exercise ORDER BY leg_day_id, position"
        ):
            exercises.setdefault(leg_day_id, []).append(name)
        rows = connection.execute(
            "SELECT id, date, title, rpe, duration_minutes, start_time, notes FROM leg_day "
            "ORDER BY date"
        ).fetchall()
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return tuple(
        LegDay(
            date=dt.date.fromisoformat(date),
            title=title,
            exercises=tuple(exercises.get(leg_day_id, ())),
            rpe=rpe,
            duration_minutes=duration,
            start_time=_time(start_time),
            notes=notes,
        )
        for leg_day_id, date, title, rpe, duration, start_time, notes in rows
    )


def read_day_values(
    connection: sqlite3.Connection, first: dt.date, last: dt.date, mode: SideMode
) -> DayValues:
    """Each rated group's value per day from ``first`` to ``last`` (see domain.recovery).

    Sides are combined in SQL, so ten years of ratings arrive as one row per group and day.
    """
    combine = "max" if mode is SideMode.MAX else "avg"
    values: DayValues = {}
    try:
        rows = connection.execute(
            f"SELECT date, substr(region_id, 1, instr(region_id, '.') - 1), {combine}(level) "
            "FROM soreness WHERE date BETWEEN ? AND ? GROUP BY 1, 2",
            (first.isoformat(), last.isoformat()),
        )
        for date, group, value in rows:
            values.setdefault(dt.date.fromisoformat(date), {})[group] = float(value)
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return values


def read_first_rating_date(connection: sqlite3.Connection) -> dt.date | None:
    try:
        (first,) = connection.execute("SELECT min(date) FROM soreness").fetchone()
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return None if first is None else dt.date.fromisoformat(first)


def read_ratings_between(
    connection: sqlite3.Connection, first: dt.date, last: dt.date
) -> tuple[SorenessRating, ...]:
    """Every rating from ``first`` to ``last``, by date then region."""
    try:
        rows = connection.execute(
            "SELECT date, region_id, level, note FROM soreness WHERE date BETWEEN ? AND ? "
            "ORDER BY date, region_id",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return tuple(
        SorenessRating(dt.date.fromisoformat(date), region, level, note)
        for date, region, level, note in rows
    )


def read_check_ins_between(
    connection: sqlite3.Connection, first: dt.date, last: dt.date
) -> tuple[CheckIn, ...]:
    """Every check-in from ``first`` to ``last``, oldest first."""
    try:
        rows = connection.execute(
            "SELECT date FROM check_in WHERE date BETWEEN ? AND ? ORDER BY date",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        found = [_read_check_in(connection, dt.date.fromisoformat(date)) for (date,) in rows]
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return tuple(check_in for check_in in found if check_in is not None)
