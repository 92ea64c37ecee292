"""Data shaping for the charts, on small hand-made journals with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    TOTAL,
    TYPICAL_COURSE,
    SideMode,
    TimeRange,
    compare_leg_days,
    day_values,
    recovery_curve,
    summarise,
    timeline,
)
from legday_desktop.domain.soreness import SorenessRating

D = dt.date
LEG_DAY = LegDay(D(2026, 3, 2), "Squats", ("Squat",))


def r(day: int, region: str, level: int) -> SorenessRating:
    return SorenessRating(D(2026, 3, day), region, level)


RATINGS = [
    r(2, "quadriceps.left", 1),
    r(2, "quadriceps.right", 2),
    r(3, "quadriceps.left", 6),
    r(3, "quadriceps.right", 8),
    r(3, "glutes.left", 4),  # one side only: that side is the value
    # 4 March: nothing rated — a gap, not a zero
    r(5, "quadriceps.left", 2),
    r(5, "quadriceps.right", 2),
    r(5, "glutes.left", 0),
    r(5, "glutes.right", 0),
]


def test_sides_combine_by_mean_or_max_and_unrated_sides_do_not_count() -> None:
    mean = day_values(RATINGS)
    assert mean[D(2026, 3, 3)] == {"quadriceps": 7.0, "glutes": 4.0}
    maximum = day_values(RATINGS, SideMode.MAX)
    assert maximum[D(2026, 3, 3)] == {"quadriceps": 8.0, "glutes": 4.0}
    assert D(2026, 3, 4) not in mean


def test_recovery_curve_aligns_on_days_after_with_gaps_and_total() -> None:
    curve = recovery_curve(LEG_DAY, D(2026, 3, 9), day_values(RATINGS))
    quads = next(s for s in curve.groups if s.key == "quadriceps")
    glutes = next(s for s in curve.groups if s.key == "glutes")
    assert [s.key for s in curve.groups] == ["quadriceps", "glutes"]  # catalogue order
    assert quads.points == ((0, 1.5), (1, 7.0), (3, 2.0))  # day 2 missing: a gap
    assert glutes.points == ((1, 4.0), (3, 0.0))
    assert curve.total.points == ((0, 1.5), (1, 5.5), (3, 1.0))  # mean of rated groups
    assert curve.peak == 7.0
    assert curve.last_day == 7  # the axis always reaches day 7


def test_ratings_after_the_next_leg_day_belong_to_it() -> None:
    curve = recovery_curve(LEG_DAY, D(2026, 3, 5), day_values(RATINGS))
    assert curve.total.points == ((0, 1.5), (1, 5.5))
    later = recovery_curve(LEG_DAY, None, day_values([*RATINGS, r(14, "calves.left", 3)]))
    assert later.last_day == 12  # soreness rated on day 12 stretches the axis


def test_empty_curve() -> None:
    curve = recovery_curve(LEG_DAY, None, {})
    assert curve.is_empty and curve.peak is None


def test_summary_peak_and_days_to_recover() -> None:
    curve = recovery_curve(LEG_DAY, None, day_values(RATINGS))
    quads = next(s for s in curve.groups if s.key == "quadriceps")
    summary = summarise(LEG_DAY, quads)
    assert (summary.peak, summary.peak_day, summary.days_to_recover) == (7.0, 1, 3)
    never = summarise(LEG_DAY, type(quads)("x", "x", ((0, 3.0), (1, 5.0))))
    assert never.days_to_recover is None


def test_compare_takes_the_last_n_leg_days_up_to_a_date() -> None:
    leg_days = [LegDay(D(2026, 3, day)) for day in (2, 9, 16, 23)]
    ratings = [
        r(3, "calves.left", 8),
        r(4, "calves.left", 2),
        r(10, "calves.left", 6),
        r(12, "calves.left", 1),
        r(17, "calves.left", 4),
        r(18, "calves.left", 2),
        r(24, "calves.left", 9),
    ]
    comparison = compare_leg_days(leg_days, day_values(ratings), "calves", 3, D(2026, 3, 20))
    assert [s.label for s in comparison.series] == ["2 Mar 2026", "9 Mar 2026", "16 Mar 2026"]
    assert [(x.peak, x.peak_day, x.days_to_recover) for x in comparison.summaries] == [
        (8.0, 1, 2),
        (6.0, 1, 3),
        (4.0, 1, 2),
    ]
    total = compare_leg_days(leg_days, day_values(ratings), TOTAL, 6, D(2026, 3, 31))
    assert len(total.series) == 4 and total.label == "Average of all groups"
    missing = compare_leg_days(leg_days, day_values(ratings), "glutes", 2, D(2026, 3, 31))
    assert all(not s.points for s in missing.series)
    assert all(x.peak is None for x in missing.summaries)


def test_timeline_of_groups_and_total_with_leg_days_in_range() -> None:
    values = day_values(RATINGS)
    result = timeline(
        values,
        [LEG_DAY, LegDay(D(2026, 4, 1))],
        ["quadriceps", TOTAL],
        D(2026, 3, 1),
        D(2026, 3, 31),
    )
    quads, total = result.series
    assert quads.points == ((D(2026, 3, 2), 1.5), (D(2026, 3, 3), 7.0), (D(2026, 3, 5), 2.0))
    assert total.points[1] == (D(2026, 3, 3), 5.5)
    assert result.leg_days == (LEG_DAY,)


@pytest.mark.parametrize(
    ("time_range", "days"),
    [(TimeRange.FOUR_WEEKS, 28), (TimeRange.THREE_MONTHS, 91), (TimeRange.YEAR, 365)],
)
def test_time_ranges(time_range: TimeRange, days: int) -> None:
    end = D(2026, 11, 25)
    assert (end - time_range.start(end, None)).days == days - 1
    assert TimeRange.ALL.start(end, D(2020, 1, 1)) == D(2020, 1, 1)


def test_typical_course_rises_peaks_and_fades() -> None:
    course = TYPICAL_COURSE
    assert course.days == tuple(range(8))
    assert all(low <= high for low, high in zip(course.low, course.high, strict=True))
    assert max(course.high) == 1.0 and course.high.index(1.0) in (1, 2)
    assert course.high[0] < course.high[1] and course.high[7] <= 0.1
    assert "Cheung" in course.source
