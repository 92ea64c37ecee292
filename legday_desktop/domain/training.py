"""Logged training: sets of a session, imported from a training app or typed, in kilograms."""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass

from legday_desktop.domain.errors import DomainError, check_text
from legday_desktop.domain.wording import N_, _

MAX_EXERCISE_NAME_LENGTH = 100
MAX_SETS_PER_LEG_DAY = 400
MAX_REPS = 1000
MAX_WEIGHT_KG = 1000.0
LB_IN_KG = 0.45359237


class SetType(enum.StrEnum):
    """What kind of set it was; warm-ups are not working sets and carry no training load."""

    NORMAL = "normal"
    WARMUP = "warmup"
    DROP = "drop"
    FAILURE = "failure"

    @property
    def label(self) -> str:
        return _(_SET_TYPE_LABELS[self])


_SET_TYPE_LABELS = {
    SetType.NORMAL: N_("normal"),
    SetType.WARMUP: N_("warm-up"),
    SetType.DROP: N_("drop set"),
    SetType.FAILURE: N_("to failure"),
}
SET_TYPE_IDS = tuple(kind.value for kind in SetType)


class WeightUnit(enum.StrEnum):
    """The unit a file's weights are in."""

    KG = "kg"
    LB = "lb"

    def to_kg(self, weight: float) -> float:
        return weight if self is WeightUnit.KG else weight * LB_IN_KG

    def from_kg(self, weight_kg: float) -> float:
        """``weight_kg`` in this unit (weights are stored in kilograms)."""
        return weight_kg if self is WeightUnit.KG else weight_kg / LB_IN_KG


@dataclass(frozen=True, slots=True)
class WorkoutSet:
    """One set of one exercise: ``order`` counts from 1 within the leg day.

    ``reps`` and ``weight_kg`` are None when not logged (a plank has no reps, a
    body-weight squat no weight); ``rpe`` is the effort 1–10 (halves allowed).
    """

    exercise: str
    order: int
    reps: int | None = None
    weight_kg: float | None = None
    rpe: float | None = None
    set_type: SetType = SetType.NORMAL

    def __post_init__(self) -> None:
        check_text(self.exercise, "exercise", MAX_EXERCISE_NAME_LENGTH)
        if not self.exercise.strip():
            raise DomainError("exercise", _("a set needs its exercise's name"))
        if any(character < " " or "\x7f" <= character <= "\x9f" for character in self.exercise):
            # A line break or NUL in a name would split what Legday prints, or end it.
            raise DomainError("exercise", _("contains a control character (a line break, NUL …)"))
        if not isinstance(self.order, int) or isinstance(self.order, bool) or self.order < 1:
            raise DomainError("order", f"must be a whole number from 1, got {self.order!r}")
        if self.reps is not None and (
            not isinstance(self.reps, int)
            or isinstance(self.reps, bool)
            or not 0 <= self.reps <= MAX_REPS
        ):
            raise DomainError("reps", f"must be a whole number 0–{MAX_REPS}, got {self.reps!r}")
        if self.weight_kg is not None and not _number_within(self.weight_kg, 0, MAX_WEIGHT_KG):
            raise DomainError("weight", f"must be 0–{MAX_WEIGHT_KG:g} kg, got {self.weight_kg!r}")
        if self.rpe is not None and not _number_within(self.rpe, 1, 10):
            raise DomainError("rpe", f"must be 1–10, got {self.rpe!r}")
        if not isinstance(self.set_type, SetType):
            raise DomainError("set_type", f"must be one of {', '.join(SET_TYPE_IDS)}")

    @property
    def is_working(self) -> bool:
        """True for every set but a warm-up."""
        return self.set_type is not SetType.WARMUP

    @property
    def volume_kg(self) -> float:
        """Reps × kilograms (0 when either is not logged)."""
        if self.reps is None or self.weight_kg is None:
            return 0.0
        return self.reps * self.weight_kg


def _number_within(value: object, low: float, high: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and low <= value <= high


@dataclass(frozen=True, slots=True)
class WorkoutSession:
    """One session read from a training app's export: a date, what it was called, its sets.

    ``line`` is the file line of its first set (for messages); several sessions on one
    date become one leg day.
    """

    date: dt.date
    title: str
    sets: tuple[WorkoutSet, ...]
    start_time: dt.time | None = None
    notes: str = ""
    duration_minutes: int | None = None
    line: int = 0

    @property
    def exercises(self) -> tuple[str, ...]:
        """The exercises in the order first done."""
        return tuple(dict.fromkeys(one.exercise for one in self.sets))

    @property
    def working_sets(self) -> tuple[WorkoutSet, ...]:
        return tuple(one for one in self.sets if one.is_working)


@dataclass(frozen=True, slots=True)
class ReadWorkouts:
    """What a training app's export holds: its sessions, in file order, and what was skipped.

    ``app`` is ``strong``, ``hevy`` or ``fitnotes``; ``unit`` the weight unit its numbers
    were read in (from the file, or the one the caller gave); ``skipped_rows`` the rows that
    are not sets (Strong's rest timers, rows with no exercise).
    """

    app: str
    unit: WeightUnit
    sessions: tuple[WorkoutSession, ...]
    skipped_rows: int = 0


@dataclass(frozen=True, slots=True)
class GroupLoad:
    """One muscle group's training load on one leg day (warm-ups excluded).

    ``hard_sets`` counts working sets, each weighted by the exercise's share of load on
    this group (1.0 = prime mover); ``volume_kg`` is reps × kg × that share; ``novelty``
    (0–1) sets this load against the group's load over the previous four weeks:
    ``hard_sets / (hard_sets + weekly average before)``, so 1 is all new, 0.5 as usual.
    """

    hard_sets: float
    volume_kg: float
    novelty: float = 1.0
