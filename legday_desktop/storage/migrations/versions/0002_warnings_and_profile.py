"""Three new warning symptoms and the "cannot bear weight" follow-up; the profile table.

Revision ID: 0002_warnings_and_profile
Revises: 0001_baseline
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_warnings_and_profile"
down_revision: str | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the symptom catalogue as it is at this revision.
SYMPTOMS = (
    "dizziness",
    "laboured_breathing",
    "fever",
    "unusual_weakness",
    "dark_urine",
    "severe_swelling",
    "pain_far_worse_than_expected",
    "one_leg_swollen_warm_red",
    "tight_hard_swollen_shin_or_calf",
    "numbness_or_tingling",
    "sudden_sharp_pain",
    "joint_locks_or_gives_way",
    "cannot_bear_weight",
)
BASELINE_SYMPTOMS = SYMPTOMS[:7] + SYMPTOMS[10:12]


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _check_in_symptom(symptoms: tuple[str, ...]) -> sa.Table:
    """The check_in_symptom table as it is with ``symptoms`` allowed (for the rebuild)."""
    return sa.Table(
        "check_in_symptom",
        sa.MetaData(),
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("symptom", sa.String(), nullable=False),
        sa.CheckConstraint(_one_of("symptom", symptoms), name="ck_check_in_symptom_known_symptom"),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_in.id"],
            name="fk_check_in_symptom_check_in_id_check_in",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("check_in_id", "symptom", name="pk_check_in_symptom"),
    )


def _allow_symptoms(symptoms: tuple[str, ...]) -> None:
    name = op.f("ck_check_in_symptom_known_symptom")
    if op.get_bind().dialect.name != "sqlite":
        # PostgreSQL changes a CHECK constraint in place: drop it, add the new one.
        op.drop_constraint(name, "check_in_symptom", type_="check")
        op.create_check_constraint(name, "check_in_symptom", _one_of("symptom", symptoms))
        return
    # SQLite cannot change a CHECK constraint: rebuild the table from its new definition
    # (storage.database.migrate runs this with foreign keys off, so no row is lost).
    with op.batch_alter_table(
        "check_in_symptom", copy_from=_check_in_symptom(symptoms), recreate="always"
    ):
        pass


def _sqlite_only(*checks: sa.CheckConstraint) -> tuple[sa.CheckConstraint, ...]:
    return checks if op.get_bind().dialect.name == "sqlite" else ()


def upgrade() -> None:
    _allow_symptoms(SYMPTOMS)
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statin_or_new_medicine", sa.Boolean(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_profile_single_row")),
        # SQLite has no boolean or date type: there the checks say what the types would.
        *_sqlite_only(
            sa.CheckConstraint(
                "statin_or_new_medicine IN (0, 1)", name=op.f("ck_profile_answer_yes_or_no")
            ),
            sa.CheckConstraint(
                "answered_on IS date(answered_on, '+0 days')",
                name=op.f("ck_profile_answered_on_iso"),
            ),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )


def downgrade() -> None:
    op.drop_table("profile")
    op.execute(f"DELETE FROM check_in_symptom WHERE NOT ({_one_of('symptom', BASELINE_SYMPTOMS)})")
    _allow_symptoms(BASELINE_SYMPTOMS)
