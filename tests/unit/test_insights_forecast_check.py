"""The forecast checked against a person's own ratings, for Insights: the figures and words.

Journals come from ``training_demo_journal`` (leg days with logged sets, rated as a known
law says); the last tests read them back from a real journal file, as Insights does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from helpers.journals import filled_store

from legday_desktop.domain.demo import demo_journal, training_demo_journal
from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.forecast import (
    leave_one_out,
    leave_one_out_error,
    observations,
    observations_from_values,
)
from legday_desktop.domain.insights import NO_SETS_CHECKED, ForecastCheck, forecast_check
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.recovery import DayValues, SideMode, day_values
from legday_desktop.services.insights import forecast_check_of, journal_insights
from legday_desktop.storage.journal_store import JournalStore

TODAY = dt.date(2026, 6, 1)


def without_sets(journal: Journal) -> Journal:
    return dataclasses.replace(
        journal, leg_days=tuple(dataclasses.replace(day, sets=()) for day in journal.leg_days)
    )


def check_of(journal: Journal) -> ForecastCheck:
    return forecast_check(journal.leg_days, day_values(journal.ratings))


def test_observations_from_values_read_are_those_of_the_journal() -> None:
    journal = training_demo_journal(TODAY, leg_days=12, seed=3)
    assert observations_from_values(journal.leg_days, day_values(journal.ratings)) == (
        observations(journal)
    )


def test_six_leg_days_with_sets_and_ratings_give_the_leave_one_out_error() -> None:
    journal = training_demo_journal(TODAY, leg_days=20, seed=5)
    check = check_of(journal)
    held = leave_one_out(observations(journal))
    assert (check.with_sets, check.rated, check.held_out) == (20, 20, 20)
    assert check.error == leave_one_out_error(observations(journal))  # what the CLI says
    assert check.pairs == tuple((one.predicted, one.level) for one in held)
    assert check.error is not None and 0 < check.error < 1.5  # a law the model can learn
    assert check.sentence() == (
        f"Your forecast was off by {check.error:.1f} levels on average over 20 leg days "
        "left out in turn, each forecast from your other leg days."
    )
    within = check.within_one_level
    assert within is not None and 0.5 < within <= 1


def test_a_long_history_is_checked_on_its_latest_leg_days() -> None:
    check = check_of(training_demo_journal(TODAY, leg_days=64, seed=2))
    assert (check.rated, check.held_out) == (64, 60)
    assert "on average over your latest 60 leg days left out in turn" in check.sentence()


def test_below_six_leg_days_it_says_how_many_there_are() -> None:
    check = check_of(training_demo_journal(TODAY, leg_days=4, seed=1))
    assert (check.with_sets, check.rated, check.error, check.pairs) == (4, 4, None, ())
    assert check.sentence() == (
        "Forecasts stay close to the typical course until 6 leg days have both logged "
        "sets and ratings: you have 4."
    )


def test_sets_without_ratings_are_not_learnt_from() -> None:
    journal = training_demo_journal(TODAY, leg_days=8, seed=1)
    check = check_of(dataclasses.replace(journal, ratings=()))
    assert (check.with_sets, check.rated, check.error) == (8, 0, None)
    assert check.sentence() == (
        "Forecasts use the typical course until 6 leg days have both logged sets and "
        "ratings: you have none yet."
    )


def test_a_journal_without_sets_says_so_in_one_line() -> None:
    journal = demo_journal(TODAY)
    assert not any(day.sets for day in journal.leg_days)
    check = check_of(journal)
    assert check == NO_SETS_CHECKED and check.within_one_level is None
    assert check.sentence() == (
        "No leg day has logged sets yet, so forecasts use the typical course."
    )


class CountingStore:
    """A journal store that counts what the forecast's check reads."""

    def __init__(self, store: JournalStore) -> None:
        self.store = store
        self.mappings_read = 0
        self.values_read: list[tuple[dt.date, dt.date]] = []

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues:
        self.values_read.append((first, last))
        return self.store.day_values(first, last, mode)

    def exercise_mappings(self) -> dict[str, ExerciseMapping]:
        self.mappings_read += 1
        return self.store.exercise_mappings()


def test_read_from_the_journal_file_it_is_the_check_of_the_journal(tmp_path: Path) -> None:
    journal = training_demo_journal(TODAY, leg_days=20, seed=7)
    store = filled_store(tmp_path / "journal.sqlite3", journal)
    try:
        counting = CountingStore(store)
        check = forecast_check_of(counting, store.leg_days(), TODAY)
        assert check == check_of(journal)
        # Only the days after the leg days with sets, in one read.
        first = min(day.date for day in journal.leg_days) + dt.timedelta(days=1)
        assert counting.values_read == [(first, TODAY)] and counting.mappings_read == 1
        assert journal_insights(store, TODAY).forecast == check
    finally:
        store.close()


def test_a_journal_without_sets_reads_nothing_for_the_check(tmp_path: Path) -> None:
    journal = without_sets(training_demo_journal(TODAY, leg_days=20, seed=7))
    store = filled_store(tmp_path / "journal.sqlite3", journal)
    try:
        counting = CountingStore(store)
        assert forecast_check_of(counting, store.leg_days(), TODAY) == NO_SETS_CHECKED
        assert counting.values_read == [] and counting.mappings_read == 0
        assert journal_insights(store, TODAY).forecast == NO_SETS_CHECKED
    finally:
        store.close()


@pytest.mark.parametrize("days_before", [0, 30])
def test_leg_days_after_today_are_left_out(days_before: int) -> None:
    journal = training_demo_journal(TODAY, leg_days=10, seed=4)
    today = TODAY - dt.timedelta(days=days_before)
    shown = [day for day in journal.leg_days if day.date <= today]

    class Values:
        def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues:
            assert last <= today
            values = day_values(journal.ratings)
            return {date: groups for date, groups in values.items() if first <= date <= last}

        def exercise_mappings(self) -> dict[str, ExerciseMapping]:
            return {}

    check = forecast_check_of(Values(), journal.leg_days, today)
    assert check.with_sets == len(shown)
