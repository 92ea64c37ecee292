"""The soreness colour scale: a colour-blind-safe sequential ramp from pale yellow to dark red."""

from __future__ import annotations

from PySide6.QtGui import QColor

from legday_desktop.charts.style import LEVEL_HEX


def level_colour(level: int) -> QColor:
    return QColor(LEVEL_HEX[level])


def text_colour_on(level: int) -> QColor:
    """Black or white, whichever reads better on the level's colour."""
    return QColor("#000000") if level <= 6 else QColor("#ffffff")
