"""``legday import-workouts``: every format into a real journal, all or nothing, idempotent."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from helpers.journals import filled_store

from legday_desktop.cli import main
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.services.exchange import export_journal
from legday_desktop.storage.database import open_store

DATA = Path(__file__).parent.parent / "data" / "workouts"
Run = tuple[int, str, str]
STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes]):  # type: ignore[no-untyped-def]
    def run(*arguments: str | Path) -> Run:
        code = main([str(argument) for argument in arguments])
        out, err = capsysbinary.readouterr()
        return code, out.decode(), err.decode()

    return run


def exported(path: Path) -> dict[str, object]:
    return json.loads(json_export(path))  # type: ignore[no-any-return]


def json_export(path: Path) -> str:
    return export_journal(path, "json").decode()


def leg_days(path: Path) -> tuple[LegDay, ...]:
    store = open_store(path)
    try:
        return store.leg_days()
    finally:
        store.close()


@pytest.mark.parametrize(
    ("file", "options", "created", "skipped"),
    [
        ("strong_comma.csv", ("--unit", "kg"), 5, 3),
        ("strong_semicolon.csv", ("--unit", "lb"), 2, 1),
        ("hevy_kg.csv", (), 2, 1),
        ("hevy_lbs.csv", (), 1, 1),
        ("fitnotes_android.csv", (), 2, 1),
        ("fitnotes_ios.csv", (), 2, 1),
    ],
)
def test_each_format_imports_its_leg_days_and_a_second_time_changes_nothing(
    run, tmp_path: Path, file: str, options: tuple[str, ...], created: int, skipped: int
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    code, out, err = run("import-workouts", "--db", journal, DATA / file, *options)
    assert (code, err) == (0, "")
    assert f"{created} leg day{'s' if created > 1 else ''} created" in out
    assert f"{skipped} session{'s' if skipped > 1 else ''} skipped as not leg training" in out
    stored = leg_days(journal)
    assert len(stored) == created and all(day.sets for day in stored)
    assert all(one.weight_kg is None or one.weight_kg < 400 for d in stored for one in d.sets)
    before = json_export(journal)
    code, out, _ = run("import-workouts", "--db", journal, DATA / file, *options)
    assert code == 0 and f"{created} already there" in out
    assert json_export(journal) == before


def test_pounds_are_stored_as_kilograms(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    pounds = tmp_path / "pounds.csv"
    row = '2026-10-05 07:00:00,"Legs","1h","Squat (Barbell)",1,225,5,0,0,"","",8\n'
    pounds.write_text(STRONG_HEADER + row, encoding="utf-8")
    assert run("import-workouts", "--db", journal, pounds, "--unit", "lb")[0] == 0
    (squat,) = leg_days(journal)[0].sets
    assert squat.weight_kg == pytest.approx(102.06, abs=0.01)


def test_strong_without_a_unit_asks_for_one_and_writes_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    code, out, err = run("import-workouts", "--db", journal, DATA / "strong_comma.csv")
    assert code == 2 and out == ""
    assert "strong_comma.csv:1: Weight:" in err and "--unit kg or --unit lb" in err
    assert "Nothing was imported" in err
    assert not journal.exists()  # no empty journal left behind


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ('2026-10-05 07:00:00,"Legs","1h","Squat",1,heavy,5,0,0,"","",\n', "bad.csv:2: Weight:"),
        ('2026-13-05 07:00:00,"Legs","1h","Squat",1,100,5,0,0,"","",\n', "bad.csv:2: Date:"),
        ('2026-10-05 07:00:00,"Legs","1h","Squat",1,100,five,0,0,"","",\n', "bad.csv:2: Reps:"),
    ],
)
def test_a_bad_value_names_file_line_and_column_and_nothing_is_imported(
    run, tmp_path: Path, rows: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal, Journal(leg_days=(LegDay(dt.date(2026, 9, 1), "Kept"),)))
    before = json_export(journal)
    bad = tmp_path / "bad.csv"
    good = '2026-10-04 07:00:00,"Legs","1h","Squat",1,100,5,0,0,"","",\n'
    bad.write_text(STRONG_HEADER + rows + good, encoding="utf-8")
    code, out, err = run("import-workouts", "--db", journal, bad, "--unit", "kg")
    assert (code, out) == (2, "")
    assert err.startswith(f"legday: error: {expected}") and "Nothing was imported" in err
    assert json_export(journal) == before


def test_a_file_of_another_kind_or_without_a_column_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    export = tmp_path / "soreness.csv"
    export.write_text("date,region,level,leg_day_date,days_after,note,quality\n", "utf-8")
    code, _, err = run("import-workouts", "--db", journal, export)
    assert code == 2 and "soreness.csv:1" in err
    missing = tmp_path / "missing.csv"
    missing.write_text(STRONG_HEADER.replace(",Reps", ""), encoding="utf-8")
    code, _, err = run("import-workouts", "--db", journal, missing, "--format", "strong")
    assert code == 2 and "missing.csv:1" in err and "Reps" in err
    code, _, err = run(
        "import-workouts", "--db", journal, DATA / "hevy_kg.csv", "--format", "strong"
    )
    assert code == 2 and "Hevy" in err
    assert not journal.exists()


def test_no_leg_training_is_said_plainly_and_nothing_is_written(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    arms = tmp_path / "arms.csv"
    arms.write_text(
        STRONG_HEADER
        + '2026-10-05 07:00:00,"Arms","1h","Bicep Curl (Dumbbell)",1,15,10,0,0,"","",\n'
        + '2026-10-05 07:00:00,"Arms","1h","Bench Press (Barbell)",1,60,8,0,0,"","",\n',
        encoding="utf-8",
    )
    code, out, err = run("import-workouts", "--db", journal, arms, "--unit", "kg")
    assert (code, out) == (2, "")
    assert "arms.csv: no leg training found in 1 session" in err
    assert not journal.exists()


def test_a_session_on_a_logged_leg_day_gives_it_its_sets_and_keeps_what_was_typed(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    typed = LegDay(dt.date(2026, 11, 16), "Heavy day", ("Squat",), rpe=9, notes="my notes")
    rating = SorenessRating(dt.date(2026, 11, 17), "quadriceps.left", 5)
    filled_store(journal, Journal(leg_days=(typed,), ratings=(rating,)))
    code, out, _ = run("import-workouts", "--db", journal, DATA / "hevy_kg.csv")
    assert code == 0 and "1 given their sets" in out
    stored = {day.date: day for day in leg_days(journal)}
    heavy = stored[typed.date]
    assert (heavy.title, heavy.notes, heavy.rpe, heavy.exercises) == (
        "Heavy day",
        "my notes",
        9,
        ("Squat",),
    )
    assert heavy.sets and heavy.sets[0].exercise == "Squat (Barbell)"


def test_new_leg_days_before_ratings_say_how_many_ratings_they_move(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    ratings = tuple(
        SorenessRating(dt.date(2026, 11, day), region, 3)
        for day in (10, 11)
        for region in ("calves.left", "calves.right")
    )
    filled_store(journal, Journal(leg_days=(LegDay(dt.date(2026, 11, 2), "Old"),), ratings=ratings))
    code, out, _ = run("import-workouts", "--db", journal, DATA / "fitnotes_ios.csv", "--preview")
    # FitNotes iOS has leg days on 9 and 13 Nov: the ratings of 10 and 11 Nov move to 9 Nov.
    assert code == 0 and "4 stored ratings will belong to a new leg day" in out
    assert "Nothing written (--preview)" in out
    assert [day.date for day in leg_days(journal)] == [dt.date(2026, 11, 2)]


def test_a_mapping_counts_an_unknown_exercise_and_is_kept_for_next_time(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    odd = tmp_path / "odd.csv"
    odd.write_text(
        STRONG_HEADER
        + "".join(
            f'2026-10-0{day} 07:00:00,"Odd","1h","Cossack Squat",{n},20,8,0,0,"","",\n'
            for day in (5, 7)
            for n in (1, 2)
        ),
        encoding="utf-8",
    )
    code, _, err = run("import-workouts", "--db", journal, odd, "--unit", "kg")
    assert code == 2 and "Cossack Squat" in err and "--map" in err
    code, _, err = run(
        "import-workouts", "--db", journal, odd, "--unit", "kg", "--map", "Cossack Squat=quads"
    )
    assert code == 2 and "'quads' is not a muscle group" in err
    first = tmp_path / "first.csv"  # the first session only
    first.write_text("".join(odd.read_text("utf-8").splitlines(keepends=True)[:3]), "utf-8")
    code, out, _ = run(
        "import-workouts",
        "--db",
        journal,
        first,
        "--unit",
        "kg",
        "--map",
        "Cossack Squat=adductors,quadriceps:0.6",
    )
    assert code == 0 and "1 leg day created" in out
    # Next time the saved mapping counts it without being told.
    code, out, _ = run("import-workouts", "--db", journal, odd, "--unit", "kg")
    assert code == 0 and "1 leg day created, 0 given their sets, 1 already there" in out
    connection = sqlite3.connect(journal)
    try:
        assert connection.execute(
            "SELECT name_key, group_id, share FROM exercise_mapping_load ORDER BY share DESC"
        ).fetchall() == [("cossack squat", "adductors", 1.0), ("cossack squat", "quadriceps", 0.6)]
    finally:
        connection.close()


def test_a_session_in_the_future_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    ahead = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    future = tmp_path / "future.csv"
    future.write_text(
        STRONG_HEADER + f'{ahead} 07:00:00,"Legs","1h","Squat (Barbell)",1,100,5,0,0,"","",\n',
        encoding="utf-8",
    )
    code, _, err = run("import-workouts", "--db", journal, future, "--unit", "kg")
    assert code == 2 and f"future.csv:2: date: {ahead} is in the future" in err
    assert not journal.exists()


def test_the_sets_travel_in_the_json_export(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    assert run("import-workouts", "--db", journal, DATA / "hevy_kg.csv")[0] == 0
    document = exported(journal)
    assert document["format_version"] == 4
    copy = tmp_path / "copy.sqlite3"
    export = tmp_path / "export.json"
    export.write_text(json_export(journal), encoding="utf-8")
    assert run("import", "--db", copy, export)[0] == 0
    assert json_export(copy) == json_export(journal)


def test_a_preview_before_any_journal_exists_says_what_a_new_one_would_get(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    code, out, err = run("import-workouts", "--db", journal, DATA / "hevy_kg.csv", "--preview")
    assert (code, err) == (0, "")
    assert "Nothing written (--preview)" in out and "2 leg days to create" in out
    assert "Squat (Barbell): " in out and "→ Quads" in out
    assert "Cossack Squat (1 set)." in out  # one set, said so
    assert not journal.exists()


# --- found by a review with files not in the repo ------------------------------------------


def strong_file(path: Path, *rows: str) -> Path:
    path.write_text(STRONG_HEADER + "".join(rows), encoding="utf-8")
    return path


def test_a_second_file_on_a_day_adds_its_sets_to_the_stored_ones(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    morning = strong_file(
        tmp_path / "a.csv", '2026-11-20 08:00:00,"AM","1h","Squat (Barbell)",1,100,5,0,0,"","",\n'
    )
    evening = strong_file(
        tmp_path / "b.csv", '2026-11-20 19:00:00,"PM","1h","Leg Press",1,200,10,0,0,"","",\n'
    )
    assert run("import-workouts", "--db", journal, morning, "--unit", "kg")[0] == 0
    code, out, _ = run("import-workouts", "--db", journal, evening, "--unit", "kg")
    assert code == 0 and "1 given their sets" in out
    (day,) = leg_days(journal)
    assert [(one.order, one.exercise) for one in day.sets] == [
        (1, "Squat (Barbell)"),
        (2, "Leg Press"),
    ]
    assert day.exercises == ("Squat (Barbell)", "Leg Press")
    # Either file again changes nothing.
    before = json_export(journal)
    for again in (morning, evening):
        code, out, _ = run("import-workouts", "--db", journal, again, "--unit", "kg")
        assert code == 0 and "1 already there" in out
    assert json_export(journal) == before


def test_sessions_of_one_day_are_put_in_the_order_they_were_done(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    newest_first = tmp_path / "hevy.csv"
    header = (DATA / "hevy_kg.csv").read_text("utf-8").splitlines()[0]
    newest_first.write_text(
        header
        + "\n"
        + '"PM Legs","1 Dec 2026, 18:00","1 Dec 2026, 19:00","",'
        + "Leg Press,,,0,normal,200,10,,,\n"
        + '"AM Legs","1 Dec 2026, 07:00","1 Dec 2026, 08:00","",'
        + "Squat (Barbell),,,0,normal,100,5,,,\n",
        encoding="utf-8",
    )
    assert run("import-workouts", "--db", journal, newest_first)[0] == 0
    (day,) = leg_days(journal)
    assert day.title == "AM Legs + PM Legs" and day.start_time == dt.time(7, 0)
    assert [one.exercise for one in day.sets] == ["Squat (Barbell)", "Leg Press"]


@pytest.mark.parametrize(
    ("date", "problem"), [("0001-01-05", "is before 1900"), ("1899-12-31", "is before 1900")]
)
def test_a_date_no_training_app_could_have_written_is_refused(
    run, tmp_path: Path, date: str, problem: str
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    old = strong_file(
        tmp_path / "old.csv", f'{date} 07:00:00,"Legs","1h","Squat (Barbell)",1,100,5,0,0,"","",\n'
    )
    code, _, err = run("import-workouts", "--db", journal, old, "--unit", "kg")
    assert code == 2 and f"old.csv:2: date: {date} {problem}" in err
    assert "?." not in err and err.rstrip().endswith("Nothing was imported.")
    assert not journal.exists()


@pytest.mark.parametrize("name", ["Step\x00Up", "\x00Squat", "Squat (Barbell)\n2026-12-01 Fake"])
def test_a_control_character_in_a_name_is_bad_input_named_by_line_and_column(
    run, tmp_path: Path, name: str
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    bad = strong_file(
        tmp_path / "bad.csv", f'2026-11-02 07:00:00,"Legs","1h","{name}",1,100,5,0,0,"","",\n'
    )
    code, out, err = run("import-workouts", "--db", journal, bad, "--unit", "kg")
    assert (code, out) == (2, "")
    assert "bad.csv:2: Exercise Name: contains a control character" in err
    assert err.count("\n") == 1  # one line, whatever the name holds
    assert not journal.exists()


def test_no_leg_training_in_another_language_names_the_exercises_to_map(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.sqlite3"
    german = strong_file(
        tmp_path / "de.csv",
        *(
            f'2026-11-0{day} 07:00:00,"Beine","1h","Kniebeuge",{n},100,5,0,0,"","",\n'
            for day in (2, 4)
            for n in (1, 2, 3)
        ),
        '2026-11-04 07:00:00,"Beine","1h","Beinpresse",1,150,10,0,0,"","",\n',
    )
    code, _, err = run("import-workouts", "--db", journal, german, "--unit", "kg")
    assert code == 2 and "no leg training found in 2 sessions" in err
    assert "Kniebeuge (6 sets), Beinpresse (1 set)" in err
    assert '--map "Kniebeuge=quadriceps,glutes"' in err
    code, out, _ = run(
        "import-workouts", "--db", journal, german, "--unit", "kg", "--map", "Kniebeuge=quadriceps"
    )
    assert code == 0 and "2 leg days created" in out


def test_a_preview_read_only_in_part_ends_quietly(tmp_path: Path) -> None:
    """``legday import-workouts … --preview | head -c 10``: no error when the reader stops."""
    import subprocess
    import sys

    start = dt.date(2010, 1, 4)
    many = strong_file(
        tmp_path / "many.csv",
        *(
            f'{start + dt.timedelta(days=day)} 07:00:00,"Legs","1h","Squat (Barbell)",'
            f'{n},100,5,0,0,"","",\n'
            for day in range(3000)
            for n in (1, 2)
        ),
    )  # a preview of some 300 kB: more than a pipe holds
    result = subprocess.run(
        f"'{sys.executable}' -m legday_desktop import-workouts --db '{tmp_path / 'j.sqlite3'}' "
        f"'{many}' --unit kg --preview | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert (result.stdout, result.stderr) == ("Nothing wr", "")
    assert not (tmp_path / "j.sqlite3").exists()
