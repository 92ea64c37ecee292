"""Schema migrations: run from code, in one transaction, foreign keys off, no row lost."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from helpers.journals import filled_store

from legday_desktop.domain.check_ins import RecoveryAction, WarningSymptom
from legday_desktop.domain.regions import REGIONS
from legday_desktop.storage import schema
from legday_desktop.storage.database import (
    MIGRATIONS_DIR,
    create_sqlite_engine,
    migrate,
    open_store,
)
from legday_desktop.storage.errors import StorageError
from legday_desktop.storage.tables import metadata


def script_directory(location: Path = MIGRATIONS_DIR) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(location))
    config.set_main_option("path_separator", "os")
    return ScriptDirectory.from_config(config)


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_known_revisions_match_alembic_history() -> None:
    history = [script.revision for script in script_directory().walk_revisions()]
    assert tuple(reversed(history)) == schema.REVISIONS
    assert script_directory().get_current_head() == schema.HEAD


def definition_parts(sql: str) -> set[str]:
    """The head of a CREATE statement and each top-level item of its body, as a set.

    SQLite stores a column added by ALTER TABLE after the constraints, so the comparison
    ignores order; quotes and runs of white space are ignored too.
    """
    text = " ".join(sql.replace('"', "").split())
    opening, closing = text.find("("), text.rfind(")")
    if opening < 0:
        return {text}
    parts, depth, start = {text[:opening].strip()}, 0, opening + 1
    for position in range(opening + 1, closing):
        character = text[position]
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            parts.add(text[start:position].strip())
            start = position + 1
    parts.add(text[start:closing].strip())
    return parts


def schema_of(path: Path) -> dict[tuple[str, str], set[str]]:
    """Each table and index, as the parts of the statement SQLite stores for it."""
    stored = rows(path, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    return {(kind, name): definition_parts(str(sql)) for kind, name, sql in stored}


@pytest.mark.parametrize("made_by", ["creating", "migrating"])
def test_schema_matches_the_tables(tmp_path: Path, made_by: str) -> None:
    path = tmp_path / "journal.sqlite3"
    if made_by == "creating":
        open_store(path).close()  # a new journal is created from the tables
    else:
        path.touch()
        migrate(path)
    engine = create_sqlite_engine(path)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_a_created_journal_is_the_migrated_one(tmp_path: Path) -> None:
    created, migrated = tmp_path / "created.sqlite3", tmp_path / "migrated.sqlite3"
    open_store(created).close()
    migrated.touch()
    migrate(migrated)
    assert schema_of(created) == schema_of(migrated)
    for query in (
        "SELECT * FROM region ORDER BY id",
        "SELECT version_num FROM alembic_version",
    ):
        assert rows(created, query) == rows(migrated, query)
    assert rows(created, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]


def test_baseline_seeds_the_regions_and_freezes_the_catalogues(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    open_store(path).close()
    stored = set(rows(path, "SELECT id, group_id, side FROM region"))
    assert stored == {(r.id, r.group.id, r.side.value) for r in REGIONS}
    baseline = script_directory().get_revision("0001_baseline").module
    newest_symptoms = script_directory().get_revision("0002_warnings_and_profile").module
    # A new symptom or action in the domain needs a migration that allows it.
    assert tuple(symptom.value for symptom in WarningSymptom) == newest_symptoms.SYMPTOMS
    assert tuple(action.value for action in RecoveryAction) == baseline.ACTIONS


def test_baseline_database_opens_with_every_row(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.touch()
    migrate(path, target="0001_baseline")
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO leg_day (id, date, title, notes) VALUES (1, '2026-02-02', 'Old', '');
        INSERT INTO leg_day_exercise VALUES (1, 0, 'Squat');
        INSERT INTO soreness (date, region_id, level, note)
            VALUES ('2026-02-03', 'glutes.left', 5, '');
        """
    )
    connection.commit()
    connection.close()
    store = open_store(path)
    journal = store.journal()
    store.close()
    assert [(leg_day.title, leg_day.exercises) for leg_day in journal.leg_days] == [
        ("Old", ("Squat",))
    ]
    assert [(r.region_id, r.level) for r in journal.ratings] == [("glutes.left", 5)]


def test_the_warnings_revision_keeps_every_row_and_allows_the_new_symptoms(
    tmp_path: Path,
) -> None:
    """0001 → 0002: check-in symptoms are rebuilt into a table that allows the new ones."""
    path = tmp_path / "journal.sqlite3"
    path.touch()
    migrate(path, target="0001_baseline")
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO leg_day (id, date, title, notes) VALUES (1, '2026-02-02', 'Old', 'n');
        INSERT INTO leg_day_exercise VALUES (1, 0, 'Squat');
        INSERT INTO soreness (date, region_id, level, note)
            VALUES ('2026-02-03', 'calves.left', 5, 'x');
        INSERT INTO check_in (id, date, water_litres, sleep_hours, note)
            VALUES (1, '2026-02-03', 2.5, 7.0, 'felt off'),
                   (2, '2026-02-04', NULL, NULL, '');
        INSERT INTO check_in_symptom VALUES (1, 'dark_urine'), (1, 'fever'),
                                            (2, 'joint_locks_or_gives_way');
        INSERT INTO check_in_action VALUES (1, 'heat');
        """
    )
    connection.commit()
    connection.close()
    tables = ("leg_day", "leg_day_exercise", "soreness", "check_in", "check_in_symptom",
              "check_in_action", "region")  # fmt: skip
    before = {table: rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in tables}
    migrate(path, target="0002_warnings_and_profile")
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0002_warnings_and_profile",)]
    assert {table: rows(path, f"SELECT * FROM {table} ORDER BY 1, 2") for table in tables} == (
        before
    )
    assert rows(path, "SELECT * FROM profile") == []
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(path, "PRAGMA foreign_key_check") == []
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO check_in_symptom VALUES (2, 'one_leg_swollen_warm_red')")
    connection.commit()
    with pytest.raises(sqlite3.IntegrityError, match="ck_check_in_symptom_known_symptom"):
        connection.execute("INSERT INTO check_in_symptom VALUES (2, 'headache')")
    with pytest.raises(sqlite3.IntegrityError, match="ck_profile_single_row"):
        connection.execute("INSERT INTO profile VALUES (2, 1, '2026-02-04')")
    connection.close()
    store = open_store(path)
    journal = store.journal()
    store.close()
    assert {c.date.isoformat(): sorted(s.value for s in c.symptoms) for c in journal.check_ins} == {
        "2026-02-03": ["dark_urine", "fever"],
        "2026-02-04": ["joint_locks_or_gives_way", "one_leg_swollen_warm_red"],
    }


def test_the_regions_revision_keeps_every_rating_and_allows_the_new_regions(
    tmp_path: Path,
) -> None:
    """0002 → 0003: the outer hip and the Achilles join the regions; no rating is lost."""
    path = tmp_path / "journal.sqlite3"
    path.touch()
    migrate(path, target="0002_warnings_and_profile")
    connection = sqlite3.connect(path)
    old_regions = [region_id for (region_id,) in connection.execute("SELECT id FROM region")]
    assert len(old_regions) == 18
    connection.executemany(
        "INSERT INTO soreness (date, region_id, level, note) VALUES (?, ?, ?, ?)",
        [
            (f"2026-02-{day:02d}", region_id, (day + index) % 11, "note" if index % 5 else "")
            for day in range(1, 8)
            for index, region_id in enumerate(old_regions)
        ],
    )
    connection.commit()
    connection.close()
    before = rows(path, "SELECT * FROM soreness ORDER BY id")
    migrate(path, target="0003_more_regions")
    assert rows(path, "SELECT * FROM soreness ORDER BY id") == before
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(path, "PRAGMA foreign_key_check") == []
    added = rows(path, "SELECT id, group_id, side FROM region WHERE id NOT IN "
                 f"({', '.join(repr(region) for region in old_regions)}) ORDER BY id")  # fmt: skip
    assert added == [
        ("abductors.left", "abductors", "left"),
        ("abductors.right", "abductors", "right"),
        ("achilles.left", "achilles", "left"),
        ("achilles.right", "achilles", "right"),
    ]
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO soreness VALUES (NULL, '2026-02-09', 'achilles.left', 4, '')")
    connection.commit()
    with pytest.raises(sqlite3.IntegrityError, match="ck_soreness_known_region"):
        connection.execute("INSERT INTO soreness VALUES (NULL, '2026-02-09', 'ankle.left', 4, '')")
    connection.close()
    store = open_store(path)
    journal = store.journal()
    store.close()
    assert len(journal.ratings) == len(before) + 1


def scripts_with_extra_revision(tmp_path: Path, body: str) -> Path:
    """A copy of the real migrations plus one test revision after the head."""
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "0002_test.py").write_text(
        textwrap.dedent(
            f'''
            """Test revision."""
            import sqlalchemy as sa
            from alembic import op

            revision = "0002_test"
            down_revision = "{schema.HEAD}"
            branch_labels = None
            depends_on = None


            def upgrade():
            '''
        )
        + textwrap.indent(textwrap.dedent(body), "    ")
    )
    return location


def test_rebuilding_a_parent_table_keeps_its_children(tmp_path: Path) -> None:
    """With foreign keys ON, this rebuild would delete every exercise via ON DELETE CASCADE."""
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    exercises_before = rows(path, "SELECT * FROM leg_day_exercise ORDER BY 1, 2")
    ratings_before = rows(path, "SELECT * FROM soreness ORDER BY id")
    assert exercises_before and ratings_before
    location = scripts_with_extra_revision(
        tmp_path,
        """
        with op.batch_alter_table("leg_day", recreate="always") as batch:
            batch.add_column(sa.Column("location", sa.String(), nullable=True))
        """,
    )
    migrate(path, script_location=location)
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0002_test",)]
    assert rows(path, "SELECT * FROM leg_day_exercise ORDER BY 1, 2") == exercises_before
    assert rows(path, "SELECT * FROM soreness ORDER BY id") == ratings_before
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    # The rebuilt table keeps its named CHECK constraints.
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="ck_leg_day_rpe_range"):
        connection.execute(
            "INSERT INTO leg_day (date, title, rpe, notes) VALUES ('2026-01-09', '', 11, '')"
        )
    connection.close()


def test_a_migration_that_breaks_references_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    before = rows(path, "SELECT * FROM leg_day ORDER BY id")
    location = scripts_with_extra_revision(tmp_path, 'op.execute("DELETE FROM leg_day")\n')
    with pytest.raises(StorageError, match="broken reference"):
        migrate(path, script_location=location)
    assert rows(path, "SELECT * FROM leg_day ORDER BY id") == before
    assert rows(path, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]


def test_references_broken_by_another_tool_do_not_block_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    connection = sqlite3.connect(path)  # foreign keys are off by default here
    connection.execute("INSERT INTO leg_day_exercise VALUES (999, 0, 'Orphan')")
    connection.commit()
    connection.close()
    location = scripts_with_extra_revision(tmp_path, "pass\n")
    migrate(path, script_location=location)
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0002_test",)]


def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    before = rows(path, "SELECT * FROM soreness ORDER BY id")
    location = scripts_with_extra_revision(
        tmp_path,
        """
        op.add_column("soreness", sa.Column("mood", sa.String(), nullable=True))
        op.execute("UPDATE soreness SET level = 0")
        raise RuntimeError("boom")
        """,
    )
    with pytest.raises(RuntimeError, match="boom"):
        migrate(path, script_location=location)
    assert rows(path, "SELECT * FROM soreness ORDER BY id") == before
    assert rows(path, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]


@pytest.mark.parametrize("journal_exists", [True, False], ids=["current", "new"])
def test_opening_a_current_or_new_journal_does_not_import_alembic(
    tmp_path: Path, journal_exists: bool
) -> None:
    path = tmp_path / "journal.sqlite3"
    if journal_exists:
        open_store(path).close()
    probe = (
        "import sys; from pathlib import Path\n"
        "from legday_desktop.storage.database import open_store\n"
        f"open_store(Path({str(path)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
    assert rows(path, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]


def test_a_journal_is_backed_up_before_its_schema_changes(tmp_path: Path) -> None:
    from legday_desktop.storage.backup import list_backups

    path = tmp_path / "journal.sqlite3"
    filled_store(path).close()
    before = rows(path, "SELECT * FROM soreness ORDER BY id")
    location = scripts_with_extra_revision(tmp_path, "pass\n")
    migrate(path, script_location=location)
    (backup,) = list_backups(path)
    assert rows(backup, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]
    assert rows(backup, "SELECT * FROM soreness ORDER BY id") == before
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0002_test",)]


def test_a_new_journal_is_not_backed_up_when_it_gets_its_first_schema(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    open_store(path).close()
    assert not (tmp_path / "backups").exists()
