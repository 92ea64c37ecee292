"""The tips file: valid against its schema, sourced, covering every warning, no repeats."""

from __future__ import annotations

import json
import re

import pytest

from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.guidance.alerts import AlertKind
from legday_desktop.guidance.content import (
    CATEGORIES,
    UNSOURCED,
    ContentError,
    load_tips,
    parse_tips,
)
from legday_desktop.resource_files import resource_path


def test_the_shipped_file_validates_and_is_big_enough() -> None:
    tips = load_tips()
    assert len(tips) >= 30
    assert {tip.category for tip in tips} == set(CATEGORIES)
    assert all(tip.source.strip() for tip in tips)


def test_every_warning_sign_and_alert_has_exactly_one_doctor_tip() -> None:
    tips = load_tips()
    kinds = [kind for kind in AlertKind if kind is not AlertKind.REPORTED_SYMPTOM]
    for tag in [f"symptom:{s.value}" for s in WarningSymptom] + [f"alert:{k}" for k in kinds]:
        assert sum(tag in tip.when and tip.is_medical for tip in tips) == 1, tag


# The seed article is cited alone only for what the facts file says it says: the warning
# signs to act on right away and the other causes of aching muscles.
SEED_ONLY = {"see-doctor-dizziness", "see-doctor-fever", "other-infections", "other-muscle-disease"}


def test_every_tip_cites_a_real_source_or_says_plainly_it_is_comfort_advice() -> None:
    seed = "Legday's seed article"
    for tip in load_tips():
        if tip.evidence in UNSOURCED:
            assert not tip.sources, tip.id
            assert tip.source in (
                "General comfort advice; not from a study",
                "How Legday works; no health claim",
            ), tip.id
            continue
        assert tip.sources, tip.id
        if all(source.startswith(seed) for source in tip.sources):
            assert tip.id in SEED_ONLY, f"{tip.id} cites only the seed article"
    comfort = {tip.id for tip in load_tips() if tip.evidence == "general comfort advice"}
    assert {"relief-heat", "relief-sleep", "relief-protein", "prevent-hydration"} <= comfort


def test_claims_match_the_evidence() -> None:
    tips = {tip.id: tip for tip in load_tips()}
    assert all("strongest" not in f"{tip.evidence} {tip.body}" for tip in tips.values())
    assert tips["relief-massage"].evidence == "may help — most promising evidence"
    assert "small" in tips["relief-massage"].body  # the studies' caveat
    cold = tips["relief-cold-water"]
    assert "strength" in cold.body and any("Roberts" in source for source in cold.sources)
    painkillers = tips["relief-painkillers"]
    assert "ibuprofen" in painkillers.body and "Lilja" in painkillers.source
    assert "never stop" in tips["other-medicines"].body.lower()
    assert any("Stroes" in source for source in tips["other-medicines"].sources)
    shins = tips["other-shin-pain"].body
    assert "inner" in shins and "one spot" in shins  # shin splints vs a stress fracture
    knee = tips["alert-knee"].body
    assert "is not muscle soreness" in knee and "locks, swells or gives way" in knee
    clot = tips["see-doctor-clot"].body
    assert "Do not massage, roll or heat" in clot


def test_hands_on_and_movement_tips_say_whom_they_suit() -> None:
    for tip in load_tips():
        if tip.is_hands_on:
            assert tip.suits and not {"knees"} & tip.suits, tip.id
    hands_on = {tip.id for tip in load_tips() if tip.is_hands_on}
    assert {"relief-massage", "relief-foam-rolling", "relief-heat"} <= hands_on
    assert {tip.id for tip in load_tips() if tip.is_movement} == {
        "relief-light-activity",
        "fading-back-to-training",
    }


def test_existing_tip_ids_are_kept() -> None:
    ids = {tip.id for tip in load_tips()}
    kept = {
        "doms-what-it-is", "doms-why", "doms-where-it-starts", "doms-timeline",
        "doms-good-vs-bad", "repeated-bout", "getting-started", "compare-leg-days",
        "prevent-start-slowly", "prevent-progress-gradually", "prevent-hydration",
        "prevent-new-exercises", "relief-massage", "relief-foam-rolling",
        "relief-light-activity", "relief-compression", "relief-cold-water",
        "relief-stretching", "relief-heat", "relief-sleep", "relief-protein",
        "fading-back-to-training", "see-doctor-dark-urine", "see-doctor-pain-far-worse",
        "see-doctor-weakness", "see-doctor-swelling", "see-doctor-dizziness",
        "see-doctor-breathing", "see-doctor-fever", "see-doctor-sharp-pain",
        "see-doctor-joint", "alert-rising", "alert-late", "alert-lasting", "alert-knee",
        "alert-one-side", "other-shin-pain", "other-muscle-disease", "other-infections",
        "other-injuries", "other-medicines",
    }  # fmt: skip
    assert kept <= ids


def test_the_facts_files_topics_are_covered() -> None:
    text = " ".join(f"{tip.title} {tip.body}".lower() for tip in load_tips())
    for topic in (
        "massage",
        "foam roll",
        "compression",
        "cold water",
        "stretch",
        "warm",
        "sleep",
        "protein",
        "start",
        "fluids",
        "statins",
        "blood-pressure",
        "infection",
        "autoimmune",
        "tendon",
        "rhabdomyolysis",
        "creatine kinase",
        "ibuprofen",
        "blood clot",
        "compartment",
        "stress fracture",
    ):
        assert topic in text, topic


def sentences(body: str) -> list[str]:
    return [
        " ".join(part.lower().split()) for part in re.split(r"(?<=[.!?])\s+", body) if part.strip()
    ]


def test_no_body_repeats_a_sentence_of_another() -> None:
    seen: dict[str, str] = {}
    for tip in load_tips():
        for sentence in sentences(tip.body):
            assert sentence not in seen, f"{tip.id} repeats a sentence of {seen[sentence]}"
            seen[sentence] = tip.id


def test_the_duplicate_check_can_fail() -> None:
    first, second = "Rest helps. Drink water.", "Sleep well. Rest helps."
    assert set(sentences(first)) & set(sentences(second)) == {"rest helps."}


def entry(**changes: object) -> str:
    document = json.loads(resource_path("tips.json").read_text("utf-8"))
    document["tips"][2].update(changes)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"category": "magic"}, "tips[2] (doms-where-it-starts): category: 'magic' is not one"),
        ({"evidence": "proven"}, "evidence: 'proven' is not one of"),
        ({"sources": []}, "sources: must name at least one reference"),
        ({"sources": ["nobody-2020"]}, "sources: must be a list of the keys of 'references'"),
        ({"evidence": "general comfort advice"}, "a tip marked 'general comfort advice' cites"),
        ({"care": "magic"}, "care: 'magic' is not one of"),
        ({"when": ["whenever"]}, "when: must be a list of"),
        ({"suits": ["biceps"]}, "suits: must be a list of"),
        ({"id": "Bad Id"}, "id: 'Bad Id' must be lower-case words"),
        ({"colour": "red"}, "colour: unknown field"),
        ({"id": "doms-why"}, "id: 'doms-why' is used twice"),
        ({"body": "x" * 500}, "body: is longer than 480 characters"),
    ],
)
def test_schema_errors_name_the_entry_and_field(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ContentError) as error:
        parse_tips(entry(**changes))
    assert message in str(error.value)
