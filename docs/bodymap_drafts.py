"""Renders today's body map and the drafts of its new artwork side by side, as PNGs in docs/.

Usage: ``python docs/bodymap_drafts.py``. Today's artwork is kept in
``docs/bodymap-drafts/today.json``; the drafts are made from ``resources/bodymap.json``
(the chosen one): "zones" without the body's lines and the muscles' heads, and "slim" with
every x drawn 0.72 times as wide (today's proportions).
"""

from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.drawing.body_map_art import BodyMapArt, build_art
from legday_desktop.ui.body_map import BodyMap

DOCS = Path(__file__).parent
PANEL = (460, 520)


def _drafts() -> list[tuple[str, dict[str, Any]]]:
    chosen = json.loads((DOCS.parent / "resources" / "bodymap.json").read_text("utf-8"))
    zones = copy.deepcopy(chosen)
    for figure in zones["figures"].values():
        figure["details"] = []
    for shape in zones["regions"].values():
        shape.pop("lines", None)
    slim = copy.deepcopy(chosen)
    squeeze = 0.72

    def narrow(points: list[list[float]]) -> list[list[float]]:
        return [[x * squeeze, y] for x, y in points]

    slim["view_box"][2] = round(chosen["view_box"][2] * squeeze)
    slim["side_label_offset"] *= squeeze
    for figure in slim["figures"].values():
        figure["origin"][0] *= squeeze
        figure["details"] = [narrow(curve) for curve in figure["details"]]
    slim["silhouette"] = narrow(slim["silhouette"])
    for shape in slim["regions"].values():
        shape["points"] = narrow(shape["points"])
        shape["lines"] = [narrow(line) for line in shape.get("lines", [])]
        if "label" in shape:
            shape["label"] = narrow([shape["label"]])[0]
    today = json.loads((DOCS / "bodymap-drafts" / "today.json").read_text("utf-8"))
    return [
        ("Today", today),
        ("Draft A: zones", zones),
        ("Draft B: slim", slim),
        ("Draft C: chosen", chosen),
    ]


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    if dark:
        for role, colour in (
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.Base, "#1e1e1e"),
            (QPalette.ColorRole.Text, "#e0e0e0"),
            (QPalette.ColorRole.WindowText, "#e0e0e0"),
            (QPalette.ColorRole.Highlight, "#3d8fd8"),
        ):
            palette.setColor(role, QColor(colour))
    return palette


def _panel(art: BodyMapArt, dark: bool) -> QImage:
    body_map = BodyMap(art=art)
    body_map.setPalette(_palette(dark))
    body_map.setAutoFillBackground(True)
    body_map.resize(*PANEL)
    levels = {region_id: (index * 3) % 11 for index, region_id in enumerate(REGION_IDS)}
    body_map.set_levels({key: value for key, value in levels.items() if "left" in key})
    body_map.set_show_names(True)
    return body_map.grab().toImage()


def main() -> int:
    """Write bodymap-drafts-light.png and -dark.png; print each draft's named regions."""
    QApplication(sys.argv)
    drafts = [(title, build_art(data)) for title, data in _drafts()]
    for dark in (False, True):
        sheet = QImage(PANEL[0] * len(drafts), PANEL[1] + 40, QImage.Format.Format_RGB32)
        sheet.fill(QColor("#1e1e1e" if dark else "#ffffff"))
        painter = QPainter(sheet)
        painter.setPen(QColor("#e0e0e0" if dark else "#000000"))
        font = QFont()
        font.setPointSize(14)
        font.setBold(True)
        painter.setFont(font)
        for index, (title, art) in enumerate(drafts):
            painter.drawText(
                QRectF(index * PANEL[0], 0, PANEL[0], 40), Qt.AlignmentFlag.AlignCenter, title
            )
            painter.drawImage(QPointF(index * PANEL[0], 40), _panel(art, dark))
        painter.end()
        sheet.save(str(DOCS / f"bodymap-drafts-{'dark' if dark else 'light'}.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
