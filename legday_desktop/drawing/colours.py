"""The soreness colour scale: a colour-blind-safe sequential ramp from pale yellow to dark red."""

from __future__ import annotations

from PySide6.QtGui import QColor

from legday_desktop.charts.style import LEVEL_HEX


def level_colour(level: int) -> QColor:
    return QColor(LEVEL_HEX[level])


def text_colour_on(level: int) -> QColor:
    """Black or white, whichever reads better on the level's colour."""
    return QColor("#000000") if level <= 6 else QColor("#ffffff")


# --- contrast (WCAG 2) ---------------------------------------------------------------
# Outlines that mark the selection or the keyboard focus need 3:1 against the colours
# around them (WCAG 2.2, 1.4.11 and 2.4.13), whatever palette the desktop gives.
MIN_OUTLINE_CONTRAST = 3.0


def relative_luminance(colour: QColor) -> float:
    """WCAG's relative luminance of an opaque colour: 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two opaque colours, from 1 (the same) to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def with_contrast(colour: QColor, against: QColor, ratio: float = MIN_OUTLINE_CONTRAST) -> QColor:
    """``colour``, made lighter or darker (its hue kept) until it has ``ratio`` to ``against``.

    A palette's highlight is used as it is when it already stands out (navy on dark grey
    does not: it is lightened).
    """
    if contrast_ratio(colour, against) >= ratio:
        return QColor(colour)
    target = ratio + 0.1  # a margin: the colour is rounded to 8 bits a channel at the end
    towards_white = relative_luminance(against) < 0.18  # a dark surrounding: go lighter
    hsl = colour.toHsl()
    hue, saturation, lightness = hsl.hslHueF(), hsl.hslSaturationF(), hsl.lightnessF()
    low, high = (lightness, 1.0) if towards_white else (0.0, lightness)
    for _step in range(24):  # halve the interval: exact to far below one colour step
        middle = (low + high) / 2
        candidate = QColor.fromHslF(max(hue, 0.0), saturation, middle)
        enough = contrast_ratio(candidate, against) >= target
        if enough == towards_white:
            high = middle
        else:
            low = middle
    final = QColor.fromHslF(max(hue, 0.0), saturation, high if towards_white else low)
    return final.toRgb()
