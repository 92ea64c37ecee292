"""Plotting functions: each draws one chart kind on a matplotlib Axes from plain data.

No Qt here: the canvas widget and ``legday chart`` both call these. Redrawing the same kind
on the same Axes reuses its lines and markers (``set_data``) instead of clearing the
Axes, which keeps a redraw after an edit within a few tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.lines import Line2D
from matplotlib.text import Text

from legday_desktop.charts.style import GROUP_HEX, LEVEL_HEX, ChartStyle
from legday_desktop.domain.recovery import (
    TOTAL,
    TYPICAL_COURSE,
    Comparison,
    RecoveryCurve,
    Timeline,
)
from legday_desktop.domain.soreness import MAX_LEVEL, SCALE
from legday_desktop.domain.wording import day_month_year, short_day

# Text that comes from the user (leg-day titles, exercise names, notes) is drawn as it is:
# a "$" never starts matplotlib's math text, which fails on an unbalanced one.
matplotlib.rcParams["text.parse_math"] = False


SORENESS_LABEL = "Soreness (0 none – 10 worst)"
DAYS_AFTER_LABEL = "Days after the leg day"
MAX_LEG_DAY_TITLES = 16
STATIC = "legday-static"


def day_number(date: dt.date) -> float:
    """The number date axes use for a date (days since matplotlib's epoch)."""
    return float(date2num(date))  # type: ignore[no-untyped-call]


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


@dataclass
class _Artists:
    """What one kind of chart has drawn on an Axes, kept for the next redraw."""

    kind: str
    style: ChartStyle
    lines: dict[str, Line2D] = field(default_factory=dict)
    points: dict[str, PathCollection] = field(default_factory=dict)
    kept: dict[str, Any] = field(default_factory=dict)  # band, leg-day lines: updated in place
    extras: list[object] = field(default_factory=list)  # drawn anew each time: messages, titles
    legend_key: tuple[object, ...] | None = None
    used: set[str] = field(default_factory=set)


_DRAWN: weakref.WeakKeyDictionary[Axes, _Artists] = weakref.WeakKeyDictionary()


def prepare_axes(ax: Axes, style: ChartStyle, *, xlabel: str, title: str) -> None:
    """Reset ``ax`` and give it the colours, labels and the soreness bands of the map."""
    ax.clear()
    _DRAWN.pop(ax, None)
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
            gid=STATIC,
        )
    ax.grid(True, color=style.grid, linewidth=0.6, alpha=0.7, zorder=0)


def _begin(ax: Axes, kind: str, style: ChartStyle, *, xlabel: str, title: str) -> _Artists:
    """Start a redraw: keep the Axes if it shows the same kind in the same style."""
    drawn = _DRAWN.get(ax)
    if drawn is None or drawn.kind != kind or drawn.style != style:
        prepare_axes(ax, style, xlabel=xlabel, title=title)
        drawn = _Artists(kind, style)
        _DRAWN[ax] = drawn
    else:
        ax.set_title(title, loc="left")
    for extra in drawn.extras:
        extra.remove()  # type: ignore[attr-defined]
    drawn.extras.clear()
    drawn.used = set()
    return drawn


def _series(
    ax: Axes,
    drawn: _Artists,
    key: str,
    points: Sequence[tuple[float, float]],
    colour: str,
    *,
    width: float,
    label: str,
    alpha: float = 1.0,
    markers: bool = True,
    step: float = 1,
) -> None:
    """Draw (or update) one line, broken at gaps, and its entered points."""
    xs, ys = with_gaps(points, step)
    drawn.used.add(key)
    line = drawn.lines.get(key)
    if line is None:
        (line,) = ax.plot(xs, ys, zorder=3)
        drawn.lines[key] = line
    else:
        line.set_data(xs, ys)
    line.set(color=colour, linewidth=width, alpha=alpha, label=label)
    if not markers:
        return
    # The entered points, filled with their level's colour from the map.
    offsets = [(x, y) for x, y in points]
    colours = [LEVEL_HEX[min(MAX_LEVEL, round(y))] for _, y in points]
    scatter = drawn.points.get(key)
    if scatter is None:
        scatter = ax.scatter([], [], s=30, linewidths=1.2, zorder=4)
        drawn.points[key] = scatter
    scatter.set_offsets(offsets if offsets else [[math.nan, math.nan]])
    scatter.set_facecolor(colours or ["none"])
    scatter.set_edgecolor(colour)
    scatter.set_alpha(alpha)


def _end(ax: Axes, drawn: _Artists, *, legend: bool) -> None:
    """Remove what this redraw did not use, and rebuild the legend if its entries changed."""
    for unused in [key for key in drawn.lines if key not in drawn.used]:
        drawn.lines.pop(unused).remove()
        if unused in drawn.points:
            drawn.points.pop(unused).remove()
    for unused in [key for key in drawn.kept if key not in drawn.used]:
        drawn.kept.pop(unused).remove()
    handles = [
        artist
        for artist in (*drawn.kept.values(), *drawn.extras, *drawn.lines.values())
        if isinstance(artist, Line2D | PolyCollection | LineCollection)
        and not str(artist.get_label()).startswith("_")
    ]
    entries = tuple((id(handle), handle.get_label()) for handle in handles)
    if entries == drawn.legend_key and ax.get_legend() is not None:
        return
    old_legend = ax.get_legend()
    if old_legend is not None:
        old_legend.remove()
    drawn.legend_key = entries
    if not legend or not handles:
        return
    style = drawn.style
    # Below the plot, never over the lines: so it can stay in a cached background while
    # only the lines are redrawn (see charts.panel).
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        fontsize=style.font_size * 0.8,
        frameon=False,
        labelcolor=style.text,
        # Long labels (the comparison's summaries) one per row, short ones side by side.
        ncols=1 if max(len(str(h.get_label())) for h in handles) > 30 else min(3, len(handles)),
    )


def dynamic_artists(ax: Axes) -> list[Any]:
    """What a redraw of the same chart changes: lines, points, band, leg days, messages.

    Everything else (axes, ticks, labels, legend) stays as it was, so a canvas may keep it
    as a background image and draw only these on top.
    """
    drawn = _DRAWN.get(ax)
    if drawn is None:
        return []
    artists = [*drawn.kept.values(), *drawn.extras, *drawn.lines.values(),
               *drawn.points.values()]  # fmt: skip
    return sorted(artists, key=lambda artist: artist.get_zorder())


def static_signature(ax: Axes) -> tuple[object, ...]:
    """Changes whenever the background (title, limits, ticks, legend) must be drawn anew."""
    drawn = _DRAWN.get(ax)
    return (
        None if drawn is None else (drawn.kind, drawn.style, drawn.legend_key),
        ax.get_title(loc="left"),
        tuple(ax.get_xlim()),
        tuple(ax.get_ylim()),
        tuple(ax.get_xticks()),
    )


def draw_empty(ax: Axes, message: str, style: ChartStyle) -> Text:
    return ax.text(
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


def _empty(ax: Axes, drawn: _Artists, message: str) -> None:
    drawn.extras.append(draw_empty(ax, message, drawn.style))
    _end(ax, drawn, legend=False)


def draw_recovery(ax: Axes, curve: RecoveryCurve | None, style: ChartStyle) -> None:
    """Each rated group and the total against days after, over the typical course."""
    title = (
        "Recovery curve"
        if curve is None
        else f"{curve.leg_day.display_title} · {short_day(curve.leg_day.date, year=True)}"
    )
    drawn = _begin(ax, "recovery", style, xlabel=DAYS_AFTER_LABEL, title=title)
    last_day = 7 if curve is None else curve.last_day
    ax.set_xlim(-0.3, last_day + 0.3)
    ax.set_xticks(range(last_day + 1))
    if curve is None:
        _empty(ax, drawn, "Log a leg day and rate your soreness to see your recovery curve")
        return
    if curve.is_empty:
        _empty(ax, drawn, "Rate your soreness on the days after this leg day to see its curve")
        return
    peak = curve.peak or 0.0
    course = TYPICAL_COURSE
    low = [share * peak for share in course.low]
    high = [share * peak for share in course.high]
    drawn.used.add("band")
    band = drawn.kept.get("band")
    if band is None:
        drawn.kept["band"] = ax.fill_between(
            course.days,
            low,
            high,
            color=style.band,
            alpha=0.3,
            linewidth=0,
            zorder=1,
            label="Typical course (Cheung 2003)",
        )
    else:
        band.set_data(course.days, low, high)
    for series in curve.groups:
        _series(
            ax,
            drawn,
            series.key,
            series.points,
            GROUP_HEX[series.key],
            width=1.6,
            label=series.label,
        )
    _series(ax, drawn, TOTAL, curve.total.points, style.total, width=2.8, label="Total")
    _end(ax, drawn, legend=True)


def draw_comparison(ax: Axes, comparison: Comparison, style: ChartStyle) -> None:
    """Several leg days on one axis of days after, newest emphasised, with their summaries."""
    title = f"{comparison.label}: the last {len(comparison.series)} leg days"
    if comparison.note:
        title += f"\n{comparison.note}"
    drawn = _begin(ax, "compare", style, xlabel=DAYS_AFTER_LABEL, title=title)
    ax.set_xlim(-0.3, comparison.last_day + 0.3)
    ax.set_xticks(range(comparison.last_day + 1))
    if not any(series.points for series in comparison.series):
        _empty(ax, drawn, "Log a few leg days and rate your soreness to compare them")
        return
    count = len(comparison.series)
    colour = style.total if comparison.key == TOTAL else GROUP_HEX[comparison.key]
    pairs = zip(comparison.series, comparison.summaries, strict=True)
    for index, (series, summary) in enumerate(pairs):
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
        _series(
            ax,
            drawn,
            f"leg-day-{index}",
            series.points,
            style.highlight if newest else colour,
            width=3.0 if newest else 1.3,
            alpha=1.0 if newest else 0.35 + 0.5 * index / count,
            label=f"{series.label}: {detail}",
        )
    _end(ax, drawn, legend=True)


def draw_timeline(
    ax: Axes, timeline: Timeline, style: ChartStyle, shown: dt.date | None = None
) -> None:
    """Values against calendar dates, leg days as vertical lines (titled when few)."""
    title = f"Soreness from {day_month_year(timeline.start)} to {day_month_year(timeline.end)}"
    drawn = _begin(ax, "timeline", style, xlabel="Date", title=title)
    if not isinstance(ax.xaxis.get_major_formatter(), ConciseDateFormatter):
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.set_xlim(
        day_number(timeline.start - dt.timedelta(days=1)),
        day_number(timeline.end + dt.timedelta(days=1)),
    )
    dates = [day_number(leg_day.date) for leg_day in timeline.leg_days]
    if dates:
        drawn.used.add("leg days")
        segments = [[(x, 0.0), (x, MAX_LEVEL + 0.5)] for x in dates]
        leg_day_lines = drawn.kept.get("leg days")
        if leg_day_lines is None:
            drawn.kept["leg days"] = ax.vlines(
                dates,
                0,
                MAX_LEVEL + 0.5,
                colors=style.muted,
                linewidth=0.8,
                linestyles="dashed",
                zorder=1,
                label="Leg day",
            )
        else:
            leg_day_lines.set_segments(segments)
    if len(dates) <= MAX_LEG_DAY_TITLES:
        for leg_day in timeline.leg_days:
            drawn.extras.append(
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
            )
    if shown is not None and timeline.start <= shown <= timeline.end:
        drawn.extras.append(
            ax.axvline(
                day_number(shown),
                color=style.highlight,
                linewidth=1.5,
                alpha=0.6,
                zorder=2,
                label="_shown",
            )
        )
    if not any(series.points for series in timeline.series):
        _empty(ax, drawn, "Rate your soreness on a few days to see it over time")
        return
    for series in timeline.series:
        points = [(day_number(date), value) for date, value in series.points]
        colour = style.total if series.key == TOTAL else GROUP_HEX[series.key]
        _series(
            ax,
            drawn,
            series.key,
            points,
            colour,
            width=2.2 if series.key == TOTAL else 1.4,
            label=series.label,
            markers=False,
        )
    _end(ax, drawn, legend=True)
