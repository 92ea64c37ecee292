"""The body map and its legend on paper: numbers in the regions, hatching, greys that print.

Sizes are given in millimetres and points, whatever the paint device's resolution, so the
same drawing reads on an A4 page and in a test image. A level's colour prints as a grey
from near white (0) to near black (10), and every rated region carries its number, so a
black-and-white print says as much as the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)

from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL, SCALE
from legday_desktop.drawing.body_map_art import BodyMapArt, load_art
from legday_desktop.drawing.colours import level_colour, text_colour_on

INK = QColor("#000000")
PAPER = QColor("#ffffff")
SECONDARY_INK = QColor("#3a3a3a")
NOT_RATED_TEXT = "not rated"


@dataclass(frozen=True, slots=True)
class PrintedMapStyle:
    """Every drawing parameter of the printed map and legend, in mm and points."""

    outline_mm: float = 0.18
    silhouette_mm: float = 0.25
    detail_mm: float = 0.15  # the body's own lines (spine, pelvis, folds)
    head_mm: float = 0.12  # the lines between a muscle's heads
    hatch_spacing_mm: float = 0.9
    hatch_mm: float = 0.12
    level_points: float = 8.0
    title_points: float = 6.5
    side_letter_points: float = 8.0
    side_word_points: float = 5.0
    legend_points: float = 7.5
    legend_cell_mm: float = 6.0


def device_per_mm(device: QPaintDevice) -> float:
    """Device units per millimetre of ``device`` (a PDF writer, an image)."""
    return device.logicalDpiX() / 25.4


def _font(base: QFont, points: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _centred_text(painter: QPainter, centre: QPointF, text: str, font: QFont) -> None:
    """``text`` centred on ``centre``, in device units (never scaled by the view box)."""
    metrics = QFontMetricsF(font, painter.device())
    width = metrics.horizontalAdvance(text)
    painter.setFont(font)
    painter.drawText(QPointF(centre.x() - width / 2, centre.y() + metrics.capHeight() / 2), text)


def hatch(painter: QPainter, area: QPainterPath, spacing: float, width: float) -> None:
    """Diagonal lines (rising to the right) across ``area``, ``spacing`` apart, device units.

    Drawn as lines, not a pattern brush: they print the same size in every PDF viewer.
    """
    bounds = area.boundingRect()
    painter.save()
    painter.setClipPath(area, Qt.ClipOperation.IntersectClip)
    painter.setPen(QPen(SECONDARY_INK, width))
    start = bounds.left() - bounds.height()
    x = start
    while x <= bounds.right():
        painter.drawLine(QLineF(x, bounds.bottom(), x + bounds.height(), bounds.top()))
        x += spacing
    painter.restore()


def body_map_height(width: float, art: BodyMapArt | None = None) -> float:
    """The height the map takes at ``width`` (the artwork keeps its proportions)."""
    box = (art or load_art()).view_box
    return width * box.height() / box.width()


def paint_body_map(
    painter: QPainter,
    target: QRectF,
    levels: dict[str, int],
    font: QFont,
    style: PrintedMapStyle | None = None,
    art: BodyMapArt | None = None,
) -> None:
    """Front and back views fitted into ``target`` (device units), each region at its level.

    Regions missing from ``levels`` are hatched (not rated); rated ones are filled with
    their level's colour and carry the number.
    """
    style = style or PrintedMapStyle()
    art = art or load_art()
    mm = device_per_mm(painter.device())
    box = art.view_box
    scale = min(target.width() / box.width(), target.height() / box.height())
    view = QTransform(
        scale,
        0,
        0,
        scale,
        target.left() + (target.width() - box.width() * scale) / 2 - box.left() * scale,
        target.top() + (target.height() - box.height() * scale) / 2 - box.top() * scale,
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    edge = QColor(SECONDARY_INK)
    for figure in art.figures:
        painter.setPen(QPen(edge, style.silhouette_mm * mm))
        painter.setBrush(PAPER)
        painter.drawPath(view.map(figure.silhouette))
        painter.setPen(QPen(edge, style.detail_mm * mm))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(view.map(figure.details))
        painter.setPen(INK)
        _centred_text(
            painter,
            view.map(figure.title_point),
            figure.title,
            _font(font, style.title_points, bold=True),
        )
        for side, anchor in figure.side_labels:
            letter = view.map(anchor)
            _centred_text(
                painter, letter, side.label[0], _font(font, style.side_letter_points, bold=True)
            )
            below = letter + QPointF(0, style.side_letter_points * 0.45 * mm)
            _centred_text(painter, below, side.value, _font(font, style.side_word_points))
    number_font = _font(font, style.level_points, bold=True)
    for region_id in REGION_IDS:
        shape = art.regions[region_id]
        path = view.map(shape.path)
        level = levels.get(region_id)
        if level is None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PAPER)
            painter.drawPath(path)
            hatch(painter, path, style.hatch_spacing_mm * mm, style.hatch_mm * mm)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(level_colour(level))
            painter.drawPath(path)
        painter.setPen(QPen(INK, style.outline_mm * mm))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if not shape.lines.isEmpty():  # the muscle's heads, thin, in the number's ink
            heads = QColor(INK if level is None else text_colour_on(level))
            heads.setAlpha(150)
            painter.strokePath(view.map(shape.lines), QPen(heads, style.head_mm * mm))
        if level is not None:
            painter.setPen(text_colour_on(level))
            _centred_text(painter, view.map(shape.label_point), str(level), number_font)
    painter.restore()


def legend_size(device: QPaintDevice, font: QFont, style: PrintedMapStyle | None = None) -> QRectF:
    """The space ``paint_legend`` needs on ``device``, in its units."""
    style = style or PrintedMapStyle()
    mm = device_per_mm(device)
    metrics = QFontMetricsF(_font(font, style.legend_points), device)
    not_rated = metrics.horizontalAdvance(NOT_RATED_TEXT) + 3 * mm
    cells = (MAX_LEVEL - MIN_LEVEL + 1) * style.legend_cell_mm * mm
    height = style.legend_cell_mm * mm + 1.5 * mm + metrics.height()
    return QRectF(0, 0, not_rated + 3 * mm + cells, height)


def paint_legend(
    painter: QPainter, top_left: QPointF, font: QFont, style: PrintedMapStyle | None = None
) -> QRectF:
    """The scale as printed: a hatched "not rated" cell, then 0–10, each cell numbered.

    The band names stand under their stretch of the scale. Returns the rectangle painted.
    """
    style = style or PrintedMapStyle()
    mm = device_per_mm(painter.device())
    text_font = _font(font, style.legend_points)
    number_font = _font(font, style.legend_points, bold=True)
    metrics = QFontMetricsF(text_font, painter.device())
    size = legend_size(painter.device(), font, style)
    cell = style.legend_cell_mm * mm
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x, y = top_left.x(), top_left.y()
    not_rated = QRectF(x, y, metrics.horizontalAdvance(NOT_RATED_TEXT) + 3 * mm, cell)
    area = QPainterPath()
    area.addRect(not_rated)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PAPER)
    painter.drawRect(not_rated)
    hatch(painter, area, style.hatch_spacing_mm * mm, style.hatch_mm * mm)
    # The words on a white ground, so the hatching never runs through them.
    words = metrics.boundingRect(NOT_RATED_TEXT)
    painter.fillRect(
        QRectF(
            not_rated.center().x() - words.width() / 2 - 0.6 * mm,
            not_rated.center().y() - metrics.height() / 2,
            words.width() + 1.2 * mm,
            metrics.height(),
        ),
        PAPER,
    )
    painter.setPen(QPen(INK, style.outline_mm * mm))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(not_rated)
    painter.setFont(text_font)
    painter.drawText(not_rated, Qt.AlignmentFlag.AlignCenter, NOT_RATED_TEXT)
    left = not_rated.right() + 3 * mm
    for level in range(MIN_LEVEL, MAX_LEVEL + 1):
        rect = QRectF(left + level * cell, y, cell, cell)
        painter.setPen(QPen(INK, style.outline_mm * mm))
        painter.setBrush(level_colour(level))
        painter.drawRect(rect)
        painter.setPen(text_colour_on(level))
        painter.setFont(number_font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(level))
    painter.setPen(INK)
    painter.setFont(text_font)
    for band in SCALE:
        span = QRectF(
            left + band.low * cell,
            y + cell + 1.5 * mm,
            (band.high - band.low + 1) * cell,
            metrics.height(),
        )
        label = band.label
        if metrics.horizontalAdvance(label) > span.width() + 2 * mm:
            label = band.short_label  # "worst imaginable" under one cell: "worst"
        painter.drawText(span, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip, label)
    painter.restore()
    return QRectF(top_left, size.size())
