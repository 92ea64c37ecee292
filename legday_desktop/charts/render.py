"""Drawing a chart's data into a matplotlib figure: shared by the canvas and ``legday chart``."""

from __future__ import annotations

import datetime as dt

from matplotlib.axes import Axes

from legday_desktop.charts.plots import draw_comparison, draw_recovery, draw_timeline
from legday_desktop.charts.style import ChartStyle
from legday_desktop.domain.recovery import Comparison, RecoveryCurve, Timeline
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
