"""The whole recovery journal as plain data, and the overview of a single day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import attrgetter

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.soreness import RatingColumns, SorenessRating


@dataclass(frozen=True, slots=True)
class Journal:
    """Everything a user recorded: leg days, ratings and check-ins by date, and the profile."""

    leg_days: tuple[LegDay, ...] = ()
    ratings: tuple[SorenessRating, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()
    profile: Profile = field(default_factory=Profile)

    @property
    def is_empty(self) -> bool:
        return not (self.leg_days or self.ratings or self.check_ins) and self.profile.is_empty

    def sorted(self) -> Journal:
        """The same journal in canonical order: by date, ratings then by region id."""
        by_date = attrgetter("date")
        return Journal(
            tuple(sorted(self.leg_days, key=by_date)),
            tuple(sorted(self.ratings, key=attrgetter("date", "region_id"))),
            tuple(sorted(self.check_ins, key=by_date)),
            self.profile,
        )


@dataclass(frozen=True, slots=True)
class JournalColumns:
    """A whole journal in canonical order, its ratings column by column: what exports write."""

    leg_days: tuple[LegDay, ...] = ()
    ratings: RatingColumns = field(default_factory=RatingColumns)
    check_ins: tuple[CheckIn, ...] = ()
    profile: Profile = field(default_factory=Profile)

    @classmethod
    def of(cls, journal: Journal) -> JournalColumns:
        by_date = attrgetter("date")
        return cls(
            tuple(sorted(journal.leg_days, key=by_date)),
            RatingColumns.of(journal.ratings),
            tuple(sorted(journal.check_ins, key=by_date)),
            journal.profile,
        )

    def journal(self) -> Journal:
        return Journal(self.leg_days, tuple(self.ratings), self.check_ins, self.profile)


@dataclass(frozen=True, slots=True)
class DayOverview:
    """What the user sees first for a date: its leg day, ratings, check-in and the profile."""

    date: dt.date
    leg_day: LegDay | None
    ratings: tuple[SorenessRating, ...]
    check_in: CheckIn | None
    profile: Profile = field(default_factory=Profile)

    @property
    def days_after(self) -> int | None:
        return None if self.leg_day is None else (self.date - self.leg_day.date).days


@dataclass(frozen=True, slots=True)
class JournalChange:
    """Records to put into the journal by key, all in one transaction; None removes one.

    ``ratings`` is keyed by (date, region id). ``profile`` replaces the standing answers
    (an empty Profile removes them); None leaves them as they are. Applying a change
    returns its inverse: the same keys with what was stored before, so undo is applying
    that.
    """

    leg_days: Mapping[dt.date, LegDay | None] = field(default_factory=dict)
    ratings: Mapping[tuple[dt.date, str], SorenessRating | None] = field(default_factory=dict)
    check_ins: Mapping[dt.date, CheckIn | None] = field(default_factory=dict)
    profile: Profile | None = None

    def __post_init__(self) -> None:
        for date, leg_day in self.leg_days.items():
            if leg_day is not None and leg_day.date != date:
                raise DomainError("date", f"leg day of {leg_day.date} filed under {date}")
        for (date, region_id), rating in self.ratings.items():
            if rating is not None and (rating.date, rating.region_id) != (date, region_id):
                raise DomainError("region", f"rating of {rating.region_id} filed under {region_id}")
        for date, check_in in self.check_ins.items():
            if check_in is not None and check_in.date != date:
                raise DomainError("date", f"check-in of {check_in.date} filed under {date}")

    @property
    def dates(self) -> frozenset[dt.date]:
        """Every calendar date this change touches."""
        return frozenset([*self.leg_days, *(date for date, _ in self.ratings), *self.check_ins])

    @property
    def is_empty(self) -> bool:
        """True when applying it would change nothing."""
        return not (self.leg_days or self.ratings or self.check_ins) and self.profile is None

    @property
    def touches_leg_days(self) -> bool:
        return bool(self.leg_days)

    @property
    def touches_profile(self) -> bool:
        return self.profile is not None
