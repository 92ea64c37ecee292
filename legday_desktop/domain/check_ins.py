"""The daily check-in: warning symptoms and the recovery actions of one calendar day."""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.leg_days import check_date
from legday_desktop.domain.soreness import check_note
from legday_desktop.domain.wording import N_, _


class Severity(enum.StrEnum):
    """How soon a warning needs a clinician."""

    URGENT = "urgent"  # seek care now or today
    CHECK = "check"  # keep an eye on it; get it checked if it is not easing

    @property
    def heading(self) -> str:
        """What a warning of this severity says first, wherever it is shown."""
        return _(_SEVERITY_HEADINGS[self])


_SEVERITY_HEADINGS = {
    Severity.URGENT: N_("⚠ Seek medical attention"),
    Severity.CHECK: N_("Keep an eye on it: get it checked if it is not easing"),
}


class WarningSymptom(enum.StrEnum):
    """A symptom that is never ordinary muscle soreness, in the order the check-in lists them.

    The urgent ones come first; ``CANNOT_BEAR_WEIGHT`` is the follow-up question that
    makes the two check symptoms urgent (see ``severity_of``).
    """

    DIZZINESS = "dizziness"
    LABOURED_BREATHING = "laboured_breathing"
    FEVER = "fever"
    UNUSUAL_WEAKNESS = "unusual_weakness"
    DARK_URINE = "dark_urine"
    SEVERE_SWELLING = "severe_swelling"
    PAIN_FAR_WORSE_THAN_EXPECTED = "pain_far_worse_than_expected"
    ONE_LEG_SWOLLEN_WARM_RED = "one_leg_swollen_warm_red"
    TIGHT_HARD_SWOLLEN_SHIN_OR_CALF = "tight_hard_swollen_shin_or_calf"
    NUMBNESS_OR_TINGLING = "numbness_or_tingling"
    SUDDEN_SHARP_PAIN = "sudden_sharp_pain"
    JOINT_LOCKS_OR_GIVES_WAY = "joint_locks_or_gives_way"
    CANNOT_BEAR_WEIGHT = "cannot_bear_weight"

    @property
    def label(self) -> str:
        return _(_SYMPTOM_LABELS[self])

    @property
    def severity(self) -> Severity:
        """The symptom's severity on its own (see ``severity_of`` for the follow-up)."""
        return Severity.CHECK if self in CHECK_SYMPTOMS else Severity.URGENT


_SYMPTOM_LABELS = {
    WarningSymptom.DIZZINESS: N_("Dizziness"),
    WarningSymptom.LABOURED_BREATHING: N_("Laboured breathing"),
    WarningSymptom.FEVER: N_("Fever"),
    WarningSymptom.UNUSUAL_WEAKNESS: N_("Unusual muscle weakness"),
    WarningSymptom.DARK_URINE: N_("Dark (tea- or cola-coloured) urine"),
    WarningSymptom.SEVERE_SWELLING: N_("Severe swelling"),
    WarningSymptom.PAIN_FAR_WORSE_THAN_EXPECTED: N_("Pain far worse than expected"),
    WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED: N_("One calf or leg swollen, warm or red"),
    WarningSymptom.TIGHT_HARD_SWOLLEN_SHIN_OR_CALF: N_("A tight, hard, swollen shin or calf"),
    WarningSymptom.NUMBNESS_OR_TINGLING: N_("Numbness or tingling"),
    WarningSymptom.SUDDEN_SHARP_PAIN: N_("Sudden sharp pain during exercise"),
    WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY: N_("A joint that locks or gives way"),
    WarningSymptom.CANNOT_BEAR_WEIGHT: N_("I cannot put weight on the leg"),
}
# Get these checked if they are not easing, unless the person cannot bear weight.
CHECK_SYMPTOMS = frozenset(
    {WarningSymptom.SUDDEN_SHARP_PAIN, WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY}
)


def severity_of(symptom: WarningSymptom, reported: frozenset[WarningSymptom]) -> Severity:
    """The severity of ``symptom`` reported together with ``reported`` (the same day's).

    A sudden sharp pain or a joint that gives way is urgent when the person also cannot
    put weight on the leg.
    """
    if symptom in CHECK_SYMPTOMS and WarningSymptom.CANNOT_BEAR_WEIGHT in reported:
        return Severity.URGENT
    return symptom.severity


class RecoveryAction(enum.StrEnum):
    """Something the user did that day that may matter for recovery (yes or no)."""

    LIGHT_ACTIVITY = "light_activity"
    STRETCHING = "stretching"
    FOAM_ROLLING_OR_MASSAGE = "foam_rolling_or_massage"
    HEAT = "heat"
    COLD = "cold"
    PROTEIN_RICH_MEALS = "protein_rich_meals"

    @property
    def label(self) -> str:
        return _(_ACTION_LABELS[self])


_ACTION_LABELS = {
    RecoveryAction.LIGHT_ACTIVITY: N_("Light activity"),
    RecoveryAction.STRETCHING: N_("Stretching"),
    RecoveryAction.FOAM_ROLLING_OR_MASSAGE: N_("Foam rolling or massage"),
    RecoveryAction.HEAT: N_("Heat"),
    RecoveryAction.COLD: N_("Cold"),
    RecoveryAction.PROTEIN_RICH_MEALS: N_("Protein-rich meals"),
}

MAX_WATER_LITRES = 15.0
MAX_SLEEP_HOURS = 24.0


def _check_amount(value: object, field: str, high: float, unit: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DomainError(field, f"must be a number of {unit} from 0 to {high:g}, got {value!r}")
    if not 0 <= value <= high:
        raise DomainError(field, f"{value:g} {unit} is outside 0–{high:g}")
    return float(value)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """What the user reported for one day besides soreness: symptoms and recovery actions.

    ``water_litres`` and ``sleep_hours`` are None when not recorded.
    """

    date: dt.date
    symptoms: frozenset[WarningSymptom] = frozenset()
    actions: frozenset[RecoveryAction] = frozenset()
    water_litres: float | None = None
    sleep_hours: float | None = None
    note: str = ""

    def __post_init__(self) -> None:
        check_date(self.date)
        for field, values, kind in (
            ("symptoms", self.symptoms, WarningSymptom),
            ("actions", self.actions, RecoveryAction),
        ):
            if not isinstance(values, frozenset):
                raise DomainError(field, _("must be a set"))
            for value in values:
                if not isinstance(value, kind):
                    raise DomainError(field, f"unknown {field[:-1]} {value!r}")
        # Store amounts as floats so that 2 and 2.0 compare and export alike.
        object.__setattr__(
            self,
            "water_litres",
            _check_amount(self.water_litres, "water_litres", MAX_WATER_LITRES, "litres"),
        )
        object.__setattr__(
            self,
            "sleep_hours",
            _check_amount(self.sleep_hours, "sleep_hours", MAX_SLEEP_HOURS, "hours"),
        )
        check_note(self.note)

    @property
    def has_warning(self) -> bool:
        """True when any warning symptom was reported: the user should seek medical care."""
        return bool(self.symptoms)

    @property
    def is_empty(self) -> bool:
        return self == CheckIn(self.date)


def parse_symptom(text: str) -> WarningSymptom:
    """Return the symptom with this id, or raise a DomainError listing the known ones."""
    try:
        return WarningSymptom(text)
    except ValueError:
        known = ", ".join(symptom.value for symptom in WarningSymptom)
        raise DomainError("symptoms", f"unknown symptom {text!r}; known: {known}") from None


def parse_action(text: str) -> RecoveryAction:
    """Return the recovery action with this id, or raise a DomainError listing the known ones."""
    try:
        return RecoveryAction(text)
    except ValueError:
        known = ", ".join(action.value for action in RecoveryAction)
        raise DomainError("actions", f"unknown recovery action {text!r}; known: {known}") from None
