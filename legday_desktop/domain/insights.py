"""What a user's own history says: recovery per leg day, its trend, and habits that go with it.

Pure functions over leg days, soreness values (see ``recovery.day_values``) and check-ins.
A leg day's window runs from its day until the day before the next leg day (at most
``recovery.MAX_DAYS_SHOWN`` days). Nothing here claims a cause: the comparisons are of
the user's own leg days, and say so.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction
from legday_desktop.domain.exercises import ExerciseMapping, group_loads
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.numbers import decimal
from legday_desktop.domain.recovery import (
    FIRST_DAY_AFTER,
    MAX_DAYS_SHOWN,
    RECOVERED_AT,
    TOTAL,
    DayValues,
    Series,
    days_after_only,
    peak_of,
    recovered_by,
    recovery_curve,
    series_label,
)
from legday_desktop.domain.wording import N_, _, inside_sentence, ngettext

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
# Groups named in the singular ("your lower back recovers").
SINGULAR_GROUPS = frozenset({"lower_back", "adductors"})
SLEEP_HOURS = 8.0
COMPARISON_CAVEAT = N_(
    "A comparison of your own leg days, not proof: other things differ between them too "
    "(the session, how hard it was, sleep, stress)."
)


@dataclass(frozen=True, slots=True)
class SeriesSummary:
    """Peak and recovery of one group (or the total) after one leg day, from day 1 on.

    Peak, area and the days 1–3 mean use the mean of a group's two sides; the days to
    recover use the sorer side, so a one-sided strain is never averaged away.
    """

    key: str
    peak: float | None  # None: not rated on any day after the leg day
    peak_day: int | None
    # The first rated day, from the peak on, with the sorer side at or below
    # RECOVERED_AT (for the total: every group, each at its last rated value);
    # None if that was not seen before the window ended.
    days_to_recover: int | None
    # Area under the curve (level × days, straight lines between rated days);
    # None when fewer than two days after were rated.
    area: float | None
    # The mean of the rated days 1–3 after: the sorest days, rated after most leg days.
    early_mean: float | None = None
    # The last day after the leg day that was rated (None: none was).
    last_rated_day: int | None = None

    @property
    def label(self) -> str:
        return series_label(self.key)


@dataclass(frozen=True, slots=True)
class RecoverySummary:
    """How one leg day's soreness went: each rated group, and all groups together."""

    leg_day: LegDay
    groups: tuple[SeriesSummary, ...]
    total: SeriesSummary
    window_closed: bool = True  # False for the newest leg day: it may still be recovering

    def of(self, key: str) -> SeriesSummary | None:
        """The summary for a group id, or TOTAL; None when the group was not rated."""
        if key == TOTAL:
            return self.total
        return next((summary for summary in self.groups if summary.key == key), None)


def area_under(points: Sequence[tuple[int, float]]) -> float | None:
    """Trapezoid area between consecutive rated days (gaps are bridged by a straight line)."""
    if len(points) < 2:
        return None
    return sum(
        (day_b - day_a) * (value_a + value_b) / 2
        for (day_a, value_a), (day_b, value_b) in itertools.pairwise(points)
    )


def summarise_series(series: Series[int], sorer_side: Series[int] | None = None) -> SeriesSummary:
    """The summary of one line; days to recover from ``sorer_side`` when given."""
    return _summarise(series.key, series.points, None if sorer_side is None else sorer_side.points)


def _summarise(
    key: str,
    points_from_0: Sequence[tuple[int, float]],
    sorer_points: Sequence[tuple[int, float]] | None,
) -> SeriesSummary:
    points = days_after_only(points_from_0)
    if not points:
        return SeriesSummary(key, None, None, None, None)
    peak_day, peak = peak_of(points)
    strict = days_after_only(sorer_points) if sorer_points is not None else points
    early = [value for day, value in points if EARLY_DAYS[0] <= day <= EARLY_DAYS[1]]
    return SeriesSummary(
        key,
        peak,
        peak_day,
        recovered_by(strict, peak_day),
        area_under(points),
        statistics.fmean(early) if early else None,
        points[-1][0],
    )


def _points_by_group(
    leg_day: LegDay, next_leg_day: dt.date | None, values: DayValues
) -> tuple[dict[str, list[tuple[int, float]]], list[int]]:
    """Each group's (day after, value) points in the leg day's window, and the rated days.

    What ``recovery_curve`` gives, without the lines' names: the sorer sides need no more.
    """
    end = MAX_DAYS_SHOWN
    if next_leg_day is not None:
        end = min(end, (next_leg_day - leg_day.date).days - 1)
    by_group: dict[str, list[tuple[int, float]]] = {}
    rated: list[int] = []
    for offset in range(end + 1):
        groups = values.get(leg_day.date + dt.timedelta(days=offset))
        if not groups:
            continue
        rated.append(offset)
        for group, value in groups.items():
            by_group.setdefault(group, []).append((offset, value))
    return by_group, rated


def _every_group_recovered(
    leg_day: LegDay, rated_days: Sequence[int], values: DayValues, from_day: int
) -> int | None:
    """The first rated day from ``from_day`` on with every group at or below RECOVERED_AT.

    Every group rated so far after the leg day counts, each at its last rated value: a
    group that was not rated again has not been seen to recover.
    """
    last_known: dict[str, float] = {}
    for offset in rated_days:
        last_known.update(values.get(leg_day.date + dt.timedelta(days=offset), {}))
        if offset >= from_day and max(last_known.values()) <= RECOVERED_AT:
            return offset
    return None


def summarise_leg_day(
    leg_day: LegDay,
    next_leg_day: dt.date | None,
    values: DayValues,
    sorer_sides: DayValues | None = None,
) -> RecoverySummary:
    """Peaks, recovery days and areas of ``leg_day``, for each group and in total.

    ``values`` hold the mean of each group's sides, ``sorer_sides`` the sorer side
    (see ``recovery.day_values``); without them the means decide recovery too.
    """
    curve = recovery_curve(leg_day, next_leg_day, values)
    strict: Mapping[str, Sequence[tuple[int, float]]]
    if sorer_sides is None:
        strict = {series.key: series.points for series in curve.groups}
        rated = [day for day, _ in curve.total.points]
    else:
        strict, rated = _points_by_group(leg_day, next_leg_day, sorer_sides)
    groups = tuple(
        _summarise(series.key, series.points, strict.get(series.key)) for series in curve.groups
    )
    total = summarise_series(curve.total)
    if total.peak_day is not None:
        rated_days = [day for day in rated if day >= FIRST_DAY_AFTER]
        recovered = _every_group_recovered(
            leg_day, rated_days, sorer_sides or values, total.peak_day
        )
        total = replace(total, days_to_recover=recovered)
    return RecoverySummary(leg_day, groups, total, window_closed=next_leg_day is not None)


def summarise_leg_days(
    leg_days: Iterable[LegDay], values: DayValues, sorer_sides: DayValues | None = None
) -> tuple[RecoverySummary, ...]:
    """A summary for every leg day, oldest first (see ``summarise_leg_day``)."""
    ordered = sorted(leg_days, key=lambda leg_day: leg_day.date)
    return tuple(
        summarise_leg_day(
            leg_day,
            ordered[index + 1].date if index + 1 < len(ordered) else None,
            values,
            sorer_sides,
        )
        for index, leg_day in enumerate(ordered)
    )


# --- repeated bouts ------------------------------------------------------------------


def main_groups(leg_day: LegDay) -> frozenset[str]:
    """The groups a session loaded most (at least half its largest load)."""
    return _main_groups_of(leg_day.exercises)


@functools.lru_cache(maxsize=4096)
def _main_groups_of(exercises: tuple[str, ...]) -> frozenset[str]:
    # Asked for every leg day of every trend: most users repeat a few sessions.
    loads = group_loads(exercises)
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
    weeks: int  # how many weeks ago the oldest of them was
    # Days to recover then minus now, from a straight line through the points:
    # positive means faster now. A leg day not back to 2 or less before the next one
    # counts with the day after its last rating (at least that long).
    days_faster: float
    # Peak then minus now, the same way: positive means less sore now.
    peak_lower: float
    not_recovered: int = 0  # how many of them were not back to 2 or less in their window
    # Per leg day: the days to recover as counted (the day after the last rating where it
    # was not seen), and whether that is only "at least".
    recovery_days: tuple[int, ...] = ()
    at_least: tuple[bool, ...] = ()
    # The least-squares line through (date, recovery_days) at the first and last date.
    line: tuple[float, float] = (0.0, 0.0)

    @property
    def label(self) -> str:
        return series_label(self.key)

    def sentence(self) -> str:
        """E.g. "Your quads recover about 1.5 days faster than 8 weeks ago (4 similar …)"."""
        if abs(self.days_faster) < SAME_SPEED_DAYS:
            change = _("about as fast as")
        else:
            days = decimal(f"{abs(self.days_faster):.1f}")
            faster = _("about {days} days faster than") if self.days_faster > 0 else None
            change = (faster or _("about {days} days slower than")).format(days=days)
        count = _("{count} similar leg days").format(count=len(self.dates))
        if self.not_recovered:
            count = _(
                "{similar}, {count} of them not back to 2 or less before the next leg day"
            ).format(similar=count, count=self.not_recovered)
        weeks = ngettext("{count} week", "{count} weeks", self.weeks).format(count=self.weeks)
        if self.key == TOTAL:
            sentence = _("Your legs recover {change} {weeks} ago ({leg_days}).")
        elif self.key in SINGULAR_GROUPS:
            sentence = _("Your {group} recovers {change} {weeks} ago ({leg_days}).")
        else:
            sentence = _("Your {group} recover {change} {weeks} ago ({leg_days}).")
        return sentence.format(
            group=inside_sentence(self.label), change=change, weeks=weeks, leg_days=count
        )


def _line_change(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The rise of the least-squares line from the first x to the last."""
    slope = statistics.linear_regression(xs, ys).slope
    return slope * (xs[-1] - xs[0])


def _line_ends(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """The least-squares line's values at the first and the last x."""
    slope, intercept = statistics.linear_regression(xs, ys)
    return intercept + slope * xs[0], intercept + slope * xs[-1]


def _recovery_days(summary: RecoverySummary, part: SeriesSummary) -> tuple[int, bool] | None:
    """Days to recover, and whether that is only "at least" (not recovered in the window).

    None while the newest leg day may still be recovering, or when nothing was rated.
    """
    if part.peak is None or part.last_rated_day is None:
        return None
    if part.days_to_recover is not None:
        return part.days_to_recover, False
    if not summary.window_closed:
        return None
    return part.last_rated_day + 1, True


def repeated_bout_trend(
    summaries: Sequence[RecoverySummary],
    key: str,
    *,
    weeks: int = TREND_WEEKS,
    today: dt.date | None = None,
) -> BoutTrend | None:
    """The trend of ``key`` over leg days similar to the newest one that loaded it.

    Uses the similar leg days of the last ``weeks`` weeks, or the newest
    MIN_SIMILAR_LEG_DAYS of them if fewer; None when there are not enough rated ones.
    "Weeks ago" counts from ``today`` (default: the newest of them).
    """
    # From the newest back, only as far as the trend looks: a long history costs no more.
    newest: LegDay | None = None
    since = dt.date.min
    alike: list[tuple[LegDay, SeriesSummary, int, bool]] = []  # newest first
    for summary in sorted(summaries, key=lambda s: s.leg_day.date, reverse=True):
        part = summary.of(key)
        if part is None or (key != TOTAL and key not in main_groups(summary.leg_day)):
            continue
        days = _recovery_days(summary, part)
        if days is None:
            continue
        if newest is None:
            newest = summary.leg_day
            since = newest.date - dt.timedelta(weeks=weeks)
            if not main_groups(newest):
                return None  # nothing is similar to a session of unknown exercises
        elif not similar(summary.leg_day, newest):
            continue
        if summary.leg_day.date < since and len(alike) >= MIN_SIMILAR_LEG_DAYS:
            break
        alike.append((summary.leg_day, part, *days))
    if len(alike) < MIN_SIMILAR_LEG_DAYS:
        return None
    alike.reverse()
    recent = [entry for entry in alike if entry[0].date >= since]
    chosen = recent if len(recent) >= MIN_SIMILAR_LEG_DAYS else alike[-MIN_SIMILAR_LEG_DAYS:]
    first = chosen[0][0].date
    xs = [float((leg_day.date - first).days) for leg_day, *_ in chosen]
    recover = [float(days) for _, _, days, _ in chosen]
    peaks = [float(part.peak or 0) for _, part, *_ in chosen]
    reference = today or chosen[-1][0].date
    return BoutTrend(
        key,
        tuple(part for _, part, *_ in chosen),
        tuple(leg_day.date for leg_day, *_ in chosen),
        max(1, round((reference - first).days / 7)),
        -_line_change(xs, recover),
        -_line_change(xs, peaks),
        sum(1 for *_, at_least in chosen if at_least),
        tuple(days for _, _, days, _ in chosen),
        tuple(at_least for *_, at_least in chosen),
        _line_ends(xs, recover),
    )


# --- habits ----------------------------------------------------------------------------

# Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom, then at 40, 60
# and 120 (each used from there on, which errs on the wide side), for a mean's interval.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_T95_FROM = ((120, 1.980), (60, 2.000), (40, 2.021))


def t95(degrees_of_freedom: int) -> float:
    """The two-sided 95 % quantile of Student's t (at least 1 degree of freedom)."""
    if degrees_of_freedom <= len(_T95):
        return _T95[max(degrees_of_freedom, 1) - 1]
    return next((t for at, t in _T95_FROM if degrees_of_freedom >= at), _T95[-1])


@dataclass(frozen=True, slots=True)
class MeanInterval:
    """The mean of some leg days' values, with its 95 % interval and how many there were.

    The interval is Student's t interval of a mean: where the mean of many more such leg
    days would likely lie, if they were like these. It says how sure the mean is, not
    how much any one leg day varies. With one value it is that value.
    """

    mean: float
    low: float
    high: float
    count: int


def mean_interval(values: Sequence[float]) -> MeanInterval:
    """The mean of ``values`` (at least one) and its 95 % interval."""
    mean = statistics.fmean(values)
    count = len(values)
    if count < 2:
        return MeanInterval(mean, mean, mean, count)
    # The sample standard deviation in floats (statistics.stdev is exact, and slow).
    spread = math.sqrt(math.fsum((value - mean) ** 2 for value in values) / (count - 1))
    half = t95(count - 1) * spread / math.sqrt(count)
    return MeanInterval(mean, mean - half, mean + half, len(values))


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
    # The same means with their 95 % intervals (None where the mean is None).
    with_soreness_interval: MeanInterval | None = None
    without_soreness_interval: MeanInterval | None = None
    with_days_interval: MeanInterval | None = None
    without_days_interval: MeanInterval | None = None

    @property
    def soreness_lower(self) -> float:
        """How much less sore the leg days with the habit were on days 1–3, on average."""
        return self.without_soreness - self.with_soreness

    def sentence(self) -> str:
        difference = self.soreness_lower
        if abs(difference) < SAME_SORENESS:
            how = _("about the same as")
        else:
            lower = _("{difference} lower than") if difference > 0 else None
            how = (lower or _("{difference} higher than")).format(
                difference=decimal(f"{abs(difference):.1f}")
            )
        text = _(
            "{habit}: on days 1–3 after the {with_count} leg days with it, soreness averaged "
            "{with_soreness}, {how} after the {without_count} without it ({without_soreness})"
        ).format(
            habit=self.label,
            with_count=self.with_count,
            with_soreness=decimal(f"{self.with_soreness:.1f}"),
            how=how,
            without_count=self.without_count,
            without_soreness=decimal(f"{self.without_soreness:.1f}"),
        )
        if self.with_days is not None and self.without_days is not None:
            text = _(
                "{comparison}; back to 2 or less by day {with_days} against {without_days} "
                "({with_count} and {without_count} leg days measured)"
            ).format(
                comparison=text,
                with_days=decimal(f"{self.with_days:.1f}"),
                without_days=decimal(f"{self.without_days:.1f}"),
                with_count=self.with_days_count,
                without_count=self.without_days_count,
            )
        return _("{sentence}.").format(sentence=text)

    def short_sentence(self) -> str:
        """E.g. "Foam rolling or massage: soreness 0.7 lower on days 1–3 with it; back to …"."""
        difference = self.soreness_lower
        if abs(difference) < SAME_SORENESS:
            how = _("soreness about the same on days 1–3 with it as without")
        else:
            lower = _("soreness {difference} lower on days 1–3 with it") if difference > 0 else None
            how = (lower or _("soreness {difference} higher on days 1–3 with it")).format(
                difference=decimal(f"{abs(difference):.1f}")
            )
        text = _("{habit}: {how}").format(habit=self.label, how=how)
        if self.with_days is not None and self.without_days is not None:
            text = _(
                "{comparison}; back to 2 or less by day {with_days} with it, {without_days} without"
            ).format(
                comparison=text,
                with_days=decimal(f"{self.with_days:.1f}"),
                without_days=decimal(f"{self.without_days:.1f}"),
            )
        return _("{sentence}.").format(sentence=text)


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
        return _("Sleep of 8 h or more")
    return RecoveryAction(key).label


Habits = Mapping[str, bool] | None


def habits_of_leg_days(
    summaries: Sequence[RecoverySummary], check_ins: Iterable[CheckIn]
) -> tuple[tuple[RecoverySummary, Habits], ...]:
    """Each leg day's summary, oldest first, with the habits after it (see ``habits_after``).

    Each leg day looks only at the check-ins of its own first days.
    """
    by_date: dict[dt.date, list[CheckIn]] = {}
    for check_in in check_ins:
        by_date.setdefault(check_in.date, []).append(check_in)
    ordered = sorted(summaries, key=lambda s: s.leg_day.date)
    result = []
    for index, summary in enumerate(ordered):
        following = ordered[index + 1].leg_day.date if index + 1 < len(ordered) else None
        start = summary.leg_day.date
        nearby = [
            check_in
            for offset in range(ACTION_WINDOW_DAYS + 1)
            for check_in in by_date.get(start + dt.timedelta(days=offset), ())
        ]
        result.append((summary, habits_after(summary.leg_day, following, nearby)))
    return tuple(result)


def habit_comparisons(
    leg_days: Iterable[tuple[RecoverySummary, Habits]], *, minimum: int = MIN_LEG_DAYS_EACH_SIDE
) -> tuple[ActionComparison, ...]:
    """Each habit's leg days with it against those without, in mean recovery.

    ``leg_days`` pair each leg day's summary with its habits (``habits_of_leg_days``).
    Only habits with at least ``minimum`` measured leg days on each side are compared;
    the others are left out altogether (too few to say anything).
    """
    sides: dict[str, dict[bool, list[SeriesSummary]]] = {}
    for summary, habits in leg_days:
        if summary.total.early_mean is None:
            continue
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
        with_soreness = [part.early_mean or 0 for part in with_]
        without_soreness = [part.early_mean or 0 for part in without]
        comparisons.append(
            ActionComparison(
                key,
                habit_label(key),
                len(with_),
                len(without),
                statistics.fmean(with_soreness),
                statistics.fmean(without_soreness),
                statistics.fmean(with_days) if measured else None,
                statistics.fmean(without_days) if measured else None,
                len(with_days),
                len(without_days),
                mean_interval(with_soreness),
                mean_interval(without_soreness),
                mean_interval(with_days) if measured else None,
                mean_interval(without_days) if measured else None,
            )
        )
    return tuple(sorted(comparisons, key=lambda c: -c.soreness_lower))


def compare_habits(
    summaries: Sequence[RecoverySummary],
    check_ins: Iterable[CheckIn],
    *,
    minimum: int = MIN_LEG_DAYS_EACH_SIDE,
) -> tuple[ActionComparison, ...]:
    """Each habit's leg days with it against those without (see ``habit_comparisons``)."""
    return habit_comparisons(habits_of_leg_days(summaries, check_ins), minimum=minimum)


# --- the forecast against the ratings ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ForecastCheck:
    """How the soreness forecast fared against the person's own ratings.

    ``with_sets`` counts the leg days with logged sets, ``rated`` those of them with a
    loaded muscle group rated on a day after (what the forecast learns from). From
    MIN_LEG_DAYS_FOR_ERROR of those, the latest (at most MAX_LEG_DAYS_HELD_OUT) are left
    out in turn: ``pairs`` holds each of their rated levels as (forecast from the other
    leg days, rating), and ``error`` the mean absolute difference; before that both are
    empty. ``NO_SETS_CHECKED`` is the check of a journal without sets.
    """

    with_sets: int = 0
    rated: int = 0
    held_out: int = 0  # leg days left out in turn
    pairs: tuple[tuple[float, float], ...] = ()
    error: float | None = None

    @property
    def within_one_level(self) -> float | None:
        """The share of ``pairs`` forecast within 1 level of the rating (None without pairs)."""
        if not self.pairs:
            return None
        return sum(1 for forecast, rating in self.pairs if abs(forecast - rating) <= 1) / len(
            self.pairs
        )

    def sentence(self) -> str:
        """What the check says, e.g. "Your forecast was off by 0.7 levels on average over …"."""
        if not self.with_sets:
            return _("No leg day has logged sets yet, so forecasts use the typical course.")
        from legday_desktop.domain.forecast import MIN_LEG_DAYS_FOR_ERROR

        if self.error is None:
            if not self.rated:
                sentence = _(
                    "Forecasts use the typical course until {needed} leg days have both logged "
                    "sets and ratings: you have none yet."
                )
            else:
                sentence = _(
                    "Forecasts stay close to the typical course until {needed} leg days have "
                    "both logged sets and ratings: you have {count}."
                )
            return sentence.format(needed=MIN_LEG_DAYS_FOR_ERROR, count=self.rated)
        sentence = (
            _(
                "Your forecast was off by {error} levels on average over your latest {count} "
                "leg days left out in turn, each forecast from your other leg days."
            )
            if self.held_out < self.rated
            else _(
                "Your forecast was off by {error} levels on average over {count} leg days left "
                "out in turn, each forecast from your other leg days."
            )
        )
        return sentence.format(error=decimal(f"{self.error:.1f}"), count=self.held_out)


NO_SETS_CHECKED = ForecastCheck()  # the check of a journal without sets


def forecast_check(
    leg_days: Sequence[LegDay],
    values: DayValues,
    mappings: Mapping[str, ExerciseMapping] | None = None,
) -> ForecastCheck:
    """The forecast checked against the ratings after ``leg_days``, each left out in turn.

    ``values`` are the groups' values (the mean of their rated sides) on the days after
    the leg days with sets; a journal without sets costs nothing.
    """
    with_sets = sum(1 for leg_day in leg_days if leg_day.sets)
    if not with_sets:
        return NO_SETS_CHECKED
    # Loaded only for a journal with sets: opening Insights need not wait for it.
    from legday_desktop.domain.forecast import (
        MAX_LEG_DAYS_HELD_OUT,
        MIN_LEG_DAYS_FOR_ERROR,
        leave_one_out,
        observations_from_values,
    )

    found = observations_from_values(leg_days, values, mappings)
    rated = len({one.leg_day for one in found})
    if rated < MIN_LEG_DAYS_FOR_ERROR:
        return ForecastCheck(with_sets, rated)
    held = leave_one_out(found)
    return ForecastCheck(
        with_sets,
        rated,
        min(rated, MAX_LEG_DAYS_HELD_OUT),
        tuple((one.predicted, one.level) for one in held),
        # As ``forecast.leave_one_out_error`` sums them, for the same figure.
        sum(one.error for one in held) / len(held),
    )
