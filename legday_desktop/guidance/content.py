"""The tips content: loaded from ``resources/tips.json`` and checked against its schema."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.regions import GROUP_IDS
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
    "may help — strongest evidence",
    "may help — moderate evidence",
    "may help — small effect",
    "may help — low-quality evidence",
    "little effect on soreness",
    "general advice",
)
PHASES = ("no_leg_day", "early", "peak", "fading")
ALERT_KINDS = ("rising_after_day_3", "late_soreness", "lasting", "knee_pain", "asymmetry")
WHEN_TAGS = frozenset(
    [*PHASES, *(f"symptom:{s.value}" for s in WarningSymptom), *(f"alert:{k}" for k in ALERT_KINDS)]
)
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_FIELDS = {"id", "title", "body", "category", "evidence", "when", "source", "groups"}


class ContentError(ValueError):
    """The tips file breaks its schema; the message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Tip:
    """One piece of guidance, with when it applies and where its facts come from."""

    id: str
    title: str
    body: str
    category: str
    evidence: str
    when: frozenset[str]
    source: str
    groups: frozenset[str] = frozenset()

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def evidence_rank(self) -> int:
        return EVIDENCE.index(self.evidence)

    @property
    def is_medical(self) -> bool:
        return self.category == "doctor"


def _tip(entry: Any, index: int) -> Tip:
    where = f"tips[{index}]" + (f" ({entry.get('id')})" if isinstance(entry, dict) else "")

    def fail(field: str, problem: str) -> ContentError:
        return ContentError(f"tips.json: {where}: {field}: {problem}")

    if not isinstance(entry, dict):
        raise fail("entry", "must be an object")
    for key in entry:
        if key not in _FIELDS:
            raise fail(key, "unknown field")
    for key in ("id", "title", "body", "category", "evidence", "source"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(key, "must be non-empty text")
    if not _ID.fullmatch(entry["id"]):
        raise fail("id", f"{entry['id']!r} must be lower-case words joined by hyphens")
    if len(entry["title"]) > 60:
        raise fail("title", "is longer than 60 characters")
    if len(entry["body"]) > 420:
        raise fail("body", "is longer than 420 characters: keep tips short")
    if entry["category"] not in CATEGORIES:
        raise fail("category", f"{entry['category']!r} is not one of {', '.join(CATEGORIES)}")
    if entry["evidence"] not in EVIDENCE:
        raise fail("evidence", f"{entry['evidence']!r} is not one of {', '.join(EVIDENCE)}")
    when = entry.get("when")
    if not isinstance(when, list) or any(tag not in WHEN_TAGS for tag in when):
        raise fail("when", f"must be a list of {', '.join(sorted(WHEN_TAGS))}")
    groups = entry.get("groups", [])
    if not isinstance(groups, list) or any(group not in GROUP_IDS for group in groups):
        raise fail("groups", f"must be a list of {', '.join(GROUP_IDS)}")
    if entry["category"] == "doctor" and entry["evidence"] != "medical guidance":
        raise fail("evidence", "tips on seeing a doctor carry 'medical guidance'")
    return Tip(
        id=entry["id"],
        title=entry["title"],
        body=entry["body"],
        category=entry["category"],
        evidence=entry["evidence"],
        when=frozenset(when),
        source=entry["source"],
        groups=frozenset(groups),
    )


def parse_tips(text: str) -> tuple[Tip, ...]:
    """Tips from the JSON text of a tips file; ContentError naming the first problem."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ContentError(f"tips.json: line {error.lineno}: {error.msg}") from None
    if not isinstance(document, dict) or not isinstance(document.get("tips"), list):
        raise ContentError("tips.json: must be an object with a list 'tips'")
    tips = tuple(_tip(entry, index) for index, entry in enumerate(document["tips"]))
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
