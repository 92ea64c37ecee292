"""The journal's tables as SQLAlchemy Core metadata, shared by the queries and by Alembic.

Every constraint is portable SQL, except the check that a date stored as text is a real
calendar date: SQLite keeps dates as text and needs it, PostgreSQL's DATE type is that
check already, so it is emitted on SQLite only.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Time,
    UniqueConstraint,
)

from legday_desktop.domain.check_ins import RecoveryAction, WarningSymptom
from legday_desktop.domain.regions import GROUP_IDS, REGION_IDS
from legday_desktop.domain.soreness import QUALITY_IDS
from legday_desktop.domain.training import MAX_REPS, MAX_WEIGHT_KG, SET_TYPE_IDS

# Named constraints, so that batch migrations on SQLite can find and change them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SYMPTOM_IDS = tuple(symptom.value for symptom in WarningSymptom)
ACTION_IDS = tuple(action.value for action in RecoveryAction)

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """``column IN ('a', 'b')``: a CHECK that keeps a column to a catalogue."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def iso_date_check(column: str) -> CheckConstraint:
    """On SQLite, ``column`` holds a real date as YYYY-MM-DD text (not 2026-02-30).

    date(x, '+0 days') normalises x, so it equals x only for such a date. Other engines
    store a DATE, which is a real date by its type.
    """
    check = CheckConstraint(f"{column} IS date({column}, '+0 days')", name=f"{column}_iso")
    return check.ddl_if(dialect="sqlite")


region = Table(
    "region",
    metadata,
    Column("id", String, primary_key=True),
    Column("group_id", String, nullable=False),
    Column("side", String, nullable=False),
    CheckConstraint("side IN ('left', 'right')", name="side"),
)

leg_day = Table(
    "leg_day",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("date", Date, nullable=False, unique=True),
    Column("start_time", Time),
    Column("title", String, nullable=False),
    Column("rpe", Integer),
    Column("duration_minutes", Integer),
    Column("notes", String, nullable=False),
    iso_date_check("date"),
    CheckConstraint("rpe IS NULL OR rpe BETWEEN 1 AND 10", name="rpe_range"),
    CheckConstraint(
        "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440", name="duration_range"
    ),
)

leg_day_exercise = Table(
    "leg_day_exercise",
    metadata,
    Column(
        "leg_day_id",
        Integer,
        ForeignKey("leg_day.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True),
    Column("name", String, nullable=False),
    CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
)

# The logged sets of a leg day (imported from a training app), numbered from 1.
workout_set = Table(
    "workout_set",
    metadata,
    Column(
        "leg_day_id",
        Integer,
        ForeignKey("leg_day.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True),
    Column("exercise", String, nullable=False),
    Column("reps", Integer),
    Column("weight_kg", Float),
    Column("rpe", Float),
    Column("set_type", String, nullable=False),
    CheckConstraint("position >= 1", name="position_from_1"),
    CheckConstraint("length(trim(exercise)) > 0", name="exercise_not_blank"),
    CheckConstraint(f"reps IS NULL OR reps BETWEEN 0 AND {MAX_REPS}", name="reps_range"),
    CheckConstraint(
        f"weight_kg IS NULL OR weight_kg BETWEEN 0 AND {MAX_WEIGHT_KG:g}", name="weight_range"
    ),
    CheckConstraint("rpe IS NULL OR rpe BETWEEN 1 AND 10", name="rpe_range"),
    CheckConstraint(one_of("set_type", SET_TYPE_IDS), name="known_set_type"),
)

# The person's answers to "what does this exercise load?" for names the catalogue lacks,
# by the name as compared (exercise_key); a mapping with no loads says "not leg training".
exercise_mapping = Table(
    "exercise_mapping",
    metadata,
    Column("name_key", String, primary_key=True),
    Column("name", String, nullable=False),
    CheckConstraint("length(trim(name_key)) > 0", name="key_not_blank"),
)

exercise_mapping_load = Table(
    "exercise_mapping_load",
    metadata,
    Column(
        "name_key",
        String,
        ForeignKey("exercise_mapping.name_key", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("group_id", String, primary_key=True),
    Column("share", Float, nullable=False),
    CheckConstraint(one_of("group_id", GROUP_IDS), name="known_group"),
    CheckConstraint("share > 0 AND share <= 1", name="share_range"),
)

# The level of one region on one day. No row means "not rated", which is not 0.
# quality is what the pain is like, NULL when not said (a CHECK lets NULL through).
# region_id is checked twice: by its foreign key (which SQLite enforces only on
# connections that turn foreign keys on) and by a CHECK that every connection obeys.
soreness = Table(
    "soreness",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("date", Date, nullable=False),
    Column("region_id", String, ForeignKey("region.id"), nullable=False),
    Column("level", Integer, nullable=False),
    Column("note", String, nullable=False),
    Column("quality", String),
    UniqueConstraint("date", "region_id"),
    CheckConstraint("level BETWEEN 0 AND 10", name="level_range"),
    iso_date_check("date"),
    CheckConstraint(one_of("region_id", REGION_IDS), name="known_region"),
    CheckConstraint(one_of("quality", QUALITY_IDS), name="known_quality"),
)

check_in = Table(
    "check_in",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("date", Date, nullable=False, unique=True),
    Column("water_litres", Float),
    Column("sleep_hours", Float),
    Column("note", String, nullable=False),
    iso_date_check("date"),
    CheckConstraint("water_litres IS NULL OR water_litres BETWEEN 0 AND 15", name="water_range"),
    CheckConstraint("sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24", name="sleep_range"),
)


def _check_in_items(name: str, column: str, catalogue: tuple[str, ...]) -> Table:
    """A check-in's symptoms or actions: one row per item, from its catalogue."""
    return Table(
        name,
        metadata,
        Column(
            "check_in_id",
            Integer,
            ForeignKey("check_in.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(column, String, primary_key=True),
        CheckConstraint(one_of(column, catalogue), name=f"known_{column}"),
    )


check_in_symptom = _check_in_items("check_in_symptom", "symptom", SYMPTOM_IDS)
check_in_action = _check_in_items("check_in_action", "action", ACTION_IDS)

# The standing answers (one row, id 1); no row until the person answers anything.
profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("statin_or_new_medicine", Boolean, nullable=False),
    Column("answered_on", Date, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
    # SQLite has no boolean type: keep the integer to 0 or 1 there.
    CheckConstraint("statin_or_new_medicine IN (0, 1)", name="answer_yes_or_no").ddl_if(
        dialect="sqlite"
    ),
    iso_date_check("answered_on"),
)

# Tables that hold the person's records (region is a fixed catalogue).
RECORD_TABLES = (leg_day, soreness, check_in, profile)
