"""Start-up of the built app (dist/legday) against the same command from the source install.

Runs ``legday --self-test --db DEMO`` both ways, interleaved: the bundled executable, and
``python -m legday_desktop`` from the environment this script runs in. Reports medians
of the whole command (process start to exit) and of the app's own "day painted" time
(seconds since Legday's package was imported), plus a bare baseline: a Python process
that only starts and exits. Build the bundle first with packaging/build.sh. Prints one
JSON object.

Usage: python benchmarks/bundle_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUNDLE_APP = Path(__file__).resolve().parents[1] / "dist" / "legday" / "legday"


def timed(command: list[str]) -> tuple[float, dict[str, object]]:
    """Seconds the command took, and the JSON it printed last (if any)."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    return seconds, (json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    if not BUNDLE_APP.is_file():
        print(f"{BUNDLE_APP} is missing: run packaging/build.sh first", file=sys.stderr)
        return 1
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder
        database = Path(folder) / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "legday_desktop", "demo", "--db", str(database)],
            check=True,
            capture_output=True,
        )
        commands = {
            "bare_python": [sys.executable, "-c", "pass"],
            "source": [
                sys.executable,
                "-m",
                "legday_desktop",
                "--self-test",
                "--db",
                str(database),
            ],
            "bundle": [str(BUNDLE_APP), "--self-test", "--db", str(database)],
        }
        for command in commands.values():  # warm the file cache
            timed(command)
        wall: dict[str, list[float]] = {name: [] for name in commands}
        painted: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                seconds, report = timed(command)
                wall[name].append(seconds)
                if "data_painted_s" in report:
                    painted[name].append(float(report["data_painted_s"]))  # type: ignore[arg-type]
    median = {name: statistics.median(values) for name, values in wall.items()}
    print(
        json.dumps(
            {
                "runs": runs,
                "bare_python_s": round(median["bare_python"], 3),
                "source_self_test_s": round(median["source"], 3),
                "bundle_self_test_s": round(median["bundle"], 3),
                "bundle_to_source_ratio": round(median["bundle"] / median["source"], 2),
                "source_day_painted_s": round(statistics.median(painted["source"]), 3),
                "bundle_day_painted_s": round(statistics.median(painted["bundle"]), 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
