"""Legday beyond its window: the daily reminder to log, the tray icon and start at login.

Built once the window is on screen (``app.py``), so that none of it (QtDBus among it)
delays the first frame; it follows the preferences as they change.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection

from legday_desktop.services.notifications import DesktopNotifications
from legday_desktop.services.opening import JournalError
from legday_desktop.services.preferences import PreferencesService
from legday_desktop.services.reminders import ReminderService
from legday_desktop.ui.main_window import MainWindow

_log = logging.getLogger("legday.presence")


class DesktopPresence(QObject):
    """The reminder (and, where the desktop has one, the tray icon) of one main window."""

    def __init__(
        self,
        window: MainWindow,
        preferences: PreferencesService,
        *,
        bring_to_front: Callable[[MainWindow], None],
        bus: QDBusConnection | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._bring_to_front = bring_to_front
        self.notifications = DesktopNotifications(bus, parent=self)
        self.reminders = ReminderService(
            preferences,
            self._today_rated,
            self.notifications,
            fallback=None,
            now=now,
            parent=self,
        )
        self.reminders.log_now_requested.connect(self.log_today)

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
