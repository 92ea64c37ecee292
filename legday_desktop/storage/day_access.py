"""One day of the journal read with the standard library's sqlite3: fast, for the first paint."""

from __future__ import annotations

import datetime as dt
import sqlite3

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.journal import DayOverview
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.storage.errors import StorageError


def _time(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)


def read_day_overview(connection: sqlite3.Connection, date: dt.date) -> DayOverview:
    """The leg day ``date`` belongs to, that day's ratings and check-in, in one transaction.

    Works on any connection to a Legday database at the newest schema; the repository
    uses it too, through SQLAlchemy's driver connection, so there is one way to read a day.
    """
    day = date.isoformat()
    try:
        connection.execute("BEGIN")
        try:
            leg_day_row = connection.execute(
                "SELECT id, date, title, rpe, duration_minutes, start_time, notes FROM leg_day "
                "WHERE date <= ? ORDER BY date DESC LIMIT 1",
                (day,),
            ).fetchone()
            leg_day = None
            if leg_day_row is not None:
                leg_day_id, leg_day_date, title, rpe, duration, start_time, notes = leg_day_row
                exercises = tuple(
                    name
                    for (name,) in connection.execute(
                        "SELECT name FROM leg_day_exercise WHERE leg_day_id = ? ORDER BY position",
                        (leg_day_id,),
                    )
                )
                leg_day = LegDay(
                    date=dt.date.fromisoformat(leg_day_date),
                    title=title,
                    exercises=exercises,
                    rpe=rpe,
                    duration_minutes=duration,
                    start_time=_time(start_time),
                    notes=notes,
                )
            ratings = tuple(
                SorenessRating(date, region_id, level, note)
                for region_id, level, note in connection.execute(
                    "SELECT region_id, level, note FROM soreness WHERE date = ? ORDER BY region_id",
                    (day,),
                )
            )
            check_in = _read_check_in(connection, date)
        finally:
            connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise StorageError(f"Could not read the journal: {error}") from error
    return DayOverview(date=date, leg_day=leg_day, ratings=ratings, check_in=check_in)


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
