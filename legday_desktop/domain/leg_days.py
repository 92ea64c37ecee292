"""Leg days (training sessions) and which leg day a calendar day belongs to."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legday_desktop.domain.errors import DomainError, check_text
from legday_desktop.domain.exercises import group_loads
from legday_desktop.domain.soreness import check_note
from legday_desktop.domain.wording import _

if TYPE_CHECKING:
    from legday_desktop.domain.training import WorkoutSet

MAX_TITLE_LENGTH = 200
MAX_EXERCISE_LENGTH = 100
MAX_EXERCISES = 40
MAX_DURATION_MINUTES = 24 * 60


def check_date(value: object, field: str = "date") -> dt.date:
    """Return ``value`` if it is a calendar date (not a datetime), else raise DomainError."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(field, f"must be a calendar date, got {value!r}")
    return value


def _check_optional_int(value: object, field: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(field, f"must be a whole number from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise DomainError(field, f"{value} is outside {low}–{high}")
    return value


@dataclass(frozen=True, slots=True)
class LegDay:
    """One training session: its date (one leg day per date), exercises and effort.

    ``exercises`` are names, either from the built-in catalogue or free text.
    ``rpe`` is the perceived effort 1–10; ``duration_minutes`` the session length.
    ``sets`` are the logged sets (imported from a training app), numbered from 1.
    """

    date: dt.date
    title: str = ""
    exercises: tuple[str, ...] = ()
    rpe: int | None = None
    duration_minutes: int | None = None
    start_time: dt.time | None = None
    notes: str = ""
    sets: tuple[WorkoutSet, ...] = ()

    def __post_init__(self) -> None:
        check_date(self.date)
        check_text(self.title, "title", MAX_TITLE_LENGTH)
        if not isinstance(self.exercises, tuple):
            raise DomainError("exercises", _("must be a list of exercise names"))
        if len(self.exercises) > MAX_EXERCISES:
            raise DomainError("exercises", f"more than {MAX_EXERCISES} exercises")
        for name in self.exercises:
            if not isinstance(name, str) or not name.strip():
                raise DomainError("exercises", f"each exercise needs a name, got {name!r}")
            check_text(name, "exercises", MAX_EXERCISE_LENGTH)
        _check_optional_int(self.rpe, "rpe", 1, 10)
        _check_optional_int(self.duration_minutes, "duration_minutes", 1, MAX_DURATION_MINUTES)
        if self.start_time is not None and not isinstance(self.start_time, dt.time):
            raise DomainError("start_time", f"must be a time of day, got {self.start_time!r}")
        check_note(self.notes, "notes")
        if not isinstance(self.sets, tuple):
            raise DomainError("sets", _("must be a list of sets"))
        if self.sets:
            _check_sets(self.sets)

    @property
    def display_title(self) -> str:
        """The title, or "Leg day" when the user gave none."""
        if self.title.strip():
            return self.title.strip()
        return _("Leg day")

    @property
    def loaded_groups(self) -> tuple[str, ...]:
        """Muscle groups the catalogue exercises of this session load, most loaded first."""
        loads = group_loads(self.exercises)
        return tuple(sorted(loads, key=lambda group: -loads[group]))

    def check_not_after(self, today: dt.date) -> None:
        """Raise DomainError if this leg day lies after ``today`` (leg days are never planned)."""
        if self.date > today:
            raise DomainError("date", f"{self.date.isoformat()} is in the future")


def _check_sets(sets: tuple[WorkoutSet, ...]) -> None:
    # Loaded with the first leg day that has sets: the window is shown before that.
    from legday_desktop.domain.training import MAX_SETS_PER_LEG_DAY, WorkoutSet

    if not all(isinstance(one, WorkoutSet) for one in sets):
        raise DomainError("sets", _("must be a list of sets"))
    if len(sets) > MAX_SETS_PER_LEG_DAY:
        raise DomainError("sets", f"more than {MAX_SETS_PER_LEG_DAY} sets in one leg day")
    if len({one.order for one in sets}) != len(sets):
        raise DomainError("sets", _("two sets of one leg day have the same order"))


class LegDayCalendar:
    """The dates of all leg days, answering which leg day a calendar day belongs to.

    A day D belongs to the latest leg day on or before D; ``days_after`` is D minus that
    leg day's date (0 on the leg day itself), or None before the first leg day.
    """

    def __init__(self, leg_day_dates: Iterable[dt.date]) -> None:
        self._dates = sorted(set(leg_day_dates))

    def leg_day_date_for(self, day: dt.date) -> dt.date | None:
        index = bisect.bisect_right(self._dates, day)
        return self._dates[index - 1] if index else None

    def days_after(self, day: dt.date) -> int | None:
        leg_day_date = self.leg_day_date_for(day)
        return None if leg_day_date is None else (day - leg_day_date).days


def days_after(day: dt.date, leg_day_dates: Iterable[dt.date]) -> int | None:
    """Days from the latest leg day on or before ``day`` to ``day``; None if there is none."""
    return LegDayCalendar(leg_day_dates).days_after(day)
