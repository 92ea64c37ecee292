"""Training load per muscle group and leg day: hard sets, volume load and novelty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from legday_desktop.domain.exercises import ExerciseMapping, loads_of, looks_like_leg_exercise
from legday_desktop.domain.training import GroupLoad, WeightUnit, WorkoutSet

# A session is a leg day when at least this share of its working sets load leg groups.
LEG_DAY_SHARE = 1 / 3
# Novelty compares a leg day's load with the same group's over this many days before it.
NOVELTY_WINDOW_DAYS = 28


@dataclass(frozen=True, slots=True)
class SetsVerdict:
    """How a session's working sets divide: on leg exercises, and unknown leg-like names.

    ``unknown_leg_names`` sound like leg training but neither the catalogue nor the
    person's mappings know them: they are listed for the person to map.
    """

    working: int
    on_legs: int
    unknown_leg_names: tuple[str, ...]

    @property
    def is_leg_day(self) -> bool:
        return self.working > 0 and self.on_legs >= LEG_DAY_SHARE * self.working


def judge_sets(
    sets: Iterable[WorkoutSet],
    mappings: Mapping[str, ExerciseMapping] | None = None,
) -> SetsVerdict:
    """Count ``sets``' working sets and those that load a leg muscle group.

    An exercise loads the legs when the person's mapping or the catalogue gives it a
    load; names neither knows that sound like leg training are listed (once each).
    """
    working = on_legs = 0
    unknown: dict[str, None] = {}
    for one in sets:
        if not one.is_working:
            continue
        working += 1
        loads = loads_of(one.exercise, mappings)
        if loads:
            on_legs += 1
        elif loads is None and looks_like_leg_exercise(one.exercise):
            unknown[one.exercise] = None
    return SetsVerdict(working, on_legs, tuple(unknown))


def raw_loads(
    sets: Iterable[WorkoutSet], mappings: Mapping[str, ExerciseMapping] | None = None
) -> dict[str, tuple[float, float]]:
    """Per group: (hard sets, volume kg) of the working sets, each weighted by its share."""
    totals: dict[str, list[float]] = {}
    for one in sets:
        if not one.is_working:
            continue
        for group, share in (loads_of(one.exercise, mappings) or {}).items():
            total = totals.setdefault(group, [0.0, 0.0])
            total[0] += share
            total[1] += share * one.volume_kg
    return {group: (hard, volume) for group, (hard, volume) in totals.items()}


def novelty(hard_sets: float, hard_sets_before: float, window_days: int) -> float:
    """``hard_sets / (hard_sets + weekly average before)``: 1 all new, 0.5 as usual."""
    if hard_sets <= 0:
        return 0.0
    weekly_before = hard_sets_before * 7 / window_days
    return hard_sets / (hard_sets + weekly_before)


def leg_day_loads(
    sessions: Sequence[tuple[dt.date, Sequence[WorkoutSet]]],
    mappings: Mapping[str, ExerciseMapping] | None = None,
) -> dict[dt.date, dict[str, GroupLoad]]:
    """Each leg day's load per group, its novelty against the previous four weeks.

    ``sessions`` are (date, sets) of every leg day with logged sets, in any order.
    """
    raw = {date: raw_loads(sets, mappings) for date, sets in sessions}
    dates = sorted(raw)
    result: dict[dt.date, dict[str, GroupLoad]] = {}
    for index, date in enumerate(dates):
        # (A date in the first weeks of year 1 has no four weeks before it.)
        start = date - min(dt.timedelta(days=NOVELTY_WINDOW_DAYS), date - dt.date.min)
        before: dict[str, float] = {}
        for earlier in reversed(dates[:index]):
            if earlier < start:
                break
            for group, (hard, _volume) in raw[earlier].items():
                before[group] = before.get(group, 0.0) + hard
        result[date] = {
            group: GroupLoad(
                hard_sets=round(hard, 3),
                volume_kg=round(volume, 1),
                novelty=round(novelty(hard, before.get(group, 0.0), NOVELTY_WINDOW_DAYS), 3),
            )
            for group, (hard, volume) in raw[date].items()
        }
    return result


def _weight(weight_kg: float, unit: WeightUnit) -> str:
    """``100 kg``, ``220.5 lb``: one decimal at most."""
    return f"{unit.from_kg(weight_kg):.1f}".rstrip("0").rstrip(".") + f" {unit.value}"


def set_text(one: WorkoutSet, unit: WeightUnit = WeightUnit.KG) -> str:
    """``5 × 100 kg``, ``12 reps``, ``60 kg``, with the set type when not a normal set.

    Weights are shown in ``unit`` (they are stored in kilograms).
    """
    if one.reps is not None and one.weight_kg:
        text = f"{one.reps} × {_weight(one.weight_kg, unit)}"
    elif one.reps is not None:
        text = f"{one.reps} reps"
    elif one.weight_kg:
        text = _weight(one.weight_kg, unit)
    else:
        text = "logged"
    extras = [] if one.set_type.value == "normal" else [one.set_type.label]
    if one.rpe is not None:
        extras.append(f"RPE {one.rpe:g}")
    return f"{text} ({', '.join(extras)})" if extras else text


def exercise_lines(sets: Iterable[WorkoutSet], unit: WeightUnit = WeightUnit.KG) -> list[str]:
    """Each exercise of a leg day with its sets: ``Squat (Barbell): 5 × 100 kg, 5 × 100 kg``."""
    by_exercise: dict[str, list[str]] = {}
    for one in sets:
        by_exercise.setdefault(one.exercise, []).append(set_text(one, unit))
    return [f"{name}: {', '.join(texts)}" for name, texts in by_exercise.items()]


def load_text(
    load: GroupLoad, *, with_novelty: bool = True, unit: WeightUnit = WeightUnit.KG
) -> str:
    """``4.9 hard sets, 2,450 kg volume, novelty 0.62`` (the volume in ``unit``)."""
    volume = unit.from_kg(load.volume_kg)
    text = f"{load.hard_sets:.1f} hard sets, {volume:,.0f} {unit.value} volume"
    return f"{text}, novelty {load.novelty:.2f}" if with_novelty else text
