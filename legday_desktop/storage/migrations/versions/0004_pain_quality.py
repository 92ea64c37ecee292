"""What the pain is like: a nullable ``quality`` column on soreness, kept to its four ids.

Revision ID: 0004_pain_quality
Revises: 0003_more_regions
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_pain_quality"
down_revision: str | None = "0003_more_regions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the catalogues as they are at this revision.
QUALITIES = ("dull", "sharp", "burning", "tight")
GROUPS = (
    "hip_flexors",
    "quadriceps",
    "adductors",
    "knees",
    "shins",
    "lower_back",
    "abductors",
    "glutes",
    "hamstrings",
    "calves",
    "achilles",
)
REGIONS = tuple(f"{group}.{side}" for group in GROUPS for side in ("left", "right"))


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _soreness(with_quality: bool) -> sa.Table:
    """The soreness table as it is with or without the quality column (for the rebuild)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    return sa.Table(
        "soreness",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("region_id", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        *([sa.Column("quality", sa.String(), nullable=True)] if with_quality else []),
        sa.CheckConstraint("level BETWEEN 0 AND 10", name="ck_soreness_level_range"),
        *(
            [sa.CheckConstraint("date IS date(date, '+0 days')", name="ck_soreness_date_iso")]
            if sqlite
            else []
        ),
        sa.CheckConstraint(_one_of("region_id", REGIONS), name="ck_soreness_known_region"),
        *(
            [sa.CheckConstraint(_one_of("quality", QUALITIES), name="ck_soreness_known_quality")]
            if with_quality
            else []
        ),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name="fk_soreness_region_id_region"),
        sa.PrimaryKeyConstraint("id", name="pk_soreness"),
        sa.UniqueConstraint("date", "region_id", name="uq_soreness_date_region_id"),
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        # PostgreSQL adds a column and a CHECK constraint in place.
        op.add_column("soreness", sa.Column("quality", sa.String(), nullable=True))
        op.create_check_constraint(
            op.f("ck_soreness_known_quality"), "soreness", _one_of("quality", QUALITIES)
        )
        return
    # SQLite cannot add a table CHECK to a table: rebuild soreness from its new definition
    # (storage.database.migrate runs this with foreign keys off, so no row is lost).
    with op.batch_alter_table(
        "soreness", copy_from=_soreness(with_quality=False), recreate="always"
    ) as batch:
        batch.add_column(sa.Column("quality", sa.String(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_soreness_known_quality"), _one_of("quality", QUALITIES)
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_soreness_known_quality"), "soreness", type_="check")
        op.drop_column("soreness", "quality")
        return
    with op.batch_alter_table(
        "soreness", copy_from=_soreness(with_quality=True), recreate="always"
    ) as batch:
        batch.drop_constraint(op.f("ck_soreness_known_quality"), type_="check")
        batch.drop_column("quality")
