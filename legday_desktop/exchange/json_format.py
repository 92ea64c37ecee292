"""JSON of the whole journal (leg days, soreness, check-ins, profile) with a ``format_version``.

Versions: 1 — leg days, soreness and check-ins; 2 — adds ``profile`` (the standing
answers) and the check-in symptoms added with it; 3 — adds a rating's ``quality`` (what
the pain is like; left out when not said); 4 — adds a leg day's logged ``sets``
(exercise, order, reps, weight_kg, rpe, set_type; left out when there are none). Every
earlier version still imports.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring
from typing import Any, TypeVar

from legday_desktop.domain.check_ins import CheckIn, parse_action, parse_symptom
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.journal import Journal, JournalColumns
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import RatingColumns, SorenessRating, parse_quality
from legday_desktop.domain.training import SET_TYPE_IDS, SetType, WorkoutSet
from legday_desktop.domain.wording import _, pgettext
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.parsed import (
    ParsedImport,
    RatedRegions,
    RecordKey,
    RecordPlaces,
    first_rating_of,
)
from legday_desktop.exchange.text_fields import format_time, parse_iso_date, parse_iso_time

FORMAT_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
_SECTIONS = ("leg_days", "soreness", "check_ins")
_PROFILE_SINCE = 2  # the format_version that added "profile"
_QUALITY_SINCE = 3  # the format_version that added a rating's "quality"
_SETS_SINCE = 4  # the format_version that added a leg day's "sets"
_SET_KEYS = ("exercise", "order", "reps", "weight_kg", "rpe", "set_type")
_RATING_KEYS = frozenset({"date", "region", "level", "note"})
_RATING_KEYS_WITH_QUALITY = _RATING_KEYS | {"quality"}
_REGION_IDS = frozenset(REGION_IDS)

T = TypeVar("T")


def write_json(journal: Journal | JournalColumns) -> str:
    """The whole journal as JSON text; the same journal always gives the same bytes."""
    if isinstance(journal, Journal):
        journal = JournalColumns.of(journal)
    document = {
        "format_version": FORMAT_VERSION,
        "leg_days": [
            {
                "date": leg_day.date.isoformat(),
                "start_time": None
                if leg_day.start_time is None
                else format_time(leg_day.start_time),
                "title": leg_day.title,
                "exercises": list(leg_day.exercises),
                "rpe": leg_day.rpe,
                "duration_minutes": leg_day.duration_minutes,
                "notes": leg_day.notes,
                **({"sets": [_set_entry(one) for one in leg_day.sets]} if leg_day.sets else {}),
            }
            for leg_day in journal.leg_days
        ],
        "soreness": _rating_lines(journal.ratings),
        "check_ins": [
            {
                "date": check_in.date.isoformat(),
                "symptoms": sorted(symptom.value for symptom in check_in.symptoms),
                "actions": sorted(action.value for action in check_in.actions),
                "water_litres": check_in.water_litres,
                "sleep_hours": check_in.sleep_hours,
                "note": check_in.note,
            }
            for check_in in journal.check_ins
        ],
        "profile": {
            "statin_or_new_medicine": journal.profile.statin_or_new_medicine,
            "answered_on": None
            if journal.profile.answered_on is None
            else journal.profile.answered_on.isoformat(),
        },
    }
    return _one_record_per_line(document)


def _set_entry(one: WorkoutSet) -> dict[str, Any]:
    return {
        "exercise": one.exercise,
        "order": one.order,
        "reps": one.reps,
        "weight_kg": one.weight_kg,
        "rpe": one.rpe,
        "set_type": one.set_type.value,
    }


class _Encoded(list[str]):
    """A section's records already encoded as JSON text, one per item (``_rating_lines``)."""


def _rating_lines(ratings: RatingColumns) -> _Encoded:
    """The ratings as the JSON objects ``write_json`` writes for them, encoded at once.

    Dates and region ids are plain ASCII with nothing to escape (the domain and the
    journal's constraints check both); a note goes through the standard library's string
    encoder. Ratings are most of a journal, so this is most of an export's time.
    """
    lines = _Encoded()
    shown_date: dt.date | None = None
    day = ""
    for date, region_id, level, note, quality in zip(
        ratings.dates,
        ratings.region_ids,
        ratings.levels,
        ratings.notes,
        ratings.qualities_or_none(),
        strict=True,
    ):
        if date != shown_date:
            shown_date, day = date, date.isoformat()
        text = encode_basestring(note) if note else '""'
        said = "" if quality is None else f', "quality": "{quality.value}"'
        lines.append(
            f'{{"date": "{day}", "region": "{region_id}", "level": {level}, "note": {text}{said}}}'
        )
    return lines


def _one_record_per_line(document: dict[str, Any]) -> str:
    """``document`` as JSON with each record of a section on a line of its own.

    As readable and diffable as indented JSON, but each line is encoded by the standard
    library's C encoder (``indent`` would force its pure-Python one, five times slower).
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = ["{"]
    last = len(document) - 1
    for position, (key, value) in enumerate(document.items()):
        comma = "," if position < last else ""
        if isinstance(value, list) and value:
            lines.append(f"  {encode(key)}: [")
            texts = value if isinstance(value, _Encoded) else [encode(item) for item in value]
            lines.append(",\n".join(["    " + text for text in texts]))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {encode(key)}: {encode(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


class _JsonReader:
    """Walks a decoded JSON document, raising ImportFileError with the JSON path of a problem."""

    def __init__(self, source: str, today: dt.date) -> None:
        self.source = source
        self.today = today
        self.rating_keys = _RATING_KEYS  # those of the file's format_version
        self.has_sets = False  # whether the file's format_version knows a leg day's sets

    def fail(self, where: str, field: str, problem: str) -> ImportFileError:
        return ImportFileError(self.source, where, field, problem)

    def fields(
        self, value: object, where: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "entry", _must_be(_("a JSON object"), _kind(value)))
        if isinstance(value, _RepeatedKeyObject):
            raise self.fail(where, value.repeated_key, _("appears twice in this object"))
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(where, str(key), _("unknown field"))
        for key in required:
            if key not in value:
                raise self.fail(where, key, _("missing"))
        return value

    def typed(
        self,
        entry: dict[str, Any],
        where: str,
        key: str,
        kind: type[T] | tuple[type, ...],
        default: object = None,
        *,
        required: bool = False,
    ) -> Any:
        value = entry.get(key, default)
        if value is None and required:
            raise self.fail(where, key, _must_be(_describe(kind), "null"))
        if value is None and default is None:
            return None
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(where, key, _must_be(_describe(kind), _kind(value)))
        if not isinstance(value, kind):
            raise self.fail(where, key, _must_be(_describe(kind), _kind(value)))
        return value

    def amount(self, entry: dict[str, Any], where: str, key: str) -> float | None:
        """A number of litres or hours, as a float (the domain checks its range)."""
        value = self.typed(entry, where, key, (int, float))
        if isinstance(value, int):
            try:
                return float(value)
            except OverflowError:  # a whole number beyond any float: out of range anyway
                return math.inf if value > 0 else -math.inf
        return value  # type: ignore[no-any-return]

    def date(self, entry: dict[str, Any], where: str, key: str = "date") -> dt.date:
        text = self.typed(entry, where, key, str, required=True)
        try:
            day = parse_iso_date(text)
        except ValueError as error:
            raise self.fail(where, key, str(error)) from None
        if day > self.today:
            raise self.fail(where, key, _("{date} is in the future").format(date=text))
        return day

    @contextmanager
    def domain_rules(self, where: str) -> Iterator[None]:
        """Report a DomainError raised inside the block at ``where``."""
        try:
            yield
        except DomainError as error:
            raise self.fail(where, error.field, error.problem) from None

    def parse(self, document: object) -> ParsedImport:
        """The import ``document`` holds; its ratings list is emptied as it is read."""
        if not isinstance(document, dict):
            raise self.fail("$", "entry", _must_be(_("a JSON object"), _kind(document)))
        version = document.get("format_version")
        if "format_version" in document and (
            type(version) is not int or version not in READABLE_VERSIONS
        ):
            readable = ", ".join(str(number) for number in READABLE_VERSIONS)
            raise self.fail(
                "$",
                "format_version",
                (
                    _(
                        "this Legday reads format_version {readable}, the file has {version} "
                        "(from a newer Legday?)"
                    )
                    if _is_newer(version)
                    else _("this Legday reads format_version {readable}, the file has {version}")
                ).format(readable=readable, version=repr(version)),
            )
        has_profile = type(version) is int and version >= _PROFILE_SINCE
        if type(version) is int and version >= _QUALITY_SINCE:
            self.rating_keys = _RATING_KEYS_WITH_QUALITY
        self.has_sets = type(version) is int and version >= _SETS_SINCE
        root = self.fields(
            document, "$", ("format_version", *_SECTIONS), ("profile",) if has_profile else ()
        )
        for section in _SECTIONS:
            if not isinstance(root[section], list):
                raise self.fail(
                    f"$.{section}", section, _must_be(_("a JSON list"), _kind(root[section]))
                )
        places: dict[RecordKey, str] = {}

        def remember(key: RecordKey, where: str) -> None:
            if key in places:
                raise self.fail(
                    where, "date", _("repeats the entry at {place}").format(place=places[key])
                )
            places[key] = where

        leg_days = []
        for index, value in enumerate(root["leg_days"]):
            where = f"$.leg_days[{index}]"
            entry = self.fields(
                value,
                where,
                ("date",),
                (
                    "start_time",
                    "title",
                    "exercises",
                    "rpe",
                    "duration_minutes",
                    "notes",
                    *(("sets",) if self.has_sets else ()),
                ),
            )
            date = self.date(entry, where)
            start_text = self.typed(entry, where, "start_time", str)
            try:
                start_time = None if start_text is None else parse_iso_time(start_text)
            except ValueError as error:
                raise self.fail(where, "start_time", str(error)) from None
            exercises = self.typed(entry, where, "exercises", list, [])
            for position, name in enumerate(exercises):
                if not isinstance(name, str):
                    raise self.fail(
                        f"{where}.exercises[{position}]",
                        "exercises",
                        _must_be(_("text"), _kind(name)),
                    )
                if "\x00" in name:  # SQLite's length() stops at NUL: "\x00" would be blank
                    raise self.fail(
                        f"{where}.exercises[{position}]",
                        "exercises",
                        _("contains a NUL character"),
                    )
            with self.domain_rules(where):
                leg_day = LegDay(
                    date=date,
                    title=self.typed(entry, where, "title", str, ""),
                    exercises=tuple(exercises),
                    rpe=self.typed(entry, where, "rpe", int),
                    duration_minutes=self.typed(entry, where, "duration_minutes", int),
                    start_time=start_time,
                    notes=self.typed(entry, where, "notes", str, ""),
                    sets=self._sets(entry, where),
                )
            remember(("leg_day", date), where)
            leg_days.append(leg_day)

        ratings: list[SorenessRating] = []
        rated = RatedRegions()
        dates: dict[str, dt.date] = {}  # each day's date is read once, not once per region
        entries = root["soreness"]
        for index, value in enumerate(entries):
            rating = self._plain_rating(value, dates)
            if rating is None:  # anything unusual: the checks that say what is wrong
                rating = self._rating(value, f"$.soreness[{index}]")
            if not rated.add(rating.date, rating.region_id):
                earlier = first_rating_of(ratings, rating.date, rating.region_id)
                raise self.fail(
                    f"$.soreness[{index}]",
                    "date",
                    _("repeats the entry at {place}").format(place=f"$.soreness[{earlier}]"),
                )
            ratings.append(rating)
            entries[index] = None  # the entry is read: its memory can hold the next rating

        check_ins = []
        for index, value in enumerate(root["check_ins"]):
            where = f"$.check_ins[{index}]"
            entry = self.fields(
                value,
                where,
                ("date",),
                ("symptoms", "actions", "water_litres", "sleep_hours", "note"),
            )
            date = self.date(entry, where)
            symptom_names = self._names(entry, where, "symptoms")
            action_names = self._names(entry, where, "actions")
            with self.domain_rules(where):
                check_in = CheckIn(
                    date=date,
                    symptoms=frozenset(parse_symptom(name) for name in symptom_names),
                    actions=frozenset(parse_action(name) for name in action_names),
                    water_litres=self.amount(entry, where, "water_litres"),
                    sleep_hours=self.amount(entry, where, "sleep_hours"),
                    note=self.typed(entry, where, "note", str, ""),
                )
            remember(("check_in", date), where)
            check_ins.append(check_in)

        profile = self._profile(root.get("profile"), places)
        in_file = tuple(ratings)
        del ratings
        return ParsedImport(
            self.source,
            Journal(tuple(leg_days), in_file, tuple(check_ins), profile).sorted(),
            RecordPlaces(places, in_file, _rating_path),
            in_file,
        )

    def _sets(self, entry: dict[str, Any], where: str) -> tuple[WorkoutSet, ...]:
        """A leg day's logged sets, each checked where it is (``$.leg_days[0].sets[2]``)."""
        sets = []
        for index, value in enumerate(self.typed(entry, where, "sets", list, [])):
            place = f"{where}.sets[{index}]"
            one = self.fields(value, place, ("exercise", "order"), _SET_KEYS)
            exercise = self.typed(one, place, "exercise", str, required=True)
            if "\x00" in exercise:
                raise self.fail(place, "exercise", _("contains a NUL character"))
            set_type = self.typed(one, place, "set_type", str, "normal")
            try:
                kind = SetType(set_type)
            except ValueError:
                known = ", ".join(SET_TYPE_IDS)
                raise self.fail(
                    place,
                    "set_type",
                    _("must be one of {known}, got {found}").format(
                        known=known, found=repr(set_type)
                    ),
                ) from None
            with self.domain_rules(place):
                sets.append(
                    WorkoutSet(
                        exercise=exercise,
                        order=self.typed(one, place, "order", int, required=True),
                        reps=self.typed(one, place, "reps", int),
                        weight_kg=self.amount(one, place, "weight_kg"),
                        rpe=self.amount(one, place, "rpe"),
                        set_type=kind,
                    )
                )
        return tuple(sets)

    def _rating(self, value: object, where: str) -> SorenessRating:
        optional = tuple(sorted(self.rating_keys - {"date", "region", "level"}))
        entry = self.fields(value, where, ("date", "region", "level"), optional)
        date = self.date(entry, where)
        with self.domain_rules(where):
            return SorenessRating(
                date,
                self.typed(entry, where, "region", str),
                self.typed(entry, where, "level", int),
                self.typed(entry, where, "note", str, ""),
                parse_quality(self.typed(entry, where, "quality", str)),
            )

    def _plain_rating(self, value: object, dates: dict[str, dt.date]) -> SorenessRating | None:
        """The rating of an entry exactly as Legday exports it; None for anything else.

        The fast way for the many ratings of a journal; ``_rating`` reads every other
        entry and says what is wrong with it.
        """
        if type(value) is not dict or not value.keys() <= self.rating_keys or len(value) < 3:
            return None
        text, region, level = value.get("date"), value.get("region"), value.get("level")
        note, quality = value.get("note", ""), value.get("quality")
        if type(level) is not int or type(note) is not str or region not in _REGION_IDS:
            return None
        day = dates.get(text) if type(text) is str else None
        if day is None:
            try:
                day = parse_iso_date(text)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return None
            if day > self.today:
                return None
            dates[text] = day  # type: ignore[index]
        try:
            return SorenessRating(day, region, level, note, parse_quality(quality))
        except DomainError:
            return None

    def _profile(self, value: object, places: dict[RecordKey, str]) -> Profile:
        if value is None:
            return Profile()
        where = "$.profile"
        entry = self.fields(value, where, (), ("statin_or_new_medicine", "answered_on"))
        answer = self.typed(entry, where, "statin_or_new_medicine", bool)
        answered_on = (
            None if entry.get("answered_on") is None else self.date(entry, where, "answered_on")
        )
        places[("profile",)] = where
        with self.domain_rules(where):
            return Profile(answer, answered_on)

    def _names(self, entry: dict[str, Any], where: str, key: str) -> list[str]:
        names = self.typed(entry, where, key, list, [])
        for position, name in enumerate(names):
            if not isinstance(name, str):
                raise self.fail(f"{where}.{key}[{position}]", key, _must_be(_("text"), _kind(name)))
        if len(set(names)) != len(names):
            raise self.fail(where, key, _("lists the same entry twice"))
        return list(names)


def _rating_path(index: int) -> str:
    return f"$.soreness[{index}]"


def _is_newer(version: object) -> bool:
    return type(version) is int and version > FORMAT_VERSION


def _must_be(expected: str, found: str) -> str:
    """``must be a whole number, got text``."""
    return _("must be {expected}, got {found}").format(expected=expected, found=found)


def _kind(value: object) -> str:
    if isinstance(value, float) and math.isinf(value):
        return _("a number too large to use")
    return {
        dict: _("an object"),
        list: _("a list"),
        str: _("text"),
        bool: _("true/false"),
        int: _("a whole number"),
        float: _("a number"),
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _describe(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        str: _("text"),
        int: _("a whole number"),
        float: _("a number"),
        list: _("a list"),
        bool: _("true/false"),
    }
    return pgettext("between kinds of value", " or ").join(names.get(k, k.__name__) for k in kinds)


class _RepeatedKeyObject(dict[str, Any]):
    """A JSON object that holds ``repeated_key`` twice; the reader refuses it where it stands."""

    def __init__(self, pairs: list[tuple[str, Any]], repeated_key: str) -> None:
        super().__init__(pairs)
        self.repeated_key = repeated_key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Mark ``{"level": 11, "level": 3}`` instead of silently keeping the last value."""
    document = dict(pairs)
    if len(document) < len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                return _RepeatedKeyObject(pairs, key)
            seen.add(key)
    return document


def _decoded(text: str) -> object:
    """The JSON document in ``text``; whole numbers too long for int() become infinity.

    Read with the standard library's own int() first (the fast way); only a file with
    such a number is read again number by number.
    """
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError:
        raise
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        return json.loads(text, object_pairs_hook=_object, parse_int=_whole_number)


def _whole_number(digits: str) -> int | float:
    """A JSON whole number; beyond int()'s 4300 digits, infinity (out of every range)."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


# Strings and brackets of JSON text, to find where it nests too deeply for the parser.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_MAX_DEPTH_SHOWN = 100  # exports nest 4 levels deep


def _line_too_deep(text: str) -> str:
    """The line on which ``text`` first nests more than _MAX_DEPTH_SHOWN levels, or ""."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > _MAX_DEPTH_SHOWN:
                return str(text.count("\n", 0, match.start()) + 1)
        elif token in ("]", "}"):
            depth -= 1
    return ""


def parse_json(text: str, source: str, *, today: dt.date) -> ParsedImport:
    """Validate a whole JSON export; raise ImportFileError naming the JSON path and field."""
    return parse_json_document(load_json(text, source), source, today=today)


def load_json(text: str, source: str) -> object:
    """The JSON document in ``text``; ImportFileError naming the line if it is not JSON."""
    if not text.strip():
        raise ImportFileError(source, "1", "json", _("the file is empty"))
    try:
        return _decoded(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            source,
            str(error.lineno),
            "json",
            _("{problem} (column {column})").format(problem=error.msg, column=error.colno),
        ) from None
    except RecursionError:
        where = _line_too_deep(text)
        raise ImportFileError(source, where, "json", _("nested too deeply")) from None
    except ValueError as error:  # none known; still a message, not a crash
        raise ImportFileError(source, "", "json", str(error)) from None


def parse_json_document(document: object, source: str, *, today: dt.date) -> ParsedImport:
    """Validate a decoded JSON export (consuming its ratings list); see ``parse_json``."""
    return _JsonReader(source, today).parse(document)
