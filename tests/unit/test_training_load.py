"""Exercise names to muscle groups, the leg-day rule, load and novelty, the import's plan."""

from __future__ import annotations

import datetime as dt

import pytest

from legday_desktop.domain.exercises import (
    ExerciseMapping,
    exercise_key,
    find_exercise,
    looks_like_leg_exercise,
    parse_mapping,
)
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.domain.training import GroupLoad, SetType, WorkoutSession, WorkoutSet
from legday_desktop.domain.training_load import (
    judge_sets,
    leg_day_loads,
    novelty,
    raw_loads,
)
from legday_desktop.domain.workout_import import (
    WorkoutImportError,
    plan_workout_import,
    with_ratings_moved,
)

D = dt.date
TODAY = D(2026, 12, 1)


def sets(*specs: tuple[str, int, float | None, SetType]) -> tuple[WorkoutSet, ...]:
    return tuple(
        WorkoutSet(name, order, reps=reps, weight_kg=kg, set_type=kind)
        for order, (name, reps, kg, kind) in enumerate(specs, start=1)
    )


N, W = SetType.NORMAL, SetType.WARMUP


@pytest.mark.parametrize(
    ("name", "exercise_id"),
    [
        ("Squat (Barbell)", "squat"),
        ("Barbell Back Squat", "squat"),
        ("SQUAT", "squat"),
        ("Leg Press (Machine)", "leg_press"),
        ("Leg Presses", "leg_press"),
        ("Seated Leg Curl (Machine)", "leg_curl"),
        ("Lying Leg Curl Machine", "leg_curl"),
        ("Romanian Deadlift (Dumbbell)", "romanian_deadlift"),
        ("Stiff-Legged Deadlift", "romanian_deadlift"),
        ("RDL", "romanian_deadlift"),
        ("Walking Lunges", "lunge"),
        ("Step-Ups", "step_up"),
        ("Standing Calf Raise (Machine)", "calf_raise"),
        ("Calves raise", "calf_raise"),
        ("Hip Thrust (Barbell)", "hip_thrust"),
        ("Barbell Glute Bridge", "hip_thrust"),
        ("Bulgarian Split Squat (Dumbbell)", "bulgarian_split_squat"),
        ("Hip Abduction (Machine)", "hip_abduction"),
        ("Trap Bar Deadlift", "deadlift"),
        ("Box Jumps", "box_jump"),
    ],
)
def test_the_names_apps_give_find_their_exercise(name: str, exercise_id: str) -> None:
    found = find_exercise(name)
    assert found is not None and found.id == exercise_id, exercise_key(name)


def test_unknown_names_that_sound_like_legs_are_told_apart_from_the_rest() -> None:
    for name in ("Cossack Squat", "Sumo Leg Thing (Machine)", "Sled Sprint"):
        assert find_exercise(name) is None
        assert looks_like_leg_exercise(name)
    for name in ("Bench Press (Barbell)", "Lat Pulldown", "Bicep Curl", "Plank"):
        assert find_exercise(name) is None and not looks_like_leg_exercise(name)


def test_a_mapping_gives_shares_first_prime_then_helpers() -> None:
    mapping = parse_mapping("Hack Squat=quadriceps,glutes,adductors:0.3", GROUP_IDS)
    assert mapping == ExerciseMapping(
        "Hack Squat", {"quadriceps": 1.0, "glutes": 0.5, "adductors": 0.3}
    )
    assert mapping.key == "hack squat"
    assert parse_mapping("Plank=", GROUP_IDS).loads == {}


def test_hard_sets_and_volume_weight_each_working_set_by_its_share() -> None:
    day = sets(
        ("Squat", 10, 40.0, W),  # a warm-up: no load
        ("Squat", 5, 100.0, N),
        ("Squat", 5, 100.0, N),
        ("Leg extension", 12, 50.0, N),
        ("Bench press", 8, 80.0, N),  # not a leg exercise: loads no group
    )
    loads = raw_loads(day)
    # Squat: quadriceps 1.0, glutes 0.8; leg extension: quadriceps 0.8.
    assert loads["quadriceps"] == pytest.approx((2 * 1.0 + 0.8, 2 * 500 * 1.0 + 600 * 0.8))
    assert loads["glutes"] == pytest.approx((1.6, 800.0))
    assert set(loads) == {"quadriceps", "glutes", "adductors", "lower_back", "hamstrings"}


def test_a_mapping_counts_an_unknown_exercise() -> None:
    day = sets(("Cossack Squat", 8, 20.0, N), ("Cossack Squat", 8, 20.0, N))
    assert raw_loads(day) == {}
    mapping = parse_mapping("cossack squat=adductors,quadriceps", GROUP_IDS)
    assert raw_loads(day, {mapping.key: mapping}) == {
        "adductors": (2.0, 320.0),
        "quadriceps": (1.0, 160.0),
    }


def test_a_session_is_a_leg_day_from_a_third_of_its_working_sets_on_the_legs() -> None:
    push = ("Bench press", 8, 80.0, N)
    squat = ("Squat", 5, 100.0, N)
    assert judge_sets(sets(squat, push, push)).is_leg_day  # exactly a third
    assert not judge_sets(sets(squat, push, push, push)).is_leg_day
    # Warm-ups do not count either way.
    assert not judge_sets(sets(("Squat", 10, 40.0, W), push, push)).is_leg_day
    verdict = judge_sets(sets(("Cossack Squat", 8, 20.0, N), push))
    assert not verdict.is_leg_day and verdict.unknown_leg_names == ("Cossack Squat",)
    assert not judge_sets(()).is_leg_day


def test_novelty_sets_a_load_against_the_four_weeks_before() -> None:
    assert novelty(4, 0, 28) == 1.0  # all new
    assert novelty(4, 16, 28) == pytest.approx(0.5)  # 4 a week before: as usual
    assert novelty(0, 16, 28) == 0.0
    squat_day = sets(*[("Squat", 5, 100.0, N)] * 4)
    dates = [D(2026, 9, 1) + dt.timedelta(days=7 * week) for week in range(6)]
    loads = leg_day_loads([(date, squat_day) for date in dates])
    quads = [loads[date]["quadriceps"] for date in dates]
    assert [load.novelty for load in quads] == [1.0, 0.8, 0.667, 0.571, 0.5, 0.5]
    assert quads[0] == GroupLoad(hard_sets=4.0, volume_kg=2000.0, novelty=1.0)
    # After five weeks off, the same load is new again.
    later = D(2026, 12, 1)
    again = leg_day_loads([*[(date, squat_day) for date in dates], (later, squat_day)])
    assert again[later]["quadriceps"].novelty == 1.0


def session(date: D, title: str, *specs: tuple[str, int, float | None, SetType]) -> WorkoutSession:
    return WorkoutSession(date, title, sets(*specs), line=10)


LEGS = ("Squat (Barbell)", 5, 100.0, N)
PUSH = ("Bench Press (Barbell)", 8, 60.0, N)


def test_the_plan_creates_extends_skips_and_a_re_import_changes_nothing() -> None:
    monday, wednesday, friday = D(2026, 11, 2), D(2026, 11, 4), D(2026, 11, 6)
    typed = LegDay(friday, "My own title", ("Squat",), rpe=8, notes="typed in Legday")
    sessions = [
        session(monday, "Leg day", LEGS, LEGS),
        session(wednesday, "Push", PUSH, PUSH, LEGS),  # 1 of 3: still a leg day
        session(friday, "Legs", ("Squat (Barbell)", 10, 40.0, W), LEGS),
        session(D(2026, 11, 7), "Arms", PUSH, PUSH, PUSH),
    ]
    plan = plan_workout_import(sessions, stored_leg_days={friday: typed}, mappings={}, today=TODAY)
    assert [(p.leg_day.date, p.creates) for p in plan.leg_days] == [
        (monday, True),
        (wednesday, True),
        (friday, False),
    ]
    assert (plan.created, plan.extended, plan.unchanged) == (2, 1, 0)
    assert [(s.date, s.title, s.on_legs, s.working_sets) for s in plan.skipped] == [
        (D(2026, 11, 7), "Arms", 0, 3)
    ]
    extended = plan.leg_days[2].leg_day
    assert (extended.title, extended.notes, extended.rpe, extended.exercises) == (
        "My own title",
        "typed in Legday",
        8,
        ("Squat",),
    )
    assert [one.order for one in extended.sets] == [1, 2]
    created = plan.leg_days[0].leg_day
    assert created.title == "Leg day" and created.exercises == ("Squat (Barbell)",)
    assert plan.leg_days[0].exercises[0].groups[0] == "quadriceps"
    stored = {p.leg_day.date: p.leg_day for p in plan.leg_days}
    again = plan_workout_import(sessions, stored_leg_days=stored, mappings={}, today=TODAY)
    assert again.leg_days == () and again.unchanged == 3 and again.change.is_empty


def test_two_sessions_on_one_date_make_one_leg_day_in_file_order() -> None:
    day = D(2026, 11, 2)
    plan = plan_workout_import(
        [session(day, "Morning", LEGS), session(day, "Evening", ("Leg press", 10, 150.0, N))],
        stored_leg_days={},
        mappings={},
        today=TODAY,
    )
    (leg_day,) = [p.leg_day for p in plan.leg_days]
    assert leg_day.title == "Morning + Evening"
    assert [(one.order, one.exercise) for one in leg_day.sets] == [
        (1, "Squat (Barbell)"),
        (2, "Leg press"),
    ]


def test_a_session_after_today_is_refused_with_its_line() -> None:
    with pytest.raises(WorkoutImportError, match=r"^10: date: 2026-12-05 is in the future"):
        plan_workout_import(
            [session(D(2026, 12, 5), "Legs", LEGS)], stored_leg_days={}, mappings={}, today=TODAY
        )


def test_unknown_leg_names_are_listed_and_count_once_mapped() -> None:
    hack = ("Hack Squat (Machine)", 10, 120.0, N)
    sessions = [session(D(2026, 11, 2), "Legs", hack, hack, PUSH)]
    plan = plan_workout_import(sessions, stored_leg_days={}, mappings={}, today=TODAY)
    # Hack squat is in the catalogue now; a name that is not stays to be mapped.
    assert plan.leg_days and not plan.unknown_names
    cossack = ("Cossack Squat", 10, 20.0, N)
    sessions = [session(D(2026, 11, 3), "Legs", cossack, cossack, PUSH)]
    plan = plan_workout_import(sessions, stored_leg_days={}, mappings={}, today=TODAY)
    assert plan.unknown_names == {"Cossack Squat": 2} and not plan.found_leg_training
    mapping = parse_mapping("Cossack Squat=adductors", GROUP_IDS)
    plan = plan_workout_import(
        sessions, stored_leg_days={}, mappings={mapping.key: mapping}, today=TODAY
    )
    assert plan.found_leg_training and plan.leg_days[0].exercises[0].groups == ("adductors",)


def test_the_plan_says_how_many_ratings_a_new_leg_day_moves() -> None:
    plan = plan_workout_import(
        [session(D(2026, 11, 5), "Legs", LEGS)], stored_leg_days={}, mappings={}, today=TODAY
    )
    counts = {D(2026, 11, 4): 3, D(2026, 11, 5): 4, D(2026, 11, 6): 22, D(2026, 11, 10): 2}
    # Ratings of 4 Nov stay with the leg day of 2 Nov; from 5 Nov to the leg day of
    # 9 Nov they move to the new one; those after 9 Nov stay with it.
    moved = with_ratings_moved(plan, [D(2026, 11, 2), D(2026, 11, 9)], counts)
    assert moved.ratings_moved == 26
