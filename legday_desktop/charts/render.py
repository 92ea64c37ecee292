"""Drawing a chart's data into a matplotlib figure: shared by the canvas and ``legday chart``."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from legday_desktop.charts.plots import (
    draw_comparison,
    draw_recovery,
    draw_timeline,
    fit_to_figure,
)
from legday_desktop.charts.style import ChartStyle
from legday_desktop.domain.recovery import Comparison, RecoveryCurve, Timeline
from legday_desktop.file_writing import write_atomically
from legday_desktop.services.charts import ChartData, ChartKind


def draw_chart(
    ax: Axes, kind: ChartKind, data: ChartData, style: ChartStyle, shown: dt.date | None = None
) -> None:
    """Draw ``data`` (as returned by ``services.charts.chart_data``) on ``ax``."""
    if kind is ChartKind.RECOVERY:
        assert data is None or isinstance(data, RecoveryCurve)
        draw_recovery(ax, data, style)
    elif kind is ChartKind.COMPARE:
        assert isinstance(data, Comparison)
        draw_comparison(ax, data, style)
    else:
        assert isinstance(data, Timeline)
        draw_timeline(ax, data, style, shown)


def save_chart(
    output: Path, kind: ChartKind, data: ChartData, shown: dt.date | None = None
) -> None:
    """Draw ``data`` in the light style and save it to ``output`` (PNG, SVG or PDF by suffix).

    Needs no window and no Qt application. OSError if the file cannot be written.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from legday_desktop.charts.style import LIGHT

    figure = Figure(figsize=(10, 6), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    draw_chart(ax, kind, data, LIGHT, shown)
    fit_to_figure(ax)
    write_figure(figure, output)


SAVE_FORMATS = {"png": "PNG image", "svg": "SVG drawing", "pdf": "PDF document"}


def figure_bytes(figure: Figure, file_format: str) -> bytes:
    """``figure`` encoded as ``file_format`` (png, svg or pdf), on its own background."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=file_format, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def write_figure(figure: Figure, output: Path) -> None:
    """Write ``figure`` to ``output`` (format by suffix) atomically, owner-only; OSError if not."""
    file_format = output.suffix.lower().lstrip(".") or "png"
    if file_format not in SAVE_FORMATS:
        raise OSError(f"{output}: Legday writes charts as .png, .svg or .pdf")
    write_atomically(output, figure_bytes(figure, file_format))
