"""The schema revisions this version of Legday knows, checked on open without Alembic."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# The Alembic revisions, for a file and a server alike.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Every revision in migrations/versions, oldest first. A test keeps this list equal to
# Alembic's own history, so checking a database on open needs no Alembic import.
REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_warnings_and_profile",
    "0003_more_regions",
    "0004_pain_quality",
    "0005_workout_sets",
)
HEAD: str = REVISIONS[-1]


def alembic_config(connection: Connection, script_location: Path | None = None) -> Config:
    """Alembic's configuration to run the revisions (``MIGRATIONS_DIR``) on ``connection``.

    Alembic is imported here, only when a schema is to change.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config
