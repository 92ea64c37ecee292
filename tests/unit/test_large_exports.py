"""Legday's own exports always import back: a 30-year journal with notes, past the old limit."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from helpers.processes import legday_process

from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.exchange.reading import MAX_IMPORT_BYTES
from legday_desktop.storage.database import open_store

TODAY = dt.date.today()
NOTE = "stairs were hard, foam rolled after work, slept badly; " * 6  # 330 characters


def noted_years(years: int) -> Journal:
    """A leg day a week for ``years``, every region rated with a note on the four days after."""
    first = TODAY - dt.timedelta(days=365 * years)
    leg_days, ratings = [], []
    day = first
    while day <= TODAY - dt.timedelta(days=4):
        leg_days.append(LegDay(day, "Legs", ("Squat", "Romanian deadlift")))
        for after in range(1, 5):
            rated = day + dt.timedelta(days=after)
            ratings.extend(
                SorenessRating(rated, region, (after * 2 + index) % 11, NOTE)
                for index, region in enumerate(REGION_IDS)
            )
        day += dt.timedelta(days=7)
    return Journal(tuple(leg_days), tuple(ratings))


def legday(*arguments: str | Path) -> subprocess.CompletedProcess[bytes]:
    return legday_process(*arguments, timeout=300)


def test_a_thirty_year_journal_with_notes_exports_and_imports_back(tmp_path: Path) -> None:
    first = tmp_path / "first.sqlite3"
    store = open_store(first)
    store.merge(noted_years(30), today=TODAY)
    store.close()
    export = tmp_path / "thirty-years.json"
    result = legday("--db", first, "export", "--format", "json", "-o", export)
    assert result.returncode == 0, result.stderr
    size = export.stat().st_size
    assert 40_000_000 < size < MAX_IMPORT_BYTES  # past the old 40 MB limit
    second = tmp_path / "second.sqlite3"
    result = legday("--db", second, "import", export)
    assert result.returncode == 0, result.stderr
    again = legday("--db", second, "export", "--format", "json")
    assert again.returncode == 0
    assert again.stdout == export.read_bytes()  # the same journal, byte for byte
