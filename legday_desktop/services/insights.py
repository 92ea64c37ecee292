"""The user's insights from their journal: recovery per leg day, trends, habits that go with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.insights import (
    ActionComparison,
    BoutTrend,
    RecoverySummary,
    compare_habits,
    main_groups,
    repeated_bout_trend,
    summarise_leg_days,
)
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import MAX_DAYS_SHOWN, TOTAL, DayValues, SideMode

# How far back a trend looks for similar leg days besides the TREND_WEEKS window.
TREND_LOOKBACK = dt.timedelta(weeks=26)


class TrendSource(Protocol):
    """What a trend reads from a journal (JournalService and the chart cache provide it)."""

    def leg_days(self) -> tuple[LegDay, ...]: ...

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues: ...


class InsightSource(TrendSource, Protocol):
    """What insights read from a journal (JournalService provides it)."""

    def check_ins_between(self, first: dt.date, last: dt.date) -> tuple[CheckIn, ...]: ...


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the Insights tab shows, as of ``today``."""

    today: dt.date
    summaries: tuple[RecoverySummary, ...]  # every leg day up to today, oldest first
    trends: tuple[BoutTrend, ...]  # the newest leg day's main groups, then the total
    habits: tuple[ActionComparison, ...]  # only habits with enough leg days each side

    @property
    def latest(self) -> RecoverySummary | None:
        return self.summaries[-1] if self.summaries else None


def trends_of(summaries: tuple[RecoverySummary, ...], today: dt.date) -> tuple[BoutTrend, ...]:
    """Trends for the groups the newest leg day loaded most, then the total."""
    if not summaries:
        return ()
    newest = summaries[-1].leg_day
    keys = [*sorted(main_groups(newest), key=newest.loaded_groups.index), TOTAL]
    found = (repeated_bout_trend(summaries, key, today=today) for key in keys)
    return tuple(trend for trend in found if trend is not None)


def _summaries(
    source: TrendSource, leg_days: tuple[LegDay, ...], last: dt.date
) -> tuple[RecoverySummary, ...]:
    """Summaries with peaks from the mean of both sides and recovery from the sorer one."""
    first = leg_days[0].date
    return summarise_leg_days(
        leg_days,
        source.day_values(first, last, SideMode.MEAN),
        source.day_values(first, last, SideMode.MAX),
    )


def journal_insights(source: InsightSource, today: dt.date) -> Insights:
    """Summaries, trends and habit comparisons of every leg day on or before ``today``."""
    leg_days = tuple(leg_day for leg_day in source.leg_days() if leg_day.date <= today)
    if not leg_days:
        return Insights(today, (), (), ())
    last = min(today, leg_days[-1].date + dt.timedelta(days=MAX_DAYS_SHOWN))
    summaries = _summaries(source, leg_days, last)
    check_ins = source.check_ins_between(leg_days[0].date, last)
    return Insights(
        today, summaries, trends_of(summaries, today), compare_habits(summaries, check_ins)
    )


def trend_note(source: TrendSource, key: str, shown: dt.date) -> str:
    """The repeated-bout sentence for group ``key`` (or TOTAL) as of ``shown``, or ""."""
    leg_days = tuple(
        leg_day for leg_day in source.leg_days() if shown - TREND_LOOKBACK <= leg_day.date <= shown
    )
    if not leg_days:
        return ""
    last = min(shown, leg_days[-1].date + dt.timedelta(days=MAX_DAYS_SHOWN))
    trend = repeated_bout_trend(_summaries(source, leg_days, last), key, today=shown)
    return trend.sentence() if trend is not None else ""
