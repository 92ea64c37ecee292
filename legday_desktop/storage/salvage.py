"""Reading what can still be read of a damaged journal: every row checked by the domain's rules.

A value changed on disk (a bit flip turning a level into 42) passes SQLite's page checks
but not the domain's; reading such a row stops every normal read. Here each table is read
raw, each row turned into domain values on its own, and the rows that break a rule are
named (table, row, what is wrong) instead of stopping the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, exc, select, type_coerce
from sqlalchemy.types import NullType

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.soreness import SorenessRating, parse_quality
from legday_desktop.domain.training import SetType, WorkoutSet
from legday_desktop.domain.wording import _
from legday_desktop.storage.tables import (
    check_in,
    check_in_action,
    check_in_symptom,
    leg_day,
    leg_day_exercise,
    profile,
    soreness,
    workout_set,
)

T = TypeVar("T")


@dataclass(frozen=True)
class DamagedRow:
    """One stored row that breaks a rule (or a table that could not be read at all)."""

    table: str
    row: str  # its key: "id 972"; empty for a whole table
    what: str  # what it holds, to find it: "2026-12-03, lower_back.right"
    problem: str

    def __str__(self) -> str:
        if self.row:
            where = _("table {table}, row {row}").format(table=self.table, row=self.row)
        else:
            where = _("table {table}").format(table=self.table)
        if self.what:
            where += f" ({self.what})"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Salvaged:
    """Every record that could be read and passes the domain's rules, and what did not."""

    journal: Journal
    damaged: tuple[DamagedRow, ...]


class _Reader:
    """Reads one table's rows raw, converting each value on its own (a failure is the row's)."""

    def __init__(self, connection: Connection, damaged: list[DamagedRow]) -> None:
        self._connection = connection
        self._damaged = damaged

    def rows(self, table: Table, order_by: Iterable[Column[Any]]) -> list[tuple[Any, ...]]:
        """The table's rows, raw; [] (and the table noted) when it cannot be read."""
        statement = select(*(_raw(column) for column in table.columns)).order_by(*order_by)
        try:
            with self._connection.begin():
                return [tuple(row) for row in self._connection.execute(statement)]
        except exc.DBAPIError as error:
            self._damaged.append(
                DamagedRow(
                    table.name, "", "", _("cannot be read ({error})").format(error=error.orig)
                )
            )
            return []

    def convert(self, column: Column[Any], value: Any) -> Any:
        """``value`` as the column's type gives it to Python (ValueError, TypeError if not)."""
        dialect = self._connection.dialect
        processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if value is None:
            if not column.nullable:
                raise ValueError(_("{name}: is missing").format(name=column.name))
            return None
        return value if processor is None else processor(value)

    def note(self, table: Table, row: str, what: str, problem: object) -> None:
        self._damaged.append(DamagedRow(table.name, row, what, str(problem)))


def _raw(column: Column[Any]) -> Any:
    """The column as the driver gives it: no conversion by SQLAlchemy (done per row later)."""
    return type_coerce(column, NullType()).label(column.name)


def salvage(connection: Connection) -> Salvaged:
    """Read every table through ``connection`` (not in a transaction), row by row."""
    damaged: list[DamagedRow] = []
    reader = _Reader(connection, damaged)
    leg_days = _leg_days(reader)
    ratings = _ratings(reader)
    check_ins = _check_ins(reader)
    stored_profile = _profile(reader)
    journal = Journal(tuple(leg_days), tuple(ratings), tuple(check_ins), stored_profile)
    return Salvaged(journal, tuple(damaged))


@dataclass(frozen=True)
class _Row:
    """Where a stored row is, to name it when it breaks a rule."""

    reader: _Reader
    table: Table
    key: str
    what: str

    def made(self, make: Callable[..., T], *arguments: Any, **fields: Any) -> T | None:
        """``make(*arguments, **fields)``, or None with the row noted as damaged."""
        try:
            return make(*arguments, **fields)
        except (ValueError, TypeError, OverflowError) as error:
            self.reader.note(self.table, self.key, self.what, error)
            return None


def _converted(reader: _Reader, table: Table, values: dict[str, Any], names: Iterable[str]) -> Any:
    """The named columns' values converted by their types (ValueError, TypeError if not)."""
    return {name: reader.convert(table.c[name], values[name]) for name in names}


def _leg_days(reader: _Reader) -> list[LegDay]:
    heads: dict[int, tuple[_Row, dict[str, Any]]] = {}
    for raw in reader.rows(leg_day, [leg_day.c.date, leg_day.c.id]):
        values = dict(zip(leg_day.columns.keys(), raw, strict=True))
        row = _Row(reader, leg_day, f"id {values['id']}", str(values["date"]))
        names = ("date", "start_time", "title", "rpe", "duration_minutes", "notes")
        fields = row.made(_converted, reader, leg_day, values, names)
        if fields is not None and row.made(LegDay, **fields) is not None:
            heads[values["id"]] = (row, fields)
    exercises: dict[int, list[str]] = {}
    order = [leg_day_exercise.c.leg_day_id, leg_day_exercise.c.position]
    for leg_day_id, position, name in reader.rows(leg_day_exercise, order):
        head = heads.get(leg_day_id)
        if head is None:
            continue  # its leg day is damaged (and named) or gone
        date = head[1]["date"]
        row = _Row(
            reader,
            leg_day_exercise,
            f"leg_day_id {leg_day_id}, position {position}",
            f"{date}, {name!r}",
        )
        if row.made(LegDay, date, exercises=(name,)) is not None:
            exercises.setdefault(leg_day_id, []).append(name)
    sets = _workout_sets(reader, heads)
    found = []
    for leg_day_id, (row, fields) in heads.items():
        made = row.made(
            LegDay,
            **fields,
            exercises=tuple(exercises.get(leg_day_id, ())),
            sets=tuple(sets.get(leg_day_id, ())),
        )
        if made is not None:
            found.append(made)
    return found


def _workout_sets(
    reader: _Reader, heads: dict[int, tuple[_Row, dict[str, Any]]]
) -> dict[int, list[WorkoutSet]]:
    """The logged sets of the leg days that could be read, each set checked on its own."""
    sets: dict[int, list[WorkoutSet]] = {}
    order = [workout_set.c.leg_day_id, workout_set.c.position]
    for raw in reader.rows(workout_set, order):
        values = dict(zip(workout_set.columns.keys(), raw, strict=True))
        head = heads.get(values["leg_day_id"])
        if head is None:
            continue  # its leg day is damaged (and named) or gone
        row = _Row(
            reader,
            workout_set,
            f"leg_day_id {values['leg_day_id']}, position {values['position']}",
            f"{head[1]['date']}, {values['exercise']!r}",
        )
        names = ("position", "exercise", "reps", "weight_kg", "rpe", "set_type")
        fields = row.made(_converted, reader, workout_set, values, names)
        if fields is None:
            continue
        made = row.made(
            lambda position, set_type, **rest: WorkoutSet(
                order=position, set_type=SetType(set_type), **rest
            ),
            **fields,
        )
        if made is not None:
            sets.setdefault(values["leg_day_id"], []).append(made)
    return sets


def _ratings(reader: _Reader) -> list[SorenessRating]:
    found = []
    for raw in reader.rows(soreness, [soreness.c.date, soreness.c.region_id]):
        values = dict(zip(soreness.columns.keys(), raw, strict=True))
        row = _Row(
            reader, soreness, f"id {values['id']}", f"{values['date']}, {values['region_id']}"
        )
        date = row.made(reader.convert, soreness.c.date, values["date"])
        if date is None:
            continue
        quality = row.made(parse_quality, values.get("quality"))
        if quality is None and values.get("quality") is not None:
            continue
        made = row.made(
            SorenessRating, date, values["region_id"], values["level"], values["note"], quality
        )
        if made is not None:
            found.append(made)
    return found


def _check_ins(reader: _Reader) -> list[CheckIn]:
    heads: dict[int, tuple[_Row, dict[str, Any]]] = {}
    for raw in reader.rows(check_in, [check_in.c.date]):
        values = dict(zip(check_in.columns.keys(), raw, strict=True))
        row = _Row(reader, check_in, f"id {values['id']}", str(values["date"]))
        names = ("date", "water_litres", "sleep_hours", "note")
        fields = row.made(_converted, reader, check_in, values, names)
        if fields is not None:
            heads[values["id"]] = (row, fields)
    items: dict[int, dict[str, set[Any]]] = {}
    kinds: tuple[tuple[Table, str, type[WarningSymptom] | type[RecoveryAction]], ...] = (
        (check_in_symptom, "symptom", WarningSymptom),
        (check_in_action, "action", RecoveryAction),
    )
    for table, column, kind in kinds:
        for check_in_id, value in reader.rows(table, [table.c.check_in_id, table.c[column]]):
            head = heads.get(check_in_id)
            if head is None:
                continue
            key = f"check_in_id {check_in_id}, {column} {value!r}"
            made = _Row(reader, table, key, str(head[1]["date"])).made(kind, value)
            if made is not None:
                items.setdefault(check_in_id, {}).setdefault(column, set()).add(made)
    found = []
    for check_in_id, (row, fields) in heads.items():
        of_day = items.get(check_in_id, {})
        symptoms = frozenset(of_day.get("symptom", ()))
        actions = frozenset(of_day.get("action", ()))
        check = row.made(CheckIn, symptoms=symptoms, actions=actions, **fields)
        if check is not None:
            found.append(check)
    return found


def _profile(reader: _Reader) -> Profile:
    for row_id, answer, answered_on in reader.rows(profile, [profile.c.id]):
        row = _Row(reader, profile, f"id {row_id}", "")
        made = row.made(_profile_of, reader, answer, answered_on)
        if made is not None:
            return made
    return Profile()


def _profile_of(reader: _Reader, answer: Any, answered_on: Any) -> Profile:
    return Profile(_yes_or_no(answer), reader.convert(profile.c.answered_on, answered_on))


def _yes_or_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1) and isinstance(value, int):
        return bool(value)
    raise ValueError(
        _("statin_or_new_medicine: must be yes (1) or no (0), got {value}").format(
            value=repr(value)
        )
    )
