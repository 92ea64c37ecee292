"""What a user's own history says: recovery per leg day, its trend, and habits that go with it.

Pure functions over leg days, soreness values (see ``recovery.day_values``) and check-ins.
A leg day's window runs from its day until the day before the next leg day (at most
``recovery.MAX_DAYS_SHOWN`` days). Nothing here claims a cause: the comparisons are of
the user's own leg days, and say so.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction
from legday_desktop.domain.exercises import group_loads
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    RECOVERED_AT,
    TOTAL,
    DayValues,
    Series,
    peak_of,
    recovered_by,
    recovery_curve,
    series_label,
)

# A group is a "main" group of a session when it gets at least this share of the
# session's largest load.
MAIN_GROUP_SHARE = 0.5
# A comparison is shown only when each side has at least this many leg days.
MIN_LEG_DAYS_EACH_SIDE = 3
# A trend needs this many similar leg days, and looks back this far.
MIN_SIMILAR_LEG_DAYS = 3
TREND_WEEKS = 8
# Below this change (days) the trend reads "about as fast".
SAME_SPEED_DAYS = 0.5
# The days after a leg day whose check-ins count for it, and whose soreness is compared
# (the sorest ones, which most users rate).
ACTION_WINDOW_DAYS = 3
EARLY_DAYS = (1, 3)
# Below this difference (levels) two sides read "about the same".
SAME_SORENESS = 0.3
SLEEP_KEY = "sleep_8h"
SLEEP_HOURS = 8.0
COMPARISON_CAVEAT = (
    "A comparison of your own leg days, not proof: other things differ between them too "
    "(the session, how hard it was, sleep, stress)."
)


@dataclass(frozen=True, slots=True)
class SeriesSummary:
    """Peak and recovery of one group (or the total) after one leg day."""

    key: str
    peak: float | None
    peak_day: int | None
    # The first rated day, from the peak on, at or below RECOVERED_AT (for the total:
    # the first such day on which every rated group is); None if not within the window.
    days_to_recover: int | None
    # Area under the curve (level × days, straight lines between rated days).
    area: float
    # The mean of the rated days 1–3 after: the sorest days, rated after most leg days.
    early_mean: float | None = None

    @property
    def label(self) -> str:
        return series_label(self.key)


@dataclass(frozen=True, slots=True)
class RecoverySummary:
    """How one leg day's soreness went: each rated group, and all groups together."""

    leg_day: LegDay
    groups: tuple[SeriesSummary, ...]
    total: SeriesSummary

    def of(self, key: str) -> SeriesSummary | None:
        """The summary for a group id, or TOTAL; None when the group was not rated."""
        if key == TOTAL:
            return self.total
        return next((summary for summary in self.groups if summary.key == key), None)


def area_under(points: Sequence[tuple[int, float]]) -> float:
    """Trapezoid area between consecutive rated days (gaps are bridged by a straight line)."""
    return sum(
        (day_b - day_a) * (value_a + value_b) / 2
        for (day_a, value_a), (day_b, value_b) in itertools.pairwise(points)
    )


def summarise_series(series: Series[int]) -> SeriesSummary:
    points = series.points
    if not points:
        return SeriesSummary(series.key, None, None, None, 0.0)
    peak_day, peak = peak_of(points)
    early = [value for day, value in points if EARLY_DAYS[0] <= day <= EARLY_DAYS[1]]
    return SeriesSummary(
        series.key,
        peak,
        peak_day,
        recovered_by(points, peak_day),
        area_under(points),
        statistics.fmean(early) if early else None,
    )


def summarise_leg_day(
    leg_day: LegDay, next_leg_day: dt.date | None, values: DayValues
) -> RecoverySummary:
    """Peaks, recovery days and areas of ``leg_day``, for each group and in total."""
    curve = recovery_curve(leg_day, next_leg_day, values)
    groups = tuple(summarise_series(series) for series in curve.groups)
    total = summarise_series(curve.total)
    every_group_recovered = None
    if total.peak_day is not None:
        for offset, _ in curve.total.points:  # the rated days of this leg day's window
            day_values = values[leg_day.date + dt.timedelta(days=offset)]
            if offset >= total.peak_day and max(day_values.values()) <= RECOVERED_AT:
                every_group_recovered = offset
                break
    total = replace(total, days_to_recover=every_group_recovered)
    return RecoverySummary(leg_day, groups, total)


def summarise_leg_days(
    leg_days: Iterable[LegDay], values: DayValues
) -> tuple[RecoverySummary, ...]:
    """A summary for every leg day, oldest first."""
    ordered = sorted(leg_days, key=lambda leg_day: leg_day.date)
    return tuple(
        summarise_leg_day(
            leg_day, ordered[index + 1].date if index + 1 < len(ordered) else None, values
        )
        for index, leg_day in enumerate(ordered)
    )


# --- repeated bouts ------------------------------------------------------------------


def main_groups(leg_day: LegDay) -> frozenset[str]:
    """The groups a session loaded most (at least half its largest load)."""
    loads = group_loads(leg_day.exercises)
    if not loads:
        return frozenset()
    most = max(loads.values())
    return frozenset(group for group, load in loads.items() if load >= MAIN_GROUP_SHARE * most)


def similar(first: LegDay, second: LegDay) -> bool:
    """Two sessions are similar when they loaded the same main groups (and some at all)."""
    groups = main_groups(first)
    return bool(groups) and groups == main_groups(second)


@dataclass(frozen=True, slots=True)
class BoutTrend:
    """How recovery of one group changed over similar leg days, oldest first."""

    key: str
    summaries: tuple[SeriesSummary, ...]
    dates: tuple[dt.date, ...]
    weeks: int  # how far back the comparison reaches
    # Days to recover then minus now, from a straight line through the points:
    # positive means faster now.
    days_faster: float
    # Peak then minus now, the same way: positive means less sore now.
    peak_lower: float

    @property
    def label(self) -> str:
        return series_label(self.key)

    def sentence(self) -> str:
        """E.g. "Your quads recover about 1.5 days faster than 8 weeks ago (4 similar …)"."""
        what = self.label.lower() if self.key != TOTAL else "legs"
        if abs(self.days_faster) < SAME_SPEED_DAYS:
            change = "about as fast as"
        else:
            speed = "faster" if self.days_faster > 0 else "slower"
            change = f"about {abs(self.days_faster):.1f} days {speed} than"
        return (
            f"Your {what} recover {change} {self.weeks} weeks ago "
            f"({len(self.dates)} similar leg days)."
        )


def _line_change(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The rise of the least-squares line from the first x to the last."""
    slope = statistics.linear_regression(xs, ys).slope
    return slope * (xs[-1] - xs[0])


def repeated_bout_trend(
    summaries: Sequence[RecoverySummary], key: str, *, weeks: int = TREND_WEEKS
) -> BoutTrend | None:
    """The trend of ``key`` over leg days similar to the newest one that loaded it.

    Uses the similar leg days of the last ``weeks`` weeks, or the newest
    MIN_SIMILAR_LEG_DAYS of them if fewer; None when there are not enough with a
    measured recovery.
    """
    measured = [
        (summary.leg_day, part)
        for summary in sorted(summaries, key=lambda s: s.leg_day.date)
        if (part := summary.of(key)) is not None and part.days_to_recover is not None
    ]
    if key != TOTAL:
        measured = [(leg_day, part) for leg_day, part in measured if key in main_groups(leg_day)]
    if not measured:
        return None
    newest = measured[-1][0]
    alike = [(leg_day, part) for leg_day, part in measured if similar(leg_day, newest)]
    if len(alike) < MIN_SIMILAR_LEG_DAYS:
        return None
    since = newest.date - dt.timedelta(weeks=weeks)
    recent = [(leg_day, part) for leg_day, part in alike if leg_day.date >= since]
    chosen = recent if len(recent) >= MIN_SIMILAR_LEG_DAYS else alike[-MIN_SIMILAR_LEG_DAYS:]
    xs = [float((leg_day.date - chosen[0][0].date).days) for leg_day, _ in chosen]
    recover = [float(part.days_to_recover or 0) for _, part in chosen]
    peaks = [float(part.peak or 0) for _, part in chosen]
    return BoutTrend(
        key,
        tuple(part for _, part in chosen),
        tuple(leg_day.date for leg_day, _ in chosen),
        max(1, round(xs[-1] / 7)),
        -_line_change(xs, recover),
        -_line_change(xs, peaks),
    )


# --- habits ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionComparison:
    """Leg days after which a habit was logged, against those after which it was not."""

    key: str  # a RecoveryAction value, or SLEEP_KEY
    label: str
    with_count: int  # leg days with soreness rated on days 1–3
    without_count: int
    with_soreness: float  # mean soreness (all groups) on days 1–3
    without_soreness: float
    # Mean days until every group was back to 2 or less, where that was measured on
    # enough leg days on both sides (else None), and on how many.
    with_days: float | None = None
    without_days: float | None = None
    with_days_count: int = 0
    without_days_count: int = 0

    @property
    def soreness_lower(self) -> float:
        """How much less sore the leg days with the habit were on days 1–3, on average."""
        return self.without_soreness - self.with_soreness

    def sentence(self) -> str:
        difference = self.soreness_lower
        if abs(difference) < SAME_SORENESS:
            how = "about the same as"
        else:
            how = f"{abs(difference):.1f} {'lower' if difference > 0 else 'higher'} than"
        text = (
            f"{self.label}: on days 1–3 after the {self.with_count} leg days with it, "
            f"soreness averaged {self.with_soreness:.1f}, {how} after the "
            f"{self.without_count} without it ({self.without_soreness:.1f})"
        )
        if self.with_days is not None and self.without_days is not None:
            text += (
                f"; back to 2 or less by day {self.with_days:.1f} against "
                f"{self.without_days:.1f} ({self.with_days_count} and "
                f"{self.without_days_count} leg days measured)"
            )
        return text + "."


def habits_after(
    leg_day: LegDay, next_leg_day: dt.date | None, check_ins: Iterable[CheckIn]
) -> dict[str, bool] | None:
    """Which habits the check-ins of the leg day's first days record (None: no check-in).

    Actions are True when ticked on any of those days; sleep is True when the nights
    recorded average 8 hours or more (absent when no night was recorded).
    """
    last = leg_day.date + dt.timedelta(days=ACTION_WINDOW_DAYS)
    if next_leg_day is not None:
        last = min(last, next_leg_day - dt.timedelta(days=1))
    window = [c for c in check_ins if leg_day.date <= c.date <= last]
    if not window:
        return None
    habits = {
        action.value: any(action in check_in.actions for check_in in window)
        for action in RecoveryAction
    }
    nights = [c.sleep_hours for c in window if c.sleep_hours is not None]
    if nights:
        habits[SLEEP_KEY] = statistics.fmean(nights) >= SLEEP_HOURS
    return habits


def habit_label(key: str) -> str:
    if key == SLEEP_KEY:
        return "Sleep of 8 h or more"
    return RecoveryAction(key).label


def compare_habits(
    summaries: Sequence[RecoverySummary],
    check_ins: Iterable[CheckIn],
    *,
    minimum: int = MIN_LEG_DAYS_EACH_SIDE,
) -> tuple[ActionComparison, ...]:
    """Each habit's leg days with it against those without, in mean recovery.

    Only habits with at least ``minimum`` measured leg days on each side are compared;
    the others are left out altogether (too few to say anything).
    """
    check_ins = tuple(check_ins)
    ordered = sorted(summaries, key=lambda s: s.leg_day.date)
    sides: dict[str, dict[bool, list[SeriesSummary]]] = {}
    for index, summary in enumerate(ordered):
        if summary.total.early_mean is None:
            continue
        following = ordered[index + 1].leg_day.date if index + 1 < len(ordered) else None
        habits = habits_after(summary.leg_day, following, check_ins)
        for key, done in (habits or {}).items():
            sides.setdefault(key, {True: [], False: []})[done].append(summary.total)
    comparisons = []
    for key in [*(action.value for action in RecoveryAction), SLEEP_KEY]:
        with_, without = sides.get(key, {True: [], False: []}).values()
        if len(with_) < minimum or len(without) < minimum:
            continue
        with_days = [part.days_to_recover for part in with_ if part.days_to_recover is not None]
        without_days = [
            part.days_to_recover for part in without if part.days_to_recover is not None
        ]
        measured = len(with_days) >= minimum and len(without_days) >= minimum
        comparisons.append(
            ActionComparison(
                key,
                habit_label(key),
                len(with_),
                len(without),
                statistics.fmean(part.early_mean or 0 for part in with_),
                statistics.fmean(part.early_mean or 0 for part in without),
                statistics.fmean(with_days) if measured else None,
                statistics.fmean(without_days) if measured else None,
                len(with_days),
                len(without_days),
            )
        )
    return tuple(sorted(comparisons, key=lambda c: -c.soreness_lower))
