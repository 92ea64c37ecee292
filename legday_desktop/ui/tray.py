"""Legday's icon in the tray: Log today, Open, Quit, and the reminder where nothing else shows it.

What closing the window does, where there is a tray: a Legday started in the tray
(``--tray``, as at login) lives there, so closing its window only puts the window away
and the daily reminder keeps coming; the tray's Quit (or File → Quit) ends it. A Legday
started from the menu or a terminal quits when its window closes, as any window would;
its tray icon is there meanwhile for Log today and the reminder. Clicking the icon shows
the window in front, or puts it away when it is shown already (never while a dialog of
it is open).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from legday_desktop import APP_NAME
from legday_desktop.domain.wording import _
from legday_desktop.ui.icon import app_icon

MESSAGE_SHOWN_MS = 15_000  # the reminder, where it is the tray's message: long enough to read


class TrayMenu(QMenu):
    """The tray icon's menu: Log today, Open, Quit; worded anew when the language changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trayMenu")
        self.log_today_action = QAction(self)
        self.open_action = QAction(self)
        self.quit_action = QAction(self)
        self.addAction(self.log_today_action)
        self.addAction(self.open_action)
        self.addSeparator()
        self.addAction(self.quit_action)
        self._retranslate()

    def _retranslate(self) -> None:
        self.log_today_action.setText(_("&Log today"))
        self.open_action.setText(_("&Open"))
        self.quit_action.setText(_("&Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()


class TrayIcon(QSystemTrayIcon):
    """Legday's own icon in the tray, with ``TrayMenu``; says what the user asked of it.

    Emits ``log_today_requested`` (the menu's Log today, or a click on the reminder shown
    as the tray's message), ``open_requested``, ``quit_requested`` and ``clicked`` (the
    icon itself, to show or put away the window).
    """

    log_today_requested = Signal()
    open_requested = Signal()
    quit_requested = Signal()
    clicked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(app_icon(), parent)
        self.setToolTip(APP_NAME)
        # The menu has no parent (a tray menu is a window of its own): the icon owns it.
        self.menu = TrayMenu()
        self.setContextMenu(self.menu)
        self.destroyed.connect(self.menu.deleteLater)
        self.menu.log_today_action.triggered.connect(self.log_today_requested)
        self.menu.open_action.triggered.connect(self.open_requested)
        self.menu.quit_action.triggered.connect(self.quit_requested)
        self.messageClicked.connect(self.log_today_requested)
        self.activated.connect(self._activated)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A double click also arrives as a click first: only the click counts.
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.clicked.emit()

    def show_reminder(self, summary: str, body: str) -> None:
        """The daily reminder as the tray's message (clicking it: Log today)."""
        self.showMessage(summary, body, app_icon(), MESSAGE_SHOWN_MS)
