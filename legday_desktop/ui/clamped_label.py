"""A word-wrapped label that shows as many whole lines as its height holds, "…" at the end."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def wrapped_lines(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """``text`` broken into lines at most ``width`` wide, at most ``most`` of them.

    When it needs more, the last line ends with "…" where the text was cut.
    """
    lines: list[str] = []
    words = text.split()
    index = 0
    while index < len(words) and len(lines) < most:
        line = words[index]
        index += 1
        while index < len(words) and metrics.horizontalAdvance(f"{line} {words[index]}") <= width:
            line = f"{line} {words[index]}"
            index += 1
        lines.append(line)
    if index < len(words) and lines:
        rest = " ".join([lines[-1], *words[index:]])
        lines[-1] = metrics.elidedText(rest + " …", Qt.TextElideMode.ElideRight, width)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class ClampedLabel(QLabel):
    """Plain text in whole lines as its height allows; the whole text as tooltip and for AT.

    It never asks for more room than ``lines`` lines, so it never moves its neighbours.
    """

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._most_lines = lines
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def shown_lines(self) -> list[str]:
        """The lines as painted now (for tests and the window's self-check)."""
        metrics = self.fontMetrics()
        room = max(1, min(self._most_lines, self.contentsRect().height() // metrics.lineSpacing()))
        return wrapped_lines(self.text(), metrics, self.contentsRect().width(), room)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M" * 30), metrics.lineSpacing())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M" * 8), metrics.lineSpacing())

    def heightForWidth(self, _width: int) -> int:  # noqa: N802 (Qt override)
        return self.fontMetrics().lineSpacing()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        metrics = self.fontMetrics()
        lines = self.shown_lines()
        area = self.contentsRect()
        top = area.top() + max(0, (area.height() - len(lines) * metrics.lineSpacing()) // 2)
        for number, line in enumerate(lines):
            row = QRect(
                area.left(),
                top + number * metrics.lineSpacing(),
                area.width(),
                metrics.lineSpacing(),
            )
            painter.drawText(
                row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line
            )
