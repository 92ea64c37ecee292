"""Plotting functions: each draws one chart kind on a matplotlib Axes from plain data.

No Qt here: the canvas widget and ``legday chart`` both call these.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num

from legday_desktop.charts.style import GROUP_HEX, LEVEL_HEX, ChartStyle
from legday_desktop.domain.recovery import (
    TOTAL,
    TYPICAL_COURSE,
    Comparison,
    RecoveryCurve,
    Series,
    Timeline,
)
from legday_desktop.domain.soreness import MAX_LEVEL, SCALE

SORENESS_LABEL = "Soreness (0 none – 10 worst)"
MAX_LEG_DAY_TITLES = 16


def day_number(date: dt.date) -> float:
    """The number date axes use for a date (days since matplotlib's epoch)."""
    return float(date2num(date))  # type: ignore[no-untyped-call]


def prepare_axes(ax: Axes, style: ChartStyle, *, xlabel: str, title: str) -> None:
    """Reset ``ax`` and give it the colours, labels and the soreness bands of the map."""
    ax.clear()
    ax.figure.set_facecolor(style.background)
    ax.set_facecolor(style.background)
    for spine in ax.spines.values():
        spine.set_color(style.muted)
    ax.tick_params(colors=style.text, labelsize=style.font_size * 0.9)
    ax.set_xlabel(xlabel, color=style.text, fontsize=style.font_size)
    ax.set_ylabel(SORENESS_LABEL, color=style.text, fontsize=style.font_size)
    ax.set_title(title, color=style.text, fontsize=style.font_size * 1.2, loc="left")
    ax.set_ylim(0, MAX_LEVEL + 0.5)
    ax.set_yticks(range(0, MAX_LEVEL + 1, 2))
    # The map's bands (mild, moderate, severe) faintly behind everything.
    for band in SCALE[1:-1]:
        ax.axhspan(
            band.low - 0.5,
            band.high + 0.5,
            color=LEVEL_HEX[band.high],
            alpha=0.12,
            linewidth=0,
            zorder=0,
        )
    ax.grid(True, color=style.grid, linewidth=0.6, alpha=0.7, zorder=0)


def draw_empty(ax: Axes, message: str, style: ChartStyle) -> None:
    ax.text(
        0.5,
        0.55,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=style.text,
        fontsize=style.font_size * 1.1,
        wrap=True,
    )


def with_gaps(
    points: Sequence[tuple[float, float]], step: float = 1
) -> tuple[list[float], list[float]]:
    """Lists of x and y, with a NaN wherever points lie further apart than ``step``: a gap."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in points:
        if xs and x - xs[-1] > step:
            xs.append(math.nan)
            ys.append(math.nan)
        xs.append(x)
        ys.append(y)
    return xs, ys


def _line(
    ax: Axes,
    series: Series[int],
    colour: str,
    style: ChartStyle,
    *,
    width: float,
    label: str,
    alpha: float = 1.0,
) -> None:
    xs, ys = with_gaps(series.points)
    ax.plot(xs, ys, color=colour, linewidth=width, label=label, alpha=alpha, zorder=3)
    # The entered points, filled with their level's colour from the map.
    ax.scatter(
        [x for x, _ in series.points],
        [y for _, y in series.points],
        s=30,
        c=[LEVEL_HEX[round(y)] for _, y in series.points],
        edgecolors=colour,
        linewidths=1.2,
        alpha=alpha,
        zorder=4,
    )


def draw_recovery(ax: Axes, curve: RecoveryCurve | None, style: ChartStyle) -> None:
    """Each rated group and the total against days after, over the typical course."""
    if curve is None:
        prepare_axes(ax, style, xlabel="Days after the leg day", title="Recovery curve")
        draw_empty(ax, "Log a leg day and rate your soreness to see your recovery curve", style)
        ax.set_xlim(-0.3, 7.3)
        return
    leg_day = curve.leg_day
    title = f"Recovery after {leg_day.display_title} · {leg_day.date:%a %d %b %Y}"
    prepare_axes(ax, style, xlabel="Days after the leg day", title=title)
    ax.set_xlim(-0.3, curve.last_day + 0.3)
    ax.set_xticks(range(curve.last_day + 1))
    if curve.is_empty:
        draw_empty(ax, "Rate your soreness on the days after this leg day to see its curve", style)
        return
    peak = curve.peak or 0.0
    course = TYPICAL_COURSE
    ax.fill_between(
        course.days,
        [low * peak for low in course.low],
        [high * peak for high in course.high],
        color=style.band,
        alpha=0.3,
        linewidth=0,
        zorder=1,
        label="Typical DOMS course (Cheung et al. 2003)",
    )
    for series in curve.groups:
        _line(ax, series, GROUP_HEX[series.key], style, width=1.6, label=series.label)
    _line(ax, curve.total, style.total, style, width=2.8, label="Total (mean of groups)")
    ax.legend(
        loc="upper right",
        fontsize=style.font_size * 0.8,
        ncols=2,
        framealpha=0.85,
        facecolor=style.background,
        edgecolor=style.muted,
        labelcolor=style.text,
    )


def draw_comparison(ax: Axes, comparison: Comparison, style: ChartStyle) -> None:
    """Several leg days on one axis of days after, newest emphasised, with their summaries."""
    title = f"{comparison.label}: the last {len(comparison.series)} leg days"
    prepare_axes(ax, style, xlabel="Days after the leg day", title=title)
    ax.set_xlim(-0.3, comparison.last_day + 0.3)
    ax.set_xticks(range(comparison.last_day + 1))
    if not any(series.points for series in comparison.series):
        draw_empty(ax, "Log a few leg days and rate your soreness to compare them", style)
        return
    count = len(comparison.series)
    colour = style.total if comparison.key == TOTAL else GROUP_HEX[comparison.key]
    for index, (series, summary) in enumerate(
        zip(comparison.series, comparison.summaries, strict=True)
    ):
        newest = index == count - 1
        if summary.peak is None:
            detail = "not rated"
        else:
            recovered = (
                "not yet ≤ 2"
                if summary.days_to_recover is None
                else f"≤ 2 by day {summary.days_to_recover}"
            )
            detail = f"peak {summary.peak:.1f} on day {summary.peak_day}, {recovered}"
        _line(
            ax,
            series,
            style.highlight if newest else colour,
            style,
            width=3.0 if newest else 1.3,
            alpha=1.0 if newest else 0.35 + 0.5 * index / count,
            label=f"{series.label}: {detail}",
        )
    ax.legend(
        loc="upper right",
        fontsize=style.font_size * 0.8,
        framealpha=0.85,
        facecolor=style.background,
        edgecolor=style.muted,
        labelcolor=style.text,
    )


def draw_timeline(
    ax: Axes, timeline: Timeline, style: ChartStyle, shown: dt.date | None = None
) -> None:
    """Values against calendar dates, leg days as vertical lines (titled when few)."""
    prepare_axes(
        ax,
        style,
        xlabel="Date",
        title=f"Soreness from {timeline.start:%d %b %Y} to {timeline.end:%d %b %Y}",
    )
    ax.set_xlim(
        day_number(timeline.start - dt.timedelta(days=1)),
        day_number(timeline.end + dt.timedelta(days=1)),
    )
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    dates = [day_number(leg_day.date) for leg_day in timeline.leg_days]
    if dates:
        ax.vlines(
            dates,
            0,
            MAX_LEVEL + 0.5,
            colors=style.muted,
            linewidth=0.8,
            linestyles="dashed",
            zorder=1,
            label="Leg day",
        )
    if len(dates) <= MAX_LEG_DAY_TITLES:
        for leg_day in timeline.leg_days:
            ax.text(
                day_number(leg_day.date),
                MAX_LEVEL + 0.3,
                f" {leg_day.display_title}",
                rotation=90,
                va="top",
                ha="right",
                fontsize=style.font_size * 0.7,
                color=style.muted,
                zorder=2,
            )
    if shown is not None and timeline.start <= shown <= timeline.end:
        ax.axvline(day_number(shown), color=style.highlight, linewidth=1.5, alpha=0.6, zorder=2)
    if not any(series.points for series in timeline.series):
        draw_empty(ax, "Rate your soreness on a few days to see it over time", style)
        return
    for series in timeline.series:
        xs, ys = with_gaps([(day_number(date), value) for date, value in series.points])
        colour = style.total if series.key == TOTAL else GROUP_HEX[series.key]
        ax.plot(
            xs,
            ys,
            color=colour,
            linewidth=2.2 if series.key == TOTAL else 1.4,
            label=series.label,
            zorder=3,
        )
    ax.legend(
        loc="upper left",
        fontsize=style.font_size * 0.8,
        framealpha=0.85,
        facecolor=style.background,
        edgecolor=style.muted,
        labelcolor=style.text,
    )
