"""The journal layer: every read and write of a journal, in SQLAlchemy Core, on any engine.

Statements are built once, at import; columns are read by name. Nothing here is
SQLite-only (that lives in ``storage.sqlite_files``), so the same code serves a journal
in a file and, later, one on a server.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    Integer,
    Select,
    String,
    Table,
    bindparam,
    exc,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.journal import DayOverview, Journal, JournalChange, JournalColumns
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.merging import MergePlan, StoredRecords, plan_merge
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.recovery import DayValues, SideMode
from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import (
    MAX_LEVEL,
    MAX_NOTE_LENGTH,
    MIN_LEVEL,
    RatingColumns,
    SorenessRating,
    parse_quality,
)
from legday_desktop.domain.training import SetType, WorkoutSet
from legday_desktop.domain.wording import _
from legday_desktop.storage.errors import (
    DamagedDatabaseError,
    DatabaseWriteError,
    StorageError,
    disk_full_or,
)
from legday_desktop.storage.salvage import Salvaged, salvage
from legday_desktop.storage.tables import (
    RECORD_TABLES,
    check_in,
    check_in_action,
    check_in_symptom,
    exercise_mapping,
    exercise_mapping_load,
    leg_day,
    leg_day_exercise,
    profile,
    region,
    soreness,
    workout_set,
)

# Execution option naming the kind of BEGIN a transaction starts with (see
# storage.database): writes take the write lock at their start.
BEGIN_MODE = "legday_begin"

# --- statements, built once ----------------------------------------------------------

_LEG_DAY_COLUMNS = (
    leg_day.c.id,
    leg_day.c.date,
    leg_day.c.title,
    leg_day.c.rpe,
    leg_day.c.duration_minutes,
    leg_day.c.start_time,
    leg_day.c.notes,
)
_LEG_DAY_ON_OR_BEFORE = (
    select(*_LEG_DAY_COLUMNS)
    .where(leg_day.c.date <= bindparam("day", type_=leg_day.c.date.type))
    .order_by(leg_day.c.date.desc())
    .limit(1)
)
_RECENT_LEG_DAY_DATES = (
    select(leg_day.c.date)
    .where(leg_day.c.date <= bindparam("day", type_=leg_day.c.date.type))
    .order_by(leg_day.c.date.desc())
    .limit(bindparam("count"))
)
_LEG_DAYS_BETWEEN = (
    select(*_LEG_DAY_COLUMNS)
    .where(leg_day.c.date.between(bindparam("first"), bindparam("last")))
    .order_by(leg_day.c.date)
)
_EXERCISES_OF = (
    select(leg_day_exercise.c.name)
    .where(leg_day_exercise.c.leg_day_id == bindparam("leg_day_id"))
    .order_by(leg_day_exercise.c.position)
)
_EXERCISES_BETWEEN = (
    select(leg_day_exercise.c.leg_day_id, leg_day_exercise.c.name)
    .join(leg_day, leg_day.c.id == leg_day_exercise.c.leg_day_id)
    .where(leg_day.c.date.between(bindparam("first"), bindparam("last")))
    .order_by(leg_day_exercise.c.leg_day_id, leg_day_exercise.c.position)
)
_SET_COLUMNS = (
    workout_set.c.position,
    workout_set.c.exercise,
    workout_set.c.reps,
    workout_set.c.weight_kg,
    workout_set.c.rpe,
    workout_set.c.set_type,
)
_SETS_OF = (
    select(*_SET_COLUMNS)
    .where(workout_set.c.leg_day_id == bindparam("leg_day_id"))
    .order_by(workout_set.c.position)
)
_SETS_BETWEEN = (
    select(workout_set.c.leg_day_id, *_SET_COLUMNS)
    .join(leg_day, leg_day.c.id == workout_set.c.leg_day_id)
    .where(leg_day.c.date.between(bindparam("first"), bindparam("last")))
    .order_by(workout_set.c.leg_day_id, workout_set.c.position)
)
_MAPPINGS = select(exercise_mapping.c.name_key, exercise_mapping.c.name).order_by(
    exercise_mapping.c.name_key
)
_MAPPING_LOADS = select(
    exercise_mapping_load.c.name_key,
    exercise_mapping_load.c.group_id,
    exercise_mapping_load.c.share,
).order_by(exercise_mapping_load.c.name_key, exercise_mapping_load.c.share.desc())
_DELETE_MAPPING = exercise_mapping.delete().where(exercise_mapping.c.name_key == bindparam("b_key"))
_INSERT_MAPPING = exercise_mapping.insert()
_INSERT_MAPPING_LOAD = exercise_mapping_load.insert()
_LEG_DAY_IDS_BETWEEN = select(leg_day.c.id, leg_day.c.date).where(
    leg_day.c.date.between(bindparam("first"), bindparam("last"))
)
_DELETE_LEG_DAY = leg_day.delete().where(leg_day.c.date == bindparam("b_date"))
_INSERT_LEG_DAY = leg_day.insert()
_INSERT_EXERCISE = leg_day_exercise.insert()

_RATING_COLUMNS = (
    soreness.c.date,
    soreness.c.region_id,
    soreness.c.level,
    soreness.c.note,
    soreness.c.quality,
)
_RATINGS_BETWEEN = (
    select(*_RATING_COLUMNS)
    .where(soreness.c.date.between(bindparam("first"), bindparam("last")))
    .order_by(soreness.c.date, soreness.c.region_id)
)
_DELETE_RATING = soreness.delete().where(
    soreness.c.date == bindparam("b_date"), soreness.c.region_id == bindparam("b_region")
)
_INSERT_RATING = soreness.insert()
_FIRST_RATING_DATE = select(func.min(soreness.c.date))
_RATING_COUNTS_BETWEEN = (
    select(soreness.c.date, func.count().label("ratings"))
    .where(soreness.c.date.between(bindparam("first"), bindparam("last")))
    .group_by(soreness.c.date)
)
_RATED_DATES_BETWEEN = (
    select(soreness.c.date)
    .distinct()
    .where(soreness.c.date.between(bindparam("first"), bindparam("last")))
    .order_by(soreness.c.date)
)

_CHECK_IN_COLUMNS = (
    check_in.c.id,
    check_in.c.date,
    check_in.c.water_litres,
    check_in.c.sleep_hours,
    check_in.c.note,
)
_CHECK_INS_BETWEEN = (
    select(*_CHECK_IN_COLUMNS)
    .where(check_in.c.date.between(bindparam("first"), bindparam("last")))
    .order_by(check_in.c.date)
)
# Symptoms and actions of the check-ins in a date range, in one query.


def _items_between(items: Table, kind: str) -> Select[Any]:
    """The ``kind`` items (symptom or action) of the check-ins in a date range."""
    return (
        select(
            items.c.check_in_id.label("check_in_id"),
            literal(kind).label("kind"),
            items.c[kind].label("value"),
        )
        .join(check_in, check_in.c.id == items.c.check_in_id)
        .where(check_in.c.date.between(bindparam("first"), bindparam("last")))
    )


_CHECK_IN_ITEMS_BETWEEN = union_all(
    _items_between(check_in_symptom, "symptom"), _items_between(check_in_action, "action")
)
_CHECK_IN_IDS_BETWEEN = select(check_in.c.id, check_in.c.date).where(
    check_in.c.date.between(bindparam("first"), bindparam("last"))
)
_DELETE_CHECK_IN = check_in.delete().where(check_in.c.date == bindparam("b_date"))
_INSERT_CHECK_IN = check_in.insert()
_INSERT_SYMPTOM = check_in_symptom.insert()
_INSERT_ACTION = check_in_action.insert()

# The answer as stored (SQLite's 0 or 1): read as a boolean, a 7 changed on disk would be "yes".
_PROFILE = select(
    type_coerce(profile.c.statin_or_new_medicine, Integer).label("statin_or_new_medicine"),
    profile.c.answered_on,
).where(profile.c.id == 1)
_DELETE_PROFILE = profile.delete()
_INSERT_PROFILE = profile.insert()


def _group_values_between(combine: Any) -> Select[Any]:
    """Per day and group, both sides' levels combined with ``combine`` (max or avg)."""
    return (
        select(soreness.c.date, region.c.group_id, combine(soreness.c.level).label("value"))
        .join(region, region.c.id == soreness.c.region_id)
        .where(soreness.c.date.between(bindparam("first"), bindparam("last")))
        .group_by(soreness.c.date, region.c.group_id)
    )


_GROUP_MAX_BETWEEN = _group_values_between(func.max)
_GROUP_MEAN_BETWEEN = _group_values_between(func.avg)
# Both at once, for the whole history (insights): the date as stored, converted once per day.
READ_BATCH_ROWS = 2000
_GROUP_MEAN_AND_MAX_BETWEEN = (
    select(
        type_coerce(soreness.c.date, String).label("day"),
        region.c.group_id,
        func.avg(soreness.c.level).label("mean"),
        func.max(soreness.c.level).label("sorer"),
    )
    .join(region, region.c.id == soreness.c.region_id)
    .where(soreness.c.date.between(bindparam("first"), bindparam("last")))
    .group_by(soreness.c.date, region.c.group_id)
)
_RECORD_COUNTS = select(
    *(
        select(func.count()).select_from(table).scalar_subquery().label(name)
        for name, table in (
            ("leg_days", leg_day),
            ("ratings", soreness),
            ("check_ins", check_in),
            ("profiles", profile),
        )
    )
)
_ANY_RECORD = select(or_(*(exists().select_from(table) for table in RECORD_TABLES)))

# The widest dates a journal can hold: a range read "from the first to the last".
_EARLIEST = dt.date(1, 1, 1)
_LATEST = dt.date(9999, 12, 31)


def _leg_day_from(row: Any, exercises: Iterable[str], sets: Iterable[WorkoutSet] = ()) -> LegDay:
    return LegDay(
        date=row.date,
        title=row.title,
        exercises=tuple(exercises),
        rpe=row.rpe,
        duration_minutes=row.duration_minutes,
        start_time=row.start_time,
        notes=row.notes,
        sets=tuple(sets),
    )


def _set_from(row: Any) -> WorkoutSet:
    return WorkoutSet(
        exercise=row.exercise,
        order=row.position,
        reps=row.reps,
        weight_kg=row.weight_kg,
        rpe=row.rpe,
        set_type=SetType(row.set_type),
    )


def _span(dates: Iterable[dt.date]) -> dict[str, dt.date] | None:
    """The bind parameters of a range read covering ``dates`` (None when there are none)."""
    ordered = sorted(dates)
    if not ordered:
        return None
    return {"first": ordered[0], "last": ordered[-1]}


class FileCheck(Protocol):
    """Where the journal is a file: notes the file opened, and checks it is still there."""

    def remember(self) -> None: ...

    def check(self) -> None: ...


class JournalStore:
    """Reads and writes the journal behind one engine; every method is one transaction.

    With a ``file_check``, every write checks before it commits that the journal is still
    the file its connection opened (StorageError otherwise, and nothing is stored).
    """

    def __init__(self, engine: Engine, name: str, *, file_check: FileCheck | None = None) -> None:
        self._engine = engine
        self.name = name
        self._held: Connection | None = None
        self._file_check = file_check

    @property
    def engine(self) -> Engine:
        return self._engine

    def connection(self) -> Connection:
        """The one connection this store works on, kept open between transactions.

        Checking a connection out of the pool and back for every click costs more than
        the click's own statements; one connection also keeps its settings.
        """
        if self._held is None or self._held.closed:
            self._held = self._engine.connect()
            if self._file_check is not None:
                self._file_check.remember()
        return self._held

    def check_file_at_path(self) -> None:
        """JournalFileMovedError if the file at the journal's path is not the one open."""
        if self._file_check is not None and self._held is not None and not self._held.closed:
            self._file_check.check()

    def close(self) -> None:
        """Close the connection; the next use opens a new one."""
        if self._held is not None:
            self._held.close()
            self._held = None
        self._engine.dispose()

    # --- transactions ----------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            connection = self.connection()
            with connection.begin():
                yield connection
        except (exc.OperationalError, exc.InterfaceError) as error:
            raise StorageError(
                _("Could not read the journal {name}: {error}").format(
                    name=self.name, error=error.orig
                )
            ) from error
        except exc.DatabaseError as error:
            if not _damage_in(error):
                raise StorageError(
                    _("Could not read the journal {name}: {error}").format(
                        name=self.name, error=error.orig
                    )
                ) from error
            # Pages that cannot be read: the file itself is damaged.
            raise DamagedDatabaseError(
                _("{name} is damaged ({error}); it was left untouched").format(
                    name=self.name, error=error.orig
                )
            ) from error
        except exc.DBAPIError as error:
            raise StorageError(
                _("Could not read the journal {name}: {error}").format(
                    name=self.name, error=error.orig
                )
            ) from error
        except (ValueError, TypeError) as error:
            # A stored value the domain refuses (DomainError is a ValueError), or one its
            # column's type cannot convert: changed on disk, which page checks cannot see.
            raise DamagedDatabaseError(self._damage_found(error)) from error

    def _damage_found(self, error: Exception) -> str:
        """The message for a journal with a row that breaks a rule: which table and row."""
        try:
            damaged = self.salvage().damaged
        except (exc.DBAPIError, StorageError):
            damaged = ()
        if not damaged:
            return _("{name} is damaged (a stored value: {error}); it was left untouched").format(
                name=self.name, error=error
            )
        if len(damaged) == 1:
            return _("{name} is damaged: {row}; it was left untouched").format(
                name=self.name, row=damaged[0]
            )
        return _(
            "{name} is damaged: {row}, and {count} more damaged row(s); it was left untouched"
        ).format(name=self.name, row=damaged[0], count=len(damaged) - 1)

    def salvage(self) -> Salvaged:
        """Every record that can be read and passes the domain's rules, and the rows that do not.

        For a damaged journal: reads each table, and each row, on its own (see storage.salvage).
        """
        connection = self.connection()
        if connection.in_transaction():
            connection.rollback()
        return salvage(connection)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A transaction that holds the write lock from its start; on disk when it ends."""
        try:
            connection = self.connection()
            connection.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
            try:
                with connection.begin():
                    yield connection
                    if self._file_check is not None:
                        self._file_check.check()  # before the commit, which it stops
            finally:
                connection.execution_options(**{BEGIN_MODE: "DEFERRED"})
        except exc.DBAPIError as error:
            raise DatabaseWriteError(
                _("Could not save: {error}. Nothing of this change was stored.").format(
                    error=disk_full_or(self.name, error.orig)
                )
            ) from error
        except (ValueError, TypeError) as error:
            # What the change compares with breaks a rule: the journal is damaged there.
            raise DamagedDatabaseError(self._damage_found(error)) from error

    # --- reading ---------------------------------------------------------------------

    def day_overview(self, date: dt.date) -> DayOverview:
        """The leg day ``date`` belongs to, that day's ratings and check-in, and the profile."""
        with self._reading() as connection:
            row = connection.execute(_LEG_DAY_ON_OR_BEFORE, {"day": date}).first()
            leg_day_of_date = (
                None
                if row is None
                else _leg_day_from(
                    row,
                    connection.scalars(_EXERCISES_OF, {"leg_day_id": row.id}),
                    map(_set_from, connection.execute(_SETS_OF, {"leg_day_id": row.id})),
                )
            )
            span = {"first": date, "last": date}
            ratings = tuple(self._ratings(connection, span))
            check_ins = self._check_ins(connection, span)
            return DayOverview(
                date=date,
                leg_day=leg_day_of_date,
                ratings=ratings,
                check_in=check_ins[0] if check_ins else None,
                profile=self._profile(connection),
            )

    def leg_days(self, first: dt.date = _EARLIEST, last: dt.date = _LATEST) -> tuple[LegDay, ...]:
        """The leg days from ``first`` to ``last`` (all by default), oldest first."""
        with self._reading() as connection:
            return self._leg_days(connection, {"first": first, "last": last})

    def recent_leg_days(self, date: dt.date, count: int) -> tuple[LegDay, ...]:
        """The last ``count`` leg days on or before ``date``, oldest first."""
        with self._reading() as connection:
            dates = list(connection.scalars(_RECENT_LEG_DAY_DATES, {"day": date, "count": count}))
            if not dates:
                return ()
            return self._leg_days(connection, {"first": dates[-1], "last": date})

    def ratings_between(self, first: dt.date, last: dt.date) -> tuple[SorenessRating, ...]:
        """Every rating from ``first`` to ``last``, by date then region."""
        with self._reading() as connection:
            return tuple(self._ratings(connection, {"first": first, "last": last}))

    def check_ins_between(self, first: dt.date, last: dt.date) -> tuple[CheckIn, ...]:
        """Every check-in from ``first`` to ``last``, oldest first."""
        with self._reading() as connection:
            return self._check_ins(connection, {"first": first, "last": last})

    def profile(self) -> Profile:
        """The standing answers (an empty Profile when none were given)."""
        with self._reading() as connection:
            return self._profile(connection)

    def rated_dates(self, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
        """The days from ``first`` to ``last`` with at least one rating, oldest first."""
        with self._reading() as connection:
            return tuple(connection.scalars(_RATED_DATES_BETWEEN, {"first": first, "last": last}))

    def rating_counts(self, first: dt.date, last: dt.date) -> dict[dt.date, int]:
        """How many regions are rated on each rated date from ``first`` to ``last``."""
        with self._reading() as connection:
            return {
                row.date: row.ratings
                for row in connection.execute(
                    _RATING_COUNTS_BETWEEN, {"first": first, "last": last}
                )
            }

    def first_rating_date(self) -> dt.date | None:
        with self._reading() as connection:
            first: dt.date | None = connection.scalar(_FIRST_RATING_DATE)
            return first

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues:
        """Each rated group's value per day from ``first`` to ``last`` (see domain.recovery).

        Sides are combined in SQL, so ten years of ratings arrive as one row per group and day.
        """
        statement = _GROUP_MAX_BETWEEN if mode is SideMode.MAX else _GROUP_MEAN_BETWEEN
        values: DayValues = {}
        with self._reading() as connection:
            for row in connection.execute(statement, {"first": first, "last": last}):
                values.setdefault(row.date, {})[row.group_id] = float(row.value)
            if values and not all(
                MIN_LEVEL <= value <= MAX_LEVEL for day in values.values() for value in day.values()
            ):
                # Combined in SQL, past SorenessRating's checks: a value changed on disk.
                raise DomainError("level", _("a stored level is outside the scale"))
        return values

    def mean_and_sorer_values(self, first: dt.date, last: dt.date) -> tuple[DayValues, DayValues]:
        """``day_values`` in both side modes (mean, then sorer side) from one query.

        For reading a whole history at once: half the time of two ``day_values`` calls.
        """
        mean: DayValues = {}
        sorer: DayValues = {}
        with self._reading() as connection:
            result = connection.execute(_GROUP_MEAN_AND_MAX_BETWEEN, {"first": first, "last": last})
            dates: dict[str, dt.date] = {}
            # In batches: 30 years are 100,000 rows, never all held as row objects at once.
            for rows in result.partitions(READ_BATCH_ROWS):
                for day, group_id, mean_level, max_level in rows:
                    date = dates.get(day)
                    if date is None:
                        # SQLite's text as stored; a server's DATE arrives as a date.
                        date = dates[day] = (
                            day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
                        )
                        mean[date], sorer[date] = {}, {}
                    mean[date][group_id] = float(mean_level)
                    sorer[date][group_id] = float(max_level)
            if not all(
                MIN_LEVEL <= value <= MAX_LEVEL
                for values in (mean, sorer)
                for day in values.values()
                for value in day.values()
            ):
                # Combined in SQL, past SorenessRating's checks: a value changed on disk.
                raise DomainError("level", _("a stored level is outside the scale"))
        return mean, sorer

    def is_empty(self) -> bool:
        """True when the journal holds no leg day, rating, check-in or answer."""
        with self._reading() as connection:
            return not connection.scalar(_ANY_RECORD)

    def journal(self) -> Journal:
        """Everything stored, in canonical order."""
        return self.journal_columns().journal()

    def journal_columns(self) -> JournalColumns:
        """Everything stored, in canonical order, the ratings column by column (for exports)."""
        with self._reading() as connection:
            every = {"first": _EARLIEST, "last": _LATEST}
            columns = JournalColumns(
                self._leg_days(connection, every),
                self._rating_columns(connection, every),
                self._check_ins(connection, every),
                self._profile(connection),
            )
            read = (len(columns.leg_days), len(columns.ratings), len(columns.check_ins))
            counts = connection.execute(_RECORD_COUNTS).one()
            if (counts.leg_days, counts.ratings, counts.check_ins) != read or counts.profiles > 1:
                # A row whose date is not a date sorts outside every range of dates, and a
                # second profile row is never read: neither may be left out without a word.
                raise DomainError("date", _("a stored row lies outside every range of dates"))
            return columns

    @staticmethod
    def _leg_days(connection: Connection, span: Mapping[str, dt.date]) -> tuple[LegDay, ...]:
        exercises: dict[int, list[str]] = {}
        for row in connection.execute(_EXERCISES_BETWEEN, span):
            exercises.setdefault(row.leg_day_id, []).append(row.name)
        sets: dict[int, list[WorkoutSet]] = {}
        for set_row in connection.execute(_SETS_BETWEEN, span):
            sets.setdefault(set_row.leg_day_id, []).append(_set_from(set_row))
        return tuple(
            _leg_day_from(row, exercises.get(row.id, ()), sets.get(row.id, ()))
            for row in connection.execute(_LEG_DAYS_BETWEEN, span)
        )

    @staticmethod
    def _rating_columns(connection: Connection, span: Mapping[str, dt.date]) -> RatingColumns:
        columns = _read_columns(connection, _RATINGS_BETWEEN, span)
        stored_qualities = columns["quality"]
        # Most journals say no quality at all: then no list of Nones is made.
        qualities = (
            [parse_quality(quality) for quality in stored_qualities]
            if any(quality is not None for quality in stored_qualities)
            else []
        )
        ratings = RatingColumns(
            columns["date"], columns["region_id"], columns["level"], columns["note"], qualities
        )
        if not _plainly_valid(ratings):
            tuple(ratings)  # each made a SorenessRating: DomainError for the first bad one
        return ratings

    @staticmethod
    def _ratings(connection: Connection, span: Mapping[str, dt.date]) -> Iterator[SorenessRating]:
        return iter(JournalStore._rating_columns(connection, span))

    @staticmethod
    def _check_ins(connection: Connection, span: Mapping[str, dt.date]) -> tuple[CheckIn, ...]:
        rows = connection.execute(_CHECK_INS_BETWEEN, span).all()
        if not rows:
            return ()  # most days have no check-in: no need to look for its items
        symptoms: dict[int, set[WarningSymptom]] = {}
        actions: dict[int, set[RecoveryAction]] = {}
        for item in connection.execute(_CHECK_IN_ITEMS_BETWEEN, span):
            if item.kind == "symptom":
                symptoms.setdefault(item.check_in_id, set()).add(WarningSymptom(item.value))
            else:
                actions.setdefault(item.check_in_id, set()).add(RecoveryAction(item.value))
        return tuple(
            CheckIn(
                date=row.date,
                symptoms=frozenset(symptoms.get(row.id, ())),
                actions=frozenset(actions.get(row.id, ())),
                water_litres=row.water_litres,
                sleep_hours=row.sleep_hours,
                note=row.note,
            )
            for row in rows
        )

    @staticmethod
    def _profile(connection: Connection) -> Profile:
        row = connection.execute(_PROFILE).first()
        if row is None:
            return Profile()
        answer = row.statin_or_new_medicine
        if answer not in (0, 1):  # SQLite's 0 or 1 (a bool elsewhere); not a 7 read as yes
            raise DomainError(
                "statin_or_new_medicine",
                _("must be yes or no, got {value}").format(value=repr(answer)),
            )
        return Profile(bool(answer), row.answered_on)

    # --- writing ---------------------------------------------------------------------

    def apply(
        self,
        change: JournalChange,
        *,
        today: dt.date,
        mappings: Iterable[ExerciseMapping] = (),
    ) -> JournalChange:
        """Put every record of ``change`` in one transaction; return the inverse change.

        None (or an empty check-in) removes the record under its key. Applying the returned
        change restores exactly what was there before. ``mappings`` are saved in the same
        transaction (each replaces the one of its name); they are answers kept for next
        time, not records, and no inverse brings the old ones back.
        """
        _check_leg_days_not_after(change, today)
        with self._writing() as connection:
            stored = _stored_under(
                connection,
                leg_day_dates=change.leg_days,
                rating_dates=[date for date, _ in change.ratings],
                check_in_dates=change.check_ins,
            )
            inverse = _apply(connection, change, stored)
            _save_mappings(connection, list(mappings))
            return inverse

    def exercise_mappings(self) -> dict[str, ExerciseMapping]:
        """The person's exercise mappings by the name as compared (``exercise_key``)."""
        with self._reading() as connection:
            loads: dict[str, dict[str, float]] = {}
            for row in connection.execute(_MAPPING_LOADS):
                loads.setdefault(row.name_key, {})[row.group_id] = row.share
            return {
                row.name_key: ExerciseMapping(row.name, loads.get(row.name_key, {}))
                for row in connection.execute(_MAPPINGS)
            }

    def save_exercise_mappings(self, mappings: Iterable[ExerciseMapping]) -> None:
        """Keep ``mappings`` (each replaces the one of its name), in one transaction."""
        with self._writing() as connection:
            _save_mappings(connection, list(mappings))

    def merge(
        self,
        incoming: Journal,
        *,
        today: dt.date,
        replace: bool = False,
        leg_days_only_if_missing: bool = False,
    ) -> tuple[MergePlan, JournalChange]:
        """Add ``incoming`` to the journal in one transaction: all of it or nothing.

        The plan (see ``domain.merging.plan_merge``) is made against what is stored inside
        the same transaction; returns it with the inverse of its change (for an undo).
        ImportConflictError, and nothing written, when a record differs and not ``replace``.
        """
        for incoming_leg_day in incoming.leg_days:
            incoming_leg_day.check_not_after(today)
        with self._writing() as connection:
            # Read once: the plan compares against it, and its change is applied over it.
            stored = _stored_under(
                connection,
                leg_day_dates=[day.date for day in incoming.leg_days],
                rating_dates=[rating.date for rating in incoming.ratings],
                check_in_dates=[day.date for day in incoming.check_ins],
            )
            plan = plan_merge(
                incoming,
                stored,
                replace=replace,
                leg_days_only_if_missing=leg_days_only_if_missing,
            )
            return plan, _apply(connection, plan.change, stored)


def _damage_in(error: exc.DatabaseError) -> bool:
    """Whether ``error`` says the stored data is damaged, not that the request failed.

    SQLite's errors carry no SQLSTATE: a read failing there is a damaged file. A server
    says damage with class XX (data_corrupted, index_corrupted); anything else it refuses
    (a missing privilege, say) is not damage.
    """
    state = getattr(error.orig, "sqlstate", None)
    return state is None or str(state).startswith("XX")


_LEVELS = frozenset(range(MIN_LEVEL, MAX_LEVEL + 1))
_REGION_IDS = frozenset(REGION_IDS)


def _plainly_valid(ratings: RatingColumns) -> bool:
    """Whether every rating read column by column keeps the domain's rules (checked at once).

    Ratings read as columns skip SorenessRating's checks; a value changed on disk must
    still never reach an export. False means: check them one by one.
    """
    if not ratings.levels:
        return True
    return (
        set(ratings.levels) <= _LEVELS
        and all(type(level) is int for level in ratings.levels)
        and set(ratings.region_ids) <= _REGION_IDS
        and all(type(note) is str for note in ratings.notes)
        and max(map(len, ratings.notes)) <= MAX_NOTE_LENGTH
    )


def _read_columns(
    connection: Connection, statement: Select[Any], parameters: Mapping[str, Any]
) -> dict[str, list[Any]]:
    """The result of ``statement`` as one list of values per column, by column name.

    SQLAlchemy runs the statement; the rows are fetched from the driver at once and each
    column converted by its type as a whole, which is several times faster than reading
    a large result row by row.
    """
    result = connection.execute(statement, parameters)
    try:
        description = result.cursor.description
        rows = result.cursor.fetchall()
    finally:
        result.close()
    names = tuple(entry[0] for entry in description)
    columns: dict[str, list[Any]] = {name: [] for name in names}
    if not rows:
        return columns
    converters = _result_converters(statement, names, connection.dialect)
    for name, convert, values in zip(names, converters, zip(*rows, strict=True), strict=True):
        if convert is None:
            columns[name] = list(values)
        else:
            # Each distinct value converted once (a day's date is shared by its ratings).
            converted = {value: convert(value) for value in set(values)}
            columns[name] = [converted[value] for value in values]
    return columns


@functools.cache
def _result_converters(
    statement: Select[Any], names: tuple[str, ...], dialect: Dialect
) -> tuple[Any, ...]:
    """The converter of each named result column of ``statement`` (None: as it comes)."""
    types = {column.name: column.type for column in statement.selected_columns}
    return tuple(
        types[name].dialect_impl(dialect).result_processor(dialect, None) for name in names
    )


@functools.cache
def _compiled_insert(
    table: Table, names: tuple[str, ...], dialect: Dialect
) -> tuple[str, bool, tuple[str, ...], tuple[Any, ...]]:
    """The INSERT of ``names`` into ``table`` for ``dialect``, compiled once.

    Its SQL, whether its parameters are positional, their order, and the converter of
    each (None where a value goes to the driver as it is).
    """
    compiled = table.insert().compile(dialect=dialect, column_keys=list(names))
    order = tuple(compiled.positiontup or ()) if compiled.positional else names
    converters = tuple(
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
    )
    return str(compiled), compiled.positional, order, converters


def _insert_columns(connection: Connection, table: Table, columns: dict[str, list[Any]]) -> None:
    """INSERT rows given column by column (equal lists, by name) with one driver executemany.

    The statement is compiled by SQLAlchemy for the connection's dialect, and each value
    converted by its column type, as ``connection.execute`` does; skipping SQLAlchemy's
    per-row bookkeeping halves the time of a large import.
    """
    names = list(columns)
    if not names or not columns[names[0]]:
        return
    dialect = connection.dialect
    sql, positional, order, converters = _compiled_insert(table, tuple(names), dialect)
    converted = []
    for name, convert in zip(order, converters, strict=True):
        values = columns[name]
        if convert is None:
            converted.append(values)
        else:
            # Each distinct value converted once (a day's date is shared by its ratings).
            distinct = {value: convert(value) for value in set(values)}
            converted.append([distinct[value] for value in values])
    # Rows made as the driver takes them, not all held at once (sqlite3 and psycopg take
    # any iterable, though the DB-API types say a sequence).
    parameters: Any = zip(*converted, strict=True)
    if not positional:
        parameters = (dict(zip(order, values, strict=True)) for values in parameters)
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(sql, parameters)
    except Exception as error:
        raise exc.DBAPIError.instance(sql, None, error, dialect.loaded_dbapi.Error) from error
    finally:
        cursor.close()


def _check_leg_days_not_after(change: JournalChange, today: dt.date) -> None:
    for changed_leg_day in change.leg_days.values():
        if changed_leg_day is not None:
            changed_leg_day.check_not_after(today)


def _stored_under(
    connection: Connection,
    *,
    leg_day_dates: Iterable[dt.date],
    rating_dates: Iterable[dt.date],
    check_in_dates: Iterable[dt.date],
) -> StoredRecords:
    """What is stored from the first to the last of each kind's dates, and the profile."""
    leg_days: dict[dt.date, LegDay] = {}
    span = _span(leg_day_dates)
    if span is not None:
        leg_days = {day.date: day for day in JournalStore._leg_days(connection, span)}
    ratings: dict[tuple[dt.date, str], SorenessRating] = {}
    span = _span(rating_dates)
    if span is not None:
        ratings = {
            (rating.date, rating.region_id): rating
            for rating in JournalStore._ratings(connection, span)
        }
    check_ins: dict[dt.date, CheckIn] = {}
    span = _span(check_in_dates)
    if span is not None:
        check_ins = {day.date: day for day in JournalStore._check_ins(connection, span)}
    return StoredRecords(leg_days, ratings, check_ins, JournalStore._profile(connection))


def _apply(connection: Connection, change: JournalChange, stored: StoredRecords) -> JournalChange:
    """Write ``change`` over ``stored`` (what its keys hold now, see ``_stored_under``).

    Runs inside the caller's transaction; returns the inverse change.
    """
    old_leg_days = _replace_leg_days(connection, change.leg_days, stored.leg_days)
    old_ratings = _replace_ratings(connection, change.ratings, stored.ratings)
    old_check_ins = _replace_check_ins(connection, change.check_ins, stored.check_ins)
    old_profile: Profile | None = None
    if change.profile is not None:
        old_profile = stored.profile
        connection.execute(_DELETE_PROFILE)
        if not change.profile.is_empty:
            connection.execute(
                _INSERT_PROFILE,
                {
                    "id": 1,
                    "statin_or_new_medicine": bool(change.profile.statin_or_new_medicine),
                    "answered_on": change.profile.answered_on,
                },
            )
    return JournalChange(old_leg_days, old_ratings, old_check_ins, old_profile)


def _ids_by_date(
    connection: Connection, statement: Select[Any], dates: Collection[dt.date]
) -> dict[dt.date, int]:
    span = _span(dates)
    if span is None:
        return {}
    wanted = set(dates)
    return {row.date: row.id for row in connection.execute(statement, span) if row.date in wanted}


def _replace_leg_days(
    connection: Connection,
    changes: Mapping[dt.date, LegDay | None],
    stored: Mapping[dt.date, LegDay],
) -> dict[dt.date, LegDay | None]:
    if not changes:
        return {}
    old = {date: stored.get(date) for date in changes}
    # Exercises go with their leg day (ON DELETE CASCADE).
    gone = [{"b_date": date} for date in changes if date in stored]
    if gone:
        connection.execute(_DELETE_LEG_DAY, gone)
    new = [day for day in changes.values() if day is not None]
    if new:
        connection.execute(
            _INSERT_LEG_DAY,
            [
                {
                    "date": day.date,
                    "start_time": day.start_time,
                    "title": day.title,
                    "rpe": day.rpe,
                    "duration_minutes": day.duration_minutes,
                    "notes": day.notes,
                }
                for day in new
            ],
        )
        with_children = [day for day in new if day.exercises or day.sets]
        ids = _ids_by_date(connection, _LEG_DAY_IDS_BETWEEN, [day.date for day in with_children])
        exercise_rows = [
            {"leg_day_id": ids[day.date], "position": position, "name": name}
            for day in with_children
            for position, name in enumerate(day.exercises)
        ]
        if exercise_rows:
            connection.execute(_INSERT_EXERCISE, exercise_rows)
        # Column by column: a training log of decades holds hundreds of thousands of sets.
        with_sets = [(ids[day.date], day.sets) for day in with_children if day.sets]
        _insert_columns(
            connection,
            workout_set,
            {
                "leg_day_id": [key for key, sets in with_sets for _ in sets],
                "position": [one.order for _, sets in with_sets for one in sets],
                "exercise": [one.exercise for _, sets in with_sets for one in sets],
                "reps": [one.reps for _, sets in with_sets for one in sets],
                "weight_kg": [one.weight_kg for _, sets in with_sets for one in sets],
                "rpe": [one.rpe for _, sets in with_sets for one in sets],
                "set_type": [one.set_type.value for _, sets in with_sets for one in sets],
            },
        )
    return old


def _save_mappings(connection: Connection, mappings: list[ExerciseMapping]) -> None:
    if not mappings:
        return
    by_key = {mapping.key: mapping for mapping in mappings}
    # The loads go with their mapping (ON DELETE CASCADE).
    connection.execute(_DELETE_MAPPING, [{"b_key": key} for key in by_key])
    connection.execute(
        _INSERT_MAPPING, [{"name_key": key, "name": one.name} for key, one in by_key.items()]
    )
    load_rows = [
        {"name_key": key, "group_id": group, "share": share}
        for key, one in by_key.items()
        for group, share in one.loads.items()
    ]
    if load_rows:
        connection.execute(_INSERT_MAPPING_LOAD, load_rows)


def _replace_ratings(
    connection: Connection,
    changes: Mapping[tuple[dt.date, str], SorenessRating | None],
    stored: Mapping[tuple[dt.date, str], SorenessRating],
) -> dict[tuple[dt.date, str], SorenessRating | None]:
    if not changes:
        return {}
    gone = [
        {"b_date": date, "b_region": region_id}
        for date, region_id in changes
        if (date, region_id) in stored
    ]
    if gone:
        connection.execute(_DELETE_RATING, gone)
    new = [rating for rating in changes.values() if rating is not None]
    _insert_columns(
        connection,
        soreness,
        {
            "date": [rating.date for rating in new],
            "region_id": [rating.region_id for rating in new],
            "level": [rating.level for rating in new],
            "note": [rating.note for rating in new],
            "quality": [None if rating.quality is None else rating.quality.value for rating in new],
        },
    )
    return {key: stored.get(key) for key in changes}


def _replace_check_ins(
    connection: Connection,
    changes: Mapping[dt.date, CheckIn | None],
    stored: Mapping[dt.date, CheckIn],
) -> dict[dt.date, CheckIn | None]:
    if not changes:
        return {}
    old = {date: stored.get(date) for date in changes}
    # Symptoms and actions go with their check-in (ON DELETE CASCADE).
    gone = [{"b_date": date} for date in changes if date in stored]
    if gone:
        connection.execute(_DELETE_CHECK_IN, gone)
    new = [day for day in changes.values() if day is not None and not day.is_empty]
    if new:
        connection.execute(
            _INSERT_CHECK_IN,
            [
                {
                    "date": day.date,
                    "water_litres": day.water_litres,
                    "sleep_hours": day.sleep_hours,
                    "note": day.note,
                }
                for day in new
            ],
        )
        ids = _ids_by_date(connection, _CHECK_IN_IDS_BETWEEN, [day.date for day in new])
        symptom_rows = [
            {"check_in_id": ids[day.date], "symptom": symptom.value}
            for day in new
            for symptom in day.symptoms
        ]
        if symptom_rows:
            connection.execute(_INSERT_SYMPTOM, symptom_rows)
        action_rows = [
            {"check_in_id": ids[day.date], "action": action.value}
            for day in new
            for action in day.actions
        ]
        if action_rows:
            connection.execute(_INSERT_ACTION, action_rows)
    return old
