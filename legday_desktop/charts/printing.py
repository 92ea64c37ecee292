"""Charts drawn for paper: print size, each line told apart without colour, as SVG.

The report paints them as vectors with their text kept as text (``svg.fonttype`` none),
so a PDF reader can search and copy axis labels and legends and a screen reader can
read them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

from legday_desktop.charts.plots import draw_recovery, draw_timeline, legend_entries
from legday_desktop.charts.style import LIGHT
from legday_desktop.domain.recovery import TOTAL, RecoveryCurve, Timeline, series_label

MM_PER_INCH = 25.4
PRINT_STYLE = replace(LIGHT, font_size=8.5)
# The total stays a thick solid line; the groups get a dash pattern and a marker each, so
# that a black-and-white print still tells them apart.
DASHES: tuple[tuple[float, tuple[float, ...]], ...] = (
    (0, (5.0, 2.0)),
    (0, (1.2, 1.6)),
    (0, (6.0, 1.8, 1.2, 1.8)),
    (0, (2.5, 1.5)),
    (0, (8.0, 2.0, 1.2, 2.0, 1.2, 2.0)),
    (0, (3.5, 1.5, 3.5, 4.0)),
)
MARKERS = ("s", "^", "D", "v", "o", "P", "X", "<", ">")
PRINT_DARKEN = 0.3
MAX_MARKERS = 45  # per line
# Between an f and the letter it would join (ff, fi, fl): a zero-width non-joiner. Qt's
# text shaping would draw one ligature glyph, which text extraction reads as "ﬂ", so
# "Hip flexors" could not be found; the joiner is invisible and not extracted.
_LIGATURE = re.compile("f(?=[fil])")
_SVG_TEXT = re.compile(r"(<text\b[^>]*>)(.*?)(</text>)", re.DOTALL)
NON_JOINER = "\u200c"


def _marker_step(line: Line2D) -> int:
    """Every point's marker, or every n-th on a long line: enough to tell lines apart."""
    return max(1, len(line.get_xdata()) // MAX_MARKERS)  # type: ignore[arg-type]


def darker(colour: object, share: float = PRINT_DARKEN) -> tuple[float, float, float]:
    """``colour`` mixed with ``share`` of black: pale lines (yellow, sky blue) print too faint."""
    red, green, blue = to_rgb(colour)  # type: ignore[arg-type]
    return (red * (1 - share), green * (1 - share), blue * (1 - share))


def make_print_friendly(ax: Axes) -> None:
    """Give the lines of a drawn chart dashes and markers, and its legend a side column.

    The on-screen charts keep their look; this only changes the Axes it is given.
    """
    average = series_label(TOTAL)
    groups = [
        line
        for line in ax.get_lines()
        if not str(line.get_label()).startswith("_") and line.get_label() != average
    ]
    for index, line in enumerate(groups):
        line.set_color(darker(line.get_color()))
        line.set_linestyle(DASHES[index % len(DASHES)])
        line.set_marker(MARKERS[index % len(MARKERS)])
        line.set_markersize(4.5)
        line.set_markevery(_marker_step(line))
        line.set_markerfacecolor("white")
        line.set_markeredgewidth(1.1)
    for line in ax.get_lines():
        if line.get_label() == average:
            line.set_marker("o")
            line.set_markersize(4)
            line.set_markevery(_marker_step(line))
    # The level-coloured points of the screen chart would hide the markers: dropped.
    for collection in list(ax.collections):
        if isinstance(collection, PathCollection):
            collection.remove()
    old = ax.get_legend()
    if old is None:
        return
    old.remove()
    handles, labels = legend_entries(ax)
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=PRINT_STYLE.font_size * 0.9,
        frameon=False,
        handlelength=3.2,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0)},
    )


def without_ligatures(svg: str) -> str:
    """``svg`` with a zero-width non-joiner in each ff, fi and fl of its text elements."""
    return _SVG_TEXT.sub(
        lambda found: found[1] + _LIGATURE.sub("f" + NON_JOINER, found[2]) + found[3], svg
    )


def _svg(draw: Callable[[Axes], None], width_mm: float, height_mm: float) -> bytes:
    figure = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), layout="constrained")
    FigureCanvasAgg(figure)  # lays the text out; savefig then writes SVG (backend_svg)
    ax = figure.add_subplot()
    draw(ax)
    make_print_friendly(ax)
    buffer = io.BytesIO()
    # Text as <text> elements in the chart's font, not as outlines; no date or random ids,
    # so the same chart is the same SVG.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "legday"}):
        figure.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    return without_ligatures(buffer.getvalue().decode("utf-8")).encode("utf-8")


def chart_font() -> tuple[str, list[Path]]:
    """The font family the charts' SVG text names, and matplotlib's files of it.

    The SVG names the family; whoever paints it needs that family installed, or the
    text comes out in another font whose widths the chart's layout did not plan for.
    """
    found = [
        Path(findfont(FontProperties(family=matplotlib.rcParams["font.family"], weight=weight)))
        for weight in ("normal", "bold")
    ]
    return get_font(str(found[0])).family_name, sorted(set(found))


def recovery_svg(curve: RecoveryCurve, width_mm: float, height_mm: float) -> bytes:
    """The recovery curve as an SVG drawing of that size on paper, its text as text."""
    return _svg(lambda ax: draw_recovery(ax, curve, PRINT_STYLE), width_mm, height_mm)


def timeline_svg(timeline: Timeline, width_mm: float, height_mm: float) -> bytes:
    """The timeline as an SVG drawing of that size on paper, its text as text."""
    return _svg(lambda ax: draw_timeline(ax, timeline, PRINT_STYLE), width_mm, height_mm)
