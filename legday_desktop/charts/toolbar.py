"""The charts' own toolbar: zoom, move, reset, save and copy, with icons drawn as paths.

``ChartNavigation`` lends matplotlib's zoom and pan logic to a canvas without its
toolbar widget (no "Configure subplots", no cursor readout); ``ChartToolbar`` holds the
buttons a person sees.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from matplotlib.backend_bases import MouseEvent, NavigationToolbar2
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


class ChartTool(enum.Enum):
    """The toolbar's actions, in the order they appear."""

    ZOOM = "zoom"
    PAN = "pan"
    RESET = "reset"
    SAVE = "save"
    COPY = "copy"


# Text, tooltip and freedesktop theme icon of each action.
_TOOLS: dict[ChartTool, tuple[str, str, str]] = {
    ChartTool.ZOOM: ("Zoom", "Zoom in: drag a box around the part to see closer", "zoom-in"),
    ChartTool.PAN: ("Move", "Move the chart: drag it with the mouse", "transform-move"),
    ChartTool.RESET: ("Reset view", "Show the whole chart again", "zoom-original"),
    ChartTool.SAVE: ("Save image…", "Save the chart as a PNG, SVG or PDF file", "document-save-as"),
    ChartTool.COPY: ("Copy image", "Copy the chart to the clipboard as a picture", "edit-copy"),
}

VIEW_BOX = 24.0  # the icons' own coordinate space, scaled to the icon size when drawn


def _icon_path(tool: ChartTool) -> QPainterPath:
    """The outline of ``tool``'s icon in a 24 × 24 box (stroked, not filled)."""
    path = QPainterPath()
    if tool is ChartTool.ZOOM:  # a magnifier with a plus
        path.addEllipse(QPointF(10, 10), 6.5, 6.5)
        path.moveTo(14.8, 14.8)
        path.lineTo(21, 21)
        path.moveTo(7, 10)
        path.lineTo(13, 10)
        path.moveTo(10, 7)
        path.lineTo(10, 13)
    elif tool is ChartTool.PAN:  # four arrows from the centre
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            tip = QPointF(12 + 9 * dx, 12 + 9 * dy)
            path.moveTo(12, 12)
            path.lineTo(tip)
            side = QPointF(2.6 * dy, 2.6 * dx)
            back = QPointF(-2.6 * dx, -2.6 * dy)
            path.moveTo(tip + back + side)
            path.lineTo(tip)
            path.lineTo(tip + back - side)
    elif tool is ChartTool.RESET:  # four corners of a frame around a small chart line
        for x, y, dx, dy in ((3, 3, 1, 1), (21, 3, -1, 1), (3, 21, 1, -1), (21, 21, -1, -1)):
            path.moveTo(x + 5 * dx, y)
            path.lineTo(x, y)
            path.lineTo(x, y + 5 * dy)
        path.moveTo(7, 16)
        path.lineTo(10.5, 10)
        path.lineTo(13.5, 13.5)
        path.lineTo(17, 8)
    elif tool is ChartTool.SAVE:  # an arrow down into a tray
        path.moveTo(12, 3)
        path.lineTo(12, 15)
        path.moveTo(7, 10)
        path.lineTo(12, 15)
        path.lineTo(17, 10)
        path.moveTo(4, 15)
        path.lineTo(4, 20.5)
        path.lineTo(20, 20.5)
        path.lineTo(20, 15)
    else:  # two sheets, one over the other
        path.addRoundedRect(QRectF(8, 8, 12.5, 13), 1.5, 1.5)
        path.moveTo(15.5, 5.5)
        path.lineTo(15.5, 3.5)
        path.lineTo(3.5, 3.5)
        path.lineTo(3.5, 16.5)
        path.lineTo(5.5, 16.5)
    return path


def drawn_icon(tool: ChartTool, colour: QColor, size: int = 24) -> QIcon:
    """``tool``'s icon in ``colour``, sharp at one and two device pixels per point."""
    icon = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(size * ratio, size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / VIEW_BOX, size / VIEW_BOX)
        pen = QPen(colour, 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(_icon_path(tool))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class ChartToolbar(QWidget):
    """A row of buttons, one per ChartTool, each reachable with Tab and named for screen readers.

    ``tool_actions[tool]`` are the QActions behind them (Zoom and Move are checkable, and
    exclusive: choosing one leaves the other).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tool_actions: dict[ChartTool, QAction] = {}
        self.buttons: dict[ChartTool, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for tool in ChartTool:
            text, tip, _theme = _TOOLS[tool]
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setCheckable(tool in (ChartTool.ZOOM, ChartTool.PAN))
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setIconSize(QSize(20, 20))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAccessibleName(text.rstrip("…"))
            button.setAccessibleDescription(tip)
            layout.addWidget(button)
            self.tool_actions[tool] = action
            self.buttons[tool] = button
        self.recolour()
        for tool, other in ((ChartTool.ZOOM, ChartTool.PAN), (ChartTool.PAN, ChartTool.ZOOM)):
            self.tool_actions[tool].toggled.connect(
                lambda checked, other=other: self._leave(other) if checked else None
            )

    def recolour(self) -> None:
        """The desktop theme's icons, or ours drawn in the palette's text colour."""
        colour = self.palette().color(self.foregroundRole())
        for tool, action in self.tool_actions.items():
            action.setIcon(QIcon.fromTheme(_TOOLS[tool][2], drawn_icon(tool, colour)))

    def _leave(self, tool: ChartTool) -> None:
        self.tool_actions[tool].setChecked(False)


class ChartNavigation(NavigationToolbar2):
    """Matplotlib's zoom and pan on one canvas, with no widget and no cursor readout.

    ``changed`` is called after each zoom, move or reset, with whether the view is the
    chart's own (False) or one the person chose (True).
    """

    def __init__(self, canvas: FigureCanvasQTAgg, changed: Callable[[bool], None]) -> None:
        self._changed = changed
        self.zoomed = False
        super().__init__(canvas)

    def set_message(self, s: str) -> None:
        """No status text: a person reads values from the point under the mouse instead."""

    def mouse_move(self, event: MouseEvent) -> None:
        self._update_cursor(event)  # type: ignore[attr-defined]

    def draw_rubberband(self, event: Any, x0: float, y0: float, x1: float, y1: float) -> None:
        height = self.canvas.figure.bbox.height
        rectangle = [int(value) for value in (x0, height - y0, x1 - x0, y0 - y1)]
        self.canvas.drawRectangle(rectangle)  # type: ignore[attr-defined]

    def remove_rubberband(self) -> None:
        self.canvas.drawRectangle(None)  # type: ignore[attr-defined]

    def release_zoom(self, event: MouseEvent) -> None:  # type: ignore[override]
        super().release_zoom(event)
        self._view_chosen()

    def release_pan(self, event: MouseEvent) -> None:  # type: ignore[override]
        super().release_pan(event)
        self._view_chosen()

    def _view_chosen(self) -> None:
        self.zoomed = len(self._nav_stack) > 1  # type: ignore[attr-defined]
        self._changed(self.zoomed)

    def home(self, *args: object) -> None:
        super().home(*args)
        self.zoomed = False
        self._changed(False)

    def forget_views(self) -> None:
        """The chart changed (another range, group or leg day): its own view is home again."""
        self.update()
        self.zoomed = False

    def set_mode(self, tool: ChartTool | None) -> None:
        """Zoom, move or neither, as the toolbar's checked action says."""
        wanted = {ChartTool.ZOOM: "zoom", ChartTool.PAN: "pan"}.get(tool) if tool else None
        current = {"zoom rect": "zoom", "pan/zoom": "pan"}.get(str(self.mode))
        if current != wanted:
            if current == "zoom":
                self.zoom()
            elif current == "pan":
                self.pan()
            if wanted == "zoom":
                self.zoom()
            elif wanted == "pan":
                self.pan()
