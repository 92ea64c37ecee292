"""Hand-made soreness courses with known answers, and the ``legday advice --json`` contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.guidance.advice import Advice, choose_advice
from legday_desktop.guidance.content import load_tips
from legday_desktop.guidance.context import AdviceContext

LEG_DAY = LegDay(dt.date(2026, 11, 2), "Squat day", ("Squat", "Lunge"))
HANDS_ON = {"relief-massage", "relief-foam-rolling", "relief-heat", "relief-compression"}


def day(offset: int, leg_day: LegDay = LEG_DAY) -> dt.date:
    return leg_day.date + dt.timedelta(days=offset)


def side(region: str, *points: tuple[int, int]) -> list[SorenessRating]:
    """``side("calves.left", (1, 2), (3, 6))``: 2 on day 1, 6 on day 3."""
    return [SorenessRating(day(offset), region, level) for offset, level in points]


def both(group: str, *points: tuple[int, int]) -> list[SorenessRating]:
    """The same course on both sides of ``group``."""
    return [*side(f"{group}.left", *points), *side(f"{group}.right", *points)]


def symptoms(offset: int, *reported: WarningSymptom) -> CheckIn:
    return CheckIn(day(offset), symptoms=frozenset(reported))


def context(
    ratings: Iterable[SorenessRating],
    offset: int,
    check_ins: Iterable[CheckIn] = (),
    *,
    leg_days: tuple[LegDay, ...] = (LEG_DAY,),
    profile: Profile | None = None,
) -> AdviceContext:
    """What the app would look at on day ``offset`` of LEG_DAY (the newest leg day by then)."""
    date = day(offset)
    shown = [leg_day for leg_day in leg_days if leg_day.date <= date]
    leg_day = shown[-1] if shown else None
    first = leg_day.date - dt.timedelta(days=3) if leg_day else date - dt.timedelta(days=7)
    return AdviceContext(
        date=date,
        leg_day=leg_day,
        ratings=tuple(r for r in ratings if first <= r.date <= date),
        check_ins=tuple(c for c in check_ins if c.date <= date),
        earlier_leg_days=tuple(shown[:-1]),
        profile=profile or Profile(),
    )


def advise(
    ratings: Iterable[SorenessRating],
    offset: int,
    check_ins: Iterable[CheckIn] = (),
    **options: Any,
) -> Advice:
    return choose_advice(context(list(ratings), offset, check_ins, **options), load_tips())


def kinds(advice: Advice) -> list[tuple[str, str]]:
    """``[("possible_clot", "urgent"), …]``."""
    return [(alert.kind.value, alert.severity.value) for alert in advice.alerts]


def tip_ids(advice: Advice) -> list[str]:
    return [chosen.tip.id for chosen in advice.tips]


def journal_of(
    ratings: Iterable[SorenessRating],
    check_ins: Iterable[CheckIn] = (),
    leg_days: tuple[LegDay, ...] = (LEG_DAY,),
) -> Journal:
    return Journal(leg_days=leg_days, ratings=tuple(ratings), check_ins=tuple(check_ins))


# The courses of the issue, each with the days it is looked at.
TYPICAL = both("quadriceps", (1, 4), (2, 6), (3, 5), (4, 3), (5, 1), (6, 0))
COMEBACK = both("quadriceps", (2, 9), (5, 4), (8, 1))
ONE_SIDED_CALF = [
    *side("calves.left", (1, 2), (2, 3), (3, 6)),
    *side("calves.right", (1, 0), (2, 0), (3, 0)),
]
RISING_SHINS = both("shins", (1, 3), (2, 7), (3, 9))
TEN_OUT_OF_TEN = both("quadriceps", (1, 10), (2, 10), (3, 10))
EIGHT_ON_DAY_0 = both("calves", (0, 8))


def check_contract(document: dict[str, Any]) -> None:
    """Assert that ``legday advice --json`` output follows the contract in PRODUCT.md."""
    assert {"date", "phase", "alerts", "tips", "readiness", "next_leg_day"} <= set(document)
    urgent = False
    for alert in document["alerts"]:
        assert {"kind", "severity", "message", "region"} <= set(alert)
        assert alert["severity"] in ("urgent", "check")
        assert isinstance(alert["message"], str) and alert["message"].strip()
        assert alert["region"] is None or isinstance(alert["region"], str)
        urgent = urgent or alert["severity"] == "urgent"
    for tip in document["tips"]:
        assert {"id", "urgent", "suits", "source"} <= set(tip)
        assert isinstance(tip["urgent"], bool) and tip["source"].strip()
        assert set(tip["suits"]) <= set(GROUP_IDS)
    for item in document["readiness"]:
        assert {"ready_on", "ready_between"} <= set(item)
        between = item["ready_between"]
        if between is None:
            assert item["ready_on"] is None
        else:
            first, last = (dt.date.fromisoformat(text) for text in between)
            assert first <= last and item["ready_on"] == between[0]
    if document["alerts"] or any(item["ready_between"] is None for item in document["readiness"]):
        assert document["next_leg_day"] is None
    if urgent:
        # No relief tip above (or beside) an urgent warning.
        assert all(tip["category"] != "relief" for tip in document["tips"])
        assert document["tips"][0]["urgent"]
