"""Importing a training app's log (Strong, Hevy, FitNotes) as leg days with their sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import group_by_id
from legday_desktop.domain.training import WeightUnit, WorkoutSession
from legday_desktop.domain.wording import _, ngettext
from legday_desktop.domain.workout_import import (
    WorkoutImportError,
    WorkoutImportPlan,
    plan_workout_import,
    with_ratings_moved,
)
from legday_desktop.services.exchange import (
    IMPORT_DAYS_AHEAD,
    ImportRejectedError,
    new_journal_removed_on_failure,
)
from legday_desktop.services.opening import Access, journal_error, open_journal

if TYPE_CHECKING:
    from legday_desktop.services.journal import JournalService
    from legday_desktop.storage.journal_store import JournalStore

WORKOUT_APPS = ("strong", "hevy", "fitnotes")


class UnitRequiredError(ImportRejectedError):
    """The file does not say whether its weights are kilograms or pounds: ask."""


class NoLegTrainingError(ImportRejectedError):
    """The file holds no session that counts as a leg day; nothing was written."""


def sessions_of(
    file: Path, *, app: str | None, unit: WeightUnit | None
) -> Iterator[WorkoutSession]:
    """The file's sessions, read as they are used (bounded memory on a large file).

    ImportRejectedError (UnitRequiredError when the weights' unit must be given) for a
    file that cannot be read; nothing is imported then.
    """
    from legday_desktop.exchange.errors import ImportFileError
    from legday_desktop.exchange.workouts import UnitNeeded, iter_sessions

    try:
        yield from iter_sessions(file, app=app, unit=unit, source=file.name)
    except UnitNeeded as error:
        raise UnitRequiredError(nothing_imported(error)) from error
    except ImportFileError as error:
        raise ImportRejectedError(nothing_imported(error)) from error


def plan_import(
    store: JournalStore | None,
    sessions: Iterable[WorkoutSession],
    *,
    source: str,
    new_mappings: Sequence[ExerciseMapping] = (),
    today: dt.date,
) -> WorkoutImportPlan:
    """What importing ``sessions`` into the journal behind ``store`` would do.

    With no ``store`` (no journal yet), what importing into a new journal would do.

    The person's saved mappings apply, ``new_mappings`` over them. ImportRejectedError for
    sessions that cannot become leg days (a date ahead, too many sets in a day).
    """
    saved = {} if store is None else store.exercise_mappings()
    mappings = {**saved, **{mapping.key: mapping for mapping in new_mappings}}
    stored = {} if store is None else {day.date: day for day in store.leg_days()}
    try:
        plan = plan_workout_import(
            sessions,
            stored_leg_days=stored,
            mappings=mappings,
            today=today + dt.timedelta(days=IMPORT_DAYS_AHEAD),
        )
    except WorkoutImportError as error:
        raise ImportRejectedError(nothing_imported(f"{source}:{error}")) from error
    new_dates = [planned.leg_day.date for planned in plan.leg_days if planned.creates]
    if not new_dates or store is None:
        return plan
    counts = store.rating_counts(min(new_dates), dt.date.max)
    return with_ratings_moved(plan, stored, counts)


def import_workouts(
    journal: Path,
    file: Path,
    *,
    app: str | None = None,
    unit: WeightUnit | None = None,
    new_mappings: Sequence[ExerciseMapping] = (),
    today: dt.date,
    take_over_lock: bool = False,
) -> WorkoutImportPlan:
    """Import ``file`` into ``journal`` all at once (the command line), or nothing.

    ImportRejectedError for bad input, NoLegTrainingError when no session is a leg day;
    JournalError when the journal cannot be opened or written. The mappings given are
    saved with the leg days, in the same transaction.
    """
    with new_journal_removed_on_failure(journal):
        return _import_workouts(
            journal, file, app, unit, new_mappings, today=today, take_over_lock=take_over_lock
        )


def _import_workouts(
    journal: Path,
    file: Path,
    app: str | None,
    unit: WeightUnit | None,
    new_mappings: Sequence[ExerciseMapping],
    *,
    today: dt.date,
    take_over_lock: bool,
) -> WorkoutImportPlan:
    from legday_desktop.storage.errors import StorageError

    opened = open_journal(journal, Access.WRITE, take_over_lock=take_over_lock)
    try:
        store = opened.store
        plan = plan_import(
            store,
            sessions_of(file, app=app, unit=unit),
            source=file.name,
            new_mappings=new_mappings,
            today=today,
        )
        if not plan.found_leg_training:
            raise NoLegTrainingError(no_leg_training(file, plan))
        store.apply(
            plan.change, today=today + dt.timedelta(days=IMPORT_DAYS_AHEAD), mappings=new_mappings
        )
    except StorageError as error:
        raise journal_error(error) from error
    finally:
        opened.close()
    return plan


def plan_into(
    service: JournalService,
    file: Path,
    *,
    app: str | None = None,
    unit: WeightUnit | None = None,
    new_mappings: Sequence[ExerciseMapping] = (),
) -> WorkoutImportPlan:
    """The preview of importing ``file`` into the journal ``service`` holds open."""
    with service.reading() as store:
        return plan_import(
            store,
            sessions_of(file, app=app, unit=unit),
            source=file.name,
            new_mappings=new_mappings,
            today=dt.date.today(),
        )


def no_leg_training(file: Path, plan: WorkoutImportPlan) -> str:
    """The message for a file in which no session counts as a leg day."""
    read = plan.sessions_read
    unknown = ""
    if plan.unknown_names:
        names = ", ".join(sorted(plan.unknown_names))
        unknown = _(
            "; these sound like leg exercises but Legday does not know them: {names} "
            '(map them, e.g. --map "{example}")'
        ).format(names=names, example="Hack Squat=quadriceps,glutes")
    elif plan.not_known:
        # Names in another language, or of an app's own: the most done, to map if they
        # train the legs.
        most = plan.most_done_unknown()
        names = ", ".join(f"{name} ({_sets(count)})" for name, count in most)
        example = f"{most[0][0]}=quadriceps,glutes".replace('"', "'")
        unknown = _(
            "; Legday does not know these exercises, the most done: {names}. If any trains "
            'the legs, say which muscles, e.g. --map "{example}"'
        ).format(names=names, example=example)
    found = ngettext(
        "{file}: no leg training found in {count} session",
        "{file}: no leg training found in {count} sessions",
        read,
    ).format(file=file.name, count=read)
    return nothing_imported(found + unknown)


def _sets(count: int) -> str:
    return ngettext("{count} set", "{count} sets", count).format(count=count)


def nothing_imported(message: object) -> str:
    """``message``, then that nothing was imported (one full stop between them)."""
    text = str(message).rstrip()
    if not text.endswith((".", "?", "!")):
        text += "."
    return _("{message} Nothing was imported.").format(message=text)


def _groups_text(groups: Sequence[str]) -> str:
    return ", ".join(group_by_id(group).name for group in groups) if groups else _("not known")


def describe_leg_day(leg_day: LegDay) -> str:
    return f"{leg_day.date.isoformat()} {leg_day.display_title}"


def describe_plan(plan: WorkoutImportPlan, *, detail: bool = True, done: bool = False) -> list[str]:
    """The plan in lines a person reads: counts first, then each leg day and its exercises.

    ``done`` words it as what was imported rather than what would be.
    """
    created, extended = plan.created, plan.extended
    if done:
        counts = ngettext(
            "{created} leg day created, {extended} given their sets",
            "{created} leg days created, {extended} given their sets",
            created,
        )
    else:
        counts = ngettext(
            "{created} leg day to create, {extended} to get their sets",
            "{created} leg days to create, {extended} to get their sets",
            created,
        )
    skipped = len(plan.skipped)
    lines = [
        ngettext(
            "{counts}, {unchanged} already there; {skipped} session skipped as not leg training.",
            "{counts}, {unchanged} already there; {skipped} sessions skipped as not leg training.",
            skipped,
        ).format(
            counts=counts.format(created=created, extended=extended),
            unchanged=plan.unchanged,
            skipped=skipped,
        ),
    ]
    if plan.ratings_moved:
        moved = plan.ratings_moved
        if done:
            moved_text = ngettext(
                "{count} stored rating now belongs to a new leg day (its days after it change).",
                "{count} stored ratings now belong to a new leg day (their days after it change).",
                moved,
            )
        else:
            moved_text = ngettext(
                "{count} stored rating will belong to a new leg day (its days after it change).",
                "{count} stored ratings will belong to a new leg day (their days after it change).",
                moved,
            )
        lines.append(moved_text.format(count=moved))
    if plan.unknown_names:
        names = ", ".join(
            f"{name} ({_sets(count)})" for name, count in sorted(plan.unknown_names.items())
        )
        lines.append(
            _("Not known, sound like leg exercises (map them to count them): {names}.").format(
                names=names
            )
        )
    if detail:
        for planned in plan.leg_days:
            if planned.creates:
                heading = _("{leg_day} (new):")
            else:
                heading = _("{leg_day} (sets added to the leg day logged in Legday):")
            lines.append(heading.format(leg_day=describe_leg_day(planned.leg_day)))
            for row in planned.exercises:
                sets = ngettext(
                    "{name}: {count} working set → {groups}",
                    "{name}: {count} working sets → {groups}",
                    row.working_sets,
                ).format(name=row.name, count=row.working_sets, groups=_groups_text(row.groups))
                lines.append(f"    {sets}")
        for session in plan.skipped:
            title = session.title or _("session")
            lines.append(
                ngettext(
                    "Skipped {date} {title}: {on_legs} of {count} working set on the legs",
                    "Skipped {date} {title}: {on_legs} of {count} working sets on the legs",
                    session.working_sets,
                ).format(
                    date=session.date.isoformat(),
                    title=title,
                    on_legs=session.on_legs,
                    count=session.working_sets,
                )
            )
    return lines
