"""Forecast of a leg day's soreness per group on days 1–7, learnt from the person's own leg days.

The model (see docs/forecast.md): a group's level on day d after a leg day is linear in a
few features of its load (log hard sets, novelty, their product) with coefficients of
their own for each day, plus the group's own offset and dose slope shaped like the
typical course, plus what the group's leg days of the week before still leave. It is a
Bayesian linear regression whose Gaussian prior is centred on the typical DOMS course:
with few leg days the forecast stays close to the typical course, with many it follows
the person's data. Pure Python: the normal equations are small (46 unknowns), solved by
Cholesky decomposition.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import mul
from typing import Any

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import TYPICAL_COURSE, DayValues, day_values
from legday_desktop.domain.regions import GROUPS, group_by_id
from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL
from legday_desktop.domain.training import GroupLoad
from legday_desktop.domain.training_load import leg_day_loads

FORECAST_DAYS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
LAST_DAY = FORECAST_DAYS[-1]
# An assumption, not a measured figure: an ordinary leg day peaks in the middle of the
# moderate band (4–6, "stairs hurt"); the facts give no typical number, only that a first
# or unusual session can reach 8–9 and still be ordinary DOMS (Cheung 2003, Cleary 2002).
TYPICAL_PEAK = 5.0
# The peaks the typical course's interval spans when nothing is known of the person.
TYPICAL_PEAK_RANGE = (3.0, 8.0)
# The leave-one-out error is given from this many leg days with both sets and ratings,
# and holds out (one at a time) at most this many, the latest: the accuracy of late.
MIN_LEG_DAYS_FOR_ERROR = 6
MAX_LEG_DAYS_HELD_OUT = 60
# The interval holds the rated level this often (a central 80 % predictive interval).
INTERVAL_COVERAGE = 0.8
# How strongly the prior holds, in rated group-days (a leg day brings about five a day
# after): the typical course counts as PRIOR_WEIGHT on each day after; a group's own
# offset and dose slope (how much sorer than others it gets) as GROUP_PRIOR_WEIGHT; and
# SMOOTHNESS_WEIGHT keeps the person's departure from the typical course smooth from one
# day after to the next (it penalises its second differences).
PRIOR_WEIGHT = 3.0
GROUP_PRIOR_WEIGHT = 5.0
SMOOTHNESS_WEIGHT = 10.0
# The interval's width starts from the typical band's, worth this many rated group-days.
SPREAD_PRIOR_WEIGHT = 10.0
# The load features are centred and scaled to a leg day's usual spread, so that one prior
# weight suits them all: log(1 + hard sets) around 6 sets, novelty around "as usual".
_LOG_SETS_CENTRE = math.log1p(6.0)
_LOG_SETS_SPREAD = 0.7
_NOVELTY_CENTRE = 0.5
_NOVELTY_SPREAD = 0.25
# The unknowns: for each day after, one coefficient per load feature (1, dose, novelty,
# dose × novelty); then for each muscle group an offset and a dose slope.
_FEATURES = 4
_GROUP_TERMS = 2
_MUSCLE_GROUPS = tuple(group.id for group in GROUPS if group.is_muscle)
_GROUP_INDEX = {
    group: len(FORECAST_DAYS) * _FEATURES + index * _GROUP_TERMS
    for index, group in enumerate(_MUSCLE_GROUPS)
}
_UNKNOWNS = len(FORECAST_DAYS) * _FEATURES + len(_MUSCLE_GROUPS) * _GROUP_TERMS


def _typical_share(day: int) -> tuple[float, float, float]:
    """The typical course on ``day`` after (1–7): (low, middle, high) share of the peak.

    Nothing on other days: the leg day's own soreness is an earlier session's, and the
    course is over within a week.
    """
    if day not in FORECAST_DAYS:
        return (0.0, 0.0, 0.0)
    index = TYPICAL_COURSE.days.index(day)
    low, high = TYPICAL_COURSE.low[index], TYPICAL_COURSE.high[index]
    return (low, (low + high) / 2, high)


_MIDDLE_SHARE = tuple(_typical_share(day)[1] for day in range(LAST_DAY + 1))


def typical_level(day: int) -> float:
    """The typical course's level on ``day`` after a leg day: what a person with no data gets."""
    return TYPICAL_PEAK * _typical_share(day)[1]


def _clip(level: float) -> float:
    return min(float(MAX_LEVEL), max(float(MIN_LEVEL), level))


@dataclass(frozen=True, slots=True)
class EarlierLoad:
    """The same group's load on a leg day ``days_before`` (1–6) days before the one observed.

    Its soreness is still felt in the first days after the later leg day.
    """

    days_before: int
    load: GroupLoad


@dataclass(frozen=True, slots=True)
class Observation:
    """One group after one leg day: its load, and its rated level on days 1–7 after.

    ``levels`` maps days after (1–7, up to the day before the next leg day) to the group's
    value that day as the recovery chart shows it (the mean of its rated sides);
    ``earlier`` are the group's loads on leg days of the six days before.
    """

    leg_day: dt.date
    group_id: str
    load: GroupLoad
    levels: Mapping[int, float]
    earlier: tuple[EarlierLoad, ...] = ()

    def __post_init__(self) -> None:
        if not group_by_id(self.group_id).is_muscle:
            raise DomainError("group", f"{self.group_id} is not a muscle: its pain is not DOMS")
        for day, level in self.levels.items():
            if day not in FORECAST_DAYS:
                raise DomainError("day", f"days after run {FORECAST_DAYS[0]}–{LAST_DAY}, not {day}")
            if not MIN_LEVEL <= level <= MAX_LEVEL:
                raise DomainError("level", f"{level} is outside {MIN_LEVEL}–{MAX_LEVEL}")
        if any(not 1 <= one.days_before < LAST_DAY for one in self.earlier):
            raise DomainError("earlier", f"earlier leg days are 1–{LAST_DAY - 1} days before")


@dataclass(frozen=True, slots=True)
class DayForecast:
    """The predicted level on ``day`` after, and the 80 % interval ``low``…``high`` (0–10)."""

    day: int
    level: float
    low: float
    high: float

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "level": round(self.level, 2),
            "low": round(self.low, 2),
            "high": round(self.high, 2),
        }


@dataclass(frozen=True, slots=True)
class GroupForecast:
    """One group's forecast for days 1–7 after a leg day; ``load`` None when no sets were logged."""

    group_id: str
    load: GroupLoad | None
    days: tuple[DayForecast, ...]

    def level_on(self, day: int) -> float:
        return next(one.level for one in self.days if one.day == day)

    def to_json(self) -> dict[str, Any]:
        load = None
        if self.load is not None:
            load = {
                "hard_sets": self.load.hard_sets,
                "volume_kg": self.load.volume_kg,
                "novelty": self.load.novelty,
            }
        return {
            "group": self.group_id,
            "load": load,
            "days": [one.to_json() for one in self.days],
        }


@dataclass(frozen=True, slots=True)
class Forecast:
    """A leg day's forecast for each muscle group it loaded, most loaded first.

    ``basis`` counts the other leg days with both sets and ratings the model learnt from;
    ``leave_one_out_error`` is the mean absolute error (levels) of predicting each of them
    from all the others, None below MIN_LEG_DAYS_FOR_ERROR; ``typical_course_only`` says
    the forecast is the typical course, not yet the person's own (no such leg day yet, or
    this leg day has no logged sets).
    """

    leg_day: dt.date
    groups: tuple[GroupForecast, ...]
    basis: int
    leave_one_out_error: float | None
    typical_course_only: bool

    def to_json(self) -> dict[str, Any]:
        error = self.leave_one_out_error
        return {
            "leg_day": self.leg_day.isoformat(),
            "basis": self.basis,
            "leave_one_out_error": None if error is None else round(error, 2),
            "typical_course_only": self.typical_course_only,
            "interval": INTERVAL_COVERAGE,
            "groups": [group.to_json() for group in self.groups],
        }


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One rated level predicted by a model fitted without its leg day."""

    observation: Observation
    day: int
    predicted: float

    @property
    def level(self) -> float:
        return self.observation.levels[self.day]

    @property
    def error(self) -> float:
        return abs(self.predicted - self.level)


# --- reading the journal ----------------------------------------------------------------


def _loads(
    journal: Journal, mappings: Mapping[str, ExerciseMapping] | None
) -> dict[dt.date, dict[str, GroupLoad]]:
    """The muscle groups' loads of each leg day with logged sets (no joint, no tendon)."""
    sessions = [(leg_day.date, leg_day.sets) for leg_day in journal.leg_days if leg_day.sets]
    return {
        date: {group: load for group, load in loads.items() if group_by_id(group).is_muscle}
        for date, loads in leg_day_loads(sessions, mappings).items()
    }


def _earlier(
    loads: Mapping[dt.date, Mapping[str, GroupLoad]], date: dt.date, group_id: str
) -> tuple[EarlierLoad, ...]:
    found = []
    for days_before in range(1, LAST_DAY):
        load = loads.get(date - dt.timedelta(days=days_before), {}).get(group_id)
        if load is not None:
            found.append(EarlierLoad(days_before, load))
    return tuple(found)


def _observations(
    leg_days: Iterable[LegDay],
    values: DayValues,
    loads: Mapping[dt.date, Mapping[str, GroupLoad]],
) -> list[Observation]:
    dates = sorted({leg_day.date for leg_day in leg_days})
    found: list[Observation] = []
    for index, date in enumerate(dates):
        if date not in loads:
            continue
        last = LAST_DAY
        if index + 1 < len(dates):
            last = min(LAST_DAY, (dates[index + 1] - date).days - 1)
        for group_id, load in loads[date].items():
            levels = {}
            for day in range(1, last + 1):
                value = values.get(date + dt.timedelta(days=day), {}).get(group_id)
                if value is not None:
                    levels[day] = value
            if levels:
                found.append(
                    Observation(date, group_id, load, levels, _earlier(loads, date, group_id))
                )
    return found


def observations(
    journal: Journal, mappings: Mapping[str, ExerciseMapping] | None = None
) -> list[Observation]:
    """Each muscle group loaded by a leg day with logged sets, with its ratings after it.

    A leg day's days run from the day after it to the day before the next leg day (at most
    day 7); groups without a rating in them are left out, and so are joints and tendons.
    """
    return _observations(journal.leg_days, day_values(journal.ratings), _loads(journal, mappings))


def observations_from_values(
    leg_days: Iterable[LegDay],
    values: DayValues,
    mappings: Mapping[str, ExerciseMapping] | None = None,
) -> list[Observation]:
    """``observations`` of ``leg_days`` (all of them, with sets or not) from values already read.

    ``values`` are each day's group values as ``recovery.day_values`` gives them (the mean
    of the rated sides): a reader of a long history gets them combined by the storage, and
    never holds every rating as a record. The same observations as ``observations`` of a
    journal with these leg days and the ratings the values come from.
    """
    chosen = Journal(tuple(leg_days))
    return _observations(chosen.leg_days, values, _loads(chosen, mappings))


# --- the linear algebra -----------------------------------------------------------------


Row = tuple[list[int], list[float]]  # a design row: the unknowns it touches, their values


@functools.lru_cache(maxsize=4096)
def _features(load: GroupLoad) -> tuple[float, float, float, float]:
    dose = (math.log1p(max(load.hard_sets, 0.0)) - _LOG_SETS_CENTRE) / _LOG_SETS_SPREAD
    novelty = (load.novelty - _NOVELTY_CENTRE) / _NOVELTY_SPREAD
    return (1.0, dose, novelty, dose * novelty)


def _row(group_id: str, load: GroupLoad, earlier: Sequence[EarlierLoad], day: int) -> Row:
    """The design row of ``group_id``'s level on ``day`` after a leg day with ``load``.

    The leg day's own features go to that day's unknowns; an earlier leg day's to the
    unknowns of its own day after (none past day 7: soreness is gone within a week). The
    group's terms are shaped like the typical course.
    """
    indices: list[int] = []
    values: list[float] = []
    group_offset = group_dose = 0.0
    for offset, one in ((day, load), *((e.days_before + day, e.load) for e in earlier)):
        if offset > LAST_DAY:
            continue
        start = (offset - 1) * _FEATURES
        features = _features(one)
        indices.extend(range(start, start + _FEATURES))
        values.extend(features)
        share = _MIDDLE_SHARE[offset]
        group_offset += share
        group_dose += share * features[1]
    start = _GROUP_INDEX[group_id]
    indices.extend((start, start + 1))
    values.extend((group_offset, group_dose))
    return indices, values


def _prior() -> tuple[list[list[float]], list[float], list[float]]:
    """The prior: its precision matrix Λ, its mean μ and Λ·μ.

    The mean is the typical course, whatever the load, every group alike.
    """
    mean = [0.0] * _UNKNOWNS
    matrix = [[0.0] * _UNKNOWNS for _ in range(_UNKNOWNS)]
    for i in range(_UNKNOWNS):
        matrix[i][i] = PRIOR_WEIGHT if i < min(_GROUP_INDEX.values()) else GROUP_PRIOR_WEIGHT
    for day in FORECAST_DAYS:
        mean[(day - 1) * _FEATURES] = typical_level(day)
    for feature in range(_FEATURES):
        column = [(day - 1) * _FEATURES + feature for day in FORECAST_DAYS]
        for first in range(len(column) - 2):
            stencil = tuple(zip(column[first : first + 3], (1.0, -2.0, 1.0), strict=True))
            for i, weight_i in stencil:
                for j, weight_j in stencil:
                    matrix[i][j] += SMOOTHNESS_WEIGHT * weight_i * weight_j
    vector = [sum(map(mul, row, mean)) for row in matrix]
    return matrix, mean, vector


_PRIOR_MATRIX, _PRIOR_MEAN, _PRIOR_VECTOR = _prior()


def _cholesky(matrix: list[list[float]]) -> list[list[float]]:
    """The lower triangular L with L·Lᵀ = ``matrix`` (symmetric positive definite).

    Each row of L is kept only up to its diagonal, so that products run at C speed.
    """
    lower: list[list[float]] = []
    for i, source in enumerate(matrix):
        row: list[float] = []
        for j in range(i):
            before = lower[j]  # j + 1 long: its diagonal last
            row.append((source[j] - sum(map(mul, row, before))) / before[j])
        row.append(math.sqrt(max(source[i] - sum(map(mul, row, row)), 1e-12)))
        lower.append(row)
    return lower


def _forward(lower: Sequence[Sequence[float]], vector: Sequence[float]) -> list[float]:
    """Solve L·z = ``vector``."""
    result: list[float] = []
    for i, row in enumerate(lower):
        result.append((vector[i] - sum(map(mul, row, result))) / row[i])
    return result


def _solve(lower: Sequence[Sequence[float]], vector: Sequence[float]) -> list[float]:
    """Solve L·Lᵀ·x = ``vector``."""
    result = _forward(lower, vector)
    for i in range(len(lower) - 1, -1, -1):
        result[i] /= lower[i][i]
        value = result[i]
        row = lower[i]
        for k in range(i):
            result[k] -= row[k] * value
    return result


def _add_rows(
    matrix: list[list[float]],
    vector: list[float],
    rows: Iterable[tuple[Row, float]],
    sign: float = 1.0,
) -> None:
    """Add (``sign`` 1) or take away (-1) the rows' Xᵀ·X and Xᵀ·y, in place."""
    for (indices, values), level in rows:
        for i, value in zip(indices, values, strict=True):
            vector[i] += sign * value * level
            target = matrix[i]
            scaled = sign * value
            for j, other in zip(indices, values, strict=True):
                target[j] += scaled * other


def _normal_equations(
    design: Mapping[dt.date, _LegDayRows],
) -> tuple[list[list[float]], list[float]]:
    """Xᵀ·X + Λ and Xᵀ·y + Λ·μ of every row of ``design``, with the prior's Λ and μ."""
    matrix = [row[:] for row in _PRIOR_MATRIX]
    vector = _PRIOR_VECTOR[:]
    for part in design.values():
        _add_rows(matrix, vector, part.levelled())
    return matrix, vector


def _dot(row: Row, coefficients: Sequence[float]) -> float:
    indices, values = row
    return sum(value * coefficients[i] for i, value in zip(indices, values, strict=True))


# --- the model ----------------------------------------------------------------------------


@dataclass(slots=True)
class _LegDayRows:
    """One leg day's design rows: (observation, day after, row) of each rated level."""

    rows: list[tuple[Observation, int, Row]] = field(default_factory=list)

    def levelled(self) -> Iterable[tuple[Row, float]]:
        return ((row, observation.levels[day]) for observation, day, row in self.rows)


def _design(chosen: Iterable[Observation]) -> dict[dt.date, _LegDayRows]:
    """The rows of every rated level, by leg day."""
    design: dict[dt.date, _LegDayRows] = {}
    for observation in chosen:
        part = design.setdefault(observation.leg_day, _LegDayRows())
        for day in observation.levels:
            row = _row(observation.group_id, observation.load, observation.earlier, day)
            part.rows.append((observation, day, row))
    return design


@dataclass(frozen=True, slots=True)
class ForecastModel:
    """A fitted model: its coefficients, their posterior precision, the interval width per day.

    ``basis`` counts the leg days it learnt from; 0 is the typical course alone
    (``ForecastModel.typical()``), what a person with no data gets.
    """

    coefficients: tuple[float, ...]
    factor: tuple[tuple[float, ...], ...]  # Cholesky factor of the posterior precision
    half_widths: Mapping[int, float]  # of the interval, per day after, before the spread
    basis: int

    @classmethod
    def typical(cls) -> ForecastModel:
        return TYPICAL_MODEL

    @classmethod
    def fit(cls, observations: Iterable[Observation]) -> ForecastModel:
        """The posterior given ``observations``: the typical course when there are none."""
        return _fit(_design(observations))

    @property
    def is_typical(self) -> bool:
        return self.basis == 0

    def predict(
        self, group_id: str, load: GroupLoad | None, earlier: Sequence[EarlierLoad] = ()
    ) -> GroupForecast:
        """``group_id``'s level and 80 % interval on days 1–7 after a leg day with ``load``.

        ``earlier`` adds what the group's loads of the days before still leave. With no
        data (or no ``load``) this is the typical course, its interval the typical band.
        """
        if not group_by_id(group_id).is_muscle:
            raise DomainError("group", f"{group_id} is not a muscle: its pain is not DOMS")
        if self.is_typical or load is None:
            offsets = [e.days_before for e in earlier] if load is not None else []
            return GroupForecast(group_id, load, _typical_days(offsets))
        days = []
        for day in FORECAST_DAYS:
            row = _row(group_id, load, earlier, day)
            level = _dot(row, self.coefficients)
            dense = [0.0] * _UNKNOWNS
            for i, value in zip(*row, strict=True):
                dense[i] = value
            # The posterior variance of the mean, in units of the residual variance.
            spread = sum(z * z for z in _forward(self.factor, dense))
            half = self.half_widths[day] * math.sqrt(1.0 + spread)
            days.append(DayForecast(day, _clip(level), _clip(level - half), _clip(level + half)))
        return GroupForecast(group_id, load, tuple(days))

    def predict_level(
        self, group_id: str, load: GroupLoad, earlier: Sequence[EarlierLoad], day: int
    ) -> float:
        """Only the level on ``day`` (no interval)."""
        if self.is_typical:
            return _typical_days([e.days_before for e in earlier])[day - 1].level
        return _clip(_dot(_row(group_id, load, earlier, day), self.coefficients))


def _fit(
    design: Mapping[dt.date, _LegDayRows],
    equations: tuple[list[list[float]], list[float]] | None = None,
) -> ForecastModel:
    if not design:
        return TYPICAL_MODEL
    matrix, vector = equations or _normal_equations(design)
    lower = _cholesky(matrix)
    coefficients = _solve(lower, vector)
    return ForecastModel(
        tuple(coefficients),
        tuple(tuple(row) for row in lower),
        _half_widths(design.values(), coefficients),
        len(design),
    )


def _typical_days(earlier_offsets: Sequence[int]) -> tuple[DayForecast, ...]:
    """The typical course (plus the typical tails of leg days ``earlier_offsets`` before)."""
    low_peak, high_peak = TYPICAL_PEAK_RANGE
    days = []
    for day in FORECAST_DAYS:
        low = middle = high = 0.0
        for offset in (day, *(before + day for before in earlier_offsets)):
            share_low, share, share_high = _typical_share(offset)
            low += low_peak * share_low
            middle += TYPICAL_PEAK * share
            high += high_peak * share_high
        days.append(DayForecast(day, _clip(middle), _clip(low), _clip(high)))
    return tuple(days)


def _half_widths(design: Iterable[_LegDayRows], coefficients: Sequence[float]) -> dict[int, float]:
    """Per day after: the 80th percentile of the absolute residuals, the typical band's alongside.

    The typical band's half width counts as SPREAD_PRIOR_WEIGHT residuals of its own, so
    the interval starts as wide as the typical band and narrows as rated days come in. A
    percentile, not a multiple of the standard deviation: residuals are larger where
    soreness is high, and a pooled deviation would overstate most intervals.
    """
    residuals: dict[int, list[float]] = {day: [] for day in FORECAST_DAYS}
    for part in design:
        for observation, day, row in part.rows:
            residuals[day].append(abs(observation.levels[day] - _clip(_dot(row, coefficients))))
    result = {}
    low_peak, high_peak = TYPICAL_PEAK_RANGE
    for day, found in residuals.items():
        share_low, _share, share_high = _typical_share(day)
        typical_half = (high_peak * share_high - low_peak * share_low) / 2
        ranked = sorted(found + [typical_half] * round(SPREAD_PRIOR_WEIGHT))
        result[day] = ranked[math.ceil(INTERVAL_COVERAGE * len(ranked)) - 1]
    return result


def _typical_model() -> ForecastModel:
    lower = _cholesky([row[:] for row in _PRIOR_MATRIX])
    return ForecastModel(
        tuple(_PRIOR_MEAN), tuple(tuple(row) for row in lower), _half_widths([], _PRIOR_MEAN), 0
    )


TYPICAL_MODEL = _typical_model()


# --- leave one out -------------------------------------------------------------------------


def leave_one_out(observations: Iterable[Observation]) -> tuple[HeldOut, ...]:
    """Each rated level of the latest leg days predicted by the model fitted on all others.

    The latest MAX_LEG_DAYS_HELD_OUT leg days are held out, one at a time.
    """
    return _leave_one_out(_design(observations))


def _leave_one_out(
    design: Mapping[dt.date, _LegDayRows],
    equations: tuple[list[list[float]], list[float]] | None = None,
) -> tuple[HeldOut, ...]:
    """The normal equations are summed once; each fold takes its own leg day's rows away."""
    if len(design) < 2:
        return ()
    matrix, vector = equations or _normal_equations(design)
    held_out: list[HeldOut] = []
    for leg_day in sorted(design)[-MAX_LEG_DAYS_HELD_OUT:]:
        part = design[leg_day]
        fold_matrix = [row[:] for row in matrix]
        fold_vector = vector[:]
        _add_rows(fold_matrix, fold_vector, part.levelled(), sign=-1.0)
        coefficients = _solve(_cholesky(fold_matrix), fold_vector)
        for observation, day, row in part.rows:
            held_out.append(HeldOut(observation, day, _clip(_dot(row, coefficients))))
    return tuple(held_out)


def leave_one_out_error(observations: Iterable[Observation]) -> float | None:
    """The mean absolute error (levels) of ``leave_one_out``; None below six leg days."""
    return _leave_one_out_error(_design(observations))


def _leave_one_out_error(
    design: Mapping[dt.date, _LegDayRows],
    equations: tuple[list[list[float]], list[float]] | None = None,
) -> float | None:
    if len(design) < MIN_LEG_DAYS_FOR_ERROR:
        return None
    held_out = _leave_one_out(design, equations)
    return sum(one.error for one in held_out) / len(held_out)


# --- a leg day's forecast -----------------------------------------------------------------


def forecast_leg_day(
    journal: Journal, date: dt.date, mappings: Mapping[str, ExerciseMapping] | None = None
) -> Forecast:
    """The forecast of the leg day on ``date``, learnt from every other leg day (never itself).

    Each muscle group its logged sets load is predicted, most loaded first; a leg day
    without sets gets the typical course for the groups its catalogue exercises load.
    """
    leg_day = next((one for one in journal.leg_days if one.date == date), None)
    if leg_day is None:
        raise DomainError("leg_day", f"there is no leg day on {date.isoformat()}")
    loads = _loads(journal, mappings)
    found = _observations(journal.leg_days, day_values(journal.ratings), loads)
    design = _design(one for one in found if one.leg_day != date)
    equations = _normal_equations(design) if design else None
    model = _fit(design, equations)
    own = loads.get(date)
    if own is None:
        groups = tuple(
            model.predict(group, None)
            for group in leg_day.loaded_groups
            if group_by_id(group).is_muscle
        )
    else:
        order = sorted(own, key=lambda group: (-own[group].hard_sets, _MUSCLE_GROUPS.index(group)))
        groups = tuple(
            model.predict(group, own[group], _earlier(loads, date, group)) for group in order
        )
    return Forecast(
        date,
        groups,
        model.basis,
        _leave_one_out_error(design, equations),
        typical_course_only=model.is_typical or own is None,
    )
