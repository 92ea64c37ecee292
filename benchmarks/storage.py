"""Storage: Legday's import and export of 1-, 10- and 30-year journals against the stdlib."""

from __future__ import annotations

import argparse
import bisect
import csv
import dataclasses
import datetime as dt
import filecmp
import itertools
import json
import marshal
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Usage: python benchmarks/storage.py [--years 1,10,30] [--repeat 3] [--quick] [--code REV]
#
# Every figure is one fresh child process, timed from spawn to exit, with its peak
# resident set size from os.wait4, started by a small spawner process (see Spawner).
# Legday and the baseline alternate, run by run. --code REV measures a git revision
# (say, the one before a change) instead of the installed, possibly half-edited, tree.

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"import_ratio": 2.5, "export_ratio": 2.0, "import_peak_ratio": 1.5}
DEFAULT_YEARS = (1, 10, 30)
JOURNAL = "journal.sqlite3"

# --- the generated journals -----------------------------------------------------------

DAYS_PER_YEAR = 365
LEG_DAY_EVERY = 7
LEG_DAY_PHASE = 3  # the latest leg day was 3 days ago, whatever the size of the journal
CHECK_IN_EVERY = 3
UNRATED_SHARE = 0.02  # days with no rating at all
NOTE_SHARE = 0.02  # ratings with a note
PIECE_YEARS = 10  # pieces of the bigger JSON exports, imported one after the other
COURSE = (0.25, 1.0, 0.8, 0.5, 0.25, 0.1, 0.0)  # share of the peak, day 0–6 after a leg day
RATING_NOTES = (
    "Tight, mostly on stairs",
    'Felt "knotted" after sitting',
    'Sore, "sharp" when standing up',
    "Stiff first thing, fine by noon",
)
LEG_DAY_TEMPLATES = (
    ("Squat day", ("Squat", "Lunge", "Leg extension", "Calf raise", "Leg press")),
    ("Hinge day", ("Romanian deadlift", "Hip thrust", "Leg curl", "Calf raise", "Step-up")),
    ("Single-leg day", ("Bulgarian split squat", "Step-up", "Lunge", "Box jump", "Calf raise")),
    ("Heavy day", ("Deadlift", "Front squat", "Leg press", "Hip thrust", "Calf raise")),
)
ACTIONS = ("cold", "foam_rolling_or_massage", "heat", "light_activity", "stretching")
CSV_COLUMNS = ("date", "region", "level", "leg_day_date", "days_after", "note")
NO_PROFILE = {"statin_or_new_medicine": None, "answered_on": None}


def latest_leg_day_ago(days_ago: int, oldest: int) -> int | None:
    """How many days ago the leg day a day belongs to was, or None before the first one."""
    leg_day_ago = days_ago + (LEG_DAY_PHASE - days_ago) % LEG_DAY_EVERY
    return leg_day_ago if leg_day_ago <= oldest else None


def leg_day_entry(day: dt.date, days_ago: int) -> dict[str, Any]:
    rng = random.Random(f"leg day {days_ago}")
    title, exercises = rng.choice(LEG_DAY_TEMPLATES)
    return {
        "date": day.isoformat(),
        "start_time": rng.choice(("07:15", "12:30", "18:30")),
        "title": title,
        "exercises": list(exercises[: rng.randint(3, 5)]),
        "rpe": rng.randint(6, 9),
        "duration_minutes": rng.randrange(45, 95, 5),
        "notes": 'Heavy, "slow" reps' if rng.random() < 0.05 else "",
    }


def leg_day_peaks(leg_day_ago: int, regions: Sequence[str]) -> dict[str, int]:
    """The peak level of each region after one leg day; both sides of a group alike."""
    rng = random.Random(f"peaks {leg_day_ago}")
    groups = {region.split(".")[0] for region in regions}
    group_peaks = {group: rng.randint(1, 8) for group in sorted(groups)}
    return {
        region: max(0, group_peaks[region.split(".")[0]] - rng.choice((0, 0, 1)))
        for region in regions
    }


def day_ratings(
    day: dt.date, days_ago: int, leg_day_ago: int | None, regions: Sequence[str]
) -> list[dict[str, Any]]:
    rng = random.Random(f"ratings {days_ago}")
    if rng.random() < UNRATED_SHARE:
        return []
    peaks = None if leg_day_ago is None else leg_day_peaks(leg_day_ago, regions)
    ratings = []
    for region in regions:
        if peaks is None or leg_day_ago is None:
            level = rng.randint(0, 1)
        else:
            share = COURSE[leg_day_ago - days_ago]
            level = min(10, max(0, round(peaks[region] * share + rng.uniform(-0.6, 0.6))))
        note = rng.choice(RATING_NOTES) if rng.random() < NOTE_SHARE else ""
        ratings.append({"date": day.isoformat(), "region": region, "level": level, "note": note})
    return ratings


def check_in_entry(day: dt.date, days_ago: int) -> dict[str, Any]:
    rng = random.Random(f"check-in {days_ago}")
    symptoms = ["sudden_sharp_pain"] if days_ago > 60 and rng.random() < 0.005 else []
    actions = sorted(rng.sample(ACTIONS, rng.randint(1, 2))) if rng.random() < 0.15 else []
    return {
        "date": day.isoformat(),
        "symptoms": symptoms,
        "actions": actions,
        "water_litres": round(rng.uniform(1.0, 3.5), 1),
        "sleep_hours": round(rng.uniform(5.5, 9.0), 1),
        "note": "",
    }


def journal_document(years: int, today: dt.date, regions: Sequence[str]) -> dict[str, Any]:
    """A journal as ``write_json`` lays it out, every date before ``today``."""
    oldest = years * DAYS_PER_YEAR
    leg_days, ratings, check_ins = [], [], []
    for days_ago in range(oldest, 0, -1):
        day = today - dt.timedelta(days=days_ago)
        if days_ago % LEG_DAY_EVERY == LEG_DAY_PHASE:
            leg_days.append(leg_day_entry(day, days_ago))
        ratings += day_ratings(day, days_ago, latest_leg_day_ago(days_ago, oldest), regions)
        if days_ago % CHECK_IN_EVERY == 0:
            check_ins.append(check_in_entry(day, days_ago))
    answered_on = today - dt.timedelta(days=30)
    return {
        "format_version": 2,
        "leg_days": leg_days,
        "soreness": ratings,
        "check_ins": check_ins,
        "profile": {"statin_or_new_medicine": False, "answered_on": answered_on.isoformat()},
    }


def write_json_export(path: Path, document: dict[str, Any]) -> None:
    """The bytes Legday's ``write_json`` gives for this document: a record per line."""
    lines = ["{"]
    for position, (key, value) in enumerate(document.items()):
        comma = "," if position < len(document) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [")
            lines.append(
                ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    path.write_bytes(("\n".join(lines) + "\n").encode())


def write_csv_export(path: Path, document: dict[str, Any]) -> None:
    """The ratings as Legday's ``write_csv`` writes them, with the leg day each belongs to."""
    leg_days = [dt.date.fromisoformat(entry["date"]) for entry in document["leg_days"]]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for rating in document["soreness"]:
            day = dt.date.fromisoformat(rating["date"])
            index = bisect.bisect_right(leg_days, day) - 1
            cells = ("", "") if index < 0 else (leg_days[index], (day - leg_days[index]).days)
            writer.writerow(
                (rating["date"], rating["region"], rating["level"], *cells, rating["note"])
            )


def write_pieces(folder: Path, document: dict[str, Any], years: int) -> list[str]:
    """The JSON export cut into PIECE_YEARS-year files (the profile in the last one)."""
    if years <= PIECE_YEARS:
        return []
    last = dt.date.fromisoformat(document["soreness"][-1]["date"])
    count = -(-years // PIECE_YEARS)
    # From the newest end, so that the last piece holds the last PIECE_YEARS years.
    edges = [
        (last - dt.timedelta(days=index * PIECE_YEARS * DAYS_PER_YEAR)).isoformat()
        for index in range(count - 1, 0, -1)
    ]
    edges = ["", *edges, "9999-12-31"]  # every ISO date sorts after "" and before 9999
    names = []
    for index, (start, end) in enumerate(itertools.pairwise(edges)):
        piece: dict[str, Any] = {"format_version": document["format_version"]}
        for section in ("leg_days", "soreness", "check_ins"):
            piece[section] = [e for e in document[section] if start <= e["date"] < end]
        piece["profile"] = document["profile"] if index == count - 1 else NO_PROFILE
        names.append(f"journal-part-{index + 1}.json")
        write_json_export(folder / names[-1], piece)
    return names


def generate(folder: str, years: str) -> int:
    """Child process: write journal.json, journal.csv (and pieces), print their counts."""
    from legday_desktop.domain.regions import REGION_IDS

    target = Path(folder)
    document = journal_document(int(years), dt.date.today(), sorted(REGION_IDS))
    write_json_export(target / "journal.json", document)
    write_csv_export(target / "journal.csv", document)
    pieces = write_pieces(target, document, int(years))
    counts = {section: len(document[section]) for section in ("leg_days", "soreness", "check_ins")}
    print(json.dumps({"counts": counts, "pieces": pieces}))
    return 0


# --- the standard-library baseline: a script run by a plain interpreter ----------------

BASELINE_SCRIPT = r'''"""Legday's import and export work with sqlite3, json and csv only."""
import bisect
import csv
import datetime
import json
import marshal
import os
import sqlite3
import sys

COLUMNS = ("date", "region", "level", "leg_day_date", "days_after", "note")


def connect(database):
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def connect_to_read(database):
    uri = "file:" + os.path.abspath(database) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def stored_time(text):
    """"18:30" as SQLAlchemy stores a TIME on SQLite: "18:30:00.000000"."""
    return None if text is None else (text + ":00")[:8] + ".000000"


def shown_time(stored):
    """Back to "18:30" (or "18:30:15"), as Legday's format_time writes it."""
    if stored is None:
        return None
    return stored[:5] if stored[6:8] == "00" else stored[:8]


def import_json(source, database):
    with open(source, encoding="utf-8") as file:
        document = json.load(file)
    connection = connect(database)
    connection.execute("BEGIN IMMEDIATE")
    leg_days = document["leg_days"]
    connection.executemany(
        "INSERT INTO leg_day (date, start_time, title, rpe, duration_minutes, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (d["date"], stored_time(d.get("start_time")), d.get("title", ""), d.get("rpe"),
             d.get("duration_minutes"), d.get("notes", ""))
            for d in leg_days
        ),
    )
    ids = dict(connection.execute("SELECT date, id FROM leg_day"))
    connection.executemany(
        "INSERT INTO leg_day_exercise (leg_day_id, position, name) VALUES (?, ?, ?)",
        (
            (ids[d["date"]], position, name)
            for d in leg_days
            for position, name in enumerate(d.get("exercises", []))
        ),
    )
    connection.executemany(
        "INSERT INTO soreness (date, region_id, level, note) VALUES (?, ?, ?, ?)",
        ((r["date"], r["region"], r["level"], r.get("note", "")) for r in document["soreness"]),
    )
    check_ins = document["check_ins"]
    connection.executemany(
        "INSERT INTO check_in (date, water_litres, sleep_hours, note) VALUES (?, ?, ?, ?)",
        (
            (c["date"], c.get("water_litres"), c.get("sleep_hours"), c.get("note", ""))
            for c in check_ins
        ),
    )
    ids = dict(connection.execute("SELECT date, id FROM check_in"))
    for table, column, key in (
        ("check_in_symptom", "symptom", "symptoms"),
        ("check_in_action", "action", "actions"),
    ):
        connection.executemany(
            f"INSERT INTO {table} (check_in_id, {column}) VALUES (?, ?)",
            ((ids[c["date"]], value) for c in check_ins for value in c.get(key, [])),
        )
    profile = document.get("profile") or {}
    if profile.get("statin_or_new_medicine") is not None:
        connection.execute(
            "INSERT INTO profile (id, statin_or_new_medicine, answered_on) VALUES (1, ?, ?)",
            (profile["statin_or_new_medicine"], profile["answered_on"]),
        )
    connection.execute("COMMIT")
    connection.close()


def import_csv(source, database):
    connection = connect(database)
    connection.execute("BEGIN IMMEDIATE")
    leg_day_dates = set()
    with open(source, encoding="utf-8", newline="") as file:
        rows = csv.reader(file, strict=True)
        next(rows)  # the header

        def ratings():
            for date, region, level, leg_day_date, _days_after, note in rows:
                if leg_day_date:
                    leg_day_dates.add(leg_day_date)
                yield date, region, int(level), note

        connection.executemany(
            "INSERT INTO soreness (date, region_id, level, note) VALUES (?, ?, ?, ?)", ratings()
        )
    connection.executemany(
        "INSERT INTO leg_day (date, title, notes) VALUES (?, 'Imported', '')",
        ((date,) for date in sorted(leg_day_dates)),
    )
    connection.execute("COMMIT")
    connection.close()


def grouped(connection, query):
    lists = {}
    for key, value in connection.execute(query):
        lists.setdefault(key, []).append(value)
    return lists


def write_atomically(path, data):
    temporary = path + ".partial"
    with open(temporary, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def export_json(database, output):
    connection = connect_to_read(database)
    exercises = grouped(
        connection,
        "SELECT leg_day_id, name FROM leg_day_exercise ORDER BY leg_day_id, position",
    )
    symptoms = grouped(
        connection, "SELECT check_in_id, symptom FROM check_in_symptom ORDER BY 1, 2"
    )
    actions = grouped(connection, "SELECT check_in_id, action FROM check_in_action ORDER BY 1, 2")
    profile = connection.execute(
        "SELECT statin_or_new_medicine, answered_on FROM profile WHERE id = 1"
    ).fetchone()
    document = {
        "format_version": 2,
        "leg_days": [
            {"date": date, "start_time": shown_time(start), "title": title,
             "exercises": exercises.get(id_, []), "rpe": rpe, "duration_minutes": minutes,
             "notes": notes}
            for id_, date, start, title, rpe, minutes, notes in connection.execute(
                "SELECT id, date, start_time, title, rpe, duration_minutes, notes "
                "FROM leg_day ORDER BY date"
            )
        ],
        "soreness": [
            {"date": date, "region": region, "level": level, "note": note}
            for date, region, level, note in connection.execute(
                "SELECT date, region_id, level, note FROM soreness ORDER BY date, region_id"
            )
        ],
        "check_ins": [
            {"date": date, "symptoms": symptoms.get(id_, []), "actions": actions.get(id_, []),
             "water_litres": water, "sleep_hours": sleep, "note": note}
            for id_, date, water, sleep, note in connection.execute(
                "SELECT id, date, water_litres, sleep_hours, note FROM check_in ORDER BY date"
            )
        ],
        "profile": {
            "statin_or_new_medicine": None if profile is None else bool(profile[0]),
            "answered_on": None if profile is None else profile[1],
        },
    }
    connection.close()
    write_atomically(output, (json.dumps(document, ensure_ascii=False) + "\n").encode())


def export_csv(database, output):
    connection = connect_to_read(database)
    ordinal = lambda text: datetime.date.fromisoformat(text).toordinal()
    leg_days = [date for (date,) in connection.execute("SELECT date FROM leg_day ORDER BY date")]
    leg_day_ordinals = [ordinal(date) for date in leg_days]
    temporary = output + ".partial"
    with open(temporary, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(COLUMNS)
        shown_date, cells = None, ("", "")
        for date, region, level, note in connection.execute(
            "SELECT date, region_id, level, note FROM soreness ORDER BY date, region_id"
        ):
            if date != shown_date:
                shown_date, day = date, ordinal(date)
                index = bisect.bisect_right(leg_day_ordinals, day) - 1
                cells = ("", "") if index < 0 else (leg_days[index], day - leg_day_ordinals[index])
            writer.writerow((date, region, level, *cells, note))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, output)
    connection.close()


MODES = {
    "import-json": import_json,
    "import-csv": import_csv,
    "export-json": export_json,
    "export-csv": export_csv,
}
MODES[sys.argv[1]](*sys.argv[2:])
'''

# --- checks that both sides did the same work (children: they load whole journals) -----

# The rows of each table without their ids, child rows named by their parent's date.
TABLE_ROWS = {
    "leg_day": "SELECT date, start_time, title, rpe, duration_minutes, notes FROM {s}.leg_day",
    "leg_day_exercise": "SELECT d.date, e.position, e.name FROM {s}.leg_day_exercise e "
    "JOIN {s}.leg_day d ON d.id = e.leg_day_id",
    "soreness": "SELECT date, region_id, level, note FROM {s}.soreness",
    "check_in": "SELECT date, water_litres, sleep_hours, note FROM {s}.check_in",
    "check_in_symptom": "SELECT c.date, x.symptom FROM {s}.check_in_symptom x "
    "JOIN {s}.check_in c ON c.id = x.check_in_id",
    "check_in_action": "SELECT c.date, x.action FROM {s}.check_in_action x "
    "JOIN {s}.check_in c ON c.id = x.check_in_id",
    "profile": "SELECT id, statin_or_new_medicine, answered_on FROM {s}.profile",
}


def same_rows(first: str, second: str) -> int:
    """Child process: exit 0 when two journals hold the same rows, else print the tables."""
    connection = sqlite3.connect(first)
    connection.execute("ATTACH DATABASE ? AS other", (second,))

    def count(query: str) -> int:
        return int(connection.execute(f"SELECT count(*) FROM ({query})").fetchone()[0])

    differing = {}
    for table, rows in TABLE_ROWS.items():
        mine, theirs = rows.format(s="main"), rows.format(s="other")
        difference = count(f"{mine} EXCEPT {theirs}") + count(f"{theirs} EXCEPT {mine}")
        if difference or count(mine) != count(theirs):
            differing[table] = difference
    connection.close()
    if differing:
        print(json.dumps({"differing_rows": differing}))
    return 1 if differing else 0


def same_json(first: str, second: str) -> int:
    """Child process: exit 0 when two JSON files hold the same document."""
    with Path(first).open(encoding="utf-8") as one, Path(second).open(encoding="utf-8") as two:
        return 0 if json.load(one) == json.load(two) else 1


INTERNAL = {"generate": generate, "same-rows": same_rows, "same-json": same_json}

# --- running children --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """One child process (or a sequence of them): wall time, peak RSS, exit code."""

    seconds: float
    peak_kib: int
    returncode: int
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def message(self) -> str:
        lines = self.stderr.strip().splitlines()
        return f"exit {self.returncode}: {lines[-1] if lines else '(no message)'}"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# Starts each timed child and waits for it. It is a small interpreter of its own because a
# child's ru_maxrss starts from what its spawner holds (for vfork, the spawner's own peak).
SPAWNER_SCRIPT = r'''"""Run each command read from stdin; reply: wall time, peak RSS, exit."""
import marshal
import os
import sys
import time


def child(argv, cwd, env, out, err):
    try:
        os.chdir(cwd)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        os.execve(argv[0], argv, env)
    finally:
        os._exit(127)


while True:
    try:
        request = marshal.load(sys.stdin.buffer)
    except EOFError:
        break
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        child(*request)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    marshal.dump((seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status)), sys.stdout.buffer)
    sys.stdout.buffer.flush()
'''


class Spawner:
    """Runs timed children from a small process: wall time spawn to exit, peak RSS, exit."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        script = work / "spawner.py"
        script.write_text(SPAWNER_SCRIPT, encoding="utf-8")
        self.env = env
        self._out, self._err = work / "child.stdout", work / "child.stderr"
        self._process = subprocess.Popen(
            [sys.executable, "-S", "-I", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def run(self, argv: Sequence[str], cwd: Path) -> Run:
        assert self._process.stdin is not None and self._process.stdout is not None
        request = (list(argv), str(cwd), self.env, str(self._out), str(self._err))
        marshal.dump(request, self._process.stdin)
        self._process.stdin.flush()
        try:
            seconds, peak_kib, returncode = marshal.load(self._process.stdout)
        except EOFError:
            raise SystemExit("the spawner process stopped") from None
        stderr = self._err.read_text(encoding="utf-8", errors="replace")
        run = Run(seconds, peak_kib, returncode, stderr)
        if not run.ok:
            log(f"FAILED ({returncode}): {' '.join(argv)}\n{stderr.rstrip()}")
        return run

    def run_sequence(self, commands: Sequence[Sequence[str]], cwd: Path) -> Run:
        """Commands one after the other until one fails: the times add up, the peak is the max."""
        runs: list[Run] = []
        for argv in commands:
            runs.append(self.run(argv, cwd))
            if not runs[-1].ok:
                break
        return Run(
            sum(run.seconds for run in runs),
            max(run.peak_kib for run in runs),
            runs[-1].returncode,
            runs[-1].stderr,
        )

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait()


def run_output(argv: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    """Standard output of a helper child that must succeed (not timed)."""
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


# --- which Legday ------------------------------------------------------------------------


def git(*arguments: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(REPO), *arguments], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def extract_code(revision: str, into: Path) -> str:
    """Put ``revision``'s legday_desktop (with its resources) in ``into``; its commit id."""
    commit = git("rev-parse", "--verify", f"{revision}^{{commit}}")
    if not commit:
        raise SystemExit(f"--code {revision}: not a commit of {REPO}")
    into.mkdir()
    archive = into / "code.tar"
    git("archive", "-o", str(archive), commit, "legday_desktop", "resources")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
    (into / "resources").rename(into / "legday_desktop" / "resources")  # as installed
    return commit


def legday_command(env: dict[str, str], cwd: Path) -> list[str]:
    """The installed CLI: ``python -m legday_desktop.cli`` if it runs, else the legday script."""
    candidates = [
        [sys.executable, "-m", "legday_desktop.cli"],
        [str(Path(sys.executable).with_name("legday"))],
        [sys.executable, "-m", "legday_desktop"],
    ]
    for command in candidates:
        if command[0].endswith("legday") and not Path(command[0]).is_file():
            continue
        done = subprocess.run(
            [*command, "--version"], env=env, cwd=cwd, capture_output=True, text=True, check=False
        )
        if done.returncode == 0 and done.stdout.startswith("legday"):
            return command
    raise SystemExit("cannot run Legday's command line (tried: legday_desktop.cli, legday)")


def compile_bytecode(env: dict[str, str], cwd: Path) -> None:
    """Compile the measured package's bytecode, as an installed Legday has it.

    Where PYTHONDONTWRITEBYTECODE is set, an editable checkout would otherwise compile
    every module from source in every measured process.
    """
    location = run_output(
        [sys.executable, "-c", "import legday_desktop; print(legday_desktop.__file__)"], env, cwd
    ).strip()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(location).parent)],
        env=env,
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def code_description(env: dict[str, str], cwd: Path, commit: str | None) -> dict[str, Any]:
    location = run_output(
        [sys.executable, "-c", "import legday_desktop; print(legday_desktop.__file__)"], env, cwd
    ).strip()
    description: dict[str, Any] = {"legday_package": str(Path(location).parent)}
    if commit is not None:
        description["legday_code"] = f"git archive of {commit}"
        return description
    head = git("rev-parse", "HEAD")
    changed = git("status", "--porcelain", "--", "legday_desktop").splitlines()
    description["legday_code"] = f"installed: {head}" + (
        f" with {len(changed)} uncommitted change(s) in legday_desktop/" if changed else ""
    )
    return description


# --- measurements --------------------------------------------------------------------------

Prepare = Callable[[Path], list[list[str]]]  # given a new empty folder, the commands to time


@dataclass(frozen=True, slots=True)
class Setup:
    """What every measurement needs: the commands, their environment, the empty journal."""

    legday: tuple[str, ...]
    spawner: Spawner
    baseline: Path
    template: Path
    repeat: int

    def legday_import(self, *sources: Path) -> Prepare:
        def prepare(folder: Path) -> list[list[str]]:
            journal = str(folder / JOURNAL)
            return [[*self.legday, "import", "--db", journal, str(source)] for source in sources]

        return prepare

    def baseline_import(self, kind: str, source: Path) -> Prepare:
        def prepare(folder: Path) -> list[list[str]]:
            shutil.copyfile(self.template, folder / JOURNAL)  # the schema, made by Legday
            journal = str(folder / JOURNAL)
            return [[sys.executable, str(self.baseline), f"import-{kind}", str(source), journal]]

        return prepare

    def legday_export(self, kind: str, journal: Path) -> Prepare:
        def prepare(folder: Path) -> list[list[str]]:
            output = str(folder / f"out.{kind}")
            return [[*self.legday, "export", "--db", str(journal), "--format", kind, "-o", output]]

        return prepare

    def baseline_export(self, kind: str, journal: Path) -> Prepare:
        def prepare(folder: Path) -> list[list[str]]:
            output = str(folder / f"out.{kind}")
            return [[sys.executable, str(self.baseline), f"export-{kind}", str(journal), output]]

        return prepare


@dataclass(slots=True)
class Measured:
    """The runs of one measurement; repeat 0 of each side stays in ``kept`` for the checks."""

    legday: list[Run] = field(default_factory=list)
    baseline: list[Run] = field(default_factory=list)
    kept: dict[str, Path] = field(default_factory=dict)
    legday_error: str | None = None
    legday_pieces: int | None = None


def run_in_new_folder(folder: Path, prepare: Prepare, spawner: Spawner) -> Run:
    folder.mkdir(parents=True)
    return spawner.run_sequence(prepare(folder), folder)


def measure(
    name: str,
    setup: Setup,
    work: Path,
    legday: Prepare,
    baseline: Prepare,
    pieces: list[Path] | None = None,
) -> Measured:
    """``repeat`` runs of each side, alternating which goes first.

    If Legday fails and ``pieces`` are given, it imports the pieces instead, one after the
    other into the same new journal, from then on.
    """
    measured = Measured()
    sides = {"legday": legday, "baseline": baseline}
    for index in range(setup.repeat):
        order = ("legday", "baseline") if index % 2 == 0 else ("baseline", "legday")
        for side in order:
            folder = work / f"{name}-{side}-{index}"
            run = run_in_new_folder(folder, sides[side], setup.spawner)
            if side == "legday" and not run.ok and pieces and measured.legday_pieces is None:
                measured.legday_error = run.message
                measured.legday_pieces = len(pieces)
                log(f"  {name}: Legday failed on the whole file; importing {len(pieces)} pieces")
                sides["legday"] = setup.legday_import(*pieces)
                shutil.rmtree(folder)
                run = run_in_new_folder(folder, sides["legday"], setup.spawner)
            getattr(measured, side).append(run)
            log(
                f"  {name} {side} {index + 1}/{setup.repeat}: {run.seconds:.3f} s, "
                f"{run.peak_kib / 1024:.0f} MiB" + ("" if run.ok else " FAILED")
            )
            if index == 0:
                measured.kept[side] = folder
            else:
                shutil.rmtree(folder)
    return measured


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def summary(measured: Measured) -> dict[str, Any]:
    legday = [run for run in measured.legday if run.ok]
    baseline = [run for run in measured.baseline if run.ok]
    legday_s = median_or_none([run.seconds for run in legday])
    baseline_s = median_or_none([run.seconds for run in baseline])
    legday_peak = median_or_none([run.peak_kib / 1024 for run in legday])
    baseline_peak = median_or_none([run.peak_kib / 1024 for run in baseline])
    result: dict[str, Any] = {
        "legday_s": None if legday_s is None else round(legday_s, 4),
        "baseline_s": None if baseline_s is None else round(baseline_s, 4),
        "ratio": ratio(legday_s, baseline_s),
        "legday_peak_mib": None if legday_peak is None else round(legday_peak, 1),
        "baseline_peak_mib": None if baseline_peak is None else round(baseline_peak, 1),
        "peak_ratio": ratio(legday_peak, baseline_peak),
        "legday_runs_s": [round(run.seconds, 3) for run in measured.legday],
        "baseline_runs_s": [round(run.seconds, 3) for run in measured.baseline],
    }
    if measured.legday_error is not None:
        result["legday_error_whole_file"] = measured.legday_error
        result["legday_in_pieces"] = measured.legday_pieces
    failures = [run.message for run in [*measured.legday, *measured.baseline] if not run.ok]
    if failures:
        result["failures"] = failures
    return result


# --- one journal size ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Generated:
    """The export files of one journal size."""

    folder: Path
    counts: dict[str, int]
    pieces: list[Path]

    @property
    def json(self) -> Path:
        return self.folder / "journal.json"

    @property
    def csv(self) -> Path:
        return self.folder / "journal.csv"


def generate_files(setup: Setup, years: int, folder: Path) -> Generated:
    folder.mkdir(parents=True)
    started = time.perf_counter()
    output = run_output(
        [sys.executable, str(Path(__file__).resolve()), "generate", str(folder), str(years)],
        setup.spawner.env,
        folder,
    )
    report = json.loads(output)
    log(f"{years} y: generated {report['counts']} in {time.perf_counter() - started:.1f} s")
    return Generated(folder, report["counts"], [folder / name for name in report["pieces"]])


def helper_succeeds(setup: Setup, name: str, *paths: Path) -> bool:
    argv = [sys.executable, str(Path(__file__).resolve()), name, *map(str, paths)]
    return setup.spawner.run(argv, paths[0].parent).ok


def import_checks(setup: Setup, name: str, measured: Measured) -> dict[str, bool | None]:
    if not (measured.legday and measured.legday[0].ok and measured.baseline[0].ok):
        return {f"{name}_same_rows": None}
    legday, baseline = (measured.kept[side] / JOURNAL for side in ("legday", "baseline"))
    return {f"{name}_same_rows": helper_succeeds(setup, "same-rows", legday, baseline)}


def export_checks(
    setup: Setup, kind: str, measured: Measured, generated: Path
) -> dict[str, bool | None]:
    """Legday's export gives back the generated file; the baseline's holds the same."""
    legday, baseline = (measured.kept[side] / f"out.{kind}" for side in ("legday", "baseline"))
    round_trip = filecmp.cmp(legday, generated, shallow=False) if legday.exists() else None
    if not (legday.exists() and baseline.exists()):
        same = None
    elif kind == "json":
        same = helper_succeeds(setup, "same-json", legday, baseline)
    else:
        same = filecmp.cmp(legday, baseline, shallow=False)
    return {f"export_{kind}_round_trip": round_trip, f"export_{kind}_same_as_baseline": same}


def measure_journal(setup: Setup, years: int, work: Path) -> tuple[dict[str, Any], Path]:
    """Import and export figures of one size, and the journal that advice will open."""
    generated = generate_files(setup, years, work / "files")
    entry: dict[str, Any] = {
        "years": years,
        "ratings": generated.counts["soreness"],
        "leg_days": generated.counts["leg_days"],
        "check_ins": generated.counts["check_ins"],
        "json_bytes": generated.json.stat().st_size,
        "csv_bytes": generated.csv.stat().st_size,
    }
    log(f"{years} y: {entry['json_bytes']:,} JSON bytes, {entry['csv_bytes']:,} CSV bytes")
    imports = {
        "import_json": measure(
            "import_json",
            setup,
            work,
            setup.legday_import(generated.json),
            setup.baseline_import("json", generated.json),
            pieces=generated.pieces,
        ),
        "import_csv": measure(
            "import_csv",
            setup,
            work,
            setup.legday_import(generated.csv),
            setup.baseline_import("csv", generated.csv),
        ),
    }
    journal, made_by = export_journal(imports["import_json"])
    entry["export_journal_made_by"] = made_by
    exports = {
        f"export_{kind}": measure(
            f"export_{kind}",
            setup,
            work,
            setup.legday_export(kind, journal),
            setup.baseline_export(kind, journal),
        )
        for kind in ("json", "csv")
    }
    checks: dict[str, bool | None] = {}
    for name, measured in imports.items():
        checks |= import_checks(setup, name, measured)
    checks |= export_checks(setup, "json", exports["export_json"], generated.json)
    checks |= export_checks(setup, "csv", exports["export_csv"], generated.csv)
    for name, measured in {**imports, **exports}.items():
        entry[name] = summary(measured)
    entry["checks"] = checks
    if not all(checks.values()):
        log(f"{years} y: CHECKS NOT PASSED: {checks}")
    return entry, journal


def export_journal(imported: Measured) -> tuple[Path, str]:
    """The journal Legday's JSON import made (or, if it could not, the baseline's)."""
    if imported.legday and imported.legday[0].ok:
        how = "legday import" + (
            f" in {imported.legday_pieces} pieces" if imported.legday_pieces else ""
        )
        return imported.kept["legday"] / JOURNAL, how
    return imported.kept["baseline"] / JOURNAL, "baseline import (Legday's failed)"


# --- opening: advice on each journal, the sizes alternating ----------------------------------


def measure_advice(setup: Setup, journals: dict[int, Path]) -> dict[int, dict[str, Any]]:
    runs: dict[int, list[Run]] = {years: [] for years in journals}
    sizes = list(journals)
    for index in range(setup.repeat):
        for years in sizes[index % len(sizes) :] + sizes[: index % len(sizes)]:
            journal = journals[years]
            argv = [*setup.legday, "advice", "--db", str(journal)]
            runs[years].append(setup.spawner.run(argv, journal.parent))
            log(f"  advice {years} y {index + 1}/{setup.repeat}: {runs[years][-1].seconds:.3f} s")
    figures = {}
    for years, done in runs.items():
        ok = [run for run in done if run.ok]
        seconds = median_or_none([run.seconds for run in ok])
        peak = median_or_none([run.peak_kib / 1024 for run in ok])
        figures[years] = {
            "advice_s": None if seconds is None else round(seconds, 4),
            "advice_peak_mib": None if peak is None else round(peak, 1),
        }
    return figures


# --- the whole benchmark -------------------------------------------------------------------


def make_template(setup: Setup, work: Path) -> tuple[Path, dict[str, float]]:
    """An empty journal made by Legday (importing an empty export), and fixed costs."""
    empty = work / "empty.json"
    write_json_export(empty, {"format_version": 2, "leg_days": [], "soreness": [], "check_ins": []})
    legday_runs, python_runs = [], []
    for index in range(max(3, setup.repeat)):
        folder = work / f"template-{index}"
        legday_runs.append(run_in_new_folder(folder, setup.legday_import(empty), setup.spawner))
        python_runs.append(setup.spawner.run([sys.executable, "-c", "pass"], work))
        if not legday_runs[-1].ok:
            raise SystemExit("Legday cannot create an empty journal; see above")
    template = work / "template-0" / JOURNAL
    for suffix in ("-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            raise SystemExit(f"{template}{suffix} is left beside the empty journal")
    fixed = {
        "legday_new_empty_journal_s": round(statistics.median(r.seconds for r in legday_runs), 4),
        "python_start_s": round(statistics.median(r.seconds for r in python_runs), 4),
    }
    return template, fixed


def machine(spawner: Spawner, work: Path) -> dict[str, Any]:
    true = shutil.which("true")
    floor = spawner.run([true], work).peak_kib / 1024 if true else None
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "sqlite": sqlite3.sqlite_version,
        # The peak RSS any child reports at least (what it holds from its spawner).
        "rss_floor_mib": None if floor is None else round(floor, 1),
    }


def run_benchmark(years: Sequence[int], repeat: int, code: str | None) -> dict[str, Any]:
    load = round(os.getloadavg()[0], 2)  # other work on the machine makes figures noisy
    with tempfile.TemporaryDirectory(prefix="legday-storage-") as temporary:
        work = Path(temporary)
        env = dict(os.environ)
        commit = None
        if code is not None:
            commit = extract_code(code, work / "code")
            env["PYTHONPATH"] = os.pathsep.join(
                [str(work / "code"), *filter(None, [env.get("PYTHONPATH")])]
            )
        baseline = work / "baseline.py"
        baseline.write_text(BASELINE_SCRIPT, encoding="utf-8")
        legday = tuple(legday_command(env, work))
        compile_bytecode(env, work)
        spawner = Spawner(work, env)
        try:
            setup = Setup(legday, spawner, baseline, work / "no template yet", repeat)
            template, fixed = make_template(setup, work)
            result: dict[str, Any] = {
                "machine": machine(spawner, work) | code_description(env, work, commit),
                "legday_command": " ".join(legday),
                "fixed_costs": fixed,
                "journals": [],
            }
            result |= measure_journals(dataclasses.replace(setup, template=template), years, work)
        finally:
            spawner.close()
        result["machine"]["load_average_start_end"] = [load, round(os.getloadavg()[0], 2)]
        result["targets"] = TARGETS
        return result


def measure_journals(setup: Setup, years: Sequence[int], work: Path) -> dict[str, Any]:
    journals, entries = {}, []
    for size in years:
        entry, journals[size] = measure_journal(setup, size, work / f"{size}y")
        entries.append(entry)
    advice = measure_advice(setup, journals)
    for entry in entries:
        entry |= advice[entry["years"]]
    result: dict[str, Any] = {"journals": entries}
    if 1 in advice and 30 in advice:
        result["advice_30_vs_1"] = ratio(advice[30]["advice_s"], advice[1]["advice_s"])
    return result


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--years",
        default=",".join(map(str, DEFAULT_YEARS)),
        help="journal sizes in years, comma-separated (default: 1,10,30)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (median)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 year, 1 run")
    parser.add_argument(
        "--code",
        metavar="REV",
        help="measure this git revision (extracted to the temp folder) instead of the "
        "installed Legday",
    )
    arguments = parser.parse_args(argv)
    arguments.sizes = [int(part) for part in arguments.years.split(",") if part.strip()]
    if arguments.quick:
        arguments.sizes, arguments.repeat = [1], 1
    if arguments.repeat < 1 or not arguments.sizes or min(arguments.sizes) < 1:
        parser.error("--repeat and every --years value must be at least 1")
    return arguments


def main(argv: Sequence[str]) -> int:
    if argv and argv[0] in INTERNAL:
        return INTERNAL[argv[0]](*argv[1:])
    arguments = parse_arguments(argv)
    result = run_benchmark(arguments.sizes, arguments.repeat, arguments.code)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
