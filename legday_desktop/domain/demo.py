"""Realistic, reproducible demo histories: months of leg days and the soreness that followed."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from legday_desktop.domain.check_ins import CheckIn, RecoveryAction, WarningSymptom
from legday_desktop.domain.exercises import group_loads
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import Side, group_by_id, region_by_id
from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL, SorenessRating
from legday_desktop.domain.training import GroupLoad, SetType, WorkoutSet
from legday_desktop.domain.training_load import leg_day_loads


@dataclass(frozen=True, slots=True)
class _Template:
    title: str
    exercises: tuple[str, ...]
    optional: tuple[str, ...]


_TEMPLATES = (
    _Template("Squat day", ("Squat", "Lunge", "Leg extension"), ("Calf raise", "Leg press")),
    _Template("Hinge day", ("Romanian deadlift", "Hip thrust", "Leg curl"), ("Calf raise",)),
    _Template("Single-leg day", ("Bulgarian split squat", "Step-up"), ("Box jump", "Calf raise")),
    _Template("Heavy day", ("Deadlift", "Front squat"), ("Leg press", "Hip thrust")),
)

# Share of the peak felt on each day after a leg day: the typical DOMS course, rising
# through day 1, peaking on day 1 or 2, and gone by day 5–6 (Cheung et al. 2003).
_COURSE_PEAK_DAY_1 = (0.25, 1.0, 0.8, 0.5, 0.25, 0.1, 0.0)
_COURSE_PEAK_DAY_2 = (0.15, 0.7, 1.0, 0.65, 0.35, 0.12, 0.0)
# The strained left hamstring of the atypical leg day: hurts at once, lasts over a week.
_STRAIN_COURSE = (6, 7, 7, 6, 6, 5, 5, 4, 3, 2, 1, 0)

_RATING_NOTES = (
    "Stairs were rough this morning",
    "Sitting down on the sofa hurts",
    "Stiff first thing, loosened up after a walk",
    "Tender to the touch",
    "Much better after a good night's sleep",
)
_LEG_DAY_NOTES = (
    "New personal best on the last set",
    "Short on sleep, kept the weights moderate",
    "Gym was busy, supersets instead",
    "Tried slower lowering on every rep",
)
_STRAIN_NOTE = (
    "Felt a sharp pull in the back of the left thigh on the last set of Romanian deadlifts. "
    "Stopped there."
)


_LAST_DAY_INTO_ITS_WEEK = 2  # the last leg day falls on the third day of its week


def _schedule(today: dt.date, weeks: int, rng: random.Random) -> list[dt.date]:
    """Return leg-day dates over ``weeks`` up to ``today``: one or two a week.

    One week is skipped (a holiday), and the last leg day was two days ago, so that
    today shows soreness near its peak. Weeks are counted back from the last leg day,
    not by the calendar, so the demo reads the same whichever day it is built on.
    """
    last = today - dt.timedelta(days=2)
    week_start = last - dt.timedelta(weeks=weeks - 1, days=_LAST_DAY_INTO_ITS_WEEK)
    holiday_week = int(weeks * 0.6)
    dates: list[dt.date] = []
    for week in range(weeks - 1):
        if week == holiday_week:
            continue
        start = week_start + dt.timedelta(weeks=week)
        if rng.random() < 0.55:
            offsets = [rng.choice((0, 1)), rng.choice((3, 4))]
        else:
            offsets = [rng.choice((1, 2, 3))]
        dates.extend(start + dt.timedelta(days=offset) for offset in offsets)
    dates.append(last)  # the final week: the leg day two days ago
    return dates


def demo_journal(today: dt.date, *, weeks: int = 16, seed: int = 2026) -> Journal:
    """Build ``weeks`` of history ending on ``today``, the same for the same arguments.

    Soreness follows the typical DOMS course for each loaded group, smaller when a
    similar session came recently (the repeated-bout effect), with some left/right
    asymmetry; one leg day is a hamstring strain that does not follow that course.
    """
    rng = random.Random(seed)
    dates = _schedule(today, weeks, rng)
    strain_index = len(dates) * 2 // 5
    # Rest the strained leg for ten days.
    strain_date = dates[strain_index]
    dates = [day for day in dates if not strain_date < day < strain_date + dt.timedelta(days=10)]

    leg_days: list[LegDay] = []
    # level contributions: date -> region id -> soreness from all earlier leg days
    felt: dict[dt.date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    last_loaded: dict[str, dt.date] = {}
    strain_days: dict[dt.date, int] = {}
    dominant_side_bias = {"quadriceps.right": 0.6, "glutes.right": 0.4}

    for index, day in enumerate(dates):
        is_strain = day == strain_date
        template = _TEMPLATES[1] if is_strain else _TEMPLATES[index % len(_TEMPLATES)]
        exercises = list(template.exercises)
        exercises += [name for name in template.optional if rng.random() < 0.5]
        rpe = rng.choice((6, 7, 7, 8, 8, 9))
        leg_day = LegDay(
            date=day,
            title=template.title,
            exercises=tuple(exercises),
            rpe=rpe,
            duration_minutes=rng.choice(range(45, 85, 5)),
            start_time=dt.time(rng.choice((7, 12, 18, 19)), rng.choice((0, 15, 30))),
            notes=_STRAIN_NOTE
            if is_strain
            else (rng.choice(_LEG_DAY_NOTES) if rng.random() < 0.25 else ""),
        )
        leg_days.append(leg_day)

        course = _COURSE_PEAK_DAY_1 if rng.random() < 0.6 else _COURSE_PEAK_DAY_2
        for group, load in group_loads(exercises).items():
            if load < 0.35 or not group_by_id(group).is_muscle:
                continue  # a tendon or a joint does not get delayed-onset soreness
            intensity = min(1.0, load / 1.8)
            peak = (1.5 + 6.0 * intensity) * (rpe / 8)
            previous = last_loaded.get(group)
            if previous is None:
                peak *= 1.2  # the very first session hurts most
            elif (day - previous).days <= 10:
                peak *= 0.6  # repeated-bout effect
            elif (day - previous).days <= 21:
                peak *= 0.8
            last_loaded[group] = day
            for side in Side:
                region_id = f"{group}.{side.value}"
                side_peak = peak + rng.uniform(-0.5, 0.5) + dominant_side_bias.get(region_id, 0)
                for offset, share in enumerate(course):
                    felt[day + dt.timedelta(days=offset)][region_id] += side_peak * share
        if is_strain:
            for offset, level in enumerate(_STRAIN_COURSE):
                strain_days[day + dt.timedelta(days=offset)] = level

    ratings = _ratings(today, dates[0], felt, strain_days, rng)
    check_ins = _check_ins(today, dates, strain_date, rng)
    return Journal(tuple(leg_days), tuple(ratings), tuple(check_ins)).sorted()


def _ratings(
    today: dt.date,
    first: dt.date,
    felt: dict[dt.date, dict[str, float]],
    strain_days: dict[dt.date, int],
    rng: random.Random,
) -> list[SorenessRating]:
    """Turn felt soreness into the ratings a diligent but human user would enter."""
    ratings: list[SorenessRating] = []
    still_sore: set[str] = set()
    day = first
    while day <= today:
        # Now and then a day goes unrated; never the strain, which worried the user.
        forgot = (
            rng.random() < 0.12 and day < today - dt.timedelta(days=3) and day not in strain_days
        )
        levels = {
            region_id: min(MAX_LEVEL, round(value))
            for region_id, value in felt.get(day, {}).items()
        }
        if day in strain_days:
            levels["hamstrings.left"] = strain_days[day]
        sore_now = {region_id for region_id, level in levels.items() if level > 0}
        # Rate everything that hurts with its other side, and a 0 once for what stopped
        # hurting since last time.
        sore_groups = sore_now | {region_by_id(region_id).mirror_id for region_id in sore_now}
        to_rate = sore_groups | still_sore
        if not forgot:
            for region_id in sorted(to_rate):
                level = levels.get(region_id, 0)
                note = ""
                if level >= 5 and rng.random() < 0.08:
                    note = rng.choice(_RATING_NOTES)
                if region_id == "hamstrings.left" and strain_days.get(day, 0) >= 6:
                    note = "Sharp, localised pain, not the usual ache"
                ratings.append(SorenessRating(day, region_id, level, note))
            still_sore = sore_groups
        day += dt.timedelta(days=1)
    return ratings


def _check_ins(
    today: dt.date, dates: list[dt.date], strain_date: dt.date, rng: random.Random
) -> list[CheckIn]:
    """A check-in on some of the days after each leg day, and on the strain's first days."""
    check_ins: dict[dt.date, CheckIn] = {}
    optional_actions = (
        RecoveryAction.LIGHT_ACTIVITY,
        RecoveryAction.FOAM_ROLLING_OR_MASSAGE,
        RecoveryAction.STRETCHING,
        RecoveryAction.PROTEIN_RICH_MEALS,
        RecoveryAction.HEAT,
        RecoveryAction.COLD,
    )
    for leg_day in dates:
        for offset in (1, 2):
            day = leg_day + dt.timedelta(days=offset)
            if day > today or rng.random() > 0.45:
                continue
            actions = frozenset(action for action in optional_actions if rng.random() < 0.35)
            check_ins[day] = CheckIn(
                date=day,
                actions=actions,
                water_litres=rng.choice((1.5, 1.75, 2.0, 2.25, 2.5, 3.0)),
                sleep_hours=rng.choice((6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0)),
            )
    check_ins[strain_date] = CheckIn(
        date=strain_date,
        symptoms=frozenset({WarningSymptom.SUDDEN_SHARP_PAIN}),
        actions=frozenset({RecoveryAction.COLD}),
        note="Iced the back of the thigh in the evening",
    )
    day_after = strain_date + dt.timedelta(days=1)
    check_ins[day_after] = CheckIn(
        date=day_after,
        symptoms=frozenset({WarningSymptom.PAIN_FAR_WORSE_THAN_EXPECTED}),
        sleep_hours=6.5,
        note="Bruise-like colour behind the knee; booked a physio visit",
    )
    return list(check_ins.values())


# --- journals with logged sets and a known load → soreness law (benchmarks/forecast.py) ---

# Exercises of a training demo's sessions, by kind of day; an extra comes in now and then,
# new to the person (high novelty).
_TRAINING_TEMPLATES = (
    ("Squat day", ("Squat", "Leg press", "Leg extension", "Calf raise")),
    ("Hinge day", ("Romanian deadlift", "Hip thrust", "Leg curl", "Back extension")),
    ("Single-leg day", ("Bulgarian split squat", "Step-up", "Hip abduction", "Hip adduction")),
    ("Heavy day", ("Deadlift", "Front squat", "Walking lunge")),
)
_TRAINING_EXTRAS = ("Tibialis raise", "Box jump", "Kettlebell swing", "Sled push", "Hack squat")
# Days between leg days: one to three a week, and now and then a break.
_TRAINING_GAPS = (2, 3, 3, 3, 4, 4, 5, 7)
_TRAINING_BREAKS = (14, 18, 24)
_TYPICAL_WEIGHT_KG = {"Squat": 80, "Deadlift": 100, "Leg press": 140, "Hip thrust": 90}


def _group_sensitivity() -> dict[str, float]:
    return {
        "hamstrings": 1.2,
        "adductors": 1.1,
        "quadriceps": 1.0,
        "calves": 1.0,
        "shins": 0.9,
        "glutes": 0.9,
        "abductors": 0.8,
        "hip_flexors": 0.8,
        "lower_back": 0.7,
    }


@dataclass(frozen=True, slots=True)
class SorenessLaw:
    """A known law from a group's load to its soreness on each day after a leg day.

    The peak grows with hard sets and saturates (``max_peak`` · (1 − e^(−sets/sets_scale)));
    the repeated-bout effect scales it from ``familiar_share`` of that for a load the
    person is used to (novelty 0) to all of it for a load all new (novelty 1), and a new
    load also peaks later (``peak_day_familiar`` … ``peak_day_novel``). Each group has a
    sensitivity (hamstrings are sorer than the lower back for the same sets). The course
    is a gamma-like rise and fall, nothing on the leg day itself nor after day 7.
    """

    max_peak: float = 8.5
    sets_scale: float = 5.0
    familiar_share: float = 0.4
    peak_day_familiar: float = 1.4
    peak_day_novel: float = 2.4
    rise: float = 2.0
    sensitivity: Mapping[str, float] = field(default_factory=_group_sensitivity)

    def peak(self, group_id: str, load: GroupLoad) -> float:
        dose = 1 - math.exp(-max(load.hard_sets, 0.0) / self.sets_scale)
        bout = self.familiar_share + (1 - self.familiar_share) * load.novelty
        return self.sensitivity.get(group_id, 1.0) * self.max_peak * dose * bout

    def share(self, load: GroupLoad, day: int) -> float:
        """The share of the peak felt on ``day`` after (1 at the peak day)."""
        if not 1 <= day <= 7:
            return 0.0
        novelty = min(max(load.novelty, 0.0), 1.0)
        peak_day = self.peak_day_familiar + (self.peak_day_novel - self.peak_day_familiar) * novelty
        ratio = day / peak_day
        return float(ratio**self.rise * math.exp(self.rise * (1 - ratio)))

    def level(self, group_id: str, load: GroupLoad, day: int) -> float:
        """The soreness ``day`` days after one leg day with ``load`` on ``group_id``."""
        return self.peak(group_id, load) * self.share(load, day)


def _training_dates(today: dt.date, count: int, rng: random.Random) -> list[dt.date]:
    """``count`` leg-day dates, the last two days before ``today``, a break every ~15."""
    gaps = [
        rng.choice(_TRAINING_BREAKS) if index % 15 == 14 else rng.choice(_TRAINING_GAPS)
        for index in range(count - 1)
    ]
    day = today - dt.timedelta(days=2 + sum(gaps))
    dates = [day]
    for gap in gaps:
        day += dt.timedelta(days=gap)
        dates.append(day)
    return dates


def _training_sets(rng: random.Random, exercises: tuple[str, ...]) -> tuple[WorkoutSet, ...]:
    """A warm-up now and then, and two to five working sets of each exercise."""
    sets: list[WorkoutSet] = []
    for name in exercises:
        weight = _TYPICAL_WEIGHT_KG.get(name, 40) * rng.uniform(0.8, 1.2)
        if rng.random() < 0.3:
            sets.append(
                WorkoutSet(name, len(sets) + 1, 10, round(weight / 2, 1), set_type=SetType.WARMUP)
            )
        for _ in range(rng.randint(2, 5)):
            sets.append(
                WorkoutSet(
                    name,
                    len(sets) + 1,
                    rng.randint(5, 15),
                    round(weight, 1),
                    rpe=rng.choice((6.0, 7.0, 7.5, 8.0, 8.5, 9.0)),
                )
            )
    return tuple(sets)


def training_demo_journal(
    today: dt.date,
    *,
    leg_days: int = 20,
    seed: int = 2026,
    law: SorenessLaw | None = None,
    noise: float = 0.8,
    session_spread: float = 0.15,
) -> Journal:
    """``leg_days`` leg days with logged sets up to ``today``, rated as ``law`` says, noisily.

    A diligent person rates every muscle group a leg day of the last week loaded, each
    side, every day but one in ten; a rating is the law's level (summed over the leg days
    of the last week) times the leg day's own factor (log-normal, ``session_spread``), plus
    normal noise of ``noise`` levels, rounded and kept within 0–10. The same arguments
    give the same journal.
    """
    law = law or SorenessLaw()
    rng = random.Random(seed)
    dates = _training_dates(today, leg_days, rng)
    days: list[LegDay] = []
    for index, date in enumerate(dates):
        title, exercises = _TRAINING_TEMPLATES[(index + rng.choice((0, 0, 1))) % 4]
        chosen = [name for name in exercises if rng.random() < 0.9] or list(exercises[:1])
        if rng.random() < 0.25:
            chosen.append(rng.choice(_TRAINING_EXTRAS))
        sets = _training_sets(rng, tuple(dict.fromkeys(chosen)))
        days.append(
            LegDay(date, title, tuple(dict.fromkeys(chosen)), rpe=rng.randint(6, 9), sets=sets)
        )
    loads = leg_day_loads([(day.date, day.sets) for day in days])
    # date -> group -> (a leg day's own factor, its load, days after it) of the last week
    felt: dict[dt.date, dict[str, list[tuple[float, GroupLoad, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for date, groups in loads.items():
        for group_id, load in groups.items():
            if not group_by_id(group_id).is_muscle:
                continue  # a tendon or a joint does not get delayed-onset soreness
            factor = math.exp(rng.gauss(0.0, session_spread))
            for day in range(1, 8):
                felt[date + dt.timedelta(days=day)][group_id].append((factor, load, day))
    ratings: list[SorenessRating] = []
    for date in sorted(felt):
        if date > today or rng.random() < 0.1:
            continue
        for group_id, parts in sorted(felt[date].items()):
            level = sum(factor * law.level(group_id, load, day) for factor, load, day in parts)
            for side in Side:
                noisy = round(level + rng.gauss(0.0, noise))
                ratings.append(
                    SorenessRating(
                        date, f"{group_id}.{side.value}", min(MAX_LEVEL, max(MIN_LEVEL, noisy))
                    )
                )
    return Journal(tuple(days), tuple(ratings)).sorted()
