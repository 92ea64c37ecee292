"""The whole recovery journal as plain data, and the overview of a single day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating


@dataclass(frozen=True, slots=True)
class Journal:
    """Everything a user recorded: leg days, soreness ratings and check-ins, by date."""

    leg_days: tuple[LegDay, ...] = ()
    ratings: tuple[SorenessRating, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.leg_days or self.ratings or self.check_ins)

    def sorted(self) -> Journal:
        """The same journal in canonical order: by date, ratings then by region id."""
        return Journal(
            tuple(sorted(self.leg_days, key=lambda leg_day: leg_day.date)),
            tuple(sorted(self.ratings, key=lambda rating: (rating.date, rating.region_id))),
            tuple(sorted(self.check_ins, key=lambda check_in: check_in.date)),
        )


@dataclass(frozen=True, slots=True)
class DayOverview:
    """What the user sees first for a date: its leg day, how many days after, its ratings."""

    date: dt.date
    leg_day: LegDay | None
    ratings: tuple[SorenessRating, ...]
    check_in: CheckIn | None

    @property
    def days_after(self) -> int | None:
        return None if self.leg_day is None else (self.date - self.leg_day.date).days
