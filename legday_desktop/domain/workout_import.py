"""Planning a training-log import: which sessions are leg days, what they create or extend."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import ExerciseMapping, loads_of
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.leg_days import (
    MAX_DURATION_MINUTES,
    MAX_EXERCISE_LENGTH,
    MAX_EXERCISES,
    MAX_TITLE_LENGTH,
    LegDay,
)
from legday_desktop.domain.soreness import MAX_NOTE_LENGTH
from legday_desktop.domain.training import MAX_SETS_PER_LEG_DAY, WorkoutSession, WorkoutSet
from legday_desktop.domain.training_load import judge_sets

MAX_NAMES_KEPT = 1000  # distinct unknown names counted (a file of nonsense stays small)


# No training app logged a session before this: an earlier date is a typing error.
EARLIEST_SESSION = dt.date(1900, 1, 1)


class WorkoutImportError(ValueError):
    """The sessions cannot become leg days (a date ahead, too many sets): ``line`` says where."""

    def __init__(self, line: int, field: str, problem: str) -> None:
        super().__init__(f"{line}: {field}: {problem}")
        self.line = line
        self.field = field
        self.problem = problem


@dataclass(frozen=True, slots=True)
class ExerciseRow:
    """One exercise of a planned leg day: its working sets and the groups it loads."""

    name: str
    working_sets: int
    groups: tuple[str, ...]  # most loaded first; () when nothing knows the name


@dataclass(frozen=True, slots=True)
class PlannedLegDay:
    """A leg day the import creates (``existing`` None) or whose sets it sets."""

    leg_day: LegDay
    existing: LegDay | None
    session_titles: tuple[str, ...]
    exercises: tuple[ExerciseRow, ...]

    @property
    def creates(self) -> bool:
        return self.existing is None


@dataclass(frozen=True, slots=True)
class SkippedSession:
    """A session that is not leg training: fewer than a third of its working sets load legs."""

    date: dt.date
    title: str
    working_sets: int
    on_legs: int


@dataclass(frozen=True, slots=True)
class WorkoutImportPlan:
    """What importing a training log would do, before anything is written.

    ``unchanged`` counts leg days already holding exactly these sets (a re-import);
    ``unknown_names`` maps each unknown name that sounds like leg training to its working
    sets; ``ratings_moved`` counts stored ratings whose leg day (and so days-after) the
    new leg days change.
    """

    leg_days: tuple[PlannedLegDay, ...]
    unchanged: int
    skipped: tuple[SkippedSession, ...]
    unknown_names: Mapping[str, int]
    ratings_moved: int
    sessions_read: int
    # Every exercise name nothing knows (in any language), by working sets.
    not_known: Mapping[str, int] = dataclasses.field(default_factory=dict)

    def most_done_unknown(self, count: int = 5) -> list[tuple[str, int]]:
        """The names nothing knows that have the most working sets, most first."""
        return sorted(self.not_known.items(), key=lambda item: (-item[1], item[0]))[:count]

    @property
    def change(self) -> JournalChange:
        return JournalChange(
            leg_days={planned.leg_day.date: planned.leg_day for planned in self.leg_days}
        )

    @property
    def created(self) -> int:
        return sum(planned.creates for planned in self.leg_days)

    @property
    def extended(self) -> int:
        return len(self.leg_days) - self.created

    @property
    def found_leg_training(self) -> bool:
        return bool(self.leg_days) or self.unchanged > 0


def plan_workout_import(
    sessions: Iterable[WorkoutSession],
    *,
    stored_leg_days: Mapping[dt.date, LegDay],
    mappings: Mapping[str, ExerciseMapping],
    today: dt.date,
) -> WorkoutImportPlan:
    """Sort ``sessions`` into leg days and skipped ones; compare with the stored leg days.

    Sessions on one date become one leg day (their sets in file order). A stored leg day
    on that date keeps its title, notes and effort typed in Legday and gets the sets.
    WorkoutImportError for a session after ``today`` or a day of too many sets.
    """
    by_date: dict[dt.date, list[WorkoutSession]] = {}
    skipped: list[SkippedSession] = []
    unknown: dict[str, int] = {}
    not_known: dict[str, int] = {}  # every name nothing knows, by working sets
    read = 0
    for session in sessions:
        read += 1
        verdict = judge_sets(session.sets, mappings)
        for name in verdict.unknown_leg_names:
            working = sum(1 for one in session.working_sets if one.exercise == name)
            unknown[name] = unknown.get(name, 0) + working
        if len(not_known) < MAX_NAMES_KEPT:
            for one in session.working_sets:
                if loads_of(one.exercise, mappings) is None:
                    not_known[one.exercise] = not_known.get(one.exercise, 0) + 1
        if not verdict.is_leg_day:
            skipped.append(
                SkippedSession(session.date, session.title, verdict.working, verdict.on_legs)
            )
            continue
        if session.date > today:
            raise WorkoutImportError(
                session.line, "date", f"{session.date.isoformat()} is in the future"
            )
        if session.date < EARLIEST_SESSION:
            raise WorkoutImportError(
                session.line,
                "date",
                f"{session.date.isoformat()} is before {EARLIEST_SESSION.year}: is the date right?",
            )
        by_date.setdefault(session.date, []).append(session)
    planned: list[PlannedLegDay] = []
    unchanged = 0
    for date in sorted(by_date):
        day_sessions = by_date.pop(date)  # its sets are copied, numbered: let these go
        # In the order they were done (Hevy writes the newest first).
        day_sessions.sort(key=lambda session: session.start_time or dt.time.max)
        existing = stored_leg_days.get(date)
        leg_day = _leg_day_of(date, day_sessions, existing)
        if existing is not None and leg_day == existing:
            unchanged += 1  # every set of it is stored already
            continue
        planned.append(
            PlannedLegDay(
                leg_day,
                existing,
                tuple(session.title for session in day_sessions),
                _exercise_rows(leg_day.sets, mappings),
            )
        )
    return WorkoutImportPlan(
        leg_days=tuple(planned),
        unchanged=unchanged,
        skipped=tuple(skipped),
        unknown_names=unknown,
        ratings_moved=0,
        sessions_read=read,
        not_known=not_known,
    )


def with_ratings_moved(
    plan: WorkoutImportPlan,
    stored_leg_day_dates: Iterable[dt.date],
    rating_counts: Mapping[dt.date, int],
) -> WorkoutImportPlan:
    """``plan`` with the number of stored ratings whose leg day the new leg days change.

    ``rating_counts`` are the stored ratings per date from the earliest new leg day on.
    """
    new_dates = [planned.leg_day.date for planned in plan.leg_days if planned.creates]
    if not new_dates:
        return plan
    before = sorted(stored_leg_day_dates)
    after = sorted({*before, *new_dates})
    moved = 0
    for date, count in rating_counts.items():
        if _leg_day_of_date(before, date) != _leg_day_of_date(after, date):
            moved += count
    return dataclasses.replace(plan, ratings_moved=moved)


def _leg_day_of_date(ordered: list[dt.date], date: dt.date) -> dt.date | None:
    index = bisect.bisect_right(ordered, date)
    return ordered[index - 1] if index else None


def _leg_day_of(date: dt.date, sessions: list[WorkoutSession], existing: LegDay | None) -> LegDay:
    """The leg day the sessions of ``date`` make, over the stored one if there is one."""
    sets: list[WorkoutSet] = []
    for session in sessions:
        for one in session.sets:
            sets.append(dataclasses.replace(one, order=len(sets) + 1))
    if len(sets) > MAX_SETS_PER_LEG_DAY:
        raise WorkoutImportError(
            sessions[0].line,
            "sets",
            f"{len(sets)} sets on {date.isoformat()}; a leg day holds at most "
            f"{MAX_SETS_PER_LEG_DAY}",
        )
    if existing is not None:
        return _attached(existing, sets, sessions[0].line)
    first = sessions[0]
    titles = [session.title.strip() for session in sessions if session.title.strip()]
    notes = "\n\n".join(session.notes.strip() for session in sessions if session.notes.strip())
    minutes = [session.duration_minutes for session in sessions if session.duration_minutes]
    duration = sum(minutes) if minutes else None
    try:
        return LegDay(
            date=date,
            title=" + ".join(dict.fromkeys(titles))[:MAX_TITLE_LENGTH],
            exercises=_exercise_names(sets),
            duration_minutes=duration if duration and duration <= MAX_DURATION_MINUTES else None,
            start_time=first.start_time,
            notes=notes[:MAX_NOTE_LENGTH],
            sets=tuple(sets),
        )
    except DomainError as error:
        raise WorkoutImportError(first.line, error.field, error.problem) from None


def _set_content(one: WorkoutSet) -> tuple[object, ...]:
    return (one.exercise, one.reps, one.weight_kg, one.rpe, one.set_type)


def _attached(existing: LegDay, sets: list[WorkoutSet], line: int) -> LegDay:
    """``existing`` with the sets it does not hold yet after its own, renumbered.

    What was typed in Legday stays (its exercise list too); a set already stored (the
    same file again, or the same session from another app) is not added twice; a list
    of exercises an earlier import made gains the new names.
    """
    stored: dict[tuple[object, ...], int] = {}
    for one in existing.sets:
        stored[_set_content(one)] = stored.get(_set_content(one), 0) + 1
    kept = list(existing.sets)
    for one in sets:
        content = _set_content(one)
        if stored.get(content, 0):
            stored[content] -= 1
            continue
        kept.append(dataclasses.replace(one, order=len(kept) + 1))
    if len(kept) > MAX_SETS_PER_LEG_DAY:
        raise WorkoutImportError(
            line,
            "sets",
            f"{len(kept)} sets on {existing.date.isoformat()} with those stored; a leg day "
            f"holds at most {MAX_SETS_PER_LEG_DAY}",
        )
    names = existing.exercises
    if not names:
        names = _exercise_names(kept)
    elif existing.sets and len(kept) > len(existing.sets):  # a list made by an import
        names = tuple(dict.fromkeys((*names, *_exercise_names(kept[len(existing.sets) :]))))
    return dataclasses.replace(existing, exercises=names[:MAX_EXERCISES], sets=tuple(kept))


def _exercise_names(sets: list[WorkoutSet]) -> tuple[str, ...]:
    """The exercises in the order first done, as many as a leg day lists."""
    names = dict.fromkeys(one.exercise.strip()[:MAX_EXERCISE_LENGTH] for one in sets)
    return tuple(names)[:MAX_EXERCISES]


def _exercise_rows(
    sets: Iterable[WorkoutSet], mappings: Mapping[str, ExerciseMapping]
) -> tuple[ExerciseRow, ...]:
    counts: dict[str, int] = {}
    for one in sets:
        counts.setdefault(one.exercise, 0)
        if one.is_working:
            counts[one.exercise] += 1
    rows = []
    for name, working in counts.items():
        loads = loads_of(name, mappings) or {}
        groups = tuple(sorted(loads, key=lambda group: -loads[group]))
        rows.append(ExerciseRow(name, working, groups))
    return tuple(rows)
