"""Training apps' exports (Strong, Hevy, FitNotes): sessions, units, and bad files named by line."""

from __future__ import annotations

import datetime as dt
import re
import time
import tracemalloc
from pathlib import Path

import pytest

from legday_desktop.domain.training import (
    LB_IN_KG,
    MAX_SETS_PER_LEG_DAY,
    SetType,
    WeightUnit,
    WorkoutSession,
)
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.workouts import (
    UnitNeeded,
    WorkoutReader,
    detect_app,
    iter_sessions,
    read_workouts,
)

DATA = Path(__file__).parent.parent / "data" / "workouts"
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)
HEVY = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
)
FITNOTES_ANDROID = (
    "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"
)
FITNOTES_IOS = (
    "Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind"
)
JOURNAL = "date,region,level,leg_day_date,days_after,note,quality"


def strong_row(
    *,
    date: str = "2026-09-07 07:30:00",
    title: str = "Leg day",
    exercise: str = "Squat (Barbell)",
    order: str = "1",
    weight: str = "100",
    reps: str = "5",
    duration: str = "1h",
    rpe: str = "",
) -> str:
    return f'{date},"{title}",{duration},"{exercise}",{order},{weight},{reps},0,0,"","",{rpe}'


def hevy_row(
    *,
    title: str = "Leg Day",
    start: str = "16 Nov 2026, 09:00",
    end: str = "16 Nov 2026, 10:00",
    set_type: str = "normal",
    weight: str = "100",
    reps: str = "5",
) -> str:
    return f'"{title}","{start}","{end}","",Squat (Barbell),,,0,{set_type},{weight},{reps},,,'


def write(tmp_path: Path, text: str, name: str = "workouts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def error_of(tmp_path: Path, text: str, **options: object) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ImportFileError) as caught:
        read_workouts(path, source="workouts.csv", **options)  # type: ignore[arg-type]
    return str(caught.value)


def orders_count_from_one(sessions: tuple[WorkoutSession, ...]) -> bool:
    return all(
        [one.order for one in session.sets] == list(range(1, len(session.sets) + 1))
        for session in sessions
    )


class TestStrong:
    def test_comma_file_sessions_titles_notes_durations(self) -> None:
        read = read_workouts(DATA / "strong_comma.csv", unit=WeightUnit.KG)
        assert (read.app, read.unit) == ("strong", WeightUnit.KG)
        assert [(s.date.isoformat(), s.title, s.duration_minutes) for s in read.sessions] == [
            ("2026-09-07", "Leg day", 65),
            ("2026-09-09", "Push day", 55),
            ("2026-09-14", "Leg day", 70),
            ("2026-09-21", "Legs + core", 60),
            ("2026-09-23", "Pull day", 50),
            ("2026-09-28", "Leg day", 75),
            ("2026-10-05", "Leg day", 50),
            ("2026-10-07", "Push day", 45),
        ]
        first = read.sessions[0]
        assert first.start_time == dt.time(7, 30)
        assert first.notes == "Knees fine, slept well"
        assert first.line == 2
        # The row before 2026-09-21 holds a note over two lines: lines count as a file's.
        assert read.sessions[3].line == 30
        assert orders_count_from_one(read.sessions)

    def test_warm_ups_drop_and_failure_sets_are_typed(self) -> None:
        read = read_workouts(DATA / "strong_comma.csv", unit=WeightUnit.KG)
        squats = read.sessions[0].sets
        assert [one.set_type for one in squats[:3]] == [
            SetType.WARMUP,
            SetType.WARMUP,
            SetType.NORMAL,
        ]
        assert (squats[2].reps, squats[2].weight_kg, squats[2].rpe) == (5, 100.0, 8.0)
        assert len(read.sessions[0].working_sets) == 7
        hack = read.sessions[3].sets
        assert [one.set_type for one in hack[:4]] == [
            SetType.WARMUP,
            SetType.NORMAL,
            SetType.NORMAL,
            SetType.DROP,
        ]
        assert read.sessions[5].sets[3].set_type is SetType.FAILURE
        assert read.sessions[5].sets[3].rpe == 10

    def test_rest_timers_are_skipped_and_counted(self) -> None:
        read = read_workouts(DATA / "strong_comma.csv", unit=WeightUnit.KG)
        assert read.skipped_rows == 2
        assert len(read.sessions[0].sets) == 9  # ten rows, one a rest timer
        assert sum(len(session.sets) for session in read.sessions) == 56

    def test_body_weight_and_timed_sets_have_no_weight_or_reps(self) -> None:
        read = read_workouts(DATA / "strong_comma.csv", unit=WeightUnit.KG)
        pull_up = read.sessions[4].sets[0]
        assert (pull_up.exercise, pull_up.reps, pull_up.weight_kg) == ("Pull Up", 8, None)
        plank = read.sessions[3].sets[-1]
        assert (plank.exercise, plank.reps, plank.weight_kg) == ("Plank", None, None)

    def test_enough_leg_and_other_sessions_for_the_other_tests(self) -> None:
        sessions = read_workouts(DATA / "strong_comma.csv", unit=WeightUnit.KG).sessions
        legs = [s for s in sessions if "leg" in s.title.casefold()]
        others = [s for s in sessions if s not in legs]
        assert len(legs) >= 4
        assert len(others) >= 2
        assert (sessions[-1].date - sessions[0].date).days >= 28
        exercises = {one for session in sessions for one in session.exercises}
        assert {"Squat (Barbell)", "Leg Press (Machine)", "Hack Squat", "Step-Ups"} <= exercises
        assert {"Cossack squat", "Bench Press (Barbell)"} <= exercises

    def test_semicolon_file_with_bom_crlf_decimal_commas_in_pounds(self) -> None:
        read = read_workouts(DATA / "strong_semicolon.csv", unit=WeightUnit.LB)
        assert (read.app, read.unit, read.skipped_rows) == ("strong", WeightUnit.LB, 1)
        assert [(s.date.isoformat(), s.title) for s in read.sessions] == [
            ("2026-10-12", "Leg day"),
            ("2026-10-14", "Push day"),
            ("2026-10-19", "Leg day"),
        ]
        leg_day = read.sessions[0]
        assert leg_day.notes == "Home gym; lb plates"
        assert [one.weight_kg for one in leg_day.sets] == [43.09, 102.06, 102.06, 28.35, 28.35]
        assert leg_day.sets[2].rpe == 8.5
        assert leg_day.sets[0].set_type is SetType.WARMUP
        assert read.sessions[2].line == 11
        assert orders_count_from_one(read.sessions)

    def test_kilograms_are_rounded_to_hundredths(self, tmp_path: Path) -> None:
        path = write(tmp_path, lines(STRONG, strong_row(weight="100.006")))
        (session,) = read_workouts(path, unit=WeightUnit.KG).sessions
        assert session.sets[0].weight_kg == 100.01
        (session,) = read_workouts(path, unit=WeightUnit.LB).sessions
        assert session.sets[0].weight_kg == round(100.006 * LB_IN_KG, 2)

    @pytest.mark.parametrize(
        ("text", "minutes"),
        [("1h 5m", 65), ("45m", 45), ("50s", 1), ("1h", 60), ("2h 0m 20s", 120), ("", None)],
    )
    def test_durations(self, tmp_path: Path, text: str, minutes: int | None) -> None:
        path = write(tmp_path, lines(STRONG, strong_row(duration=f'"{text}"')))
        (session,) = read_workouts(path, unit=WeightUnit.KG).sessions
        assert session.duration_minutes == minutes

    @pytest.mark.parametrize(
        ("text", "start"),
        [
            ("2026-09-07 07:30:00", dt.time(7, 30)),
            ("2026-09-07 07:30", dt.time(7, 30)),
            ("2026-09-07 7:30:05\u202fPM", dt.time(19, 30, 5)),
            ("2026-09-07 12:10:00 am", dt.time(0, 10)),
        ],
    )
    def test_dates(self, tmp_path: Path, text: str, start: dt.time) -> None:
        path = write(tmp_path, lines(STRONG, strong_row(date=text)))
        (session,) = read_workouts(path, unit=WeightUnit.KG).sessions
        assert (session.date, session.start_time) == (dt.date(2026, 9, 7), start)

    def test_columns_in_another_order_and_unknown_ones_are_read_by_name(
        self, tmp_path: Path
    ) -> None:
        text = lines(
            "Exercise Name,Reps,Weight,Mood,Set Order,Workout Name,Date",
            "Squat (Barbell),5,100,great,1,Leg day,2026-09-07 07:30:00",
            "Squat (Barbell),5,105,great,2,Leg day,2026-09-07 07:30:00",
        )
        (session,) = read_workouts(write(tmp_path, text), unit=WeightUnit.KG).sessions
        assert [(one.reps, one.weight_kg) for one in session.sets] == [(5, 100.0), (5, 105.0)]
        assert (session.title, session.notes, session.duration_minutes) == ("Leg day", "", None)

    def test_crlf_and_trailing_empty_lines(self, tmp_path: Path) -> None:
        text = "\r\n".join([STRONG, strong_row(), strong_row(order="2"), "", "", ""])
        (session,) = read_workouts(write(tmp_path, text), unit=WeightUnit.KG).sessions
        assert len(session.sets) == 2

    def test_a_row_with_no_exercise_is_skipped(self, tmp_path: Path) -> None:
        path = write(tmp_path, lines(STRONG, strong_row(), strong_row(exercise="")))
        read = read_workouts(path, unit=WeightUnit.KG)
        assert (len(read.sessions[0].sets), read.skipped_rows) == (1, 1)

    def test_an_older_export_names_its_unit_on_every_row(self, tmp_path: Path) -> None:
        text = lines(
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
            "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
            '2026-09-07 07:30:00;"Leg day";"Squat (Barbell)";1;225;lbs;5;;;;0;"";"";1h 2m',
        )
        read = read_workouts(write(tmp_path, text))
        assert (read.app, read.unit) == ("strong", WeightUnit.LB)
        assert read.sessions[0].sets[0].weight_kg == 102.06
        assert read.sessions[0].duration_minutes == 62


class TestHevy:
    def test_kilogram_file(self) -> None:
        read = read_workouts(DATA / "hevy_kg.csv")
        assert (read.app, read.unit, read.skipped_rows) == ("hevy", WeightUnit.KG, 0)
        # Hevy writes the newest first: the sessions stay in file order.
        assert [(s.date.isoformat(), s.title, s.start_time) for s in read.sessions] == [
            ("2026-11-16", "Leg Day", dt.time(9, 0)),
            ("2026-11-12", "Upper", dt.time(18, 30)),
            ("2026-11-09", "Lower", dt.time(8, 15)),
        ]
        assert [s.duration_minutes for s in read.sessions] == [72, 50, 50]
        assert read.sessions[0].notes == "Heavy singles, then volume"
        assert read.sessions[2].notes == "Quads sore from Friday,\nwent lighter"
        assert [s.line for s in read.sessions] == [2, 8, 12]
        assert orders_count_from_one(read.sessions)  # set_index restarts at each exercise
        leg_day = read.sessions[0].sets
        assert [one.set_type for one in leg_day] == [
            SetType.WARMUP,
            SetType.NORMAL,
            SetType.NORMAL,
            SetType.NORMAL,
            SetType.DROP,
            SetType.NORMAL,
        ]
        assert (leg_day[1].weight_kg, leg_day[1].reps, leg_day[1].rpe) == (120.0, 1, 9.0)
        assert (leg_day[-1].exercise, leg_day[-1].weight_kg) == ("Cossack Squat", None)
        assert read.sessions[1].sets[2].set_type is SetType.FAILURE

    def test_pound_file(self) -> None:
        read = read_workouts(DATA / "hevy_lbs.csv")
        assert (read.app, read.unit) == ("hevy", WeightUnit.LB)
        leg_day, push = read.sessions
        assert [one.weight_kg for one in leg_day.sets[:3]] == [61.23, 111.13, 111.13]
        treadmill = leg_day.sets[-1]
        assert (treadmill.exercise, treadmill.reps, treadmill.weight_kg) == (
            "Treadmill",
            None,
            None,
        )
        assert push.sets[-1].set_type is SetType.DROP
        assert (push.notes, push.duration_minutes) == ("Shoulder ok", 45)

    def test_the_asked_unit_may_repeat_the_files(self) -> None:
        assert read_workouts(DATA / "hevy_lbs.csv", unit=WeightUnit.LB).unit is WeightUnit.LB

    @pytest.mark.parametrize(
        "start",
        [
            "2026-11-16 09:00:00",
            "2026-11-16T09:00:00+01:00",
            "2026-11-16T09:00:00Z",
            "16 Nov 2026, 9:00",
        ],
    )
    def test_iso_dates_too(self, tmp_path: Path, start: str) -> None:
        path = write(tmp_path, lines(HEVY, hevy_row(start=start, end="")))
        (session,) = read_workouts(path).sessions
        assert (session.date, session.start_time) == (dt.date(2026, 11, 16), dt.time(9, 0))
        assert session.duration_minutes is None

    def test_month_names_in_english_whatever_the_locale(self, tmp_path: Path) -> None:
        path = write(tmp_path, lines(HEVY, hevy_row(start="3 Sept 2026, 07:05", end="")))
        assert read_workouts(path).sessions[0].date == dt.date(2026, 9, 3)


class TestFitNotes:
    def test_android_file(self) -> None:
        read = read_workouts(DATA / "fitnotes_android.csv")
        assert (read.app, read.unit, read.skipped_rows) == ("fitnotes", WeightUnit.KG, 0)
        assert [(s.date.isoformat(), s.title, len(s.sets)) for s in read.sessions] == [
            ("2026-11-02", "", 6),
            ("2026-11-04", "", 2),
            ("2026-11-06", "", 4),
        ]
        first = read.sessions[0]
        assert all(one.set_type is SetType.NORMAL for s in read.sessions for one in s.sets)
        cycling = first.sets[-1]
        assert (cycling.exercise, cycling.reps, cycling.weight_kg) == ("Cycling", None, None)
        assert read.sessions[2].sets[-1].weight_kg is None  # "0.0" kgs: body weight
        assert (first.start_time, first.duration_minutes, first.notes) == (None, None, "")
        assert orders_count_from_one(read.sessions)

    def test_ios_file_in_pounds_with_warm_ups(self) -> None:
        read = read_workouts(DATA / "fitnotes_ios.csv")
        assert (read.app, read.unit) == ("fitnotes", WeightUnit.LB)
        squats = read.sessions[0].sets
        assert [one.weight_kg for one in squats] == [61.23, 102.06, 102.06, 163.29]
        assert [one.set_type for one in squats] == [SetType.WARMUP] + [SetType.NORMAL] * 3
        rowing = read.sessions[2].sets[-1]
        assert (rowing.reps, rowing.weight_kg) == (None, None)

    def test_ios_takes_whichever_unit_is_filled(self, tmp_path: Path) -> None:
        text = lines(
            FITNOTES_IOS,
            "2026-11-09,Hack Squat,Legs,100,,8,,,,,",
            "2026-11-09,Hack Squat,Legs,,220,8,,,,,",
            "2026-11-09,Hack Squat,Legs,100,220.46,8,,,,,",
        )
        read = read_workouts(write(tmp_path, text))
        assert [one.weight_kg for one in read.sessions[0].sets] == [100.0, 99.79, 100.0]
        assert read.unit is WeightUnit.KG  # the first weight read was in kg

    def test_android_with_one_unit_named_column(self, tmp_path: Path) -> None:
        text = lines(
            "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time",
            "2026-11-02,Barbell Squat,Legs,100.0,5,,,",
        )
        read = read_workouts(write(tmp_path, text))
        assert (read.unit, read.sessions[0].sets[0].weight_kg) == (WeightUnit.KG, 100.0)

    def test_no_weight_at_all_reads_in_kilograms(self, tmp_path: Path) -> None:
        text = lines(FITNOTES_IOS, "2026-11-13,Rowing Machine,Cardio,,,,2.0,km,0:10:00,,")
        read = read_workouts(write(tmp_path, text))
        assert (read.unit, len(read.sessions)) == (WeightUnit.KG, 1)


class TestDetection:
    @pytest.mark.parametrize(
        ("header", "app"),
        [
            (STRONG, "strong"),
            (STRONG.replace(",", ";"), "strong"),
            (HEVY, "hevy"),
            (HEVY.replace("weight_kg", "weight_lbs"), "hevy"),
            (FITNOTES_ANDROID, "fitnotes"),
            (FITNOTES_IOS, "fitnotes"),
            ("\ufeff" + STRONG.upper(), "strong"),
            (JOURNAL, None),
            ("Date,Exercise,Weight,Reps", None),
            ("", None),
        ],
    )
    def test_from_header(self, header: str, app: str | None) -> None:
        cells = header.split(";" if ";" in header else ",")
        assert detect_app(cells) == app

    @pytest.mark.parametrize(
        "name", ["strong_comma.csv", "strong_semicolon.csv", "hevy_kg.csv", "fitnotes_ios.csv"]
    )
    def test_each_file_is_its_app(self, name: str) -> None:
        expected = name.split("_")[0]
        reader = WorkoutReader(DATA / name, unit=WeightUnit.LB if "strong" in name else None)
        assert reader.app == expected

    def test_the_callers_app_must_be_the_files(self, tmp_path: Path) -> None:
        text = lines(HEVY, hevy_row())
        assert error_of(tmp_path, text, app="strong") == (
            "workouts.csv:1: header: this is a Hevy export, not Strong"
        )
        assert read_workouts(write(tmp_path, text), app="hevy").app == "hevy"

    def test_a_file_of_no_app_the_caller_named(self, tmp_path: Path) -> None:
        text = lines("When,What,How heavy", "2026-09-07,Squat,100")
        assert error_of(tmp_path, text, app="strong") == (
            "workouts.csv:1: header: not a Strong export: missing column Date"
        )

    def test_an_unknown_app_name_is_a_mistake_of_the_caller(self) -> None:
        with pytest.raises(ValueError, match="unknown app 'jefit'"):
            read_workouts(DATA / "hevy_kg.csv", app="jefit")


class TestUnits:
    def test_strong_needs_a_unit(self) -> None:
        with pytest.raises(UnitNeeded) as caught:
            iter_sessions(DATA / "strong_comma.csv", source="strong_comma.csv")
        assert str(caught.value) == (
            "strong_comma.csv:1: Weight: the file does not say whether weights are kg or lb; "
            "give --unit kg or --unit lb"
        )
        assert isinstance(caught.value, ImportFileError)

    def test_fitnotes_with_an_empty_unit_cell_needs_one(self, tmp_path: Path) -> None:
        text = lines(
            FITNOTES_ANDROID,
            "2026-11-02,Barbell Squat,Legs,100.0,kgs,5,,,,",
            "2026-11-02,Barbell Squat,Legs,100.0,,5,,,,",
        )
        path = write(tmp_path, text)
        with pytest.raises(UnitNeeded, match=r"^workouts\.csv:3: Weight Unit: the file does not"):
            read_workouts(path, source="workouts.csv")
        assert read_workouts(path, unit=WeightUnit.KG).sessions[0].sets[1].weight_kg == 100.0

    def test_hevy_kilograms_asked_as_pounds(self) -> None:
        with pytest.raises(ImportFileError) as caught:
            read_workouts(DATA / "hevy_kg.csv", unit=WeightUnit.LB, source="hevy_kg.csv")
        assert str(caught.value) == (
            "hevy_kg.csv:1: weight_kg: the file says its weights are in kg, but lb was asked; "
            "give --unit kg or leave it out"
        )

    def test_fitnotes_android_kilograms_asked_as_pounds(self) -> None:
        with pytest.raises(ImportFileError) as caught:
            read_workouts(DATA / "fitnotes_android.csv", unit=WeightUnit.LB, source="f.csv")
        assert str(caught.value) == (
            "f.csv:2: Weight Unit: the file says its weights are in kg, but lb was asked; "
            "give --unit kg or leave it out"
        )

    def test_fitnotes_ios_pounds_asked_as_kilograms(self) -> None:
        with pytest.raises(ImportFileError) as caught:
            read_workouts(DATA / "fitnotes_ios.csv", unit=WeightUnit.KG, source="f.csv")
        assert str(caught.value).startswith(
            "f.csv:2: Weight (lbs): the file says its weights are in lb, but kg was asked"
        )


class TestBadFiles:
    @pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
    def test_empty(self, tmp_path: Path, text: str) -> None:
        assert error_of(tmp_path, text) == (
            "workouts.csv:1: header: the file is empty; expected a Strong, Hevy or FitNotes export"
        )

    def test_unknown_format_says_which_apps_and_what_header(self, tmp_path: Path) -> None:
        assert error_of(tmp_path, lines(JOURNAL, "2026-09-07,calves.left,3,,,,")) == (
            "workouts.csv:1: header: not an export of Strong, Hevy or FitNotes, the apps Legday "
            f"reads; its header is {JOURNAL}"
        )

    @pytest.mark.parametrize(
        ("header", "missing"),
        [
            (STRONG.replace(",Reps", ""), "Reps"),
            (STRONG.replace("Weight,", ""), "Weight"),
            (HEVY.replace("weight_kg,", ""), "weight_kg or weight_lbs"),
            (HEVY.replace("start_time,", ""), "start_time"),
            (FITNOTES_ANDROID.replace("Date,", ""), "Date"),
        ],
    )
    def test_missing_column(self, tmp_path: Path, header: str, missing: str) -> None:
        app = {"D": "Strong", "t": "Hevy", "E": "FitNotes"}[header[0]]
        assert error_of(tmp_path, lines(header), unit=WeightUnit.KG) == (
            f"workouts.csv:1: header: not a {app} export: missing column {missing}"
        )

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (
                strong_row(date="2026-13-01 08:00:00"),
                'Date: "2026-13-01 08:00:00" is not a date and time like 2026-09-01 08:00:00',
            ),
            (strong_row(date="07.09.2026 08:00"), 'Date: "07.09.2026 08:00" is not a date'),
            (strong_row(weight='"12,x"'), 'Weight: "12,x" is not a number'),
            (strong_row(weight='"62,5"'), 'Weight: "62,5" is not a number'),
            (strong_row(weight="1e3"), 'Weight: "1e3" is not a number'),
            (strong_row(weight="-5"), "Weight: -5 kg is negative"),
            (strong_row(weight="1000.01"), "Weight: 1000.01 kg is more than 1000 kg"),
            (strong_row(reps="five"), 'Reps: "five" is not a number'),
            (strong_row(reps="5.5"), 'Reps: "5.5" is not a whole number'),
            (strong_row(reps="-3"), "Reps: must be a whole number 0–1000, got -3"),
            (strong_row(reps="1001"), "Reps: must be a whole number 0–1000, got 1001"),
            (strong_row(rpe="11"), "RPE: must be 1–10, got 11.0"),
            (strong_row(order="X"), 'Set Order: "X" is not a set number, W (warm-up)'),
            (
                strong_row(date="2026-09-08 07:30:00", duration="soon"),
                'Duration: "soon" is not a duration like 1h 5m',
            ),
            (
                strong_row(exercise="Squat " * 30),
                "Exercise Name: is 179 characters long; at most 100 are kept",
            ),
            ('2026-09-07 07:30:00,"Leg day",1h', "row: has 3 fields; the header has 12"),
            (strong_row() + ',"oops"', "row: has 13 fields; the header has 12"),
            ('2026-09-07 07:30:00,"Leg"day"', "row: not valid CSV"),
        ],
    )
    def test_strong_values(self, tmp_path: Path, row: str, message: str) -> None:
        # The row before holds a note over two lines: the bad row is on line 4.
        before = strong_row().replace(',"",', ',"two\nlines",', 1)
        error = error_of(tmp_path, lines(STRONG, before, row), unit=WeightUnit.KG)
        assert error.startswith(f"workouts.csv:4: {message}")

    def test_pounds_too_heavy_say_how_many_kilograms(self, tmp_path: Path) -> None:
        error = error_of(tmp_path, lines(STRONG, strong_row(weight="2500")), unit=WeightUnit.LB)
        assert error == (
            "workouts.csv:2: Weight: 2500 lb (1133.98 kg) is more than 1000 kg; is the unit right?"
        )

    def test_a_decimal_comma_is_read_only_where_commas_do_not_part_cells(
        self, tmp_path: Path
    ) -> None:
        text = lines(STRONG.replace(",", ";"), strong_row().replace(",", ";") + "8,5")
        path = write(tmp_path, text.replace(";100;", ";62,5;"))
        (session,) = read_workouts(path, unit=WeightUnit.KG).sessions
        assert (session.sets[0].weight_kg, session.sets[0].rpe) == (62.5, 8.5)

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (
                hevy_row(start="31 Nov 2026, 09:00"),
                'start_time: "31 Nov 2026, 09:00" is not a date',
            ),
            (
                hevy_row(start="16 Noz 2026, 09:00"),
                'start_time: "16 Noz 2026, 09:00" is not a date',
            ),
            (
                hevy_row(start="17 Nov 2026, 09:00", end="17 Nov 2026, 08:00"),
                'end_time: "17 Nov 2026, 08:00" comes before',
            ),
            (hevy_row(set_type="superset"), 'set_type: "superset" is not normal, warmup'),
            (hevy_row(weight="heavy"), 'weight_kg: "heavy" is not a number'),
        ],
    )
    def test_hevy_values(self, tmp_path: Path, row: str, message: str) -> None:
        assert error_of(tmp_path, lines(HEVY, hevy_row(), row)).startswith(
            f"workouts.csv:3: {message}"
        )

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            ("2026/11/02,Barbell Squat,Legs,100,kgs,5,,,,", 'Date: "2026/11/02" is not a date'),
            ("2026-11-02,Barbell Squat,Legs,100,stone,5,,,,", 'Weight Unit: "stone" is not kg'),
            ("2026-11-02,Barbell Squat,Legs,100,kgs,-1,,,,", "Reps: must be a whole number"),
        ],
    )
    def test_fitnotes_values(self, tmp_path: Path, row: str, message: str) -> None:
        assert error_of(tmp_path, lines(FITNOTES_ANDROID, row)).startswith(
            f"workouts.csv:2: {message}"
        )

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "workouts.csv"
        first = f"{STRONG}\n{strong_row(title='Beinstärke')}\n".encode()
        bad = strong_row(title="Gro?").encode().replace(b"?", b"\xdf")  # Latin-1, not UTF-8
        path.write_bytes(b"\xef\xbb\xbf" + first + bad + b"\n")
        with pytest.raises(ImportFileError) as caught:
            read_workouts(path, unit=WeightUnit.KG, source="workouts.csv")
        offset = 3 + len(first) + len('2026-09-07 07:30:00,"Gro')
        assert str(caught.value) == (
            f"workouts.csv:3: encoding: not UTF-8 text (byte 0xdf at offset {offset}); "
            "save the file as UTF-8 and try again"
        )

    def test_a_session_whose_rows_are_apart(self, tmp_path: Path) -> None:
        text = lines(
            STRONG,
            strong_row(),
            strong_row(date="2026-09-09 18:00:00", title="Push day"),
            strong_row(order="2"),
        )
        assert error_of(tmp_path, text, unit=WeightUnit.KG).startswith(
            "workouts.csv:4: Date: this session has rows earlier in the file"
        )

    def test_a_session_of_more_sets_than_a_leg_day_holds(self, tmp_path: Path) -> None:
        rows = [strong_row(order=str(number)) for number in range(MAX_SETS_PER_LEG_DAY + 1)]
        assert error_of(tmp_path, lines(STRONG, *rows), unit=WeightUnit.KG) == (
            f"workouts.csv:{MAX_SETS_PER_LEG_DAY + 2}: Date: the session that begins on line 2 "
            f"has more than {MAX_SETS_PER_LEG_DAY} sets, the most a leg day holds"
        )

    def test_a_file_with_no_line_breaks_is_not_read_whole(self, tmp_path: Path) -> None:
        error = error_of(tmp_path, STRONG + ",x" * 600_000, unit=WeightUnit.KG)
        assert error.startswith("workouts.csv:1: row: the line is longer than 1,048,576")

    def test_a_missing_file(self, tmp_path: Path) -> None:
        # The system's words for it follow the locale a Qt test may have set.
        with pytest.raises(ImportFileError, match=r"^workouts\.csv: file: \S") as raised:
            read_workouts(tmp_path / "gone.csv", source="workouts.csv")
        assert raised.value.field == "file"

    def test_the_source_is_the_path_unless_given(self, tmp_path: Path) -> None:
        path = write(tmp_path, lines(JOURNAL))
        with pytest.raises(ImportFileError, match=f"^{re.escape(str(path))}:1: header:"):
            read_workouts(path)


class TestStreaming:
    def test_sessions_come_before_the_rest_of_the_file_is_read(self, tmp_path: Path) -> None:
        text = lines(STRONG, strong_row(), strong_row(date="2026-09-09 18:00:00", weight="x"))
        sessions = iter_sessions(write(tmp_path, text), unit=WeightUnit.KG)
        first = next(sessions)
        assert first.date == dt.date(2026, 9, 7)
        with pytest.raises(ImportFileError, match=":3: Weight:"):
            next(sessions)

    def test_the_reader_counts_and_reads_anew_each_time(self) -> None:
        reader = WorkoutReader(DATA / "strong_comma.csv", unit=WeightUnit.KG)
        assert (reader.app, reader.unit, reader.skipped_rows) == ("strong", WeightUnit.KG, 0)
        first = list(reader)
        assert reader.skipped_rows == 2
        assert list(reader) == first
        assert reader.skipped_rows == 2

    def test_a_session_taken_and_the_rest_left(self) -> None:
        reader = WorkoutReader(DATA / "fitnotes_android.csv")
        assert reader.unit is None  # FitNotes says it row by row
        sessions = iter(reader)
        next(sessions)
        assert reader.unit is WeightUnit.KG
        sessions.close()  # the file is closed with the iterator (warnings fail tests)

    def test_a_large_file_in_bounded_memory(self, tmp_path: Path) -> None:
        rows = [
            ("Squat (Barbell)", "W", 60),
            ("Squat (Barbell)", "1", 100),
            ("Squat (Barbell)", "2", 100),
            ("Squat (Barbell)", "3", 100),
            ("Leg Press (Machine)", "1", 180),
            ("Leg Press (Machine)", "2", 180),
            ("Lying Leg Curl (Machine)", "1", 40),
            ("Lying Leg Curl (Machine)", "2", 40),
        ]
        # Strong repeats the workout's notes on every row of it.
        notes = "A long block before the meet, every set written down. " * 4
        session = "".join(
            f'{{when}},"Leg day","1h 5m","{name}",{order},{weight},5,0,0,"","{notes}",8\n'
            for name, order, weight in rows
        )
        path = tmp_path / "large.csv"
        day = dt.datetime(1970, 1, 1, 7, 30)
        size = count = 0
        with path.open("w", encoding="utf-8") as file:
            file.write(STRONG + "\n")
            while size < 50_000_000:
                block = session.replace(
                    "{when}", f"{day + dt.timedelta(days=count):%Y-%m-%d %H:%M:%S}"
                )
                file.write(block)
                size += len(block)
                count += 1

        started = time.perf_counter()
        tracemalloc.start()
        try:
            sessions = sets = 0
            for one in iter_sessions(path, unit=WeightUnit.KG):
                sessions += 1
                sets += len(one.sets)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert (sessions, sets) == (count, count * len(rows))
        assert peak < 20_000_000
        assert time.perf_counter() - started < 30
