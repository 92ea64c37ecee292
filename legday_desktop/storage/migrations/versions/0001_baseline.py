"""Baseline schema: regions, leg days with exercises, soreness ratings, daily check-ins.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the catalogues as they were at this revision; later revisions that
# add regions, symptoms or actions change these tables in a migration of their own.
GROUPS = (
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
SYMPTOMS = (
    "dizziness",
    "laboured_breathing",
    "fever",
    "unusual_weakness",
    "dark_urine",
    "severe_swelling",
    "pain_far_worse_than_expected",
    "sudden_sharp_pain",
    "joint_locks_or_gives_way",
)
ACTIONS = (
    "light_activity",
    "stretching",
    "foam_rolling_or_massage",
    "heat",
    "cold",
    "protein_rich_meals",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _sqlite_date_check(column: str, name: str) -> list[sa.CheckConstraint]:
    """On SQLite, where dates are text, the check that ``column`` is a real date.

    Other engines store a DATE, which is that check already.
    """
    if op.get_bind().dialect.name != "sqlite":
        return []
    return [sa.CheckConstraint(f"{column} IS date({column}, '+0 days')", name=op.f(name))]


def upgrade() -> None:
    region = op.create_table(
        "region",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("group_id", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.CheckConstraint("side IN ('left', 'right')", name=op.f("ck_region_side")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region")),
    )
    op.bulk_insert(
        region,
        [
            {"id": f"{group}.{side}", "group_id": group, "side": side}
            for group in GROUPS
            for side in ("left", "right")
        ],
    )
    op.create_table(
        "leg_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("rpe", sa.Integer(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        *_sqlite_date_check("date", "ck_leg_day_date_iso"),
        sa.CheckConstraint(
            "rpe IS NULL OR rpe BETWEEN 1 AND 10", name=op.f("ck_leg_day_rpe_range")
        ),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440",
            name=op.f("ck_leg_day_duration_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leg_day")),
        sa.UniqueConstraint("date", name=op.f("uq_leg_day_date")),
    )
    op.create_table(
        "leg_day_exercise",
        sa.Column("leg_day_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.CheckConstraint(
            "length(trim(name)) > 0", name=op.f("ck_leg_day_exercise_name_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["leg_day_id"],
            ["leg_day.id"],
            name=op.f("fk_leg_day_exercise_leg_day_id_leg_day"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("leg_day_id", "position", name=op.f("pk_leg_day_exercise")),
    )
    op.create_table(
        "soreness",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("region_id", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.CheckConstraint("level BETWEEN 0 AND 10", name=op.f("ck_soreness_level_range")),
        *_sqlite_date_check("date", "ck_soreness_date_iso"),
        sa.CheckConstraint(
            _one_of("region_id", tuple(f"{g}.{s}" for g in GROUPS for s in ("left", "right"))),
            name=op.f("ck_soreness_known_region"),
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["region.id"], name=op.f("fk_soreness_region_id_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_soreness")),
        sa.UniqueConstraint("date", "region_id", name=op.f("uq_soreness_date_region_id")),
    )
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("water_litres", sa.Float(), nullable=True),
        sa.Column("sleep_hours", sa.Float(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        *_sqlite_date_check("date", "ck_check_in_date_iso"),
        sa.CheckConstraint(
            "water_litres IS NULL OR water_litres BETWEEN 0 AND 15",
            name=op.f("ck_check_in_water_range"),
        ),
        sa.CheckConstraint(
            "sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24",
            name=op.f("ck_check_in_sleep_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
        sa.UniqueConstraint("date", name=op.f("uq_check_in_date")),
    )
    op.create_table(
        "check_in_symptom",
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("symptom", sa.String(), nullable=False),
        sa.CheckConstraint(
            _one_of("symptom", SYMPTOMS), name=op.f("ck_check_in_symptom_known_symptom")
        ),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_in.id"],
            name=op.f("fk_check_in_symptom_check_in_id_check_in"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("check_in_id", "symptom", name=op.f("pk_check_in_symptom")),
    )
    op.create_table(
        "check_in_action",
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.CheckConstraint(
            _one_of("action", ACTIONS), name=op.f("ck_check_in_action_known_action")
        ),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_in.id"],
            name=op.f("fk_check_in_action_check_in_id_check_in"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("check_in_id", "action", name=op.f("pk_check_in_action")),
    )


def downgrade() -> None:
    for table in (
        "check_in_action",
        "check_in_symptom",
        "check_in",
        "soreness",
        "leg_day_exercise",
        "leg_day",
        "region",
    ):
        op.drop_table(table)
