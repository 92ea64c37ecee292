"""Choosing today's guidance: warnings first, pattern alerts, then tips for the phase, with reasons.

Everything here is plain data in, plain data out, so each rule can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
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
    check_ins: tuple[CheckIn, ...] = ()
    earlier_leg_days: tuple[LegDay, ...] = ()
    earlier_values: DayValues | None = None
    # Word days by their date and "the leg day", for a record read later by someone
    # else (the clinician's report), not "today" and "your leg day".
    for_the_record: bool = False

    @property
    def days_after(self) -> int | None:
        return None if self.leg_day is None else (self.date - self.leg_day.date).days

    def day_of(self, date: dt.date) -> int:
        assert self.leg_day is not None
        return (date - self.leg_day.date).days

    def levels_on(self, date: dt.date) -> dict[str, int]:
        return {r.region_id: r.level for r in self.ratings if r.date == date}

    def latest(self) -> dict[str, SorenessRating]:
        """Each region's most recent rating up to the date: it stands until a new one."""
        latest: dict[str, SorenessRating] = {}
        for rating in sorted(self.ratings, key=lambda r: r.date):
            if rating.date <= self.date:
                latest[rating.region_id] = rating
        return latest

    def symptoms(self) -> dict[WarningSymptom, dt.date]:
        """Each warning symptom reported in the check-ins, with the last day it was."""
        reported: dict[WarningSymptom, dt.date] = {}
        for check_in in sorted(self.check_ins, key=lambda c: c.date):
            if check_in.date <= self.date:
                for symptom in check_in.symptoms:
                    reported[symptom] = check_in.date
        return reported


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


def _when(context: AdviceContext, rating: SorenessRating) -> str:
    if rating.date == context.date:
        date = rating.date
        return f"on {date:%a} {date.day} {date:%b}" if context.for_the_record else "today"
    return f"on day {context.day_of(rating.date)}" if context.leg_day else f"on {rating.date}"


def find_alerts(context: AdviceContext) -> tuple[Alert, ...]:
    """Alerts for the date, at most one of each kind, the strongest case named.

    They look at each region's latest rating, so an alert stands until a new rating
    shows the pattern has gone.
    """
    if context.leg_day is None:
        return ()
    latest = {
        region: rating for region, rating in context.latest().items()
        if rating.date >= context.leg_day.date
    }  # fmt: skip
    alerts: list[Alert] = []

    rising = _rising_after_day_3(context, latest)
    if rising:
        alerts.append(rising)
    late = [
        (rating.level, region, rating) for region, rating in latest.items()
        if rating.level >= 4 and context.day_of(rating.date) >= 5
    ]  # fmt: skip
    if late:
        level, region, rating = max(late)
        alerts.append(
            Alert(
                "late_soreness",
                f"{region_by_id(region).name} at {level} {_when(context, rating)} (day "
                f"{context.day_of(rating.date)}): usual soreness is mild or gone by the fifth day.",
                region,
            )
        )
    lasting = _lasting(context, latest)
    if lasting:
        alerts.append(lasting)
    knees = [(r.level, region, r) for region, r in latest.items()
             if region.startswith("knees.") and r.level >= 4]  # fmt: skip
    if knees:
        level, region, rating = max(knees)
        alerts.append(
            Alert(
                "knee_pain",
                f"{region_by_id(region).name} at {level} {_when(context, rating)}: knee pain is "
                "joint pain, not muscle soreness.",
                region,
            )
        )
    uneven = []
    for group in GROUP_IDS:
        left, right = latest.get(f"{group}.left"), latest.get(f"{group}.right")
        if left is not None and right is not None and abs(left.level - right.level) >= 3:
            uneven.append((abs(left.level - right.level), group, left, right))
    if uneven:
        _, group, left, right = max(uneven)
        name = group_by_id(group).name.lower()
        sorer = left if left.level > right.level else right
        alerts.append(
            Alert(
                "asymmetry",
                f"Left {name} at {left.level} but right {name} at {right.level}: one side 3 or "
                "more points worse suggests a strain rather than ordinary soreness.",
                sorer.region_id,
            )
        )
    return tuple(alerts)


def _rising_after_day_3(context: AdviceContext, latest: dict[str, SorenessRating]) -> Alert | None:
    """A region rated 3 or more from day 4 on, higher than its last rating from day 2 on."""
    rises = []
    for region, now in latest.items():
        day = context.day_of(now.date)
        if day < 4 or now.level < 3:
            continue
        earlier = [
            r for r in context.ratings
            if r.region_id == region and 2 <= context.day_of(r.date) < day
        ]  # fmt: skip
        if not earlier:
            continue
        before = max(earlier, key=lambda r: r.date)
        if now.level > before.level:
            rises.append((now.level - before.level, region, before, now))
    if not rises:
        return None
    _, region, before, now = max(rises)
    return Alert(
        "rising_after_day_3",
        f"{region_by_id(region).name} rose from {before.level} on day "
        f"{context.day_of(before.date)} to {now.level} {_when(context, now)} (day "
        f"{context.day_of(now.date)}): soreness normally eases after the third day.",
        region,
    )


def _lasting(context: AdviceContext, latest: dict[str, SorenessRating]) -> Alert | None:
    """Soreness rated without a break from the first week into the second."""
    lasting = []
    for region, now in latest.items():
        day = context.day_of(now.date)
        if day < 8 or now.level < 1:
            continue
        history = sorted(
            (r for r in context.ratings if r.region_id == region), key=lambda r: r.date
        )
        first_week = [r for r in history if 1 <= context.day_of(r.date) <= 7 and r.level >= 1]
        later = [r for r in history if first_week and r.date > first_week[-1].date]
        if first_week and all(r.level >= 1 for r in later):
            lasting.append((now.level, region, now))
    if not lasting:
        return None
    level, region, now = max(lasting)
    return Alert(
        "lasting",
        f"Still sore {context.day_of(now.date)} days after "
        f"{'the' if context.for_the_record else 'your'} leg day "
        f"({region_by_id(region).name} at {level} {_when(context, now)}): soreness usually "
        "lasts five to seven days.",
        region,
    )


# --- phase and tips ------------------------------------------------------------------


def phase_of(context: AdviceContext) -> str:
    """``no_leg_day``, ``early`` (days 0–1, little soreness), ``peak`` or ``fading``.

    Fading only once today's soreness is below the highest since the leg day; soreness
    of 4 or more that is not falling still counts as the peak.
    """
    days = context.days_after
    if days is None:
        return "no_leg_day"
    highest = max(context.levels_on(context.date).values(), default=None)
    assert context.leg_day is not None
    so_far = max(
        (r.level for r in context.ratings if context.leg_day.date <= r.date <= context.date),
        default=0,
    )
    if days <= 1 and (highest is None or highest <= 3):
        return "early"
    if highest is None:
        return "peak" if days <= 3 else "fading"
    if (days <= 3 or highest >= 4) and highest >= so_far:
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
    if highest is None:
        return f"Day {days} after your leg day; nothing rated today."
    return f"Day {days} after your leg day: soreness is easing (highest {highest} today)."


def choose_advice(context: AdviceContext, tips: Sequence[Tip]) -> Advice:
    """Warnings for reported symptoms, then pattern alerts, then tips for today's phase."""
    chosen: list[ChosenTip] = []
    taken: set[str] = set()

    def take(tip: Tip, reason: str, urgent: bool) -> None:
        if tip.id not in taken:
            taken.add(tip.id)
            chosen.append(ChosenTip(tip, reason, urgent))

    symptoms = context.symptoms()
    for symptom in WarningSymptom:  # in the catalogue's order, the most alarming first
        if symptom in symptoms:
            when = symptoms[symptom]
            said = "today" if when == context.date else f"on {when:%a} {when.day} {when:%b}"
            for tip in _medical_first([t for t in tips if f"symptom:{symptom.value}" in t.when]):
                take(tip, f"You reported {symptom.label.lower()} {said}.", urgent=tip.is_medical)
    alerts = find_alerts(context)
    for alert in alerts:
        for tip in _medical_first([t for t in tips if f"alert:{alert.kind}" in t.when]):
            take(tip, alert.message, urgent=tip.is_medical)

    phase = phase_of(context)
    sore = _sore_groups(context.levels_on(context.date))
    reason = _phase_reason(context, phase, sore)
    situational = [
        tip for tip in tips
        if phase in tip.when and tip.id not in taken
        # A tip about another cause in one group (shins) only when that group is sore.
        and not (tip.category == "other_causes" and tip.groups and not tip.groups & set(sore))
    ]  # fmt: skip
    logged = _logged_actions(context)
    new_exercises = _new_exercises(context)

    def rank(tip: Tip) -> tuple[int, int, int]:
        relevant = bool(tip.groups & set(sore))
        if tip.category == "other_causes" and relevant:
            return (-1, 0, 0)  # pain in that very area may be something else: say so first
        order = {"understanding": 0, "prevention": 1, "relief": 2}.get(tip.category, 3)
        if phase == "peak":  # relief first, strongest evidence first, tied to sore groups
            return (0 if tip.category == "relief" else 1, tip.evidence_rank, 0 if relevant else 1)
        return (order, tip.evidence_rank, 0 if relevant else 1)

    if new_exercises and phase in ("early", "peak"):
        for tip in tips:
            if tip.id == NEW_EXERCISES_TIP:
                take(tip, f"New in this leg day: {', '.join(new_exercises)}.", urgent=False)
    for tip in sorted(situational, key=rank)[:MAX_SITUATIONAL_TIPS]:
        groups = sorted(tip.groups & set(sore), key=GROUP_IDS.index)
        specific = f" It suits your {_names(groups)}." if groups and phase == "peak" else ""
        done = logged.get(tip.id)
        if done is not None:
            specific += f" You logged {done}."
        take(tip, reason + specific, urgent=False)

    # Every warning above every other tip, whichever symptom or alert brought it in.
    chosen.sort(key=lambda item: not item.urgent)
    return Advice(context.date, phase, alerts, tuple(chosen), readiness(context))


# Which tip speaks of which logged recovery action.
ACTION_TIPS = {
    RecoveryAction.LIGHT_ACTIVITY: "relief-light-activity",
    RecoveryAction.STRETCHING: "relief-stretching",
    RecoveryAction.FOAM_ROLLING_OR_MASSAGE: "relief-foam-rolling",
    RecoveryAction.HEAT: "relief-heat",
    RecoveryAction.COLD: "relief-cold-water",
    RecoveryAction.PROTEIN_RICH_MEALS: "relief-protein",
}
NEW_EXERCISES_TIP = "prevent-new-exercises"


def _logged_actions(context: AdviceContext) -> dict[str, str]:
    """Tip id -> "foam rolling or massage on Mon 23 Nov" for actions logged since the leg day."""
    logged: dict[str, str] = {}
    start = context.leg_day.date if context.leg_day else context.date
    for check_in in sorted(context.check_ins, key=lambda c: c.date):
        if start <= check_in.date <= context.date:
            for action in check_in.actions:
                when = (
                    "today"
                    if check_in.date == context.date
                    else (f"on {check_in.date:%a} {check_in.date.day} {check_in.date:%b}")
                )
                logged[ACTION_TIPS[action]] = f"{action.label.lower()} {when}"
    return logged


def _new_exercises(context: AdviceContext) -> list[str]:
    """Exercises of this leg day that none of the earlier ones had."""
    if context.leg_day is None or not context.earlier_leg_days:
        return []
    known = {name.casefold() for day in context.earlier_leg_days for name in day.exercises}
    return [name for name in context.leg_day.exercises if name.casefold() not in known]


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
    # The sorer side decides: one leg still sore is not ready because the other is.
    values = {
        date: {group: float(max(levels)) for group, levels in groups.items()}
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
        latest_date, latest = points[-1]
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
        settled = (context.days_after or 0) >= 2  # before day 2 soreness may still be coming
        if settled and latest <= RECOVERED_AT and (latest < peak or peak <= RECOVERED_AT):
            ready_on = context.date  # already back to 2 or less
        elif expected >= context.date:
            # Not yet today, so tomorrow at the soonest: no false precision of hours.
            ready_on = max(expected, context.date + dt.timedelta(days=1))
        else:
            # Should be fine by now but is not: no date we could stand by.
            ready_on = None
            basis = (
                f"usually by day {days}, {basis}; still {latest:g} on day "
                f"{context.day_of(latest_date)}"
            )
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
