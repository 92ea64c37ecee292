"""Killing Legday while it saves loses no acknowledged soreness level and damages nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import IO

import pytest

from legday_desktop.storage.database import open_store

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="needs SIGKILL, which Windows does not have"
)

WRITER = Path(__file__).resolve().parents[1] / "helpers" / "soreness_writer.py"
KILLS = 20
# From the first acknowledged step to the kill: long enough for hundreds of steps.
KILL_DELAY_SECONDS = (0.02, 0.3)
STARTUP_TIMEOUT_SECONDS = 30

Key = tuple[str, str]  # (ISO date, region id)
Levels = dict[Key, int]
Step = dict[Key, int | None]


class WriterOutput:
    """The complete lines a writer child printed, read on a thread so its pipe never fills.

    ``ready`` is set at the first ``ack`` line, or when the output ends without one.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            # A line cut short by the kill has no newline: it was never fully reported.
            if line.endswith("\n"):
                self.lines.append(line.rstrip("\n"))
                if line.startswith("ack "):
                    self.ready.set()
        self.ready.set()

    def join(self) -> None:
        self._thread.join(timeout=10)
        assert not self._thread.is_alive(), "the writer's output did not end"


def parse_step(line: str) -> tuple[int, Step]:
    """The number and the levels of a ``try <step> <date> <region>=<level>,…`` line."""
    _, number, date, items = line.split(" ")
    step: Step = {}
    for item in items.split(","):
        region_id, level = item.split("=")
        step[(date, region_id)] = None if level == "none" else int(level)
    return int(number), step


def replay(levels: Levels, step: Step) -> Levels:
    """``levels`` after ``step`` was applied (None clears a level)."""
    after = dict(levels)
    for key, level in step.items():
        if level is None:
            after.pop(key, None)
        else:
            after[key] = level
    return after


def acknowledged_steps(lines: list[str]) -> tuple[list[Step], Step | None]:
    """The steps the writer acknowledged, in order, and the one it was busy with, if any."""
    done: list[Step] = []
    pending: tuple[int, Step] | None = None
    for line in lines:
        if line.startswith("try "):
            assert pending is None, f"a step was tried before the previous one ended: {line}"
            pending = parse_step(line)
        elif line.startswith("ack "):
            assert pending is not None, f"acknowledged a step never tried: {line}"
            assert int(line.split(" ")[1]) == pending[0], f"acknowledged the wrong step: {line}"
            done.append(pending[1])
            pending = None
        else:
            raise AssertionError(f"unexpected output from the writer: {line!r}")
    return done, None if pending is None else pending[1]


def stored_levels(path: Path) -> tuple[str, Levels]:
    """``PRAGMA integrity_check`` of the journal, and every stored level, with plain sqlite3."""
    with closing(sqlite3.connect(path)) as connection:
        (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
        rows = connection.execute("SELECT date, region_id, level FROM soreness").fetchall()
    return integrity, {(date, region_id): level for date, region_id, level in rows}


def snapshot(path: Path, folder: Path) -> Path:
    """Copy the journal with its WAL files as the killed writer left them on disk.

    Checking the copy leaves the journal itself to the next writer, which has to recover
    the WAL on its own (a connection closing here would checkpoint it away).
    """
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            shutil.copy2(source, folder / source.name)
    return folder / path.name


def differences(expected: Levels, stored: Levels) -> list[str]:
    return [
        f"{key}: expected {expected.get(key)}, stored {stored.get(key)}"
        for key in sorted(expected.keys() | stored.keys())
        if expected.get(key) != stored.get(key)
    ]


def run_writer_until_killed(path: Path, seed: int, delay: float, stderr: IO[str]) -> list[str]:
    """Start a writer on ``path``, SIGKILL it ``delay`` seconds after its first ack."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=path.parent,
    ) as writer:
        assert writer.stdout is not None
        output = WriterOutput(writer.stdout)
        try:
            reported = output.ready.wait(STARTUP_TIMEOUT_SECONDS)
            time.sleep(delay)
            still_running = writer.poll() is None
            writer.kill()
        finally:
            writer.kill()  # also when the test failed above: leave no writer behind
            writer.wait(timeout=10)
            output.join()
    stderr.seek(0)
    problems = stderr.read()
    assert reported, f"the writer acknowledged nothing in {STARTUP_TIMEOUT_SECONDS} s"
    assert still_running, f"the writer ended before it was killed: {problems}"
    assert writer.returncode == -signal.SIGKILL
    return output.lines


def test_acknowledged_levels_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    open_store(path).close()
    rng = random.Random(20260301)
    levels: Levels = {}
    acknowledged = 0
    hot_wal = 0
    for kill in range(1, KILLS + 1):
        with (tmp_path / f"writer-{kill}.stderr").open("w+", encoding="utf-8") as stderr:
            lines = run_writer_until_killed(
                path, rng.randrange(2**32), rng.uniform(*KILL_DELAY_SECONDS), stderr
            )
        done, pending = acknowledged_steps(lines)
        assert done, f"writer {kill} was killed before it acknowledged a step"
        acknowledged += len(done)
        for step in done:
            levels = replay(levels, step)
        wal = path.with_name(path.name + "-wal")
        hot_wal += int(wal.exists() and wal.stat().st_size > 0)

        integrity, stored = stored_levels(snapshot(path, tmp_path / f"after-kill-{kill}"))
        assert integrity == "ok", f"after kill {kill}: {integrity}"
        # The kill may land between the commit and the ack: the step being saved may
        # then be stored, but only all of it (one transaction) and nothing after it.
        if pending is not None and stored == replay(levels, pending):
            levels = stored
        assert stored == levels, f"after kill {kill}: " + "; ".join(differences(levels, stored))

    integrity, stored = stored_levels(path)
    assert integrity == "ok"
    assert stored == levels, "; ".join(differences(levels, stored))
    assert acknowledged >= 20 * KILLS, f"only {acknowledged} steps acknowledged in {KILLS} runs"
    # Some writer started on a WAL full of commits that a killed one left behind.
    assert hot_wal > 0
    print(f"\n{KILLS} kills, {acknowledged} acknowledged steps, all stored; {hot_wal} hot WALs")
