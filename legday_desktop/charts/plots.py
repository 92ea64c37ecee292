"""Plotting functions: each draws one chart kind on a matplotlib Axes from plain data.

No Qt here: the canvas widget and ``legday chart`` both call these. Redrawing the same kind
on the same Axes reuses its lines and markers (``set_data``) instead of clearing the
Axes, which keeps a redraw after an edit within a few tens of milliseconds. Each drawn
point keeps how it reads ("Quads · day 2 · Tue 1 Dec · 5.5") for ``point_near``.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
import warnings
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.ticker import Formatter, Locator
from numpy.typing import NDArray

from legday_desktop.charts.style import GROUP_HEX, LEVEL_HEX, ChartStyle
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    TOTAL,
    TYPICAL_COURSE,
    Comparison,
    ForecastLine,
    RecoveryCurve,
    Timeline,
)
from legday_desktop.domain.soreness import MAX_LEVEL, SCALE
from legday_desktop.domain.wording import day_month_year, pgettext, short_day

# Text that comes from the user (leg-day titles, exercise names, notes) is drawn as it is:
# a "$" never starts matplotlib's math text, which fails on an unbalanced one.
matplotlib.rcParams["text.parse_math"] = False


SORENESS_LABEL = "Soreness (0 none – 10 worst)"
SHORT_SORENESS_LABEL = "Soreness (0–10)"
MIN_PLOT_WIDTH = 300  # pixels: a plot narrower than this is too cramped to read
LOW_FIGURE = 300  # pixels: below this height titles get smaller
DAYS_AFTER_LABEL = "Days after the leg day"
TYPICAL_COURSE_LABEL = "Typical DOMS course (Cheung 2003)"
MAX_LEG_DAY_TITLES = 16
LEG_DAY_MARKS = ("leg days", "leg day ticks")  # the keys of their collection
# Past this many leg days a timeline marks them with short ticks along the bottom: full
# height lines would grey the whole chart over.
MAX_FULL_HEIGHT_LEG_DAYS = 120
# The comparison gives its own colour to this many leg days; older ones are grey.
MAX_COLOURED_LEG_DAYS = 7
STATIC = "legday-static"
Array = NDArray[np.float64]
Indices = NDArray[np.intp]


def day_number(date: dt.date) -> float:
    """The number date axes use for a date (days since matplotlib's epoch)."""
    return float(date2num(date))  # type: ignore[no-untyped-call]


def _ordinal_offset() -> float:
    """What to add to ``date.toordinal()`` for matplotlib's day number (epoch-dependent)."""
    sample = dt.date(2000, 1, 1)
    return day_number(sample) - sample.toordinal()


def day_numbers(dates: Sequence[dt.date]) -> Array:
    """``day_number`` of many dates at once: one subtraction, not one call per date."""
    ordinals = np.fromiter((date.toordinal() for date in dates), dtype=float, count=len(dates))
    return ordinals + _ordinal_offset()


def date_of(number: float) -> dt.date:
    """The calendar date a date axis number falls on."""
    return dt.date.fromordinal(math.floor(number - _ordinal_offset() + 1e-9))


def with_gaps(points: Sequence[tuple[float, float]], step: float = 1) -> tuple[Array, Array]:
    """Arrays of x and y, with a NaN wherever points lie further apart than ``step``: a gap."""
    xs = np.fromiter((x for x, _ in points), dtype=float, count=len(points))
    ys = np.fromiter((y for _, y in points), dtype=float, count=len(points))
    return _gapped(xs, ys, step)


def _gapped(xs: Array, ys: Array, step: float) -> tuple[Array, Array]:
    breaks = np.flatnonzero(np.diff(xs) > step) + 1
    return np.insert(xs, breaks, math.nan), np.insert(ys, breaks, math.nan)


def level_text(value: float) -> str:
    """A soreness value as people read it: ``6``, ``5.5``, ``3.3``."""
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True, slots=True)
class PointReadout:
    """A line's points (in data coordinates) and how to say one of them in words."""

    xs: Array
    ys: Array
    colour: str
    describe: Callable[[int], str]  # index into xs/ys -> "Quads · day 2 · Tue 1 Dec · 5.5"


@dataclass(frozen=True, slots=True)
class PointInfo:
    """The point nearest the mouse: where it is and what it says."""

    text: str
    x: float
    y: float
    colour: str


@dataclass
class _Artists:
    """What one kind of chart has drawn on an Axes, kept for the next redraw."""

    kind: str
    style: ChartStyle
    lines: dict[str, Line2D] = field(default_factory=dict)
    points: dict[str, PathCollection] = field(default_factory=dict)
    kept: dict[str, Any] = field(default_factory=dict)  # band, leg-day lines: updated in place
    extras: list[object] = field(default_factory=list)  # drawn anew each time: messages, titles
    readouts: dict[str, PointReadout] = field(default_factory=dict)
    legend_key: tuple[object, ...] | None = None
    legend_entries: tuple[list[Any], list[str]] = ([], [])
    used: set[str] = field(default_factory=set)
    leg_day_marks: Array = field(default_factory=lambda: np.empty(0))
    # The leg days last converted to day numbers, and those numbers (the same tuple comes
    # back after an edit of a rating: 1,500 leg days need not be converted again).
    leg_day_numbers: tuple[tuple[LegDay, ...], Array] | None = None
    converted: dict[str, tuple[tuple[Any, ...], Array, Array]] = field(default_factory=dict)
    columns: dict[str, _ColumnLayout] = field(default_factory=dict)
    title: str = ""
    subtitle: str = ""
    fitted_for: tuple[object, ...] | None = None


_DRAWN: weakref.WeakKeyDictionary[Axes, _Artists] = weakref.WeakKeyDictionary()


def _font_pixels(ax: Axes, points: float) -> float:
    return points * ax.figure.dpi / 72


class DayAfterTicks(Locator):
    """Whole days after the leg day, every 1, 2, 7 or 14 days: as often as labels fit."""

    def __init__(self, font_size: float) -> None:
        self.font_size = font_size

    def __call__(self) -> Sequence[float]:
        low, high = self.axis.get_view_interval()  # type: ignore[union-attr]
        return self.tick_values(low, high)

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        ax = self.axis.axes  # type: ignore[union-attr]
        width = max(ax.bbox.width, 1.0)
        room = 3.2 * _font_pixels(ax, self.font_size)  # "28" and a gap
        span = max(vmax - vmin, 1e-9)
        step = next((s for s in (1, 2, 7, 14) if width * s / span >= room), 28)
        first = math.ceil(max(vmin, 0) / step) * step
        return [float(day) for day in range(first, math.floor(vmax) + 1, step)]


@dataclass(frozen=True, slots=True)
class _DateStep:
    unit: str  # "day", "month" or "year"
    count: int
    label_chars: float  # how wide its labels are, in digits


_DATE_STEPS = (
    *(_DateStep("day", days, 6.5) for days in (1, 2, 7, 14)),
    *(_DateStep("month", months, 4.5) for months in (1, 2, 3, 6)),
    *(_DateStep("year", years, 4.5) for years in (1, 2, 5, 10, 20, 50)),
)


class CalendarTicks(Locator):
    """Ticks on whole days, Mondays, months or years, as many as their labels have room for.

    Its ``formatter`` words them like the rest of the app ("30 Nov", "Dec", "Jan 2027",
    "2026"), so the axis never needs an offset label.
    """

    def __init__(self, font_size: float) -> None:
        self.font_size = font_size
        self.step = _DATE_STEPS[0]
        self.formatter = _CalendarLabels(self)

    def __call__(self) -> Sequence[float]:
        low, high = self.axis.get_view_interval()  # type: ignore[union-attr]
        return self.tick_values(low, high)

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        ax = self.axis.axes  # type: ignore[union-attr]
        width = max(ax.bbox.width, 1.0)
        digit = 0.64 * _font_pixels(ax, self.font_size)
        span_days = max(vmax - vmin, 1e-9)
        lengths = {"day": 1.0, "month": 30.4, "year": 365.25}
        self.step = next(
            (
                step
                for step in _DATE_STEPS
                if width * step.count * lengths[step.unit] / span_days
                >= (step.label_chars + 2.0) * digit
            ),
            _DATE_STEPS[-1],
        )
        first, last = date_of(vmin), date_of(vmax)
        return list(day_numbers(_calendar_dates(first, last, self.step)))


def _calendar_dates(first: dt.date, last: dt.date, step: _DateStep) -> list[dt.date]:
    if step.unit == "day":
        if step.count >= 7:  # on Mondays, every week or fortnight
            start = first + dt.timedelta(days=(7 - first.weekday()) % 7)
            if step.count == 14:
                start += dt.timedelta(days=7 * ((start.toordinal() // 7) % 2))
        else:
            start = dt.date.fromordinal(math.ceil(first.toordinal() / step.count) * step.count)
        return [
            start + dt.timedelta(days=days)
            for days in range(0, (last - start).days + 1, step.count)
        ]
    months_per_step = step.count * (12 if step.unit == "year" else 1)
    month = first.year * 12 + first.month - 1
    dates: list[dt.date] = []
    # First days of months (or of years) that are multiples of the step.
    month = math.ceil(month / months_per_step) * months_per_step
    while True:
        date = dt.date(month // 12, month % 12 + 1, 1)
        if date > last:
            return dates
        if date >= first:
            dates.append(date)
        month += months_per_step


class _CalendarLabels(Formatter):
    """The words for CalendarTicks' ticks: the year only where it changes."""

    def __init__(self, ticks: CalendarTicks) -> None:
        self.ticks = ticks

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.format_ticks([x])[0]

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        unit = self.ticks.step.unit
        labels = []
        for index, value in enumerate(values):
            date = date_of(value)
            if unit == "year":
                labels.append(str(date.year))
            elif unit == "month":
                month = short_month(date)
                labels.append(f"{month} {date.year}" if index == 0 or date.month == 1 else month)
            else:
                labels.append(day_month(date))
        return labels


def short_month(date: dt.date) -> str:
    """``Dec``: the month of ``date`` as the app abbreviates it."""
    return day_month_year(date).split(" ")[1]


def day_month(date: dt.date) -> str:
    """``30 Nov``: a day on a date axis (the chart's title says the years)."""
    return pgettext("date like 2 Dec", "{day} {month}").format(
        day=date.day, month=short_month(date)
    )


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
    # The map's bands (mild, moderate, severe) faintly behind everything; the legend says
    # what they are.
    for band in _bands():
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


def _bands() -> tuple[Any, ...]:
    return SCALE[1:-1]


def _bands_entry() -> tuple[tuple[Patch, ...], str]:
    """One legend entry for the three bands: their colours side by side, and their names."""
    swatches = tuple(Patch(color=LEVEL_HEX[band.high], alpha=0.35) for band in _bands())
    names = " · ".join(band.label for band in _bands())
    ranges = " · ".join(f"{band.low}–{band.high}" for band in _bands())
    return swatches, f"Shading: {names}\n({ranges})"


def _begin(
    ax: Axes, kind: str, style: ChartStyle, *, xlabel: str, title: str, subtitle: str = ""
) -> _Artists:
    """Start a redraw: keep the Axes if it shows the same kind in the same style."""
    drawn = _DRAWN.get(ax)
    if drawn is None or drawn.kind != kind or drawn.style != style:
        prepare_axes(ax, style, xlabel=xlabel, title=title)
        drawn = _Artists(kind, style)
        _DRAWN[ax] = drawn
        if kind == "timeline":  # zoomed or moved: thinned anew for the days in view
            ax.callbacks.connect("xlim_changed", _thin_all)
    for extra in drawn.extras:
        extra.remove()  # type: ignore[attr-defined]
    drawn.extras.clear()
    drawn.readouts.clear()
    drawn.used = set()
    if (title, subtitle) != (drawn.title, drawn.subtitle):
        drawn.title, drawn.subtitle = title, subtitle
        drawn.fitted_for = None
        ax.set_title(title if not subtitle else f"{title}\n{subtitle}", loc="left")
    return drawn


def _series(
    ax: Axes,
    drawn: _Artists,
    key: str,
    xs: Array,
    ys: Array,
    colour: str,
    *,
    width: float,
    label: str,
    describe: Callable[[int], str],
    alpha: float = 1.0,
    markers: bool = True,
    step: float = 1,
    zorder: float = 3,
) -> None:
    """Draw (or update) one line, broken at gaps, and its entered points."""
    gapped_x, gapped_y = _gapped(xs, ys, step)
    drawn.used.add(key)
    line = drawn.lines.get(key)
    if line is None:
        (line,) = ax.plot(gapped_x, gapped_y)
        drawn.lines[key] = line
    else:
        line.set_data(gapped_x, gapped_y)
    # A line with no points gets no legend entry: "_" hides it from the legend.
    line.set(color=colour, linewidth=width, alpha=alpha, label=label if len(xs) else f"_{label}")
    line.set_zorder(zorder)
    if len(xs):
        drawn.readouts[key] = PointReadout(xs, ys, colour, describe)
    if not markers:
        _thin(ax, drawn, key)
        return
    # The entered points, filled with their level's colour from the map.
    offsets = np.column_stack([xs, ys]) if len(xs) else np.array([[math.nan, math.nan]])
    colours = [LEVEL_HEX[min(MAX_LEVEL, round(float(y)))] for y in ys]
    scatter = drawn.points.get(key)
    if scatter is None:
        scatter = ax.scatter([], [], s=30, linewidths=1.2)
        drawn.points[key] = scatter
    scatter.set_offsets(offsets)
    scatter.set_facecolor(colours or ["none"])
    scatter.set_edgecolor(colour)
    scatter.set_alpha(alpha)
    scatter.set_zorder(zorder + 0.5)


def _thin(ax: Axes, drawn: _Artists, key: str) -> None:
    """Draw a line of many days per pixel as its per-pixel mean over a band of its range.

    Thirty years of daily values on 1,000 pixels would stroke some 11 zigzags through
    each column (~50 ms a redraw, an unreadable blot); one mean per column over a faint
    band from its lowest to its highest day draws in ~2 ms and shows the same. Pointing
    still reads each day (from the full values). Redone when the view or the size changes.
    """
    line, readout = drawn.lines.get(key), drawn.readouts.get(key)
    band_key = f"range of {key}"
    band = drawn.kept.get(band_key)
    if line is None or readout is None:
        return
    low, high = ax.get_xlim()
    columns = max(ax.bbox.width, 1.0)
    per_column = (high - low) / columns
    layout = drawn.columns.get(key)
    if layout is None or layout.xs is not readout.xs or layout.view != (low, high, columns):
        # Which days fall in which pixel column: the same after an edit of a value.
        layout = _ColumnLayout.of(readout.xs, low, high, columns)
        drawn.columns[key] = layout
    if layout.starts is None:
        line.set_data(*_gapped(readout.xs, readout.ys, 1))
        if band is not None:
            band.set_visible(False)
            drawn.used.add(band_key)
        return
    ys, starts, counts, centres = (
        readout.ys[layout.in_view],
        layout.starts,
        layout.counts,
        layout.centres,
    )
    lows = np.minimum.reduceat(ys, starts)
    highs = np.maximum.reduceat(ys, starts)
    means = np.add.reduceat(ys, starts) / counts
    # A week without ratings is still a gap.
    gap = max(7.0, 2.5 * per_column)
    line.set_data(*_gapped(centres, means, gap))
    drawn.used.add(band_key)
    path = _band_path(centres, lows, highs, gap)
    if band is not None:
        band.set_path(path)
        band.set_visible(True)
        return
    # A patch, not fill_between's collection: one path drawn as is (a third of the time).
    band = PathPatch(
        path,
        facecolor=line.get_color(),
        alpha=0.18,
        linewidth=0,
        zorder=line.get_zorder() - 0.1,
        label="_range",
        antialiased=False,  # one column per pixel: nothing to smooth
    )
    ax.add_patch(band)
    drawn.kept[band_key] = band


def _band_path(xs: Array, lows: Array, highs: Array, gap: float) -> Path:
    """The area between ``lows`` and ``highs`` over ``xs``, broken where a gap is wider.

    One closed outline per stretch: along the lows, back along the highs.
    """
    breaks = np.flatnonzero(np.diff(xs) > gap) + 1
    starts = np.r_[0, breaks]
    ends = np.r_[breaks, len(xs)]
    pieces = []
    for start, end in zip(starts, ends, strict=True):
        forward = np.column_stack([xs[start:end], lows[start:end]])
        back = np.column_stack([xs[start:end][::-1], highs[start:end][::-1]])
        pieces.append(np.vstack([forward, back, forward[:1]]))
    vertices = np.vstack(pieces) if pieces else np.empty((0, 2))
    codes = np.full(len(vertices), Path.LINETO, dtype=Path.code_type)
    ends_of_pieces = np.cumsum([len(piece) for piece in pieces], dtype=int)
    codes[ends_of_pieces - 1] = Path.CLOSEPOLY
    codes[np.r_[0, ends_of_pieces[:-1]]] = Path.MOVETO
    return Path(vertices, codes)


@dataclass(frozen=True, slots=True)
class _ColumnLayout:
    """The days of a line in view, grouped by the pixel column each falls in."""

    xs: Array  # the line's day numbers (the very array: kept while no date moves)
    view: tuple[float, float, float]  # the x limits and the width in pixels
    in_view: Indices
    starts: Indices | None  # where each column's days start; None: few enough to draw all
    counts: Indices
    centres: Array

    @classmethod
    def of(cls, xs: Array, low: float, high: float, columns: float) -> _ColumnLayout:
        per_column = (high - low) / columns
        in_view = np.flatnonzero((xs >= low - per_column) & (xs <= high + per_column))
        if len(in_view) <= columns * 1.5:
            return cls(xs, (low, high, columns), in_view, None, in_view[:0], np.empty(0))
        column = np.floor((xs[in_view] - low) / per_column)
        starts = np.flatnonzero(np.r_[True, np.diff(column) != 0])
        counts = np.diff(np.r_[starts, len(in_view)])
        centres = low + (column[starts] + 0.5) * per_column
        return cls(xs, (low, high, columns), in_view, starts, counts, centres)


def _thin_all(ax: Axes) -> None:
    drawn = _DRAWN.get(ax)
    if drawn is not None and drawn.kind == "timeline":
        for key in list(drawn.lines):
            _thin(ax, drawn, key)


def _end(ax: Axes, drawn: _Artists, *, legend: bool) -> None:
    """Remove what this redraw did not use, and rebuild the legend if its entries changed."""
    for unused in [key for key in drawn.lines if key not in drawn.used]:
        drawn.lines.pop(unused).remove()
        if unused in drawn.points:
            drawn.points.pop(unused).remove()
    for unused in [key for key in drawn.kept if key not in drawn.used]:
        drawn.kept.pop(unused).remove()
    handles: list[Any] = [
        artist
        for artist in (*drawn.lines.values(), *drawn.kept.values(), *drawn.extras)
        if isinstance(artist, Line2D | PolyCollection | LineCollection | PathPatch)
        and not str(artist.get_label()).startswith("_")
    ]
    labels = [str(handle.get_label()) for handle in handles]
    entries = tuple((id(handle), label) for handle, label in zip(handles, labels, strict=True))
    if entries == drawn.legend_key and ax.get_legend() is not None:
        return
    old_legend = ax.get_legend()
    if old_legend is not None:
        old_legend.remove()
    drawn.legend_key = entries
    drawn.fitted_for = None
    if not legend or not handles:
        return
    swatches, bands_label = _bands_entry()
    drawn.legend_entries = ([*handles, swatches], [*labels, bands_label])
    style = drawn.style
    # Beside the plot, never over the lines: so it can stay in a cached background while
    # only the lines are redrawn (see charts.panel). fit_to_figure may move it below.
    ax.legend(
        *drawn.legend_entries,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        borderaxespad=0,
        fontsize=style.font_size * 0.8,
        frameon=False,
        labelcolor=style.text,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0)},
    )


def fit_to_figure(ax: Axes) -> bool:
    """Fit the chart to the figure's present size and lay it out (margins for every label).

    A long subtitle is wrapped to the width and the y label shortened on a low figure; the
    legend goes beside the plot (one column or two, each entry in full or its first line
    only) or else below it: the first of these that fits the figure and leaves the plot
    at least MIN_PLOT_WIDTH wide. False when it was fitted to this size already.
    """
    figure = ax.get_figure(root=True)
    assert figure is not None
    width, height = figure.bbox.width, figure.bbox.height
    drawn = _DRAWN.get(ax)
    if drawn is None:
        _lay_out_and_thin(ax, figure)
        return True
    if drawn.fitted_for == (width, height):
        return False
    drawn.fitted_for = (width, height)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    style = drawn.style
    title_size = style.font_size * (1.05 if height < LOW_FIGURE else 1.2)
    title_room = width - 80  # the title starts at the plot's left edge, past the y label
    subtitle = _wrapped(ax, drawn.subtitle, title_room, title_size, renderer)
    ax.set_title(
        drawn.title if not subtitle else f"{drawn.title}\n{subtitle}",
        loc="left",
        fontsize=title_size,
    )
    title_lines = 1 + (subtitle.count("\n") + 1 if subtitle else 0)
    # The plot's height if nothing but the title and the x axis took any.
    plot_height = height - title_lines * _font_pixels(ax, title_size * 1.3) - 60
    ylabel = Text(0, 0, SORENESS_LABEL, fontsize=style.font_size, figure=figure)
    long_enough = ylabel.get_window_extent(renderer).width <= plot_height
    ax.set_ylabel(SORENESS_LABEL if long_enough else SHORT_SORENESS_LABEL)
    legend = ax.get_legend()
    if legend is None:
        _lay_out_and_thin(ax, figure)
        return True
    legend.remove()
    handles, labels = drawn.legend_entries
    first_lines = [label.split("\n")[0] for label in labels]
    options: dict[str, Any] = {
        "fontsize": style.font_size * 0.8,
        "frameon": False,
        "labelcolor": style.text,
        "handler_map": {tuple: HandlerTuple(ndivide=None, pad=0)},
        "borderaxespad": 0,
    }
    room_beside = width - max(MIN_PLOT_WIDTH, width * 0.45) - 90
    for texts, columns in ((labels, 1), (labels, 2), (first_lines, 1), (first_lines, 2)):
        box = Legend(ax, handles, texts, ncols=columns, **options).get_window_extent(renderer)
        if box.height <= plot_height + 45 and box.width <= room_beside:
            ax.legend(
                handles, texts, ncols=columns, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                **options,
            )  # fmt: skip
            _lay_out_and_thin(ax, figure)
            return True
    # Below the plot, as many side by side as the width takes (each column as wide as its
    # own widest entry, so short names pack closer than one width for all would).
    columns = next(
        (
            count
            for count in range(len(handles), 1, -1)
            if Legend(ax, handles, first_lines, ncols=count, **options)
            .get_window_extent(renderer)
            .width
            <= width - 40
        ),
        1,
    )
    ax.legend(
        handles, first_lines, ncols=columns, loc="upper center", bbox_to_anchor=(0.5, 0.0),
        # Clear of the tick labels and the axis label under the plot.
        **{**options, "borderaxespad": 4.4},
    )  # fmt: skip
    _lay_out_and_thin(ax, figure)
    return True


def _lay_out_and_thin(ax: Axes, figure: Figure) -> None:
    lay_out(figure)
    _thin_all(ax)  # the plot's width changed: as many columns as it now has


def lay_out(figure: Figure) -> None:
    """Constrained layout once, now, without drawing: margins for every label and legend.

    Kept off afterwards: laying out on every redraw would cost some 40 ms a time.
    """
    with warnings.catch_warnings():
        # On a figure too small for its labels the layout gives up and says so; the
        # axes then keep their places, which is all a tiny canvas can do.
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        ConstrainedLayoutEngine(h_pad=6 / 72, w_pad=6 / 72).execute(figure)


def _wrapped(ax: Axes, text: str, room: float, font_size: float, renderer: Any) -> str:
    """``text`` broken into lines no wider than ``room`` pixels at ``font_size``."""

    def widest(lines: Sequence[str]) -> float:
        probe = Text(0, 0, "", fontsize=font_size, figure=ax.figure)
        widths = []
        for line in lines:
            probe.set_text(line)
            widths.append(probe.get_window_extent(renderer).width)
        return max(widths, default=0.0)

    full = widest([text])
    if full <= room:
        return text
    chars = int(room / (full / len(text)))
    while chars > 12:
        lines = textwrap.wrap(text, chars)
        if widest(lines) <= room:
            return "\n".join(lines)
        chars -= max(2, chars // 12)
    return textwrap.fill(text, chars)


def legend_entries(ax: Axes) -> tuple[list[Any], list[str]]:
    """The handles and labels of the legend drawn on ``ax`` (the bands' as a tuple)."""
    drawn = _DRAWN.get(ax)
    return ([], []) if drawn is None else drawn.legend_entries


def dynamic_artists(ax: Axes) -> list[Any]:
    """What a redraw of the same chart changes: lines, points, band, leg days, messages.

    Everything else (axes, ticks, labels, legend) stays as it was, so a canvas may keep it
    as a background image and draw only these on top.
    """
    drawn = _DRAWN.get(ax)
    if drawn is None:
        return []
    kept = [artist for key, artist in drawn.kept.items() if key not in LEG_DAY_MARKS]
    artists = [*kept, *drawn.extras, *drawn.lines.values(), *drawn.points.values()]
    return sorted(artists, key=lambda artist: artist.get_zorder())


def static_signature(ax: Axes) -> tuple[object, ...]:
    """Changes whenever the background (title, limits, ticks, legend) must be drawn anew."""
    drawn = _DRAWN.get(ax)
    return (
        None if drawn is None else (drawn.kind, drawn.style, drawn.legend_key),
        # Leg days change far less often than ratings: their marks stay in the background.
        None if drawn is None else drawn.leg_day_marks.tobytes(),
        ax.get_title(loc="left"),
        tuple(ax.get_xlim()),
        tuple(ax.get_ylim()),
        tuple(ax.get_xticks()),
    )


def point_near(ax: Axes, x: float, y: float, radius: float = 14.0) -> PointInfo | None:
    """The drawn point nearest the display position (x, y), within ``radius`` pixels."""
    drawn = _DRAWN.get(ax)
    if drawn is None:
        return None
    best: tuple[float, PointReadout, int] | None = None
    for key, readout in drawn.readouts.items():
        line = drawn.lines.get(key)
        if line is None or not line.get_visible():
            continue
        shown = ax.transData.transform(np.column_stack([readout.xs, readout.ys]))
        distances = np.hypot(shown[:, 0] - x, shown[:, 1] - y)
        index = int(np.nanargmin(distances))
        distance = float(distances[index])
        # On a tie the line drawn on top (the newest leg day) wins.
        if distance <= radius and (best is None or distance <= best[0]):
            best = (distance, readout, index)
    if best is None:
        return None
    _, readout, index = best
    return PointInfo(
        readout.describe(index), float(readout.xs[index]), float(readout.ys[index]), readout.colour
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


def _day_word(day: int) -> str:
    return "leg day" if day == 0 else f"day {day}"


def _days_after_series(
    points: Sequence[tuple[int, float]], leg_day: dt.date, label: str
) -> tuple[Array, Array, Callable[[int], str]]:
    xs = np.fromiter((day for day, _ in points), dtype=float, count=len(points))
    ys = np.fromiter((value for _, value in points), dtype=float, count=len(points))

    def describe(index: int) -> str:
        day = int(xs[index])
        date = leg_day + dt.timedelta(days=day)
        return f"{label} · {_day_word(day)} · {short_day(date)} · {level_text(ys[index])}"

    return xs, ys, describe


def _days_after_axis(ax: Axes, style: ChartStyle, last_day: int) -> None:
    ax.set_xlim(-0.3, last_day + 0.3)
    if not isinstance(ax.xaxis.get_major_locator(), DayAfterTicks):
        ax.xaxis.set_major_locator(DayAfterTicks(style.font_size * 0.9))


def draw_recovery(ax: Axes, curve: RecoveryCurve | None, style: ChartStyle) -> None:
    """Each rated group and their average against days after, over the typical course."""
    title = (
        "Recovery curve"
        if curve is None
        else f"{curve.leg_day.display_title} · {short_day(curve.leg_day.date, year=True)}"
    )
    drawn = _begin(ax, "recovery", style, xlabel=DAYS_AFTER_LABEL, title=title)
    _days_after_axis(ax, style, 7 if curve is None else curve.last_day)
    if curve is None:
        _empty(ax, drawn, "Log a leg day and rate your soreness to see your recovery curve")
        return
    if curve.is_empty and curve.forecast is None:
        _empty(ax, drawn, "Rate your soreness on the days after this leg day to see its curve")
        return
    if not curve.is_empty:  # the typical band is scaled to the peak rated
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
                label=TYPICAL_COURSE_LABEL,
            )
        else:
            band.set_data(course.days, low, high)
    if curve.forecast is not None:
        _forecast(ax, drawn, curve.forecast, curve.leg_day.date, style)
    leg_day = curve.leg_day.date
    for series in curve.groups:
        xs, ys, describe = _days_after_series(series.points, leg_day, series.label)
        _series(
            ax, drawn, series.key, xs, ys, GROUP_HEX[series.key],
            width=1.6, label=series.label, describe=describe,
        )  # fmt: skip
    total = curve.total
    xs, ys, describe = _days_after_series(total.points, leg_day, total.label)
    _series(
        ax, drawn, TOTAL, xs, ys, style.total,
        width=2.8, label=total.label, describe=describe, zorder=3.6,
    )  # fmt: skip
    _end(ax, drawn, legend=True)


FORECAST_RANGE_LABEL = "Forecast range (8 in 10 days fall inside)"


def _forecast(
    ax: Axes, drawn: _Artists, forecast: ForecastLine, leg_day: dt.date, style: ChartStyle
) -> None:
    """The forecast as a dashed line over its range: beside the ratings, or before them."""
    days = np.array([point[0] for point in forecast.points], dtype=float)
    levels = np.array([point[1] for point in forecast.points], dtype=float)
    lows = [point[2] for point in forecast.points]
    highs = [point[3] for point in forecast.points]
    drawn.used.update(("forecast", "forecast range"))
    line = drawn.lines.get("forecast")
    if line is None:
        (line,) = ax.plot(days, levels)
        drawn.lines["forecast"] = line
    else:
        line.set_data(days, levels)
    # Dashed and grey: it reads as "not measured" on screen and printed in black and white.
    line.set(
        color=style.muted, linewidth=2.0, linestyle=(0, (5, 3)), label=forecast.label, zorder=2.5
    )
    band = drawn.kept.get("forecast range")
    if band is None:
        drawn.kept["forecast range"] = ax.fill_between(
            days,
            lows,
            highs,
            facecolor="none",
            edgecolor=style.muted,
            hatch="///",
            linewidth=0,
            alpha=0.35,
            zorder=1.2,
            label=FORECAST_RANGE_LABEL,
        )
    else:
        band.set_data(days, lows, highs)

    def describe(index: int) -> str:
        day = int(days[index])
        date = leg_day + dt.timedelta(days=day)
        low, high = lows[index], highs[index]
        return (
            f"Forecast · {_day_word(day)} · {short_day(date)} · {level_text(levels[index])} "
            f"(range {low:.0f}–{high:.0f})"
        )

    drawn.readouts["forecast"] = PointReadout(days, levels, style.muted, describe)


def _summary_text(summary: Any) -> str:
    recovered = (
        "not yet ≤ 2"
        if summary.days_to_recover is None
        else f"≤ 2 by day {summary.days_to_recover}"
    )
    return f"peak {level_text(summary.peak)} on day {summary.peak_day}, {recovered}"


def draw_comparison(ax: Axes, comparison: Comparison, style: ChartStyle) -> None:
    """Several leg days on one axis of days after, each its own colour, the newest on top."""
    count = len(comparison.series)
    unrated = [
        series.label
        for series, summary in zip(comparison.series, comparison.summaries, strict=True)
        if summary.peak is None
    ]
    title = (
        f"{comparison.label}: the last leg day"
        if count == 1
        else f"{comparison.label}: the last {count} leg days"
    )
    notes = [comparison.note] if comparison.note else []
    if unrated and any(series.points for series in comparison.series):
        notes.append(f"Not rated after: {', '.join(unrated)}.")
    drawn = _begin(
        ax, "compare", style, xlabel=DAYS_AFTER_LABEL, title=title, subtitle=" ".join(notes)
    )
    _days_after_axis(ax, style, comparison.last_day)
    if not any(series.points for series in comparison.series):
        _empty(ax, drawn, "Log a few leg days and rate your soreness to compare them")
        return
    palette = style.earlier_leg_day_colours()
    pairs = list(zip(comparison.series, comparison.summaries, strict=True))
    for index, (series, summary) in enumerate(pairs):
        age = count - 1 - index  # 0: the newest
        newest = age == 0
        if newest:
            colour, width = style.total, 3.2
        elif age <= min(MAX_COLOURED_LEG_DAYS - 1, len(palette)):
            colour, width = palette[age - 1], 1.7
        else:
            colour, width = style.muted, 1.0
        label = series.label + (" (newest)" if newest else "")
        if summary.peak is not None:
            label += f"\n{_summary_text(summary)}"
        xs, ys, describe = _days_after_series(
            series.points,
            summary.leg_day.date,
            f"{comparison.label} · after {series.label}",
        )
        _series(
            ax, drawn, f"leg-day-{index}", xs, ys, colour,
            width=width, label=label, describe=describe, zorder=3 + index / max(count, 1),
        )  # fmt: skip
    _end(ax, drawn, legend=True)


def _converted(
    drawn: _Artists, key: str, points: tuple[tuple[dt.date, float], ...]
) -> tuple[Array, Array]:
    """Day numbers and values of ``points``, converted again only where they changed.

    After an edit the timeline's points are the last ones with one day patched (the same
    tuples elsewhere), so the arrays are patched too instead of converting 11,000 dates
    again; when no date moved the day numbers are the very same array (see ``_thin``).
    """
    cached = drawn.converted.get(key)
    if cached is not None and cached[0] is points:
        return cached[1], cached[2]
    if cached is not None and len(cached[0]) == len(points):
        old, xs, ys = cached
        changed = _changed_indices(old, points)
        if changed is not None:
            if any(old[index][0] != points[index][0] for index in changed):
                xs = xs.copy()
                for index in changed:
                    xs[index] = day_numbers([points[index][0]])[0]
            ys = ys.copy()
            for index in changed:
                ys[index] = points[index][1]
            drawn.converted[key] = (points, xs, ys)
            return xs, ys
    xs = day_numbers([date for date, _ in points])
    ys = np.fromiter((value for _, value in points), dtype=float, count=len(points))
    drawn.converted[key] = (points, xs, ys)
    return xs, ys


_COMPARED_AT_ONCE = 256
_MOST_PATCHED = 64


def _changed_indices(old: Sequence[object], new: Sequence[object]) -> list[int] | None:
    """Where two sequences of the same length differ; None when in more than 64 places.

    Compared a slice at a time (a C loop that skips identical items) and item by item only
    inside a slice that differs.
    """
    changed: list[int] = []
    for start in range(0, len(new), _COMPARED_AT_ONCE):
        stop = min(start + _COMPARED_AT_ONCE, len(new))
        if old[start:stop] != new[start:stop]:
            changed += [index for index in range(start, stop) if old[index] != new[index]]
            if len(changed) > _MOST_PATCHED:
                return None
    return changed


def _calendar_series(
    drawn: _Artists,
    key: str,
    points: tuple[tuple[dt.date, float], ...],
    leg_days: Array,
    label: str,
) -> tuple[Array, Array, Callable[[int], str]]:
    xs, ys = _converted(drawn, key, points)

    def describe(index: int) -> str:
        date = points[index][0]
        before = int(np.searchsorted(leg_days, xs[index], side="right")) - 1
        words = [label]
        if before >= 0:
            words.append(_day_word(round(xs[index] - leg_days[before])))
        words += [short_day(date, year=True), level_text(ys[index])]
        return " · ".join(words)

    return xs, ys, describe


def draw_timeline(
    ax: Axes, timeline: Timeline, style: ChartStyle, shown: dt.date | None = None
) -> None:
    """Values against calendar dates, leg days as vertical lines (titled when few)."""
    title = f"Soreness from {day_month_year(timeline.start)} to {day_month_year(timeline.end)}"
    drawn = _begin(ax, "timeline", style, xlabel="Date", title=title)
    if not isinstance(ax.xaxis.get_major_locator(), CalendarTicks):
        ticks = CalendarTicks(style.font_size * 0.9)
        ax.xaxis.set_major_locator(ticks)
        ax.xaxis.set_major_formatter(ticks.formatter)
    # Not announced: each line is thinned for the new limits below, with its new data.
    ax.set_xlim(
        day_number(timeline.start - dt.timedelta(days=1)),
        day_number(timeline.end + dt.timedelta(days=1)),
        emit=False,
    )
    leg_days = _leg_day_numbers(drawn, timeline.leg_days)
    if len(leg_days):
        _leg_day_marks(ax, drawn, leg_days, style)
    if len(leg_days) <= MAX_LEG_DAY_TITLES:
        for leg_day in timeline.leg_days:
            drawn.extras.append(_leg_day_title(ax, leg_day, style))
    if shown is not None and timeline.start <= shown <= timeline.end:
        drawn.used.add("shown")
        shown_line = drawn.kept.get("shown")
        if shown_line is None:
            drawn.kept["shown"] = ax.axvline(
                day_number(shown),
                color=style.highlight,
                linewidth=1.5,
                alpha=0.6,
                zorder=2,
                label="Day shown",
            )
        else:
            shown_line.set_xdata([day_number(shown)] * 2)
    if not any(series.points for series in timeline.series):
        _empty(ax, drawn, "Rate your soreness on a few days to see it over time")
        return
    for series in timeline.series:
        xs, ys, describe = _calendar_series(
            drawn, series.key, series.points, leg_days, series.label
        )
        total = series.key == TOTAL
        _series(
            ax, drawn, series.key, xs, ys, style.total if total else GROUP_HEX[series.key],
            width=2.2 if total else 1.4, label=series.label, describe=describe, markers=False,
        )  # fmt: skip
    _end(ax, drawn, legend=True)


def _leg_day_numbers(drawn: _Artists, leg_days: tuple[LegDay, ...]) -> Array:
    """The day numbers of ``leg_days``, converted again only when they are other leg days."""
    if drawn.leg_day_numbers is None or drawn.leg_day_numbers[0] is not leg_days:
        drawn.leg_day_numbers = (leg_days, day_numbers([leg_day.date for leg_day in leg_days]))
    return drawn.leg_day_numbers[1]


def _leg_day_marks(ax: Axes, drawn: _Artists, leg_days: Array, style: ChartStyle) -> None:
    """All leg days as one collection: full-height dashed lines, or ticks when many."""
    full_height = len(leg_days) <= MAX_FULL_HEIGHT_LEG_DAYS
    top = MAX_LEVEL + 0.5 if full_height else 0.45
    key = LEG_DAY_MARKS[0] if full_height else LEG_DAY_MARKS[1]
    drawn.used.add(key)
    if key in drawn.kept and np.array_equal(drawn.leg_day_marks, leg_days):
        return  # the same leg days: nothing to redo (3,000 segments cost a few ms)
    drawn.leg_day_marks = leg_days
    segments = np.empty((len(leg_days), 2, 2))
    segments[:, :, 0] = leg_days[:, None]
    segments[:, 0, 1] = 0.0
    segments[:, 1, 1] = top
    marks = drawn.kept.get(key)
    if marks is None:
        drawn.kept[key] = LineCollection(
            list(segments),
            colors=style.muted,
            linewidths=0.8 if full_height else 1.0,
            linestyles="dashed" if full_height else "solid",
            zorder=1,
            label="Leg day",
        )
        ax.add_collection(drawn.kept[key], autolim=False)
    else:
        marks.set_segments(list(segments))


def _leg_day_title(ax: Axes, leg_day: LegDay, style: ChartStyle) -> Text:
    return ax.text(
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
