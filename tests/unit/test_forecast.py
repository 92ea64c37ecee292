"""The soreness forecast: what it reads from a journal, how it learns, what it never does."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

import pytest

from legday_desktop.domain.demo import SorenessLaw, training_demo_journal
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import ExerciseMapping, exercise_key
from legday_desktop.domain.forecast import (
    FORECAST_DAYS,
    MIN_LEG_DAYS_FOR_ERROR,
    TYPICAL_MODEL,
    TYPICAL_PEAK,
    EarlierLoad,
    ForecastModel,
    Observation,
    forecast_leg_day,
    leave_one_out,
    leave_one_out_error,
    observations,
    typical_level,
)
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.training import GroupLoad, SetType, WorkoutSet
from legday_desktop.domain.training_load import leg_day_loads

MONDAY = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 6, 1)


def sets_of(*exercises: tuple[str, int]) -> tuple[WorkoutSet, ...]:
    """``count`` working sets of 10 × 50 kg of each exercise, in order."""
    sets: list[WorkoutSet] = []
    for name, count in exercises:
        for _ in range(count):
            sets.append(WorkoutSet(name, len(sets) + 1, 10, 50.0))
    return tuple(sets)


def rated(date: dt.date, group: str, left: int, right: int | None = None) -> list[SorenessRating]:
    both = [SorenessRating(date, f"{group}.left", left)]
    if right is not None:
        both.append(SorenessRating(date, f"{group}.right", right))
    return both


def always_sore_journal(leg_days: int, course: tuple[int, ...] = (8, 8, 7, 3, 1, 0)) -> Journal:
    """A leg-extension day every week, the quads rated ``course`` on days 1–6 each time."""
    days, ratings = [], []
    for week in range(leg_days):
        date = MONDAY + dt.timedelta(weeks=week)
        days.append(LegDay(date, sets=sets_of(("Leg extension", 4))))
        for offset, level in enumerate(course, 1):
            ratings += rated(date + dt.timedelta(days=offset), "quadriceps", level, level)
    return Journal(tuple(days), tuple(ratings))


def test_observations_read_the_days_after_each_leg_day_until_the_next() -> None:
    first, second, third = MONDAY, MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=5)
    journal = Journal(
        leg_days=(
            LegDay(
                first,
                sets=(
                    WorkoutSet("Squat", 1, 10, 40.0, set_type=SetType.WARMUP),
                    *(replace(one, order=one.order + 1) for one in sets_of(("Squat", 4))),
                    *(replace(one, order=one.order + 5) for one in sets_of(("Calf raise", 3))),
                ),
            ),
            LegDay(second, sets=sets_of(("Leg extension", 3))),
            LegDay(third, exercises=("Squat",)),  # no sets: ends the second's days, no more
        ),
        ratings=(
            *rated(first, "quadriceps", 6, 6),  # the leg day itself: an earlier session's
            *rated(first + dt.timedelta(days=1), "quadriceps", 5, 3),
            *rated(first + dt.timedelta(days=1), "calves", 2),
            *rated(first + dt.timedelta(days=1), "achilles", 4, 4),
            *rated(second, "quadriceps", 6, 6),  # day 2 of the first is the second's day 0
            *rated(second + dt.timedelta(days=1), "quadriceps", 7, 6),
            *rated(second + dt.timedelta(days=2), "quadriceps", 2, 2),
            *rated(third, "quadriceps", 1, 1),  # the third leg day's: none of the second's
            *rated(third + dt.timedelta(days=1), "quadriceps", 1, 1),
        ),
    )
    loads = leg_day_loads([(first, journal.leg_days[0].sets), (second, journal.leg_days[1].sets)])

    found = {(one.leg_day, one.group_id): one for one in observations(journal)}

    # Glutes and adductors were loaded but never rated; the Achilles is a tendon.
    assert set(found) == {(first, "quadriceps"), (first, "calves"), (second, "quadriceps")}
    assert found[first, "quadriceps"].levels == {1: 4.0}
    assert found[first, "quadriceps"].load == loads[first]["quadriceps"]
    assert found[first, "calves"].levels == {1: 2.0}
    assert found[first, "quadriceps"].earlier == ()
    after_second = found[second, "quadriceps"]
    assert after_second.levels == {1: 6.5, 2: 2.0}
    assert after_second.earlier == (EarlierLoad(2, loads[first]["quadriceps"]),)


def test_with_no_data_the_forecast_is_the_typical_course() -> None:
    journal = Journal(leg_days=(LegDay(MONDAY, sets=sets_of(("Squat", 5))),))

    forecast = forecast_leg_day(journal, MONDAY)

    assert forecast.typical_course_only
    assert forecast.basis == 0
    assert forecast.leave_one_out_error is None
    assert ForecastModel.fit([]) is TYPICAL_MODEL is ForecastModel.typical()
    quads = next(group for group in forecast.groups if group.group_id == "quadriceps")
    assert [one.level for one in quads.days] == pytest.approx(
        [typical_level(day) for day in FORECAST_DAYS]
    )
    # It rises over day 1, peaks on day 2 and is nearly gone by day 7 (the facts' course).
    assert max(FORECAST_DAYS, key=quads.level_on) == 2
    assert quads.level_on(7) < 0.1 * TYPICAL_PEAK
    for one in quads.days:
        assert one.low < one.level < one.high or one.level == one.low == 0


def test_a_leg_day_without_sets_gets_the_typical_course_for_its_exercises() -> None:
    journal = always_sore_journal(10)
    typed = LegDay(MONDAY + dt.timedelta(weeks=10), exercises=("Romanian deadlift",))
    journal = replace(journal, leg_days=(*journal.leg_days, typed))

    forecast = forecast_leg_day(journal, typed.date)

    assert forecast.typical_course_only
    assert forecast.basis == 10
    assert [group.group_id for group in forecast.groups] == [
        "hamstrings",
        "glutes",
        "lower_back",
    ]
    assert forecast.groups[0].load is None
    assert forecast.groups[0].level_on(2) == pytest.approx(typical_level(2))


def test_few_leg_days_stay_near_the_typical_course_many_follow_the_data() -> None:
    # This person rates 8 on day 2 every time; the typical course says 4.
    typical, own = typical_level(2), 8.0
    after: dict[int, float] = {}
    intervals = {}
    for leg_days in (2, 4, 31):
        journal = always_sore_journal(leg_days)
        forecast = forecast_leg_day(journal, journal.leg_days[-1].date)
        assert forecast.basis == leg_days - 1
        assert not forecast.typical_course_only
        day_2 = forecast.groups[0].days[1]
        after[leg_days - 1], intervals[leg_days - 1] = day_2.level, day_2
    # One leg day pulls it less than two thirds of the way, and the interval still holds
    # the typical level; thirty leg days make it the person's own.
    assert typical < after[1] < typical + (own - typical) * 2 / 3
    assert intervals[1].low <= typical
    assert after[1] < after[3] < after[30]
    assert after[30] == pytest.approx(own, abs=0.3)
    assert intervals[30].low > typical
    assert intervals[30].high - intervals[30].low < intervals[1].high - intervals[1].low


def test_the_leave_one_out_error_comes_with_six_leg_days() -> None:
    few = observations(always_sore_journal(MIN_LEG_DAYS_FOR_ERROR - 1))
    enough = observations(always_sore_journal(MIN_LEG_DAYS_FOR_ERROR))

    assert leave_one_out_error(few) is None
    error = leave_one_out_error(enough)
    assert error is not None and 0 <= error < 1.5
    journal = always_sore_journal(MIN_LEG_DAYS_FOR_ERROR + 1)
    assert forecast_leg_day(journal, journal.leg_days[-1].date).leave_one_out_error == error


def test_levels_stay_within_the_scale_and_intervals_hold_the_level() -> None:
    worst = always_sore_journal(8, course=(10, 10, 10, 10, 10, 10, 10))
    nothing = always_sore_journal(8, course=(0, 0, 0, 0, 0, 0, 0))
    huge = GroupLoad(hard_sets=60.0, volume_kg=50_000.0, novelty=1.0)
    tiny = GroupLoad(hard_sets=0.2, volume_kg=10.0, novelty=0.0)
    for journal in (worst, nothing):
        model = ForecastModel.fit(observations(journal))
        earlier = (EarlierLoad(1, huge), EarlierLoad(3, huge))
        for load, before in ((huge, earlier), (tiny, ()), (huge, ())):
            for one in model.predict("quadriceps", load, before).days:
                assert 0 <= one.low <= one.level <= one.high <= 10


def test_knees_and_achilles_are_never_forecast() -> None:
    mappings = {exercise_key("Knee circles"): ExerciseMapping("Knee circles", {"knees": 1.0})}
    days, ratings = [], []
    for week in range(8):
        date = MONDAY + dt.timedelta(weeks=week)
        days.append(LegDay(date, sets=sets_of(("Calf raise", 4), ("Knee circles", 3))))
        for offset in (1, 2, 3):
            for group in ("calves", "achilles", "knees"):
                ratings += rated(date + dt.timedelta(days=offset), group, 5, 5)
    journal = Journal(tuple(days), tuple(ratings))

    found = observations(journal, mappings)
    forecast = forecast_leg_day(journal, days[-1].date, mappings)

    assert {one.group_id for one in found} == {"calves"}
    assert [group.group_id for group in forecast.groups] == ["calves"]
    for group in ("knees", "achilles"):
        with pytest.raises(DomainError):
            TYPICAL_MODEL.predict(group, GroupLoad(3.0, 500.0))
        with pytest.raises(DomainError):
            Observation(MONDAY, group, GroupLoad(3.0, 500.0), {1: 4.0})


def test_a_forecast_never_learns_from_the_leg_day_it_forecasts() -> None:
    journal = training_demo_journal(TODAY, leg_days=16, seed=7)
    target = journal.leg_days[8]
    following = journal.leg_days[9].date
    # Rate everything after the target leg day 10, up to the next one.
    changed = replace(
        journal,
        ratings=tuple(
            replace(rating, level=10) if target.date < rating.date < following else rating
            for rating in journal.ratings
        ),
    )
    assert changed.ratings != journal.ratings

    before, after = forecast_leg_day(journal, target.date), forecast_leg_day(changed, target.date)

    assert after == before
    with_data = {one.leg_day for one in observations(journal)}
    assert target.date in with_data
    assert before.basis == len(with_data) - 1
    other = journal.leg_days[12].date
    assert forecast_leg_day(changed, other) != forecast_leg_day(journal, other)


def test_leave_one_out_holds_each_leg_day_out_of_its_own_fit() -> None:
    chosen = observations(training_demo_journal(TODAY, leg_days=8, seed=3))
    held_out = leave_one_out(chosen)
    leg_day = chosen[0].leg_day
    model = ForecastModel.fit(one for one in chosen if one.leg_day != leg_day)

    for one in held_out:
        if one.observation.leg_day == leg_day:
            observation = one.observation
            expected = model.predict(observation.group_id, observation.load, observation.earlier)
            assert one.predicted == pytest.approx(expected.level_on(one.day))
    assert len(held_out) == sum(len(one.levels) for one in chosen)


def test_on_a_known_law_the_model_beats_the_typical_course() -> None:
    law = SorenessLaw()
    chosen = observations(training_demo_journal(TODAY, leg_days=20, seed=11, law=law))
    held_out = leave_one_out(chosen)

    model_error = leave_one_out_error(chosen)
    baseline_error = sum(
        abs(
            TYPICAL_MODEL.predict_level(
                one.observation.group_id, one.observation.load, one.observation.earlier, one.day
            )
            - one.level
        )
        for one in held_out
    ) / len(held_out)

    assert model_error is not None
    assert model_error < 0.7 * baseline_error


def test_novelty_raises_the_forecast_as_the_law_does() -> None:
    model = ForecastModel.fit(observations(training_demo_journal(TODAY, leg_days=40, seed=5)))
    usual = model.predict("quadriceps", GroupLoad(8.0, 4000.0, novelty=0.5))
    new = model.predict("quadriceps", GroupLoad(8.0, 4000.0, novelty=1.0))
    more = model.predict("quadriceps", GroupLoad(14.0, 7000.0, novelty=0.5))

    assert new.level_on(2) > usual.level_on(2) + 1
    assert more.level_on(2) > usual.level_on(2)


def test_the_json_has_stable_keys_and_rounded_numbers() -> None:
    journal = training_demo_journal(TODAY, leg_days=10, seed=2)
    forecast = forecast_leg_day(journal, journal.leg_days[-1].date)

    data = forecast.to_json()

    assert list(data) == [
        "leg_day",
        "basis",
        "leave_one_out_error",
        "typical_course_only",
        "interval",
        "groups",
    ]
    assert data["leg_day"] == journal.leg_days[-1].date.isoformat()
    assert data["basis"] == 9 and data["interval"] == 0.8
    group = data["groups"][0]
    assert list(group) == ["group", "load", "days"]
    assert list(group["load"]) == ["hard_sets", "volume_kg", "novelty"]
    assert [day["day"] for day in group["days"]] == list(FORECAST_DAYS)
    assert list(group["days"][0]) == ["day", "level", "low", "high"]
    assert all(round(day["level"], 2) == day["level"] for day in group["days"])


def test_a_date_without_a_leg_day_is_refused() -> None:
    with pytest.raises(DomainError, match="no leg day"):
        forecast_leg_day(always_sore_journal(2), MONDAY + dt.timedelta(days=1))


def test_two_hundred_leg_days_fit_quickly() -> None:
    chosen = observations(training_demo_journal(TODAY, leg_days=200, seed=1))
    started = time.perf_counter()
    ForecastModel.fit(chosen)
    # Well under 100 ms on the machines of facts/performance.md; generous for CI.
    assert time.perf_counter() - started < 0.5
