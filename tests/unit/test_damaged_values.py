"""A stored value changed on disk (a bit flip, past SQLite's page checks): damage, named.

Each command that meets it says which table and row break which rule and exits 1, never
"unexpected DomainError"; the file is left as it is, and ``export --skip-damaged`` writes
every other record, which imports back.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from helpers.files import changed_on_disk, row_id
from helpers.journals import filled_store, small_journal
from helpers.processes import legday_text

from legday_desktop.domain.journal import Journal
from legday_desktop.exchange.json_format import write_json
from legday_desktop.storage.database import open_store

# (what is changed, the statement, its table, the row's key, what the message says)
DAMAGE = {
    "level 42": (
        "UPDATE soreness SET level = 42 WHERE date = '2026-03-03' AND region_id = "
        "'quadriceps.right'",
        "soreness",
        "date = '2026-03-03' AND region_id = 'quadriceps.right'",
        "(2026-03-03, quadriceps.right): level: 42 is outside the scale 0–10",
    ),
    "level as text": (
        "UPDATE soreness SET level = 'x' WHERE date = '2026-03-04'",
        "soreness",
        "date = '2026-03-04'",
        "(2026-03-04, quadriceps.left): level: must be a whole number",
    ),
    "unknown region": (
        "UPDATE soreness SET region_id = 'quadriceps.lefu' WHERE date = '2026-03-04'",
        "soreness",
        "date = '2026-03-04'",
        "(2026-03-04, quadriceps.lefu): ",
    ),
    "impossible date": (
        "UPDATE soreness SET date = '2026-02-30' WHERE date = '2026-03-01'",
        "soreness",
        "date = '2026-02-30'",
        "(2026-02-30, calves.left): ",
    ),
    "rpe 99": (
        "UPDATE leg_day SET rpe = 99 WHERE date = '2026-03-02'",
        "leg_day",
        "date = '2026-03-02'",
        "(2026-03-02): rpe: ",
    ),
    "date that is not a date": (
        "UPDATE soreness SET date = 'garbage' WHERE date = '2026-03-01'",
        "soreness",
        "date = 'garbage'",
        "(garbage, calves.left): ",
    ),
    "note that is not text": (
        "UPDATE soreness SET note = x'ff00' WHERE date = '2026-03-04'",
        "soreness",
        "date = '2026-03-04'",
        "(2026-03-04, quadriceps.left): note: must be text",
    ),
    "sleep of 300 hours": (
        "UPDATE check_in SET sleep_hours = 300 WHERE date = '2026-03-03'",
        "check_in",
        "date = '2026-03-03'",
        "(2026-03-03): sleep_hours: ",
    ),
}

EVERY_COMMAND = [
    ["advice", "--date", "2026-03-08"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["report", "--from", "2026-03-01", "--to", "2026-03-08", "-o", "report.pdf"],
    ["chart", "--kind", "recovery", "--date", "2026-03-04", "-o", "chart.png"],
    ["snapshot", "--date", "2026-03-03", "-o", "snapshot.png"],
    ["import", "touching.csv"],
]


def legday(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return legday_text(*arguments)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    return path


def damaged_row_message(journal: Path, name: str) -> tuple[str, str]:
    """Damage ``journal`` as DAMAGE[name] says; (where the message points, what it says)."""
    statement, table, where, says = DAMAGE[name]
    changed_on_disk(journal, statement)
    return f"table {table}, row id {row_id(journal, table, where)} ", says


@pytest.mark.parametrize("name", DAMAGE)
def test_a_value_changed_on_disk_is_named_and_the_rest_exports(
    journal: Path, tmp_path: Path, name: str
) -> None:
    where, says = damaged_row_message(journal, name)
    before = journal.read_bytes()
    result = legday("--db", journal, "export", "--format", "json")
    assert result.returncode == 1
    assert "unexpected" not in result.stderr
    assert f"{journal} is damaged: {where}{says}" in result.stderr
    assert "legday export --skip-damaged" in result.stderr
    assert result.stdout == ""

    readable = tmp_path / "readable.json"
    result = legday("--db", journal, "export", "--format", "json", "--skip-damaged", "-o", readable)
    assert result.returncode == 0, result.stderr
    assert f"left out of the export: {where}{says}" in result.stderr
    assert journal.read_bytes() == before
    # Everything else: what the journal held, but the one damaged record.
    exported = json.loads(readable.read_text())
    whole = json.loads(write_json(small_journal()))
    lost = [
        (section, entry)
        for section in ("leg_days", "soreness", "check_ins")
        for entry in whole[section]
        if entry not in exported[section]
    ]
    assert len(lost) == 1
    assert all(
        entry in whole[section]
        for section in ("leg_days", "soreness", "check_ins")
        for entry in exported[section]
    )
    # … and it imports back into a new journal.
    fresh = tmp_path / "fresh.sqlite3"
    result = legday("--db", fresh, "import", readable)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda command: command[0])
def test_every_command_that_meets_a_damaged_value_says_where_it_is(
    journal: Path, tmp_path: Path, command: list[str]
) -> None:
    where, says = damaged_row_message(journal, "level 42")
    # An import whose rows meet the damaged one (its day) writes nothing either.
    (tmp_path / "touching.csv").write_text(
        "date,region,level,leg_day_date,days_after,note\n"
        "2026-03-03,calves.left,2,2026-03-02,1,\n2026-03-03,quadriceps.right,6,2026-03-02,1,\n"
    )
    before = journal.read_bytes()
    arguments = [
        tmp_path / part if part.endswith((".png", ".pdf", ".csv")) else part for part in command
    ]
    result = legday("--db", journal, *arguments)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "unexpected" not in result.stderr
    assert f"{journal} is damaged: {where}{says}; it was left untouched" in result.stderr
    assert journal.read_bytes() == before
    assert not list(tmp_path.glob("*.p*"))  # no half-made chart or report


def test_the_backup_s_check_finds_a_value_no_read_only_check_can_see(
    journal: Path, tmp_path: Path
) -> None:
    changed_on_disk(journal, DAMAGE["level 42"][0])
    bad = row_id(journal, "soreness", DAMAGE["level 42"][2])
    before = journal.read_bytes()
    result = legday("--db", journal, "backup")
    assert result.returncode == 1
    assert (
        f"{journal} is damaged (table soreness, row id {bad} breaks the rule level_range "
        "(level BETWEEN 0 AND 10)); it was left untouched"
    ) in result.stderr
    assert journal.read_bytes() == before
    # Neither a backup that would pass for good nor a partial file is left.
    assert [path.name for path in (tmp_path / "backups").iterdir()] == []


def test_a_healthy_journal_salvages_whole(journal: Path) -> None:
    store = open_store(journal)
    try:
        salvaged = store.salvage()
        assert salvaged.damaged == ()
        assert salvaged.journal == store.journal()
    finally:
        store.close()


def test_a_leg_day_whose_exercise_was_blanked_keeps_the_rest_of_the_day(
    journal: Path, tmp_path: Path
) -> None:
    changed_on_disk(
        journal,
        "UPDATE leg_day_exercise SET name = '  ' WHERE position = 1 AND leg_day_id = "
        "(SELECT id FROM leg_day WHERE date = '2026-03-02')",
    )
    store = open_store(journal)
    try:
        salvaged = store.salvage()
    finally:
        store.close()
    (damaged,) = salvaged.damaged
    assert damaged.table == "leg_day_exercise"
    assert "each exercise needs a name" in damaged.problem
    (day, _other) = salvaged.journal.leg_days
    assert day.date == dt.date(2026, 3, 2)
    assert day.title == "Squat day"
    assert len(day.exercises) == 1
    assert isinstance(salvaged.journal, Journal)


def test_a_second_profile_row_or_an_answer_of_7_is_damage_not_a_yes(
    journal: Path, tmp_path: Path
) -> None:
    changed_on_disk(journal, "INSERT INTO profile VALUES (1, 7, '2026-03-02')")
    result = legday("--db", journal, "export", "--format", "json")
    assert result.returncode == 1
    assert "table profile, row id 1: statin_or_new_medicine: must be yes (1) or no (0), got 7" in (
        result.stderr
    )
    changed_on_disk(journal, "UPDATE profile SET statin_or_new_medicine = 1")
    changed_on_disk(journal, "INSERT INTO profile VALUES (2, 0, '2026-03-03')")
    result = legday("--db", journal, "export", "--format", "json")
    assert result.returncode == 1
    assert f"{journal} is damaged" in result.stderr


def test_a_backup_with_a_value_sqlite_allows_but_legday_does_not_is_never_restored(
    journal: Path, tmp_path: Path
) -> None:
    from legday_desktop.storage.backup import backup_to

    backup = backup_to(journal, tmp_path / "backup.sqlite3")
    changed_on_disk(backup, "UPDATE soreness SET level = 3.5 WHERE date = '2026-03-04'")
    before = journal.read_bytes()
    result = legday("--db", journal, "restore", backup)
    assert result.returncode == 1
    assert f"{backup} is damaged: table soreness, row id " in result.stderr
    assert "level: must be a whole number" in result.stderr
    assert journal.read_bytes() == before
