"""Fuzzing ``legday import``: a file goes in whole, or nothing changes and exit 2 says where."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers.journals import filled_store, small_journal
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from legday_desktop.cli import main
from legday_desktop.domain.check_ins import RecoveryAction, WarningSymptom
from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import QUALITY_IDS
from legday_desktop.exchange.csv_format import COLUMNS, COLUMNS_BEFORE_QUALITY, HEADER
from legday_desktop.exchange.json_format import FORMAT_VERSION, write_json
from legday_desktop.exchange.reading import MAX_IMPORT_BYTES

# --- how many examples --------------------------------------------------------------
#
# Every example runs the real command (legday_desktop.cli.main) on a fresh copy of a filled
# SQLite journal. With LEGDAY_FUZZ_EXAMPLES unset, the CI profile: the same 300 examples
# per property on every run (derandomized), about 25 s for this file. Set, as in
#   LEGDAY_FUZZ_EXAMPLES=5000 pytest tests/unit/test_import_fuzz.py --hypothesis-show-statistics
# it runs that many fresh random examples per property, without the per-test timeout.
LONG_RUN_EXAMPLES = int(os.environ.get("LEGDAY_FUZZ_EXAMPLES") or 0)
_COMMON: dict[str, Any] = {
    "deadline": None,  # one example copies a journal and runs the command twice
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile(
    "legday-fuzz-ci", max_examples=300, derandomize=True, database=None, **_COMMON
)
settings.register_profile(
    "legday-fuzz-long", max_examples=LONG_RUN_EXAMPLES or 5000, print_blob=True, **_COMMON
)
FUZZ = settings.get_profile("legday-fuzz-long" if LONG_RUN_EXAMPLES else "legday-fuzz-ci")
if LONG_RUN_EXAMPLES:
    pytestmark = pytest.mark.timeout(0)

TODAY = dt.date.today()
# Messages are one line: "legday: error: FILE:WHERE: FIELD: PROBLEM", WHERE a line number
# or a JSON path; a few hundred characters whatever the file holds.
MAX_MESSAGE_EXTRA = 800
_PLACE = re.compile(r":(?P<where>[0-9]+|\$(?:\.[a-z_]+|\[[0-9]+\])*): ")

# --- the journal every example starts from ------------------------------------------

Document = dict[str, Any]  # a JSON export, parsed
Entry = dict[str, Any]  # one entry of a JSON export, as the export writes it


@dataclass(frozen=True, repr=False)
class StoredJournal:
    """A filled journal file to copy for each example, with its rows and its export."""

    path: Path
    rows: str
    document: Document

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # how Hypothesis shows it
        printer.text(f"StoredJournal({self.path.name})")


def run_legday(*arguments: str | Path) -> tuple[int, str, str]:
    """Run ``legday`` in-process; stderr is strict UTF-8 so unprintable text would fail."""
    out, err = io.BytesIO(), io.BytesIO()
    out_text = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    err_text = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(out_text), contextlib.redirect_stderr(err_text):
        code = main([str(argument) for argument in arguments])
    return code, out.getvalue().decode(), err.getvalue().decode()


def all_rows(path: Path) -> str:
    """Every row of every table (and the schema), to tell whether anything changed."""
    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def exported(path: Path) -> Document:
    code, out, err = run_legday("export", "--db", path, "--format", "json")
    assert code == 0, err
    document: Document = json.loads(out)
    return document


STORED = json.loads(write_json(small_journal()))
QUALITY_SINCE = 3  # the format_version that added a rating's "quality"
STORED_LEG_DAY_DATES = [dt.date.fromisoformat(entry["date"]) for entry in STORED["leg_days"]]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> StoredJournal:
    path = tmp_path_factory.mktemp("fuzz") / "stored.sqlite3"
    filled_store(path).close()
    assert not Path(f"{path}-wal").exists()  # one file holds it all: copies are complete
    document = exported(path)
    assert document == STORED
    return StoredJournal(path, all_rows(path), document)


# --- what a file says, read with the standard library alone ---------------------------


@dataclass
class FileSays:
    """The records of an importable file, as a JSON export would write them.

    ``places`` maps a record's key to its line (CSV) or JSON path; ``declared`` holds
    each CSV row's (date, leg_day_date, days_after).
    """

    leg_days: list[Entry] = field(default_factory=list)
    ratings: list[Entry] = field(default_factory=list)
    check_ins: list[Entry] = field(default_factory=list)
    leg_days_are_references: bool = False
    places: dict[tuple[str, ...], str] = field(default_factory=dict)
    declared: list[tuple[str, str | None, int | None]] = field(default_factory=list)


def imported_leg_day(date: str) -> Entry:
    return {
        "date": date,
        "start_time": None,
        "title": "Imported",
        "exercises": [],
        "rpe": None,
        "duration_minutes": None,
        "notes": "",
    }


def is_json(text: str, name: str) -> bool:
    """The rule PRODUCT.md gives: by the suffix, else by the content."""
    suffix = Path(name).suffix.lower()
    return suffix == ".json" or (suffix != ".csv" and text.lstrip().startswith(("{", "[")))


def file_says(data: bytes, name: str) -> FileSays:
    text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    return json_says(json.loads(text)) if is_json(text, name) else csv_says(text)


def csv_says(text: str) -> FileSays:
    says = FileSays(leg_days_are_references=True)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header_seen = False
    line = 1
    for row in reader:
        if row and not header_seen:
            assert tuple(cell.strip() for cell in row) in (COLUMNS, COLUMNS_BEFORE_QUALITY)
            header_seen = True
        elif row:
            date, region, _, leg_day_date, days_after = row[:5]
            says.ratings.append(csv_rating(row))
            says.places["rating", date, region] = str(line)
            if leg_day_date and all(day["date"] != leg_day_date for day in says.leg_days):
                says.leg_days.append(imported_leg_day(leg_day_date))
            days = int(days_after) if days_after else None
            says.declared.append((date, leg_day_date or None, days))
        line = reader.line_num + 1
    return says


def canonical_time(text: str | None) -> str | None:
    """Times as the export writes them: seconds only when there are some."""
    if text is not None and len(text) == len("HH:MM:SS"):
        return text.removesuffix(":00")
    return text


def amount(value: float | None) -> float | None:
    return None if value is None else float(value)


def json_says(document: Document) -> FileSays:
    says = FileSays()
    for index, entry in enumerate(document["leg_days"]):
        says.leg_days.append(
            {
                "date": entry["date"],
                "start_time": canonical_time(entry.get("start_time")),
                "title": entry.get("title", ""),
                "exercises": entry.get("exercises", []),
                "rpe": entry.get("rpe"),
                "duration_minutes": entry.get("duration_minutes"),
                "notes": entry.get("notes", ""),
            }
        )
        says.places["leg_day", entry["date"]] = f"$.leg_days[{index}]"
    for index, entry in enumerate(document["soreness"]):
        rating = {**entry, "note": entry.get("note", "")}
        if rating.get("quality") is None:
            rating.pop("quality", None)  # not said: the export leaves it out
        says.ratings.append(rating)
        says.places["rating", entry["date"], entry["region"]] = f"$.soreness[{index}]"
    for index, entry in enumerate(document["check_ins"]):
        says.check_ins.append(
            {
                "date": entry["date"],
                "symptoms": sorted(entry.get("symptoms", [])),
                "actions": sorted(entry.get("actions", [])),
                "water_litres": amount(entry.get("water_litres")),
                "sleep_hours": amount(entry.get("sleep_hours")),
                "note": entry.get("note", ""),
            }
        )
        says.places["check_in", entry["date"]] = f"$.check_ins[{index}]"
    return says


@dataclass
class Merged:
    """The journal an import should leave, the summary it should print, its conflicts."""

    document: Document
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    conflicts: list[tuple[tuple[str, ...], str]] = field(default_factory=list)


def is_empty_check_in(entry: Entry) -> bool:
    """A check-in that records nothing is the same as none (and is never stored)."""
    nothing = {"symptoms": [], "actions": [], "water_litres": None, "sleep_hours": None}
    return entry == {**entry, **nothing, "note": ""}


def merged(before: Document, says: FileSays, *, replace: bool) -> Merged:
    """The journal after importing ``says`` into ``before``, as PRODUCT.md promises it.

    Records equal to stored ones are skipped, others added; one that differs from a stored
    one is a conflict unless ``replace``. CSV leg days are only created where missing.
    """
    result = Merged(before)
    sections: list[tuple[str, str, list[Entry], Callable[[Entry], tuple[str, ...]]]] = [
        ("leg_days", "leg_day", says.leg_days, lambda e: ("leg_day", e["date"])),
        ("soreness", "rating", says.ratings, lambda e: ("rating", e["date"], e["region"])),
        ("check_ins", "check_in", says.check_ins, lambda e: ("check_in", e["date"])),
    ]
    # The export is of the current format; the generated files (format_version 1) hold
    # no profile, so the stored one stays as it was.
    document: Document = {"format_version": FORMAT_VERSION, "profile": before["profile"]}
    for section, kind, entries, key_of in sections:
        stored = {key_of(entry): entry for entry in before[section]}
        for entry in entries:
            key = key_of(entry)
            old = stored.get(key)
            empty = kind == "check_in" and is_empty_check_in(entry)
            if old is None and empty:
                result.unchanged += 1
            elif old is None:
                stored[key] = entry
                result.added += 1
            elif old == entry or (kind == "leg_day" and says.leg_days_are_references):
                result.unchanged += 1
            elif replace:
                if empty:
                    del stored[key]
                else:
                    stored[key] = entry
                result.replaced += 1
            else:
                field_ = rating_difference(old, entry) if kind == "rating" else "date"
                result.conflicts.append((key, field_))
        document[section] = [stored[key] for key in sorted(stored)]
    result.document = document
    return result


# --- running one import and judging what happened -------------------------------------


@dataclass(frozen=True)
class Refusal:
    """The import must fail with exit 2, naming one of ``wheres`` and one of ``fields``.

    None accepts any place or field (a place must still be given).
    """

    wheres: frozenset[str] | None = None
    fields: frozenset[str] | None = None


def refusal(where: str | None, *fields: str) -> Refusal:
    return Refusal(None if where is None else frozenset({where}), frozenset(fields) or None)


# "import": must import; a Refusal: must be refused so; None: either, judged by the file.
Expected = str | Refusal | None


@dataclass(frozen=True)
class Case:
    """One file to import, how (--replace or not), and what must happen."""

    data: bytes
    name: str
    replace: bool
    expected: Expected
    label: str

    def _repr_pretty_(
        self, printer: Any, cycle: bool
    ) -> None:  # a giant field would drown a report
        shown = self.data if len(self.data) < 3000 else self.data[:3000] + b"..."
        printer.text(
            f"Case(label={self.label!r}, name={self.name!r}, replace={self.replace}, "
            f"expected={self.expected!r}, {len(self.data)} bytes: {shown!r})"
        )


def rating_difference(old: Entry, new: Entry) -> str:
    """The field an import's conflict names: the level, else the note, else the quality."""
    if old["level"] != new["level"]:
        return "level"
    return "note" if old["note"] != new["note"] else "quality"


def csv_rating(row: CsvRow) -> Entry:
    """A CSV row's rating as the JSON export writes it (a quality only when said)."""
    date, region, level = row[:3]
    rating: Entry = {"date": date, "region": region, "level": int(level), "note": csv_note(row[5])}
    if len(row) > 6 and row[6]:
        rating["quality"] = row[6]
    return rating


def csv_note(cell: str) -> str:
    """What a CSV note cell holds: one leading apostrophe (a neutralised formula) is not."""
    return cell[1:] if cell.startswith("'") else cell


def note_event(text: str) -> None:
    """Count ``text`` in the statistics of a property (the size tests are not properties)."""
    if currently_in_test_context():
        event(text)


def import_case(stored: StoredJournal, case: Case) -> None:
    """Import ``case`` into a fresh copy of ``stored`` and check the outcome against it."""
    with tempfile.TemporaryDirectory(dir=stored.path.parent) as folder:
        journal = Path(folder) / "journal.sqlite3"
        shutil.copyfile(stored.path, journal)
        file = Path(folder) / case.name
        file.write_bytes(case.data)
        arguments = ["import", "--db", journal, file, *(["--replace"] if case.replace else [])]
        code, out, err = run_legday(*arguments)
        note_event(f"exit {code}")
        assert code in (0, 2), f"exit {code}: {err}"
        assert "Traceback" not in err and "please report this" not in err, err
        if code == 0:
            assert case.expected is None or case.expected == "import", (err, case.expected)
            check_imported(stored, case, journal, out)
            assert err == ""
        else:
            assert case.expected != "import", err
            assert out == ""
            assert all_rows(journal) == stored.rows, "a refused import changed the journal"
            check_message(err, file, case)


def check_imported(stored: StoredJournal, case: Case, journal: Path, out: str) -> None:
    says = file_says(case.data, case.name)
    expected = merged(stored.document, says, replace=case.replace)
    assert not expected.conflicts, f"imported although it conflicts: {expected.conflicts}"
    assert exported(journal) == expected.document
    counts = f"{expected.added} added, {expected.replaced} replaced, {expected.unchanged} already"
    assert counts in out, out
    # Each CSV row's leg day and days_after still hold in the journal as it now is.
    leg_days = sorted(entry["date"] for entry in expected.document["leg_days"])
    for date, declared, days_after in says.declared:
        latest = max((day for day in leg_days if day <= date), default=None)
        assert latest == declared, (date, declared, latest)
        if declared is not None:
            gap = dt.date.fromisoformat(date) - dt.date.fromisoformat(declared)
            assert days_after == gap.days
    note_event("imported, some new" if expected.added else "imported, nothing new")


def check_message(err: str, file: Path, case: Case) -> None:
    prefix = f"legday: error: {file}"
    assert err.startswith(prefix), err
    assert err.endswith("\n") and err[:-1].isprintable(), f"not one printable line: {err!r}"
    assert len(err) < len(prefix) + MAX_MESSAGE_EXTRA, f"{len(err)} characters: {err[:300]!r}"
    rest = err[len(prefix) : -1]
    place = _PLACE.match(rest)
    if rest.startswith(": file: "):  # about the file as a whole (its size), not a place in it
        note_event("refused: file")
        assert isinstance(case.expected, Refusal) or case.expected is None
        assert len(case.data) > MAX_IMPORT_BYTES
        return
    assert place is not None, f"the message does not say where: {err!r}"
    where, detail = place["where"], rest[place.end() :]
    field_ = detail.partition(": ")[0]
    note_event(
        f"refused: {field_}" if field_.isidentifier() and len(field_) < 30 else "refused: key"
    )
    if is_json(case.data.decode("utf-8", "replace").removeprefix("\ufeff"), case.name):
        assert where[0] in "$0123456789"
    else:
        assert where.isdigit(), err
    if isinstance(case.expected, Refusal):
        if case.expected.wheres is not None:
            assert where in case.expected.wheres, (err, case.expected)
        if case.expected.fields is not None:
            assert any(detail.startswith(f"{f}: ") for f in case.expected.fields), (
                err,
                case.expected,
            )


# --- strategies: pieces ---------------------------------------------------------------

NEAR_STORED = (dt.date(2026, 2, 24), dt.date(2026, 3, 12))
dates = st.one_of(
    st.dates(*NEAR_STORED),  # where the stored journal has data: equal records and conflicts
    st.dates(dt.date(1990, 1, 1), TODAY),
    st.dates(dt.date(1, 1, 1), TODAY),
)
# Any text a note can hold: no lone surrogates (UTF-8 cannot carry them), NUL and CR allowed.
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=12) | st.sampled_from(
    ["", 'a "quoted", comma', "two\nlines", "cr\ronly", "crlf\r\nend", "é ü 😀", " padded "]
)
regions = st.sampled_from(REGION_IDS)
huge_sizes = st.sampled_from([2_001, 60_000, 131_073, 1_000_000])
unknown_regions = st.sampled_from(
    ["calf.left", "Quadriceps.left", "quadriceps.left ", "quadriceps", "", "knees.both", "ü"]
)
bad_dates = st.sampled_from(
    ["2026-3-1", "2026-02-30", "03/03/2026", "", " 2026-03-01", "2026-03-01T10:00", "٢٠٢٦-03-01"]
)
bad_numbers = st.sampled_from(
    ["5.5", "", " 5", "five", "+5", "-0", "-00", "1e1", "0x5", "٥", "5" * 10]
)


def future_dates() -> st.SearchStrategy[dt.date]:
    """Dates after today, also if the run goes past midnight."""
    return st.dates(TODAY + dt.timedelta(days=2), dt.date(9999, 12, 31))


def line_of(text: str, offset: int) -> int:
    """The line ``offset`` is on, counting line breaks as CSV readers and editors do."""
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


@st.composite
def encoded(draw: st.DrawFn, text: str, expected: Expected) -> tuple[bytes, Expected, str]:
    """``text`` as bytes: UTF-8 with or without BOM, a wrong encoding, or a broken byte."""
    how = draw(st.sampled_from(["UTF-8", "UTF-8", "UTF-8", "BOM", "other", "bad byte"]))
    bom = codecs.BOM_UTF8 if how == "BOM" or draw(st.integers(0, 4)) == 0 else b""
    data = text.encode()
    if how == "other":
        how = draw(st.sampled_from(["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32"]))
        data, bom = text.encode(how, errors="replace"), b""
    elif how == "bad byte":
        at = draw(st.integers(0, len(data)))
        bad = draw(st.sampled_from([b"\xff", b"\xe9", b"\xc3(", b"\xed\xa0\x80", b"\xc0\x80"]))
        data = data[:at] + bad + data[at:]
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # The line of the first bad byte, counted as CSV readers and editors count lines.
        start = data[: error.start].decode("utf-8")
        return bom + data, refusal(str(line_of(start, len(start))), "encoding"), how
    return bom + data, (expected if decoded == text else None), how + (" + BOM" if bom else "")


# --- strategies: CSV ------------------------------------------------------------------


CsvRow = list[str]  # the cells of one row


def calendar_date(leg_days: list[dt.date], day: dt.date) -> dt.date | None:
    return max((leg_day for leg_day in leg_days if leg_day <= day), default=None)


@st.composite
def csv_rows(draw: st.DrawFn, min_size: int = 0) -> list[CsvRow]:
    """Valid rows whose leg days agree with each other and with the stored journal's."""
    keys = st.lists(st.tuples(dates, regions), min_size=min_size, max_size=12, unique=True)
    ratings = draw(keys.map(dict.fromkeys))
    for entry in draw(st.lists(st.sampled_from(STORED["soreness"]), max_size=3)):
        ratings[dt.date.fromisoformat(entry["date"]), entry["region"]] = entry
    leg_days = [*draw(st.lists(dates, max_size=4)), *STORED_LEG_DAY_DATES]
    rows = []
    for (date, region), stored_entry in ratings.items():
        if stored_entry is not None and draw(st.booleans()):
            level, note = stored_entry["level"], stored_entry["note"]  # already stored
            quality = stored_entry.get("quality", "")
        else:
            level, note = draw(st.integers(0, 10)), draw(texts)
            quality = draw(st.sampled_from(["", *QUALITY_IDS]))
        level_text = draw(st.sampled_from([str(level), f"0{level}", f"{level:03}"]))
        leg_day = calendar_date(leg_days, date)
        rows.append(
            [
                date.isoformat(),
                region,
                level_text,
                "" if leg_day is None else leg_day.isoformat(),
                "" if leg_day is None else str((date - leg_day).days),
                note,
                quality,
            ]
        )
    return draw(st.permutations(rows))


# A mutation makes one row (or the header) wrong; it returns the fields the message must name.
CsvMutation = Callable[[st.DrawFn, list[str], list[CsvRow]], tuple[int, tuple[str, ...]]]


def _pick(draw: st.DrawFn, rows: list[CsvRow]) -> int:
    return draw(st.integers(0, len(rows) - 1))


def bad_level(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    rows[index][2] = draw(
        bad_numbers | st.integers(-(10**9), -1).map(str) | st.integers(11, 999_999_999).map(str)
    )
    return index, ("level",)


def bad_region(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    rows[index][1] = draw(unknown_regions)
    return index, ("region",)


def bad_date(draw: st.DrawFn, header: list[str], rows: list[CsvRow]) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    rows[index][0] = draw(bad_dates | future_dates().map(dt.date.isoformat))
    return index, ("date",)


def bad_leg_day(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    cells = rows[index]
    date = dt.date.fromisoformat(cells[0])
    if cells[3]:
        choice = draw(st.sampled_from(["text", "after", "no days_after", "days_after"]))
    else:
        choice = draw(st.sampled_from(["text", "after", "days_after only"]))
    if choice == "text":
        cells[3] = draw(bad_dates.filter(bool))
        return index, ("leg_day_date",)
    if choice == "after":
        later = draw(st.dates(date + dt.timedelta(days=1), dt.date(9999, 12, 31)))
        cells[3:5] = [later.isoformat(), "0"]
        return index, ("leg_day_date",)
    if choice == "no days_after":
        cells[4] = ""
    elif choice == "days_after":
        shift = draw(st.integers(-5, 5).filter(bool))
        cells[4] = draw(st.just(str(int(cells[4]) + shift)) | bad_numbers.filter(bool))
    else:
        cells[4] = str(draw(st.integers(0, 9)))
    return index, ("days_after",)


def bad_count(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    if draw(st.booleans()):
        del rows[index][draw(st.integers(0, 5))]
    else:
        rows[index].insert(draw(st.integers(0, 6)), draw(texts))
    return index, ("row",)


def repeated_row(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    original = rows[_pick(draw, rows)]
    cells = list(original)
    if draw(st.booleans()):
        cells[2], cells[5] = str(draw(st.integers(0, 10))), draw(texts)
    at = draw(st.integers(rows.index(original) + 1, len(rows)))
    rows.insert(at, cells)
    return at, ("region",)


def huge_field(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    column = draw(st.sampled_from([5, 5, 0, 1, 2]))
    rows[index][column] = draw(st.sampled_from(["x", "é", "a,b", 'q"'])) * draw(huge_sizes)
    too_big_for_csv = len(rows[index][column]) > 131_072
    return index, ("row",) if too_big_for_csv else (COLUMNS[column],)


def bad_header(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    choice = draw(st.sampled_from(["drop", "rename", "swap", "extra", "newline", "bom"]))
    # Not the quality column: without it the header is the six-column one, still valid.
    at = draw(st.integers(0, len(COLUMNS_BEFORE_QUALITY) - 1))
    if choice == "drop":
        del header[at]
    elif choice == "rename":
        header[at] = draw(st.sampled_from(["Date", "regions", "level ", "", "leg day"]))
        if header[at].strip() == COLUMNS[at]:
            header[at] = "x"
    elif choice == "swap":
        other = at - 1 if at else 1
        header[at], header[other] = header[other], header[at]
    elif choice == "extra":
        header.insert(at, "extra")
    elif choice == "newline":
        header[at] = header[at] + "\nnext"
    else:
        header[0] = "\ufeff\ufeff" + header[0]  # a BOM is taken off the file's start, once
    return -1, ("header",)


def unclosed_quote(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    rows[-1][5] = '"' + rows[-1][5].replace('"', "")  # written as is: never closed
    return len(rows) - 1, ("row",)


def bad_quality(
    draw: st.DrawFn, header: list[str], rows: list[CsvRow]
) -> tuple[int, tuple[str, ...]]:
    index = _pick(draw, rows)
    value = draw(st.sampled_from(["stinging", "Sharp", " dull", "5", "dull,sharp", "null"]))
    if len(header) == len(COLUMNS):
        rows[index][6] = value
        return index, ("quality",)
    rows[index].append(value)  # a seventh field under a six-column header
    return index, ("row",)


CSV_MUTATIONS: list[CsvMutation] = [
    bad_level,
    bad_quality,
    bad_region,
    bad_date,
    bad_leg_day,
    bad_count,
    repeated_row,
    huge_field,
    bad_header,
    unclosed_quote,
]


def quoted(text: str, *, always: bool) -> str:
    if always or any(special in text for special in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_cases(draw: st.DrawFn) -> Case:
    """A CSV export with odd but valid formatting, stored and new rows, maybe one fault."""
    mutation = draw(st.none() | st.sampled_from(CSV_MUTATIONS))
    rows = draw(csv_rows(min_size=0 if mutation in (None, bad_header) else 1))
    replace = draw(st.booleans())
    header = list(COLUMNS)
    if draw(st.booleans()):  # a file from before the quality column
        header = list(COLUMNS_BEFORE_QUALITY)
        rows = [row[:6] for row in rows]
    if draw(st.booleans()):
        header = [draw(st.sampled_from(["", " ", "  "])) + name + " " for name in header]
    faulty, fields = mutation(draw, header, rows) if mutation else (None, ())

    always_quote = draw(st.booleans())
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text, starts = "", []
    lines = [",".join(quoted(name, always=always_quote) for name in header)]
    for row in rows:
        cells = [quoted(cell, always=always_quote) for cell in row]
        if mutation is unclosed_quote and row is rows[-1]:
            cells[5] = row[5]
        lines.append(",".join(cells))
    for index, line in enumerate(lines):
        blank = draw(st.sampled_from(["", "", "", ending]))
        text += blank
        starts.append(len(text))
        text += line + (ending if index < len(lines) - 1 or draw(st.booleans()) else "")
    header_line = str(line_of(text, starts[0]))

    expected: Expected = "import"
    if mutation is not None:
        assert faulty is not None
        where = header_line if faulty < 0 else str(line_of(text, starts[faulty + 1]))
        expected = refusal(where, *fields)
    else:
        says = FileSays(leg_days_are_references=True)
        for row, start in zip(rows, starts[1:], strict=True):
            date, region = row[:2]
            says.ratings.append(csv_rating(row))
            says.places["rating", date, region] = str(line_of(text, start))
        conflicts = merged(STORED, says, replace=replace).conflicts
        if conflicts:
            expected = Refusal(
                frozenset(says.places[key] for key, _ in conflicts),
                frozenset(field_ for _, field_ in conflicts),
            )
    data, expected, encoding = draw(encoded(text, expected))
    name = draw(st.sampled_from(["import.csv", "import.csv", "IMPORT.CSV", "import"]))
    label = f"csv, {mutation.__name__ if mutation else 'no fault'}, {encoding}"
    return Case(data, name, replace, expected, label)


# --- strategies: JSON -----------------------------------------------------------------


class Pairs(list[tuple[str, Any]]):
    """A JSON object as written: its (key, value) pairs in order, repeated keys possible."""

    def get(self, key: str) -> Any:
        return next(value for name, value in self if name == key)

    def set(self, key: str, value: Any) -> None:
        self[:] = [(name, value if name == key else old) for name, old in self]
        if key not in self.keys():
            self.append((key, value))

    def keys(self) -> list[str]:
        return [name for name, _ in self]


@dataclass(frozen=True)
class Raw:
    """JSON text written as it is (NaN, a 5000-digit number, deep nesting)."""

    text: str


@dataclass(frozen=True)
class JsonStyle:
    indent: str | None
    ensure_ascii: bool


def render(value: Any, style: JsonStyle, depth: int = 0) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Pairs | list):
        if isinstance(value, Pairs):
            opening, closing = "{", "}"
            items = [f"{render(k, style)}: {render(v, style, depth + 1)}" for k, v in value]
        else:
            opening, closing = "[", "]"
            items = [render(item, style, depth + 1) for item in value]
        if style.indent is None or not items:
            return opening + ", ".join(items) + closing
        inner = "\n" + style.indent * (depth + 1)
        return opening + inner + ("," + inner).join(items) + "\n" + style.indent * depth + closing
    # Lone surrogates cannot be UTF-8: a file holds them as \\ud800 escapes.
    has_surrogate = isinstance(value, str) and any("\ud800" <= c <= "\udfff" for c in value)
    return json.dumps(value, ensure_ascii=style.ensure_ascii or has_surrogate)


def plain(value: Any) -> Any:
    """The document as json.loads gives it back."""
    if isinstance(value, Pairs):
        return {key: plain(item) for key, item in value}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _optional(draw: st.DrawFn, pairs: Pairs, key: str, values: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        pairs.append((key, draw(values)))


exercise_names = st.sampled_from(["Squat", "Lunge", "Leg press", "Sled push", "é"]) | st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=10
).filter(str.strip)
times = st.times().map(lambda t: t.isoformat("minutes")) | st.times().map(
    lambda t: t.isoformat("seconds")
)


@st.composite
def leg_day_entries(draw: st.DrawFn) -> Pairs:
    pairs = Pairs([("date", draw(dates).isoformat())])
    _optional(draw, pairs, "start_time", st.none() | times)
    _optional(draw, pairs, "title", texts)
    _optional(draw, pairs, "exercises", st.lists(exercise_names, max_size=5))
    _optional(draw, pairs, "rpe", st.none() | st.integers(1, 10))
    _optional(draw, pairs, "duration_minutes", st.none() | st.integers(1, 24 * 60))
    _optional(draw, pairs, "notes", texts)
    return Pairs(draw(st.permutations(pairs)))


@st.composite
def rating_entries(draw: st.DrawFn, version: int = 1) -> Pairs:
    pairs = Pairs(
        [
            ("date", draw(dates).isoformat()),
            ("region", draw(regions)),
            ("level", draw(st.integers(0, 10))),
        ]
    )
    _optional(draw, pairs, "note", texts)
    if version >= QUALITY_SINCE:
        _optional(draw, pairs, "quality", st.sampled_from([None, *QUALITY_IDS]))
    return Pairs(draw(st.permutations(pairs)))


def amounts(high: float) -> st.SearchStrategy[float | int | None]:
    return st.none() | st.integers(0, int(high)) | st.floats(0, high)


@st.composite
def check_in_entries(draw: st.DrawFn) -> Pairs:
    pairs = Pairs([("date", draw(dates).isoformat())])
    symptoms = st.lists(st.sampled_from([s.value for s in WarningSymptom]), unique=True)
    _optional(draw, pairs, "symptoms", symptoms)
    actions = st.lists(st.sampled_from([a.value for a in RecoveryAction]), unique=True)
    _optional(draw, pairs, "actions", actions)
    _optional(draw, pairs, "water_litres", amounts(15))
    _optional(draw, pairs, "sleep_hours", amounts(24))
    _optional(draw, pairs, "note", texts)
    return pairs


# Other valid values for each field of a stored record: changed, it conflicts with the stored one.
OTHER_VALUES: dict[str, list[Any]] = {
    "start_time": ["06:00", "07:15:30"],
    "title": ["Changed", "Other"],
    "exercises": [["Step-up"], []],
    "rpe": [2, 3],
    "duration_minutes": [5, 6],
    "notes": ["Changed", ""],
    "level": [9, 2],
    "note": ["changed", ""],
    "quality": ["sharp", None],
    "symptoms": [["fever"], []],
    "actions": [["heat"], []],
    "water_litres": [1.0, 1.5],
    "sleep_hours": [3.5, 4.0],
}


@st.composite
def stored_entries(draw: st.DrawFn, section: str, version: int = 1) -> Pairs:
    """A stored record as the export wrote it: the same again, or changed (a conflict)."""
    entry = draw(st.sampled_from(STORED[section]))
    pairs = Pairs(entry.items())
    if draw(st.booleans()):
        keys = set(entry) - {"date", "region"}
        if section == "soreness" and version >= QUALITY_SINCE:
            keys.add("quality")  # none stored: saying one differs
        key = draw(st.sampled_from(sorted(keys)))
        pairs.set(key, next(value for value in OTHER_VALUES[key] if value != entry.get(key)))
    return Pairs(draw(st.permutations(pairs)))


@dataclass
class JsonModel:
    """A JSON document being built; ``fault`` is the Refusal a mutation made due, if any."""

    document: Pairs
    fault: Refusal | None = None
    raw_text: Callable[[str], str] | None = None


def _entry(draw: st.DrawFn, model: JsonModel, sections: tuple[str, ...]) -> tuple[str, int, Pairs]:
    """One entry of one of ``sections`` that has entries (json_cases makes sure one has)."""
    section = draw(st.sampled_from([name for name in sections if model.document.get(name)]))
    entries = model.document.get(section)
    index = draw(st.integers(0, len(entries) - 1))
    return section, index, entries[index]


SECTIONS = ("leg_days", "soreness", "check_ins")
LISTS_OF_NAMES = ("exercises", "symptoms", "actions")
# (section, key) -> values that make that field of an entry wrong.
WRONG_VALUES: dict[tuple[str, str], list[Any]] = {
    ("leg_days", "date"): [5, None, True, [], "2026-3-2", "2026-02-30", "", "2026-03-02 "],
    ("leg_days", "start_time"): [5, True, "6pm", "25:00", "24:00", "18:30:60", "18:5", ""],
    ("leg_days", "title"): [None, 5, [], "t" * 201],
    ("leg_days", "exercises"): [
        "Squat",
        None,
        {},
        [""],
        ["  "],
        ["x" * 101],
        ["Squat"] * 41,
        ["\x00"],
        [" \x00x"],
        ["Squat\x00"],
    ],
    ("leg_days", "rpe"): ["8", 8.5, True, 0, 11, [], -1],
    ("leg_days", "duration_minutes"): ["60", 60.5, 0, 24 * 60 + 1, False],
    ("leg_days", "notes"): [None, 5, "n" * 2001, "\ud800"],
    ("soreness", "date"): [None, 20260301, "2026/03/01", "2026-13-01"],
    ("soreness", "region"): [None, 5, [], "calf.left", "QUADRICEPS.LEFT", "\ud83d"],
    ("soreness", "level"): [None, "5", 5.5, True, -1, 11, 10**12, [], {}],
    ("soreness", "note"): [None, 5, ["a"], "n" * 2001, "x\udfffy"],
    # In a file before format_version 3, any quality is an unknown field: named all the same.
    ("soreness", "quality"): [5, True, [], {}, "stinging", "SHARP", "dull ", ""],
    ("check_ins", "date"): [None, "yesterday", "2026-02-29"],
    ("check_ins", "symptoms"): ["fever", None, ["headache"], ["fever", "fever"], {}],
    ("check_ins", "actions"): ["heat", None, ["sauna"], ["heat", "heat"]],
    ("check_ins", "water_litres"): ["2", True, [], -0.5, 15.01, 1e308, -(10**400), 10**400],
    ("check_ins", "sleep_hours"): ["8", False, 24.5, -1, Raw("NaN"), Raw("Infinity")],
    ("check_ins", "note"): [None, 0, "n" * 2001],
}


def wrong_value(draw: st.DrawFn, model: JsonModel) -> None:
    section, index, entry = _entry(draw, model, SECTIONS)
    key = draw(st.sampled_from([key for name, key in WRONG_VALUES if name == section]))
    values = st.sampled_from(WRONG_VALUES[section, key]) | huge_json_values()
    if key == "date":
        values |= future_dates().map(dt.date.isoformat)
    value = draw(values)
    entry.set(key, value)
    if isinstance(value, Raw) and len(value.text) > 10_000 and value.text.startswith("["):
        model.fault = refusal(None, "json")  # too deep for a JSON path: the message gives a line
        return
    where = f"$.{section}[{index}]"
    # Lists of names are checked name by name (type, and NUL in exercises): the error names one.
    nested = isinstance(value, Raw) and value.text.startswith("[[")
    first = value[0] if isinstance(value, list) and value else ""
    if (nested or not isinstance(first, str) or "\x00" in first) and key in LISTS_OF_NAMES:
        where += f".{key}[0]"
    model.fault = refusal(where, key)


def huge_json_values() -> st.SearchStrategy[Any]:
    return st.sampled_from(
        [
            Raw("9" * 5000),  # more digits than Python turns into an int
            Raw("-" + "1" * 4400),
            Raw("1e999999"),
            Raw("[" * 100_000 + "]" * 100_000),  # deeper than any parser recurses
            Raw("[" * 50 + "]" * 50),
        ]
    ) | huge_sizes.map(lambda size: "é" * size)


def missing_key(draw: st.DrawFn, model: JsonModel) -> None:
    section, index, entry = _entry(draw, model, SECTIONS)
    key = draw(st.sampled_from(["date", "region", "level"] if section == "soreness" else ["date"]))
    entry[:] = [(name, value) for name, value in entry if name != key]
    model.fault = refusal(f"$.{section}[{index}]", key)


def unknown_key(draw: st.DrawFn, model: JsonModel) -> None:
    section, index, entry = _entry(draw, model, SECTIONS)
    key = draw(
        st.sampled_from(["mood", "Date", "levels", "x\ny", "\ud800", "a: b", "", "k" * 100_000])
    )
    entry.insert(draw(st.integers(0, len(entry))), (key, draw(texts)))
    plain_key = key.isidentifier() and len(key) < 50
    model.fault = Refusal(
        frozenset({f"$.{section}[{index}]"}), frozenset({key}) if plain_key else None
    )


def repeated_entry(draw: st.DrawFn, model: JsonModel) -> None:
    section, _, entry = _entry(draw, model, SECTIONS)
    entries = model.document.get(section)
    copy = Pairs(entry)
    if section == "soreness" and draw(st.booleans()):
        copy.set("level", (copy.get("level") + 1) % 11)
    entries.append(copy)
    model.fault = refusal(f"$.{section}[{len(entries) - 1}]", "date")


def repeated_key(draw: st.DrawFn, model: JsonModel) -> None:
    if draw(st.booleans()):
        key = draw(st.sampled_from(SECTIONS))
        model.document.append((key, []))
        model.fault = refusal("$", key)
        return
    section, index, entry = _entry(draw, model, SECTIONS)
    key, value = entry[draw(st.integers(0, len(entry) - 1))]
    entry.insert(draw(st.integers(0, len(entry))), (key, draw(st.just(value) | texts)))
    model.fault = refusal(f"$.{section}[{index}]", key)


def bad_root(draw: st.DrawFn, model: JsonModel) -> None:
    document = model.document
    choice = draw(st.sampled_from(["version", "no section", "not a list", "extra", "entry"]))
    if choice == "version":
        version = draw(
            st.sampled_from([FORMAT_VERSION + 1, 0, "1", 1.0, True, None, [1], Raw("9" * 5000)])
        )
        document.set("format_version", version)
        model.fault = refusal("$", "format_version")
    elif choice == "no section":
        section = draw(st.sampled_from(SECTIONS))
        document[:] = [(key, value) for key, value in document if key != section]
        model.fault = refusal("$", section)
    elif choice == "not a list":
        section = draw(st.sampled_from(SECTIONS))
        document.set(section, draw(st.sampled_from([{}, None, "[]", 0])))
        model.fault = refusal(f"$.{section}", section)
    elif choice == "extra":
        document.append(("comment", "hello"))
        model.fault = refusal("$", "comment")
    else:
        section = draw(st.sampled_from(SECTIONS))
        entries = document.get(section)
        entries.append(draw(st.sampled_from([5, "x", [], None, True])))
        model.fault = refusal(f"$.{section}[{len(entries) - 1}]", "entry")


def broken_syntax(draw: st.DrawFn, model: JsonModel) -> None:
    choice = draw(st.sampled_from(["cut", "extra", "comma"]))
    at = draw(st.floats(0, 1))

    def breaking(text: str) -> str:
        end = text.rindex("}")
        if choice == "cut":
            return text[: int(at * end)]
        if choice == "extra":
            return text + "\n{}"
        return text[:end] + "," + text[end:]  # a trailing comma

    model.raw_text = breaking
    model.fault = refusal(None, "json")


JSON_MUTATIONS = [
    wrong_value,
    wrong_value,
    missing_key,
    unknown_key,
    repeated_entry,
    repeated_key,
    bad_root,
    broken_syntax,
]


def _unique(entries: list[Pairs], key: Callable[[Pairs], Any]) -> list[Pairs]:
    seen: dict[Any, Pairs] = {}
    for entry in entries:
        seen.setdefault(key(entry), entry)
    return list(seen.values())


@st.composite
def json_cases(draw: st.DrawFn) -> Case:
    """A JSON export with odd but valid formatting, stored and new records, maybe one fault."""
    version = draw(st.sampled_from([1, FORMAT_VERSION]))  # before and with a rating's quality
    sections = {
        "leg_days": (leg_day_entries(), lambda e: e.get("date")),
        "soreness": (rating_entries(version), lambda e: (e.get("date"), e.get("region"))),
        "check_ins": (check_in_entries(), lambda e: e.get("date")),
    }
    document = Pairs([("format_version", version)])
    for section, (entries, key) in sections.items():
        new = draw(st.lists(entries, max_size=5))
        old = draw(st.lists(stored_entries(section, version), max_size=2))
        document.append((section, _unique(draw(st.permutations(new + old)), key)))
    document[:] = draw(st.permutations(document))
    model = JsonModel(document)
    mutation = draw(st.none() | st.sampled_from(JSON_MUTATIONS))
    if mutation is not None:
        if not any(document.get(section) for section in SECTIONS):
            document.get("soreness").append(draw(rating_entries(version)))  # something to break
        mutation(draw, model)

    style = JsonStyle(draw(st.sampled_from([None, "", "  ", "\t"])), draw(st.booleans()))
    text = render(model.document, style)
    if style.indent is not None and draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    text = draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", "\n", " \n"]))
    if model.raw_text is not None:
        text = model.raw_text(text)

    replace = draw(st.booleans())
    expected: Expected = model.fault
    if model.fault is None:
        says = json_says(plain(model.document))
        conflicts = merged(STORED, says, replace=replace).conflicts
        expected = (
            Refusal(
                frozenset(says.places[key] for key, _ in conflicts),
                frozenset(field_ for _, field_ in conflicts),
            )
            if conflicts
            else "import"
        )
    name = draw(st.sampled_from(["import.json", "import.json", "Import.JSON", "import"]))
    if not is_json(text, name):  # cut down to nothing: without a suffix, that reads as CSV
        expected = refusal(None, "header")
    data, expected, encoding = draw(encoded(text, expected))
    fault = mutation.__name__ if mutation else "no fault"
    return Case(data, name, replace, expected, f"json, {fault}, {encoding}")


# --- strategies: anything at all --------------------------------------------------------

# fmt: off
TOKENS = [
    HEADER, "\n", "\r\n", "\r", ",", '"', '""', " ", "2026-03-03", "2026-03-02", "1999-12-31",
    "2026-02-30", "calves.left", "quadriceps.right", "knees.left", "0", "5", "10", "11", "-1",
    "{", "}", "[", "]", ":", '"format_version"', '"leg_days"', '"soreness"', '"check_ins"',
    '"date"', '"region"', '"level"', '"note"', '"2026-03-03"', '"calves.left"', "1", "null",
    '"quality"', '"sharp"',
    "true", "1e400", "\ufeff", "\x00", "é", "😀", "\\", "\\u0000", "\\ud800",
]
# fmt: on


@st.composite
def mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a slice cut, repeated or replaced by random bytes, or cut short."""
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 64)))
    choice = draw(st.sampled_from(["cut short", "delete", "insert", "repeat", "flip"]))
    if choice == "cut short":
        return data[:start]
    if choice == "delete":
        return data[:start] + data[end:]
    if choice == "repeat":
        return data[:end] + data[start:end] * draw(st.integers(2, 50)) + data[end:]
    if choice == "flip" and start < len(data):
        return data[:start] + bytes([data[start] ^ draw(st.integers(1, 255))]) + data[start + 1 :]
    return data[:start] + draw(st.binary(max_size=16)) + data[start:]


@st.composite
def any_files(draw: st.DrawFn) -> Case:
    """Random bytes, token soup of both formats, and valid files damaged at random."""
    kind = draw(st.sampled_from(["bytes", "text", "tokens", "damaged csv", "damaged json"]))
    if kind == "bytes":
        data = draw(st.binary(max_size=400))
    elif kind == "text":
        data = draw(st.text(max_size=200)).encode()
    elif kind == "tokens":
        data = "".join(draw(st.lists(st.sampled_from(TOKENS), max_size=60))).encode()
    else:
        case = draw(csv_cases() if kind == "damaged csv" else json_cases())
        data = case.data
        for _ in range(draw(st.integers(1, 3))):
            data = draw(mangled(data))
    name = draw(st.sampled_from(["import.csv", "import.json", "import", "import.txt"]))
    return Case(data, name, draw(st.booleans()), None, kind)


# --- properties -------------------------------------------------------------------------


@FUZZ
@given(case=any_files())
def test_any_file_is_imported_whole_or_not_at_all(stored: StoredJournal, case: Case) -> None:
    event(case.label)
    import_case(stored, case)


@FUZZ
@given(case=csv_cases())
def test_csv_files_import_whole_or_are_refused_at_the_faulty_line(
    stored: StoredJournal, case: Case
) -> None:
    event(case.label.split(", ")[1])
    event(case.label.split(", ")[2])
    import_case(stored, case)


@FUZZ
@given(case=json_cases())
def test_json_files_import_whole_or_are_refused_at_the_faulty_entry(
    stored: StoredJournal, case: Case
) -> None:
    event(case.label.split(", ")[1])
    event(case.label.split(", ")[2])
    import_case(stored, case)


# --- files over the limit ----------------------------------------------------------------


def many_csv_rows(size: int) -> bytes:
    """Valid, distinct ratings (no leg days) from 1700 onwards until ``size`` bytes."""
    lines, total, day = [HEADER], len(HEADER), dt.date(1700, 1, 1)
    while total < size:
        for region in REGION_IDS:
            line = f"{day.isoformat()},{region},{day.day % 11},,,"
            lines.append(line)
            total += len(line) + 1
        day += dt.timedelta(days=1)
    return "\n".join(lines).encode()


def many_json_ratings(size: int) -> bytes:
    entries, total, day = [], 0, dt.date(1700, 1, 1)
    while total < size:
        for region in REGION_IDS:
            entry = f'{{"date": "{day.isoformat()}", "region": "{region}", "level": 3}}'
            entries.append(entry)
            total += len(entry) + 2
        day += dt.timedelta(days=1)
    body = ",\n".join(entries)
    return (
        f'{{"format_version": 1, "leg_days": [], "check_ins": [], "soreness": [\n{body}]}}'.encode()
    )


def one_giant_note(file_format: str, size: int) -> bytes:
    if file_format == "csv":
        return f"{HEADER}\n2026-03-03,calves.left,4,2026-03-02,1,{'n' * size}\n".encode()
    return (
        '{"format_version": 1, "leg_days": [], "check_ins": [], "soreness": '
        f'[{{"date": "2026-03-03", "region": "calves.left", "level": 4, "note": "{"n" * size}"}}]}}'
    ).encode()


# An import holds the file and its records in memory (a 50 MB CSV of valid rows: 22 s and
# 700 MB), so a file over the limit is refused before it is read: by its size on disk, or,
# from a device or a pipe, once the limit is passed.
@pytest.mark.parametrize("name", ["rows.csv", "entries.json", "export"])
def test_a_file_over_the_limit_is_refused_unread_and_changes_nothing(
    stored: StoredJournal, tmp_path: Path, name: str
) -> None:
    big = tmp_path / name
    with big.open("wb") as file:
        file.write(many_csv_rows(4000) if name.endswith(".csv") else many_json_ratings(4000))
        file.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used, never read
    started = time.perf_counter()
    code, out, err = run_legday("import", "--db", stored.path, big)
    assert time.perf_counter() - started < 5
    assert code == 2 and out == ""
    assert err == (
        f"legday: error: {big}: file: is larger than {MAX_IMPORT_BYTES // 1_000_000} MB, the "
        "most Legday imports at once (a 30-year journal exports to about 16 MB); check that "
        "it is the right file\n"
    )
    assert all_rows(stored.path) == stored.rows


def test_an_endless_device_is_read_no_further_than_the_limit(stored: StoredJournal) -> None:
    started = time.perf_counter()
    code, _, err = run_legday("import", "--db", stored.path, "/dev/zero")
    assert time.perf_counter() - started < 10
    assert code == 2
    assert err.startswith("legday: error: /dev/zero: file: is larger than ")
    assert all_rows(stored.path) == stored.rows


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_giant_field_just_under_the_size_limit_is_refused_where_it_is(
    stored: StoredJournal, file_format: str
) -> None:
    data = one_giant_note(file_format, 19_000_000)
    where = "2" if file_format == "csv" else "$.soreness[0]"
    field_ = "row" if file_format == "csv" else "note"  # CSV readers stop at 128 KiB a field
    case = Case(data, f"note.{file_format}", False, refusal(where, field_), "giant field")
    started = time.perf_counter()
    import_case(stored, case)
    assert time.perf_counter() - started < 10


def test_a_csv_field_over_the_reader_limit_is_explained_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from legday_desktop.cli import main

    source = tmp_path / "pasted.csv"
    source.write_text(
        "date,region,level,leg_day_date,days_after,note\n"
        f"2026-11-20,quadriceps.left,3,,,{'x' * 200_000}\n"
    )
    assert main(["import", "--db", str(tmp_path / "journal.sqlite3"), str(source)]) == 2
    assert capsys.readouterr().err == (
        f"legday: error: {source}:2: row: a field is longer than 131,072 characters "
        "(a note holds at most 2,000); is this a Legday export?\n"
    )
