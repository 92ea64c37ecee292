"""What the pain is like: the domain's four qualities, stored, migrated, kept by level changes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

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
from legday_desktop.services.journal import JournalService
from legday_desktop.storage.database import migrate, open_store

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


def test_a_quality_is_stored_read_back_and_undone(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    store = open_store(path)
    key = (DAY, "hamstrings.left")
    plain = SorenessRating(DAY, "hamstrings.left", 6, "after sprints")
    store.apply(JournalChange(ratings={key: plain}), today=TODAY)
    sharp = SorenessRating(DAY, "hamstrings.left", 6, "after sprints", PainQuality.SHARP)
    inverse = store.apply(JournalChange(ratings={key: sharp}), today=TODAY)
    assert inverse.ratings == {key: plain}
    assert store.day_overview(DAY).ratings == (sharp,)
    assert rows(path, "SELECT quality FROM soreness") == [("sharp",)]
    assert store.journal_columns().ratings.qualities == [PainQuality.SHARP]
    store.apply(inverse, today=TODAY)
    assert store.day_overview(DAY).ratings == (plain,)
    assert rows(path, "SELECT quality FROM soreness") == [(None,)]
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


def test_a_merge_that_differs_only_in_quality_is_a_conflict_naming_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "journal.sqlite3")
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
    migrate(path)
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
    migrate(path, target="0003_more_regions")
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
