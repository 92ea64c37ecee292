"""The tips file: valid against its schema, sourced, covering every warning, no repeats."""

from __future__ import annotations

import json
import re

import pytest

from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.guidance.content import (
    ALERT_KINDS,
    CATEGORIES,
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


def test_every_warning_sign_and_alert_has_a_doctor_tip() -> None:
    tips = load_tips()
    for tag in [f"symptom:{s.value}" for s in WarningSymptom] + [f"alert:{k}" for k in ALERT_KINDS]:
        assert any(tag in tip.when and tip.is_medical for tip in tips), tag


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
        ({"source": ""}, "source: must be non-empty text"),
        ({"when": ["whenever"]}, "when: must be a list of"),
        ({"groups": ["biceps"]}, "groups: must be a list of"),
        ({"id": "Bad Id"}, "id: 'Bad Id' must be lower-case words"),
        ({"colour": "red"}, "colour: unknown field"),
        ({"id": "doms-why"}, "id: 'doms-why' is used twice"),
        ({"body": "x" * 500}, "body: is longer than 420 characters"),
    ],
)
def test_schema_errors_name_the_entry_and_field(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ContentError) as error:
        parse_tips(entry(**changes))
    assert message in str(error.value)
