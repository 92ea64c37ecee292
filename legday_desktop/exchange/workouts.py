"""Training apps' CSV exports (Strong, Hevy, FitNotes) read as sessions of sets, in kg.

A file is read a line at a time and a session is handed on as soon as the next one
begins (these apps write a session's rows together), so a file of any size is read in
bounded memory. A bad value raises ImportFileError naming the line and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.numbers import grouped
from legday_desktop.domain.training import (
    MAX_SETS_PER_LEG_DAY,
    MAX_WEIGHT_KG,
    ReadWorkouts,
    SetType,
    WeightUnit,
    WorkoutSession,
    WorkoutSet,
)
from legday_desktop.domain.wording import N_, _, ngettext, pgettext
from legday_desktop.exchange.errors import ImportFileError

_T = TypeVar("_T")

APPS = ("strong", "hevy", "fitnotes")
APP_TITLES = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes"}
_APP_LIST = N_("Strong, Hevy or FitNotes")

# Longest physical line read: a row of these exports is well under a kilobyte, and a file
# with no line breaks at all must not be read whole into one string.
_MAX_LINE_CHARS = 1 << 20
# Distinct exercise names and numbers remembered, so that the sets of a whole file share
# their strings and a repeated "62.5" is parsed once; capped so a hostile file cannot grow it.
_MAX_REMEMBERED = 10_000
_UNIT_NEEDED = N_("the file does not say whether weights are kg or lb; give --unit kg or --unit lb")
_UNIT_NAMES = {
    "kg": WeightUnit.KG,
    "kgs": WeightUnit.KG,
    "kilogram": WeightUnit.KG,
    "kilograms": WeightUnit.KG,
    "lb": WeightUnit.LB,
    "lbs": WeightUnit.LB,
    "pound": WeightUnit.LB,
    "pounds": WeightUnit.LB,
}
# Columns that only one app's header has (case ignored); two of them tell the app.
_MARKERS = {
    "strong": frozenset(
        ("workout name", "exercise name", "set order", "workout notes", "workout duration")
    ),
    "hevy": frozenset(
        (
            "start_time",
            "end_time",
            "exercise_title",
            "superset_id",
            "exercise_notes",
            "set_index",
            "set_type",
            "weight_kg",
            "weight_lbs",
            "distance_km",
            "distance_miles",
            "duration_seconds",
        )
    ),
    "fitnotes": frozenset(
        ("exercise", "category", "comment", "kind", "weight (kg)", "weight (kgs)", "weight (lbs)")
    ),
}


# Named for what the caller must do, not with an Error suffix: it is a question to ask.
class UnitNeeded(ImportFileError):  # noqa: N818
    """The file does not say whether its weights are kg or lb: ask, then read it with a unit."""

    def __init__(self, source: str, where: str, field: str) -> None:
        super().__init__(source, where, field, _(_UNIT_NEEDED))


def detect_app(header: Sequence[str]) -> str | None:
    """``strong``, ``hevy`` or ``fitnotes`` as the header row tells; None for anything else."""
    names = {_column_key(cell) for cell in header}
    best = max(APPS, key=lambda app: len(names & _MARKERS[app]))
    return best if len(names & _MARKERS[best]) >= 2 else None


def read_workouts(
    path: Path,
    app: str | None = None,
    unit: WeightUnit | None = None,
    *,
    source: str | None = None,
) -> ReadWorkouts:
    """Every session of the export at ``path``, with what was skipped; see WorkoutReader."""
    reader = WorkoutReader(path, app=app, unit=unit, source=source)
    sessions = tuple(reader)
    # A file with no weight in it was read in no unit at all: kilograms say nothing wrong.
    return ReadWorkouts(reader.app, reader.unit or WeightUnit.KG, sessions, reader.skipped_rows)


def iter_sessions(
    path: Path,
    *,
    app: str | None = None,
    unit: WeightUnit | None = None,
    source: str | None = None,
) -> Iterator[WorkoutSession]:
    """The sessions of the export at ``path`` one by one, in file order; see WorkoutReader.

    The header is checked now (a wrong app or a missing unit raises at once), the rows as
    the sessions are taken.
    """
    return iter(WorkoutReader(path, app=app, unit=unit, source=source))


class WorkoutReader:
    """A training app's export, read anew, a session at a time, each time it is iterated.

    Opening checks the header: ``app`` is the app whose export it is (the caller's must
    match it); ``unit`` the unit weights are read in, from the file or the caller, None
    while that is not known yet (FitNotes gives it on every row). ``skipped_rows`` counts
    the rows read so far that are not sets: Strong's rest timers, rows with no exercise.
    Raises UnitNeeded when neither the file nor the caller says the unit; ImportFileError
    (``source``, 1-based line, column as the header names it) for anything else wrong.
    """

    def __init__(
        self,
        path: Path,
        *,
        app: str | None = None,
        unit: WeightUnit | None = None,
        source: str | None = None,
    ) -> None:
        if app is not None and app not in APPS:
            raise ValueError(
                _("unknown app {app}; Legday reads {apps}").format(
                    app=repr(app), apps=", ".join(APPS)
                )
            )
        self.path = path
        self.source = str(path) if source is None else source
        self._asked_app = app
        self._asked_unit = unit
        self.skipped_rows = 0
        with _text_lines(path, self.source) as lines:
            start = _header_of(lines, self.source)
        self._header = start.header
        rows = self._rows()
        self.app = rows.app
        self.unit: WeightUnit | None = rows.unit

    def _rows(self) -> _Rows:
        """A fresh reader of this file's rows, checking its header against the caller's app."""
        header, source = self._header, self.source
        detected = detect_app(header.cells)
        app = self._asked_app or detected
        if app is None:
            raise header.fail(
                source,
                _("not an export of {apps}, the apps Legday reads; its header is {header}").format(
                    apps=_(_APP_LIST), header=",".join(header.cells)
                ),
            )
        if detected is not None and detected != app:
            raise header.fail(
                source,
                _("this is a {detected} export, not {asked}").format(
                    detected=APP_TITLES[detected], asked=APP_TITLES[app]
                ),
            )
        kind = {"strong": _StrongRows, "hevy": _HevyRows, "fitnotes": _FitNotesRows}[app]
        return kind(header, source, self._asked_unit)

    def __iter__(self) -> Iterator[WorkoutSession]:
        self.skipped_rows = 0
        with _text_lines(self.path, self.source) as lines:
            start = _header_of(lines, self.source)
            if start.header.cells != self._header.cells:
                raise start.header.fail(self.source, _("the file changed since it was opened"))
            yield from self._sessions(start, self._rows())

    def _sessions(self, start: _Start, rows: _Rows) -> Iterator[WorkoutSession]:
        """Rows grouped into sessions; a session is yielded when the next one begins."""
        reader = csv.reader(start.lines, delimiter=start.header.delimiter, strict=True)
        consumed = start.consumed  # physical lines read up to the last row
        key: tuple[str, ...] | None = None
        head: _Head | None = None
        sets: list[WorkoutSet] = []
        first_line = 0
        # Hashes of the sessions met (not their keys: a long file has tens of thousands).
        seen: set[int] = set()
        try:
            for row in reader:
                rows.line = consumed + 1
                consumed = start.consumed + reader.line_num
                if not any(cell.strip() for cell in row):
                    continue  # a blank line
                rows.check_width(row)
                if rows.skips(row):
                    self.skipped_rows += 1
                    continue
                row_key = rows.key(row)
                if row_key != key:
                    if head is not None and sets:
                        yield _session(head, sets, first_line)
                    if hash(row_key) in seen:
                        raise rows.fail_key(
                            _(
                                "this session has rows earlier in the file, with other sessions "
                                "between; a session's rows must be together, as the app writes "
                                "them"
                            )
                        )
                    seen.add(hash(row_key))
                    key, head, sets, first_line = row_key, rows.head(row), [], rows.line
                if len(sets) == MAX_SETS_PER_LEG_DAY:
                    raise rows.fail_key(
                        _(
                            "the session that begins on line {line} has more than {most} sets, "
                            "the most a leg day holds"
                        ).format(line=first_line, most=MAX_SETS_PER_LEG_DAY)
                    )
                sets.append(rows.set_of(row, len(sets) + 1))
                self.unit = self.unit or rows.unit
        except csv.Error as error:
            rows.line = consumed + 1  # the row that could not be read begins there
            if "field larger than field limit" in str(error):
                raise rows.fail_row(
                    _("a field is longer than {limit} characters; is this a {apps} export?").format(
                        limit=grouped(csv.field_size_limit()), apps=_(_APP_LIST)
                    )
                ) from None
            raise rows.fail_row(_("not valid CSV ({error})").format(error=error)) from None
        if head is not None and sets:
            yield _session(head, sets, first_line)


def _session(head: _Head, sets: list[WorkoutSet], line: int) -> WorkoutSession:
    return WorkoutSession(
        head.date,
        head.title,
        tuple(sets),
        start_time=head.start_time,
        notes=head.notes,
        duration_minutes=head.duration_minutes,
        line=line,
    )


class _Head(NamedTuple):
    """What a session's first row says of the whole session."""

    date: dt.date
    title: str
    start_time: dt.time | None
    notes: str
    duration_minutes: int | None


# --- the file: lines, encoding, header --------------------------------------------------


class _TextLines:
    """A file's physical lines, decoded as UTF-8, as csv.reader wants them (endings kept).

    Only CR, LF and CRLF end a line, as csv.reader counts them. Bytes that are not UTF-8
    raise ImportFileError naming their line when that line is reached.
    """

    def __init__(self, binary: io.BufferedReader, source: str) -> None:
        # surrogateescape: a bad byte becomes a lone surrogate, found and named by its line.
        self._text = io.TextIOWrapper(
            binary, encoding="utf-8", errors="surrogateescape", newline=""
        )
        self._source = source
        self.number = 0  # lines handed out
        self._offset = 0  # bytes before the next line

    def close(self) -> None:
        self._text.close()

    def __iter__(self) -> Iterator[str]:
        readline, source = self._text.readline, self._source
        while True:
            try:
                line = readline(_MAX_LINE_CHARS)
            except OSError as error:  # a disk or a network share failing half-way
                raise ImportFileError(
                    source, str(self.number + 1), "file", error.strerror or str(error)
                ) from None
            if not line:
                return
            self.number += 1
            if len(line) == _MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
                raise ImportFileError(
                    source,
                    str(self.number),
                    "row",
                    _(
                        "the line is longer than {limit} characters; is this a {apps} export?"
                    ).format(limit=grouped(_MAX_LINE_CHARS), apps=_(_APP_LIST)),
                )
            if self.number == 1 and line.startswith("\ufeff"):
                line = line[1:]
                self._offset += 3
            if line.isascii():
                self._offset += len(line)
            else:
                self._offset += self._utf8_length(line)
            yield line

    def _utf8_length(self, line: str) -> int:
        try:
            return len(line.encode("utf-8"))
        except UnicodeEncodeError as error:
            before = len(line[: error.start].encode("utf-8", "surrogateescape"))
            byte = ord(line[error.start]) - 0xDC00
            raise ImportFileError(
                self._source,
                str(self.number),
                "encoding",
                _(
                    "not UTF-8 text (byte {byte} at offset {offset}); "
                    "save the file as UTF-8 and try again"
                ).format(byte=f"0x{byte:02x}", offset=self._offset + before),
            ) from None


@contextmanager
def _text_lines(path: Path, source: str) -> Iterator[_TextLines]:
    """The file's lines, the file open for the ``with`` block only."""
    try:
        binary = path.open("rb")
    except OSError as error:
        raise ImportFileError(source, "", "file", error.strerror or str(error)) from None
    lines = _TextLines(binary, source)
    try:
        yield lines
    finally:
        lines.close()


@dataclass(frozen=True, slots=True)
class _Header:
    """The header row: its cells as the file spells them, where it stands, its delimiter."""

    cells: tuple[str, ...]
    line: int
    delimiter: str

    def index(self, *names: str) -> int | None:
        """The first column there is of ``names`` (case ignored), or None."""
        keys = [_column_key(cell) for cell in self.cells]
        for name in names:
            if (key := _column_key(name)) in keys:
                return keys.index(key)
        return None

    def fail(self, source: str, problem: str) -> ImportFileError:
        return ImportFileError(source, str(self.line), "header", problem)


@dataclass(frozen=True, slots=True)
class _Start:
    """A file read up to its header: the header and the lines that follow it."""

    header: _Header
    lines: Iterable[str]
    consumed: int  # physical lines up to the header's end


def _header_of(lines: _TextLines, source: str) -> _Start:
    """The header (the first line that is not blank) and an iterator of the lines after it."""
    line_iter = iter(lines)
    for line in line_iter:
        if line.strip():
            break
    else:
        raise ImportFileError(
            source,
            "1",
            "header",
            _("the file is empty; expected a {apps} export").format(apps=_(_APP_LIST)),
        )
    delimiter = max((",", ";", "\t"), key=line.count)
    rest = itertools.chain([line], line_iter)
    reader = csv.reader(rest, delimiter=delimiter, strict=True)
    number = lines.number
    try:
        cells = next(reader)
    except csv.Error as error:
        raise ImportFileError(
            source, str(number), "header", _("not valid CSV ({error})").format(error=error)
        ) from None
    header = _Header(tuple(cell.strip() for cell in cells), number, delimiter)
    return _Start(header, line_iter, lines.number)


def _column_key(name: str) -> str:
    return name.strip().lstrip("\ufeff").casefold()


# --- values -----------------------------------------------------------------------------

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NUMBER_OR_DECIMAL_COMMA = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_STRONG_DATE = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
    r"(?:[ \u00a0\u202f]?([AaPp][Mm]))?)?"
)
_HEVY_DATE = re.compile(
    r"([0-9]{1,2}) ([A-Za-z]{3,9})\.? ([0-9]{4}),? ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
)
_ISO_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION = re.compile(
    r"(?:([0-9]{1,4}) ?h)? ?(?:([0-9]{1,5}) ?m(?:in)?)? ?(?:([0-9]{1,6}) ?s)?", re.IGNORECASE
)
# Month names as Hevy writes them, in English whatever the locale (strptime's follow it).
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_STRONG_SET_TYPES = {"w": SetType.WARMUP, "d": SetType.DROP, "f": SetType.FAILURE}
_HEVY_SET_TYPES = {
    "": SetType.NORMAL,
    "normal": SetType.NORMAL,
    "warmup": SetType.WARMUP,
    "warm-up": SetType.WARMUP,
    "warm_up": SetType.WARMUP,
    "dropset": SetType.DROP,
    "drop": SetType.DROP,
    "drop_set": SetType.DROP,
    "failure": SetType.FAILURE,
}


def _date_time(day: str, hour: str, minute: str, second: str | None) -> dt.datetime:
    """A calendar date and time of day; ValueError if there is none such."""
    return dt.datetime.combine(
        dt.date.fromisoformat(day), dt.time(int(hour), int(minute), int(second or 0))
    )


def _month(name: str) -> int | None:
    name = name.casefold()
    for number, month in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name):
            return number
    return None


# --- rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _WeightColumn:
    """A column of weights: in the unit its name says, or (None) in another's."""

    index: int
    unit: WeightUnit | None


class _Rows:
    """How one app's rows become sets; ``line`` is the file line of the row being read.

    ``unit`` is the unit weights are read in: the caller's, or the file's once it says.
    """

    app = ""

    def __init__(self, header: _Header, source: str, asked: WeightUnit | None) -> None:
        self.header = header
        self.source = source
        self.asked = asked
        self.unit = asked
        self.line = header.line
        self.width = len(header.cells)
        self._decimal_comma = header.delimiter != ","
        self._numbers: dict[str, float] = {}
        self._names: dict[str, str] = {}
        self._weight_used = -1  # the column of the weight being read (for messages)
        # Subclasses set these from the header.
        self.exercise = -1
        self.reps = -1
        self.rpe: int | None = None
        self.weights: tuple[_WeightColumn, ...] = ()
        self.weight_unit: int | None = None  # a column saying each row's unit
        self.key_columns: tuple[int, ...] = ()

    # Columns and the unit, from the header.

    def need(self, *names: str) -> int:
        """The column of the first of ``names``; an error naming the first if none is there."""
        index = self.header.index(*names)
        if index is None:
            wanted = pgettext("between column names", " or ").join(names)
            raise self.header.fail(
                self.source,
                _("not a {app} export: missing column {column}").format(
                    app=APP_TITLES[self.app], column=wanted
                ),
            )
        return index

    def set_weights(self, named: Sequence[tuple[str, WeightUnit]], plain: str | None) -> None:
        """Weights from unit-named columns, else from ``plain`` (its unit said otherwise).

        Where both kg and lb columns are there, a row's weight is taken from the filled one,
        the caller's unit first.
        """
        found = [
            (unit is not self.asked, unit, index)
            for name, unit in named
            if (index := self.header.index(name)) is not None
        ]
        if found:
            found.sort()
            units = {unit for _, unit, _ in found}
            if len(units) == 1:
                (file_unit,) = units
                if self.asked is not None and file_unit is not self.asked:
                    raise self.fail(found[0][2], self._disagreement(file_unit))
                self.unit = file_unit
            self.weights = tuple(_WeightColumn(index, unit) for _, unit, index in found)
            return
        if plain is None:
            self.need(*(name for name, _ in named))
            return
        self.weights = (_WeightColumn(self.need(plain), None),)
        self.weight_unit = self.header.index("Weight Unit")
        if self.weight_unit is None and self.asked is None:
            raise UnitNeeded(
                self.source, str(self.header.line), self.header.cells[self.weights[0].index]
            )

    def _disagreement(self, file_unit: WeightUnit) -> str:
        return _(
            "the file says its weights are in {unit}, but {asked} was asked; "
            "give --unit {unit} or leave it out"
        ).format(unit=file_unit, asked=self.asked)

    # Errors.

    def fail(self, index: int, problem: str) -> ImportFileError:
        return ImportFileError(self.source, str(self.line), self.header.cells[index], problem)

    def fail_row(self, problem: str) -> ImportFileError:
        return ImportFileError(self.source, str(self.line), "row", problem)

    def fail_key(self, problem: str) -> ImportFileError:
        return self.fail(self.key_columns[0], problem)

    def check_width(self, row: list[str]) -> None:
        if len(row) < self.width or (
            len(row) > self.width and any(cell.strip() for cell in row[self.width :])
        ):
            raise self.fail_row(
                ngettext(
                    "has {count} field; the header has {width} ({header})",
                    "has {count} fields; the header has {width} ({header})",
                    len(row),
                ).format(
                    count=len(row),
                    width=self.width,
                    header=self.header.delimiter.join(self.header.cells),
                )
            )

    # What each app says differently.

    def skips(self, row: list[str]) -> bool:
        """True for a row that is not a set (it is counted in skipped_rows)."""
        return not row[self.exercise].strip()

    def key(self, row: list[str]) -> tuple[str, ...]:
        """The cells that are the same on every row of one session."""
        return tuple(row[index] for index in self.key_columns)

    def head(self, row: list[str]) -> _Head:
        raise NotImplementedError

    def set_type(self, row: list[str]) -> SetType:
        raise NotImplementedError

    # The set.

    def set_of(self, row: list[str], order: int) -> WorkoutSet:
        name = row[self.exercise].strip()
        name = self._names.get(name) or self._remembered(self._names, name, name)
        set_type = self.set_type(row)
        reps = self._reps(row)
        weight = self._weight(row)
        rpe = self._rpe(row)
        try:
            return WorkoutSet(name, order, reps, weight, rpe, set_type)
        except DomainError as error:
            raise self.fail(self._column_of(error.field), error.problem) from None

    def _column_of(self, field: str) -> int:
        columns = {"reps": self.reps, "weight": self._weight_used, "rpe": self.rpe}
        index = columns.get(field)
        return self.exercise if index is None or index < 0 else index

    def _reps(self, row: list[str]) -> int | None:
        value = self._number(row, self.reps)
        if value is None:
            return None
        if not value.is_integer():
            raise self.fail(
                self.reps, _('"{value}" is not a whole number').format(value=row[self.reps].strip())
            )
        return int(value) or None  # the apps write 0 for reps not logged (a timed set)

    def _rpe(self, row: list[str]) -> float | None:
        if self.rpe is None:
            return None
        return self._number(row, self.rpe) or None  # 0: not said

    def _weight(self, row: list[str]) -> float | None:
        for column in self.weights:
            if row[column.index].strip():
                break
        else:
            return None
        self._weight_used = column.index
        value = self._number(row, column.index)
        if not value:
            return None  # the apps write 0 for a body-weight set or a weight not logged
        unit = column.unit or self._row_unit(row)
        if column.unit is not None and self.asked is not None and column.unit is not self.asked:
            raise self.fail(column.index, self._disagreement(column.unit))
        self.unit = self.unit or unit
        if value < 0:
            raise self.fail(
                column.index,
                _("{value} {unit} is negative").format(value=row[column.index].strip(), unit=unit),
            )
        kg = round(unit.to_kg(value), 2)
        if kg > MAX_WEIGHT_KG:
            if unit is WeightUnit.KG:
                problem = _("{value} {unit} is more than {most} kg; is the unit right?")
            else:
                problem = _("{value} {unit} ({kg} kg) is more than {most} kg; is the unit right?")
            raise self.fail(
                column.index,
                problem.format(
                    value=row[column.index].strip(),
                    unit=unit,
                    kg=f"{kg:g}",
                    most=f"{MAX_WEIGHT_KG:g}",
                ),
            )
        return kg

    def _row_unit(self, row: list[str]) -> WeightUnit:
        """The unit of a weight in the plain column: the row's Weight Unit, or the caller's."""
        if self.weight_unit is None:
            assert self.asked is not None  # else UnitNeeded from the header
            return self.asked
        text = row[self.weight_unit].strip()
        if not text:
            if self.asked is None:
                raise UnitNeeded(self.source, str(self.line), self.header.cells[self.weight_unit])
            return self.asked
        unit = _UNIT_NAMES.get(text.casefold())
        if unit is None:
            raise self.fail(self.weight_unit, _('"{value}" is not kg or lb').format(value=text))
        if self.asked is not None and unit is not self.asked:
            raise self.fail(self.weight_unit, self._disagreement(unit))
        return unit

    def _number(self, row: list[str], index: int) -> float | None:
        """The cell's number; None when it is empty."""
        text = row[index]
        value = self._numbers.get(text)
        if value is not None:
            return value
        cleaned = text.strip()
        if not cleaned:
            return None
        pattern = _NUMBER_OR_DECIMAL_COMMA if self._decimal_comma else _NUMBER
        if not pattern.fullmatch(cleaned):
            raise self.fail(index, _('"{value}" is not a number').format(value=cleaned))
        value = float(cleaned.replace(",", "."))
        if not math.isfinite(value):
            raise self.fail(index, _('"{value}" is too large').format(value=cleaned))
        return self._remembered(self._numbers, text, value)

    @staticmethod
    def _remembered(memory: dict[str, _T], text: str, value: _T) -> _T:
        if len(memory) < _MAX_REMEMBERED:
            memory[text] = value
        return value


class _StrongRows(_Rows):
    """Strong: a row a set; ``Set Order`` is the set's number, W, D, F or ``Rest Timer``.

    Today's export says nothing of the unit; an older one has a ``Weight Unit`` column.
    """

    app = "strong"

    def __init__(self, header: _Header, source: str, asked: WeightUnit | None) -> None:
        super().__init__(header, source, asked)
        self.date = self.need("Date")
        self.title = self.need("Workout Name")
        self.exercise = self.need("Exercise Name")
        self.order = self.need("Set Order")
        self.reps = self.need("Reps")
        self.set_weights((), "Weight")
        self.rpe = header.index("RPE")
        self.notes = header.index("Workout Notes")
        self.duration = header.index("Duration", "Workout Duration")
        self.key_columns = (self.date, self.title)

    def skips(self, row: list[str]) -> bool:
        return not row[self.exercise].strip() or row[self.order].strip().casefold() == "rest timer"

    def head(self, row: list[str]) -> _Head:
        text = row[self.date].strip()
        found = _STRONG_DATE.fullmatch(text)
        try:
            if found is None:
                raise ValueError
            day, hour, minute, second, half = found.groups()
            if hour is None:
                date, start = dt.date.fromisoformat(day), None
            else:
                if half is not None:
                    if not 1 <= int(hour) <= 12:
                        raise ValueError
                    hour = str(int(hour) % 12 + (12 if half.casefold() == "pm" else 0))
                moment = _date_time(day, hour, minute, second)
                date, start = moment.date(), moment.time()
        except ValueError:
            raise self.fail(
                self.date,
                _('"{value}" is not a date and time like 2026-09-01 08:00:00').format(value=text),
            ) from None
        return _Head(
            date,
            row[self.title].strip(),
            start,
            "" if self.notes is None else row[self.notes].strip(),
            None if self.duration is None else self._duration(row[self.duration].strip()),
        )

    def _duration(self, text: str) -> int | None:
        if not text:
            return None
        found = _DURATION.fullmatch(text)
        if found is None or not any(found.groups()):
            assert self.duration is not None
            raise self.fail(
                self.duration, _('"{value}" is not a duration like 1h 5m').format(value=text)
            )
        hours, minutes, seconds = (int(part or 0) for part in found.groups())
        return hours * 60 + minutes + (seconds + 30) // 60

    def set_type(self, row: list[str]) -> SetType:
        text = row[self.order].strip()
        if not text or text.isdigit():
            return SetType.NORMAL
        set_type = _STRONG_SET_TYPES.get(text.casefold())
        if set_type is None:
            raise self.fail(
                self.order,
                _(
                    '"{value}" is not a set number, W (warm-up), D (drop set), F (failure) '
                    "or Rest Timer"
                ).format(value=text),
            )
        return set_type


class _HevyRows(_Rows):
    """Hevy: a row a set, weights in the unit the column's name says (weight_kg, weight_lbs)."""

    app = "hevy"

    def __init__(self, header: _Header, source: str, asked: WeightUnit | None) -> None:
        super().__init__(header, source, asked)
        self.title = self.need("title")
        self.start = self.need("start_time")
        self.exercise = self.need("exercise_title")
        self.kind = self.need("set_type")
        self.reps = self.need("reps")
        self.set_weights((("weight_kg", WeightUnit.KG), ("weight_lbs", WeightUnit.LB)), None)
        self.end = header.index("end_time")
        self.notes = header.index("description")
        self.rpe = header.index("rpe")
        self.key_columns = (self.start, self.title)

    def head(self, row: list[str]) -> _Head:
        start = self._moment(self.start, row[self.start].strip())
        minutes = None
        if self.end is not None and (end_text := row[self.end].strip()):
            end = self._moment(self.end, end_text)
            if end < start:
                raise self.fail(
                    self.end, _('"{value}" comes before the start_time').format(value=end_text)
                )
            minutes = round((end - start).total_seconds() / 60)
        return _Head(
            start.date(),
            row[self.title].strip(),
            start.time(),
            "" if self.notes is None else row[self.notes].strip(),
            minutes,
        )

    def _moment(self, index: int, text: str) -> dt.datetime:
        try:
            if found := _HEVY_DATE.fullmatch(text):
                day, month_name, year, hour, minute, second = found.groups()
                month = _month(month_name)
                if month is None:
                    raise ValueError
                return _date_time(f"{year}-{month:02}-{int(day):02}", hour, minute, second)
            if _ISO_DATE_TIME.fullmatch(text):
                # The wall-clock time the person trained at, whatever zone it was written in.
                return dt.datetime.fromisoformat(text).replace(tzinfo=None)
            raise ValueError
        except ValueError:
            raise self.fail(
                index,
                _('"{value}" is not a date and time like 22 Sep 2026, 08:00').format(value=text),
            ) from None

    def set_type(self, row: list[str]) -> SetType:
        text = row[self.kind].strip()
        set_type = _HEVY_SET_TYPES.get(text.casefold())
        if set_type is None:
            raise self.fail(
                self.kind,
                _('"{value}" is not normal, warmup, dropset or failure').format(value=text),
            )
        return set_type


class _FitNotesRows(_Rows):
    """FitNotes: a row a set, a session a date, with no title.

    Android writes ``Weight`` and its ``Weight Unit`` on every row (or one ``Weight (kgs)``
    column); iOS ``Weight (kg)`` and ``Weight (lbs)``, and a ``Kind`` that marks warm-ups.
    """

    app = "fitnotes"

    def __init__(self, header: _Header, source: str, asked: WeightUnit | None) -> None:
        super().__init__(header, source, asked)
        self.date = self.need("Date")
        self.exercise = self.need("Exercise")
        self.reps = self.need("Reps")
        self.set_weights(
            (
                ("Weight (kg)", WeightUnit.KG),
                ("Weight (kgs)", WeightUnit.KG),
                ("Weight (lbs)", WeightUnit.LB),
                ("Weight (lb)", WeightUnit.LB),
            ),
            "Weight",
        )
        self.kind = header.index("Kind")
        self.rpe = header.index("RPE")
        self.key_columns = (self.date,)

    def head(self, row: list[str]) -> _Head:
        text = row[self.date].strip()
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            date = dt.date.fromisoformat(text)
        except ValueError:
            raise self.fail(
                self.date, _('"{value}" is not a date like 2026-09-01').format(value=text)
            ) from None
        return _Head(date, "", None, "", None)

    def set_type(self, row: list[str]) -> SetType:
        if self.kind is not None and "warm" in row[self.kind].casefold():
            return SetType.WARMUP
        return SetType.NORMAL
