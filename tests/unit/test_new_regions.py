"""The outer hip and the Achilles tendon & ankle: named, loaded by their exercises, advised."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.courses import advise, both, kinds, side, symptoms, tip_ids
from helpers.journals import filled_store

from legday_desktop.cli import main
from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.exercises import find_exercise, group_loads
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.regions import REGION_IDS, group_by_id, region_by_id
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.storage.database import open_store


def test_the_new_regions_have_stable_ids_and_natural_names() -> None:
    for region_id in ("abductors.left", "abductors.right", "achilles.left", "achilles.right"):
        assert region_id in REGION_IDS
    assert region_by_id("abductors.left").name == "Left outer hip"
    assert region_by_id("achilles.right").name == "Right Achilles & ankle"
    assert group_by_id("abductors").both_name == "both outer hips"
    assert group_by_id("abductors").is_muscle
    assert not group_by_id("achilles").is_muscle  # a tendon: its pain is not DOMS
    assert not group_by_id("knees").is_muscle


def test_lunges_split_squats_and_step_ups_load_the_outer_hip_and_calf_work_the_achilles() -> None:
    for name in ("Lunge", "Bulgarian split squat", "step-up"):
        exercise = find_exercise(name)
        assert exercise is not None and exercise.loads.get("abductors", 0) >= 0.35, name
    for name in ("Calf raise", "box jump"):
        exercise = find_exercise(name)
        assert exercise is not None and exercise.loads.get("achilles", 0) >= 0.35, name
    assert "abductors" not in group_loads(["Deadlift", "Leg curl"])
    assert "achilles" not in group_loads(["Squat", "Leg press"])


def test_a_sore_outer_hip_after_lunges_is_ordinary_soreness_with_its_tips() -> None:
    advice = advise(both("abductors", (1, 3), (2, 5)), 2)
    assert kinds(advice) == []
    assert advice.tips  # the usual "may help" tips for a sore muscle


def test_a_sore_achilles_is_a_check_never_ordinary_soreness() -> None:
    assert kinds(advise(both("achilles", (1, 2), (2, 3)), 2)) == []
    advice = advise(both("achilles", (1, 3), (2, 4)), 2)
    assert kinds(advice) == [("tendon_pain", "check")]
    message = advice.alerts[0].message
    assert message.startswith("Both Achilles & ankles at 4 today (day 2):")
    assert "not muscle soreness" in message and "get it checked if it persists" in message
    assert advice.alerts[0].title == "Achilles or ankle pain"
    assert "alert-achilles" in tip_ids(advice)
    # Massage, foam rolling and the like are not offered for a tendon.
    one = advise(side("achilles.left", (2, 6)), 2)
    assert one.alerts[0].message.startswith("Left Achilles & ankle at 6 today (day 2):")


def test_a_sudden_sharp_pain_with_a_sore_achilles_is_one_urgent_alert() -> None:
    advice = advise(
        side("achilles.right", (1, 2)), 1, [symptoms(1, WarningSymptom.SUDDEN_SHARP_PAIN)]
    )
    assert kinds(advice) == [("tendon_pain", "urgent")]  # the symptom is said within it
    message = advice.alerts[0].message
    assert "you reported a sudden sharp pain during exercise" in message
    assert "torn Achilles tendon; get it seen today" in message
    # The same symptom with only a muscle sore stays the symptom's own alert.
    muscle = advise(both("quadriceps", (1, 3)), 1, [symptoms(1, WarningSymptom.SUDDEN_SHARP_PAIN)])
    assert kinds(muscle) == [("reported_symptom", "check")]


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_the_new_regions_go_out_and_come_back_in_both_formats(
    tmp_path: Path, file_format: str
) -> None:
    journal = Journal(
        ratings=(
            SorenessRating(dt.date(2026, 3, 3), "abductors.left", 5),
            SorenessRating(dt.date(2026, 3, 3), "achilles.right", 4, "stiff in the morning"),
            SorenessRating(dt.date(2026, 3, 3), "calves.right", 2),
        )
    )
    source = tmp_path / "source.sqlite3"
    filled_store(source, journal).close()
    exported = tmp_path / f"out.{file_format}"
    assert main(["export", "--db", str(source), "--format", file_format, "-o", str(exported)]) == 0
    assert "achilles.right" in exported.read_text("utf-8")
    fresh = tmp_path / "fresh.sqlite3"
    assert main(["import", "--db", str(fresh), str(exported)]) == 0
    store = open_store(fresh)
    try:
        assert store.journal().ratings == journal.ratings
    finally:
        store.close()
