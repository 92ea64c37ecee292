"""Level buttons 0–10 with Clear, what the pain is like, and the soreness scale's legend."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL, SCALE, PainQuality, band_of
from legday_desktop.domain.wording import N_, _
from legday_desktop.drawing.colours import level_colour, text_colour_on


class LevelPicker(QWidget):
    """A row of buttons 0–10 and Clear that set the selected region's level.

    Signals:
        level_chosen(object): an int 0–10, or None for Clear.
    """

    level_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.buttons: dict[int | None, QPushButton] = {}
        for level in range(MIN_LEVEL, MAX_LEVEL + 1):
            band = band_of(level)
            button = QPushButton(str(level))
            button.setToolTip(
                _("{level}: {band} — {meaning}").format(
                    level=level, band=band.label, meaning=band.meaning
                )
            )
            button.setAccessibleName(
                _("Set level {level}, {band}").format(level=level, band=band.label)
            )
            self._add(layout, level, button)
        clear = QPushButton(_("Clear"))
        clear.setToolTip(_("Not rated: remove the value (Delete)"))
        clear.setAccessibleName(_("Clear the value"))
        self._add(layout, None, clear)

    def _add(self, layout: QHBoxLayout, level: int | None, button: QPushButton) -> None:
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        widest = max(button.text(), "10", key=len)
        button.setMinimumWidth(QFontMetrics(button.font()).horizontalAdvance(widest) + 18)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False, chosen=level: self.level_chosen.emit(chosen))
        layout.addWidget(button)
        self.buttons[level] = button

    def show_level(self, level: int | None, enabled: bool) -> None:
        """Mark the button of the selected region's current level; disable all if none."""
        for value, button in self.buttons.items():
            button.setEnabled(enabled)
            bold = enabled and value == level and value is not None
            if button.font().bold() != bold:  # a new font re-lays out and repaints the button
                font = button.font()
                font.setBold(bold)
                button.setFont(font)


# Short button texts (the full names are in their tooltips) and their window shortcuts:
# typed after a level, the focus stays where it was (on the map).
_QUALITY_BUTTONS = {
    PainQuality.DULL: (N_("Dull ache"), "Alt+D"),
    PainQuality.SHARP: (N_("Sharp"), "Alt+S"),
    PainQuality.BURNING: (N_("Burning"), "Alt+B"),
    PainQuality.TIGHT: (N_("Tight"), "Alt+T"),
}


class QualityPicker(QWidget):
    """Four checkable buttons (and shortcuts) saying what the selected region's pain is like.

    Choosing the quality already shown asks to clear it; the picker itself changes
    nothing until ``show_quality`` says what was saved.

    Signals:
        quality_chosen(object): the PainQuality clicked or typed.
    """

    quality_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.caption = QLabel(_("Feels:"))
        layout.addWidget(self.caption)
        self.buttons: dict[PainQuality, QPushButton] = {}
        self.actions_by_quality: dict[PainQuality, QAction] = {}
        for quality, (text, shortcut) in _QUALITY_BUTTONS.items():
            button = QPushButton(_(text))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tip = (
                _("{quality}, typical of DOMS ({key}); choose it again to clear")
                if quality is PainQuality.DULL
                else _("{quality} ({key}); choose it again to clear")
            )
            button.setToolTip(tip.format(quality=quality.label, key=shortcut))
            button.setAccessibleName(_("The pain: {quality}").format(quality=quality.label))
            button.clicked.connect(lambda _checked=False, q=quality: self.quality_chosen.emit(q))
            layout.addWidget(button)
            self.buttons[quality] = button
            action = QAction(quality.label, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, q=quality: self.quality_chosen.emit(q))
            self.addAction(action)
            self.actions_by_quality[quality] = action
        layout.addStretch(0)

    def show_quality(self, quality: PainQuality | None, enabled: bool) -> None:
        """Check the saved quality's button; disable all when no rated region is selected."""
        for value, button in self.buttons.items():
            button.setEnabled(enabled)
            button.setChecked(enabled and value is quality)
        for action in self.actions_by_quality.values():
            action.setEnabled(enabled)
        self.caption.setEnabled(enabled)


class ScaleLegend(QWidget):
    """The colour of each level 0–10, the bands' names, and the not-rated pattern."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Colour legend"))
        self.setAccessibleDescription(
            _(
                "Soreness 0 (none, pale yellow) to 10 (worst imaginable, dark red); hatched: not "
                "rated."
            )
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        line = QFontMetrics(self.font()).height()
        return QSize(480, line * 3 + 10)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(300, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        not_rated_width = metrics.horizontalAdvance(_("not rated")) + 12
        gap = 10
        cell = (self.width() - not_rated_width - gap - 2) / (MAX_LEVEL + 1)
        swatch_height = line + 8
        # Not rated: the same hatch the map uses.
        hatch = QColor(text)
        hatch.setAlpha(90)
        swatch = QRectF(1, 1, not_rated_width, swatch_height)
        painter.setPen(QPen(text, 1))
        painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        painter.drawRect(swatch)
        painter.drawText(swatch, Qt.AlignmentFlag.AlignCenter, _("not rated"))
        left = not_rated_width + gap
        for level in range(MIN_LEVEL, MAX_LEVEL + 1):
            rect = QRectF(left + level * cell, 1, cell, swatch_height)
            painter.setPen(QPen(text, 1))
            painter.setBrush(level_colour(level))
            painter.drawRect(rect)
            painter.setPen(text_colour_on(level))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(level))
        # Band names under their stretch of the scale.
        painter.setPen(text)
        for band in SCALE:
            rect = QRectF(
                left + band.low * cell, swatch_height + 3, (band.high - band.low + 1) * cell, line
            )
            label = (
                band.label
                if metrics.horizontalAdvance(band.label) < rect.width() + 8
                else band.short_label
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
