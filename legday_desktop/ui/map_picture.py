"""The body map alone as a picture: front and back with the day's values, the legend, the date.

Drawn by the map's and the legend's own painting on widgets made for it, so the picture
looks as the map does on screen, without the window around it, the selection outline or
a hovered region.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QPalette

from legday_desktop.domain.wording import long_day
from legday_desktop.ui.body_map import BodyMap
from legday_desktop.ui.level_controls import ScaleLegend

MAP_SIZE = (920, 1040)  # the map's own width and height in the picture, pixels
MARGIN = 24


def map_picture(levels: dict[str, int], date: dt.date, title: str, palette: QPalette) -> QImage:
    """``levels`` of ``date`` on the body map, under ``title``, with the colour legend."""
    body_map = BodyMap()
    body_map.setPalette(palette)
    body_map.set_levels(levels)
    body_map.resize(*MAP_SIZE)
    legend = ScaleLegend()
    legend.setPalette(palette)
    legend.resize(MAP_SIZE[0], legend.sizeHint().height())
    heading = QFont(body_map.font())
    heading.setPointSizeF(heading.pointSizeF() * 1.6)
    heading.setBold(True)
    line = max(1, round(heading.pointSizeF() * 2.2))
    width = MAP_SIZE[0] + 2 * MARGIN
    height = MARGIN + 2 * line + MAP_SIZE[1] + legend.height() + 2 * MARGIN
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    try:
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.setFont(heading)
        painter.drawText(
            QRect(MARGIN, MARGIN, MAP_SIZE[0], line),
            int(Qt.AlignmentFlag.AlignLeft),
            long_day(date),
        )
        small = QFont(body_map.font())
        small.setPointSizeF(small.pointSizeF() * 1.2)
        painter.setFont(small)
        painter.drawText(
            QRect(MARGIN, MARGIN + line, MAP_SIZE[0], line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine),
            title,
        )
        painter.end()
        body_map.render(image, QPoint(MARGIN, MARGIN + 2 * line))
        legend.render(image, QPoint(MARGIN, MARGIN + 2 * line + MAP_SIZE[1] + MARGIN))
    finally:
        if painter.isActive():
            painter.end()
        body_map.deleteLater()
        legend.deleteLater()
    return image
