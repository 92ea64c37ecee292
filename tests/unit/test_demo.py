"""The demo history looks like a real user's: months of leg days and the typical DOMS course."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict

import pytest

from legday_desktop.domain.demo import demo_journal
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDayCalendar

TODAY = dt.date(2026, 11, 25)


# The demo ends on the day it is made: check it on several weekdays and years.
@pytest.fixture(
    scope="module", params=[TODAY, dt.date(2026, 11, 28), dt.date(2027, 3, 1), dt.date.today()]
)
def journal(request: pytest.FixtureRequest) -> Journal:
    return demo_journal(request.param)


def total_by_days_after(journal: Journal) -> dict[dt.date, dict[int, int]]:
    """For each leg day: days after -> the sum of all rated levels that day."""
    calendar = LegDayCalendar(leg_day.date for leg_day in journal.leg_days)
    totals: dict[dt.date, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for rating in journal.ratings:
        leg_day = calendar.leg_day_date_for(rating.date)
        assert leg_day is not None
        totals[leg_day][(rating.date - leg_day).days] += rating.level
    return totals


def test_months_of_history_ending_today() -> None:
    journal = demo_journal(TODAY)
    first, last = journal.leg_days[0].date, journal.leg_days[-1].date
    assert (TODAY - first).days >= 12 * 7
    assert last == TODAY - dt.timedelta(days=2)
    everything = [r.date for r in journal.ratings] + [c.date for c in journal.check_ins]
    assert max(everything) == TODAY
    assert len(journal.ratings) >= 500


def test_one_or_two_leg_days_a_week(journal: Journal) -> None:
    # Weeks counted back from the last leg day (the demo's weeks are not calendar weeks).
    last = journal.leg_days[-1].date
    per_week: dict[int, int] = defaultdict(int)
    for leg_day in journal.leg_days:
        per_week[((last - leg_day.date).days + 4) // 7] += 1
    assert max(per_week.values()) <= 2
    weeks = ((journal.leg_days[-1].date - journal.leg_days[0].date).days + 1) / 7
    assert 1.1 <= len(journal.leg_days) / weeks <= 2


def days_before(journal: Journal, today: dt.date) -> tuple[object, ...]:
    """The journal with every date replaced by how many days before ``today`` it is."""
    return (
        tuple((today - d.date, d.exercises, d.rpe, d.notes) for d in journal.leg_days),
        tuple((today - r.date, r.region_id, r.level) for r in journal.ratings),
        tuple((today - c.date, c.actions, c.sleep_hours) for c in journal.check_ins),
    )


@pytest.mark.parametrize("days_later", [1, 2, 3, 4, 5, 6, 100])
def test_the_demo_reads_the_same_whichever_day_it_is_made(days_later: int) -> None:
    later = TODAY + dt.timedelta(days=days_later)
    assert days_before(demo_journal(later), later) == days_before(demo_journal(TODAY), TODAY)


def test_varied_exercises_and_effort(journal: Journal) -> None:
    assert len({leg_day.exercises for leg_day in journal.leg_days}) >= 6
    assert len({leg_day.rpe for leg_day in journal.leg_days}) >= 3
    assert all(leg_day.loaded_groups for leg_day in journal.leg_days)


def test_soreness_peaks_on_day_1_or_2_and_fades(journal: Journal) -> None:
    typical = 0
    totals = total_by_days_after(journal)
    for by_day in totals.values():
        peak_day = max(by_day, key=lambda day: by_day[day])
        late = [by_day[day] for day in by_day if day >= 6]
        if peak_day in (1, 2) and all(total <= by_day[peak_day] / 3 for total in late):
            typical += 1
    assert typical >= 0.8 * len(totals)


def test_repeated_bouts_hurt_less(journal: Journal) -> None:
    peaks = [max(by_day.values()) for _, by_day in sorted(total_by_days_after(journal).items())]
    assert peaks[0] > statistics.median(peaks[1:])


def test_left_and_right_differ_sometimes(journal: Journal) -> None:
    levels = {(r.date, r.region_id): r.level for r in journal.ratings}
    differences = [
        abs(level - levels[(date, region.replace(".left", ".right"))])
        for (date, region), level in levels.items()
        if region.endswith(".left") and (date, region.replace(".left", ".right")) in levels
    ]
    assert 0.05 < sum(1 for d in differences if d) / len(differences) < 0.6


def test_one_leg_day_does_not_follow_the_typical_course(journal: Journal) -> None:
    calendar = LegDayCalendar(leg_day.date for leg_day in journal.leg_days)
    late_and_high = {
        calendar.leg_day_date_for(r.date)
        for r in journal.ratings
        if r.level >= 4 and calendar.days_after(r.date) >= 5  # type: ignore[operator]
    }
    assert len(late_and_high) == 1
    (strain_day,) = late_and_high
    check_in = next(c for c in journal.check_ins if c.date == strain_day)
    assert check_in.has_warning


def test_some_check_ins_with_recovery_actions(journal: Journal) -> None:
    with_actions = [c for c in journal.check_ins if c.actions]
    assert len(with_actions) >= 5
    assert any(c.sleep_hours for c in journal.check_ins)


def test_same_arguments_same_history() -> None:
    assert demo_journal(TODAY) == demo_journal(TODAY)
    assert demo_journal(TODAY, seed=1) != demo_journal(TODAY)
