"""Guidance read from a real journal: stored through the store, advised by the service.

The rules themselves are tested at their thresholds in test_alert_rules.py and
test_tips_and_readiness.py; here the journal, the service and ``legday advice`` meet.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers.courses import (
    COMEBACK,
    EIGHT_ON_DAY_0,
    ONE_SIDED_CALF,
    RISING_SHINS,
    TEN_OUT_OF_TEN,
    TYPICAL,
    both,
    check_contract,
    side,
)
from helpers.journals import filled_store

from legday_desktop.cli import main
from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import short_day
from legday_desktop.guidance.advice import Advice
from legday_desktop.services.advice import advice_for, standing_urgent_symptoms
from legday_desktop.services.journal import JournalService

TODAY = dt.date.today()
# The courses of helpers.courses, moved so that their leg day was 10 days ago.
LEG_DAY = LegDay(TODAY - dt.timedelta(days=10), "Squat day", ("Squat", "Lunge"))


def day(offset: int) -> dt.date:
    return LEG_DAY.date + dt.timedelta(days=offset)


def moved(ratings: list[SorenessRating]) -> tuple[SorenessRating, ...]:
    from helpers.courses import LEG_DAY as COURSE_DAY

    shift = LEG_DAY.date - COURSE_DAY.date
    return tuple(SorenessRating(r.date + shift, r.region_id, r.level, r.note) for r in ratings)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Store a journal and return a function that advises on one of its days."""
    opened: list[JournalService] = []

    def advise(journal: Journal, offset: int) -> Advice:
        if not opened:
            database = tmp_path / "journal.sqlite3"
            filled_store(database, journal).close()
            service = JournalService(database)
            service.open()
            opened.append(service)
        return advice_for(opened[0], day(offset))

    yield advise
    for service in opened:
        service.close()


def test_a_warning_symptom_comes_first_and_alone(store) -> None:  # type: ignore[no-untyped-def]
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=moved(both("quadriceps", (1, 6))),
        check_ins=(CheckIn(day(1), symptoms=frozenset({WarningSymptom.DARK_URINE})),),
    )
    advice = store(journal, 1)
    first = advice.tips[0]
    assert first.tip.id == "see-doctor-dark-urine" and first.urgent
    assert first.reason.startswith("You reported dark (tea- or cola-coloured) urine today: ")
    assert advice.urgent == (first,)
    assert all(chosen.tip.category != "relief" for chosen in advice.tips)


def test_a_symptom_stands_across_a_new_leg_day(tmp_path: Path) -> None:
    hinge = LegDay(day(3), "Hinge day", ("Romanian deadlift",))
    journal = Journal(
        leg_days=(LEG_DAY, hinge),
        ratings=moved(both("quadriceps", (1, 5), (2, 6), (4, 3))),
        check_ins=(CheckIn(day(2), symptoms=frozenset({WarningSymptom.DARK_URINE})),),
    )
    database = tmp_path / "journal.sqlite3"
    filled_store(database, journal).close()
    service = JournalService(database)
    service.open()
    try:
        advice = advice_for(service, day(4))
        said = short_day(day(2))
        assert advice.alerts[0].message.startswith(
            f"You reported dark (tea- or cola-coloured) urine on {said}, before this leg day:"
        )
        assert advice.next_leg_day is None
        # The leg-day dialog's notice comes from the same warnings.
        assert [alert.symptom for alert in standing_urgent_symptoms(service, day(3))] == [
            WarningSymptom.DARK_URINE
        ]
        assert standing_urgent_symptoms(service, day(9)) == ()
    finally:
        service.close()


def test_an_ordinary_course_stored_and_read_back_raises_nothing(store) -> None:  # type: ignore[no-untyped-def]
    journal = Journal(leg_days=(LEG_DAY,), ratings=moved(TYPICAL))
    assert all(not store(journal, offset).alerts for offset in range(10))


def test_the_medicines_answer_is_read_from_the_journal(tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=moved(both("quadriceps", (1, 9))),
        profile=Profile(True, day(-30)),
    )
    filled_store(database, journal).close()
    service = JournalService(database)
    service.open()
    try:
        assert service.profile() == Profile(True, day(-30))
        assert "other-medicines" in [chosen.tip.id for chosen in advice_for(service, day(1)).tips]
        assert service.save_statin_answer(False)
        assert "other-medicines" not in [c.tip.id for c in advice_for(service, day(1)).tips]
        service.undo_stack.undo()
        assert service.profile() == Profile(True, day(-30))
    finally:
        service.close()


def test_demo_alerts_on_its_strain_and_is_calm_on_ordinary_leg_days(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    service = JournalService(database)
    service.open()
    try:
        leg_days = service.leg_days()
        strain = next(leg_day for leg_day in leg_days if leg_day.notes.startswith("Felt a sharp"))
        urgent, checks = set(), set()
        date = leg_days[0].date
        while date <= TODAY:
            advice = advice_for(service, date)
            urgent |= {date for _ in advice.urgent_alerts}
            checks |= {(date, alert.kind.value) for alert in advice.check_alerts}
            date += dt.timedelta(days=1)
    finally:
        service.close()
    assert (strain.date, "asymmetry") in checks  # the pull: one side far sorer
    assert (strain.date + dt.timedelta(days=6), "late_soreness") in checks
    # Urgent only for the "pain far worse than expected" reported the day after, for a week.
    assert urgent == {strain.date + dt.timedelta(days=n) for n in range(1, 8)}
    # Apart from the strain, only the very first sessions' extreme peaks ask for a check.
    others = {kind for date, kind in checks if not 0 <= (date - strain.date).days <= 12}
    assert others <= {"extreme_soreness"}


def test_advice_command_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=moved([*side("calves.right", (5, 5)), *side("calves.left", (5, 4))]),
    )
    database = tmp_path / "journal.sqlite3"
    filled_store(database, journal).close()
    assert main(["advice", "--db", str(database), "--date", day(5).isoformat()]) == 0
    text = capsys.readouterr().out
    assert "Legday gives general information, not medical advice." in text
    assert "KEEP AN EYE ON IT: GET IT CHECKED IF IT IS NOT EASING" in text
    assert "Left calf at 4 and right calf at 5 today (day 5)" in text
    assert "SEEK MEDICAL ATTENTION" not in text
    assert main(["advice", "--db", str(database), "--date", day(5).isoformat(), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    check_contract(document)
    assert document["alerts"][0]["kind"] == "late_soreness"
    assert document["alerts"][0]["severity"] == "check"
    assert document["alerts"][0]["region"] == "calves.right"
    tip = document["tips"][0]
    assert (tip["id"], tip["urgent"], tip["severity"]) == ("alert-late", False, "check")
    assert document["readiness"][0]["group"] == "calves"
    assert document["next_leg_day"] is None


COURSES = {
    "typical": (TYPICAL, []),
    "comeback": (COMEBACK, []),
    "one-sided calf": (ONE_SIDED_CALF, []),
    "rising shins": (RISING_SHINS, []),
    "10/10": (TEN_OUT_OF_TEN, []),
    "8 on day 0": (EIGHT_ON_DAY_0, []),
    "dark urine": (both("quadriceps", (1, 5), (2, 6)), [(2, WarningSymptom.DARK_URINE)]),
}


@pytest.mark.parametrize("name", list(COURSES))
def test_advice_json_follows_the_contract_on_every_course(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ratings, reported = COURSES[name]
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=moved(ratings),
        check_ins=tuple(CheckIn(day(n), symptoms=frozenset({s})) for n, s in reported),
    )
    database = tmp_path / "journal.sqlite3"
    filled_store(database, journal).close()
    for offset in range(10):
        argv = ["advice", "--db", str(database), "--date", day(offset).isoformat(), "--json"]
        assert main(argv) == 0
        check_contract(json.loads(capsys.readouterr().out))


def test_advice_json_follows_the_contract_on_the_demo_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    capsys.readouterr()
    for offset in range(0, 120, 3):
        date = TODAY - dt.timedelta(days=offset)
        assert main(["advice", "--db", str(database), "--date", date.isoformat(), "--json"]) == 0
        check_contract(json.loads(capsys.readouterr().out))
