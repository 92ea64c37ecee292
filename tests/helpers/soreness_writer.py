"""A child process for crash tests: sets soreness levels through JournalService until killed.

Run as ``python soreness_writer.py JOURNAL SEED``. Before each step it prints
``try <step> <date> <region>=<level>,…`` (``none`` clears a level), and ``ack <step>`` only
once ``set_levels`` has returned True, i.e. after the commit; both lines are flushed at
once. A refused step is reported on stderr and ends the process with status 1.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from legday_desktop.domain.regions import REGIONS
from legday_desktop.services.journal import JournalService

FIRST_DATE = dt.date(2026, 1, 1)
DAYS = 40
# Mostly one region, as a click on the body map; sometimes both sides or more in one step.
REGIONS_PER_STEP = (1, 1, 1, 2, 3)
CLEAR_CHANCE = 0.15


def format_levels(levels: dict[str, int | None]) -> str:
    return ",".join(
        f"{region_id}={'none' if level is None else level}" for region_id, level in levels.items()
    )


def main(argv: list[str]) -> int:
    path, seed = Path(argv[0]), int(argv[1])
    rng = random.Random(seed)
    region_ids = [region.id for region in REGIONS]
    service = JournalService(path)
    failures: list[str] = []
    service.write_failed.connect(failures.append)
    service.open()
    if service.read_only:
        print(f"opened read-only: {service.read_only_reason}", file=sys.stderr)
        return 1
    step = 0
    while True:
        step += 1
        date = FIRST_DATE + dt.timedelta(days=rng.randrange(DAYS))
        chosen = rng.sample(region_ids, rng.choice(REGIONS_PER_STEP))
        levels = {
            region_id: None if rng.random() < CLEAR_CHANCE else rng.randint(0, 10)
            for region_id in chosen
        }
        print("try", step, date.isoformat(), format_levels(levels), flush=True)
        if not service.set_levels(date, levels):
            print(f"step {step} was refused: {failures}", file=sys.stderr)
            return 1
        print("ack", step, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
