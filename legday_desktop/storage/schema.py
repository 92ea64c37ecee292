"""The schema revisions this version of Legday knows, checked on open without Alembic."""

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
