"""The report for a clinician: a period's leg days, soreness, warnings, alerts and notes."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from legday_desktop.domain.check_ins import CheckIn, Severity, WarningSymptom, severity_of
from legday_desktop.domain.insights import (
    RecoverySummary,
    SeriesSummary,
    main_groups,
    summarise_leg_days,
)
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.recovery import (
    MAX_DAYS_SHOWN,
    TOTAL,
    DayValues,
    RecoveryCurve,
    SideMode,
    Timeline,
    recovery_curve,
    timeline,
)
from legday_desktop.domain.regions import GROUP_IDS, group_by_id, region_by_id
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.training import GroupLoad
from legday_desktop.domain.training_load import leg_day_loads
from legday_desktop.domain.wording import _, short_day
from legday_desktop.guidance.alerts import TRAINING_DAY_LOOK_BACK, AlertKind, pattern_alerts
from legday_desktop.guidance.context import SYMPTOM_DAYS, AdviceContext
from legday_desktop.services.journal import JournalService

DEFAULT_PERIOD_DAYS = 28
MAP_DAYS = (1, 2, 3)
# The timeline shows the total and the sorest groups of the period (at least this sore).
TIMELINE_GROUPS = 3
TIMELINE_GROUP_FROM = 4.0


class ReportError(Exception):
    """The report cannot be made for the period or leg day asked for; says why, for the user."""


class EmptyPeriodError(ReportError):
    """The period holds no leg day (``period`` says which days were looked at)."""

    def __init__(self, message: str, period: Period) -> None:
        super().__init__(message)
        self.period = period


@dataclass(frozen=True, slots=True)
class Period:
    """The calendar days a report covers, both included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, date: object) -> bool:
        return isinstance(date, dt.date) and self.first <= date <= self.last


@dataclass(frozen=True, slots=True)
class DayMap:
    """The level of each rated region on one day after the chosen leg day.

    Regions missing from ``levels`` were not rated that day. ``remark`` says when the day
    is not plainly part of the leg day (after the period, or after the next leg day).
    """

    days_after: int
    date: dt.date
    levels: dict[str, int]
    remark: str = ""


@dataclass(frozen=True, slots=True)
class DatedSymptom:
    """A warning symptom reported in the check-in of one day, and how urgent it was."""

    date: dt.date
    symptom: WarningSymptom
    severity: Severity = Severity.URGENT

    @property
    def label(self) -> str:
        return self.symptom.label


@dataclass(frozen=True, slots=True)
class DatedAlert:
    """A pattern alert that stood from ``first`` to ``last`` (the same kind and region)."""

    first: dt.date
    last: dt.date
    kind: AlertKind
    severity: Severity
    message: str  # as worded on its first day
    region_id: str | None = None

    @property
    def title(self) -> str:
        return self.kind.heading


@dataclass(frozen=True, slots=True)
class DatedNote:
    """A note the user wrote, with the day and what it was written on."""

    date: dt.date
    about: str  # "Leg day: Squat day", "Check-in", "Left hamstrings, level 7"
    text: str


@dataclass(frozen=True, slots=True)
class LegDayRecovery:
    """How one leg day of the period went.

    ``summary`` takes each group as the mean of its two sides, as the app's charts do;
    ``every_side_recovered`` is stricter: the first rated day, from the peak on, with
    every rated side at 2 or less, so one strained side is never averaged away.
    """

    summary: RecoverySummary
    every_side_recovered: int | None

    @property
    def leg_day(self) -> LegDay:
        return self.summary.leg_day

    @property
    def total(self) -> SeriesSummary:
        return self.summary.total


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, for one period and one chosen leg day."""

    period: Period
    made_on: dt.date
    leg_days: tuple[LegDayRecovery, ...]  # the period's leg days, oldest first
    chosen: LegDay
    day_maps: tuple[DayMap, ...]
    curve: RecoveryCurve
    timeline: Timeline
    symptoms: tuple[DatedSymptom, ...]
    alerts: tuple[DatedAlert, ...]
    notes: tuple[DatedNote, ...]
    profile: Profile = field(default_factory=Profile)
    # The period's leg days with logged sets, and each one's load per group.
    training: tuple[LoggedTraining, ...] = ()


@dataclass(frozen=True, slots=True)
class LoggedTraining:
    """A leg day's logged sets and the load they put on each group (most loaded first)."""

    leg_day: LegDay
    loads: tuple[tuple[str, GroupLoad], ...]


def main_group_names(leg_day: LegDay) -> str:
    """``Quads, Glutes`` in catalogue order; an empty string for no known exercise."""
    groups = main_groups(leg_day)
    return ", ".join(group_by_id(group).name for group in GROUP_IDS if group in groups)


def _iso(date: dt.date) -> str:
    return date.isoformat()


def report_period(
    first: dt.date | None,
    last: dt.date | None,
    *,
    today: dt.date,
    journal_start: dt.date | None,
) -> Period:
    """The period asked for; by default the 4 weeks up to today, or less if the journal is.

    Raises ReportError for a period that ends after today or starts after it ends.
    """
    last = today if last is None else last
    if last > today:
        raise ReportError(
            _("the period ends on {last}, after today ({today})").format(
                last=_iso(last), today=_iso(today)
            )
        )
    if first is None:
        first = last - dt.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        if journal_start is not None and first < journal_start <= last:
            first = journal_start
    if first > last:
        raise ReportError(
            _(
                "the period starts on {first}, after its end on {last}; "
                "choose a start on or before the end"
            ).format(first=_iso(first), last=_iso(last))
        )
    return Period(first, last)


def _journal_start(service: JournalService, leg_days: Sequence[LegDay]) -> dt.date | None:
    """The journal's first day: its first rating or first leg day, whichever is earlier."""
    starts = [date for date in (service.first_rating_date(),) if date is not None]
    starts += [leg_days[0].date] if leg_days else []
    return min(starts, default=None)


def default_period(service: JournalService, today: dt.date) -> Period:
    """The period a report covers unless told, in the window and ``legday report`` alike.

    The 4 weeks up to today, or less if the journal is younger.
    """
    leg_days = service.leg_days()
    return report_period(None, None, today=today, journal_start=_journal_start(service, leg_days))


def gather_report(
    service: JournalService,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    leg_day: dt.date | None = None,
    today: dt.date | None = None,
) -> ReportData:
    """Read what the report shows for the period ``first``–``last`` (see ``report_period``).

    ``leg_day`` chooses the leg day whose days 1–3 are drawn as body maps (default: the
    newest leg day of the period with soreness rated on all three days, else on most).
    Only reads the journal. Raises EmptyPeriodError for a period without leg days,
    ReportError for a leg day outside it, JournalError if the journal cannot be read.
    """
    today = today or dt.date.today()
    all_leg_days = service.leg_days()
    period = report_period(
        first, last, today=today, journal_start=_journal_start(service, all_leg_days)
    )
    in_period = [day for day in all_leg_days if day.date in period]
    if not in_period:
        raise EmptyPeriodError(
            _("no leg days between {first} and {last}; choose another period").format(
                first=_iso(period.first), last=_iso(period.last)
            ),
            period,
        )
    following = next((day for day in all_leg_days if day.date > period.last), None)
    values = service.day_values(period.first, period.last, SideMode.MEAN)
    sorer_sides = service.day_values(period.first, period.last, SideMode.MAX)
    # The leg day after the period only ends the last one's days; its soreness is not read.
    windows = [*in_period, *([following] if following else [])]
    summaries = tuple(
        LegDayRecovery(summary, strict.total.days_to_recover)
        for summary, strict in zip(
            summarise_leg_days(windows, values)[: len(in_period)],
            summarise_leg_days(windows, sorer_sides)[: len(in_period)],
            strict=True,
        )
    )
    next_dates = {day.date: after.date for day, after in itertools.pairwise(all_leg_days)}
    chosen = _choose_leg_day(in_period, leg_day, period, values, next_dates)
    # The alerts look back from the period's first days to their leg days.
    history = service.ratings_between(
        period.first - dt.timedelta(days=MAX_DAYS_SHOWN + TRAINING_DAY_LOOK_BACK), period.last
    )
    ratings = [rating for rating in history if rating.date >= period.first]
    # Symptoms stand for SYMPTOM_DAYS days: the alerts of the first days see earlier ones.
    recent_check_ins = service.check_ins_between(
        period.first - dt.timedelta(days=SYMPTOM_DAYS - 1), period.last
    )
    check_ins = [check_in for check_in in recent_check_ins if check_in.date >= period.first]
    symptoms = tuple(
        DatedSymptom(check_in.date, symptom, severity_of(symptom, check_in.symptoms))
        for check_in in check_ins
        for symptom in WarningSymptom  # catalogue order: the most alarming first
        if symptom in check_in.symptoms
    )
    notes = [
        *(DatedNote(day.date, _leg_day_label(day), day.notes) for day in in_period),
        *(DatedNote(c.date, _("Check-in"), c.note) for c in check_ins),
        *(_rating_note(rating) for rating in ratings),
    ]
    return ReportData(
        period=period,
        made_on=today,
        leg_days=summaries,
        chosen=chosen,
        day_maps=_day_maps(chosen, next_dates.get(chosen.date), period, ratings),
        curve=recovery_curve(chosen, next_dates.get(chosen.date), values),
        timeline=timeline(values, in_period, _timeline_keys(values), period.first, period.last),
        symptoms=symptoms,
        alerts=period_alerts(period, all_leg_days, history, recent_check_ins),
        notes=tuple(
            sorted((note for note in notes if note.text.strip()), key=lambda note: note.date)
        ),
        profile=service.profile(),
        training=_logged_training(service, all_leg_days, period),
    )


def _logged_training(
    service: JournalService, leg_days: Sequence[LegDay], period: Period
) -> tuple[LoggedTraining, ...]:
    """The period's leg days with sets; novelty looks back over the weeks before each."""
    with_sets = [day for day in leg_days if day.sets]
    if not any(day.date in period for day in with_sets):
        return ()
    loads = leg_day_loads([(day.date, day.sets) for day in with_sets], service.exercise_mappings())
    return tuple(
        LoggedTraining(
            day,
            tuple(sorted(loads[day.date].items(), key=lambda item: -item[1].hard_sets)),
        )
        for day in with_sets
        if day.date in period
    )


def _rating_note(rating: SorenessRating) -> DatedNote:
    """A rating's note, and what the pain was like when that was said (a note of its own)."""
    about = _("{region}, level {level}").format(
        region=region_by_id(rating.region_id).name, level=rating.level
    )
    if rating.quality is None:
        felt = ""
    else:
        quality = rating.quality.label.lower()
        if not rating.note.strip():
            # The note of its own: the words start the sentence.
            return DatedNote(rating.date, about, _("Felt as {quality}").format(quality=quality))
        felt = _("felt as {quality}").format(quality=quality)
    if not rating.note.strip():
        return DatedNote(rating.date, about, "")
    return DatedNote(
        rating.date,
        _("{rating}, {felt}").format(rating=about, felt=felt) if felt else about,
        rating.note,
    )


def _leg_day_label(leg_day: LegDay) -> str:
    """``Leg day: Squat day``, or ``Leg day`` for one without a title."""
    title = leg_day.title.strip()
    return _("Leg day: {title}").format(title=title) if title else _("Leg day")


def _choose_leg_day(
    in_period: Sequence[LegDay],
    asked: dt.date | None,
    period: Period,
    values: DayValues,
    next_dates: dict[dt.date, dt.date],
) -> LegDay:
    if asked is not None:
        found = next((day for day in in_period if day.date == asked), None)
        if found is None:
            raise ReportError(
                _(
                    "there is no leg day on {date} between {first} and {last}; choose one "
                    "of the period's leg days, or a period that holds it"
                ).format(date=_iso(asked), first=_iso(period.first), last=_iso(period.last))
            )
        return found

    def days_rated(leg_day: LegDay) -> int:
        """How many of the days 1–3 after ``leg_day`` (and before the next) have ratings."""
        ends = next_dates.get(leg_day.date)
        dates = [leg_day.date + dt.timedelta(days=offset) for offset in MAP_DAYS]
        return sum(1 for date in dates if (ends is None or date < ends) and values.get(date))

    # Three full maps if any leg day has them, else the most maps; the newest of equals.
    return max(in_period, key=lambda leg_day: (days_rated(leg_day), leg_day.date))


def _day_maps(
    leg_day: LegDay,
    next_leg_day: dt.date | None,
    period: Period,
    ratings: Sequence[SorenessRating],
) -> tuple[DayMap, ...]:
    maps = []
    for offset in MAP_DAYS:
        date = leg_day.date + dt.timedelta(days=offset)
        levels = {r.region_id: r.level for r in ratings if r.date == date}
        remark = ""
        if date > period.last:
            remark = _("after the end of the period")
        elif next_leg_day is not None and date >= next_leg_day:
            remark = _("after the next leg day ({date})").format(date=short_day(next_leg_day))
        maps.append(DayMap(offset, date, levels, remark))
    return tuple(maps)


def _timeline_keys(values: DayValues) -> list[str]:
    """The total, and the period's sorest groups (up to TIMELINE_GROUPS), sorest first."""
    highest: dict[str, float] = {}
    for groups in values.values():
        for group, value in groups.items():
            highest[group] = max(value, highest.get(group, 0.0))
    sorest = sorted(
        (group for group, value in highest.items() if value >= TIMELINE_GROUP_FROM),
        key=lambda group: (-highest[group], GROUP_IDS.index(group)),
    )
    return [TOTAL, *sorest[:TIMELINE_GROUPS]]


def period_alerts(
    period: Period,
    leg_days: Sequence[LegDay],
    history: Sequence[SorenessRating],
    check_ins: Sequence[CheckIn] = (),
) -> tuple[DatedAlert, ...]:
    """The pattern alerts the app showed on each day of the period, each run of days once.

    ``history`` holds the ratings from MAX_DAYS_SHOWN days before the period to its end,
    oldest first; ``check_ins`` those from SYMPTOM_DAYS days before it (a reported symptom
    changes some alerts). The same kind of alert about the same group with the same
    severity on consecutive days is one entry, from its first day to its last, worded as
    on its first day.
    """
    ordered = sorted(history, key=lambda rating: rating.date)
    dates = [rating.date for rating in ordered]
    leg_day_dates = [leg_day.date for leg_day in leg_days]
    runs: list[DatedAlert] = []
    open_runs: dict[tuple[AlertKind, tuple[str, ...], Severity], int] = {}  # -> index in runs
    day = period.first
    while day <= period.last:
        index = bisect.bisect_right(leg_day_dates, day)
        if index:
            leg_day = leg_days[index - 1]
            # As the app's own context: the leg day's ratings, at most MAX_DAYS_SHOWN back.
            start = max(leg_day.date, day - dt.timedelta(days=MAX_DAYS_SHOWN))
            start -= dt.timedelta(days=TRAINING_DAY_LOOK_BACK)  # carried-over soreness
            window = ordered[bisect.bisect_left(dates, start) : bisect.bisect_right(dates, day)]
            context = AdviceContext(
                date=day,
                leg_day=leg_day,
                ratings=tuple(window),
                check_ins=tuple(check_ins),
                earlier_leg_days=tuple(leg_days[max(0, index - 2) : index - 1]),
                for_the_record=True,
            )
            for alert in pattern_alerts(context):
                key = (alert.kind, alert.groups, alert.severity)
                previous = open_runs.get(key)
                if previous is not None and runs[previous].last == day - dt.timedelta(days=1):
                    runs[previous] = replace(runs[previous], last=day)
                else:
                    open_runs[key] = len(runs)
                    runs.append(
                        DatedAlert(
                            day, day, alert.kind, alert.severity, alert.message, alert.region_id
                        )
                    )
        day += dt.timedelta(days=1)
    return tuple(runs)
