"""What a chart plots, as rows and as one sentence: for screen readers and "Show as table".

Read from the same data the chart is drawn from (``services.charts.chart_data``), so the
table and the description never disagree with the lines. No Qt and no matplotlib here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legday_desktop.charts.plots import level_text
from legday_desktop.domain.recovery import Comparison, RecoveryCurve, Series, Timeline
from legday_desktop.domain.wording import _, day_month_year, ngettext
from legday_desktop.services.charts import ChartData

STEADY_WITHIN = 0.05  # a change smaller than this reads as "unchanged"


@dataclass(frozen=True, slots=True)
class PlottedValue:
    """One point of one line: its date, its day after the leg day (None on a timeline)."""

    date: dt.date
    day_after: int | None
    series: str
    value: float


def plotted_values(data: ChartData) -> tuple[PlottedValue, ...]:
    """Every point drawn, line by line in the order drawn, each line's dates in order."""
    rows: list[PlottedValue] = []
    if isinstance(data, RecoveryCurve):
        leg_day = data.leg_day.date
        for series in (*data.groups, data.total):
            rows += _days_after(series.points, leg_day, series.label)
        if data.forecast is not None:
            forecast = [(day, level) for day, level, _low, _high in data.forecast.points]
            rows += _days_after(forecast, leg_day, _("Forecast"))
    elif isinstance(data, Comparison):
        for series, summary in zip(data.series, data.summaries, strict=True):
            label = _("{series}, after {leg_day}").format(series=data.label, leg_day=series.label)
            rows += _days_after(series.points, summary.leg_day.date, label)
    elif isinstance(data, Timeline):
        for line in data.series:
            rows += [PlottedValue(date, None, line.label, value) for date, value in line.points]
    return tuple(rows)


def _days_after(
    points: tuple[tuple[int, float], ...] | list[tuple[int, float]], leg_day: dt.date, label: str
) -> list[PlottedValue]:
    return [
        PlottedValue(leg_day + dt.timedelta(days=day), day, label, value) for day, value in points
    ]


def chart_summary(data: ChartData) -> str:
    """One sentence: what is plotted, then the main line's latest value and its trend."""
    if data is None:
        return _("Nothing is plotted yet: log a leg day and rate your soreness.")
    if isinstance(data, RecoveryCurve):
        names = [series.label for series in data.groups if series.points]
        what = _("Soreness of {groups} and their average on each day after {leg_day}").format(
            groups=_listed(names), leg_day=day_month_year(data.leg_day.date)
        )
        main: Series[int] | Series[dt.date] | None = data.total
    elif isinstance(data, Comparison):
        count = len(data.series)
        what = ngettext(
            "{series} on each day after the last leg day",
            "{series} on each day after each of the last {count} leg days",
            count,
        ).format(series=data.label, count=count)
        main = next((series for series in reversed(data.series) if series.points), None)
    else:
        what = _("{series} from {start} to {end}").format(
            series=_listed([series.label for series in data.series]),
            start=day_month_year(data.start),
            end=day_month_year(data.end),
        )
        main = next((series for series in data.series if series.points), None)
    if main is None or not main.points:
        return _("{what}: nothing rated yet.").format(what=what)
    label = _main_label(data, main)
    line = [value for value in plotted_values(data) if value.series == label]
    return _("{what}. {latest}").format(what=what, latest=_latest(line))


def _main_label(data: ChartData, main: Series[int] | Series[dt.date]) -> str:
    if isinstance(data, Comparison):
        return _("{series}, after {leg_day}").format(series=data.label, leg_day=main.label)
    return main.label


def _latest(line: list[PlottedValue]) -> str:
    """The line's last value and how it moved from the one before."""
    last = line[-1]
    when = (
        day_month_year(last.date)
        if last.day_after is None
        else _("day {day} ({date})").format(day=last.day_after, date=day_month_year(last.date))
    )
    latest = _("Latest: {series}, {value} on {when}").format(
        series=last.series, value=level_text(last.value), when=when
    )
    if len(line) < 2:
        return _("{latest}.").format(latest=latest)
    before = line[-2].value
    if last.value > before + STEADY_WITHIN:
        trend = _("up from {value}").format(value=level_text(before))
    elif last.value < before - STEADY_WITHIN:
        trend = _("down from {value}").format(value=level_text(before))
    else:
        trend = _("unchanged")
    return _("{latest}, {trend}.").format(latest=latest, trend=trend)


def _listed(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(names) <= 1:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
