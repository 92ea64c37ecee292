"""A journal with years of daily ratings of every region and a leg day every week."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from legday_desktop.domain.regions import REGION_IDS

YEARS = 10


def ten_years_of_data(path: Path, years: int = YEARS) -> int:
    """Fill a new journal with a rating for every region on every day, and weekly leg days.

    Returns the number of ratings stored (``years`` of them, ten unless told).
    """
    from legday_desktop.storage.database import open_store

    open_store(path).close()  # creates the schema
    today = dt.date.today()
    days = [today - dt.timedelta(days=offset) for offset in range(1, 365 * years + 1)]
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO leg_day (date, title, notes) VALUES (?, 'Legs', '')",
            [(day.isoformat(),) for day in days[::7]],
        )
        connection.executemany(
            "INSERT INTO soreness (date, region_id, level, note) VALUES (?, ?, ?, '')",
            [
                (day.isoformat(), region, (index + day.toordinal()) % 11)
                for day in days
                for index, region in enumerate(REGION_IDS)
            ],
        )
    (count,) = connection.execute("SELECT count(*) FROM soreness").fetchone()
    connection.close()
    return int(count)
