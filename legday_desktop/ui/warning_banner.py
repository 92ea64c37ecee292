"""The window's warnings: urgent ones in red, those to keep an eye on in amber, told to AT.

Each box is an accessible *alert* (Qt's AlertMessage role), and a warning that was not
showing before is announced through Qt's accessibility API (an announcement event,
assertive for urgent ones), so a screen reader speaks it when it appears.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QFont
from PySide6.QtWidgets import QAccessibleWidget, QFrame, QLabel, QVBoxLayout, QWidget

from legday_desktop.domain.check_ins import Severity
from legday_desktop.ui.texts import escape

STYLES = {
    # White on deep red (7.0:1) and dark brown on amber (9.8:1), both well above 4.5:1.
    Severity.URGENT: "#{name} {{ background: #b00020; border-radius: 6px; }}"
    "#{name} QLabel {{ color: #ffffff; }}",
    Severity.CHECK: "#{name} {{ background: #ffd27a; border: 1px solid #a86800; "
    "border-radius: 6px; }} #{name} QLabel {{ color: #3a2500; }}",
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
    """One severity's warnings: its heading, then one line per cause."""

    def __init__(self, severity: Severity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.severity = severity
        name = f"{severity.value}Warnings"
        self.setObjectName(name)
        self.setStyleSheet(STYLES[severity].format(name=name))
        self.title = QLabel(severity.heading)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * (1.3 if severity is Severity.URGENT else 1.1))
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self.setAccessibleName(severity.heading)
        self.lines: tuple[str, ...] = ()
        self.hide()

    def show_lines(self, lines: Sequence[str]) -> None:
        self.lines = tuple(lines)
        if len(lines) == 1:
            self.text.setText(escape(lines[0]))
        else:
            self.text.setText("<br>".join(f"• {escape(line)}" for line in lines))
        self.setAccessibleDescription(" ".join(lines))
        self.setVisible(bool(lines))


class WarningBanner(QWidget):
    """The warnings at the top of the window, shown from every tab.

    ``show_warnings`` replaces them; a line that was not showing before is announced.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_accessibility()
        self.urgent = WarningBox(Severity.URGENT, self)
        self.check = WarningBox(Severity.CHECK, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.urgent)
        layout.addWidget(self.check)
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
        before = set(self.lines)
        for box, lines in ((self.urgent, urgent), (self.check, check)):
            if tuple(lines) != box.lines:
                box.show_lines(lines)
        self.setVisible(bool(urgent or check))
        for box in (self.urgent, self.check):
            new = [line for line in box.lines if line not in before]
            if new:
                announce(box, f"{box.severity.heading}. {' '.join(new)}", box.severity)

    def clear(self) -> None:
        self.show_warnings((), ())


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
