"""When the daily reminder to log is due: once a day at the user's time, never for a past day.

Plain Python with the clock passed in, so that tests can move it: the app asks ``due`` with
the time now and, when it is, shows the reminder and says ``done`` for the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(slots=True)
class DailyReminder:
    """The reminder's time, whether it is on, and the last day it needs nothing more.

    ``done_for`` is the last day a reminder was shown for (or answered "Tomorrow", or found
    already rated): that day gets no other. A day that went by while the computer slept or
    Legday was not running is never reminded of later, so reminders never pile up: on
    waking after the time, at most today's one is due.
    """

    at: dt.time
    on: bool = False
    done_for: dt.date | None = None
    # When the user last turned it on or moved its time: a time that had passed by then
    # waits for the next day (never a reminder the moment it is set, in Legday itself).
    not_before: dt.datetime | None = None

    def next_due(self, now: dt.datetime) -> dt.datetime | None:
        """When the next reminder is due (maybe already, if at or before ``now``); None if off."""
        if not self.on:
            return None
        day = now.date()
        if self.done_for is not None and self.done_for >= day:
            day = self.done_for + dt.timedelta(days=1)
        when = dt.datetime.combine(day, self.at)
        if self.not_before is not None and when <= self.not_before:
            when = dt.datetime.combine(self.not_before.date() + dt.timedelta(days=1), self.at)
        return when

    def set(self, at: dt.time, *, on: bool, now: dt.datetime) -> None:
        """The user chose ``at`` and ``on`` at ``now``."""
        self.at, self.on, self.not_before = at, on, now

    def due(self, now: dt.datetime) -> bool:
        """True when today's reminder should show now: on, its time passed, not done today."""
        when = self.next_due(now)
        return when is not None and when.date() == now.date() and when <= now

    def done(self, day: dt.date) -> None:
        """``day`` needs no more reminders (shown, put off to tomorrow, or already rated)."""
        if self.done_for is None or day > self.done_for:
            self.done_for = day
