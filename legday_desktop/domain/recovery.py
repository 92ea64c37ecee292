"""Shaping soreness for charts: group values per day, recovery curves, comparisons, timelines.

A group's value on a day is the mean (or, if asked, the max) of its rated sides; a side
that was not rated does not count as 0. The total of a day is the mean of its rated
groups. Days nobody rated are absent, so a chart draws a gap there, never a zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import GROUP_IDS, group_by_id
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import N_, _, day_month_year

TOTAL = "total"
RECOVERED_AT = 2  # a group at or below this level counts as recovered
FIRST_DAY_AFTER = 1  # peaks and recovery are read from the day after the leg day on
MIN_DAYS_SHOWN = 7
MAX_DAYS_SHOWN = 28
# Soreness after a leg day is gone within about 5–7 days (facts/doms.md); past this many
# days, today is no longer "day N after" it for the person, though its ratings still are.
RECOVERY_WINDOW_DAYS = 10

DayValues = dict[dt.date, dict[str, float]]


class SideMode(StrEnum):
    """How the two sides of a group make one value."""

    MEAN = "mean"
    MAX = "max"


def combine_sides(levels: Sequence[int], mode: SideMode) -> float:
    return float(max(levels)) if mode is SideMode.MAX else sum(levels) / len(levels)


def day_values(ratings: Iterable[SorenessRating], mode: SideMode = SideMode.MEAN) -> DayValues:
    """For each rated day, each rated group's value (mean or max of its rated sides)."""
    sides: dict[dt.date, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for rating in ratings:
        sides[rating.date][rating.region_id.split(".")[0]].append(rating.level)
    return {
        date: {group: combine_sides(levels, mode) for group, levels in groups.items()}
        for date, groups in sides.items()
    }


def total_of(groups: dict[str, float]) -> float:
    """The day's total: the mean of its rated groups."""
    return sum(groups.values()) / len(groups)


def series_label(key: str) -> str:
    """How a series is named on screen: the group's name, or what TOTAL is (the id stays)."""
    return _("Average of all groups") if key == TOTAL else group_by_id(key).name


X = TypeVar("X", int, dt.date)


@dataclass(frozen=True, slots=True)
class Series(Generic[X]):
    """One line of a chart: ``(x, value)`` points in order, x a day-after number or a date."""

    key: str
    label: str
    points: tuple[tuple[X, float], ...]

    @property
    def peak(self) -> float | None:
        return max((value for _, value in self.points), default=None)


@dataclass(frozen=True, slots=True)
class TypicalCourse:
    """The usual DOMS course as a share of the peak (0–1) per day after, low and high edge."""

    days: tuple[int, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    source: str


# Onset within about a day, peak 24–72 h, gone within about 5–7 days
# (Cheung, Hume & Maxwell, Sports Medicine 33(2), 2003; see shared facts, doms.md).
TYPICAL_COURSE = TypicalCourse(
    days=(0, 1, 2, 3, 4, 5, 6, 7),
    low=(0.0, 0.45, 0.6, 0.35, 0.15, 0.0, 0.0, 0.0),
    high=(0.4, 1.0, 1.0, 0.95, 0.65, 0.4, 0.25, 0.1),
    source=N_(
        "Typical DOMS course: rises over day 1, peaks on days 1–3, fades by days 5–7 "
        "(Cheung et al., Sports Medicine 2003)"
    ),
)


@dataclass(frozen=True, slots=True)
class ForecastLine:
    """A forecast drawn with a recovery curve: per day after, the level and its range.

    ``points`` are (day, level, low, high); ``label`` says what it rests on.
    """

    label: str
    points: tuple[tuple[int, float, float, float], ...]


@dataclass(frozen=True, slots=True)
class RecoveryCurve:
    """One leg day's soreness by day after: a line per rated group, and the total.

    ``forecast``, when the leg day has logged sets, is what its load predicts.
    """

    leg_day: LegDay
    groups: tuple[Series[int], ...]
    total: Series[int]
    last_day: int
    forecast: ForecastLine | None = None

    @property
    def is_empty(self) -> bool:
        return not self.total.points

    @property
    def peak(self) -> float | None:
        return max((s.peak for s in self.groups if s.peak is not None), default=None)


def _window_end(leg_day: LegDay, next_leg_day: dt.date | None) -> int:
    """The last day after ``leg_day`` that belongs to it (capped)."""
    if next_leg_day is None:
        return MAX_DAYS_SHOWN
    return min(MAX_DAYS_SHOWN, (next_leg_day - leg_day.date).days - 1)


def recovery_curve(
    leg_day: LegDay, next_leg_day: dt.date | None, values: DayValues
) -> RecoveryCurve:
    """The curve of ``leg_day`` from its days' values, up to the day before the next one.

    The x axis runs 0…7, further when soreness was rated later than day 7.
    """
    end = _window_end(leg_day, next_leg_day)
    by_group: dict[str, list[tuple[int, float]]] = defaultdict(list)
    total: list[tuple[int, float]] = []
    last_rated = 0
    for offset in range(end + 1):
        groups = values.get(leg_day.date + dt.timedelta(days=offset))
        if not groups:
            continue
        last_rated = offset
        for group, value in groups.items():
            by_group[group].append((offset, value))
        total.append((offset, total_of(groups)))
    series = tuple(
        Series(group, series_label(group), tuple(by_group[group]))
        for group in GROUP_IDS
        if group in by_group
    )
    return RecoveryCurve(
        leg_day,
        series,
        Series(TOTAL, series_label(TOTAL), tuple(total)),
        max(MIN_DAYS_SHOWN, last_rated),
    )


@dataclass(frozen=True, slots=True)
class LegDaySummary:
    """Peak and recovery of one leg day for one group or the total."""

    leg_day: LegDay
    peak: float | None
    peak_day: int | None
    days_to_recover: int | None  # see recovered_by


def peak_of(points: Sequence[tuple[int, float]]) -> tuple[int, float]:
    """The highest point (day, value); the earliest of equal ones."""
    return max(points, key=lambda point: (point[1], -point[0]))


def recovered_by(points: Sequence[tuple[int, float]], peak_day: int) -> int | None:
    """The first rated day, from the peak on, at or below RECOVERED_AT (None: not yet)."""
    return next((day for day, value in points if day >= peak_day and value <= RECOVERED_AT), None)


def days_after_only(points: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """The points from day 1 on.

    Soreness on the leg day itself is the previous session's: delayed-onset soreness
    starts some 12–24 hours after training.
    """
    return [point for point in points if point[0] >= FIRST_DAY_AFTER]


def summarise(leg_day: LegDay, series: Series[int]) -> LegDaySummary:
    points = days_after_only(series.points)
    if not points:
        return LegDaySummary(leg_day, None, None, None)
    peak_day, peak = peak_of(points)
    return LegDaySummary(leg_day, peak, peak_day, recovered_by(points, peak_day))


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several leg days aligned on days after, oldest first, for one group or the total."""

    key: str
    label: str
    series: tuple[Series[int], ...]
    summaries: tuple[LegDaySummary, ...]
    last_day: int
    note: str = ""  # e.g. how recovery changed over similar leg days (services.insights)


def compare_leg_days(
    leg_days: Sequence[LegDay], values: DayValues, key: str, count: int, up_to: dt.date
) -> Comparison:
    """The last ``count`` leg days on or before ``up_to``, for group ``key`` or TOTAL."""
    ordered = sorted(leg_days, key=lambda leg_day: leg_day.date)
    chosen_index = [i for i, leg_day in enumerate(ordered) if leg_day.date <= up_to][-count:]
    series: list[Series[int]] = []
    summaries: list[LegDaySummary] = []
    last_day = MIN_DAYS_SHOWN
    for index in chosen_index:
        leg_day = ordered[index]
        following = ordered[index + 1].date if index + 1 < len(ordered) else None
        curve = recovery_curve(leg_day, following, values)
        line = (
            curve.total
            if key == TOTAL
            else next((s for s in curve.groups if s.key == key), Series(key, series_label(key), ()))
        )
        series.append(Series(key, day_month_year(leg_day.date), line.points))
        summaries.append(summarise(leg_day, line))
        if line.points:
            last_day = max(last_day, line.points[-1][0])
    return Comparison(key, series_label(key), tuple(series), tuple(summaries), last_day)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Values against calendar dates for some groups (and/or the total), with leg days."""

    start: dt.date
    end: dt.date
    series: tuple[Series[dt.date], ...]
    leg_days: tuple[LegDay, ...]


class TimeRange(StrEnum):
    """How far back a timeline reaches."""

    FOUR_WEEKS = "4 weeks"
    THREE_MONTHS = "3 months"
    YEAR = "year"
    ALL = "all"

    def start(self, end: dt.date, first: dt.date | None) -> dt.date:
        days = {"4 weeks": 28, "3 months": 91, "year": 365}.get(self.value)
        if days is None:
            return first or end - dt.timedelta(days=28)
        return end - dt.timedelta(days=days - 1)


def timeline(
    values: DayValues,
    leg_days: Iterable[LegDay],
    keys: Sequence[str],
    start: dt.date,
    end: dt.date,
) -> Timeline:
    """Series for ``keys`` (group ids or TOTAL) over ``start``…``end``, and its leg days."""
    dates = sorted(date for date in values if start <= date <= end)
    series = []
    for key in keys:
        if key == TOTAL:
            points = tuple((date, total_of(values[date])) for date in dates)
        else:
            points = tuple((date, values[date][key]) for date in dates if key in values[date])
        series.append(Series(key, series_label(key), points))
    shown = tuple(leg_day for leg_day in leg_days if start <= leg_day.date <= end)
    return Timeline(start, end, tuple(series), shown)
