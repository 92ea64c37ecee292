"""CSV of soreness: ``date,region,level,leg_day_date,days_after,note,quality``, a row each.

Files written before ``quality`` was added (six columns) still import.
"""

from __future__ import annotations

import array
import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.journal import Journal, JournalColumns
from legday_desktop.domain.leg_days import LegDay, LegDayCalendar
from legday_desktop.domain.numbers import grouped
from legday_desktop.domain.soreness import (
    MAX_NOTE_LENGTH,
    PainQuality,
    SorenessRating,
    check_level,
    parse_quality,
)
from legday_desktop.domain.wording import _, ngettext
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.parsed import (
    ParsedImport,
    RatedRegions,
    RecordKey,
    RecordPlaces,
    first_rating_of,
)
from legday_desktop.exchange.text_fields import parse_iso_date, parse_whole_number

COLUMNS = ("date", "region", "level", "leg_day_date", "days_after", "note", "quality")
HEADER = ",".join(COLUMNS)
# The columns of files from before a rating could say what the pain is like.
COLUMNS_BEFORE_QUALITY = COLUMNS[:6]
_NEEDS_QUOTES = re.compile('[,"\r\n]')
# A cell a spreadsheet would run as a formula starts with one of these (OWASP's list); a
# note that does, or that starts with the apostrophe used to neutralise them, is written
# with one apostrophe in front, which the importer takes off again.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
# Title of leg days that a CSV import creates: the CSV knows only their dates.
IMPORTED_LEG_DAY_TITLE = "Imported"


def write_csv(journal: Journal | JournalColumns) -> str:
    """Every rating of ``journal`` as CSV text, ordered by date then region id."""
    if isinstance(journal, Journal):
        journal = JournalColumns.of(journal)
    calendar = LegDayCalendar(leg_day.date for leg_day in journal.leg_days)
    ratings = journal.ratings
    lines = [HEADER]
    shown_date: dt.date | None = None
    day = after = ""
    for date, region_id, level, note, quality in zip(
        ratings.dates,
        ratings.region_ids,
        ratings.levels,
        ratings.notes,
        ratings.qualities_or_none(),
        strict=True,
    ):
        if date != shown_date:  # the date cells are the same for every region of a day
            shown_date, day = date, date.isoformat()
            leg_day_date = calendar.leg_day_date_for(date)
            after = (
                ","
                if leg_day_date is None
                else f"{leg_day_date.isoformat()},{(date - leg_day_date).days}"
            )
        said = "" if quality is None else quality.value
        lines.append(f"{day},{region_id},{level},{after},{_note_cell(note) if note else ''},{said}")
    return "\n".join(lines) + "\n"


def _note_cell(note: str) -> str:
    """A note as a cell no spreadsheet runs as a formula (see _FORMULA_STARTS)."""
    return _quoted(f"'{note}" if note.startswith(_FORMULA_STARTS) else note)


def _quoted(text: str) -> str:
    """Quote a cell as RFC 4180 does; unlike csv.writer, also when it holds a lone CR."""
    if text and _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


class _CsvReader:
    """Reads one CSV file row by row, raising ImportFileError at the first bad field.

    A file's dates, levels and day counts repeat (a date once per region rated that day),
    so each distinct cell text is checked once and its value remembered.
    """

    def __init__(self, text: str, source: str, today: dt.date) -> None:
        self.source = source
        self.today = today
        self.text = text
        self.line = 1
        self._dates: dict[str, dt.date] = {}
        self._levels: dict[str, int] = {}
        self.columns: tuple[str, ...] = COLUMNS  # those of the file's header

    def fail(self, field: str, problem: str) -> ImportFileError:
        return ImportFileError(self.source, str(self.line), field, problem)

    def parse(self) -> ParsedImport:
        if not self.text.strip():
            raise self.fail(
                "header", _("the file is empty; expected the header {header}").format(header=HEADER)
            )
        reader = csv.reader(_lines_of(self.text), strict=True)
        ratings: list[SorenessRating] = []
        declared: list[dt.date | None] = []
        lines = array.array("Q")
        rated = RatedRegions()
        header_seen = False
        try:
            for row in reader:
                if not row:  # a blank line
                    self.line = reader.line_num + 1
                    continue
                if not header_seen:
                    header = tuple(cell.strip() for cell in row)
                    if header not in (COLUMNS, COLUMNS_BEFORE_QUALITY):
                        raise self.fail(
                            "header",
                            _("expected {header}, found {found}").format(
                                header=HEADER, found=",".join(row)[:200]
                            ),
                        )
                    self.columns = header
                    header_seen = True
                else:
                    rating, leg_day_date = self._row(row)
                    if not rated.add(rating.date, rating.region_id):
                        earlier = first_rating_of(ratings, rating.date, rating.region_id)
                        raise self.fail(
                            "region",
                            _("{region} on {date} is already rated on line {line}").format(
                                region=rating.region_id,
                                date=rating.date.isoformat(),
                                line=lines[earlier],
                            ),
                        )
                    ratings.append(rating)
                    declared.append(leg_day_date)
                    lines.append(self.line)
                self.line = reader.line_num + 1
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                limit = csv.field_size_limit()
                raise self.fail(
                    "row",
                    _(
                        "a field is longer than {limit} characters (a note holds at most "
                        "{most}); is this a Legday export?"
                    ).format(limit=grouped(limit), most=grouped(MAX_NOTE_LENGTH)),
                ) from None
            raise self.fail("row", _("not valid CSV ({error})").format(error=error)) from None

        leg_day_dates = {day for day in declared if day is not None}
        calendar = LegDayCalendar(leg_day_dates)
        for index, (rating, leg_day_date) in enumerate(zip(ratings, declared, strict=True)):
            expected = calendar.leg_day_date_for(rating.date)
            if expected != leg_day_date:
                self.line = lines[index]
                raise self.fail(
                    "leg_day_date",
                    _(
                        "the file has a leg day on {leg_day}, the latest on or before "
                        "{date}, so this row belongs to it"
                    ).format(leg_day=expected.isoformat(), date=rating.date.isoformat())
                    if expected is not None
                    else _("no leg day in the file comes on or before this date"),
                )
        leg_days = tuple(LegDay(day, IMPORTED_LEG_DAY_TITLE) for day in sorted(leg_day_dates))
        in_file = tuple(ratings)
        del ratings
        return ParsedImport(
            self.source,
            Journal(leg_days, in_file).sorted(),
            places=RecordPlaces({}, in_file, lambda index: str(lines[index])),
            ratings_in_file=in_file,
            declared_leg_days=declared,
        )

    def _date(self, field: str, text: str) -> dt.date:
        day = self._dates.get(text)
        if day is not None:
            return day
        try:
            day = parse_iso_date(text)
        except ValueError as error:
            raise self.fail(field, str(error)) from None
        if day > self.today:
            raise self.fail(field, _("{date} is in the future").format(date=text))
        self._dates[text] = day
        return day

    def _level(self, text: str) -> int:
        level = self._levels.get(text)
        if level is not None:
            return level
        try:
            level = check_level(parse_whole_number(text))
        except (ValueError, DomainError) as error:
            problem = error.problem if isinstance(error, DomainError) else str(error)
            raise self.fail("level", problem) from None
        self._levels[text] = level
        return level

    def _quality(self, text: str) -> PainQuality | None:
        """An empty cell says no quality; otherwise one of the four ids."""
        if not text:
            return None
        try:
            return parse_quality(text)
        except DomainError as error:
            raise self.fail("quality", error.problem) from None

    def _row(self, row: list[str]) -> tuple[SorenessRating, dt.date | None]:
        columns = self.columns
        if len(row) != len(columns):
            raise self.fail(
                "row",
                ngettext(
                    "has {count} field; expected {expected} ({columns})",
                    "has {count} fields; expected {expected} ({columns})",
                    len(row),
                ).format(count=len(row), expected=len(columns), columns=",".join(columns)),
            )
        date_text, region, level_text, leg_day_text, days_after_text, note = row[:6]
        quality = self._quality(row[6]) if len(row) > 6 else None
        if note.startswith("'"):
            note = note[1:]  # the apostrophe the export put before a formula-like note
        date = self._date("date", date_text)
        level = self._level(level_text)
        try:
            rating = SorenessRating(date, region, level, note, quality)
        except DomainError as error:
            raise self.fail(error.field, error.problem) from None

        if not leg_day_text:
            if days_after_text:
                raise self.fail("days_after", _("is given but leg_day_date is empty"))
            return rating, None
        leg_day_date = self._date("leg_day_date", leg_day_text)
        if leg_day_date > date:
            raise self.fail(
                "leg_day_date",
                _("{leg_day} comes after the row's date {date}").format(
                    leg_day=leg_day_text, date=date_text
                ),
            )
        expected_days_after = (date - leg_day_date).days
        if not (
            expected_days_after < len(_DAY_COUNTS)
            and days_after_text == _DAY_COUNTS[expected_days_after]
        ):
            self._check_days_after(days_after_text, expected_days_after, date_text, leg_day_text)
        return rating, leg_day_date

    def _check_days_after(
        self, text: str, expected: int, date_text: str, leg_day_text: str
    ) -> None:
        try:
            days_after = parse_whole_number(text)
        except ValueError as error:
            raise self.fail("days_after", str(error)) from None
        if days_after != expected:
            raise self.fail(
                "days_after",
                _(
                    "{days_after} does not match the dates: {date} is {expected} day(s) after "
                    "{leg_day}"
                ).format(
                    days_after=days_after, date=date_text, expected=expected, leg_day=leg_day_text
                ),
            )


# "0", "1", ... as a row writes its days after a leg day (most are a week or two).
_DAY_COUNTS = tuple(str(days) for days in range(400))
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines_of(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, for csv.reader, without copying the text.

    Only CR, LF and CRLF end a line, as csv.reader counts them (``str.splitlines`` would
    also split at form feeds and Unicode line separators inside a note).
    """
    return (match.group() for match in _LINE.finditer(text))


def parse_csv(text: str, source: str, *, today: dt.date) -> ParsedImport:
    """Validate a whole CSV export; raise ImportFileError naming line and field if bad."""
    return _CsvReader(text, source, today).parse()


def check_against_stored_leg_days(parsed: ParsedImport, stored: Iterable[dt.date]) -> None:
    """Refuse CSV rows that the journal's own leg days would count from another leg day.

    A row says which leg day it belongs to; if the journal holds a later leg day on or
    before the row's date, importing would silently change its "days after".
    """
    if parsed.declared_leg_days is None:
        return
    file_dates = {day for day in parsed.declared_leg_days if day is not None}
    calendar = LegDayCalendar({*stored, *file_dates})
    wrong = [
        (rating, declared, actual)
        for rating, declared in zip(parsed.ratings_in_file, parsed.declared_leg_days, strict=True)
        if (actual := calendar.leg_day_date_for(rating.date)) != declared
    ]
    if wrong:  # the first in the journal's order
        rating, declared, actual = min(wrong, key=lambda found: (found[0].date, found[0].region_id))
        assert actual is not None  # the file's own leg days were consistent
        key: RecordKey = ("rating", rating.date, rating.region_id)
        raise parsed.error_at(
            key,
            "leg_day_date",
            _(
                "the journal has a leg day on {leg_day}, the latest on or before {date}, so "
                "this row would count from it, not from {declared} as the file says"
            ).format(
                leg_day=actual.isoformat(),
                date=rating.date.isoformat(),
                declared=declared.isoformat() if declared else _("no leg day"),
            ),
        )
