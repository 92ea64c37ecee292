"""The repository: domain objects in, domain objects out, one transaction per operation."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, exc, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.journal import DayOverview, Journal, JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.regions import region_by_id
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.storage.database import BEGIN_MODE, open_engine, open_read_only_engine
from legday_desktop.storage.day_access import apply_change, read_day_overview
from legday_desktop.storage.errors import DatabaseWriteError, ImportConflictError, StorageError
from legday_desktop.storage.models import (
    CheckInActionRow,
    CheckInRow,
    CheckInSymptomRow,
    LegDayExerciseRow,
    LegDayRow,
    ProfileRow,
    SorenessRow,
)
from legday_desktop.storage.sqlite_files import BUSY_TIMEOUT_MS, prepare_database_file


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """How many records of each kind an import added, replaced or found already stored."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0


def open_repository(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Repository:
    """Open (creating and migrating as needed) the database at ``path``; see ``open_engine``."""
    return Repository(open_engine(path, busy_timeout_ms=busy_timeout_ms), path)


def open_repository_to_read(path: Path) -> Repository:
    """Open the existing journal at ``path`` to read it, never writing to the file.

    A journal that needs a schema upgrade is upgraded first (which backs it up), so
    this is ``open_repository`` for those; see ``database.open_read_only_engine``.
    """
    if path.is_file() and prepare_database_file(path):
        return open_repository(path)
    return Repository(open_read_only_engine(path), path)


# --- rows <-> domain objects -------------------------------------------------------


def _leg_day(row: LegDayRow) -> LegDay:
    return LegDay(
        date=row.date,
        title=row.title,
        exercises=tuple(exercise.name for exercise in row.exercises),
        rpe=row.rpe,
        duration_minutes=row.duration_minutes,
        start_time=row.start_time,
        notes=row.notes,
    )


def _fill_leg_day(session: Session, row: LegDayRow, leg_day: LegDay) -> None:
    if row.exercises:
        # Old exercise rows must be gone before new ones reuse their positions.
        row.exercises = []
        session.flush()
    row.date = leg_day.date
    row.title = leg_day.title
    row.rpe = leg_day.rpe
    row.duration_minutes = leg_day.duration_minutes
    row.start_time = leg_day.start_time
    row.notes = leg_day.notes
    row.exercises = [
        LegDayExerciseRow(position=position, name=name)
        for position, name in enumerate(leg_day.exercises)
    ]


def _rating(row: SorenessRow) -> SorenessRating:
    return SorenessRating(row.date, row.region_id, row.level, row.note)


def _rating_row(rating: SorenessRating) -> SorenessRow:
    return SorenessRow(
        date=rating.date, region_id=rating.region_id, level=rating.level, note=rating.note
    )


def _check_in(row: CheckInRow) -> CheckIn:
    return CheckIn(
        date=row.date,
        symptoms=frozenset(WarningSymptom(symptom.symptom) for symptom in row.symptoms),
        actions=frozenset(RecoveryAction(action.action) for action in row.actions),
        water_litres=row.water_litres,
        sleep_hours=row.sleep_hours,
        note=row.note,
    )


def _fill_check_in(session: Session, row: CheckInRow, check_in: CheckIn) -> None:
    if row.symptoms or row.actions:
        row.symptoms = []
        row.actions = []
        session.flush()
    row.date = check_in.date
    row.water_litres = check_in.water_litres
    row.sleep_hours = check_in.sleep_hours
    row.note = check_in.note
    row.symptoms = [CheckInSymptomRow(symptom=symptom.value) for symptom in check_in.symptoms]
    row.actions = [CheckInActionRow(action=action.value) for action in check_in.actions]


# Whole tables with their child rows, in date order.
_LEG_DAYS = select(LegDayRow).options(selectinload(LegDayRow.exercises)).order_by(LegDayRow.date)
_CHECK_INS = (
    select(CheckInRow)
    .options(selectinload(CheckInRow.symptoms), selectinload(CheckInRow.actions))
    .order_by(CheckInRow.date)
)


def _profile(row: ProfileRow | None) -> Profile:
    if row is None:
        return Profile()
    return Profile(bool(row.statin_or_new_medicine), row.answered_on)


def _describe_answer(profile: Profile) -> str:
    answer = "yes" if profile.statin_or_new_medicine else "no"
    assert profile.answered_on is not None
    return f"{answer!r} (answered on {profile.answered_on.isoformat()})"


def _describe_rating(rating: SorenessRating) -> str:
    note = f" ({rating.note!r})" if rating.note else ""
    return f"{region_by_id(rating.region_id).name} = {rating.level}{note}"


# --- the repository ----------------------------------------------------------------


class Repository:
    """Reads and writes the journal of one database; every method is one transaction."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.path = path

    def close(self) -> None:
        """Close every connection; the repository is unusable afterwards."""
        self._engine.dispose()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as session, session.begin():
                yield session
        except exc.DBAPIError as error:
            raise StorageError(f"Could not read {self.path}: {error.orig}") from error

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction that holds the write lock from its start and is durable at exit."""
        try:
            with self._sessions() as session, session.begin():
                session.connection(execution_options={BEGIN_MODE: "IMMEDIATE"})
                yield session
        except exc.DBAPIError as error:
            raise DatabaseWriteError(
                f"Could not save to {self.path}: {error.orig}. Nothing of this change was stored."
            ) from error

    # changes ----------------------------------------------------------------------

    def apply(self, change: JournalChange, *, today: dt.date | None = None) -> JournalChange:
        """Put every record of ``change`` in one transaction; return the inverse change.

        See ``day_access.apply_change``; the window uses the same function directly.
        """
        raw = self._engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            return apply_change(connection, change, today=today or dt.date.today())
        finally:
            raw.close()

    # soreness ---------------------------------------------------------------------

    def set_rating(self, rating: SorenessRating) -> SorenessRating | None:
        """Store ``rating``, replacing that region's rating on that day; return the old one."""
        key = (rating.date, rating.region_id)
        return self.apply(JournalChange(ratings={key: rating})).ratings[key]

    def clear_rating(self, date: dt.date, region_id: str) -> SorenessRating | None:
        """Make the region "not rated" on ``date``; return the rating that was removed."""
        region_by_id(region_id)
        key = (date, region_id)
        return self.apply(JournalChange(ratings={key: None})).ratings[key]

    def ratings_on(self, date: dt.date) -> tuple[SorenessRating, ...]:
        return self.ratings_between(date, date)

    def ratings_between(self, first: dt.date, last: dt.date) -> tuple[SorenessRating, ...]:
        """Ratings from ``first`` to ``last`` inclusive, by date then region id."""
        with self._reading() as session:
            rows = session.scalars(
                select(SorenessRow)
                .where(SorenessRow.date.between(first, last))
                .order_by(SorenessRow.date, SorenessRow.region_id)
            )
            return tuple(_rating(row) for row in rows)

    # leg days ---------------------------------------------------------------------

    def save_leg_day(self, leg_day: LegDay, *, today: dt.date) -> LegDay | None:
        """Store ``leg_day`` (replacing the one on its date); return the one it replaced."""
        change = JournalChange(leg_days={leg_day.date: leg_day})
        return self.apply(change, today=today).leg_days[leg_day.date]

    def delete_leg_day(self, date: dt.date) -> LegDay | None:
        """Delete the leg day on ``date`` (its soreness ratings stay); return it."""
        return self.apply(JournalChange(leg_days={date: None})).leg_days[date]

    def leg_days(self) -> tuple[LegDay, ...]:
        with self._reading() as session:
            return tuple(_leg_day(row) for row in session.scalars(_LEG_DAYS))

    def leg_day_for(self, date: dt.date) -> LegDay | None:
        """The latest leg day on or before ``date`` (the one ``date`` counts days after)."""
        return self.day_overview(date).leg_day

    @staticmethod
    def _leg_day_row(session: Session, date: dt.date) -> LegDayRow | None:
        return session.scalars(select(LegDayRow).filter_by(date=date)).one_or_none()

    # check-ins --------------------------------------------------------------------

    def save_check_in(self, check_in: CheckIn) -> CheckIn | None:
        """Store the check-in of its date (an empty one removes it); return the previous one."""
        change = JournalChange(check_ins={check_in.date: check_in})
        return self.apply(change).check_ins[check_in.date]

    def check_in_on(self, date: dt.date) -> CheckIn | None:
        return self.day_overview(date).check_in

    @staticmethod
    def _check_in_row(session: Session, date: dt.date) -> CheckInRow | None:
        return session.scalars(select(CheckInRow).filter_by(date=date)).one_or_none()

    # the whole journal ------------------------------------------------------------

    def day_overview(self, date: dt.date) -> DayOverview:
        """The leg day ``date`` belongs to, and that day's ratings and check-in."""
        raw = self._engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            return read_day_overview(connection, date)
        finally:
            raw.close()

    def is_empty(self) -> bool:
        with self._reading() as session:
            return not any(
                session.scalar(select(func.count()).select_from(table))
                for table in (LegDayRow, SorenessRow, CheckInRow, ProfileRow)
            )

    def journal(self) -> Journal:
        """Everything stored, in canonical order."""
        with self._reading() as session:
            ratings = session.scalars(
                select(SorenessRow).order_by(SorenessRow.date, SorenessRow.region_id)
            )
            return Journal(
                tuple(_leg_day(row) for row in session.scalars(_LEG_DAYS)),
                tuple(_rating(row) for row in ratings),
                tuple(_check_in(row) for row in session.scalars(_CHECK_INS)),
                _profile(session.get(ProfileRow, 1)),
            )

    def merge(
        self,
        journal: Journal,
        *,
        today: dt.date,
        replace: bool = False,
        leg_days_only_if_missing: bool = False,
    ) -> MergeSummary:
        """Add ``journal`` to the database in one transaction: all of it or nothing.

        Records equal to stored ones are skipped, so merging twice adds nothing. A record
        that differs from the stored one for the same key raises ImportConflictError
        (and nothing is written) unless ``replace``. With ``leg_days_only_if_missing``,
        leg days are only created where no leg day exists on that date (CSV imports).
        """
        for leg_day in journal.leg_days:
            leg_day.check_not_after(today)
        added = replaced = unchanged = 0
        with self._writing() as session:
            leg_day_rows = {row.date: row for row in session.scalars(_LEG_DAYS)}
            for leg_day in journal.leg_days:
                row = leg_day_rows.get(leg_day.date)
                if row is None:
                    row = leg_day_rows[leg_day.date] = LegDayRow()
                    session.add(row)
                    _fill_leg_day(session, row, leg_day)
                    added += 1
                elif leg_days_only_if_missing or _leg_day(row) == leg_day:
                    unchanged += 1
                elif replace:
                    _fill_leg_day(session, row, leg_day)
                    replaced += 1
                else:
                    raise ImportConflictError(
                        ("leg_day", leg_day.date),
                        "date",
                        f"the database already holds a different leg day on "
                        f"{leg_day.date.isoformat()} ({_leg_day(row).display_title!r})",
                    )

            rating_rows = {
                (row.date, row.region_id): row for row in session.scalars(select(SorenessRow))
            }
            for rating in journal.ratings:
                key = (rating.date, rating.region_id)
                rating_row = rating_rows.get(key)
                if rating_row is None:
                    session.add(_rating_row(rating))
                    added += 1
                elif _rating(rating_row) == rating:
                    unchanged += 1
                elif replace:
                    rating_row.level = rating.level
                    rating_row.note = rating.note
                    replaced += 1
                else:
                    stored = _rating(rating_row)
                    raise ImportConflictError(
                        ("rating", *key),
                        "level" if stored.level != rating.level else "note",
                        f"the database already holds {_describe_rating(stored)} on "
                        f"{rating.date.isoformat()}; the file says {_describe_rating(rating)}",
                    )

            check_in_rows = {row.date: row for row in session.scalars(_CHECK_INS)}
            for check_in in journal.check_ins:
                check_in_row = check_in_rows.get(check_in.date)
                if check_in.is_empty and check_in_row is None:
                    unchanged += 1  # an empty check-in is the same as none (save_check_in)
                elif check_in.is_empty and replace:
                    session.delete(check_in_row)
                    replaced += 1
                elif check_in_row is None:
                    check_in_row = CheckInRow()
                    session.add(check_in_row)
                    _fill_check_in(session, check_in_row, check_in)
                    added += 1
                elif _check_in(check_in_row) == check_in:
                    unchanged += 1
                elif replace:
                    _fill_check_in(session, check_in_row, check_in)
                    replaced += 1
                else:
                    raise ImportConflictError(
                        ("check_in", check_in.date),
                        "date",
                        f"the database already holds a different check-in on "
                        f"{check_in.date.isoformat()}",
                    )

            # The standing answers: nothing to do when the file gives none.
            if not journal.profile.is_empty:
                profile_row = session.get(ProfileRow, 1)
                stored_profile = _profile(profile_row)
                if stored_profile == journal.profile:
                    unchanged += 1
                elif profile_row is not None and not replace:
                    raise ImportConflictError(
                        ("profile",),
                        "statin_or_new_medicine",
                        f"the database already holds the answer {_describe_answer(stored_profile)}"
                        f"; the file says {_describe_answer(journal.profile)}",
                    )
                else:
                    if profile_row is None:
                        profile_row = ProfileRow(id=1)
                        session.add(profile_row)
                        added += 1
                    else:
                        replaced += 1
                    profile_row.statin_or_new_medicine = bool(
                        journal.profile.statin_or_new_medicine
                    )
                    assert journal.profile.answered_on is not None
                    profile_row.answered_on = journal.profile.answered_on
        return MergeSummary(added=added, replaced=replaced, unchanged=unchanged)
