"""What the pain is like: the domain's four qualities, stored, migrated, kept by level changes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.courses import advise, day, kinds, symptoms, tip_ids
from helpers.journals import stored_rows

from legday_desktop.cli import main
from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.journal import Journal, JournalChange
from legday_desktop.domain.merging import ImportConflictError
from legday_desktop.domain.soreness import (
    QUALITY_IDS,
    PainQuality,
    RatingColumns,
    SorenessRating,
    parse_quality,
)
from legday_desktop.exchange.csv_format import parse_csv, write_csv
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.json_format import parse_json, write_json
from legday_desktop.services.journal import JournalService
from legday_desktop.storage.database import migrate, open_store
from legday_desktop.storage.locations import ServerLocation, open_store_at

D = dt.date
TODAY = dt.date.today()
DAY = D(2026, 5, 2)


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


# --- domain ------------------------------------------------------------------------------


def test_the_four_qualities_have_stable_ids_and_names() -> None:
    assert QUALITY_IDS == ("dull", "sharp", "burning", "tight")
    assert [quality.label for quality in PainQuality] == [
        "Dull ache or tender",
        "Sharp or stabbing",
        "Burning or tingling",
        "Tight or cramping",
    ]
    assert {q for q in PainQuality if q.is_typical_of_doms} == {
        PainQuality.DULL,
        PainQuality.TIGHT,
    }


def test_a_rating_says_no_quality_unless_given_one() -> None:
    assert SorenessRating(DAY, "quadriceps.left", 5).quality is None
    assert SorenessRating(DAY, "quadriceps.left", 5, "", PainQuality.SHARP).quality is (
        PainQuality.SHARP
    )
    with pytest.raises(DomainError, match="quality"):
        SorenessRating(DAY, "quadriceps.left", 5, "", "sharp")  # type: ignore[arg-type]


def test_parse_quality_names_the_known_ids() -> None:
    assert parse_quality("burning") is PainQuality.BURNING
    assert parse_quality(None) is None
    with pytest.raises(DomainError, match="unknown pain quality 'stinging'; known: dull, sharp"):
        parse_quality("stinging")


def test_rating_columns_carry_the_qualities_and_stay_empty_without_them() -> None:
    plain = [SorenessRating(DAY, "glutes.left", 3), SorenessRating(DAY, "glutes.right", 2)]
    assert RatingColumns.of(plain).qualities == []
    assert list(RatingColumns.of(plain)) == plain
    mixed = [plain[0], SorenessRating(DAY, "calves.left", 4, "", PainQuality.TIGHT)]
    columns = RatingColumns.of(mixed)
    assert columns.qualities == [PainQuality.TIGHT, None]  # calves sort before glutes
    assert sorted(columns, key=lambda r: r.region_id) == sorted(mixed, key=lambda r: r.region_id)


# --- storage -----------------------------------------------------------------------------


def test_a_quality_is_stored_read_back_and_undone(journal_location: Path | ServerLocation) -> None:
    path = journal_location
    store = open_store_at(path)
    key = (DAY, "hamstrings.left")
    plain = SorenessRating(DAY, "hamstrings.left", 6, "after sprints")
    store.apply(JournalChange(ratings={key: plain}), today=TODAY)
    sharp = SorenessRating(DAY, "hamstrings.left", 6, "after sprints", PainQuality.SHARP)
    inverse = store.apply(JournalChange(ratings={key: sharp}), today=TODAY)
    assert inverse.ratings == {key: plain}
    assert store.day_overview(DAY).ratings == (sharp,)
    assert stored_rows(path, "SELECT quality FROM soreness") == [("sharp",)]
    assert store.journal_columns().ratings.qualities == [PainQuality.SHARP]
    store.apply(inverse, today=TODAY)
    assert store.day_overview(DAY).ratings == (plain,)
    assert stored_rows(path, "SELECT quality FROM soreness") == [(None,)]
    store.close()


def test_the_database_refuses_an_unknown_quality(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    open_store(path).close()
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="ck_soreness_known_quality"):
        connection.execute(
            "INSERT INTO soreness (date, region_id, level, note, quality) "
            "VALUES ('2026-05-02', 'glutes.left', 3, '', 'stinging')"
        )
    connection.close()


def test_a_merge_that_differs_only_in_quality_is_a_conflict_naming_it(
    journal_location: Path | ServerLocation,
) -> None:
    store = open_store_at(journal_location)
    dull = SorenessRating(DAY, "quadriceps.left", 5, "", PainQuality.DULL)
    store.merge(Journal(ratings=(dull,)), today=TODAY)
    burning = SorenessRating(DAY, "quadriceps.left", 5, "", PainQuality.BURNING)
    with pytest.raises(ImportConflictError) as raised:
        store.merge(Journal(ratings=(burning,)), today=TODAY)
    assert raised.value.field == "quality"
    assert "dull ache or tender" in str(raised.value) and "burning" in str(raised.value)
    assert store.journal().ratings == (dull,)
    store.merge(Journal(ratings=(burning,)), today=TODAY, replace=True)
    assert store.journal().ratings == (burning,)
    store.close()


# --- migration ---------------------------------------------------------------------------


def test_the_quality_revision_keeps_every_rating_with_no_quality(tmp_path: Path) -> None:
    """0003 → 0004: soreness is rebuilt with an empty quality column; nothing else moves."""
    path = tmp_path / "journal.sqlite3"
    path.touch()
    migrate(path, target="0003_more_regions")
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO leg_day (id, date, title, notes) VALUES (1, '2026-02-02', 'Old', 'n');
        INSERT INTO leg_day_exercise VALUES (1, 0, 'Squat');
        INSERT INTO soreness (id, date, region_id, level, note) VALUES
            (1, '2026-02-03', 'calves.left', 5, 'x'),
            (2, '2026-02-03', 'calves.right', 0, ''),
            (7, '2026-02-04', 'quadriceps.left', 10, 'ouch, "bad"'),
            (8, '2026-02-04', 'achilles.right', 2, '');
        INSERT INTO check_in (id, date, water_litres, sleep_hours, note)
            VALUES (1, '2026-02-03', 2.5, 7.0, 'felt off');
        INSERT INTO check_in_symptom VALUES (1, 'numbness_or_tingling');
        INSERT INTO profile VALUES (1, 1, '2026-02-03');
        """
    )
    connection.commit()
    connection.close()
    others = ("leg_day", "leg_day_exercise", "check_in", "check_in_symptom", "profile", "region")
    before = {table: rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in others}
    ratings_before = rows(path, "SELECT id, date, region_id, level, note FROM soreness ORDER BY id")
    migrate(path, target="0004_pain_quality")
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0004_pain_quality",)]
    assert {table: rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in others} == (
        before
    )
    assert rows(path, "SELECT * FROM soreness ORDER BY id") == [
        (*row, None) for row in ratings_before
    ]
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(path, "PRAGMA foreign_key_check") == []
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="ck_soreness_level_range"):
        connection.execute(
            "INSERT INTO soreness (date, region_id, level, note) VALUES "
            "('2026-02-05', 'glutes.left', 11, '')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="ck_soreness_known_quality"):
        connection.execute("UPDATE soreness SET quality = 'stinging' WHERE id = 1")
    connection.execute("UPDATE soreness SET quality = 'tight' WHERE id = 1")
    connection.commit()
    connection.close()
    store = open_store(path)
    ratings = store.journal().ratings
    store.close()
    assert [(r.region_id, r.level, r.note, r.quality) for r in ratings] == [
        ("calves.left", 5, "x", PainQuality.TIGHT),
        ("calves.right", 0, "", None),
        ("achilles.right", 2, "", None),
        ("quadriceps.left", 10, 'ouch, "bad"', None),
    ]


def test_the_quality_revision_downgrades_without_losing_ratings(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    store = open_store(path)
    rating = SorenessRating(DAY, "glutes.left", 4, "n", PainQuality.DULL)
    store.apply(JournalChange(ratings={(DAY, "glutes.left"): rating}), today=TODAY)
    store.close()
    # Alembic's upgrade (migrate) does nothing for an older revision: downgrade as migrate
    # upgrades, in one transaction with foreign keys off.
    from alembic import command

    from legday_desktop.storage.database import create_sqlite_engine
    from legday_desktop.storage.schema import alembic_config

    engine = create_sqlite_engine(path, foreign_keys=False, pooled=False)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003_more_regions")
    finally:
        engine.dispose()
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0003_more_regions",)]
    assert "quality" not in {column[1] for column in rows(path, "PRAGMA table_info(soreness)")}
    assert rows(path, "SELECT date, region_id, level, note FROM soreness") == [
        ("2026-05-02", "glutes.left", 4, "n")
    ]


# --- the service ---------------------------------------------------------------------------


@pytest.fixture
def service(tmp_path: Path) -> Iterator[JournalService]:
    journal = JournalService(tmp_path / "journal.sqlite3")
    journal.open()
    yield journal
    journal.close()


def test_a_level_change_keeps_the_quality_and_a_quality_change_keeps_the_level(
    service: JournalService,
) -> None:
    assert service.set_levels(DAY, {"quadriceps.left": 5, "quadriceps.right": 5})
    assert service.set_quality(DAY, {"quadriceps.left", "quadriceps.right"}, PainQuality.SHARP)
    assert (
        service.undo_stack.undoText()
        == "Say the pain in both quads is sharp or stabbing on " + ("Sat 2 May")
    )
    assert service.set_levels(DAY, {"quadriceps.left": 7})
    assert {(r.region_id, r.level, r.quality) for r in service.ratings_between(DAY, DAY)} == {
        ("quadriceps.left", 7, PainQuality.SHARP),
        ("quadriceps.right", 5, PainQuality.SHARP),
    }
    service.undo_stack.undo()  # the level
    service.undo_stack.undo()  # the quality, both sides in one step
    assert {(r.region_id, r.level, r.quality) for r in service.ratings_between(DAY, DAY)} == {
        ("quadriceps.left", 5, None),
        ("quadriceps.right", 5, None),
    }
    service.undo_stack.redo()
    assert {r.quality for r in service.ratings_between(DAY, DAY)} == {PainQuality.SHARP}


def test_clearing_a_quality_and_a_region_not_rated(service: JournalService) -> None:
    assert service.set_levels(DAY, {"calves.left": 3})
    assert service.set_quality(DAY, {"calves.left"}, PainQuality.TIGHT)
    assert service.set_quality(DAY, {"calves.left"}, None)
    assert service.undo_stack.undoText().startswith("Clear what the pain is like in Left calf")
    assert service.ratings_between(DAY, DAY)[0].quality is None
    steps = service.undo_stack.count()
    assert not service.set_quality(DAY, {"calves.right"}, PainQuality.SHARP)  # not rated
    assert service.undo_stack.count() == steps
    assert [r.region_id for r in service.ratings_between(DAY, DAY)] == ["calves.left"]


# --- exchange ----------------------------------------------------------------------------

QUALITY_JOURNAL = Journal(
    ratings=(
        SorenessRating(DAY, "calves.left", 4, "", PainQuality.TIGHT),
        SorenessRating(DAY, "calves.right", 2),
        SorenessRating(
            D(2026, 5, 3), "hamstrings.left", 6, "pulled, mid-sprint", PainQuality.SHARP
        ),
    )
)


def test_json_carries_a_quality_only_where_one_was_said() -> None:
    """Since version 3 (the version written now is 4: its leg days carry their sets)."""
    text = write_json(QUALITY_JOURNAL)
    document = json.loads(text)
    assert document["format_version"] == 4
    assert [entry.get("quality", "left out") for entry in document["soreness"]] == [
        "tight",
        "left out",
        "sharp",
    ]
    parsed = parse_json(text, "in.json", today=TODAY)
    assert parsed.journal.ratings == QUALITY_JOURNAL.sorted().ratings
    assert write_json(parsed.journal) == text


def test_json_version_3_reads_a_null_quality_as_none_and_refuses_an_unknown_one() -> None:
    document = json.loads(write_json(QUALITY_JOURNAL))
    document["soreness"][0]["quality"] = None
    parsed = parse_json(json.dumps(document), "in.json", today=TODAY)
    assert parsed.journal.ratings[0].quality is None
    document["soreness"][2]["quality"] = "stinging"
    with pytest.raises(ImportFileError) as raised:
        parse_json(json.dumps(document), "in.json", today=TODAY)
    assert str(raised.value).startswith(
        "in.json:$.soreness[2]: quality: unknown pain quality 'stinging'; known: dull, sharp"
    )
    document["soreness"][2]["quality"] = 3
    with pytest.raises(ImportFileError, match=r"\$.soreness\[2\]: quality: must be text"):
        parse_json(json.dumps(document), "in.json", today=TODAY)


@pytest.mark.parametrize("version", [1, 2])
def test_earlier_json_versions_import_and_know_no_quality(version: int) -> None:
    document = json.loads(write_json(Journal(ratings=QUALITY_JOURNAL.ratings[1:2])))
    document["format_version"] = version
    if version == 1:
        del document["profile"]
    parsed = parse_json(json.dumps(document), "in.json", today=TODAY)
    assert parsed.journal.ratings == (SorenessRating(DAY, "calves.right", 2),)
    document["soreness"][0]["quality"] = "dull"
    with pytest.raises(ImportFileError, match=r"\$.soreness\[0\]: quality: unknown field"):
        parse_json(json.dumps(document), "in.json", today=TODAY)


def test_csv_gains_a_last_quality_column_and_reads_it_back() -> None:
    text = write_csv(QUALITY_JOURNAL)
    assert text.splitlines() == [
        "date,region,level,leg_day_date,days_after,note,quality",
        "2026-05-02,calves.left,4,,,,tight",
        "2026-05-02,calves.right,2,,,,",
        '2026-05-03,hamstrings.left,6,,,"pulled, mid-sprint",sharp',
    ]
    parsed = parse_csv(text, "in.csv", today=TODAY)
    assert parsed.journal.ratings == QUALITY_JOURNAL.sorted().ratings
    assert write_csv(parsed.journal) == text


def test_a_six_column_csv_still_imports_with_no_quality() -> None:
    text = (
        "date,region,level,leg_day_date,days_after,note\n"
        "2026-05-01,calves.left,0,2026-05-01,0,\n"
        "2026-05-02,calves.left,4,2026-05-01,1,stairs\n"
    )
    parsed = parse_csv(text, "old.csv", today=TODAY)
    assert [(r.level, r.note, r.quality) for r in parsed.journal.ratings] == [
        (0, "", None),
        (4, "stairs", None),
    ]
    with pytest.raises(ImportFileError, match=r"old\.csv:3: row: has 7 fields; expected 6"):
        parse_csv(text.replace("stairs", "stairs,dull"), "old.csv", today=TODAY)


@pytest.mark.parametrize("cell", ["stinging", "Sharp", " dull", "5"])
def test_an_unknown_csv_quality_is_refused_with_file_line_and_field_and_nothing_stored(
    tmp_path: Path, cell: str
) -> None:
    journal = tmp_path / "journal.sqlite3"
    store = open_store(journal)
    store.merge(Journal(ratings=(SorenessRating(DAY, "glutes.left", 3),)), today=TODAY)
    store.close()
    before = rows(journal, "SELECT * FROM soreness ORDER BY id")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,region,level,leg_day_date,days_after,note,quality\n"
        "2026-05-01,calves.left,2,,,,dull\n"
        f"2026-05-02,calves.right,3,,,,{cell}\n"
    )
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["import", "--db", str(journal), str(bad)])
    assert code == 2
    assert f"{bad}:3: quality: unknown pain quality {cell!r}" in err.getvalue()
    assert rows(journal, "SELECT * FROM soreness ORDER BY id") == before


# --- the guidance ------------------------------------------------------------------------


def _felt(region: str, level: int, quality: PainQuality | None) -> list[SorenessRating]:
    return [SorenessRating(day(2), region, level, quality=quality)]


@pytest.mark.parametrize("quality", [None, PainQuality.DULL, PainQuality.TIGHT])
def test_a_dull_or_tight_ache_is_ordinary_soreness(quality: PainQuality | None) -> None:
    advice = advise(_felt("quadriceps.left", 5, quality), 2)
    assert kinds(advice) == []


def test_a_sharp_pain_is_a_check_for_a_strain_and_keeps_hands_off_that_muscle() -> None:
    advice = advise(_felt("hamstrings.left", 4, PainQuality.SHARP), 2)
    assert kinds(advice) == [("sharp_pain", "check")]
    alert = advice.alerts[0]
    assert alert.title == "Sharp or stabbing pain"
    assert alert.message.startswith("Left hamstring at 4 today (day 2), felt as sharp or stabbing:")
    assert "points to a strain" in alert.message
    assert "alert-sharp-pain" in tip_ids(advice)
    assert alert.hands_off_groups == {"hamstrings"}


def test_burning_or_tingling_is_a_check_that_says_when_to_get_care_now() -> None:
    advice = advise(_felt("shins.right", 3, PainQuality.BURNING), 2)
    assert kinds(advice) == [("burning_pain", "check")]
    assert "get care now if the leg turns numb" in advice.alerts[0].message
    assert "alert-burning-pain" in tip_ids(advice)
    # Reported numbness too: that symptom's own alert is urgent, and said first.
    numb = advise(
        _felt("shins.right", 3, PainQuality.BURNING),
        2,
        [symptoms(2, WarningSymptom.NUMBNESS_OR_TINGLING)],
    )
    assert kinds(numb) == [("reported_symptom", "urgent"), ("burning_pain", "check")]


def test_a_sharp_pain_counts_without_a_leg_day_too() -> None:
    advice = advise(_felt("calves.left", 3, PainQuality.SHARP), 2, leg_days=())
    assert kinds(advice) == [("sharp_pain", "check")]
