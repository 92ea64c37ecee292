"""What each chart shows, read from a journal: the leg day, the window, the groups."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.forecast import Forecast
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    MAX_DAYS_SHOWN,
    TOTAL,
    Comparison,
    DayValues,
    ForecastLine,
    RecoveryCurve,
    SideMode,
    Timeline,
    TimeRange,
    compare_leg_days,
    recovery_curve,
    timeline,
)
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.domain.wording import _, ngettext
from legday_desktop.services.forecast import forecast_for
from legday_desktop.services.insights import trend_note
from legday_desktop.services.journal import JournalService


class ChartKind(StrEnum):
    """The three charts."""

    RECOVERY = "recovery"
    COMPARE = "compare"
    TIMELINE = "timeline"


@dataclass(frozen=True, slots=True)
class ChartRequest:
    """Everything a chart depends on besides the data.

    ``leg_day`` picks the recovery curve's leg day (default: the one ``shown`` belongs to,
    else the latest); ``group`` is a group id or TOTAL (None: all rated groups for the
    recovery curve, the total elsewhere).
    """

    kind: ChartKind
    shown: dt.date
    today: dt.date
    leg_day: dt.date | None = None
    group: str | None = None
    count: int = 6
    time_range: TimeRange = TimeRange.THREE_MONTHS
    mode: SideMode = SideMode.MEAN

    def __post_init__(self) -> None:
        if self.group is not None and self.group != TOTAL and self.group not in GROUP_IDS:
            raise DomainError(
                "group",
                _("unknown group {group}; use total or one of {groups}").format(
                    group=repr(self.group), groups=", ".join(GROUP_IDS)
                ),
            )
        if not 1 <= self.count <= 52:
            raise DomainError(
                "count",
                ngettext(
                    "{count} leg day: choose 1 to 52",
                    "{count} leg days: choose 1 to 52",
                    self.count,
                ).format(count=self.count),
            )


ChartData = RecoveryCurve | Comparison | Timeline | None


class ChartSource(Protocol):
    """Where charts read from: a JournalService, or a ChartDataCache in front of one."""

    def leg_days(self) -> tuple[LegDay, ...]: ...

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues: ...

    def first_rating_date(self) -> dt.date | None: ...

    def forecast(self, leg_day: dt.date) -> Forecast: ...


class ChartDataCache:
    """Remembers what charts read, and re-reads only the days a change touches.

    A redraw after an edit then costs one day's query, not ten years'. Call
    ``journal_changed`` with every committed change.
    """

    def __init__(self, service: JournalService) -> None:
        self._service = service
        self._leg_days: tuple[LegDay, ...] | None = None
        self._first: tuple[dt.date | None] | None = None
        # Per side mode: the covered span and the values in it.
        self._values: dict[SideMode, tuple[dt.date, dt.date, DayValues]] = {}
        # The last timeline drawn, and the days changed since: a 30-year timeline is
        # patched on those days, not rebuilt from 11,000 days after each edit.
        self._timeline: tuple[tuple[object, ...], Timeline] | None = None
        self._changed_days: set[dt.date] = set()
        # Forecasts by leg day: a forecast never learns from its own leg day, so rating
        # that leg day's days leaves it as it is; a change of leg days or of earlier
        # ratings makes it anew.
        self._forecasts: dict[dt.date, Forecast] = {}

    def forecast(self, leg_day: dt.date) -> Forecast:
        forecast = self._forecasts.get(leg_day)
        if forecast is None:
            forecast = self._forecasts[leg_day] = forecast_for(self._service, leg_day)
        return forecast

    def leg_days(self) -> tuple[LegDay, ...]:
        if self._leg_days is None:
            self._leg_days = self._service.leg_days()
        return self._leg_days

    def first_rating_date(self) -> dt.date | None:
        if self._first is None:
            self._first = (self._service.first_rating_date(),)
        return self._first[0]

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues:
        covered = self._values.get(mode)
        if covered is None or first < covered[0] or last > covered[1]:
            start = first if covered is None else min(first, covered[0])
            end = last if covered is None else max(last, covered[1])
            covered = (start, end, self._service.day_values(start, end, mode))
            self._values[mode] = covered
        return {date: groups for date, groups in covered[2].items() if first <= date <= last}

    def timeline(
        self, start: dt.date, end: dt.date, keys: Sequence[str], mode: SideMode
    ) -> Timeline:
        """``domain.recovery.timeline`` over these days, patched where the journal changed."""
        key = (start, end, tuple(keys), mode)
        if self._timeline is not None and self._timeline[0] == key:
            shown = self._timeline[1]
            values = self._values[mode][2]
            for date in sorted(day for day in self._changed_days if start <= day <= end):
                groups = values.get(date)
                day = timeline({date: groups} if groups else {}, (), keys, date, date)
                shown = replace(
                    shown,
                    series=tuple(
                        replace(old, points=_with_point(old.points, date, new.points))
                        for old, new in zip(shown.series, day.series, strict=True)
                    ),
                )
        else:
            values = self.day_values(start, end, mode)
            shown = timeline(values, self.leg_days(), keys, start, end)
        self._changed_days.clear()
        self._timeline = (key, shown)
        return shown

    def journal_changed(self, change: JournalChange) -> None:
        if change.leg_days:
            self._leg_days = None
            self._timeline = None
            self._forecasts.clear()
        if change.ratings and self._forecasts:
            earliest = min(date for date, _region in change.ratings)
            for leg_day in [day for day in self._forecasts if earliest < day]:
                del self._forecasts[leg_day]  # it learns from the leg days before it
        if change.ratings:
            self._first = None
            self._changed_days.update(date for date, _region in change.ratings)
        for mode, (start, end, values) in self._values.items():
            for date in {date for date, _region in change.ratings}:
                if start <= date <= end:
                    values.pop(date, None)
                    values.update(self._service.day_values(date, date, mode))


def _with_point(
    points: tuple[tuple[dt.date, float], ...],
    date: dt.date,
    new: tuple[tuple[dt.date, float], ...],
) -> tuple[tuple[dt.date, float], ...]:
    """``points`` (in date order) with the point on ``date`` replaced by ``new`` (0 or 1)."""
    index = bisect.bisect_left(points, date, key=lambda point: point[0])
    end = index + 1 if index < len(points) and points[index][0] == date else index
    if points[index:end] == new:
        return points  # unchanged: the same tuple, which the chart recognises at once
    return points[:index] + new + points[end:]


def chart_data(service: ChartSource, request: ChartRequest) -> ChartData:
    """The data ``request`` asks for; None for a recovery curve with no leg day yet.

    Raises JournalError if the journal cannot be read and DomainError if ``leg_day`` names
    a date without a leg day.
    """
    if request.kind is ChartKind.TIMELINE:
        start = request.time_range.start(request.today, service.first_rating_date())
        keys = [request.group or TOTAL]
        if isinstance(service, ChartDataCache):
            return service.timeline(start, request.today, keys, request.mode)
        values = service.day_values(start, request.today, request.mode)
        return timeline(values, service.leg_days(), keys, start, request.today)
    leg_days = service.leg_days()
    if request.kind is ChartKind.COMPARE:
        chosen = [day for day in leg_days if day.date <= request.shown][-request.count :]
        if not chosen:
            return compare_leg_days((), {}, request.group or TOTAL, request.count, request.shown)
        last = min(request.today, chosen[-1].date + dt.timedelta(days=MAX_DAYS_SHOWN))
        values = service.day_values(chosen[0].date, last, request.mode)
        key = request.group or TOTAL
        comparison = compare_leg_days(leg_days, values, key, request.count, request.shown)
        return replace(comparison, note=trend_note(service, key, request.shown))
    leg_day, following = _pick_leg_day(leg_days, request)
    if leg_day is None:
        return None
    last = leg_day.date + dt.timedelta(days=MAX_DAYS_SHOWN)
    values = service.day_values(leg_day.date, min(last, request.today), request.mode)
    if request.group is not None and request.group != TOTAL:
        values = {
            date: {request.group: groups[request.group]}
            for date, groups in values.items()
            if request.group in groups
        }
    curve = recovery_curve(leg_day, following, values)
    if not leg_day.sets:
        return curve  # no load logged: nothing to forecast from but the typical band
    line = forecast_line(service.forecast(leg_day.date), request.group, curve.last_day)
    return replace(curve, forecast=line)


def forecast_line(forecast: Forecast, group: str | None, last_day: int) -> ForecastLine | None:
    """The forecast as the recovery curve draws it: one group's, or the mean of them all.

    None when it predicts nothing for what is shown (a group the leg day did not load).
    """
    chosen = [
        one for one in forecast.groups if group is None or group == TOTAL or one.group_id == group
    ]
    if not chosen:
        return None
    points = []
    for index, day in enumerate(chosen[0].days):
        if day.day > last_day:
            break
        days = [one.days[index] for one in chosen]
        count = len(days)
        points.append(
            (
                day.day,
                sum(one.level for one in days) / count,
                sum(one.low for one in days) / count,
                sum(one.high for one in days) / count,
            )
        )
    if forecast.typical_course_only:
        label = _("Forecast: the typical course (no leg days with sets and ratings yet)")
    else:
        basis = forecast.basis
        label = ngettext(
            "Your forecast (from {count} leg day)", "Your forecast (from {count} leg days)", basis
        ).format(count=basis)
    return ForecastLine(label, tuple(points))


def _pick_leg_day(
    leg_days: tuple[LegDay, ...], request: ChartRequest
) -> tuple[LegDay | None, dt.date | None]:
    if not leg_days:
        return None, None
    if request.leg_day is not None:
        index = next((i for i, day in enumerate(leg_days) if day.date == request.leg_day), None)
        if index is None:
            raise DomainError(
                "leg_day",
                _("there is no leg day on {date}").format(date=request.leg_day.isoformat()),
            )
    else:
        on_or_before = [i for i, day in enumerate(leg_days) if day.date <= request.shown]
        index = on_or_before[-1] if on_or_before else len(leg_days) - 1
    following = leg_days[index + 1].date if index + 1 < len(leg_days) else None
    return leg_days[index], following
