"""Choosing tips: what to do about each warning first, then tips that fit the day, with reasons.

Tips that act on a sore muscle (massage, foam rolling, heat …) are never offered for a
group a warning is about, nor for any group while a reported symptom or a possible clot
stands; exercise is not suggested while a reported symptom stands. While an urgent
warning stands only what to do about it is shown: care comes first, and a tip about
ordinary soreness next to it would say the opposite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from legday_desktop.domain.check_ins import RecoveryAction, Severity, WarningSymptom
from legday_desktop.domain.regions import GROUP_IDS, group_by_id
from legday_desktop.domain.wording import _, inside_sentence, short_day
from legday_desktop.guidance.alerts import Alert, AlertKind
from legday_desktop.guidance.content import MEDICINE_TAG, Tip
from legday_desktop.guidance.context import AdviceContext

MAX_SITUATIONAL_TIPS = 6
NEW_EXERCISES_TIP = "prevent-new-exercises"
# Which tip speaks of which logged recovery action.
ACTION_TIPS = {
    RecoveryAction.LIGHT_ACTIVITY: "relief-light-activity",
    RecoveryAction.STRETCHING: "relief-stretching",
    RecoveryAction.FOAM_ROLLING_OR_MASSAGE: "relief-foam-rolling",
    RecoveryAction.HEAT: "relief-heat",
    RecoveryAction.COLD: "relief-cold-water",
    RecoveryAction.PROTEIN_RICH_MEALS: "relief-protein",
}
# Soreness is "unusual" for the medicines tip under these alerts or symptoms.
_UNUSUAL_KINDS = frozenset(
    {
        AlertKind.EXTREME_SORENESS,
        AlertKind.RISING_AFTER_DAY_3,
        AlertKind.LATE_SORENESS,
        AlertKind.LASTING,
        AlertKind.ONE_SIDE_SORER,
    }
)
_UNUSUAL_SYMPTOMS = frozenset(
    {
        WarningSymptom.UNUSUAL_WEAKNESS,
        WarningSymptom.DARK_URINE,
        WarningSymptom.PAIN_FAR_WORSE_THAN_EXPECTED,
    }
)


@dataclass(frozen=True, slots=True)
class ChosenTip:
    """A tip chosen for the date and why; ``answers`` is the warning it says what to do about.

    ``severity`` is that warning's (None for an ordinary tip).
    """

    tip: Tip
    reason: str
    severity: Severity | None = None
    answers: Alert | None = None

    @property
    def urgent(self) -> bool:
        return self.severity is Severity.URGENT

    @property
    def is_warning(self) -> bool:
        return self.severity is not None


def phase_of(context: AdviceContext) -> str:
    """``no_leg_day``, ``early`` (day 0, or day 1 with little soreness), ``peak`` or ``fading``.

    Day 0 is always early: DOMS starts 12–24 hours after the session, so soreness on the
    training day itself is not its peak. Days 1–3 at 4 or more are the peak; after that,
    fading once today's soreness is below the highest since the leg day (soreness of 4 or
    more that is not falling still counts as the peak).
    """
    days = context.days_after
    if days is None:
        return "no_leg_day"
    if days == 0:
        return "early"
    highest = max(context.levels_on(context.date).values(), default=None)
    assert context.leg_day is not None
    so_far = max(
        (r.level for r in context.ratings if context.leg_day.date < r.date <= context.date),
        default=0,
    )
    if days <= 1 and (highest is None or highest <= 3):
        return "early"
    if highest is None:
        return "peak" if days <= 3 else "fading"
    if days <= 3 and highest >= 4:
        return "peak"  # a little below the top on day 2 is still the sorest stretch
    if (days <= 3 or highest >= 4) and highest >= so_far:
        return "peak"
    return "fading"


def sore_groups(levels: dict[str, int]) -> dict[str, int]:
    """Muscle groups (not joints) at 2 or more, with their sorer side's level."""
    groups: dict[str, int] = {}
    for region, level in levels.items():
        group = region.split(".")[0]
        if level >= 2 and group_by_id(group).is_muscle:
            groups[group] = max(level, groups.get(group, 0))
    return groups


def names(groups: Sequence[str]) -> str:
    """``quads, glutes and calves``."""
    words = [inside_sentence(group_by_id(group).name) for group in groups]
    if len(words) == 1:
        return words[0]
    return _("{names} and {last}").format(names=", ".join(words[:-1]), last=words[-1])


def choose_tips(
    context: AdviceContext, alerts: Sequence[Alert], tips: Sequence[Tip], phase: str
) -> tuple[ChosenTip, ...]:
    """What to do about each alert (urgent first), then tips for the phase, ranked."""
    chosen: list[ChosenTip] = []
    taken: set[str] = set()

    def take(tip: Tip, reason: str, answers: Alert | None = None) -> None:
        if tip.id not in taken:
            taken.add(tip.id)
            severity = None if answers is None else answers.severity
            chosen.append(ChosenTip(tip, reason, severity, answers))

    for alert in alerts:  # already urgent first
        for tag in alert.tags:
            for tip in tips:
                if tag in tip.when and tip.is_medical:
                    take(tip, alert.message, alert)
    if _medicine_applies(context, alerts):
        for tip in tips:
            if MEDICINE_TAG in tip.when:
                take(
                    tip,
                    "You said you take a statin or started a new medicine in the last weeks, "
                    "and this soreness is not the usual pattern.",
                )
    if any(alert.is_urgent for alert in alerts):
        return _warnings_first(chosen)  # only what to do about it, and the medicines
    said_no = context.profile.statin_or_new_medicine is False
    for alert in alerts:
        for tip in tips:
            if alert.tag in tip.when and not tip.is_medical:
                if said_no and MEDICINE_TAG in tip.when:
                    continue  # asked, and no statin or new medicine: not the reason
                take(tip, f"Shown with the warning above ({alert.title.lower()}).")

    sore = sore_groups(context.levels_on(context.date))
    hands_off = frozenset().union(*(alert.hands_off_groups for alert in alerts))
    # No exercise while a symptom stands or a warning says to rest a muscle; no routine
    # painkillers while the signs of muscle breakdown are being asked about.
    no_exercise = any(alert.symptom is not None or alert.hands_off_groups for alert in alerts)
    no_medicine = no_exercise or any(alert.kind is AlertKind.EXTREME_SORENESS for alert in alerts)
    offered: dict[str, list[str]] = {}  # tip id -> the sore groups it is offered for
    for tip in tips:
        if phase not in tip.when or tip.id in taken:
            continue
        if (tip.is_movement and no_exercise) or (tip.is_medicine and no_medicine):
            continue
        groups = [g for g in GROUP_IDS if g in tip.suits and g in sore]
        if tip.is_hands_on:
            groups = [g for g in groups if g not in hands_off]
        if tip.suits and not groups:
            continue  # offered for particular groups, and none of them is sore (or may be)
        offered[tip.id] = groups

    reason = _phase_reason(context, phase, sore)
    logged = _logged_actions(context)
    new_exercises = _new_exercises(context)

    def rank(tip: Tip) -> tuple[int, int, int]:
        relevant = bool(offered[tip.id])
        if tip.category == "other_causes" and relevant:
            return (-1, 0, 0)  # pain in that very area may be something else: say so first
        order = {"understanding": 0, "prevention": 1, "relief": 2}.get(tip.category, 3)
        if phase == "peak":  # relief first, strongest evidence first, tied to sore groups
            return (0 if tip.category == "relief" else 1, tip.evidence_rank, 0 if relevant else 1)
        return (order, tip.evidence_rank, 0 if relevant else 1)

    if new_exercises and phase in ("early", "peak"):
        for tip in tips:
            if tip.id == NEW_EXERCISES_TIP:
                take(tip, f"New in this leg day: {', '.join(new_exercises)}.")
    situational = sorted((tip for tip in tips if tip.id in offered), key=rank)
    for tip in [tip for tip in situational if tip.id not in taken][:MAX_SITUATIONAL_TIPS]:
        groups = offered[tip.id]
        specific = f" It suits your {names(groups)}." if groups and phase == "peak" else ""
        done = logged.get(tip.id)
        if done is not None:
            specific += f" You logged {done}."
        take(tip, reason + specific)

    return _warnings_first(chosen)


def _warnings_first(chosen: list[ChosenTip]) -> tuple[ChosenTip, ...]:
    """Every warning above every other tip: urgent, then those to check, then the rest."""
    order = {Severity.URGENT: 0, Severity.CHECK: 1, None: 2}
    return tuple(sorted(chosen, key=lambda item: order[item.severity]))


def _medicine_applies(context: AdviceContext, alerts: Sequence[Alert]) -> bool:
    """A yes to the medicines question, from day 1 on, with soreness that is not usual."""
    if not context.profile.takes_statin_or_new_medicine or (context.days_after or 0) < 1:
        return False
    return any(
        alert.kind in _UNUSUAL_KINDS or alert.symptom in _UNUSUAL_SYMPTOMS for alert in alerts
    )


def _phase_reason(context: AdviceContext, phase: str, sore: dict[str, int]) -> str:
    days = context.days_after
    highest = max(context.levels_on(context.date).values(), default=None)
    your = context.your
    if phase == "no_leg_day":
        return "You have not logged a leg day yet."
    if phase == "early":
        if days == 0:
            return f"The day of {your} leg day: soreness usually starts 12–24 hours after."
        if highest is None:
            return f"Day {days} after {your} leg day: soreness usually starts 12–24 hours after."
        return f"Day {days} after {your} leg day, with little soreness so far (highest {highest})."
    if phase == "peak":
        if not sore:
            return f"Day {days} after {your} leg day: days 1–3 are usually the sorest."
        ordered = sorted(sore, key=lambda group: -sore[group])
        worst = sore[ordered[0]]
        return f"Day {days} after {your} leg day; sore now: {names(ordered[:3])} (up to {worst})."
    if highest is None:
        return f"Day {days} after {your} leg day; nothing rated today."
    return f"Day {days} after {your} leg day: soreness is easing (highest {highest} today)."


def _logged_actions(context: AdviceContext) -> dict[str, str]:
    """Tip id -> "foam rolling or massage on Mon 23 Nov" for actions logged since the leg day."""
    logged: dict[str, str] = {}
    start = context.leg_day.date if context.leg_day else context.date
    for check_in in sorted(context.check_ins, key=lambda c: c.date):
        if start <= check_in.date <= context.date:
            for action in check_in.actions:
                when = (
                    "today" if check_in.date == context.date else f"on {short_day(check_in.date)}"
                )
                logged[ACTION_TIPS[action]] = f"{action.label.lower()} {when}"
    return logged


def _new_exercises(context: AdviceContext) -> list[str]:
    """Exercises of this leg day that none of the earlier ones had."""
    if context.leg_day is None or not context.earlier_leg_days:
        return []
    known = {name.casefold() for day in context.earlier_leg_days for name in day.exercises}
    return [name for name in context.leg_day.exercises if name.casefold() not in known]
