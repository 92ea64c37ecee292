"""The report for a clinician as an A4 PDF: the period, body maps, charts, peaks, warnings, notes.

Written with QPdfWriter and QPainter, as real text (a PDF reader can search and copy it);
the charts are vectors with their labels and legends as text too (matplotlib's SVG,
painted with QSvgRenderer). The file says its language (``/Lang``), title, author and
subject, added by ``pdf_metadata`` where Qt has no way to say them. The blocks are laid
out over pages first, then painted, so every page can say "Page 2 of 4". Tables and
notes flow onto further pages, a table's header repeated on each.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

import legday_desktop
from legday_desktop.domain.check_ins import Severity
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import STATIN_QUESTION
from legday_desktop.domain.regions import GROUP_IDS, Side, group_by_id
from legday_desktop.domain.training_load import exercise_lines
from legday_desktop.domain.wording import (
    _,
    language,
    leg_day_details,
    long_day,
    not_medical_advice,
    short_day,
)
from legday_desktop.drawing.pdf_metadata import UnknownPdfLayoutError, add_language_and_subject
from legday_desktop.drawing.printed_map import (
    INK,
    SECONDARY_INK,
    body_map_height,
    legend_size,
    paint_body_map,
    paint_legend,
)
from legday_desktop.file_writing import write_atomically
from legday_desktop.plain_imports import plain_imports
from legday_desktop.services.report import (
    DayMap,
    LegDayRecovery,
    ReportData,
    main_group_names,
)

REPORT_TITLE = "Legday soreness report"
AUTHOR = "Legday"  # the journal holds no name of the person; the app made the report
NONE_RECORDED = "None recorded in this period."
RESOLUTION_DPI = 300
MARGINS_MM = QMarginsF(16, 14, 16, 12)
FOOTER_MM = 9.0
CHART_HEIGHT_MM = 86.0
MAP_GAP_MM = 5.0
# Up to this many leg days are named on the first page; more are only counted there.
LEG_DAYS_NAMED = 16
# Up to this many dates are named in the first page's count of warnings and alerts.
GLANCE_DATES = 6
# Texts of up to this many lines are never split over two pages.
KEPT_TOGETHER_LINES = 3
ROW_SHADE = QColor("#ededed")

Paint = Callable[[QPainter], None]


@dataclass(frozen=True, slots=True)
class Fonts:
    """The report's type sizes, all from one family."""

    title: QFont
    subtitle: QFont
    heading: QFont
    body: QFont
    bold: QFont
    small: QFont
    table: QFont
    table_header: QFont

    @classmethod
    def from_base(cls, base: QFont) -> Fonts:
        def sized(points: float, *, bold: bool = False) -> QFont:
            font = QFont(base)
            # No ligatures: their ff and fl glyphs would make "effort" and "flexors" unsearchable.
            font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
            font.setPointSizeF(points)
            font.setBold(bold)
            return font

        return cls(
            title=sized(18, bold=True),
            subtitle=sized(10.5),
            heading=sized(12, bold=True),
            body=sized(9),
            bold=sized(9, bold=True),
            small=sized(7.5),
            table=sized(8.5),
            table_header=sized(8.5, bold=True),
        )


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its title and its share of the table's width."""

    title: str
    share: float
    right_aligned: bool = False


class PageFlow:
    """Lays blocks out top to bottom over pages; ``paint`` draws them with page numbers.

    Everything is in device units of the writer (``mm`` of them per millimetre), with the
    origin at the top left of the area inside the page margins.
    """

    def __init__(self, writer: QPdfWriter, fonts: Fonts) -> None:
        self.writer = writer
        self.fonts = fonts
        self.mm = writer.resolution() / 25.4
        self.width = float(writer.width())
        self.bottom = writer.height() - FOOTER_MM * self.mm
        self.pages: list[list[Paint]] = [[]]
        self.y = 0.0

    # --- measuring ---------------------------------------------------------------

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (its own line breaks kept)."""
        lines: list[str] = []
        option = QTextOption()
        # A word longer than the line (a pasted link) breaks anywhere rather than running
        # off the page.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for paragraph in text.splitlines() or [""]:
            layout = QTextLayout(paragraph, font, self.writer)
            layout.setTextOption(option)
            # Qt counts in UTF-16 code units; Python strings count code points.
            units = paragraph.encode("utf-16-le")
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                start, length = line.textStart(), line.textLength()
                piece = units[2 * start : 2 * (start + length)].decode("utf-16-le")
                lines.append(piece.rstrip())
            layout.endLayout()
            if not paragraph:
                lines.append("")
        return lines

    # --- placing -----------------------------------------------------------------

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if self.y > 0 and self.y + height > self.bottom:
            self.new_page()

    def skip(self, millimetres: float) -> None:
        self.y = min(self.y + millimetres * self.mm, self.bottom)

    def place(self, height: float, paint: Callable[[QPainter, float], None]) -> None:
        """Reserve ``height`` at the current position and paint there later."""
        self.room(height)
        top = self.y
        self.pages[-1].append(lambda painter: paint(painter, top))
        self.y += height

    def text(
        self, text: str, font: QFont, *, colour: QColor = INK, keep_with_next: float = 0.0
    ) -> None:
        """Wrapped text, a line at a time, so long text flows onto the next page.

        A short text stays whole, and with ``keep_with_next`` of what follows (a heading
        with its first rows, a caption with its chart).
        """
        metrics = self.metrics(font)
        lines = self.wrap(text, font, self.width)
        kept = lines if len(lines) <= KEPT_TOGETHER_LINES else lines[:1]
        self.room(len(kept) * metrics.lineSpacing() + keep_with_next)
        for line in lines:

            def paint(painter: QPainter, top: float, line: str = line) -> None:
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(QPointF(0, top + metrics.ascent()), line)

            self.place(metrics.lineSpacing(), paint)

    def heading(self, text: str) -> None:
        """A section heading, kept on the page with room for what follows it."""
        self.skip(4)
        body = self.metrics(self.fonts.body).lineSpacing()
        self.text(text, self.fonts.heading, keep_with_next=4 * body)
        self.skip(1.2)

    def drawing(self, svg: bytes, width: float, height: float) -> None:
        """An SVG drawing, centred, scaled to ``width`` × ``height``: vectors and text."""
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(QByteArray(svg))
        if not renderer.isValid():
            raise ValueError("the chart's SVG could not be read")

        def paint(painter: QPainter, top: float) -> None:
            renderer.render(painter, QRectF((self.width - width) / 2, top, width, height))

        self.place(height, paint)

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        *,
        bold_rows: frozenset[int] = frozenset(),
        padding_mm: float = 1.2,
    ) -> None:
        """Rows with wrapped cells, shaded alternately, the header repeated on each page."""
        pad = padding_mm * self.mm
        widths = [column.share * self.width for column in columns]
        lefts = [sum(widths[:index]) for index in range(len(widths))]
        header_font, cell_font = self.fonts.table_header, self.fonts.table
        bold_cell = QFont(cell_font)
        bold_cell.setBold(True)

        def wrapped(cells: Sequence[str], font: QFont) -> list[list[str]]:
            return [
                self.wrap(cell, font, width - 2 * pad)
                for cell, width in zip(cells, widths, strict=True)
            ]

        def height_of(cells: list[list[str]], font: QFont) -> float:
            return max(len(cell) for cell in cells) * self.metrics(font).lineSpacing() + 2 * pad

        def paint_row(
            cells: list[list[str]], font: QFont, height: float, shaded: bool, rule: bool
        ) -> Callable[[QPainter, float], None]:
            metrics = self.metrics(font)

            def paint(painter: QPainter, top: float) -> None:
                if shaded:
                    painter.fillRect(QRectF(0, top, self.width, height), ROW_SHADE)
                painter.setFont(font)
                painter.setPen(INK)
                for column, cell, left, width in zip(columns, cells, lefts, widths, strict=True):
                    for index, line in enumerate(cell):
                        x = left + pad
                        if column.right_aligned:
                            x = left + width - pad - metrics.horizontalAdvance(line)
                        baseline = top + pad + metrics.ascent() + index * metrics.lineSpacing()
                        painter.drawText(QPointF(x, baseline), line)
                if rule:
                    painter.setPen(QPen(INK, 0.25 * self.mm))
                    painter.drawLine(QPointF(0, top + height), QPointF(self.width, top + height))

            return paint

        header = wrapped([column.title for column in columns], header_font)
        header_height = height_of(header, header_font)

        def continue_on_new_page() -> None:
            self.new_page()
            self.place(header_height, paint_row(header, header_font, header_height, False, True))

        body = [
            wrapped(row, bold_cell if index in bold_rows else cell_font)
            for index, row in enumerate(rows)
        ]
        first_font = bold_cell if 0 in bold_rows else cell_font
        self.room(header_height + (height_of(body[0], first_font) if body else 0.0))
        self.place(header_height, paint_row(header, header_font, header_height, False, True))
        for index, cells in enumerate(body):
            font = bold_cell if index in bold_rows else cell_font
            line_height = self.metrics(font).lineSpacing()
            shaded = index % 2 == 1
            rest = cells
            while True:
                height = height_of(rest, font)
                if self.y + height <= self.bottom:
                    self.place(height, paint_row(rest, font, height, shaded, False))
                    break
                if height <= self.bottom - header_height:  # fits on the next page whole
                    continue_on_new_page()
                    continue
                # Taller than a page (a very long note): as many lines as fit, then on.
                fitting = int((self.bottom - self.y - 2 * pad) // line_height)
                if fitting < 2:
                    continue_on_new_page()
                    continue
                part = [cell[:fitting] for cell in rest]
                self.place(
                    height_of(part, font),
                    paint_row(part, font, height_of(part, font), shaded, False),
                )
                rest = [cell[fitting:] for cell in rest]
                continue_on_new_page()

    # --- painting ----------------------------------------------------------------

    def paint(self, footer: str) -> int:
        """Paint every page with its footer; the number of pages."""
        painter = QPainter(self.writer)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            total = len(self.pages)
            for number, page in enumerate(self.pages, start=1):
                if number > 1:
                    self.writer.newPage()
                for paint in page:
                    paint(painter)
                self._paint_footer(painter, footer, f"Page {number} of {total}")
        finally:
            painter.end()
        return len(self.pages)

    def _paint_footer(self, painter: QPainter, left: str, right: str) -> None:
        font = self.fonts.small
        metrics = self.metrics(font)
        top = self.bottom + 3 * self.mm
        painter.setPen(QPen(SECONDARY_INK, 0.2 * self.mm))
        painter.drawLine(QPointF(0, top), QPointF(self.width, top))
        painter.setFont(font)
        baseline = top + 1.5 * self.mm + metrics.ascent()
        painter.drawText(QPointF(0, baseline), left)
        painter.drawText(QPointF(self.width - metrics.horizontalAdvance(right), baseline), right)


# --- wording -------------------------------------------------------------------------


def _in_period(data: ReportData, date: dt.date) -> str:
    """A date in a table: without the year when the whole period lies in one year."""
    return short_day(date, year=data.period.first.year != data.period.last.year)


def _level(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _leg_day_details(leg_day: LegDay) -> str:
    parts = leg_day_details(leg_day)
    groups = main_group_names(leg_day)
    if groups:
        parts.append(f"main groups: {groups}")
    return " · ".join(parts)


def _peak_row(item: LegDayRecovery) -> tuple[str, str, str]:
    """Peak (total), its day, and the day every side of every group was back to 2 or less."""
    total = item.total
    if total.peak is None:
        return "not rated", "—", "—"
    recovered = item.every_side_recovered
    return (
        _level(total.peak),
        f"day {total.peak_day}",
        "not reached" if recovered is None else f"day {recovered}",
    )


# --- the report ----------------------------------------------------------------------


def _period_text(data: ReportData) -> str:
    period = data.period
    return (
        f"{long_day(period.first)} – {long_day(period.last)} "
        f"({period.days} day{'s' if period.days != 1 else ''})"
    )


def _first_page(flow: PageFlow, data: ReportData) -> None:
    fonts = flow.fonts
    flow.text(REPORT_TITLE, fonts.title)
    flow.skip(1)
    flow.text(f"Period: {_period_text(data)}", fonts.subtitle)
    flow.text(
        f"Made on {long_day(data.made_on)} with Legday {legday_desktop.__version__}",
        fonts.body,
        colour=SECONDARY_INK,
    )
    flow.skip(2)
    flow.text(not_medical_advice(), fonts.bold)
    flow.text(
        "Soreness is rated by the person, per muscle group and side, from 0 (none) to 10 "
        "(worst imaginable): 1–3 mild (noticed when moving), 4–6 moderate (stairs hurt), "
        "7–9 severe (hard to move normally).",
        fonts.body,
    )
    flow.skip(2)
    leg_days = [item.leg_day for item in data.leg_days]
    if len(leg_days) <= LEG_DAYS_NAMED:
        named = "; ".join(f"{_in_period(data, day.date)} {day.display_title}" for day in leg_days)
        flow.text(f"Leg days in this period ({len(leg_days)}): {named}.", fonts.body)
    else:
        first, last = (short_day(day.date, year=True) for day in (leg_days[0], leg_days[-1]))
        flow.text(
            f"{len(leg_days)} leg days in this period, from {first} to {last}; "
            "each is listed in the table of peaks.",
            fonts.body,
        )

    flow.text(_medicines(data), fonts.body)

    flow.skip(1.5)
    flow.text(_at_a_glance(data), fonts.bold)

    chosen = data.chosen
    flow.heading(f"Body maps after {chosen.display_title}, {short_day(chosen.date, year=True)}")
    details = _leg_day_details(chosen)
    if details:
        flow.text(details, fonts.body)
    flow.skip(2)
    _body_maps(flow, data.day_maps)
    flow.skip(3)
    _legend(flow)
    _levels_table(flow, data.day_maps)


def _dates(data: ReportData, dates: Sequence[dt.date]) -> str:
    """``on Fri 18 Sep and Sat 19 Sep``; ``on 9 days from … to …`` for many."""
    days = sorted(set(dates))
    if len(days) > GLANCE_DATES:
        return (
            f"on {len(days)} days from {_in_period(data, days[0])} to {_in_period(data, days[-1])}"
        )
    named = [_in_period(data, day) for day in days]
    return "on " + (named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1])


def _medicines(data: ReportData) -> str:
    """The standing answer on statins and new medicines, with the day it was given."""
    profile = data.profile
    question = f"“{STATIN_QUESTION}”"
    if profile.answered_on is None:
        return f"{question}: not answered."
    answer = "yes" if profile.statin_or_new_medicine else "no"
    return f"{question}: {answer} (answered on {long_day(profile.answered_on)})."


def _severity_word(severity: Severity) -> str:
    return "Urgent" if severity is Severity.URGENT else "Check"


def _at_a_glance(data: ReportData) -> str:
    """How many warning symptoms and alerts the period holds, and when."""
    if data.symptoms:
        symptoms = (
            f"Warning symptoms: {len(data.symptoms)} reported, "
            f"{_dates(data, [item.date for item in data.symptoms])}."
        )
    else:
        symptoms = "Warning symptoms: none recorded in this period."
    if data.alerts:
        alerts = (
            f"Pattern alerts: {len(data.alerts)}, "
            f"{_dates(data, [item.first for item in data.alerts])}."
        )
    else:
        alerts = "Pattern alerts: none recorded in this period."
    if data.symptoms or data.alerts:
        return f"{symptoms} {alerts} Each is listed with its dates after the charts."
    return f"{symptoms} {alerts}"


def _map_caption(day_map: DayMap) -> str:
    return f"Day {day_map.days_after} · {short_day(day_map.date)}"


def _map_remark(day_map: DayMap) -> str:
    if day_map.remark:
        return day_map.remark[0].upper() + day_map.remark[1:]
    if not day_map.levels:
        return "Nothing rated that day"
    return ""


def _body_maps(flow: PageFlow, day_maps: Sequence[DayMap]) -> None:
    fonts = flow.fonts
    gap = MAP_GAP_MM * flow.mm
    width = (flow.width - gap * (len(day_maps) - 1)) / len(day_maps)
    map_height = body_map_height(width)
    caption = flow.metrics(fonts.bold).lineSpacing()
    remark = flow.metrics(fonts.small).lineSpacing()
    height = caption + 1.5 * flow.mm + map_height + 1 * flow.mm + remark

    def paint(painter: QPainter, top: float) -> None:
        for index, day_map in enumerate(day_maps):
            left = index * (width + gap)
            painter.setFont(fonts.bold)
            painter.setPen(INK)
            painter.drawText(
                QRectF(left, top, width, caption),
                Qt.AlignmentFlag.AlignCenter,
                _map_caption(day_map),
            )
            area = QRectF(left, top + caption + 1.5 * flow.mm, width, map_height)
            paint_body_map(painter, area, day_map.levels, fonts.body)
            painter.setFont(fonts.small)
            painter.setPen(SECONDARY_INK)
            painter.drawText(
                QRectF(left, area.bottom() + 1 * flow.mm, width, remark),
                Qt.AlignmentFlag.AlignCenter,
                _map_remark(day_map),
            )

    flow.place(height, paint)


def _legend(flow: PageFlow) -> None:
    fonts = flow.fonts
    size = legend_size(flow.writer, fonts.body)
    flow.text(
        "The number in each region is its level; the shade darkens with the level. "
        "Hatched: not rated that day (which is not the same as 0).",
        fonts.small,
        keep_with_next=size.height() + 2 * flow.mm,
    )
    flow.skip(1.5)

    def paint(painter: QPainter, top: float) -> None:
        paint_legend(painter, QPointF((flow.width - size.width()) / 2, top), fonts.body)

    flow.place(size.height(), paint)


def _side_levels(levels: dict[str, int], group: str) -> str:
    """``4 / 3`` (left / right), ``—`` for a side not rated."""
    sides = [levels.get(f"{group}.{side.value}") for side in Side]
    if all(level is None for level in sides):
        return "not rated"
    return " / ".join("—" if level is None else str(level) for level in sides)


def _levels_table(flow: PageFlow, day_maps: Sequence[DayMap]) -> None:
    """The maps' levels as text: each group rated on one of the days, left / right."""
    rated = [
        group
        for group in GROUP_IDS
        if any(f"{group}.{side.value}" in day_map.levels for day_map in day_maps for side in Side)
    ]
    if not rated:
        return
    flow.skip(4)
    share = 0.7 / len(day_maps)
    flow.table(
        (
            Column("Muscle group: left / right", 0.3),
            *(Column(_map_caption(day_map), share) for day_map in day_maps),
        ),
        [
            [
                group_by_id(group).name,
                *(_side_levels(day_map.levels, group) for day_map in day_maps),
            ]
            for group in rated
        ],
        padding_mm=0.7,
    )


def _chart(flow: PageFlow, heading: str, caption: str, svg: bytes) -> None:
    """A chart under its heading and caption, kept on one page with them."""
    height = CHART_HEIGHT_MM * flow.mm
    flow.heading(heading)
    flow.text(caption, flow.fonts.small, keep_with_next=height)
    flow.skip(1)
    flow.drawing(svg, flow.width, height)


def _know_the_chart_font() -> None:
    """Give Qt matplotlib's copy of the charts' font where the system has none of it.

    Before anything is measured: on a system without any fonts it is the report's too.
    """
    with plain_imports():  # matplotlib and NumPy, the first time
        from legday_desktop.charts.printing import chart_font

    family, files = chart_font()
    if family in QFontDatabase.families():
        return
    for file in files:
        if QFontDatabase.addApplicationFont(str(file)) < 0:
            raise OSError(f"Qt could not read the charts' font {file}")


def _charts(flow: PageFlow, data: ReportData) -> None:
    with plain_imports():
        from legday_desktop.charts.printing import recovery_svg, timeline_svg

    width_mm = flow.width / flow.mm
    chosen = data.chosen
    _chart(
        flow,
        f"Recovery after {chosen.display_title}, {short_day(chosen.date, year=True)}",
        "Each rated muscle group (the mean of both sides) and the total (the mean of the "
        "rated groups) by day after the leg day. Grey band: the typical course of "
        "delayed-onset muscle soreness, scaled to this peak (Cheung et al., 2003).",
        recovery_svg(data.curve, width_mm, CHART_HEIGHT_MM),
    )
    _chart(
        flow,
        "Soreness over the period",
        "The total and the period's sorest muscle groups by date; dashed vertical lines "
        "mark the leg days. Days without ratings are gaps, not zeros.",
        timeline_svg(data.timeline, width_mm, CHART_HEIGHT_MM),
    )


def _date_share(data: ReportData) -> float:
    """The width of a date column: wider when its dates carry the year."""
    return 0.18 if data.period.first.year != data.period.last.year else 0.13


def _peak_columns(date_share: float) -> tuple[Column, ...]:
    return (
        Column("Leg day", date_share),
        Column("Session", 0.15),
        Column("Main groups", 0.41 - date_share),
        Column("Peak (total)", 0.1, right_aligned=True),
        Column("Peak on", 0.09, right_aligned=True),
        Column("Every group ≤ 2", 0.17, right_aligned=True),
        Column("Area", 0.08, right_aligned=True),
    )


def _peaks(flow: PageFlow, data: ReportData) -> None:
    fonts = flow.fonts
    flow.heading("Peaks and recovery per leg day")
    rows = []
    chosen_rows = set()
    for index, item in enumerate(data.leg_days):
        leg_day = item.leg_day
        peak, peak_on, recovered = _peak_row(item)
        rows.append(
            [
                _in_period(data, leg_day.date),
                leg_day.display_title,
                main_group_names(leg_day) or "—",
                peak,
                peak_on,
                recovered,
                "–" if item.total.area is None else f"{item.total.area:.1f}",
            ]
        )
        if leg_day.date == data.chosen.date:
            chosen_rows.add(index)
    flow.table(_peak_columns(_date_share(data)), rows, bold_rows=frozenset(chosen_rows))
    flow.skip(1.5)
    flow.text(
        "Peak (total): the highest daily total (the mean of the rated groups, each the mean "
        "of its sides), and the day after the leg day it came. Every group ≤ 2: the first "
        "rated day, from the peak on, with every rated side of every group at 2 or less; "
        "“not reached” when that did not happen before the next leg day or the end of the "
        "period. Area: the total summed over the days (level × days). In bold: the leg day "
        "of the body maps.",
        fonts.small,
    )


def _training(flow: PageFlow, data: ReportData) -> None:
    """The sets logged on the period's leg days, and the load on each group."""
    if not data.training:
        return
    fonts = flow.fonts
    flow.heading("Training logged")
    flow.text(
        "From the training app's log. Hard sets: the working sets (warm-ups left out), each "
        "counted by the share of the exercise's load on the group (1 = prime mover). Volume: "
        "reps × kg by that share. Novelty: the leg day's hard sets against the group's weekly "
        "average over the four weeks before (1 = all new, 0.5 = as usual); new or returning "
        "load tends to bring more soreness.",
        fonts.small,
    )
    columns = (
        Column("Group", 0.4),
        Column("Hard sets", 0.2, right_aligned=True),
        Column("Volume (kg)", 0.2, right_aligned=True),
        Column("Novelty", 0.2, right_aligned=True),
    )
    for item in data.training:
        day = item.leg_day
        working = sum(1 for one in day.sets if one.is_working)
        flow.skip(1.5)
        flow.text(
            f"{_in_period(data, day.date)} {day.display_title}: {working} working sets",
            fonts.bold,
        )
        for line in exercise_lines(day.sets):
            flow.text(line, fonts.small)
        rows = [
            [
                group_by_id(group).name,
                f"{load.hard_sets:.1f}",
                f"{load.volume_kg:,.0f}",
                f"{load.novelty:.2f}",
            ]
            for group, load in item.loads
        ]
        if rows:
            flow.table(columns, rows)


def _warnings(flow: PageFlow, data: ReportData) -> None:
    fonts = flow.fonts
    flow.heading("Warning symptoms")
    flow.text(
        "Ticked in the daily check-in. None of these is ordinary muscle soreness. Urgent: "
        "Legday asks the person to seek care now or the same day. Check: to have it checked "
        "if it is not easing (urgent when the person also could not bear weight).",
        fonts.small,
    )
    flow.skip(1)
    if data.symptoms:
        share = _date_share(data)
        flow.table(
            (Column("Date", share), Column("Severity", 0.14), Column("Symptom", 0.86 - share)),
            [
                [_in_period(data, item.date), _severity_word(item.severity), item.label]
                for item in data.symptoms
            ],
        )
    else:
        flow.text(NONE_RECORDED, fonts.body)

    flow.heading("Pattern alerts")
    flow.text(
        "Patterns in the ratings that do not fit ordinary delayed-onset muscle soreness, "
        "as Legday flagged them, with the days each stood.",
        fonts.small,
    )
    flow.skip(1)
    if data.alerts:
        rows = []
        for alert in data.alerts:
            when = _in_period(data, alert.first)
            if alert.last != alert.first:
                when += f" – {_in_period(data, alert.last)}"
            rows.append([when, f"{alert.title} ({_severity_word(alert.severity)})", alert.message])
        flow.table(
            (Column("Dates", 0.25), Column("Alert", 0.21), Column("What was seen", 0.54)), rows
        )
    else:
        flow.text(NONE_RECORDED, fonts.body)


def _notes(flow: PageFlow, data: ReportData) -> None:
    fonts = flow.fonts
    flow.heading("Notes")
    if not data.notes:
        flow.text(NONE_RECORDED, fonts.body)
        return
    flow.table(
        (
            Column("Date", _date_share(data)),
            Column("About", 0.24),
            Column("Note", 0.76 - _date_share(data)),
        ),
        [[_in_period(data, note.date), note.about, note.text] for note in data.notes],
    )


def _new_writer(device: QIODevice) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(REPORT_TITLE)
    writer.setAuthor(AUTHOR)
    writer.setCreator(f"Legday {legday_desktop.__version__}")
    return writer


def _subject(data: ReportData) -> str:
    """The PDF's subject: what the report holds, over which days."""
    return _(
        "Leg-muscle soreness from {first} to {last}: body maps, recovery charts, peaks, "
        "warning symptoms, pattern alerts and notes"
    ).format(first=long_day(data.period.first), last=long_day(data.period.last))


def _described(content: bytes, data: ReportData) -> bytes:
    """``content`` with its language and subject (Qt writes neither)."""
    try:
        return add_language_and_subject(content, language=language(), subject=_subject(data))
    except UnknownPdfLayoutError:
        # A Qt that lays its PDF out otherwise: the report is whole without the two.
        logging.getLogger("legday").warning(
            "The report's PDF was written without its language and subject", exc_info=True
        )
        return content


def report_pdf(data: ReportData) -> tuple[bytes, int]:
    """The report as PDF bytes, and how many pages it has.

    Needs a QGuiApplication (fonts); it may run on the offscreen platform.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("report_pdf needs a QGuiApplication (for its fonts)")
    _know_the_chart_font()
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _new_writer(buffer)
    flow = PageFlow(writer, Fonts.from_base(QGuiApplication.font()))
    _first_page(flow, data)
    flow.new_page()
    _charts(flow, data)
    _peaks(flow, data)
    _training(flow, data)
    _warnings(flow, data)
    _notes(flow, data)
    first, last = (short_day(date, year=True) for date in (data.period.first, data.period.last))
    pages = flow.paint(f"{REPORT_TITLE} · {first} – {last}")
    buffer.close()
    return _described(bytes(content.data()), data), pages


def write_report_pdf(data: ReportData, path: Path) -> int:
    """Write the report to ``path`` through a temporary file beside it; its page count.

    Raises OSError if the file cannot be written (``path`` is then left as it was).
    """
    content, pages = report_pdf(data)
    write_atomically(path, content)
    return pages


def write_report_pdf_file(data: ReportData, path: Path) -> int:
    """``write_report_pdf`` from the command line: with a window-less Qt application.

    Painting the PDF needs Qt's fonts; no window is shown (the offscreen platform).
    """
    import os
    import sys

    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # fonts and painting only, no window
    # Held in a variable: the application must live while the PDF is painted.
    application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pages = write_report_pdf(data, path)
    del application
    return pages
