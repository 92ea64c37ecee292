"""Legday beyond its window: the daily reminder to log, the tray icon and start at login.

Built once the window is on screen (``app.py``), so that none of it (QtDBus among it)
delays the first frame; it follows the preferences as they change. What closing the
window does where there is a tray is ``ui/tray.py``'s to say.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from legday_desktop.services.autostart import StartAtLogin
from legday_desktop.services.notifications import DesktopNotifications
from legday_desktop.services.opening import JournalError
from legday_desktop.services.preferences import PreferencesService
from legday_desktop.services.reminders import ReminderService
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.tray import TrayIcon

_log = logging.getLogger("legday.presence")


class DesktopPresence(QObject):
    """The reminder, the tray icon (where the desktop has a tray) and start at login of a window.

    ``in_tray``: Legday was started in the tray (``--tray``); where there is one, closing
    the window then only hides it. ``tray_available`` says whether the desktop has a tray
    (by default Qt's answer). ``login_command`` is the command the autostart entry runs
    (by default the one that started this Legday).
    """

    def __init__(
        self,
        window: MainWindow,
        preferences: PreferencesService,
        *,
        bring_to_front: Callable[[MainWindow], None],
        in_tray: bool = False,
        tray_available: bool | None = None,
        login_command: Sequence[str] | None = None,
        bus: QDBusConnection | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._bring_to_front = bring_to_front
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = TrayIcon(parent=self) if tray_available else None
        if self.tray is not None:
            self.tray.log_today_requested.connect(self.log_today)
            self.tray.open_requested.connect(self.open_window)
            self.tray.quit_requested.connect(self.quit)
            self.tray.clicked.connect(self.toggle_window)
            self.tray.show()
            window.closes_to_tray = in_tray
        self.notifications = DesktopNotifications(bus, parent=self)
        self.reminders = ReminderService(
            preferences,
            self._today_rated,
            self.notifications,
            fallback=self.tray.show_reminder if self.tray is not None else None,
            now=now,
            parent=self,
        )
        self.reminders.log_now_requested.connect(self.log_today)
        self.start_at_login = StartAtLogin(preferences, command=login_command, parent=self)
        self.start_at_login.failed.connect(self._tell)
        self.start_at_login.apply_now()

    def _today_rated(self, day: dt.date) -> bool | None:
        """Whether ``day`` has a rating in the journal shown; None while none is open."""
        service = self._window.service
        if service is None:
            return None
        try:
            _leg_days, rated = service.marked_days(day, day)
        except JournalError as error:
            _log.warning("Cannot tell whether today is rated: %s", error)
            return None
        return day in rated

    def open_window(self) -> None:
        """Show the window in front, as it was."""
        self._bring_to_front(self._window)

    def log_today(self) -> None:
        """Show the window in front on today's map, ready to rate."""
        self._bring_to_front(self._window)
        self._window.show_view("log")
        self._window.show_date(self._window.today())

    def toggle_window(self) -> None:
        """The tray icon clicked: the window in front, or put away if it is shown already."""
        window = self._window
        shown = window.isVisible() and not window.isMinimized()
        if shown and QApplication.activeModalWidget() is None:
            window.hide()
        else:
            self.open_window()

    def quit(self) -> None:
        """The tray's Quit: the window's File → Quit (it asks first if anything is unsaved)."""
        if self._window.save_failures.unsaved_check_ins:
            self.open_window()  # the question is about the window: show it with it
        if not self._window.quit():
            self.open_window()

    def _tell(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 30000)
