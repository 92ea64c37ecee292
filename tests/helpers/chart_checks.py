"""Checks that a drawn chart is readable: a wide enough plot, no text colliding or cut off."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox

MIN_PLOT_WIDTH = 300  # pixels
TOLERANCE = 1.0  # pixels: text may touch an edge


def _inside(box: Bbox, outer: Bbox) -> bool:
    return (
        box.x0 >= outer.x0 - TOLERANCE
        and box.y0 >= outer.y0 - TOLERANCE
        and box.x1 <= outer.x1 + TOLERANCE
        and box.y1 <= outer.y1 + TOLERANCE
    )


def _overlap(first: Bbox, second: Bbox) -> bool:
    return (
        min(first.x1, second.x1) - max(first.x0, second.x0) > TOLERANCE
        and min(first.y1, second.y1) - max(first.y0, second.y0) > TOLERANCE
    )


def _shown(texts: list[Text]) -> list[Text]:
    return [text for text in texts if text.get_visible() and text.get_text().strip()]


def tick_labels(ax: Axes, which: str) -> list[Text]:
    """The tick labels drawn on the x or y axis (those within the axis' view)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    low, high = sorted(axis.get_view_interval())
    labels = []
    for tick in axis.get_major_ticks():
        if low - 1e-9 <= tick.get_loc() <= high + 1e-9:
            labels.append(tick.label1)
    return _shown(labels)


def problems(ax: Axes) -> list[str]:
    """What makes the chart drawn on ``ax`` hard to read, in words; empty if nothing."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    figure.canvas.draw()
    renderer: Any = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    found: list[str] = []
    plot = ax.get_window_extent(renderer)
    if plot.width < MIN_PLOT_WIDTH:
        found.append(f"the plot is {plot.width:.0f} px wide (< {MIN_PLOT_WIDTH})")
    for which in ("x", "y"):
        labels = tick_labels(ax, which)
        boxes = [(label.get_text(), label.get_window_extent(renderer)) for label in labels]
        for index, (text, box) in enumerate(boxes):
            for other_text, other in boxes[index + 1 :]:
                if _overlap(box, other):
                    found.append(f"{which} tick labels {text!r} and {other_text!r} overlap")
            if not _inside(box, figure.bbox):
                found.append(f"{which} tick label {text!r} is cut off")
    titles = [
        child for child in ax.get_children() if isinstance(child, Text) and child in _titles(ax)
    ]
    named = {
        "title": _shown(titles),
        "axis label": _shown([ax.xaxis.label, ax.yaxis.label]),
        "text": [text for text in _shown(list(ax.texts)) if text.get_clip_on() is False],
    }
    for what, texts in named.items():
        for text in texts:
            if not _inside(text.get_window_extent(renderer), figure.bbox):
                found.append(f"{what} {text.get_text()!r} is cut off")
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        box = legend.get_window_extent(renderer)
        if not _inside(box, figure.bbox):
            found.append(
                f"the legend {_extent(box)} is cut off by the figure {_extent(figure.bbox)}"
            )
        for label in [*tick_labels(ax, "x"), ax.xaxis.label, *_shown(titles)]:
            if label.get_text() and _overlap(box, label.get_window_extent(renderer)):
                found.append(f"the legend covers {label.get_text()!r}")
        if _overlap(box, plot):
            found.append("the legend covers the plot")
    return found


def _titles(ax: Axes) -> list[Text]:
    # The three title slots of an Axes (left, centre, right); matplotlib keeps them as
    # attributes, not in a public list.
    return [ax.title, ax._left_title, ax._right_title]  # type: ignore[attr-defined]


def _extent(box: Bbox) -> str:
    return f"({box.x0:.0f}, {box.y0:.0f})–({box.x1:.0f}, {box.y1:.0f})"


def assert_chart_readable(panel: Any) -> None:
    """Fail, saying why, unless the chart panel's shown chart is readable at its size.

    The plot at least 300 px wide; tick labels that neither overlap each other nor leave
    the figure; titles, axis labels and the legend inside the figure; the legend beside or
    below the plot, never over it or over its labels. ``panel`` is a ChartPanel (shown).
    """
    panel.draw_now()
    found = problems(panel.axes)
    width, height = panel.canvas.get_width_height()
    assert not found, f"{panel.kind.value} chart at {width}×{height}: " + "; ".join(found)
