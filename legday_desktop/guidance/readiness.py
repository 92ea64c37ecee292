"""Readiness: when each muscle group is likely back to 2 or less, as a range, or honestly none.

No date on days 0–1 (soreness may still be coming), none for a group at 7 or more or
still rising, none while an alert stands for it or any urgent warning stands. Otherwise
the range is the typical DOMS course scaled to the group's latest level, moved later if
the person's own earlier leg days took longer: never earlier than the typical course
allows for the current level.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from legday_desktop.domain.recovery import (
    FIRST_DAY_AFTER,
    RECOVERED_AT,
    TYPICAL_COURSE,
    DayValues,
    recovery_curve,
    series_label,
    summarise,
)
from legday_desktop.domain.regions import GROUP_IDS, group_by_id
from legday_desktop.guidance.alerts import Alert
from legday_desktop.guidance.context import AdviceContext

COMPARABLE_NEEDED = 3
COMPARABLE_USED = 5
EARLIEST_DAY = 2  # before day 2 soreness may still be coming: no date yet
TOO_SORE = 7  # at 7 or more no date is honest


@dataclass(frozen=True, slots=True)
class Readiness:
    """When a muscle group is likely back to 2 or less, and what the estimate rests on.

    ``ready_between`` is the likely range (first, last), both None when no honest date
    can be given; ``basis`` then says why.
    """

    group: str
    ready_between: tuple[dt.date, dt.date] | None
    basis: str

    @property
    def ready_on(self) -> dt.date | None:
        """The first likely day (None: no honest date)."""
        return None if self.ready_between is None else self.ready_between[0]

    @property
    def label(self) -> str:
        return series_label(self.group)


def readiness(context: AdviceContext, alerts: Sequence[Alert]) -> tuple[Readiness, ...]:
    """For each muscle group rated since the leg day: the range it is likely back to ≤ 2."""
    leg_day = context.leg_day
    if leg_day is None:
        return ()
    # From the day after the leg day on, as peaks and recovery are read everywhere: a 0 on
    # the training day says nothing of the soreness still to come.
    first = leg_day.date + dt.timedelta(days=FIRST_DAY_AFTER)
    window: dict[dt.date, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for rating in context.ratings:
        if first <= rating.date <= context.date:
            window[rating.date][rating.region_id.split(".")[0]].append(rating.level)
    # The sorer side decides: one leg still sore is not ready because the other is.
    values = {
        date: {group: float(max(levels)) for group, levels in groups.items()}
        for date, groups in window.items()
    }
    rated = {group for groups in values.values() for group in groups}
    urgent = any(alert.is_urgent for alert in alerts)
    alerted = {group for alert in alerts for group in alert.groups}
    results = []
    for group in (g for g in GROUP_IDS if g in rated and not group_by_id(g).is_joint):
        points = sorted((date, day[group]) for date, day in values.items() if group in day)
        results.append(_group_readiness(context, group, points, urgent, group in alerted))
    return tuple(results)


def _group_readiness(
    context: AdviceContext,
    group: str,
    points: list[tuple[dt.date, float]],
    urgent: bool,
    alerted: bool,
) -> Readiness:
    assert context.leg_day is not None
    latest_date, latest = points[-1]
    previous = points[-2][1] if len(points) >= 2 else None
    peak = max(value for _, value in points)
    day = context.day_of(latest_date)

    def none(basis: str) -> Readiness:
        return Readiness(group, None, basis)

    if urgent:
        return none("have the warning above seen to first")
    if (context.days_after or 0) < EARLIEST_DAY:
        return none("too early to tell: soreness usually peaks 1–3 days after")
    if alerted:
        return none("not the usual course: see the alert above")
    if latest <= RECOVERED_AT and (latest < peak or peak <= RECOVERED_AT):
        return Readiness(group, (context.date, context.date), f"{latest:g} on day {day}")
    if latest >= TOO_SORE:
        return none(f"still {latest:g} on day {day}: too sore for an honest date")
    if previous is not None and latest > previous:
        return none(f"still rising on day {day}")
    typical = typical_recovery_range(latest, day)
    if typical is None:
        return none(f"still {latest:g} on day {day}, later than the usual course")
    first, last = typical
    basis = f"typical course from {latest:g} on day {day}"
    own = _own_recovery_days(context, group)
    if own is not None:
        days, count = own
        basis = f"your last {count} leg days and the typical course from {latest:g} on day {day}"
        first, last = max(first, days), max(last, days)
    tomorrow = context.date + dt.timedelta(days=1)
    start = max(context.leg_day.date + dt.timedelta(days=first), tomorrow)
    end = max(context.leg_day.date + dt.timedelta(days=last), start)
    return Readiness(group, (start, end), basis)


def typical_recovery_range(level: float, day: int) -> tuple[int, int] | None:
    """The days a group at ``level`` on ``day`` is back to 2 or less on the typical course.

    The course's fast (low) and slow (high) edges, each scaled to pass through ``level``
    on ``day``; None when even the fast edge does not get there within the course.
    """
    course = TYPICAL_COURSE
    if day not in course.days or level <= RECOVERED_AT:
        return None if level > RECOVERED_AT else (day, day)
    index = course.days.index(day)

    def first_day(edge: tuple[float, ...]) -> int | None:
        if edge[index] <= 0:  # this edge is already at 0 by now: the next day at the soonest
            return day + 1
        for later in range(index + 1, len(course.days)):
            if edge[later] / edge[index] * level <= RECOVERED_AT:
                return course.days[later]
        return None

    fast, slow = first_day(course.low), first_day(course.high)
    if fast is None:
        return None
    return fast, slow if slow is not None else course.days[-1] + 1


def _group_points(values: DayValues, group: str) -> DayValues:
    return {date: {group: groups[group]} for date, groups in values.items() if group in groups}


def _own_recovery_days(context: AdviceContext, group: str) -> tuple[int, int] | None:
    """Median days until ≤ 2 over the user's last comparable leg days, and how many."""
    if context.earlier_values is None:
        return None
    values = _group_points(context.earlier_values, group)
    leg_days = sorted(context.earlier_leg_days, key=lambda leg_day: leg_day.date)
    found = []
    for index, leg_day in enumerate(leg_days):
        if group not in leg_day.loaded_groups:
            continue
        following = leg_days[index + 1].date if index + 1 < len(leg_days) else None
        if context.leg_day is not None and (following is None or following > context.leg_day.date):
            following = context.leg_day.date
        curve = recovery_curve(leg_day, following, values)
        series = next((s for s in curve.groups if s.key == group), None)
        if series is None:
            continue
        summary = summarise(leg_day, series)
        if summary.days_to_recover is not None:
            found.append(summary.days_to_recover)
    recent = found[-COMPARABLE_USED:]
    if len(recent) < COMPARABLE_NEEDED:
        return None
    ordered = sorted(recent)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return round(median), len(recent)
