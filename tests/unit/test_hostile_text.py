"""User text that other programs would act on: math text, terminal escapes, in real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.processes import legday_process as legday

TITLE = "Heavy $5 and $^{ day"
EXERCISES = ["Squat $", "\x1b]0;PWNED\x07Calf \x1b[2J raise", "Lunge \u202eesrever", "Step\x9bup"]


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    document = {
        "format_version": 1,
        "leg_days": [
            {"date": "2026-11-21", "title": "Old $\\frac day", "exercises": ["Squat"]},
            {"date": "2026-11-28", "title": TITLE, "exercises": EXERCISES, "notes": "cost $3"},
        ],
        "soreness": [
            {"date": "2026-11-22", "region": "calves.left", "level": 4, "note": "$a"},
            {"date": "2026-11-29", "region": "calves.left", "level": 5, "note": "$^"},
            {"date": "2026-11-30", "region": "calves.left", "level": 3, "note": ""},
        ],
        "check_ins": [],
    }
    source = folder / "hostile.json"
    source.write_text(json.dumps(document))
    path = folder / "journal.sqlite3"
    result = legday("--db", path, "import", source)
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("kind", ["recovery", "compare", "timeline"])
@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_a_dollar_in_user_text_is_drawn_literally_in_charts(
    journal: Path, tmp_path: Path, kind: str, suffix: str
) -> None:
    output = tmp_path / f"chart.{suffix}"
    result = legday("--db", journal, "chart", "--kind", kind, "-o", output)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    if suffix == "svg" and kind == "timeline":
        assert "Heavy $5 and $^{ day" in output.read_text()


def test_a_dollar_in_user_text_does_not_break_the_report_or_the_charts_self_test(
    journal: Path, tmp_path: Path
) -> None:
    report = legday("--db", journal, "report", "-o", tmp_path / "report.pdf")
    assert report.returncode == 0, report.stderr.decode()
    self_test = legday("--db", journal, "--self-test", "--with-charts", timeout=60)
    assert self_test.returncode == 0, self_test.stderr.decode()
    assert json.loads(self_test.stdout)["ok"] is True


def test_printed_user_text_has_its_control_characters_made_visible(journal: Path) -> None:
    result = legday("--db", journal, "advice", "--date", "2026-11-29")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "\\x1b]0;PWNED\\x07Calf \\x1b[2J raise" in out
    assert "Lunge \\u202eesrever" in out and "Step\\x9bup" in out
    assert not any(character in out for character in "\x1b\x07\x9b\u202e")
    as_json = legday("--db", journal, "advice", "--date", "2026-11-29", "--json")
    text = as_json.stdout.decode("utf-8")
    assert not any(character in text for character in "\x1b\x07\x9b\u202e")
    reasons = [tip["reason"] for tip in json.loads(text)["tips"]]
    assert any("\x1b]0;PWNED\x07Calf" in reason for reason in reasons)  # JSON keeps the text
