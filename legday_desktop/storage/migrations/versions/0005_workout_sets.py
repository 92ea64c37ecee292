"""Logged training: the sets of each leg day, and the person's own exercise mappings.

Revision ID: 0005_workout_sets
Revises: 0004_pain_quality
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_workout_sets"
down_revision: str | None = "0004_pain_quality"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the catalogues as they are at this revision.
SET_TYPES = ("normal", "warmup", "drop", "failure")
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


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    op.create_table(
        "workout_set",
        sa.Column("leg_day_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("set_type", sa.String(), nullable=False),
        sa.CheckConstraint("position >= 1", name=op.f("ck_workout_set_position_from_1")),
        sa.CheckConstraint(
            "length(trim(exercise)) > 0", name=op.f("ck_workout_set_exercise_not_blank")
        ),
        sa.CheckConstraint(
            "reps IS NULL OR reps BETWEEN 0 AND 1000", name=op.f("ck_workout_set_reps_range")
        ),
        sa.CheckConstraint(
            "weight_kg IS NULL OR weight_kg BETWEEN 0 AND 1000",
            name=op.f("ck_workout_set_weight_range"),
        ),
        sa.CheckConstraint(
            "rpe IS NULL OR rpe BETWEEN 1 AND 10", name=op.f("ck_workout_set_rpe_range")
        ),
        sa.CheckConstraint(
            _one_of("set_type", SET_TYPES), name=op.f("ck_workout_set_known_set_type")
        ),
        sa.ForeignKeyConstraint(
            ["leg_day_id"],
            ["leg_day.id"],
            name=op.f("fk_workout_set_leg_day_id_leg_day"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("leg_day_id", "position", name=op.f("pk_workout_set")),
    )
    op.create_table(
        "exercise_mapping",
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.CheckConstraint(
            "length(trim(name_key)) > 0", name=op.f("ck_exercise_mapping_key_not_blank")
        ),
        sa.PrimaryKeyConstraint("name_key", name=op.f("pk_exercise_mapping")),
    )
    op.create_table(
        "exercise_mapping_load",
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("group_id", sa.String(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.CheckConstraint(
            _one_of("group_id", GROUPS), name=op.f("ck_exercise_mapping_load_known_group")
        ),
        sa.CheckConstraint(
            "share > 0 AND share <= 1", name=op.f("ck_exercise_mapping_load_share_range")
        ),
        sa.ForeignKeyConstraint(
            ["name_key"],
            ["exercise_mapping.name_key"],
            name=op.f("fk_exercise_mapping_load_name_key_exercise_mapping"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("name_key", "group_id", name=op.f("pk_exercise_mapping_load")),
    )


def downgrade() -> None:
    op.drop_table("exercise_mapping_load")
    op.drop_table("exercise_mapping")
    op.drop_table("workout_set")
