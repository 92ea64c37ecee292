"""The tips content: loaded from ``resources/tips.json`` and checked against its schema."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.guidance.alerts import AlertKind
from legday_desktop.resource_files import resource_path

CATEGORIES = {
    "understanding": "Understanding DOMS",
    "prevention": "Prevention",
    "relief": "Relief",
    "doctor": "When to see a doctor",
    "other_causes": "Other causes",
}
# Ordered from the strongest evidence down: relief tips are ranked by this.
EVIDENCE = (
    "medical guidance",
    "may help — most promising evidence",
    "may help — small to moderate effect",
    "may help — one study",
    "may help — low-quality evidence",
    "worth knowing — one trial",
    "little effect on soreness",
    "what research describes",
    "general comfort advice",
    "how Legday works",
)
# Tips that make no claim from a study; they cite no source and say so.
UNSOURCED = frozenset({"general comfort advice", "how Legday works"})
UNSOURCED_TEXT = {
    "general comfort advice": "General comfort advice; not from a study",
    "how Legday works": "How Legday works; no health claim",
}
# What a relief tip asks the person to do: "hands_on" acts on the sore muscle (rubbing,
# rolling, stretching, pressure, heat or cold); "movement" is exercise; "medicine" is
# about taking one. Warnings withhold them.
CARE = ("hands_on", "movement", "medicine")
PHASES = ("no_leg_day", "early", "peak", "fading")
ALERT_TAGS = tuple(
    f"alert:{kind.value}" for kind in AlertKind if kind is not AlertKind.REPORTED_SYMPTOM
)
SYMPTOM_TAGS = tuple(f"symptom:{symptom.value}" for symptom in WarningSymptom)
# Shown from day 1 whenever soreness is unusual, to someone who takes a statin or
# started a new medicine (the profile's standing answer).
MEDICINE_TAG = "profile:statin_or_new_medicine"
WHEN_TAGS = frozenset([*PHASES, *SYMPTOM_TAGS, *ALERT_TAGS, MEDICINE_TAG])
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_FIELDS = {"id", "title", "body", "category", "evidence", "when", "sources", "suits", "care"}


class ContentError(ValueError):
    """The tips file breaks its schema; the message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Tip:
    """One piece of guidance, with when it applies and where its facts come from.

    ``suits`` lists the muscle groups it is offered for (empty: general); ``sources``
    the full references it rests on (empty only for advice that makes no claim).
    """

    id: str
    title: str
    body: str
    category: str
    evidence: str
    when: frozenset[str]
    sources: tuple[str, ...] = ()
    suits: frozenset[str] = frozenset()
    care: str | None = None

    @property
    def source(self) -> str:
        """The references as one line, or a plain note that the tip cites none."""
        return "; ".join(self.sources) if self.sources else UNSOURCED_TEXT[self.evidence]

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def evidence_rank(self) -> int:
        return EVIDENCE.index(self.evidence)

    @property
    def is_medical(self) -> bool:
        return self.category == "doctor"

    @property
    def is_hands_on(self) -> bool:
        return self.care == "hands_on"

    @property
    def is_movement(self) -> bool:
        return self.care == "movement"

    @property
    def is_medicine(self) -> bool:
        return self.care == "medicine"


def _tip(entry: Any, index: int, references: dict[str, str]) -> Tip:
    where = f"tips[{index}]" + (f" ({entry.get('id')})" if isinstance(entry, dict) else "")

    def fail(field: str, problem: str) -> ContentError:
        return ContentError(f"tips.json: {where}: {field}: {problem}")

    if not isinstance(entry, dict):
        raise fail("entry", "must be an object")
    for key in entry:
        if key not in _FIELDS:
            raise fail(key, "unknown field")
    for key in ("id", "title", "body", "category", "evidence"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(key, "must be non-empty text")
    if not _ID.fullmatch(entry["id"]):
        raise fail("id", f"{entry['id']!r} must be lower-case words joined by hyphens")
    if len(entry["title"]) > 60:
        raise fail("title", "is longer than 60 characters")
    if len(entry["body"]) > 480:
        raise fail("body", "is longer than 480 characters: keep tips short")
    if entry["category"] not in CATEGORIES:
        raise fail("category", f"{entry['category']!r} is not one of {', '.join(CATEGORIES)}")
    if entry["evidence"] not in EVIDENCE:
        raise fail("evidence", f"{entry['evidence']!r} is not one of {', '.join(EVIDENCE)}")
    when = entry.get("when")
    if not isinstance(when, list) or any(tag not in WHEN_TAGS for tag in when):
        raise fail("when", f"must be a list of {', '.join(sorted(WHEN_TAGS))}")
    suits = entry.get("suits", [])
    if not isinstance(suits, list) or any(group not in GROUP_IDS for group in suits):
        raise fail("suits", f"must be a list of {', '.join(GROUP_IDS)}")
    care = entry.get("care")
    if care is not None and care not in CARE:
        raise fail("care", f"{care!r} is not one of {', '.join(CARE)}")
    sources = entry.get("sources", [])
    if not isinstance(sources, list) or any(key not in references for key in sources):
        raise fail("sources", f"must be a list of the keys of 'references', got {sources!r}")
    if entry["evidence"] in UNSOURCED and sources:
        raise fail("sources", f"a tip marked {entry['evidence']!r} cites no source")
    if entry["evidence"] not in UNSOURCED and not sources:
        raise fail("sources", "must name at least one reference (or mark the tip as advice)")
    if entry["category"] == "doctor" and entry["evidence"] != "medical guidance":
        raise fail("evidence", "tips on seeing a doctor carry 'medical guidance'")
    return Tip(
        id=entry["id"],
        title=entry["title"],
        body=entry["body"],
        category=entry["category"],
        evidence=entry["evidence"],
        when=frozenset(when),
        sources=tuple(references[key] for key in sources),
        suits=frozenset(suits),
        care=care,
    )


def _references(document: dict[str, Any]) -> dict[str, str]:
    references = document.get("references")
    if not isinstance(references, dict) or not all(
        isinstance(key, str) and isinstance(text, str) and text.strip()
        for key, text in references.items()
    ):
        raise ContentError("tips.json: references: must be an object of key → full reference")
    return references


def parse_tips(text: str) -> tuple[Tip, ...]:
    """Tips from the JSON text of a tips file; ContentError naming the first problem."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ContentError(f"tips.json: line {error.lineno}: {error.msg}") from None
    if not isinstance(document, dict) or not isinstance(document.get("tips"), list):
        raise ContentError("tips.json: must be an object with a list 'tips'")
    references = _references(document)
    tips = tuple(_tip(entry, index, references) for index, entry in enumerate(document["tips"]))
    seen: set[str] = set()
    for tip in tips:
        if tip.id in seen:
            raise ContentError(f"tips.json: id: {tip.id!r} is used twice")
        seen.add(tip.id)
    return tips


@functools.cache
def load_tips() -> tuple[Tip, ...]:
    """The tips shipped with Legday, read once."""
    return parse_tips(resource_path("tips.json").read_text("utf-8"))
