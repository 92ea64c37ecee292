"""The daily reminder to log: a desktop notification at the user's time while today is unrated.

A timer waits for the next reminder time; the rules of when one is due are
``domain.reminders.DailyReminder``'s. The clock is passed in, so tests move it instead of
waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from legday_desktop.domain.reminders import DailyReminder
from legday_desktop.domain.wording import _, pgettext
from legday_desktop.services.notifications import DesktopNotifications
from legday_desktop.services.preferences import Preferences, PreferencesService, settings

LOG_NOW = "log-now"
TOMORROW = "tomorrow"
# The timer never waits longer than this before looking at the clock again: a computer
# that slept through the reminder time (the timer's clock stops while it sleeps) shows it
# within a minute of waking, and a clock set forwards or backwards is followed.
LOOK_AGAIN_MS = 60_000
DONE_FOR_KEY = "reminder/done_for"  # the last day reminded (kept when Legday restarts)

_log = logging.getLogger("legday.reminders")


def reminder_summary() -> str:
    return _("How do your legs feel today?")


def reminder_body() -> str:
    return _("Today is not rated yet. A few clicks on the body map keep your recovery chart whole.")


class ReminderService(QObject):
    """Shows the day's reminder once, at the user's time, if the reminder is on and today unrated.

    ``today_rated(day)`` says whether ``day`` has a rating (None: cannot tell yet, e.g. the
    journal is still opening; then it asks again a minute later). The reminder goes out as
    a desktop notification with "Log now" and "Tomorrow"; where no notification service
    exists, to ``fallback(summary, body)`` (the tray's message). Emits
    ``log_now_requested`` when the user chose "Log now". Preferences changing re-plan it at
    once.
    """

    log_now_requested = Signal()

    def __init__(
        self,
        preferences: PreferencesService,
        today_rated: Callable[[dt.date], bool | None],
        notifications: DesktopNotifications,
        *,
        fallback: Callable[[str, str], None] | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        store: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._today_rated = today_rated
        self._notifications = notifications
        self._fallback = fallback
        self._now = now
        self._store = store if store is not None else settings()
        current = preferences.current
        self.reminder = DailyReminder(current.reminder_time, current.reminder_on, self._done_for())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        preferences.changed.connect(self._preferences_changed)
        notifications.action_invoked.connect(self._answered)
        self.plan()

    def _done_for(self) -> dt.date | None:
        value = self._store.value(DONE_FOR_KEY)
        try:
            return dt.date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    def _mark_done(self, day: dt.date) -> None:
        self.reminder.done(day)
        if self.reminder.done_for is not None:
            self._store.setValue(DONE_FOR_KEY, self.reminder.done_for.isoformat())
            self._store.sync()

    @property
    def planned_in_ms(self) -> int | None:
        """How long the timer was set to wait before it looks again; None while off."""
        return self._timer.interval() if self._timer.isActive() else None

    def plan(self) -> None:
        """Set the timer to the next reminder time (or a minute, if that is sooner)."""
        now = self._now()
        when = self.reminder.next_due(now)
        if when is None:
            self._timer.stop()
            return
        wait_ms = (when - now) / dt.timedelta(milliseconds=1)
        # Due already but not shown (today's rating could not be read yet): a minute later.
        self._timer.start(round(min(wait_ms, LOOK_AGAIN_MS)) if wait_ms > 0 else LOOK_AGAIN_MS)

    def check(self) -> bool:
        """Show the reminder if it is due now and today is unrated; True if it was shown."""
        now = self._now()
        shown = False
        if self.reminder.due(now):
            today = now.date()
            rated = self._today_rated(today)
            if rated:
                _log.info("No reminder: %s is rated already", today.isoformat())
                self._mark_done(today)
            elif rated is not None:
                self._remind()
                self._mark_done(today)
                shown = True
        self.plan()
        return shown

    def _remind(self) -> None:
        summary, body = reminder_summary(), reminder_body()
        # "Tomorrow": no more reminders today (a button on the notification).
        actions = ((LOG_NOW, _("Log now")), (TOMORROW, pgettext("reminder", "Tomorrow")))
        if self._notifications.show(summary, body, actions):
            return
        if self._fallback is None:
            _log.warning("No notification service and no tray: the reminder is not shown")
            return
        _log.info("No notification service: the reminder goes to the tray's message")
        self._fallback(summary, body)

    def _answered(self, key: str) -> None:
        if key == LOG_NOW:
            self.log_now_requested.emit()
        elif key == TOMORROW:
            # Nothing more today (already so since it was shown, even across a restart).
            self._mark_done(self._now().date())
        self._notifications.close()
        self.plan()

    def _preferences_changed(self, preferences: Preferences, fields: frozenset[str]) -> None:
        if not fields & {"reminder_on", "reminder_time"}:
            return
        self.reminder.set(preferences.reminder_time, on=preferences.reminder_on, now=self._now())
        self.plan()
