"""Forecast: the model's leave-one-out error on journals whose soreness follows a known law.

Journals come from ``training_demo_journal``: leg days with logged sets, rated by a
diligent person as ``SorenessLaw`` says (load and novelty → soreness, with the
repeated-bout effect and carry-over between close leg days), plus each leg day's own
factor and rating noise. The model is told nothing of the law: it reads the journal as
the app would (``forecast.observations``) and each leg day is held out in turn. Three
errors on the same held-out levels (mean absolute error, levels 0–10):

- ``model``: the forecast fitted on every other leg day (``forecast.leave_one_out``);
- ``baseline``: the typical course, what a person with no data gets;
- ``noise_floor``: the true law itself, without the noise, against the noisy ratings.

Targets on 20 or more leg days: the model within 1.2× the noise floor and at least 30 %
below the baseline (pooled over the seeds; the worst seed is shown too). Also: how often
the 80 % interval held the held-out level, and the time to fit 200 leg days and to
forecast one of them (fit, leave-one-out error and all). Prints JSON.

Usage: python benchmarks/forecast.py [--sizes 10 20 40] [--seeds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

from legday_desktop.domain.demo import SorenessLaw, training_demo_journal
from legday_desktop.domain.forecast import (
    TYPICAL_MODEL,
    ForecastModel,
    HeldOut,
    Observation,
    forecast_leg_day,
    leave_one_out,
    observations,
)

TODAY = dt.date(2026, 6, 1)
MAX_FLOOR_RATIO = 1.2  # model MAE / noise floor MAE, on 20 or more leg days
MAX_BASELINE_RATIO = 0.7  # model MAE / baseline MAE: at least 30 % below
TARGET_FROM_LEG_DAYS = 20
TIMING_LEG_DAYS = 200
TIMING_REPEAT = 5


def law_level(law: SorenessLaw, held: HeldOut) -> float:
    """The law's level without noise: the leg day's own and what earlier ones leave."""
    one = held.observation
    level = law.level(one.group_id, one.load, held.day) + sum(
        law.level(one.group_id, earlier.load, earlier.days_before + held.day)
        for earlier in one.earlier
    )
    return min(10.0, max(0.0, level))


def interval_coverage(chosen: Sequence[Observation]) -> tuple[int, int]:
    """(inside, all): held-out levels within the interval of the model fitted without them."""
    inside = total = 0
    for leg_day in sorted({one.leg_day for one in chosen}):
        model = ForecastModel.fit(one for one in chosen if one.leg_day != leg_day)
        for one in chosen:
            if one.leg_day != leg_day:
                continue
            forecast = model.predict(one.group_id, one.load, one.earlier)
            for day, level in one.levels.items():
                predicted = forecast.days[day - 1]
                inside += predicted.low <= level <= predicted.high
                total += 1
    return inside, total


def size_figures(leg_days: int, seeds: Sequence[int], law: SorenessLaw) -> dict[str, Any]:
    errors: dict[str, list[float]] = {"model": [], "baseline": [], "noise_floor": []}
    per_seed = []
    inside = total = 0
    for seed in seeds:
        chosen = observations(training_demo_journal(TODAY, leg_days=leg_days, seed=seed, law=law))
        held_out = leave_one_out(chosen)
        model = [one.error for one in held_out]
        baseline = [
            abs(
                TYPICAL_MODEL.predict_level(
                    one.observation.group_id, one.observation.load, one.observation.earlier, one.day
                )
                - one.level
            )
            for one in held_out
        ]
        floor = [abs(law_level(law, one) - one.level) for one in held_out]
        errors["model"] += model
        errors["baseline"] += baseline
        errors["noise_floor"] += floor
        per_seed.append(statistics.fmean(model) / statistics.fmean(floor))
        seed_inside, seed_total = interval_coverage(chosen)
        inside += seed_inside
        total += seed_total
    mae = {key: statistics.fmean(values) for key, values in errors.items()}
    return {
        "leg_days": leg_days,
        "held_out_levels": len(errors["model"]),
        "mae": {key: round(value, 3) for key, value in mae.items()},
        "model_to_noise_floor": round(mae["model"] / mae["noise_floor"], 3),
        "model_to_baseline": round(mae["model"] / mae["baseline"], 3),
        "worst_seed_model_to_noise_floor": round(max(per_seed), 3),
        "interval_coverage": round(inside / total, 3),
    }


def timings(law: SorenessLaw) -> dict[str, float]:
    journal = training_demo_journal(TODAY, leg_days=TIMING_LEG_DAYS, seed=1, law=law)
    chosen = observations(journal)
    fits, forecasts = [], []
    for _ in range(TIMING_REPEAT):
        started = time.perf_counter()
        ForecastModel.fit(chosen)
        fits.append(time.perf_counter() - started)
        started = time.perf_counter()
        forecast_leg_day(journal, journal.leg_days[-1].date)
        forecasts.append(time.perf_counter() - started)
    return {
        f"fit_{TIMING_LEG_DAYS}_leg_days_ms": round(statistics.median(fits) * 1000, 1),
        f"forecast_leg_day_{TIMING_LEG_DAYS}_leg_days_ms": round(
            statistics.median(forecasts) * 1000, 1
        ),
    }


def run_benchmark(sizes: Sequence[int], seeds: Sequence[int]) -> dict[str, Any]:
    law = SorenessLaw()
    figures = [size_figures(size, seeds, law) for size in sizes]
    judged = [one for one in figures if one["leg_days"] >= TARGET_FROM_LEG_DAYS]
    return {
        "seeds": list(seeds),
        "sizes": figures,
        **timings(law),
        "targets": {
            "model_to_noise_floor_at_most": MAX_FLOOR_RATIO,
            "model_to_baseline_at_most": MAX_BASELINE_RATIO,
            "from_leg_days": TARGET_FROM_LEG_DAYS,
        },
        "targets_met": {
            "noise_floor": bool(judged)
            and all(one["model_to_noise_floor"] <= MAX_FLOOR_RATIO for one in judged),
            "baseline": bool(judged)
            and all(one["model_to_baseline"] <= MAX_BASELINE_RATIO for one in judged),
        },
    }


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10, 20, 40], help="leg days per journal"
    )
    parser.add_argument("--seeds", type=int, default=5, help="journals of each size (seeds 1…N)")
    arguments = parser.parse_args(argv)
    if arguments.seeds < 1 or min(arguments.sizes) < 2:
        parser.error("--seeds must be at least 1 and every size at least 2")
    return arguments


def main(argv: Sequence[str]) -> int:
    arguments = parse_arguments(argv)
    result = run_benchmark(arguments.sizes, range(1, arguments.seeds + 1))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
