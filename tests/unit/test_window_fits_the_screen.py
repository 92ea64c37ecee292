"""The window never opens larger than the screen's free area (a laptop, a 2× scale), for real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.journals import filled_store
from helpers.processes import legday_text

SCREENS = Path(__file__).resolve().parent.parent / "helpers"


@pytest.mark.parametrize(
    ("screen", "scale", "free"),
    [
        ("screen-1920x1080.json", "1", [1920, 1080]),
        ("screen-1366x768.json", "1", [1366, 768]),
        ("screen-1366x768.json", "2", [683, 384]),
        (None, "1", [800, 800]),  # Qt's own offscreen screen, with window frames
    ],
)
def test_the_window_fits_the_screen(
    tmp_path: Path, screen: str, scale: str, free: list[int]
) -> None:
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    result = legday_text(
        "--db",
        journal,
        "--self-test",
        QT_QPA_PLATFORM="offscreen"
        if screen is None
        else f"offscreen:configfile={SCREENS / screen}",
        QT_SCALE_FACTOR=scale,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["screen_free"] == free
    width, height = report["window_size"]
    assert width <= free[0] and height <= free[1]
    if free[0] >= 1240 and free[1] >= 820:
        assert [width, height] == [1240, 820]  # the default size where there is room
