"""Logged sets in the journal: stored, undone, migrated, exported (JSON 4), salvaged; mappings."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from helpers.journals import stored_rows

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import ExerciseMapping, loads_of, parse_mapping
from legday_desktop.domain.journal import Journal, JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.domain.training import SetType, WeightUnit, WorkoutSet
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.json_format import parse_json, write_json
from legday_desktop.storage.database import migrate, open_store
from legday_desktop.storage.locations import ServerLocation, open_store_at

D = dt.date
TODAY = dt.date.today()
DAY = D(2026, 5, 4)

SETS = (
    WorkoutSet("Squat (Barbell)", 1, reps=10, weight_kg=40.0, set_type=SetType.WARMUP),
    WorkoutSet("Squat (Barbell)", 2, reps=5, weight_kg=100.0, rpe=8.0),
    WorkoutSet("Squat (Barbell)", 3, reps=5, weight_kg=100.0, rpe=8.5, set_type=SetType.FAILURE),
    WorkoutSet("Leg Press (Machine)", 4, reps=12, weight_kg=160.0, set_type=SetType.DROP),
    WorkoutSet("Plank", 5),
)
LEG_DAY = LegDay(DAY, title="Squat day", exercises=("Squat", "Leg press"), notes="n", sets=SETS)


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_sets_are_checked_by_the_domain() -> None:
    with pytest.raises(DomainError, match=r"^order: "):
        WorkoutSet("Squat", 0)
    with pytest.raises(DomainError, match=r"^reps: "):
        WorkoutSet("Squat", 1, reps=-1)
    with pytest.raises(DomainError, match=r"^weight: "):
        WorkoutSet("Squat", 1, weight_kg=float("nan"))
    with pytest.raises(DomainError, match=r"^rpe: "):
        WorkoutSet("Squat", 1, rpe=11)
    with pytest.raises(DomainError, match=r"^exercise: "):
        WorkoutSet("  ", 1)
    with pytest.raises(DomainError, match=r"^sets: two sets"):
        LegDay(DAY, sets=(WorkoutSet("Squat", 1), WorkoutSet("Lunge", 1)))
    assert WeightUnit.LB.to_kg(100) == pytest.approx(45.359237)
    assert [one.is_working for one in SETS] == [False, True, True, True, True]
    assert SETS[1].volume_kg == 500 and SETS[4].volume_kg == 0


def test_sets_are_stored_read_back_and_undone(journal_location: Path | ServerLocation) -> None:
    path = journal_location
    store = open_store_at(path)
    try:
        undo = store.apply(JournalChange(leg_days={DAY: LEG_DAY}), today=TODAY)
        assert store.leg_days() == (LEG_DAY,)
        assert store.day_overview(DAY + dt.timedelta(days=1)).leg_day == LEG_DAY
        assert store.journal().leg_days[0].sets == SETS
        # The leg day with other sets replaces them whole.
        fewer = LegDay(DAY, title="Squat day", sets=SETS[:2])
        again = store.apply(JournalChange(leg_days={DAY: fewer}), today=TODAY)
        assert store.leg_days()[0].sets == SETS[:2]
        store.apply(again, today=TODAY)
        assert store.leg_days() == (LEG_DAY,)
        store.apply(undo, today=TODAY)
        assert store.leg_days() == ()
    finally:
        store.close()
    assert stored_rows(path, "SELECT count(*) FROM workout_set") == [(0,)]  # gone with the leg day


def test_the_database_refuses_a_set_that_breaks_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    store = open_store(path)
    store.apply(JournalChange(leg_days={DAY: LEG_DAY}), today=TODAY)
    store.close()
    connection = sqlite3.connect(path)
    for update, constraint in (
        ("set_type = 'superset'", "ck_workout_set_known_set_type"),
        ("reps = -2", "ck_workout_set_reps_range"),
        ("weight_kg = 5000", "ck_workout_set_weight_range"),
        ("rpe = 0", "ck_workout_set_rpe_range"),
        ("exercise = ' '", "ck_workout_set_exercise_not_blank"),
    ):
        with pytest.raises(sqlite3.IntegrityError, match=constraint):
            connection.execute(f"UPDATE workout_set SET {update} WHERE position = 2")
    connection.close()


def test_the_sets_revision_keeps_every_record_and_starts_with_no_sets(tmp_path: Path) -> None:
    """0004 → 0005: new tables, empty; nothing else moves."""
    path = tmp_path / "journal.sqlite3"
    path.touch()
    migrate(path, target="0004_pain_quality")
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO leg_day (id, date, title, notes) VALUES (1, '2026-02-02', 'Old', 'n');
        INSERT INTO leg_day_exercise VALUES (1, 0, 'Squat');
        INSERT INTO soreness (id, date, region_id, level, note, quality) VALUES
            (1, '2026-02-03', 'calves.left', 5, 'x', 'dull'),
            (2, '2026-02-04', 'achilles.right', 2, '', NULL);
        INSERT INTO check_in (id, date, water_litres, sleep_hours, note)
            VALUES (1, '2026-02-03', 2.5, 7.0, 'felt off');
        INSERT INTO profile VALUES (1, 0, '2026-02-03');
        """
    )
    connection.commit()
    connection.close()
    tables = ("leg_day", "leg_day_exercise", "soreness", "check_in", "profile", "region")
    before = {table: rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in tables}
    migrate(path)
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0005_workout_sets",)]
    assert {table: rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in tables} == (
        before
    )
    for table in ("workout_set", "exercise_mapping", "exercise_mapping_load"):
        assert rows(path, f"SELECT count(*) FROM {table}") == [(0,)]
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    store = open_store(path)
    try:
        assert store.leg_days()[0] == LegDay(D(2026, 2, 2), "Old", ("Squat",), notes="n")
        assert store.exercise_mappings() == {}
    finally:
        store.close()


def test_json_4_carries_the_sets_and_every_earlier_version_still_imports() -> None:
    journal = Journal(leg_days=(LEG_DAY, LegDay(D(2026, 5, 1), "No sets")))
    text = write_json(journal)
    document = json.loads(text)
    assert document["format_version"] == 4
    assert document["leg_days"][0] == {
        "date": "2026-05-01",
        "start_time": None,
        "title": "No sets",
        "exercises": [],
        "rpe": None,
        "duration_minutes": None,
        "notes": "",
    }  # no "sets" key when there are none
    assert document["leg_days"][1]["sets"][1] == {
        "exercise": "Squat (Barbell)",
        "order": 2,
        "reps": 5,
        "weight_kg": 100.0,
        "rpe": 8.0,
        "set_type": "normal",
    }
    parsed = parse_json(text, "in.json", today=TODAY)
    assert parsed.journal.leg_days[1] == LEG_DAY
    assert write_json(parsed.journal) == text
    for version in (1, 2, 3):
        older = dict(document, format_version=version)
        older["leg_days"] = [document["leg_days"][0]]
        if version == 1:
            older.pop("profile")
        assert parse_json(json.dumps(older), "old.json", today=TODAY).journal.leg_days[0].sets == ()
    # A version 3 file knows no sets: the field is refused there, as any unknown one.
    with pytest.raises(ImportFileError, match=r"^old.json:\$.leg_days\[1\]: sets: unknown field"):
        parse_json(json.dumps(dict(document, format_version=3)), "old.json", today=TODAY)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.update(set_type="superset"), r"\.sets\[1\]: set_type: must be one of"),
        (lambda s: s.update(reps=-1), r"\.sets\[1\]: reps: must be a whole number"),
        (lambda s: s.update(reps="5"), r"\.sets\[1\]: reps: must be"),
        (lambda s: s.update(weight_kg=1e9), r"\.sets\[1\]: weight: must be 0–1000 kg"),
        (lambda s: s.pop("order"), r"\.sets\[1\]: order: missing"),
        (lambda s: s.update(order=1), r": sets: two sets of one leg day"),
        (lambda s: s.update(colour="red"), r"\.sets\[1\]: colour: unknown field"),
    ],
)
def test_a_bad_set_in_json_names_where_and_imports_nothing(change: object, expected: str) -> None:
    document = json.loads(write_json(Journal(leg_days=(LEG_DAY,))))
    change(document["leg_days"][0]["sets"][1])  # type: ignore[operator]
    with pytest.raises(ImportFileError, match=r"^in.json:\$\.leg_days\[0\]" + expected):
        parse_json(json.dumps(document), "in.json", today=TODAY)


def test_mappings_are_kept_for_next_time_and_come_first(
    journal_location: Path | ServerLocation,
) -> None:
    path = journal_location
    hack = parse_mapping("Hack Squat (Machine)=quadriceps,glutes:0.6", GROUP_IDS)
    plank = parse_mapping("Plank=", GROUP_IDS)
    store = open_store_at(path)
    try:
        store.save_exercise_mappings([hack, plank])
        store.close()
        store = open_store_at(path)
        mappings = store.exercise_mappings()
        assert mappings == {
            "hack squat": ExerciseMapping(
                "Hack Squat (Machine)", {"quadriceps": 1.0, "glutes": 0.6}
            ),
            "plank": ExerciseMapping("Plank", {}),
        }
        assert loads_of("HACK SQUAT", mappings) == {"quadriceps": 1.0, "glutes": 0.6}
        assert loads_of("plank", mappings) == {}  # asked: not leg training
        assert loads_of("Plank") is None  # never asked
        # A mapping of the same name replaces the old one; the others stay.
        store.save_exercise_mappings([parse_mapping("hack squat=quadriceps", GROUP_IDS)])
        assert store.exercise_mappings()["hack squat"].loads == {"quadriceps": 1.0}
        assert "plank" in store.exercise_mappings()
    finally:
        store.close()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Hack Squat", "write NAME=GROUP"),
        ("=quadriceps", "write NAME=GROUP"),
        ("Hack Squat=quads", "'quads' is not a muscle group"),
        ("Hack Squat=quadriceps:2", "must be above 0 and at most 1"),
        ("Hack Squat=quadriceps:lots", "is not a number"),
    ],
)
def test_a_bad_mapping_says_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_mapping(text, GROUP_IDS)


def test_salvage_keeps_the_sets_of_a_damaged_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    store = open_store(path)
    store.apply(JournalChange(leg_days={DAY: LEG_DAY}), today=TODAY)
    store.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE workout_set SET reps = 5000 WHERE position = 3")
    connection.commit()
    connection.close()
    store = open_store(path)
    try:
        salvaged = store.salvage()
    finally:
        store.close()
    assert [one.order for one in salvaged.journal.leg_days[0].sets] == [1, 2, 4, 5]
    assert [(row.table, row.row) for row in salvaged.damaged] == [
        ("workout_set", "leg_day_id 1, position 3")
    ]
