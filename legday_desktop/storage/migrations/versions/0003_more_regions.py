"""Two new body-map groups: the outer hip (abductors) and the Achilles tendon & ankle.

Revision ID: 0003_more_regions
Revises: 0002_warnings_and_profile
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_more_regions"
down_revision: str | None = "0002_warnings_and_profile"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the group catalogue, in display order, before and at this revision.
BASELINE_GROUPS = (
    "hip_flexors",
    "quadriceps",
    "adductors",
    "knees",
    "shins",
    "lower_back",
    "glutes",
    "hamstrings",
    "calves",
)
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
NEW_GROUPS = tuple(group for group in GROUPS if group not in BASELINE_GROUPS)
SIDES = ("left", "right")


def _region_ids(groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{group}.{side}" for group in groups for side in SIDES)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _soreness(groups: tuple[str, ...]) -> sa.Table:
    """The soreness table as it is with the regions of ``groups`` allowed (for the rebuild)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    return sa.Table(
        "soreness",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("region_id", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.CheckConstraint("level BETWEEN 0 AND 10", name="ck_soreness_level_range"),
        *(
            [sa.CheckConstraint("date IS date(date, '+0 days')", name="ck_soreness_date_iso")]
            if sqlite
            else []
        ),
        sa.CheckConstraint(
            _one_of("region_id", _region_ids(groups)), name="ck_soreness_known_region"
        ),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name="fk_soreness_region_id_region"),
        sa.PrimaryKeyConstraint("id", name="pk_soreness"),
        sa.UniqueConstraint("date", "region_id", name="uq_soreness_date_region_id"),
    )


def _allow_regions(groups: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        # PostgreSQL changes a CHECK constraint in place: drop it, add the new one.
        name = op.f("ck_soreness_known_region")
        op.drop_constraint(name, "soreness", type_="check")
        op.create_check_constraint(name, "soreness", _one_of("region_id", _region_ids(groups)))
        return
    # SQLite cannot change a CHECK constraint: rebuild the table from its new definition
    # (storage.database.migrate runs this with foreign keys off, so no row is lost).
    with op.batch_alter_table("soreness", copy_from=_soreness(groups), recreate="always"):
        pass


def upgrade() -> None:
    region = sa.table(
        "region", sa.column("id", sa.String), sa.column("group_id"), sa.column("side")
    )
    op.bulk_insert(
        region,
        [
            {"id": f"{group}.{side}", "group_id": group, "side": side}
            for group in NEW_GROUPS
            for side in SIDES
        ],
    )
    _allow_regions(GROUPS)


def downgrade() -> None:
    new_regions = _region_ids(NEW_GROUPS)
    op.execute(f"DELETE FROM soreness WHERE {_one_of('region_id', new_regions)}")
    _allow_regions(BASELINE_GROUPS)
    op.execute(f"DELETE FROM region WHERE {_one_of('id', new_regions)}")
