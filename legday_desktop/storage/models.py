"""SQLAlchemy 2.x table models; the database enforces the domain's rules on its own too."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    MetaData,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from legday_desktop.domain.check_ins import RecoveryAction, WarningSymptom
from legday_desktop.domain.regions import REGION_IDS

# Named constraints, so that batch migrations on SQLite can find and change them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLAlchemy stores dates as ISO text on SQLite. date(x, '+0 days') normalises x, so it
# equals x only for a real calendar date written as YYYY-MM-DD (not 2026-02-30).
ISO_DATE = "{column} IS date({column}, '+0 days')"


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Base(DeclarativeBase):
    """Declarative base holding the shared metadata and naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RegionRow(Base):
    """One of the 18 body-map regions; seeded by the baseline migration."""

    __tablename__ = "region"
    __table_args__ = (CheckConstraint("side IN ('left', 'right')", name="side"),)

    id: Mapped[str] = mapped_column(String, primary_key=True)
    group_id: Mapped[str] = mapped_column(String)
    side: Mapped[str] = mapped_column(String)


class LegDayRow(Base):
    """A training session; at most one per calendar date."""

    __tablename__ = "leg_day"
    __table_args__ = (
        CheckConstraint(ISO_DATE.format(column="date"), name="date_iso"),
        CheckConstraint("rpe IS NULL OR rpe BETWEEN 1 AND 10", name="rpe_range"),
        CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440",
            name="duration_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String, default="")
    rpe: Mapped[int | None]
    duration_minutes: Mapped[int | None]
    notes: Mapped[str] = mapped_column(String, default="")

    exercises: Mapped[list[LegDayExerciseRow]] = relationship(
        order_by="LegDayExerciseRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class LegDayExerciseRow(Base):
    """One exercise of a leg day, in the order the user listed them."""

    __tablename__ = "leg_day_exercise"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    leg_day_id: Mapped[int] = mapped_column(
        ForeignKey("leg_day.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)


class SorenessRow(Base):
    """The level of one region on one day. No row means "not rated", which is not 0.

    ``region_id`` is checked twice: by its foreign key (which SQLite enforces only on
    connections that turn foreign keys on) and by a CHECK that every connection obeys.
    """

    __tablename__ = "soreness"
    __table_args__ = (
        UniqueConstraint("date", "region_id"),
        CheckConstraint("level BETWEEN 0 AND 10", name="level_range"),
        CheckConstraint(ISO_DATE.format(column="date"), name="date_iso"),
        CheckConstraint(_one_of("region_id", REGION_IDS), name="known_region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    region_id: Mapped[str] = mapped_column(ForeignKey("region.id"))
    level: Mapped[int]
    note: Mapped[str] = mapped_column(String, default="")


class CheckInRow(Base):
    """The daily check-in: water, sleep and a note; symptoms and actions in child rows."""

    __tablename__ = "check_in"
    __table_args__ = (
        CheckConstraint(ISO_DATE.format(column="date"), name="date_iso"),
        CheckConstraint(
            "water_litres IS NULL OR water_litres BETWEEN 0 AND 15", name="water_range"
        ),
        CheckConstraint("sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24", name="sleep_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    water_litres: Mapped[float | None] = mapped_column(Float)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String, default="")

    symptoms: Mapped[list[CheckInSymptomRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    actions: Mapped[list[CheckInActionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


SYMPTOM_IDS = tuple(symptom.value for symptom in WarningSymptom)
ACTION_IDS = tuple(action.value for action in RecoveryAction)


class CheckInSymptomRow(Base):
    """A warning symptom reported in a check-in."""

    __tablename__ = "check_in_symptom"
    __table_args__ = (CheckConstraint(_one_of("symptom", SYMPTOM_IDS), name="known_symptom"),)

    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_in.id", ondelete="CASCADE"), primary_key=True
    )
    symptom: Mapped[str] = mapped_column(String, primary_key=True)


class CheckInActionRow(Base):
    """A recovery action reported in a check-in."""

    __tablename__ = "check_in_action"
    __table_args__ = (CheckConstraint(_one_of("action", ACTION_IDS), name="known_action"),)

    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_in.id", ondelete="CASCADE"), primary_key=True
    )
    action: Mapped[str] = mapped_column(String, primary_key=True)


class ProfileRow(Base):
    """The standing answers (one row, id 1); no row until the person answers anything."""

    __tablename__ = "profile"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("statin_or_new_medicine IN (0, 1)", name="answer_yes_or_no"),
        CheckConstraint(ISO_DATE.format(column="answered_on"), name="answered_on_iso"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statin_or_new_medicine: Mapped[bool] = mapped_column(Boolean)
    answered_on: Mapped[dt.date] = mapped_column(Date)
