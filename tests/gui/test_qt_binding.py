"""Guards against known-broken Qt bindings (PySide6 6.12.0 loses references to None)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath


def test_void_calls_keep_their_reference_to_none() -> None:
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    path = QPainterPath()
    path.addRect(QRectF(0, 0, 10, 10))
    before = sys.getrefcount(None)
    for _ in range(200):
        painter.setBrush(QColor("red"))
        painter.drawPath(path)
    lost = before - sys.getrefcount(None)
    painter.end()
    assert lost < 50, f"this PySide6 loses a reference to None per call ({lost} in 400 calls)"
