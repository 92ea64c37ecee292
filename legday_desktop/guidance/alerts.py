"""Alerts: warning symptoms the person reported, and rating patterns that are not ordinary DOMS.

Every alert has one severity: *urgent* (seek care now or today) or *check* (keep an eye
on it; get it checked if it is not easing). The rules, their thresholds and the facts
behind them are listed in docs/guidance-rules.md; each has unit tests at and around its
threshold (tests/unit/test_alert_rules.py).

Days count from the leg day (day 0). A "rise" compares a side with its value on the
previous rated day. A region's latest rating stands until a newer one, so an alert
stands until a new rating shows the pattern has gone.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from legday_desktop.domain.check_ins import Severity, WarningSymptom
from legday_desktop.domain.recovery import RECOVERED_AT
from legday_desktop.domain.regions import (
    GROUP_IDS,
    GROUPS,
    MuscleGroup,
    Side,
    region_by_id,
)
from legday_desktop.domain.soreness import PainQuality, SorenessRating
from legday_desktop.guidance.context import AdviceContext, ReportedSymptom

# Thresholds of the pattern rules (levels on the 0–10 scale, days after the leg day).
RISING_AFTER_DAY = 3  # rises ending on day 4 or later count
BIG_RISE = 2  # one rise of this many points, or two rises in a row
LATE_DAYS = (5, 7)  # late soreness: on days 5–7 ...
LATE_LEVEL = 4  # ... at 4 or more, while not falling
LASTING_AFTER_DAY = 7  # lasting soreness: from day 8 ...
LASTING_LEVEL = 3  # ... at 3 or more
EXTREME_LEVEL = 8  # extreme soreness anywhere, with no urgent symptom reported
TRAINING_DAY_LEVEL = 7  # this sore on day 0 is not DOMS ...
TRAINING_DAY_JUMP = 3  # ... unless it was within 2 points of it just before the session
TRAINING_DAY_LOOK_BACK = 3  # (its latest rating in the 3 days before the leg day)
CLOT_AFTER_DAY = 2  # one calf rising from day 3 on ...
OTHER_CALF_AT_MOST = 1  # ... while the other calf is at most 1
ONE_SIDE_GAP = 3  # one side this many points sorer: a strain
SHIN_FAST_RISE = 3  # shins: a rise of 3 or more between two days after day 1 ...
SHIN_HIGH = 7  # ... or 7 or more and still rising on day 3 or later
SHIN_HIGH_FROM_DAY = 3
JOINT_LEVEL = 4  # joint (knee) pain worth having checked
TENDON_LEVEL = 4  # Achilles or ankle pain worth having checked, like a joint's

CALVES, SHINS = "calves", "shins"
NO_LEG_DAY = 1_000  # the day of a rating with no leg day logged: "after" every day rule


class AlertKind(enum.StrEnum):
    """What an alert is about; the order is the order alerts of one severity are shown."""

    REPORTED_SYMPTOM = "reported_symptom"
    POSSIBLE_CLOT = "possible_clot"
    POSSIBLE_COMPARTMENT_SYNDROME = "possible_compartment_syndrome"
    SEVERE_ON_TRAINING_DAY = "severe_on_training_day"
    JOINT_PAIN = "joint_pain"
    TENDON_PAIN = "tendon_pain"
    SHARP_PAIN = "sharp_pain"
    BURNING_PAIN = "burning_pain"
    EXTREME_SORENESS = "extreme_soreness"
    RISING_AFTER_DAY_3 = "rising_after_day_3"
    LATE_SORENESS = "late_soreness"
    LASTING = "lasting"
    ONE_SIDE_SORER = "asymmetry"

    @property
    def heading(self) -> str:
        return _HEADINGS[self]


_HEADINGS = {
    AlertKind.REPORTED_SYMPTOM: "Warning symptom",
    AlertKind.POSSIBLE_CLOT: "Possible blood clot",
    AlertKind.POSSIBLE_COMPARTMENT_SYNDROME: "Possible compartment syndrome",
    AlertKind.SEVERE_ON_TRAINING_DAY: "Severe pain on the training day",
    AlertKind.JOINT_PAIN: "Joint pain",
    AlertKind.TENDON_PAIN: "Achilles or ankle pain",
    AlertKind.SHARP_PAIN: "Sharp or stabbing pain",
    AlertKind.BURNING_PAIN: "Burning or tingling pain",
    AlertKind.EXTREME_SORENESS: "Extreme soreness",
    AlertKind.RISING_AFTER_DAY_3: "Still rising after day 3",
    AlertKind.LATE_SORENESS: "Sore at 4 or more from day 5",
    AlertKind.LASTING: "Sore at 3 or more after a week",
    AlertKind.ONE_SIDE_SORER: "One side much sorer",
}

# Alerts under which massage, foam rolling and heat are never offered, and for which
# groups: a possible clot or a reported symptom for every group (they name no muscle
# for certain), pressure in the lower leg for both of its groups, a strain for its own.
_HANDS_OFF_EVERYWHERE = frozenset({AlertKind.REPORTED_SYMPTOM, AlertKind.POSSIBLE_CLOT})
_HANDS_OFF_LOWER_LEG = frozenset({AlertKind.POSSIBLE_COMPARTMENT_SYNDROME})
_HANDS_OFF_OWN_GROUP = frozenset(
    {
        AlertKind.ONE_SIDE_SORER,
        AlertKind.SEVERE_ON_TRAINING_DAY,
        AlertKind.SHARP_PAIN,
        AlertKind.BURNING_PAIN,
    }
)


@dataclass(frozen=True, slots=True)
class Alert:
    """A warning: what was seen or reported, how urgent it is, and which region it is about.

    ``groups`` are the muscle groups a pattern alert names; ``symptom`` is the reported
    symptom of a REPORTED_SYMPTOM alert. ``region_id`` names the sorest side, if any.
    """

    kind: AlertKind
    severity: Severity
    message: str
    region_id: str | None = None
    groups: tuple[str, ...] = ()
    symptom: WarningSymptom | None = None
    # Tips of other symptoms it takes in (a leg that would not take weight), said first.
    also_about: tuple[WarningSymptom, ...] = ()

    @property
    def group(self) -> str | None:
        """The first group the alert names (None for a reported symptom)."""
        return self.groups[0] if self.groups else None

    @property
    def is_urgent(self) -> bool:
        return self.severity is Severity.URGENT

    @property
    def tag(self) -> str:
        """The tips file's ``when`` tag of the tips that say what to do about it."""
        if self.symptom is not None:
            return f"symptom:{self.symptom.value}"
        return f"alert:{self.kind.value}"

    @property
    def tags(self) -> tuple[str, ...]:
        """Every ``when`` tag whose tips say what to do about it, the most urgent first."""
        return (*(f"symptom:{symptom.value}" for symptom in self.also_about), self.tag)

    @property
    def title(self) -> str:
        return self.symptom.label if self.symptom is not None else self.kind.heading

    @property
    def hands_off_groups(self) -> frozenset[str]:
        """The groups for which massage, foam rolling and heat must not be offered."""
        if self.kind in _HANDS_OFF_EVERYWHERE:
            return frozenset(GROUP_IDS)
        if self.kind in _HANDS_OFF_LOWER_LEG:
            return frozenset({SHINS, CALVES})
        if self.kind in _HANDS_OFF_OWN_GROUP:
            return frozenset(self.groups)
        return frozenset()


def find_alerts(context: AdviceContext) -> tuple[Alert, ...]:
    """Every alert for the date: urgent ones first, then those to keep an eye on.

    Reported symptoms stand SYMPTOM_DAYS days, across new leg days. Pattern alerts need a
    leg day, except joint and tendon pain and extreme soreness, which are never ordinary anyway.
    """
    symptoms = context.reported_symptoms()
    patterns = _pattern_alerts(context, symptoms)
    # A symptom seen in the ratings too is one cause: the pattern's alert names it.
    absorbed = {
        symptom
        for alert in patterns
        if alert.is_urgent
        for symptom in _SAME_CAUSE.get(alert.kind, ())
        if symptom in symptoms
    }
    alerts = [*_symptom_alerts(context, symptoms, absorbed), *patterns]
    kinds = list(AlertKind)
    return tuple(
        sorted(
            alerts,
            key=lambda alert: (
                not alert.is_urgent,
                kinds.index(alert.kind),
                GROUP_IDS.index(alert.group) if alert.group else -1,
            ),
        )
    )


def pattern_alerts(context: AdviceContext) -> tuple[Alert, ...]:
    """The alerts found in the ratings alone (the report lists symptoms on their own)."""
    return tuple(alert for alert in find_alerts(context) if alert.symptom is None)


# --- reported symptoms ----------------------------------------------------------------

# How a symptom reads inside a sentence ("You reported …").
_PHRASES = {
    WarningSymptom.DIZZINESS: "dizziness",
    WarningSymptom.LABOURED_BREATHING: "laboured breathing",
    WarningSymptom.FEVER: "a fever",
    WarningSymptom.UNUSUAL_WEAKNESS: "unusual muscle weakness",
    WarningSymptom.DARK_URINE: "dark (tea- or cola-coloured) urine",
    WarningSymptom.SEVERE_SWELLING: "severe swelling",
    WarningSymptom.PAIN_FAR_WORSE_THAN_EXPECTED: "pain far worse than expected",
    WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED: "a calf or leg that is swollen, warm or red",
    WarningSymptom.TIGHT_HARD_SWOLLEN_SHIN_OR_CALF: "a tight, hard, swollen shin or calf",
    WarningSymptom.NUMBNESS_OR_TINGLING: "numbness or tingling",
    WarningSymptom.SUDDEN_SHARP_PAIN: "a sudden sharp pain during exercise",
    WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY: "a joint that locks or gives way",
    WarningSymptom.CANNOT_BEAR_WEIGHT: "that you cannot put weight on the leg",
}
_RHABDO = "can be a sign of muscle breakdown (rhabdomyolysis)"
# What to do, one clause per symptom and severity, from the facts in shared/facts/doms.md.
_ADVICE = {
    (WarningSymptom.DIZZINESS, Severity.URGENT): (
        "dizziness with aching muscles is not soreness from training; get medical care right away"
    ),
    (WarningSymptom.LABOURED_BREATHING, Severity.URGENT): (
        "get medical care now, and call emergency services if it is severe or comes with "
        "chest pain (a clot can travel to the lungs)"
    ),
    (WarningSymptom.FEVER, Severity.URGENT): (
        "aching muscles with a fever point to an illness such as an infection rather than "
        "training; get medical care right away"
    ),
    (WarningSymptom.UNUSUAL_WEAKNESS, Severity.URGENT): (
        f"weakness that gets in the way of everyday tasks {_RHABDO}; get medical care now"
    ),
    (WarningSymptom.DARK_URINE, Severity.URGENT): (
        f"this {_RHABDO}; stop exercising, drink water and get medical care now"
    ),
    (WarningSymptom.SEVERE_SWELLING, Severity.URGENT): (
        "swelling like this is not ordinary soreness and can come with muscle breakdown or "
        "a clot; get medical care now, and do not massage, roll or heat the leg"
    ),
    (WarningSymptom.PAIN_FAR_WORSE_THAN_EXPECTED, Severity.URGENT): (
        f"that {_RHABDO}; get medical care now"
    ),
    (WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED, Severity.URGENT): (
        "this can be a blood clot (deep vein thrombosis); get medical care today, at once "
        "if you are short of breath or have chest pain, and do not massage, roll or heat "
        "that leg"
    ),
    (WarningSymptom.TIGHT_HARD_SWOLLEN_SHIN_OR_CALF, Severity.URGENT): (
        "this can be compartment syndrome, pressure building inside the muscle, which is "
        "an emergency; get medical care now"
    ),
    (WarningSymptom.NUMBNESS_OR_TINGLING, Severity.URGENT): (
        "that points to a nerve or to pressure inside the muscle, not to soreness; get "
        "medical care now"
    ),
    (WarningSymptom.CANNOT_BEAR_WEIGHT, Severity.URGENT): (
        "that is not soreness; get it seen today"
    ),
    (WarningSymptom.SUDDEN_SHARP_PAIN, Severity.CHECK): (
        "that suggests a strain rather than soreness; stop loading that muscle and get it "
        "checked if it is not easing"
    ),
    (WarningSymptom.SUDDEN_SHARP_PAIN, Severity.URGENT): (
        "that may be a bad strain or a tear; get it seen today"
    ),
    (WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY, Severity.CHECK): (
        "that points to a problem inside the joint; avoid heavy loading and get it checked"
    ),
    (WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY, Severity.URGENT): (
        "that needs to be seen today; keep weight off it until then"
    ),
}
# Reported symptoms that an urgent pattern alert of this kind names as the same cause.
_SAME_CAUSE = {
    AlertKind.POSSIBLE_CLOT: (WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED,),
    AlertKind.POSSIBLE_COMPARTMENT_SYNDROME: (
        WarningSymptom.TIGHT_HARD_SWOLLEN_SHIN_OR_CALF,
        WarningSymptom.NUMBNESS_OR_TINGLING,
    ),
    AlertKind.JOINT_PAIN: (WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY,),
    AlertKind.TENDON_PAIN: (WarningSymptom.SUDDEN_SHARP_PAIN,),
}
# Symptoms that say the person could not bear weight, and so take in that report.
_WEIGHT_BEARING = (WarningSymptom.SUDDEN_SHARP_PAIN, WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY)


def _symptom_alerts(
    context: AdviceContext,
    symptoms: dict[WarningSymptom, ReportedSymptom],
    absorbed: set[WarningSymptom],
) -> list[Alert]:
    alerts = []
    weight_told = any(
        symptoms[symptom].could_not_bear_weight
        for symptom in _WEIGHT_BEARING
        if symptom in symptoms
    )
    for symptom, reported in symptoms.items():
        if symptom in absorbed:
            continue
        if symptom is WarningSymptom.CANNOT_BEAR_WEIGHT and weight_told:
            continue  # said with the sharp pain or the joint it goes with
        phrase = _PHRASES[symptom]
        no_weight = symptom in _WEIGHT_BEARING and reported.could_not_bear_weight
        if no_weight:
            phrase += " and could not put weight on the leg"
        who = "Reported" if context.for_the_record else "You reported"
        advice = _ADVICE[(symptom, reported.severity)]
        alerts.append(
            Alert(
                AlertKind.REPORTED_SYMPTOM,
                reported.severity,
                f"{who} {phrase} {context.when_reported(reported.last_reported)}: {advice}.",
                symptom=symptom,
                also_about=(WarningSymptom.CANNOT_BEAR_WEIGHT,) if no_weight else (),
            )
        )
    return alerts


# --- patterns in the ratings ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of a group: its ratings since the leg day, oldest first (at least one)."""

    course: tuple[SorenessRating, ...]

    @property
    def region_id(self) -> str:
        return self.course[-1].region_id

    @property
    def latest(self) -> SorenessRating:
        return self.course[-1]

    @property
    def previous(self) -> SorenessRating | None:
        return self.course[-2] if len(self.course) >= 2 else None

    @property
    def rise(self) -> int | None:
        """How much the latest rating is above the previous one (None without one)."""
        previous = self.previous
        return None if previous is None else self.latest.level - previous.level


@dataclass(frozen=True, slots=True)
class _Finding:
    """What one rule saw in one group: its part of the sentence (``seen``) and the rest.

    Findings of one kind that say the same ``why`` make one alert.
    """

    kind: AlertKind
    severity: Severity
    seen: str
    why: str
    group: str
    ratings: tuple[SorenessRating, ...]


def _pattern_alerts(
    context: AdviceContext, symptoms: dict[WarningSymptom, ReportedSymptom]
) -> list[Alert]:
    """One alert per kind (and wording): every group it was seen in named in one sentence."""
    courses = context.courses()
    urgent_symptom = any(reported.is_urgent for reported in symptoms.values())
    findings: dict[tuple[AlertKind, Severity, str], list[_Finding]] = {}
    for group in GROUPS:
        sides = {
            side: _Side(courses[region])
            for side in Side
            if (region := f"{group.id}.{side.value}") in courses
        }
        if sides:
            for finding in _group_findings(context, group, sides, symptoms, urgent_symptom):
                key = (finding.kind, finding.severity, finding.why)
                findings.setdefault(key, []).append(finding)
    alerts = []
    for (kind, severity, why), found in findings.items():
        ratings = [rating for part in found for rating in part.ratings]
        alerts.append(
            Alert(
                kind,
                severity,
                f"{_together(context, [part.seen for part in found], ratings)}: {why}.",
                max(ratings, key=lambda rating: rating.level).region_id,
                tuple(part.group for part in found),
            )
        )
    return alerts


def _together(context: AdviceContext, parts: list[str], ratings: Sequence[SorenessRating]) -> str:
    """``Both quads at 9, right inner thigh at 8 and both glutes at 9 today (day 2)``.

    Each part names its group and day; said of one day, the day is said once, at the end.
    """
    dates = {rating.date for rating in ratings}
    when = f" {context.when(next(iter(dates)))}" if len(dates) == 1 else ""
    if len(parts) > 1 and when and all(part.endswith(when) for part in parts):
        parts = [part[: -len(when)] for part in parts[:-1]] + parts[-1:]
    parts = [parts[0], *(part[0].lower() + part[1:] for part in parts[1:])]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _group_findings(
    context: AdviceContext,
    group: MuscleGroup,
    sides: dict[Side, _Side],
    symptoms: dict[WarningSymptom, ReportedSymptom],
    urgent_symptom: bool,
) -> list[_Finding]:
    """What the rules see in one group, one finding of each kind at most."""
    if group.is_joint:  # joint pain is never "ordinary after a hard session"
        joint = _joint_pain(context, group, sides, symptoms)
        return [joint] if joint else []
    if group.is_tendon:  # nor is pain in a tendon
        tendon = _tendon_pain(context, group, sides, symptoms)
        return [tendon] if tendon else []
    extreme = None if urgent_symptom else _extreme(context, group, sides)
    # A possible clot or compartment syndrome says all there is to say about its group,
    # also with no leg day logged (then nothing explains the pain).
    dominant = (
        _possible_clot(context, group, sides, symptoms)
        if group.id == CALVES
        else _possible_compartment_syndrome(context, group, sides, symptoms)
        if group.id == SHINS
        else None
    )
    if dominant is not None:
        return [dominant]
    # Pain that does not feel like soreness is not soreness, leg day or not.
    felt = _felt_unlike_soreness(context, group, sides)
    if context.leg_day is None:
        return [finding for finding in (extreme, *felt) if finding is not None]
    training_day = _severe_on_training_day(context, group, sides)
    rising, rising_sides = _rising_after_day_3(context, group, sides)
    steady = {side: info for side, info in sides.items() if side not in rising_sides}
    # Extreme soreness asks the question that matters; "still sore" would only repeat it.
    still = None if extreme else _late_soreness(context, group, steady)
    lasting = None if extreme else _lasting(context, group, steady)
    found = [
        training_day,
        None if training_day else extreme,
        rising,
        still,
        lasting,
        _one_side_sorer(context, group, sides),
        *felt,
    ]
    return [finding for finding in found if finding is not None]


def _finding(
    kind: AlertKind,
    severity: Severity,
    seen: str,
    why: str,
    group: MuscleGroup,
    ratings: Sequence[SorenessRating],
) -> _Finding:
    return _Finding(kind, severity, seen, why, group.id, tuple(ratings))


def _names(group: MuscleGroup, ratings: Sequence[SorenessRating], context: AdviceContext) -> str:
    """``Both quads at 9 today (day 2)``, ``Left quad at 9 and right quad at 7 today (day 2)``."""
    if len(ratings) == 2:
        first, second = ratings
        if first.level == second.level and first.date == second.date:
            who = f"{group.both_name} at {first.level} {context.when(first.date)}"
        elif first.date == second.date:
            who = (
                f"{_side_name(first)} at {first.level} and {_side_name(second)} at "
                f"{second.level} {context.when(first.date)}"
            )
        else:
            who = (
                f"{_side_name(first)} at {first.level} {context.when(first.date)} and "
                f"{_side_name(second)} at {second.level} {context.when(second.date)}"
            )
    else:
        (only,) = ratings
        who = f"{_side_name(only)} at {only.level} {context.when(only.date)}"
    return who[0].upper() + who[1:]


def _side_name(rating: SorenessRating) -> str:
    return _in_sentence(region_by_id(rating.region_id).name)


def _in_sentence(name: str) -> str:
    """``Left quad`` → ``left quad``, inside a sentence; ``Achilles`` keeps its capital."""
    return name[:1].lower() + name[1:]


def _ordered(sides: dict[Side, _Side]) -> list[_Side]:
    return [sides[side] for side in Side if side in sides]


def _severe_on_training_day(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> _Finding | None:
    """7 or more on day 0 that was not there before the session; stands until back to ≤ 2.

    DOMS starts 12–24 hours after the session. Soreness already there from an earlier
    session (within TRAINING_DAY_LOOK_BACK days, up less than TRAINING_DAY_JUMP) is
    carried over, not a new injury.
    """
    found = []
    for side in _ordered(sides):
        first = side.course[0]
        if (
            context.day_of(first.date) != 0
            or first.level < TRAINING_DAY_LEVEL
            or side.latest.level <= RECOVERED_AT
        ):
            continue
        before = context.rated_before_leg_day(side.region_id, TRAINING_DAY_LOOK_BACK)
        if before is None and _leg_day_just_before(context):
            continue  # not rated since the previous session: it may be its soreness
        if before is None or first.level - before.level >= TRAINING_DAY_JUMP:
            found.append(side)
    if not found:
        return None
    seen = _names(group, [side.course[0] for side in found], context)
    later = [side.latest for side in found if side.latest.date != side.course[0].date]
    if later:
        levels = " and ".join(dict.fromkeys(str(rating.level) for rating in later))
        seen += f", still at {levels} {context.when(later[-1].date)}"
    return _finding(
        AlertKind.SEVERE_ON_TRAINING_DAY,
        Severity.CHECK,
        seen,
        "soreness from training starts 12–24 hours after the session, so pain this strong on "
        "the training day itself points to a strain or another injury; rest it, skip massage "
        "and heat, and get it checked if it does not settle",
        group,
        [side.latest for side in found],
    )


def _leg_day_just_before(context: AdviceContext) -> bool:
    """True when another leg day was within TRAINING_DAY_LOOK_BACK days before this one."""
    if context.leg_day is None or not context.earlier_leg_days:
        return False
    earlier = max(day.date for day in context.earlier_leg_days)
    return (context.leg_day.date - earlier).days <= TRAINING_DAY_LOOK_BACK


def _possible_clot(
    context: AdviceContext,
    group: MuscleGroup,
    sides: dict[Side, _Side],
    symptoms: dict[WarningSymptom, ReportedSymptom],
) -> _Finding | None:
    """One calf rising after day 2 while the other calf is at most 1 (or not rated).

    The rise is to a new high above 2 since the soreness began (a wobble below the peak,
    or a mild 1 or 2, is not it); the alert stands while that calf stays at least as sore.
    Days count from the leg day the soreness began after: a new leg day does not restart
    them for a calf that was already sore.
    """
    for side in Side:
        this, other = sides.get(side), sides.get(side.mirrored)
        if this is None or (other is not None and other.latest.level > OTHER_CALF_AT_MOST):
            continue
        course, offset = _episode(context, this)
        risen = None
        for index in range(1, len(course)):
            rating, before = course[index], course[:index]
            if (
                rating.level > RECOVERED_AT
                and rating.level > max(earlier.level for earlier in before)
                and _episode_day(context, rating.date, offset) > CLOT_AFTER_DAY
            ):
                risen = index
        if risen is None or this.latest.level < course[risen].level:
            continue
        seen = _rise_story_of(course[risen - 1], course[risen], context)
        if course[risen] is not this.latest:
            seen += f", still {this.latest.level} {context.when(this.latest.date)}"
        mirror = region_by_id(region_by_id(this.region_id).mirror_id)
        against = (
            f"the {_side_name(other.latest)} is at {other.latest.level}"
            if other is not None
            else f"the {_in_sentence(mirror.name)} is not rated"
        )
        return _finding(
            AlertKind.POSSIBLE_CLOT,
            Severity.URGENT,
            _and_reported(
                context,
                f"{_side_name(this.latest)[0].upper()}{_side_name(this.latest)[1:]} {seen} "
                f"while {against}",
                AlertKind.POSSIBLE_CLOT,
                symptoms,
            ),
            "calf pain that grows on one side can be a blood clot (deep vein thrombosis); "
            "get medical care today, at once if you are short of breath or have chest pain, "
            "and do not massage, roll or heat that leg",
            group,
            [this.latest],
        )
    return None


def _episode(context: AdviceContext, side: _Side) -> tuple[tuple[SorenessRating, ...], int]:
    """A side's ratings since its soreness began, and the days from that leg day to this one.

    A side already sore in the days before this leg day began its soreness after the
    previous one: its rating from then leads the course, and days count from that leg day.
    """
    leg_day = context.leg_day
    if leg_day is None:
        return side.course, 0
    before = context.rated_before_leg_day(side.region_id, TRAINING_DAY_LOOK_BACK)
    if before is None or before.level < 1 or not context.earlier_leg_days:
        return side.course, 0
    earlier = max(context.earlier_leg_days, key=lambda day: day.date)
    return (before, *side.course), (leg_day.date - earlier.date).days


def _episode_day(context: AdviceContext, date: dt.date, offset: int) -> int:
    """Days after the leg day the soreness began after (any day counts with no leg day)."""
    if context.leg_day is None:
        return NO_LEG_DAY
    return context.day_of(date) + offset


def _and_reported(
    context: AdviceContext,
    seen: str,
    kind: AlertKind,
    symptoms: dict[WarningSymptom, ReportedSymptom],
) -> str:
    """``seen``, and the reported symptoms that are the same cause (``_SAME_CAUSE``)."""
    told = []
    for symptom in _SAME_CAUSE[kind]:
        reported = symptoms.get(symptom)
        if reported is not None:
            phrase = _PHRASES[symptom]
            if symptom in _WEIGHT_BEARING and reported.could_not_bear_weight:
                phrase += " and could not put weight on the leg"
            told.append(f"{phrase} {context.when_reported(reported.last_reported)}")
    if not told:
        return seen
    who = "reported" if context.for_the_record else "you reported"
    return f"{seen}, and {who} {' and '.join(told)}"


def _rose(sides: Sequence[_Side], context: AdviceContext) -> str:
    """``Left calf rose from 2 on day 2 to 6 today (day 3)``; ``Both shins rose …`` once."""
    return _sentence(sides, lambda side: _rise_story(side, context))


def _rise_story(side: _Side, context: AdviceContext) -> str:
    """``rose from 2 on day 2 to 6 today (day 3)``."""
    previous = side.previous
    assert previous is not None
    return _rise_story_of(previous, side.latest, context)


def _rise_story_of(before: SorenessRating, after: SorenessRating, context: AdviceContext) -> str:
    return (
        f"rose from {before.level} {context.when(before.date)} to {after.level} "
        f"{context.when(after.date)}"
    )


def _sentence(sides: Sequence[_Side], story: Callable[[_Side], str]) -> str:
    """What each side did, the group named once when both sides did the same."""
    stories = [story(side) for side in sides]
    if len(sides) == 2 and stories[0] == stories[1]:
        text = f"{region_by_id(sides[0].region_id).group.both_name} {stories[0]}"
    else:
        text = " and ".join(
            f"{_side_name(side.latest)} {told}" for side, told in zip(sides, stories, strict=True)
        )
    return text[0].upper() + text[1:]


def _possible_compartment_syndrome(
    context: AdviceContext,
    group: MuscleGroup,
    sides: dict[Side, _Side],
    symptoms: dict[WarningSymptom, ReportedSymptom],
) -> _Finding | None:
    """Shins: a rise of 3+ between two days after day 1, or 7+ and still rising from day 3."""
    fast, high = [], []
    for side in _ordered(sides):
        previous, rise = side.previous, side.rise
        if previous is None or rise is None or rise <= 0:
            continue
        if rise >= SHIN_FAST_RISE and _episode_day(context, previous.date, 0) > 1:
            fast.append(side)
        elif side.latest.level >= SHIN_HIGH and _episode_day(context, side.latest.date, 0) >= (
            SHIN_HIGH_FROM_DAY
        ):
            high.append(side)
    if not fast and not high:
        return None
    seen = [_rose(fast, context)] if fast else []
    if high:
        seen.append(f"{_names(group, [side.latest for side in high], context)} and still rising")
    return _finding(
        AlertKind.POSSIBLE_COMPARTMENT_SYNDROME,
        Severity.URGENT,
        _and_reported(
            context,
            " and ".join([seen[0], *(part[0].lower() + part[1:] for part in seen[1:])]),
            AlertKind.POSSIBLE_COMPARTMENT_SYNDROME,
            symptoms,
        ),
        "shin pain that climbs like this can be compartment syndrome, pressure building "
        "inside the muscle; get medical care now",
        group,
        [side.latest for side in (*fast, *high)],
    )


def _joint_pain(
    context: AdviceContext,
    group: MuscleGroup,
    sides: dict[Side, _Side],
    symptoms: dict[WarningSymptom, ReportedSymptom],
) -> _Finding | None:
    """A joint at 4 or more: a check; urgent when it locks, gives way or swells."""
    found = [side.latest for side in _ordered(sides) if side.latest.level >= JOINT_LEVEL]
    if not found:
        return None
    who = _names(group, found, context)
    joint = group.side_name
    if WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY in symptoms:
        why = f"get the {joint} seen today and keep weight off it until then"
    elif WarningSymptom.SEVERE_SWELLING in symptoms:  # said in its own warning, above
        why = (
            f"joint pain with swelling is not muscle soreness; get the {joint} seen today and "
            "keep weight off it until then"
        )
    else:
        why = ""
    if why:
        return _finding(
            AlertKind.JOINT_PAIN,
            Severity.URGENT,
            _and_reported(context, who, AlertKind.JOINT_PAIN, symptoms),
            why,
            group,
            found,
        )
    return _finding(
        AlertKind.JOINT_PAIN,
        Severity.CHECK,
        who,
        f"joint pain is not muscle soreness; get it checked if it persists or the {joint} "
        "locks, swells or gives way",
        group,
        found,
    )


# What the person said the pain is like, when that is not how soreness feels (a dull,
# diffuse ache; Cheung 2003): the alert, and why, in words of the facts file.
_UNLIKE_SORENESS = {
    PainQuality.SHARP: (
        AlertKind.SHARP_PAIN,
        "a sharp, stabbing pain is not how muscle soreness feels and points to a strain; "
        "stop loading that muscle and get it checked if it is not easing",
    ),
    PainQuality.BURNING: (
        AlertKind.BURNING_PAIN,
        "burning or tingling is not how muscle soreness feels; it may come from a nerve or "
        "from pressure building in the muscle: get it checked soon, and get care now if the "
        "leg turns numb, or tight, hard and swollen",
    ),
}


def _felt_unlike_soreness(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> list[_Finding]:
    """A muscle whose latest rating was said to feel sharp, or burning: a check each."""
    findings = []
    for quality, (kind, why) in _UNLIKE_SORENESS.items():
        found = [side.latest for side in _ordered(sides) if side.latest.quality is quality]
        if found:
            felt = f"{_names(group, found, context)}, felt as {quality.label.lower()}"
            findings.append(_finding(kind, Severity.CHECK, felt, why, group, found))
    return findings


def _tendon_pain(
    context: AdviceContext,
    group: MuscleGroup,
    sides: dict[Side, _Side],
    symptoms: dict[WarningSymptom, ReportedSymptom],
) -> _Finding | None:
    """The Achilles and ankle at 4 or more: a check; with a sudden sharp pain, urgent.

    A sudden pop or sharp pain at the back of the ankle may be a torn tendon, whatever
    its rating; a gradual ache there is more like tendinopathy (NHS; AAOS OrthoInfo).
    """
    sudden = WarningSymptom.SUDDEN_SHARP_PAIN in symptoms
    least = 1 if sudden else TENDON_LEVEL
    found = [side.latest for side in _ordered(sides) if side.latest.level >= least]
    if not found:
        return None
    who = _names(group, found, context)
    if sudden:
        return _finding(
            AlertKind.TENDON_PAIN,
            Severity.URGENT,
            _and_reported(context, who, AlertKind.TENDON_PAIN, symptoms),
            "a sudden pop or sharp pain at the back of the ankle may be a torn Achilles "
            "tendon; get it seen today and keep weight off it until then",
            group,
            found,
        )
    return _finding(
        AlertKind.TENDON_PAIN,
        Severity.CHECK,
        who,
        "pain in the Achilles tendon or ankle is not muscle soreness; ease off jumping and "
        "running and get it checked if it persists",
        group,
        found,
    )


def _extreme(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> _Finding | None:
    """8 or more, with no urgent symptom reported: ask about the signs of muscle breakdown."""
    found = [side.latest for side in _ordered(sides) if side.latest.level >= EXTREME_LEVEL]
    if not found:
        return None
    ask = (
        "check for dark urine, unusual weakness, pain far worse than expected and swelling"
        if context.for_the_record
        else "check for dark urine, unusual weakness, pain far worse than expected and "
        "swelling, and tick them in the check-in if you have them"
    )
    return _finding(
        AlertKind.EXTREME_SORENESS,
        Severity.CHECK,
        _names(group, found, context),
        f"soreness this strong can still be ordinary after a first or unusually hard session, "
        f"but {ask}",
        group,
        found,
    )


def _rising_after_day_3(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> tuple[_Finding | None, set[Side]]:
    """A rise of 2 or more ending after day 3, or two rises in a row after day 3."""
    rising: dict[Side, _Side] = {}
    for key, side in sides.items():
        course, rise = side.course, side.rise
        if rise is None or rise <= 0 or context.day_of(side.latest.date) <= RISING_AFTER_DAY:
            continue
        twice = (
            len(course) >= 3
            and context.day_of(course[-2].date) > RISING_AFTER_DAY
            and course[-2].level > course[-3].level
        )
        if (rise >= BIG_RISE or twice) and side.latest.level > RECOVERED_AT:
            rising[key] = side

    def story(side: _Side) -> str:
        course = side.course
        if side.rise is not None and side.rise >= BIG_RISE:
            return _rise_story(side, context)
        return (
            f"rose from {course[-3].level} to {course[-2].level} {context.when(course[-2].date)} "
            f"and to {side.latest.level} {context.when(side.latest.date)}"
        )

    if not rising:
        return None, set()
    ordered = [rising[side] for side in Side if side in rising]
    return (
        _finding(
            AlertKind.RISING_AFTER_DAY_3,
            Severity.CHECK,
            _sentence(ordered, story),
            "soreness normally eases after the third day; keep an eye on it and get it checked "
            "if it keeps rising or has not eased in a day or two",
            group,
            [side.latest for side in ordered],
        ),
        set(rising),
    )


def _late_soreness(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> _Finding | None:
    """4 or more on days 5–7, while not falling."""
    first, last = LATE_DAYS
    found = [
        side.latest
        for side in _ordered(sides)
        if first <= context.day_of(side.latest.date) <= last
        and side.latest.level >= LATE_LEVEL
        and (side.rise is None or side.rise >= 0)
    ]
    if not found:
        return None
    return _finding(
        AlertKind.LATE_SORENESS,
        Severity.CHECK,
        _names(group, found, context),
        "soreness is usually fading by now and this is not; keep an eye on it and get it "
        "checked if it does not ease over the next few days",
        group,
        found,
    )


def _lasting(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> _Finding | None:
    """3 or more after day 7 (1–2 lingering is not an alert)."""
    found = [
        side.latest
        for side in _ordered(sides)
        if context.day_of(side.latest.date) > LASTING_AFTER_DAY
        and side.latest.level >= LASTING_LEVEL
    ]
    if not found:
        return None
    return _finding(
        AlertKind.LASTING,
        Severity.CHECK,
        _names(group, found, context),
        f"still sore {_how_long(context, found)} after {context.your} leg day, when soreness "
        "has usually faded; have a clinician look at it if it does not clear soon",
        group,
        found,
    )


def _how_long(context: AdviceContext, found: Sequence[SorenessRating]) -> str:
    days = max(context.day_of(rating.date) for rating in found)
    return "more than a week" if days <= 14 else f"{days} days"


def _one_side_sorer(
    context: AdviceContext, group: MuscleGroup, sides: dict[Side, _Side]
) -> _Finding | None:
    """One side 3 or more points sorer than the other: more like a strain."""
    left, right = sides.get(Side.LEFT), sides.get(Side.RIGHT)
    if left is None or right is None:
        return None
    if abs(left.latest.level - right.latest.level) < ONE_SIDE_GAP:
        return None
    sorer, other = (left, right) if left.latest.level > right.latest.level else (right, left)
    if sorer.latest.date == other.latest.date:
        seen = (
            f"{_side_name(sorer.latest)} at {sorer.latest.level} but the "
            f"{_side_name(other.latest)} at {other.latest.level} {context.when(sorer.latest.date)}"
        )
    else:
        seen = (
            f"{_side_name(sorer.latest)} at {sorer.latest.level} "
            f"{context.when(sorer.latest.date)} but the {_side_name(other.latest)} at "
            f"{other.latest.level} {context.when(other.latest.date)}"
        )
    return _finding(
        AlertKind.ONE_SIDE_SORER,
        Severity.CHECK,
        seen[0].upper() + seen[1:],
        "one side 3 or more points sorer after an exercise that worked both can mean a "
        "strain, especially if it began suddenly; rest it and get it checked if it is not "
        "easing",
        group,
        [sorer.latest],
    )
