"""Recovery summaries, repeated-bout trends and habit comparisons on hand-made histories.

The last tests read them from a real journal file, whole or one leg day at a time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.journals import filled_store

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction
from legday_desktop.domain.insights import (
    COMPARISON_CAVEAT,
    SAME_SPEED_DAYS,
    SLEEP_KEY,
    BoutTrend,
    MeanInterval,
    compare_habits,
    habits_after,
    habits_of_leg_days,
    main_groups,
    mean_interval,
    repeated_bout_trend,
    similar,
    summarise_leg_day,
    summarise_leg_days,
    t95,
)
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import TOTAL, SideMode, day_values
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.services.insights import (
    history_insights,
    insights_of,
    journal_insights,
    leg_day_insight,
)

MONDAY = dt.date(2026, 3, 2)


def day(offset: int, start: dt.date = MONDAY) -> dt.date:
    return start + dt.timedelta(days=offset)


def both_sides(
    date: dt.date, group: str, left: int, right: int | None = None
) -> list[SorenessRating]:
    return [
        SorenessRating(date, f"{group}.left", left),
        SorenessRating(date, f"{group}.right", left if right is None else right),
    ]


def quad_day(date: dt.date) -> LegDay:
    return LegDay(date=date, exercises=("Leg extension",))


def test_summary_of_one_leg_day_per_group_and_in_total() -> None:
    ratings = [
        *both_sides(day(1), "quadriceps", 5, 3),  # mean 4
        *both_sides(day(2), "quadriceps", 6),
        *both_sides(day(2), "calves", 4),
        *both_sides(day(3), "quadriceps", 3),
        *both_sides(day(4), "quadriceps", 2),
    ]
    summary = summarise_leg_day(quad_day(MONDAY), None, day_values(ratings))
    quads = summary.of("quadriceps")
    assert quads is not None
    assert (quads.peak, quads.peak_day, quads.days_to_recover) == (6, 2, 4)
    assert quads.area == pytest.approx((4 + 6) / 2 + (6 + 3) / 2 + (3 + 2) / 2)
    assert quads.early_mean == pytest.approx((4 + 6 + 3) / 3)  # days 1–3
    calves = summary.of("calves")
    assert calves is not None  # rated on one day only: no area, no recovery seen
    assert (calves.peak, calves.peak_day, calves.days_to_recover, calves.area) == (
        4,
        2,
        None,
        None,
    )
    # Total: the mean of the rated groups each day: 4, 5, 3, 2.
    total = summary.total
    assert (total.peak, total.peak_day) == (5, 2)
    assert total.area == pytest.approx(4.5 + 4 + 2.5)
    # The calves were last seen at 4: not every group is known to be back to 2 or less.
    assert total.days_to_recover is None
    rated_again = day_values([*ratings, *both_sides(day(5), "calves", 1)])
    assert summarise_leg_day(quad_day(MONDAY), None, rated_again).total.days_to_recover == 5
    assert summary.of("hamstrings") is None  # never rated


def test_the_total_recovers_only_when_every_group_is_back_to_2() -> None:
    ratings = [
        *both_sides(day(1), "quadriceps", 6),
        *both_sides(day(1), "glutes", 6),
        *both_sides(day(2), "quadriceps", 1),
        *both_sides(day(2), "glutes", 4),  # mean of the day 2.5, but glutes still at 4
        *both_sides(day(3), "glutes", 2),
    ]
    summary = summarise_leg_day(quad_day(MONDAY), None, day_values(ratings))
    assert summary.total.days_to_recover == 3
    assert summary.of("quadriceps").days_to_recover == 2  # type: ignore[union-attr]


def test_the_next_leg_day_ends_the_window() -> None:
    ratings = [
        *both_sides(day(1), "quadriceps", 4),
        *both_sides(day(2), "quadriceps", 6),
        *both_sides(day(3), "quadriceps", 2),  # belongs to the next leg day
    ]
    values = day_values(ratings)
    first, second = summarise_leg_days([quad_day(day(3)), quad_day(MONDAY)], values)
    assert first.leg_day.date == MONDAY  # oldest first
    quads = first.of("quadriceps")
    assert quads is not None
    assert (quads.peak, quads.days_to_recover, quads.area) == (6, None, 5)
    # Rated on its own day only: that soreness is the first leg day's, not its own.
    assert second.total.peak is None and second.total.days_to_recover is None


def test_an_unrated_leg_day_has_an_empty_summary() -> None:
    summary = summarise_leg_day(quad_day(MONDAY), None, {})
    assert summary.groups == ()
    assert (summary.total.peak, summary.total.days_to_recover, summary.total.area) == (
        None,
        None,
        None,
    )


def test_a_one_sided_strain_is_not_averaged_away() -> None:
    ratings = [
        *both_sides(day(1), "hamstrings", 6, 2),
        *both_sides(day(2), "hamstrings", 4, 0),  # mean 2, but the left side is at 4
        *both_sides(day(4), "hamstrings", 2, 0),
    ]
    leg_day = LegDay(date=MONDAY, exercises=("Romanian deadlift",))
    mean = day_values(ratings)
    sorer = day_values(ratings, SideMode.MAX)
    summary = summarise_leg_day(leg_day, None, mean, sorer)
    hamstrings = summary.of("hamstrings")
    assert hamstrings is not None
    assert (hamstrings.peak, hamstrings.days_to_recover) == (4, 4)  # peak: mean of the sides
    assert summary.total.days_to_recover == 4
    assert summarise_leg_day(leg_day, None, mean).total.days_to_recover == 2  # means only


def recovering_in(days: int, start: dt.date, group: str = "quadriceps") -> list[SorenessRating]:
    """Level 6 on day 1, 4 until the day before ``days``, then 2 on day ``days``."""
    ratings = both_sides(day(1, start), group, 6)
    for offset in range(2, days):
        ratings += both_sides(day(offset, start), group, 4)
    return ratings + both_sides(day(days, start), group, 2)


def test_similar_means_the_same_main_groups() -> None:
    assert main_groups(LegDay(date=MONDAY, exercises=("Squat",))) == {
        "quadriceps",
        "glutes",
        "adductors",
    }
    assert similar(quad_day(MONDAY), LegDay(date=day(7), exercises=("leg extension",)))
    assert not similar(quad_day(MONDAY), LegDay(date=day(7), exercises=("Squat",)))
    no_catalogue = LegDay(date=day(7), exercises=("Bench press",))
    assert not similar(no_catalogue, no_catalogue)  # nothing known is loaded


def test_repeated_bout_trend_over_similar_leg_days() -> None:
    starts = [MONDAY, day(28), day(56)]
    ratings = [
        *recovering_in(5, starts[0]),
        *recovering_in(4, starts[1]),
        *recovering_in(3, starts[2]),
        *both_sides(day(15), "calves", 8),  # a calf day in between, not similar
    ]
    leg_days = [*map(quad_day, starts), LegDay(date=day(14), exercises=("Calf raise",))]
    summaries = summarise_leg_days(leg_days, day_values(ratings))
    trend = repeated_bout_trend(summaries, "quadriceps")
    assert trend is not None
    assert trend.dates == tuple(starts)
    assert [part.days_to_recover for part in trend.summaries] == [5, 4, 3]
    assert trend.weeks == 8
    assert trend.days_faster == pytest.approx(2.0)
    assert trend.peak_lower == pytest.approx(0.0)
    assert trend.sentence() == (
        "Your quads recover about 2.0 days faster than 8 weeks ago (3 similar leg days)."
    )
    total = repeated_bout_trend(summaries, TOTAL)
    assert total is not None and total.sentence().startswith("Your legs recover about 2.0 days")


def test_a_steady_recovery_reads_about_as_fast() -> None:
    starts = [MONDAY, day(21), day(42)]
    ratings = [rating for start in starts for rating in recovering_in(4, start)]
    summaries = summarise_leg_days(map(quad_day, starts), day_values(ratings))
    trend = repeated_bout_trend(summaries, "quadriceps")
    assert trend is not None
    assert (
        trend.sentence() == "Your quads recover about as fast as 6 weeks ago (3 similar leg days)."
    )


def test_too_few_similar_leg_days_give_no_trend() -> None:
    starts = [MONDAY, day(28)]
    ratings = [rating for start in starts for rating in recovering_in(4, start)]
    summaries = summarise_leg_days(map(quad_day, starts), day_values(ratings))
    assert repeated_bout_trend(summaries, "quadriceps") is None
    assert repeated_bout_trend(summaries, TOTAL) is None
    assert repeated_bout_trend((), "quadriceps") is None


def habit_history(
    with_massage: int, without: int, *, unrecorded: int = 0
) -> tuple[list[LegDay], list[SorenessRating], list[CheckIn]]:
    """Weekly quad days: with massage they recover in 2 days, without in 4."""
    leg_days, ratings, check_ins = [], [], []
    for index in range(with_massage + without + unrecorded):
        start = day(7 * index)
        leg_days.append(quad_day(start))
        massaged = index < with_massage
        ratings += recovering_in(2 if massaged else 4, start)
        if index < with_massage + without:
            actions = {RecoveryAction.FOAM_ROLLING_OR_MASSAGE} if massaged else set()
            sleep = 8.5 if index % 2 else 6.0
            check_ins.append(CheckIn(day(1, start), actions=frozenset(actions), sleep_hours=sleep))
    return leg_days, ratings, check_ins


def test_a_habit_is_compared_when_each_side_has_3_leg_days() -> None:
    leg_days, ratings, check_ins = habit_history(3, 3, unrecorded=2)
    summaries = summarise_leg_days(leg_days, day_values(ratings))
    comparisons = compare_habits(summaries, check_ins)
    # No other action was ever ticked; 8 h nights were 3 against 3. Biggest difference first.
    assert [c.key for c in comparisons] == ["foam_rolling_or_massage", SLEEP_KEY]
    massage = comparisons[0]
    assert (massage.with_count, massage.without_count) == (3, 3)  # unrecorded ones not counted
    # Days 1–3: 6 and 2 with massage (mean 4), 6, 4 and 4 without (mean 4 2/3).
    assert massage.with_soreness == pytest.approx(4.0)
    assert massage.without_soreness == pytest.approx(14 / 3)
    assert massage.soreness_lower == pytest.approx(2 / 3)
    assert (massage.with_days, massage.without_days) == (2, 4)
    assert (massage.with_days_count, massage.without_days_count) == (3, 3)
    assert massage.sentence() == (
        "Foam rolling or massage: on days 1–3 after the 3 leg days with it, soreness "
        "averaged 4.0, 0.7 lower than after the 3 without it (4.7); back to 2 or less by "
        "day 2.0 against 4.0 (3 and 3 leg days measured)."
    )
    sleep = comparisons[1]
    assert sleep.sentence().startswith(
        "Sleep of 8 h or more: on days 1–3 after the 3 leg days with it, soreness averaged "
        "4.4, about the same as after the 3 without it (4.2)"
    )
    assert "not proof" in COMPARISON_CAVEAT


def test_too_few_leg_days_on_a_side_show_no_comparison() -> None:
    leg_days, ratings, check_ins = habit_history(2, 5)
    summaries = summarise_leg_days(leg_days, day_values(ratings))
    comparisons = compare_habits(summaries, check_ins)
    assert "foam_rolling_or_massage" not in [c.key for c in comparisons]
    assert compare_habits((), ()) == ()


def test_a_leg_day_rated_only_on_its_own_day_does_not_count_in_a_trend() -> None:
    starts = [MONDAY, day(28), day(56)]
    ratings = [
        *recovering_in(5, starts[0]),
        *recovering_in(4, starts[1]),
        *recovering_in(3, starts[2]),
        *both_sides(day(70), "quadriceps", 1),  # the evening of a fourth quad day
    ]
    leg_days = [*map(quad_day, starts), quad_day(day(70))]
    trend = repeated_bout_trend(summarise_leg_days(leg_days, day_values(ratings)), "quadriceps")
    assert trend is not None and trend.dates == tuple(starts)
    assert trend.days_faster == pytest.approx(2.0)


def test_leg_days_not_recovered_before_the_next_count_and_show_a_slowdown() -> None:
    starts = [MONDAY, day(7), day(14), day(21), day(28)]
    ratings = [rating for start in starts[:3] for rating in recovering_in(3, start)]
    for start in starts[3:]:  # still at 6 on every rated day until the next leg day
        for offset in range(1, 6):
            ratings += both_sides(day(offset, start), "quadriceps", 6)
    leg_days = [*map(quad_day, starts), LegDay(date=day(35), exercises=("Calf raise",))]
    summaries = summarise_leg_days(leg_days, day_values(ratings))
    trend = repeated_bout_trend(summaries, "quadriceps", today=day(42))
    assert trend is not None
    assert trend.not_recovered == 2
    assert trend.days_faster < -SAME_SPEED_DAYS
    assert trend.weeks == 6  # the oldest of them, counted from today
    assert trend.sentence().startswith("Your quads recover about ")
    assert "days slower than 6 weeks ago (5 similar leg days, 2 of them not back to 2 or less" in (
        trend.sentence()
    )


def test_the_newest_leg_day_still_recovering_is_left_out() -> None:
    starts = [MONDAY, day(7), day(14), day(21)]
    ratings = [rating for start in starts[:3] for rating in recovering_in(3, start)]
    ratings += both_sides(day(1, starts[3]), "quadriceps", 7)  # yesterday's leg day
    summaries = summarise_leg_days(map(quad_day, starts), day_values(ratings))
    trend = repeated_bout_trend(summaries, "quadriceps")
    assert trend is not None and trend.dates == tuple(starts[:3])


def test_sentences_for_groups_named_in_the_singular() -> None:
    dates = (MONDAY, day(7), day(14))
    trend = BoutTrend("lower_back", (), dates, 1, 1.04, 0.0)
    assert trend.sentence() == (
        "Your lower back recovers about 1.0 days faster than 1 week ago (3 similar leg days)."
    )


# --- the pictures' numbers -------------------------------------------------------------


def test_a_mean_comes_with_its_95_percent_interval() -> None:
    interval = mean_interval([4.0, 5.0, 6.0])  # sd 1, t(2) = 4.303
    assert interval.mean == pytest.approx(5.0)
    assert (interval.low, interval.high) == pytest.approx((5 - 4.303 / 3**0.5, 5 + 4.303 / 3**0.5))
    assert interval.count == 3
    assert mean_interval([7.0]) == MeanInterval(7.0, 7.0, 7.0, 1)
    assert [t95(df) for df in (1, 2, 30, 35, 45, 100, 500)] == [
        12.706,
        4.303,
        2.042,
        2.042,  # between two tabulated values: the wider one
        2.021,
        2.000,
        1.980,
    ]


def test_a_trend_keeps_each_leg_days_recovery_and_its_line() -> None:
    starts = [MONDAY, day(7), day(14), day(21), day(28)]
    ratings = [rating for start in starts[:3] for rating in recovering_in(3, start)]
    for start in starts[3:]:
        for offset in range(1, 6):
            ratings += both_sides(day(offset, start), "quadriceps", 6)
    leg_days = [*map(quad_day, starts), LegDay(date=day(35), exercises=("Calf raise",))]
    trend = repeated_bout_trend(summarise_leg_days(leg_days, day_values(ratings)), "quadriceps")
    assert trend is not None
    # Not back to 2 or less before the next leg day: at least the day after the last rating.
    assert trend.recovery_days == (3, 3, 3, 6, 6)
    assert trend.at_least == (False, False, False, True, True)
    start, end = trend.line
    assert start - end == pytest.approx(trend.days_faster)
    assert (start, end) == pytest.approx((2.4, 6.0))


def test_habit_comparisons_carry_intervals_and_a_short_sentence() -> None:
    leg_days, ratings, check_ins = habit_history(3, 3, unrecorded=2)
    massage = compare_habits(summarise_leg_days(leg_days, day_values(ratings)), check_ins)[0]
    assert massage.with_soreness_interval is not None
    assert massage.with_soreness_interval.mean == pytest.approx(massage.with_soreness)
    assert massage.with_soreness_interval.count == 3
    assert massage.with_days_interval == MeanInterval(2.0, 2.0, 2.0, 3)  # always 2 days
    assert massage.short_sentence() == (
        "Foam rolling or massage: soreness 0.7 lower on days 1–3 with it; back to 2 or "
        "less by day 2.0 with it, 4.0 without."
    )


def test_each_leg_day_reads_only_its_own_check_ins() -> None:
    leg_days, ratings, check_ins = habit_history(4, 4)
    summaries = summarise_leg_days(leg_days, day_values(ratings))
    paired = habits_of_leg_days(summaries, check_ins)
    for index, (summary, habits) in enumerate(paired):
        following = paired[index + 1][0].leg_day.date if index + 1 < len(paired) else None
        assert habits == habits_after(summary.leg_day, following, check_ins)  # scanning all


# --- read from a journal: the whole history at once, or one leg day --------------------


def test_one_read_of_both_side_modes_gives_what_two_reads_give(tmp_path: Path) -> None:
    leg_days, ratings, _ = habit_history(3, 3)
    ratings += both_sides(day(2), "hamstrings", 5, 1)
    store = filled_store(tmp_path / "journal.sqlite3", Journal(tuple(leg_days), tuple(ratings)))
    first, last = MONDAY, day(60)
    mean, sorer = store.mean_and_sorer_values(first, last)
    assert mean == store.day_values(first, last, SideMode.MEAN)
    assert sorer == store.day_values(first, last, SideMode.MAX)
    assert mean[day(2)]["hamstrings"] == 3 and sorer[day(2)]["hamstrings"] == 5
    store.close()


def test_one_leg_day_recomputed_alone_is_what_the_whole_history_says(tmp_path: Path) -> None:
    leg_days, ratings, check_ins = habit_history(4, 3, unrecorded=1)
    journal = Journal(tuple(leg_days), tuple(ratings), tuple(check_ins))
    store = filled_store(tmp_path / "journal.sqlite3", journal)
    today = day(7 * len(leg_days) + 2)
    parts = history_insights(store, today)
    assert [part.summary.leg_day for part in parts] == sorted(leg_days, key=lambda d: d.date)
    for index, part in enumerate(parts):
        following = parts[index + 1].summary.leg_day.date if index + 1 < len(parts) else None
        assert leg_day_insight(store, part.summary.leg_day, following, today) == part
    insights = journal_insights(store, today)
    assert insights == insights_of(parts, today)
    # The same numbers as the pure functions give on the same records.
    summaries = summarise_leg_days(leg_days, day_values(ratings), day_values(ratings, SideMode.MAX))
    assert insights.summaries == summaries
    assert insights.habits == compare_habits(summaries, check_ins)
    store.close()
