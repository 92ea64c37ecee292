"""Choosing today's guidance: warnings first, pattern alerts, then tips for the phase, with reasons.

Everything here is plain data in, plain data out, so each rule can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    RECOVERED_AT,
    TYPICAL_COURSE,
    DayValues,
    recovery_curve,
    series_label,
    summarise,
)
from legday_desktop.domain.regions import GROUP_IDS, group_by_id, region_by_id
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.guidance.content import Tip

MAX_SITUATIONAL_TIPS = 6
COMPARABLE_NEEDED = 3
COMPARABLE_USED = 5


@dataclass(frozen=True, slots=True)
class AdviceContext:
    """What the rules look at for one date.

    ``ratings`` covers the days from the leg day (or a week back, with none) to ``date``;
    ``earlier_leg_days`` and ``earlier_values`` are the history used for readiness.
    """

    date: dt.date
    leg_day: LegDay | None
    ratings: tuple[SorenessRating, ...]
    check_in: CheckIn | None
    earlier_leg_days: tuple[LegDay, ...] = ()
    earlier_values: DayValues | None = None

    @property
    def days_after(self) -> int | None:
        return None if self.leg_day is None else (self.date - self.leg_day.date).days

    def levels_on(self, date: dt.date) -> dict[str, int]:
        return {r.region_id: r.level for r in self.ratings if r.date == date}


@dataclass(frozen=True, slots=True)
class Alert:
    """A pattern in the ratings that is not ordinary soreness, and why it was flagged."""

    kind: str
    message: str
    region_id: str | None = None


@dataclass(frozen=True, slots=True)
class ChosenTip:
    """A tip chosen for today, the reason it was chosen, and whether it is a warning."""

    tip: Tip
    reason: str
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class Readiness:
    """When a muscle group is likely back to 2 or less, and what the estimate rests on."""

    group: str
    ready_on: dt.date | None  # None: later than the estimate could say
    basis: str

    @property
    def label(self) -> str:
        return series_label(self.group)


@dataclass(frozen=True, slots=True)
class Advice:
    """Everything chosen for one date: warnings and alerts first, then tips; readiness."""

    date: dt.date
    phase: str
    alerts: tuple[Alert, ...]
    tips: tuple[ChosenTip, ...]
    readiness: tuple[Readiness, ...]

    @property
    def next_leg_day(self) -> dt.date | None:
        """The first day every rated group is likely back to 2 or less.

        None when there is no estimate, and whenever a warning or alert stands: a date to
        train again next to "seek medical attention" would be the wrong message.
        """
        if self.alerts or self.urgent:
            return None
        dates = [item.ready_on for item in self.readiness]
        if not dates or any(date is None for date in dates):
            return None
        return max(date for date in dates if date is not None)

    @property
    def urgent(self) -> tuple[ChosenTip, ...]:
        return tuple(chosen for chosen in self.tips if chosen.urgent)


# --- pattern alerts ------------------------------------------------------------------


def find_alerts(context: AdviceContext) -> tuple[Alert, ...]:
    """Alerts for the shown date, at most one of each kind, the strongest case named."""
    days = context.days_after
    today = context.levels_on(context.date)
    alerts: list[Alert] = []

    rising = _rising_after_day_3(context) if days is not None and days >= 4 else None
    if rising:
        alerts.append(rising)
    if days is not None and days >= 5:
        sore = [(level, region) for region, level in today.items() if level >= 4]
        if sore:
            level, region = max(sore)
            alerts.append(
                Alert(
                    "late_soreness",
                    f"{region_by_id(region).name} is at {level} on day {days}: usual soreness is "
                    "mild or gone by the fifth day.",
                    region,
                )
            )
    if days is not None and days >= 8:
        sore = [(level, region) for region, level in today.items() if level >= 1]
        if sore:
            level, region = max(sore)
            alerts.append(
                Alert(
                    "lasting",
                    f"Still sore {days} days after your leg day ({region_by_id(region).name} at "
                    f"{level}): soreness usually lasts five to seven days.",
                    region,
                )
            )
    knees = [
        (level, region)
        for region, level in today.items()
        if region.startswith("knees.") and level >= 4
    ]
    if knees:
        level, region = max(knees)
        alerts.append(
            Alert(
                "knee_pain",
                f"{region_by_id(region).name} at {level}: knee pain is joint pain, not muscle "
                "soreness.",
                region,
            )
        )
    uneven = []
    for group in GROUP_IDS:
        left, right = today.get(f"{group}.left"), today.get(f"{group}.right")
        if left is not None and right is not None and abs(left - right) >= 3:
            uneven.append((abs(left - right), group, left, right))
    if uneven:
        _, group, left, right = max(uneven)
        name = group_by_id(group).name.lower()
        sorer = f"{group}.left" if left > right else f"{group}.right"
        alerts.append(
            Alert(
                "asymmetry",
                f"Left {name} at {left} but right {name} at {right}: one side 3 or more points "
                "worse suggests a strain rather than ordinary soreness.",
                sorer,
            )
        )
    return tuple(alerts)


def _rising_after_day_3(context: AdviceContext) -> Alert | None:
    assert context.leg_day is not None
    start = context.leg_day.date
    history: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for rating in sorted(context.ratings, key=lambda r: r.date):
        if rating.date <= context.date:
            history[rating.region_id].append((rating.date, rating.level))
    rises = []
    for region, points in history.items():
        if len(points) < 2 or points[-1][0] != context.date:
            continue
        (before, level_before), (_, level_now) = points[-2], points[-1]
        if (before - start).days >= 3 and level_now > level_before:
            rises.append((level_now - level_before, region, before, level_before, level_now))
    if not rises:
        return None
    _, region, before, level_before, level_now = max(rises)
    return Alert(
        "rising_after_day_3",
        f"{region_by_id(region).name} rose from {level_before} on day "
        f"{(before - start).days} to {level_now} today (day {context.days_after}): soreness "
        "normally eases after the third day.",
        region,
    )


# --- phase and tips ------------------------------------------------------------------


def phase_of(context: AdviceContext) -> str:
    """``no_leg_day``, ``early`` (days 0–1, little soreness), ``peak`` or ``fading``."""
    days = context.days_after
    if days is None:
        return "no_leg_day"
    highest = max(context.levels_on(context.date).values(), default=None)
    if days <= 1 and (highest is None or highest <= 3):
        return "early"
    if days <= 3 and (highest is None or highest >= 4):
        return "peak"
    return "fading"


def _sore_groups(levels: dict[str, int]) -> dict[str, int]:
    groups: dict[str, int] = {}
    for region, level in levels.items():
        group = region.split(".")[0]
        if level >= 2 and not group_by_id(group).is_joint:
            groups[group] = max(level, groups.get(group, 0))
    return groups


def _names(groups: Sequence[str]) -> str:
    names = [group_by_id(group).name.lower() for group in groups]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _phase_reason(context: AdviceContext, phase: str, sore: dict[str, int]) -> str:
    days = context.days_after
    highest = max(context.levels_on(context.date).values(), default=None)
    if phase == "no_leg_day":
        return "You have not logged a leg day yet."
    if phase == "early":
        if highest is None:
            return f"Day {days} after your leg day: soreness usually starts 12–24 hours after."
        return f"Day {days} after your leg day, with little soreness so far (highest {highest})."
    if phase == "peak":
        if not sore:
            return f"Day {days} after your leg day: days 1–3 are usually the sorest."
        ordered = sorted(sore, key=lambda group: -sore[group])
        worst = sore[ordered[0]]
        return f"Day {days} after your leg day; sore now: {_names(ordered[:3])} (up to {worst})."
    easing = "" if highest is None else f" (highest {highest} today)"
    return f"Day {days} after your leg day: soreness is easing{easing}."


def choose_advice(context: AdviceContext, tips: Sequence[Tip]) -> Advice:
    """Warnings for reported symptoms, then pattern alerts, then tips for today's phase."""
    chosen: list[ChosenTip] = []
    taken: set[str] = set()

    def take(tip: Tip, reason: str, urgent: bool) -> None:
        if tip.id not in taken:
            taken.add(tip.id)
            chosen.append(ChosenTip(tip, reason, urgent))

    symptoms = context.check_in.symptoms if context.check_in else frozenset()
    for symptom in WarningSymptom:  # in the catalogue's order, the most alarming first
        if symptom in symptoms:
            for tip in _medical_first([t for t in tips if f"symptom:{symptom.value}" in t.when]):
                take(tip, f"You reported {symptom.label.lower()} today.", urgent=tip.is_medical)
    alerts = find_alerts(context)
    for alert in alerts:
        for tip in _medical_first([t for t in tips if f"alert:{alert.kind}" in t.when]):
            take(tip, alert.message, urgent=tip.is_medical)

    phase = phase_of(context)
    sore = _sore_groups(context.levels_on(context.date))
    reason = _phase_reason(context, phase, sore)
    situational = [tip for tip in tips if phase in tip.when and tip.id not in taken]

    def rank(tip: Tip) -> tuple[int, int, int]:
        relevant = bool(tip.groups & set(sore))
        order = {"understanding": 0, "prevention": 1, "relief": 2}.get(tip.category, 3)
        if phase == "peak":  # relief first, strongest evidence first, tied to sore groups
            return (0 if tip.category == "relief" else 1, tip.evidence_rank, 0 if relevant else 1)
        return (order, tip.evidence_rank, 0 if relevant else 1)

    for tip in sorted(situational, key=rank)[:MAX_SITUATIONAL_TIPS]:
        groups = sorted(tip.groups & set(sore), key=GROUP_IDS.index)
        specific = f" It suits your {_names(groups)}." if groups and phase == "peak" else ""
        take(tip, reason + specific, urgent=False)

    # Every warning above every other tip, whichever symptom or alert brought it in.
    chosen.sort(key=lambda item: not item.urgent)
    return Advice(context.date, phase, alerts, tuple(chosen), readiness(context))


def _medical_first(tips: list[Tip]) -> list[Tip]:
    return sorted(tips, key=lambda tip: 0 if tip.is_medical else 1)


# --- readiness -----------------------------------------------------------------------


def _group_points(values: DayValues, group: str) -> DayValues:
    return {date: {group: groups[group]} for date, groups in values.items() if group in groups}


def readiness(context: AdviceContext) -> tuple[Readiness, ...]:
    """For each group rated since the leg day: the day it is likely back to 2 or less."""
    leg_day = context.leg_day
    if leg_day is None:
        return ()
    window: dict[dt.date, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for rating in context.ratings:
        if leg_day.date <= rating.date <= context.date:
            window[rating.date][rating.region_id.split(".")[0]].append(rating.level)
    values = {
        date: {group: sum(levels) / len(levels) for group, levels in groups.items()}
        for date, groups in window.items()
    }
    # Groups rated since the leg day (a loaded group nobody rated gives nothing to go on).
    rated = {group for groups in values.values() for group in groups}
    groups = [group for group in GROUP_IDS if group in rated and not group_by_id(group).is_joint]
    results = []
    for group in groups:
        points = sorted(
            (date, day_values[group]) for date, day_values in values.items() if group in day_values
        )
        latest = points[-1][1]
        peak = max(value for _, value in points)
        own = _own_recovery_days(context, group)
        if own is not None:
            days, count = own
            basis = f"based on your last {count} leg days"
        else:
            days = _typical_recovery_days(peak)
            basis = "typical course"
        expected = leg_day.date + dt.timedelta(days=days)
        ready_on: dt.date | None
        if latest <= RECOVERED_AT and (latest < peak or peak <= RECOVERED_AT):
            ready_on = context.date  # already back to 2 or less
        elif expected >= context.date:
            # Not yet today, so tomorrow at the soonest: no false precision of hours.
            ready_on = max(expected, context.date + dt.timedelta(days=1))
        else:
            # Should be fine by now but is not: no date we could stand by.
            ready_on = None
            basis = f"usually by day {days}, {basis}; still {latest:g} on day {context.days_after}"
        results.append(Readiness(group, ready_on, basis))
    return tuple(results)


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


def _typical_recovery_days(peak: float) -> int:
    """First day on which the typical course's upper edge, scaled to ``peak``, is ≤ 2."""
    if peak <= RECOVERED_AT:
        return 1
    course = TYPICAL_COURSE
    for day, share in zip(course.days, course.high, strict=True):
        if day >= 2 and share * peak <= RECOVERED_AT:
            return day
    return course.days[-1] + 1
