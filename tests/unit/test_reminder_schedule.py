"""When the daily reminder is due: at the user's time, once a day, never for a past day."""

from __future__ import annotations

import datetime as dt

from legday_desktop.domain.reminders import DailyReminder

EIGHT_PM = dt.time(20, 0)
MONDAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_off_it_is_never_due() -> None:
    reminder = DailyReminder(EIGHT_PM, on=False)
    assert reminder.next_due(at(MONDAY, 19)) is None
    assert not reminder.due(at(MONDAY, 21))


def test_due_from_the_set_time_until_done() -> None:
    reminder = DailyReminder(EIGHT_PM, on=True)
    assert reminder.next_due(at(MONDAY, 19)) == at(MONDAY, 20)
    assert not reminder.due(at(MONDAY, 19, 59))
    assert reminder.due(at(MONDAY, 20))
    reminder.done(MONDAY)
    assert not reminder.due(at(MONDAY, 23, 59))
    assert reminder.next_due(at(MONDAY, 21)) == at(MONDAY + dt.timedelta(days=1), 20)


def test_days_slept_through_give_one_reminder_for_today_only() -> None:
    reminder = DailyReminder(EIGHT_PM, on=True, done_for=MONDAY)
    thursday = MONDAY + dt.timedelta(days=3)
    # Woken on Thursday morning: Tuesday's and Wednesday's are never shown; today's at 20:00.
    assert not reminder.due(at(thursday, 9))
    assert reminder.next_due(at(thursday, 9)) == at(thursday, 20)
    # Woken on Thursday night: one reminder, and once it is shown, none until Friday.
    assert reminder.due(at(thursday, 22))
    reminder.done(thursday)
    assert not reminder.due(at(thursday, 22, 1))
    assert reminder.next_due(at(thursday, 22, 1)) == at(thursday + dt.timedelta(days=1), 20)


def test_a_clock_set_back_does_not_undo_a_day_done() -> None:
    reminder = DailyReminder(EIGHT_PM, on=True)
    reminder.done(MONDAY + dt.timedelta(days=1))
    reminder.done(MONDAY)  # an earlier day: changes nothing
    assert reminder.done_for == MONDAY + dt.timedelta(days=1)
    assert not reminder.due(at(MONDAY, 21))


def test_a_time_that_passed_when_it_was_set_waits_for_the_next_day() -> None:
    reminder = DailyReminder(EIGHT_PM, on=False)
    reminder.set(EIGHT_PM, on=True, now=at(MONDAY, 21))
    assert not reminder.due(at(MONDAY, 21, 1))
    assert reminder.next_due(at(MONDAY, 21, 1)) == at(MONDAY + dt.timedelta(days=1), 20)
    # Moved to later the same evening: due then.
    reminder.set(dt.time(21, 30), on=True, now=at(MONDAY, 21, 5))
    assert reminder.next_due(at(MONDAY, 21, 5)) == at(MONDAY, 21, 30)
    assert reminder.due(at(MONDAY, 21, 30))
