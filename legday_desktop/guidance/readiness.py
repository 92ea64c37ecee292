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
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import _, ngettext
from legday_desktop.guidance.alerts import Alert
from legday_desktop.guidance.context import AdviceContext

COMPARABLE_NEEDED = 3
COMPARABLE_USED = 5
EARLIEST_DAY = 2  # before day 2 soreness may still be coming: no date yet
PEAK_DAY = 2  # the typical course's peak, from which its fall is measured
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
    sides: dict[str, dict[str, list[SorenessRating]]] = defaultdict(lambda: defaultdict(list))
    for rating in sorted(context.ratings, key=lambda r: r.date):
        if first <= rating.date <= context.date:
            group, side = rating.region_id.split(".")
            sides[group][side].append(rating)
    urgent = any(alert.is_urgent for alert in alerts)
    # A reported symptom names no group: no date for any while it stands.
    symptom = any(alert.symptom is not None for alert in alerts)
    alerted = {group for alert in alerts for group in alert.groups}
    return tuple(
        _group_readiness(
            context, group, list(sides[group].values()), urgent, symptom or group in alerted
        )
        for group in GROUP_IDS
        if group in sides and group_by_id(group).is_muscle
    )


def _group_readiness(
    context: AdviceContext,
    group: str,
    sides: list[list[SorenessRating]],
    urgent: bool,
    alerted: bool,
) -> Readiness:
    """One group's readiness from each side's ratings since day 1, oldest first.

    The sorer side decides, each side at its latest rating (it stands until a new one):
    one leg still sore is not ready because the other one is.
    """
    assert context.leg_day is not None
    now = max((course[-1] for course in sides), key=lambda rating: (rating.level, rating.date))
    latest = float(now.level)
    peak = max(rating.level for course in sides for rating in course)
    rising = any(len(course) >= 2 and course[-1].level > course[-2].level for course in sides)
    day = context.day_of(now.date)

    def none(basis: str) -> Readiness:
        return Readiness(group, None, basis)

    if urgent:
        return none(_("have the warning above seen to first"))
    if (context.days_after or 0) < EARLIEST_DAY:
        return none(_("too early to tell: soreness usually peaks 1–3 days after"))
    if alerted:
        return none(_("not the usual course: see the warning above"))
    if latest <= RECOVERED_AT and (latest < peak or peak <= RECOVERED_AT):
        basis = _("{level} on day {day}").format(level=f"{latest:g}", day=day)
        return Readiness(group, (context.date, context.date), basis)
    if latest >= TOO_SORE:
        return none(
            _("still {level} on day {day}: too sore for an honest date").format(
                level=f"{latest:g}", day=day
            )
        )
    if rising:
        return none(_("still rising on day {day}").format(day=day))
    typical = typical_recovery_range(latest, day)
    if typical is None:
        return none(
            _("still {level} on day {day}, later than the usual course").format(
                level=f"{latest:g}", day=day
            )
        )
    first, last = typical
    basis = _("typical course from {level} on day {day}").format(level=f"{latest:g}", day=day)
    own = _own_recovery_days(context, group)
    if own is not None:
        days, count = own
        basis = ngettext(
            "your last leg day and the typical course from {level} on day {day}",
            "your last {count} leg days and the typical course from {level} on day {day}",
            count,
        ).format(count=count, level=f"{latest:g}", day=day)
        first, last = max(first, days), max(last, days)
    tomorrow = context.date + dt.timedelta(days=1)
    start = max(context.leg_day.date + dt.timedelta(days=first), tomorrow)
    end = max(context.leg_day.date + dt.timedelta(days=last), start)
    return Readiness(group, (start, end), basis)


def typical_recovery_range(level: float, day: int) -> tuple[int, int] | None:
    """The days a group at ``level`` on ``day`` is back to 2 or less on the typical course.

    Two readings, the later wins: the course's fast (low) and slow (high) edges scaled to
    pass through ``level`` on ``day``; and the days each edge takes to fall from its peak
    (day 2) to 2 or less, counted from ``day`` — so a course running late gets the time
    the usual fall takes, never "tomorrow" because the usual course would be over. None
    after the course's last day.
    """
    course = TYPICAL_COURSE
    if level <= RECOVERED_AT:
        return day, day
    if day not in course.days:
        return None
    index = course.days.index(day)
    peak = course.days.index(PEAK_DAY)

    def scaled(edge: tuple[float, ...]) -> int:
        if edge[index] > 0:
            for later in range(index + 1, len(course.days)):
                if edge[later] / edge[index] * level <= RECOVERED_AT:
                    return course.days[later]
        return day + 1

    def fall(edge: tuple[float, ...]) -> int:
        for later in range(peak + 1, len(course.days)):
            if edge[later] / edge[peak] * level <= RECOVERED_AT:
                return day + course.days[later] - PEAK_DAY
        return day + course.days[-1] + 1 - PEAK_DAY

    return max(scaled(course.low), fall(course.low)), max(scaled(course.high), fall(course.high))


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
