"""What the guidance rules look at for one date: the leg day, its ratings, check-ins, profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from legday_desktop.domain.check_ins import CheckIn, Severity, WarningSymptom, severity_of
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.recovery import DayValues
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import short_day

# A reported warning symptom stands this many days (the day it was reported included),
# across new leg days: a new session does not make dark urine go away.
SYMPTOM_DAYS = 7


@dataclass(frozen=True, slots=True)
class ReportedSymptom:
    """A warning symptom that still stands: the last day it was reported, and how urgent.

    ``severity`` is the strongest of its reports in the last SYMPTOM_DAYS days;
    ``could_not_bear_weight`` says the person could not put weight on the leg then.
    """

    symptom: WarningSymptom
    last_reported: dt.date
    severity: Severity
    could_not_bear_weight: bool = False

    @property
    def is_urgent(self) -> bool:
        return self.severity is Severity.URGENT


@dataclass(frozen=True, slots=True)
class AdviceContext:
    """What the rules look at for one date.

    ``ratings`` covers the days from the leg day (or a week back, with none) to ``date``,
    and may reach a few days before the leg day (to tell soreness carried over from an
    earlier session);
    ``check_ins`` at least the last SYMPTOM_DAYS days; ``earlier_leg_days`` and
    ``earlier_values`` are the history used for readiness.
    """

    date: dt.date
    leg_day: LegDay | None
    ratings: tuple[SorenessRating, ...]
    check_ins: tuple[CheckIn, ...] = ()
    earlier_leg_days: tuple[LegDay, ...] = ()
    earlier_values: DayValues | None = None
    profile: Profile = field(default_factory=Profile)
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

    def courses(self) -> dict[str, tuple[SorenessRating, ...]]:
        """Each region's ratings since the leg day (or in the window, with none), oldest first."""
        start = self.leg_day.date if self.leg_day is not None else dt.date.min
        courses: dict[str, list[SorenessRating]] = {}
        for rating in sorted(self.ratings, key=lambda r: r.date):
            if start <= rating.date <= self.date:
                courses.setdefault(rating.region_id, []).append(rating)
        return {region: tuple(ratings) for region, ratings in courses.items()}

    def rated_before_leg_day(self, region_id: str, days: int) -> SorenessRating | None:
        """The region's latest rating in the ``days`` days before the leg day, if any."""
        if self.leg_day is None:
            return None
        first = self.leg_day.date - dt.timedelta(days=days)
        earlier = [
            rating
            for rating in self.ratings
            if rating.region_id == region_id and first <= rating.date < self.leg_day.date
        ]
        return max(earlier, key=lambda rating: rating.date, default=None)

    def latest(self) -> dict[str, SorenessRating]:
        """Each region's most recent rating since the leg day: it stands until a new one."""
        return {region: course[-1] for region, course in self.courses().items()}

    def reported_symptoms(self) -> dict[WarningSymptom, ReportedSymptom]:
        """The warning symptoms that still stand on the date, in the catalogue's order."""
        first = self.date - dt.timedelta(days=SYMPTOM_DAYS - 1)
        found: dict[WarningSymptom, ReportedSymptom] = {}
        for check_in in sorted(self.check_ins, key=lambda c: c.date):
            if not first <= check_in.date <= self.date:
                continue
            no_weight = WarningSymptom.CANNOT_BEAR_WEIGHT in check_in.symptoms
            for symptom in check_in.symptoms:
                severity = severity_of(symptom, check_in.symptoms)
                earlier = found.get(symptom)
                if earlier is not None and earlier.severity is Severity.URGENT:
                    severity = Severity.URGENT  # an urgent report stands its full week
                found[symptom] = ReportedSymptom(
                    symptom,
                    check_in.date,
                    severity,
                    no_weight or (earlier is not None and earlier.could_not_bear_weight),
                )
        return {symptom: found[symptom] for symptom in WarningSymptom if symptom in found}

    def when(self, date: dt.date) -> str:
        """``today (day 5)``, ``on day 3``; in a record ``on Wed 25 Nov (day 5)``."""
        day = f" (day {self.day_of(date)})" if self.leg_day is not None else ""
        if self.for_the_record:
            return f"on {short_day(date)}{day}"
        if date == self.date:
            return f"today{day}"
        if self.leg_day is None:
            return f"on {short_day(date)}"
        return f"on day {self.day_of(date)}"

    def when_reported(self, date: dt.date) -> str:
        """``today``, ``on Mon 23 Nov`` or ``on Mon 23 Nov, before this leg day``."""
        if date == self.date and not self.for_the_record:
            return "today"
        before = self.leg_day is not None and date < self.leg_day.date
        return f"on {short_day(date)}" + (", before this leg day" if before else "")

    @property
    def your(self) -> str:
        """``your`` to the user, ``the`` in a record for someone else."""
        return "the" if self.for_the_record else "your"
