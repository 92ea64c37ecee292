"""The user's insights from their journal: recovery per leg day, trends, habits that go with it."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.insights import (
    ACTION_WINDOW_DAYS,
    NO_SETS_CHECKED,
    ActionComparison,
    BoutTrend,
    ForecastCheck,
    Habits,
    RecoverySummary,
    forecast_check,
    habit_comparisons,
    habits_after,
    habits_of_leg_days,
    main_groups,
    repeated_bout_trend,
    summarise_leg_day,
    summarise_leg_days,
)
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import MAX_DAYS_SHOWN, TOTAL, DayValues, SideMode
from legday_desktop.services.journal import JournalError, JournalService

if TYPE_CHECKING:
    from legday_desktop.storage.journal_store import JournalStore

# How far back a trend looks for similar leg days besides the TREND_WEEKS window.
TREND_LOOKBACK = dt.timedelta(weeks=26)


class TrendSource(Protocol):
    """What a trend reads from a journal (JournalService and the chart cache provide it)."""

    def leg_days(self) -> tuple[LegDay, ...]: ...

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues: ...


class ForecastSource(Protocol):
    """What checking the forecast reads besides the leg days (JournalService provides it)."""

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues: ...

    def exercise_mappings(self) -> Mapping[str, ExerciseMapping]: ...


class InsightSource(TrendSource, ForecastSource, Protocol):
    """What insights read from a journal (JournalService provides it)."""

    def check_ins_between(self, first: dt.date, last: dt.date) -> tuple[CheckIn, ...]: ...


class HistorySource(InsightSource, Protocol):
    """What reading a whole history takes: both side modes in one read (a JournalStore)."""

    def mean_and_sorer_values(
        self, first: dt.date, last: dt.date
    ) -> tuple[DayValues, DayValues]: ...


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the Insights tab shows, as of ``today``.

    ``complete`` is False for a first look that holds only the newest leg day (no trends,
    no habits yet): the rest of the history is still being read. ``forecast`` is None
    while the forecast is still being checked against the ratings (or in a first look).
    """

    today: dt.date
    summaries: tuple[RecoverySummary, ...]  # every leg day up to today, oldest first
    trends: tuple[BoutTrend, ...]  # the newest leg day's main groups, then the total
    habits: tuple[ActionComparison, ...]  # only habits with enough leg days each side
    complete: bool = True
    forecast: ForecastCheck | None = None

    @property
    def latest(self) -> RecoverySummary | None:
        return self.summaries[-1] if self.summaries else None


@dataclass(frozen=True, slots=True)
class LegDayInsight:
    """One leg day's part of the insights: its recovery summary and the habits after it."""

    summary: RecoverySummary
    habits: Habits


def trends_of(summaries: tuple[RecoverySummary, ...], today: dt.date) -> tuple[BoutTrend, ...]:
    """Trends for the groups the newest leg day loaded most, then the total."""
    if not summaries:
        return ()
    newest = summaries[-1].leg_day
    keys = [*sorted(main_groups(newest), key=newest.loaded_groups.index), TOTAL]
    found = (repeated_bout_trend(summaries, key, today=today) for key in keys)
    return tuple(trend for trend in found if trend is not None)


def insights_of(
    parts: Sequence[LegDayInsight],
    today: dt.date,
    forecast: ForecastCheck | None = NO_SETS_CHECKED,
) -> Insights:
    """The insights of leg days already summarised (oldest first), with the forecast's check.

    The check defaults to that of a journal without sets.
    """
    summaries = tuple(part.summary for part in parts)
    return Insights(
        today,
        summaries,
        trends_of(summaries, today),
        habit_comparisons((part.summary, part.habits) for part in parts),
        forecast=forecast,
    )


def forecast_check_of(
    source: ForecastSource, leg_days: Sequence[LegDay], today: dt.date
) -> ForecastCheck:
    """The forecast checked against the ratings after ``leg_days`` up to ``today``.

    Reads the groups' values on the days after the leg days with sets, and the exercise
    mappings; nothing at all when no leg day has sets.
    """
    chosen = [leg_day for leg_day in leg_days if leg_day.date <= today]
    with_sets = [leg_day.date for leg_day in chosen if leg_day.sets]
    if not with_sets:
        return NO_SETS_CHECKED
    # The forecast's code is loaded only for a journal with sets (not when Insights opens).
    from legday_desktop.domain.forecast import LAST_DAY

    first = min(with_sets) + dt.timedelta(days=1)
    last = min(today, max(with_sets) + dt.timedelta(days=LAST_DAY))
    values = source.day_values(first, last, SideMode.MEAN) if first <= last else {}
    return forecast_check(chosen, values, source.exercise_mappings())


def _window_last(leg_day: LegDay, next_leg_day: dt.date | None, today: dt.date) -> dt.date:
    """The last day whose soreness belongs to ``leg_day`` (see ``recovery.recovery_curve``)."""
    last = leg_day.date + dt.timedelta(days=MAX_DAYS_SHOWN)
    if next_leg_day is not None:
        last = min(last, next_leg_day - dt.timedelta(days=1))
    return min(last, today)


def leg_day_insight(
    source: InsightSource, leg_day: LegDay, next_leg_day: dt.date | None, today: dt.date
) -> LegDayInsight:
    """One leg day's summary and habits, read from its own days only (a few small queries)."""
    last = _window_last(leg_day, next_leg_day, today)
    mean = source.day_values(leg_day.date, last, SideMode.MEAN)
    sorer = source.day_values(leg_day.date, last, SideMode.MAX)
    action_last = min(last, leg_day.date + dt.timedelta(days=ACTION_WINDOW_DAYS))
    check_ins = source.check_ins_between(leg_day.date, action_last)
    return LegDayInsight(
        summarise_leg_day(leg_day, next_leg_day, mean, sorer),
        habits_after(leg_day, next_leg_day, check_ins),
    )


def history_insights(source: HistorySource, today: dt.date) -> tuple[LegDayInsight, ...]:
    """Every leg day on or before ``today``, oldest first, from one read of the history."""
    leg_days = tuple(leg_day for leg_day in source.leg_days() if leg_day.date <= today)
    if not leg_days:
        return ()
    first = leg_days[0].date
    last = min(today, leg_days[-1].date + dt.timedelta(days=MAX_DAYS_SHOWN))
    mean, sorer = source.mean_and_sorer_values(first, last)
    summaries = summarise_leg_days(leg_days, mean, sorer)
    paired = habits_of_leg_days(summaries, source.check_ins_between(first, last))
    return tuple(LegDayInsight(summary, habits) for summary, habits in paired)


class _BothModes:
    """An InsightSource read as a HistorySource: the two side modes as two reads."""

    def __init__(self, source: InsightSource) -> None:
        self._source = source

    def leg_days(self) -> tuple[LegDay, ...]:
        return self._source.leg_days()

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues:
        return self._source.day_values(first, last, mode)

    def check_ins_between(self, first: dt.date, last: dt.date) -> tuple[CheckIn, ...]:
        return self._source.check_ins_between(first, last)

    def exercise_mappings(self) -> Mapping[str, ExerciseMapping]:
        return self._source.exercise_mappings()

    def mean_and_sorer_values(self, first: dt.date, last: dt.date) -> tuple[DayValues, DayValues]:
        return (
            self._source.day_values(first, last, SideMode.MEAN),
            self._source.day_values(first, last, SideMode.MAX),
        )


def journal_insights(source: InsightSource, today: dt.date) -> Insights:
    """Summaries, trends, habit comparisons and the forecast's check, as of ``today``."""
    parts = history_insights(_BothModes(source), today)
    leg_days = [part.summary.leg_day for part in parts]
    return insights_of(parts, today, forecast_check_of(source, leg_days, today))


def trend_note(source: TrendSource, key: str, shown: dt.date) -> str:
    """The repeated-bout sentence for group ``key`` (or TOTAL) as of ``shown``, or ""."""
    leg_days = tuple(
        leg_day for leg_day in source.leg_days() if shown - TREND_LOOKBACK <= leg_day.date <= shown
    )
    if not leg_days:
        return ""
    last = min(shown, leg_days[-1].date + dt.timedelta(days=MAX_DAYS_SHOWN))
    first = leg_days[0].date
    summaries = summarise_leg_days(
        leg_days,
        source.day_values(first, last, SideMode.MEAN),
        source.day_values(first, last, SideMode.MAX),
    )
    trend = repeated_bout_trend(summaries, key, today=shown)
    return trend.sentence() if trend is not None else ""


# --- keeping them up to date -------------------------------------------------------------


@dataclass
class _Pending:
    """What committed changes touched since the insights were last brought up to date."""

    leg_days: dict[dt.date, LegDay | None] = field(default_factory=dict)
    rating_dates: set[dt.date] = field(default_factory=set)
    check_in_dates: set[dt.date] = field(default_factory=set)

    def add(self, change: JournalChange) -> None:
        self.leg_days.update(change.leg_days)
        self.rating_dates.update(date for date, _ in change.ratings)
        self.check_in_dates.update(change.check_ins)

    def __bool__(self) -> bool:
        return bool(self.leg_days or self.rating_dates or self.check_in_dates)


R = TypeVar("R")


def _read_journal(path: Path, read: Callable[[JournalStore], R]) -> R | JournalError:
    """``read`` of the journal at ``path`` through a read-only connection of this thread's own."""
    from legday_desktop.services.opening import Access, journal_error, open_journal
    from legday_desktop.storage.errors import StorageError

    try:
        opened = open_journal(path, Access.READ)
        try:
            return read(opened.store)
        finally:
            opened.close()
    except StorageError as error:
        return journal_error(error)
    except JournalError as error:
        return error


def _read_history(path: Path, today: dt.date) -> tuple[LegDayInsight, ...] | JournalError:
    """The whole history through a read-only connection of this thread's own."""
    return _read_journal(path, lambda store: history_insights(store, today))


def _check_forecast(
    path: Path, leg_days: Sequence[LegDay], today: dt.date
) -> ForecastCheck | JournalError:
    """The forecast's check through a read-only connection of this thread's own."""
    return _read_journal(path, lambda store: forecast_check_of(store, leg_days, today))


class InsightsKeeper(QObject):
    """A journal's insights, kept up to date at the cost of the leg days a change touches.

    The whole history is read once, off the calling thread: a worker thread opens its own
    read-only connection (a SQLite connection belongs to the thread that opened it) and
    hands its result back through a queued signal. After that, each change recomputes only
    the leg days whose days it falls in, from the window's own service. Tell it every
    committed change (``note_change``) and call ``refresh`` when the insights are wanted.

    The forecast's check (each leg day with sets left out in turn) is worked out by a
    worker of its own, after the history and after each change that can alter it, and
    only when some leg day has logged sets: meanwhile the insights carry the check as it
    was (None at first).

    Signals:
        updated(object): new Insights: a first look at the newest leg day (``complete``
            False) while the history is read, or the journal as it is now.
        failed(str): the journal could not be read; the message says why.
    """

    updated = Signal(object)
    failed = Signal(str)
    _history_read = Signal(object, int, object)
    _forecast_checked = Signal(object, int)

    # A change touching more leg days than this (an import) has the history read again.
    MOST_RECOMPUTED = 24

    def __init__(
        self,
        service: JournalService,
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._today = today
        self._history_read.connect(self._history_arrived)
        self._forecast_checked.connect(self._forecast_arrived)
        self._dates: list[dt.date] = []  # the leg days on or before ``_as_of``, in order
        self._leg_days: dict[dt.date, LegDay] = {}
        self._parts: dict[dt.date, LegDayInsight] | None = None  # None: history not read
        self._as_of: dt.date | None = None
        self._pending = _Pending()
        self._generation = 0  # a result from an older worker is dropped
        self._worker: threading.Thread | None = None
        self._forecast: ForecastCheck | None = None  # None: not checked yet
        self._forecast_due = False  # changes since the last check may alter it
        self._forecast_worker: threading.Thread | None = None
        self.recomputed = 0  # leg days the last refresh recomputed (for tests and benchmarks)

    @property
    def reading(self) -> bool:
        """True while a worker reads the whole history."""
        return self._worker is not None

    @property
    def checking_forecast(self) -> bool:
        """True while a worker checks the forecast against the ratings."""
        return self._forecast_worker is not None

    @property
    def up_to_date(self) -> bool:
        """True when ``insights()`` is the journal as it is now."""
        return (
            self._parts is not None
            and not self._pending
            and not self.reading
            and not self.checking_forecast
            and not self._forecast_due
            and self._as_of == self._today()
        )

    def note_change(self, change: JournalChange) -> None:
        """Remember a committed change; the next ``refresh`` recomputes what it touched."""
        self._pending.add(change)

    def forget(self) -> None:
        """Drop everything known (the journal was replaced); the next refresh reads it all."""
        self._generation += 1
        self._worker = None
        self._forecast_worker = None
        self._forecast = None  # another journal's check says nothing of this one
        self._parts = None
        self._pending = _Pending()

    def insights(self) -> Insights | None:
        """The insights as last brought up to date; None before the history was read."""
        if self._parts is None or self._as_of is None:
            return None
        return insights_of([self._parts[date] for date in self._dates], self._as_of, self._forecast)

    def refresh(self) -> None:
        """Bring the insights up to date and emit ``updated`` (or ``failed``).

        At once when only some leg days need recomputing; otherwise a first look now (the
        newest leg day, if nothing was shown yet) and the rest once the worker is done.
        """
        if self.reading:
            return  # its result is followed by the changes saved meanwhile
        today = self._today()
        if self._parts is None or self._as_of != today:
            self._start_reading(today, first_look=self._parts is None)
            return
        try:
            caught_up = self._apply_pending()
        except JournalError as error:
            self._parts = None
            self.failed.emit(str(error))
            return
        if not caught_up:
            self._start_reading(today, first_look=False)
            return
        self._check_forecast()
        insights = self.insights()
        if insights is not None:
            self.updated.emit(insights)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for running workers to finish (their results still arrive as events)."""
        for worker in (self._worker, self._forecast_worker):
            if worker is not None:
                worker.join(timeout)

    # --- the whole history ---------------------------------------------------------

    def _start_reading(self, today: dt.date, *, first_look: bool) -> None:
        self._generation += 1
        generation = self._generation
        self._forecast_worker = None  # an older check's result is dropped
        self._pending = _Pending()  # what was saved until now is in what the worker reads
        if first_look:
            try:
                look = self._first_look(today)
            except JournalError as error:
                self.failed.emit(str(error))
                return
            self.updated.emit(look)
        path = self._service.path

        def work() -> None:
            result = _read_history(path, today)
            # RuntimeError: the keeper was deleted meanwhile, and nobody is waiting.
            with contextlib.suppress(RuntimeError):
                self._history_read.emit(result, generation, today)

        self._worker = threading.Thread(target=work, name="legday-insights", daemon=False)
        self._worker.start()

    def _first_look(self, today: dt.date) -> Insights:
        """The newest leg day on its own: a few small reads, fast on any history."""
        newest = self._service.recent_leg_days(today, 1)
        if not newest:
            return Insights(today, (), (), (), complete=False)
        part = leg_day_insight(self._service, newest[-1], None, today)
        return Insights(today, (part.summary,), (), (), complete=False)

    def _history_arrived(self, result: object, generation: int, today: dt.date) -> None:
        if generation != self._generation:
            return
        self._worker = None
        if isinstance(result, JournalError):
            # The file may have left its path while the window still reads it: read
            # through the window's own connection then, once.
            try:
                result = history_insights(_BothModes(self._service), today)
            except JournalError as error:
                self.failed.emit(str(error))
                return
        assert isinstance(result, tuple)
        self._set_history(result, today)
        self.refresh()  # the changes saved while it read, and a new day if one began

    def _set_history(self, parts: Iterable[LegDayInsight], today: dt.date) -> None:
        self._parts = {part.summary.leg_day.date: part for part in parts}
        self._leg_days = {date: part.summary.leg_day for date, part in self._parts.items()}
        self._dates = sorted(self._parts)
        self._as_of = today
        self._forecast_due = True

    # --- the forecast's check ------------------------------------------------------

    def _check_forecast(self) -> None:
        """Check the forecast again if changes may have altered it: off this thread.

        A journal without sets is told at once; a check already running is followed
        by another once it is done (``_forecast_arrived``).
        """
        if not self._forecast_due or self.checking_forecast:
            return
        self._forecast_due = False
        if not any(leg_day.sets for leg_day in self._leg_days.values()):
            self._forecast = NO_SETS_CHECKED
            return
        assert self._as_of is not None
        generation, today, path = self._generation, self._as_of, self._service.path
        leg_days = tuple(self._leg_days[date] for date in self._dates)

        def work() -> None:
            result = _check_forecast(path, leg_days, today)
            # RuntimeError: the keeper was deleted meanwhile, and nobody is waiting.
            with contextlib.suppress(RuntimeError):
                self._forecast_checked.emit(result, generation)

        self._forecast_worker = threading.Thread(
            target=work, name="legday-forecast-check", daemon=False
        )
        self._forecast_worker.start()

    def _forecast_arrived(self, result: object, generation: int) -> None:
        if generation != self._generation or self._forecast_worker is None:
            return
        self._forecast_worker = None
        if isinstance(result, JournalError):
            # As for the history: read through the window's own connection then, once.
            assert self._as_of is not None
            leg_days = [self._leg_days[date] for date in self._dates]
            try:
                result = forecast_check_of(self._service, leg_days, self._as_of)
            except JournalError as error:
                self.failed.emit(str(error))
                return
        assert isinstance(result, ForecastCheck)
        self._forecast = result
        self.refresh()  # the changes saved while it worked, and another check if due

    # --- one change at a time ------------------------------------------------------

    def _on_or_before(self, date: dt.date) -> dt.date | None:
        index = bisect.bisect_right(self._dates, date)
        return self._dates[index - 1] if index else None

    def _after(self, date: dt.date) -> dt.date | None:
        index = bisect.bisect_right(self._dates, date)
        return self._dates[index] if index < len(self._dates) else None

    def _rates_a_leg_day_with_sets(self, date: dt.date) -> bool:
        """True when a rating on ``date`` is one the forecast learns from (1–7 days after)."""
        if date in self._leg_days:
            return False  # the leg day's own day, and past the one before's days
        owner = self._on_or_before(date)
        if owner is None or not self._leg_days[owner].sets:
            return False
        from legday_desktop.domain.forecast import LAST_DAY

        return (date - owner).days <= LAST_DAY

    def _apply_pending(self) -> bool:
        """Recompute the leg days the pending changes touch; False when there are too many."""
        assert self._parts is not None and self._as_of is not None
        pending, self._pending = self._pending, _Pending()
        today = self._as_of
        touched: set[dt.date] = set()
        for date, leg_day in pending.leg_days.items():
            if date > today:
                continue
            if leg_day is None:
                if date in self._leg_days:
                    del self._leg_days[date], self._parts[date]
                    self._dates.remove(date)
            else:
                if date not in self._leg_days:
                    bisect.insort(self._dates, date)
                self._leg_days[date] = leg_day
                touched.add(date)
            before = self._on_or_before(date - dt.timedelta(days=1))
            if before is not None:
                touched.add(before)  # its days now end at (or reach past) this date
        for dates, reach in (
            (pending.rating_dates, MAX_DAYS_SHOWN),
            (pending.check_in_dates, ACTION_WINDOW_DAYS),
        ):
            for date in dates:
                owner = self._on_or_before(date)
                if owner is not None and (date - owner).days <= reach:
                    touched.add(owner)
        if len(touched) > self.MOST_RECOMPUTED:
            return False
        if pending.leg_days or any(map(self._rates_a_leg_day_with_sets, pending.rating_dates)):
            self._forecast_due = True
        touched &= self._leg_days.keys()  # a leg day set and removed again is gone
        for date in touched:
            self._parts[date] = leg_day_insight(
                self._service, self._leg_days[date], self._after(date), today
            )
        self.recomputed = len(touched)
        return True
