"""The window's warnings: urgent ones in red, those to keep an eye on in amber, told to AT.

They sit in a strip of fixed height under the day's banner, on every view: a warning that
comes or goes never moves the map or a tab (when there is none, the strip says so). Each
severity shows its heading and as much of its lines as fits; "Details" opens the Advice
tab, where every warning is given in full with what to do.

Each box is an accessible *alert* (Qt's AlertMessage role), and a warning that was not
showing before is announced through Qt's accessibility API (an announcement event,
assertive for urgent ones), so a screen reader speaks it when it appears.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QFont,
    QFontMetrics,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.check_ins import Severity
from legday_desktop.domain.wording import _, not_medical_advice
from legday_desktop.ui.clamped_label import ClampedLabel

STYLES = {
    # White on deep red (7.0:1) and dark brown on amber (9.8:1), both well above 4.5:1.
    Severity.URGENT: "#{name} {{ background: #b00020; border-radius: 6px; }}"
    "#{name} QLabel {{ color: #ffffff; }} #{name} QPushButton {{ color: #ffffff; "
    "border: 1px solid #ffffff; border-radius: 4px; padding: 2px 8px; }}",
    Severity.CHECK: "#{name} {{ background: #ffd27a; border: 1px solid #a86800; "
    "border-radius: 6px; }} #{name} QLabel {{ color: #3a2500; }} #{name} QPushButton {{ "
    "color: #3a2500; border: 1px solid #3a2500; border-radius: 4px; padding: 2px 8px; }}",
}


def announce(widget: QWidget, message: str, severity: Severity) -> None:
    """Tell assistive technology about ``message`` now (an alert, then an announcement)."""
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if severity is Severity.URGENT
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


class WarningBox(QFrame):
    """One severity's warnings in one band: its heading, its lines as far as they fit, Details."""

    details_requested = Signal()

    def __init__(self, severity: Severity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.severity = severity
        name = f"{severity.value}Warnings"
        self.setObjectName(name)
        # Styled when first shown: parsing a style sheet is start-up time, and most days
        # show no warning at all.
        self._style = STYLES[severity].format(name=name)
        self.title = QLabel(severity.heading)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.title.setFont(font)
        self.text = ClampedLabel(lines=2)
        self.details = QPushButton(_("Details"))
        self.details.setAccessibleName(_("{warnings}: details").format(warnings=severity.heading))
        self.details.setToolTip(_("Every warning in full, with what to do (the Advice tab)"))
        self.details.setCursor(Qt.CursorShape.PointingHandCursor)
        self.details.clicked.connect(self.details_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        layout.setSpacing(12)
        layout.addWidget(self.title, alignment=Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text, stretch=1)
        layout.addWidget(self.details, alignment=Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(severity.heading)
        self.lines: tuple[str, ...] = ()
        self.hide()

    def show_lines(self, lines: Sequence[str]) -> None:
        if lines and self._style:
            self.setStyleSheet(self._style)
            self._style = ""
        self.lines = tuple(lines)
        self.text.setText("  •  ".join(lines))
        self.setAccessibleDescription(" ".join(lines))
        self.setVisible(bool(lines))


class WarningBanner(QWidget):
    """The window's warnings, one band per severity, shown from every view.

    ``show_warnings`` replaces them; a line that was not showing before is announced.
    """

    details_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_accessibility()
        self.urgent = WarningBox(Severity.URGENT, self)
        self.check = WarningBox(Severity.CHECK, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for box in (self.urgent, self.check):
            layout.addWidget(box)
            box.details_requested.connect(self.details_requested)
        self.hide()

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.urgent.lines, *self.check.lines)

    def text(self) -> str:
        """Everything the banner says, headings included, as plain text (for tests and AT)."""
        return " ".join(
            f"{box.severity.heading}: {' '.join(box.lines)}"
            for box in (self.urgent, self.check)
            if box.lines
        )

    def show_warnings(self, urgent: Sequence[str], check: Sequence[str]) -> None:
        """Show these lines; nothing is hidden and shown again when they stay the same."""
        before = set(self.lines)
        for box, lines in ((self.urgent, urgent), (self.check, check)):
            if tuple(lines) != box.lines:
                box.show_lines(lines)
        if self.isHidden() == bool(urgent or check):
            self.setVisible(bool(urgent or check))
        for box in (self.urgent, self.check):
            new = [line for line in box.lines if line not in before]
            if new:
                announce(box, f"{box.severity.heading}. {' '.join(new)}", box.severity)

    def clear(self) -> None:
        self.show_warnings((), ())


class WarningStrip(QFrame):
    """The warnings' fixed place: always the same height, calm words when there is none."""

    def __init__(self, banner: WarningBanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.setObjectName("warningStrip")
        self.calm = QLabel(
            _("No warning signs reported for this day.") + "\n" + not_medical_advice()
        )
        self.calm.setObjectName("calmStrip")
        self.calm.setWordWrap(True)
        self.calm.setAccessibleName(_("Warnings"))
        self.calm.setStyleSheet(
            "#calmStrip { border: 1px solid palette(mid); border-radius: 6px; padding: 2px 12px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.calm)
        layout.addWidget(banner)
        # Two bands of a heading's height, or one band of two lines: room for both, always.
        heading = QFont(self.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.1)
        heading.setBold(True)
        band = max(QFontMetrics(heading).height(), self.fontMetrics().lineSpacing()) + 8
        self.setFixedHeight(2 * band + 4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_warnings(self, urgent: Sequence[str], check: Sequence[str]) -> None:
        self.banner.show_warnings(urgent, check)
        calm = not (urgent or check)
        if self.calm.isHidden() != (not calm):
            self.calm.setVisible(calm)


class _WarningBoxAccessible(QAccessibleWidget):
    """A warning box as assistive technology sees it: an alert, its lines as description."""

    def __init__(self, box: WarningBox) -> None:
        super().__init__(box, QAccessible.Role.AlertMessage, box.severity.heading)


_installed = False


def install_accessibility() -> None:
    """Let Qt build an alert for every WarningBox (once per process)."""
    global _installed
    if _installed:
        return

    def factory(class_name: str, instance: QObject) -> QAccessibleWidget | None:
        if isinstance(instance, WarningBox):
            return _WarningBoxAccessible(instance)
        return None

    QAccessible.installFactory(factory)
    _installed = True
