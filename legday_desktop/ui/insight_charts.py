"""Painted parts of Insights: recovery trends, habits as dots, forecasts vs ratings, a table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from legday_desktop.domain.insights import ActionComparison, BoutTrend, ForecastCheck, MeanInterval
from legday_desktop.domain.recovery import series_label
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.domain.wording import short_day

SORENESS_SCALE = (0.0, 10.0)


@dataclass(frozen=True, slots=True)
class ChartColours:
    """Everything a chart is painted in, from the widget's palette (light or dark)."""

    text: QColor
    muted: QColor
    grid: QColor
    accent: QColor  # the leg days, the habit "with it"
    other: QColor  # the trend line, the habit "without it"
    background: QColor

    @classmethod
    def of(cls, palette: QPalette) -> ChartColours:
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightness() < 128
        muted = QColor(text)
        muted.setAlphaF(0.7)
        grid = QColor(text)
        grid.setAlphaF(0.16)
        # Blue and orange tell apart for most colour-blind eyes; lighter on dark windows.
        accent = QColor("#5aa9e6" if dark else "#1f6fb5")
        other = QColor("#f0a04b" if dark else "#b35806")
        return cls(text, muted, grid, accent, other, window)


def _nice_top(value: float) -> int:
    """An axis top at or above ``value``: at least 4, then even numbers."""
    top = max(4, int(value + 0.999))
    return top + top % 2


class RecoveryTrendChart(QWidget):
    """Days to recover (back to 2 or less) over similar leg days, with the trend's line.

    A filled dot is a leg day measured back to 2 or less; a hollow one with a caret was
    not back before the next leg day, so it took at least that long. The line is the
    least-squares line the trend sentence is read from.
    """

    def __init__(self, trend: BoutTrend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend = trend
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        what = "all groups" if trend.key == "total" else trend.label.lower()
        self.setAccessibleName(f"Days to recover, {what}, over {len(trend.dates)} leg days")
        self.setAccessibleDescription(self.description())

    def set_trend(self, trend: BoutTrend) -> None:
        if trend != self.trend:
            self.trend = trend
            self.setAccessibleDescription(self.description())
            self.update()

    def description(self) -> str:
        """The chart's facts in words (for assistive technology and ``text()``)."""
        points = []
        for date, days, at_least in zip(
            self.trend.dates, self.trend.recovery_days, self.trend.at_least, strict=True
        ):
            when = short_day(date, year=True)
            if at_least:
                points.append(
                    f"{when}: not back to 2 or less before the next leg day (day {days} or later)"
                )
            else:
                points.append(f"{when}: back to 2 or less on day {days}")
        start, end = self.trend.line
        return "; ".join(points) + f". Trend line from {start:.1f} to {end:.1f} days."

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = QFontMetricsF(self.font()).height()
        return QSize(340, round(line * 10))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = QFontMetricsF(self.font()).height()
        return QSize(220, round(line * 10))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = ChartColours.of(self.palette())
        metrics = QFontMetricsF(self.font())
        top = _nice_top(max((*self.trend.recovery_days, *self.trend.line), default=4) + 0.5)
        left = metrics.horizontalAdvance("28") + 10
        plot = QRectF(left, metrics.height() * 0.6, self.width() - left - 14, 0)
        plot.setBottom(self.height() - metrics.height() * 1.8)
        self._draw_axes(painter, plot, top, colours, metrics)
        points = self._points(plot, top)
        self._draw_line(painter, plot, top, colours)
        self._draw_points(painter, points, colours)
        self._draw_dates(painter, plot, points, colours, metrics)
        painter.end()

    def _x(self, plot: QRectF, date: dt.date) -> float:
        first, last = self.trend.dates[0], self.trend.dates[-1]
        span = max((last - first).days, 1)
        inset = 10.0
        return plot.left() + inset + (plot.width() - 2 * inset) * (date - first).days / span

    @staticmethod
    def _y(plot: QRectF, top: int, days: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, min(days, top)) / top

    def _points(self, plot: QRectF, top: int) -> list[QPointF]:
        return [
            QPointF(self._x(plot, date), self._y(plot, top, days))
            for date, days in zip(self.trend.dates, self.trend.recovery_days, strict=True)
        ]

    def _draw_axes(
        self,
        painter: QPainter,
        plot: QRectF,
        top: int,
        colours: ChartColours,
        metrics: QFontMetricsF,
    ) -> None:
        # A label on every day where they have room, else every other day.
        step = 1 if plot.height() / top >= QFontMetricsF(self.font()).height() * 1.1 else 2
        for days in range(0, top + 1, step):
            y = self._y(plot, top, days)
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(colours.muted)
            label = QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height())
            painter.drawText(
                label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(days)
            )

    def _draw_line(self, painter: QPainter, plot: QRectF, top: int, colours: ChartColours) -> None:
        start, end = self.trend.line
        pen = QPen(colours.other, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(
            QPointF(self._x(plot, self.trend.dates[0]), self._y(plot, top, start)),
            QPointF(self._x(plot, self.trend.dates[-1]), self._y(plot, top, end)),
        )

    def _draw_points(self, painter: QPainter, points: list[QPointF], colours: ChartColours) -> None:
        radius = 4.5
        for point, at_least in zip(points, self.trend.at_least, strict=True):
            if at_least:
                painter.setPen(QPen(colours.accent, 2))
                painter.setBrush(colours.background)
                painter.drawEllipse(point, radius, radius)
                caret = QPainterPath(QPointF(point.x() - 4, point.y() - radius - 3))
                caret.lineTo(point.x(), point.y() - radius - 7)
                caret.lineTo(point.x() + 4, point.y() - radius - 3)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(caret)
            else:
                painter.setPen(QPen(colours.accent, 1))
                painter.setBrush(colours.accent)
                painter.drawEllipse(point, radius, radius)

    def _draw_dates(
        self,
        painter: QPainter,
        plot: QRectF,
        points: list[QPointF],
        colours: ChartColours,
        metrics: QFontMetricsF,
    ) -> None:
        painter.setPen(colours.muted)
        # Left to right, each date that does not run into the one before; the last always.
        boxes: list[tuple[QRectF, str]] = []
        for index, date in enumerate(self.trend.dates):
            label = short_day(date)
            width = metrics.horizontalAdvance(label) + 8
            # Never under the day numbers of the axis, never past the right edge.
            x = min(max(points[index].x() - width / 2, plot.left() - 4), self.width() - width)
            box = QRectF(x, plot.bottom() + 3, width, metrics.height())
            last = index == len(self.trend.dates) - 1
            while last and boxes and boxes[-1][0].right() > box.left():
                boxes.pop()
            if not boxes or boxes[-1][0].right() <= box.left():
                boxes.append((box, label))
        for box, label in boxes:
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)


class HabitComparisonChart(QWidget):
    """Each habit's mean soreness on days 1–3, with it and without it, as dots with intervals.

    One row per habit: the filled dot is the mean after the leg days with it, the hollow
    one without it; each line spans the 95 % interval of that mean. The scale is the whole
    0–10 soreness scale, so a small difference looks small. Counts on the right.
    """

    def __init__(
        self, comparisons: tuple[ActionComparison, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.comparisons = comparisons
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Soreness on days 1–3 with and without each habit")
        self.setAccessibleDescription(self.description())

    def set_comparisons(self, comparisons: tuple[ActionComparison, ...]) -> None:
        if comparisons != self.comparisons:
            resized = len(comparisons) != len(self.comparisons)
            self.comparisons = comparisons
            self.setAccessibleDescription(self.description())
            if resized:
                self.updateGeometry()
            self.update()

    def description(self) -> str:
        """The chart's facts in words (for assistive technology and ``text()``)."""
        rows = [
            f"{c.label}: with it {_mean(c.with_soreness_interval, c.with_soreness, c.with_count)}; "
            f"without it {_mean(c.without_soreness_interval, c.without_soreness, c.without_count)}"
            for c in self.comparisons
        ]
        return "Mean soreness on days 1–3 (0–10), with its 95 % interval. " + ". ".join(rows) + "."

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 2.2

    def _header_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 1.8

    def _axis_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 2.6

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        height = self._header_height() + self._row_height() * len(self.comparisons)
        return QSize(560, round(height + self._axis_height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(360, self.sizeHint().height())

    def _columns(self, metrics: QFontMetricsF) -> tuple[float, QRectF, float]:
        """The labels' width, the plot's rectangle and where the counts start."""
        label_width = max((metrics.horizontalAdvance(c.label) for c in self.comparisons), default=0)
        label_width = min(label_width + 16, self.width() * 0.34)
        counts_width = metrics.horizontalAdvance("n = 888 / 888") + 16
        top = self._header_height()
        plot = QRectF(
            label_width,
            top,
            max(self.width() - label_width - counts_width - 12, 60),
            self._row_height() * len(self.comparisons),
        )
        return label_width, plot, plot.right() + 16

    @staticmethod
    def _x(plot: QRectF, value: float) -> float:
        low, high = SORENESS_SCALE
        share = (min(max(value, low), high) - low) / (high - low)
        return plot.left() + plot.width() * share

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = ChartColours.of(self.palette())
        metrics = QFontMetricsF(self.font())
        label_width, plot, counts_x = self._columns(metrics)
        self._draw_legend(painter, plot, counts_x, colours, metrics)
        self._draw_scale(painter, plot, colours, metrics)
        row_height = self._row_height()
        for index, comparison in enumerate(self.comparisons):
            middle = plot.top() + row_height * (index + 0.5)
            painter.setPen(colours.text)
            label = metrics.elidedText(
                comparison.label, Qt.TextElideMode.ElideRight, label_width - 12
            )
            painter.drawText(
                QRectF(0, middle - row_height / 2, label_width - 12, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            offset = row_height * 0.17
            with_ = comparison.with_soreness_interval or _point(comparison.with_soreness)
            without = comparison.without_soreness_interval or _point(comparison.without_soreness)
            self._draw_interval(painter, plot, middle - offset, with_, colours.accent, filled=True)
            self._draw_interval(
                painter, plot, middle + offset, without, colours.other, filled=False
            )
            painter.setPen(colours.muted)
            painter.drawText(
                QRectF(counts_x, middle - row_height / 2, self.width() - counts_x, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                f"n = {comparison.with_count} / {comparison.without_count}",
            )
        painter.end()

    def _draw_legend(
        self,
        painter: QPainter,
        plot: QRectF,
        counts_x: float,
        colours: ChartColours,
        metrics: QFontMetricsF,
    ) -> None:
        y = metrics.height() * 0.75
        x = plot.left()
        for text, colour, filled in (
            ("with it", colours.accent, True),
            ("without it", colours.other, False),
        ):
            self._draw_dot(painter, QPointF(x + 5, y), colour, filled=filled)
            painter.setPen(colours.text)
            painter.drawText(QPointF(x + 14, y + metrics.ascent() / 2 - 1), text)
            x += 14 + metrics.horizontalAdvance(text) + 20
        painter.setPen(colours.muted)
        painter.drawText(
            QPointF(x, y + metrics.ascent() / 2 - 1), "line: 95 % interval of the mean"
        )
        painter.drawText(QPointF(counts_x, y + metrics.ascent() / 2 - 1), "leg days")

    def _draw_scale(
        self, painter: QPainter, plot: QRectF, colours: ChartColours, metrics: QFontMetricsF
    ) -> None:
        for value in range(0, 11, 2):
            x = self._x(plot, value)
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(colours.muted)
            box = QRectF(x - 20, plot.bottom() + 2, 40, metrics.height())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(value))
        painter.drawText(
            QRectF(
                plot.left(), plot.bottom() + metrics.height() + 2, plot.width(), metrics.height()
            ),
            int(Qt.AlignmentFlag.AlignCenter),
            "Mean soreness on days 1–3 after the leg day (0–10)",
        )

    def _draw_interval(
        self,
        painter: QPainter,
        plot: QRectF,
        y: float,
        interval: MeanInterval,
        colour: QColor,
        *,
        filled: bool,
    ) -> None:
        low, high = self._x(plot, interval.low), self._x(plot, interval.high)
        painter.setPen(QPen(colour, 2))
        painter.drawLine(QPointF(low, y), QPointF(high, y))
        for x in (low, high):
            painter.drawLine(QPointF(x, y - 4), QPointF(x, y + 4))
        self._draw_dot(painter, QPointF(self._x(plot, interval.mean), y), colour, filled=filled)

    def _draw_dot(
        self, painter: QPainter, centre: QPointF, colour: QColor, *, filled: bool
    ) -> None:
        # A hollow dot is filled with the background, so its interval never crosses it.
        painter.setPen(QPen(colour, 2))
        painter.setBrush(colour if filled else ChartColours.of(self.palette()).background)
        painter.drawEllipse(centre, 4.5, 4.5)


def _point(mean: float) -> MeanInterval:
    return MeanInterval(mean, mean, mean, 1)


def _mean(interval: MeanInterval | None, mean: float, count: int) -> str:
    if interval is None:
        return f"{mean:.1f} ({count} leg days)"
    return f"{mean:.1f} (95 % interval {interval.low:.1f} to {interval.high:.1f}, {count} leg days)"


class ForecastCheckChart(QWidget):
    """The forecast against the rating of each level left out in turn, with the identity line.

    One dot per muscle group and rated day after a leg day left out: across, what the
    forecast from the other leg days said; up, the rating. Dots are translucent, so where
    many fall together it is darker. On the dashed line the forecast was right; the band
    around it holds the forecasts within 1 level. Both scales are the whole 0–10 scale.
    """

    X_TITLE = "Forecast (0–10)"
    Y_TITLE = "Your rating (0–10)"

    def __init__(self, check: ForecastCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Your forecasts against your ratings")
        self.setAccessibleDescription(self.description())

    def set_check(self, check: ForecastCheck) -> None:
        if check != self.check:
            self.check = check
            self.setAccessibleDescription(self.description())
            self.update()

    def description(self) -> str:
        """The chart's facts in words (for assistive technology and ``text()``)."""
        check = self.check
        within = check.within_one_level
        if check.error is None or within is None:
            return "No forecast checked against your ratings yet."
        return (
            f"{self.X_TITLE} across, {self.Y_TITLE.lower()} up: {len(check.pairs)} rated "
            f"levels after {check.held_out} leg days left out in turn. Off by "
            f"{check.error:.1f} on average; within 1 level {within * 100:.0f} % of the time."
        )

    def _margins(self, metrics: QFontMetricsF) -> tuple[float, float, float, float]:
        """The plot's margins (left, top, right, bottom): room for the numbers and titles."""
        height = metrics.height()
        left = height * 1.4 + metrics.horizontalAdvance("10") + 8
        return left, height * 0.6, metrics.horizontalAdvance("0") + 6, height * 2.4 + 4

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        metrics = QFontMetricsF(self.font())
        left, top, right, bottom = self._margins(metrics)
        side = metrics.height() * 14  # room for a number at every other level
        return QSize(round(left + side + right), round(top + side + bottom))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()

    def _plot(self, metrics: QFontMetricsF) -> QRectF:
        left, top, right, bottom = self._margins(metrics)
        side = min(self.width() - left - right, self.height() - top - bottom)
        return QRectF(left, top, max(side, 10.0), max(side, 10.0))

    @staticmethod
    def _point(plot: QRectF, forecast: float, rating: float) -> QPointF:
        low, high = SORENESS_SCALE
        across = (min(max(forecast, low), high) - low) / (high - low)
        up = (min(max(rating, low), high) - low) / (high - low)
        return QPointF(plot.left() + plot.width() * across, plot.bottom() - plot.height() * up)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = ChartColours.of(self.palette())
        metrics = QFontMetricsF(self.font())
        plot = self._plot(metrics)
        self._draw_band(painter, plot, colours)
        self._draw_scales(painter, plot, colours, metrics)
        self._draw_identity(painter, plot, colours)
        self._draw_dots(painter, plot, colours)
        painter.end()

    def _draw_band(self, painter: QPainter, plot: QRectF, colours: ChartColours) -> None:
        low, high = SORENESS_SCALE
        band = QPainterPath(self._point(plot, low, low + 1))
        for forecast, rating in ((low, low), (low + 1, low), (high, high - 1), (high, high)):
            band.lineTo(self._point(plot, forecast, rating))
        band.lineTo(self._point(plot, high - 1, high))
        band.closeSubpath()
        painter.fillPath(band, colours.grid)

    def _draw_scales(
        self, painter: QPainter, plot: QRectF, colours: ChartColours, metrics: QFontMetricsF
    ) -> None:
        height = metrics.height()
        for value in range(0, 11, 2):
            across = self._point(plot, value, 0).x()
            up = self._point(plot, 0, value).y()
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QPointF(across, plot.top()), QPointF(across, plot.bottom()))
            painter.drawLine(QPointF(plot.left(), up), QPointF(plot.right(), up))
            painter.setPen(colours.muted)
            painter.drawText(
                QRectF(across - 20, plot.bottom() + 2, 40, height),
                int(Qt.AlignmentFlag.AlignCenter),
                str(value),
            )
            painter.drawText(
                QRectF(plot.left() - 46, up - height / 2, 40, height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + height + 4, plot.width(), height),
            int(Qt.AlignmentFlag.AlignCenter),
            self.X_TITLE,
        )
        # The rating's title reads upwards along the left edge.
        painter.save()
        painter.translate(0, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, 0, plot.height(), height),
            int(Qt.AlignmentFlag.AlignCenter),
            self.Y_TITLE,
        )
        painter.restore()

    def _draw_identity(self, painter: QPainter, plot: QRectF, colours: ChartColours) -> None:
        low, high = SORENESS_SCALE
        painter.setPen(QPen(colours.other, 2, Qt.PenStyle.DashLine))
        painter.drawLine(self._point(plot, low, low), self._point(plot, high, high))

    def _draw_dots(self, painter: QPainter, plot: QRectF, colours: ChartColours) -> None:
        # Translucent, so that a hundred levels in one place look like many, not like one.
        fill = QColor(colours.accent)
        fill.setAlphaF(0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        for forecast, rating in self.check.pairs:
            painter.drawEllipse(self._point(plot, forecast, rating), 3.5, 3.5)


class LegDayTable(QWidget):
    """One leg day's numbers per group: peak, back to 2 or less, area; painted, not laid out.

    Its size depends only on how many rows it has, so new numbers after an edit repaint
    it without laying out the page again (a rich-text label would, at some 15 ms).
    """

    HEADER = ("Group", "Peak", "Back to 2 or less", "Area")
    # What each column may hold at its widest, so the columns never move as numbers change.
    WIDEST = (
        ("All groups", *(series_label(group) for group in GROUP_IDS)),
        ("10.0 on day 28", "not rated after the leg day"),
        ("day 28", "not yet", "not before the next leg day"),
        ("280.0",),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[tuple[str, str, str, str], ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Your last leg day, by group")

    def set_rows(self, rows: tuple[tuple[str, str, str, str], ...]) -> None:
        if rows == self.rows:
            return
        resized = len(rows) != len(self.rows)
        self.rows = rows
        self.setAccessibleDescription(self.description())
        if resized:
            self.updateGeometry()
        self.update()

    def description(self) -> str:
        """The table in words (for assistive technology and ``text()``)."""
        return "\n".join("\t".join(row) for row in (self.HEADER, *self.rows))

    def _column_widths(self) -> list[float]:
        metrics = QFontMetricsF(self.font())
        return [
            max(metrics.horizontalAdvance(text) for text in (heading, *widest)) + 16
            for heading, widest in zip(self.HEADER, self.WIDEST, strict=True)
        ]

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 6

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        height = self._row_height() * (len(self.rows) + 1)
        return QSize(round(sum(self._column_widths())), round(height))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        colours = ChartColours.of(self.palette())
        widths = self._column_widths()
        row_height = self._row_height()
        bold = self.font()
        bold.setBold(True)
        for number, row in enumerate((self.HEADER, *self.rows)):
            top = number * row_height
            if number % 2 == 0 and number:
                painter.fillRect(QRectF(0, top, sum(widths), row_height), colours.grid)
            painter.setFont(bold if number == 0 else self.font())
            painter.setPen(colours.text)
            x = 0.0
            for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
                align = Qt.AlignmentFlag.AlignRight if index == 3 else Qt.AlignmentFlag.AlignLeft
                box = QRectF(x + 4, top, width - 12, row_height)
                painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), cell)
                x += width
        painter.end()
