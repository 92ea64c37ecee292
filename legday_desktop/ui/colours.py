"""The soreness colour scale: a colour-blind-safe sequential ramp from pale yellow to dark red."""

from __future__ import annotations

from PySide6.QtGui import QColor

# ColorBrewer YlOrRd (designed to be colour-blind safe and to print in grey), stretched to
# the eleven levels 0–10: lightness falls steadily, so order reads without hue.
LEVEL_HEX = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#fec55f",
    "#feb24c",
    "#fd8d3c",
    "#fc6c33",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)


def level_colour(level: int) -> QColor:
    return QColor(LEVEL_HEX[level])


def text_colour_on(level: int) -> QColor:
    """Black or white, whichever reads better on the level's colour."""
    return QColor("#000000") if level <= 6 else QColor("#ffffff")
