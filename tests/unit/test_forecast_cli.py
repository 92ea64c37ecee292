"""``legday forecast``: the personal forecast of a leg day, as text and JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers.journals import filled_store

from legday_desktop.cli import main
from legday_desktop.domain.demo import training_demo_journal

Run = tuple[int, str, str]
TODAY = dt.date.today()


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes]):  # type: ignore[no-untyped-def]
    def run(*arguments: str | Path) -> Run:
        code = main([str(argument) for argument in arguments])
        out, err = capsysbinary.readouterr()
        return code, out.decode(), err.decode()

    return run


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dt.date]]:
    journal = training_demo_journal(TODAY, leg_days=20, seed=7)
    path = tmp_path_factory.mktemp("forecast") / "journal.sqlite3"
    filled_store(path, journal)
    return path, [day.date for day in journal.leg_days]


def test_the_forecast_learns_from_the_other_leg_days_and_says_how_good_it_is(
    run, trained: tuple[Path, list[dt.date]]
) -> None:  # type: ignore[no-untyped-def]
    path, dates = trained
    code, out, err = run("forecast", "--db", path, "--leg-day", dates[-1].isoformat(), "--json")
    assert (code, err) == (0, "")
    forecast = json.loads(out)
    assert forecast["leg_day"] == dates[-1].isoformat()
    assert forecast["basis"] == len(dates) - 1  # every other leg day, never itself
    assert forecast["typical_course_only"] is False
    assert 0 < forecast["leave_one_out_error"] < 2
    assert forecast["groups"]
    for group in forecast["groups"]:
        assert [day["day"] for day in group["days"]] == [1, 2, 3, 4, 5, 6, 7]
        for day in group["days"]:
            assert 0 <= day["low"] <= day["level"] <= day["high"] <= 10
    code, text, _ = run("forecast", "--db", path, "--leg-day", dates[-1].isoformat())
    assert code == 0 and f"Learnt from {len(dates) - 1} of your leg days" in text
    assert "off by" in text and "d1 " in text and "d7 " in text


def test_with_few_leg_days_it_says_it_has_no_error_yet(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal = training_demo_journal(TODAY, leg_days=4, seed=3)
    path = tmp_path / "journal.sqlite3"
    filled_store(path, journal)
    last = journal.leg_days[-1].date.isoformat()
    code, out, _ = run("forecast", "--db", path, "--leg-day", last, "--json")
    assert code == 0 and json.loads(out)["leave_one_out_error"] is None
    code, text, _ = run("forecast", "--db", path, "--leg-day", last)
    assert "from 6 such leg days" in text


def test_a_day_that_is_not_a_leg_day_is_bad_input(run, trained: tuple[Path, list[dt.date]]) -> None:  # type: ignore[no-untyped-def]
    path, dates = trained
    not_one = dates[-1] - dt.timedelta(days=1)
    code, out, err = run("forecast", "--db", path, "--leg-day", not_one.isoformat())
    assert (code, out) == (2, "")
    assert f"there is no leg day on {not_one.isoformat()}" in err


def test_a_leg_day_without_sets_says_that_is_why_it_is_the_typical_course(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from legday_desktop.domain.journal import Journal
    from legday_desktop.domain.leg_days import LegDay

    path = tmp_path / "journal.sqlite3"
    filled_store(path, Journal(leg_days=(LegDay(dt.date(2026, 11, 2), "Squats", ("Squat",)),)))
    code, text, _ = run("forecast", "--db", path, "--leg-day", "2026-11-02")
    assert code == 0 and "This leg day has no logged sets" in text and "Quads:" in text
    code, out, _ = run("forecast", "--db", path, "--leg-day", "2026-11-02", "--json")
    forecast = json.loads(out)
    assert forecast["typical_course_only"] is True
    assert all(group["load"] is None for group in forecast["groups"])
