"""Guidance rules, each in a scenario stored through the repository and read back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers.journals import filled_repository

from legday_desktop.cli import main
from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.guidance.advice import Advice
from legday_desktop.services.advice import advice_for
from legday_desktop.services.journal import JournalService

TODAY = dt.date.today()
LEG_DAY = LegDay(TODAY - dt.timedelta(days=10), "Squat day", ("Squat", "Lunge"))


def day(offset: int) -> dt.date:
    return LEG_DAY.date + dt.timedelta(days=offset)


def ratings(*items: tuple[int, str, int]) -> tuple[SorenessRating, ...]:
    return tuple(SorenessRating(day(offset), region, level) for offset, region, level in items)


def advise(tmp_path: Path, journal: Journal, *offsets: int) -> Advice:
    """Store ``journal`` through the repository, then advise on each day (the last returned)."""
    database = tmp_path / "journal.sqlite3"
    filled_repository(database, journal).close()
    service = JournalService(database)
    service.open()
    try:
        results = [advice_for(service, day(offset)) for offset in offsets]
    finally:
        service.close()
    return results[-1]


def ids(advice: Advice) -> list[str]:
    return [chosen.tip.id for chosen in advice.tips]


def test_a_warning_symptom_comes_first_whatever_else_applies(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings((1, "quadriceps.left", 6), (1, "quadriceps.right", 6)),
        check_ins=(CheckIn(day(1), symptoms=frozenset({WarningSymptom.DARK_URINE})),),
    )
    advice = advise(tmp_path, journal, 1)
    first = advice.tips[0]
    assert first.tip.id == "see-doctor-dark-urine" and first.urgent
    assert first.reason == "You reported dark (tea- or cola-coloured) urine today."
    assert advice.urgent == (first,)
    assert "relief-massage" in ids(advice)  # the other tips are still there, after it


@pytest.mark.parametrize(
    ("stored", "offset", "kind", "tip", "explains"),
    [
        (
            ((3, "hamstrings.left", 3), (4, "hamstrings.left", 5)),
            4,
            "rising_after_day_3",
            "alert-rising",
            "Left hamstrings rose from 3 on day 3 to 5 today (day 4)",
        ),
        (
            ((5, "calves.right", 4),),
            5,
            "late_soreness",
            "alert-late",
            "Right calves at 4 today (day 5)",
        ),
        (
            ((2, "glutes.left", 3), (5, "glutes.left", 2), (8, "glutes.left", 1)),
            8,
            "lasting",
            "alert-lasting",
            "Still sore 8 days after your leg day (Left glutes at 1 today)",
        ),
        (
            ((2, "knees.left", 4),),
            2,
            "knee_pain",
            "alert-knee",
            "Left knees at 4 today: knee pain is joint pain",
        ),
        (
            ((1, "hamstrings.left", 6), (1, "hamstrings.right", 2)),
            1,
            "asymmetry",
            "alert-one-side",
            "Left hamstrings at 6 but right hamstrings at 2",
        ),
    ],
)
def test_pattern_alerts_explain_why(
    tmp_path: Path,
    stored: tuple[tuple[int, str, int], ...],
    offset: int,
    kind: str,
    tip: str,
    explains: str,
) -> None:
    advice = advise(tmp_path, Journal(leg_days=(LEG_DAY,), ratings=ratings(*stored)), offset)
    assert [alert.kind for alert in advice.alerts] == [kind]
    assert advice.alerts[0].message.startswith(explains)
    chosen = next(chosen for chosen in advice.tips if chosen.tip.id == tip)
    assert chosen.urgent and chosen.reason == advice.alerts[0].message
    assert advice.tips[0] is chosen  # before every ordinary tip
    assert advice.next_leg_day is None  # no "fine to train" next to a warning


def test_all_warnings_come_before_any_other_tip(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,), ratings=ratings((6, "hamstrings.left", 5), (6, "hamstrings.right", 1))
    )
    advice = advise(tmp_path, journal, 6)
    assert [alert.kind for alert in advice.alerts] == ["late_soreness", "asymmetry"]
    flags = [chosen.urgent for chosen in advice.tips]
    assert flags == sorted(flags, reverse=True) and flags.count(True) >= 2
    assert "other-injuries" in ids(advice)[flags.count(True) :]


def test_ordinary_courses_raise_no_alert(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings(
            (1, "quadriceps.left", 5),
            (1, "quadriceps.right", 4),
            (2, "quadriceps.left", 6),
            (2, "quadriceps.right", 6),
            (3, "quadriceps.left", 3),
            (3, "quadriceps.right", 3),
            (4, "quadriceps.left", 2),
            (4, "quadriceps.right", 1),
            (5, "quadriceps.left", 1),
        ),
    )
    database = tmp_path / "journal.sqlite3"
    filled_repository(database, journal).close()
    service = JournalService(database)
    service.open()
    assert all(not advice_for(service, day(offset)).alerts for offset in range(9))
    service.close()


def test_day_0_to_1_with_little_soreness_prevention_and_what_to_expect(tmp_path: Path) -> None:
    journal = Journal(leg_days=(LEG_DAY,), ratings=ratings((1, "quadriceps.left", 2)))
    advice = advise(tmp_path, journal, 1)
    assert advice.phase == "early"
    assert {"doms-timeline", "prevent-start-slowly"} <= set(ids(advice))
    assert advice.tips[0].reason == (
        "Day 1 after your leg day, with little soreness so far (highest 2)."
    )


def test_peak_days_relief_ranked_by_evidence_and_tied_to_sore_groups(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings(
            (2, "quadriceps.left", 6),
            (2, "quadriceps.right", 5),
            (2, "glutes.left", 4),
        ),
    )
    advice = advise(tmp_path, journal, 2)
    assert advice.phase == "peak"
    relief = [chosen for chosen in advice.tips if chosen.tip.category == "relief"]
    ranks = [chosen.tip.evidence_rank for chosen in relief]
    assert ranks == sorted(ranks)
    assert relief[0].tip.id == "relief-massage"
    assert relief[0].reason.startswith(
        "Day 2 after your leg day; sore now: quads and glutes (up to 6)"
    )
    assert "It suits your quads and glutes." in relief[0].reason


def test_fading_return_to_training(tmp_path: Path) -> None:
    journal = Journal(leg_days=(LEG_DAY,), ratings=ratings((4, "quadriceps.left", 2)))
    advice = advise(tmp_path, journal, 4)
    assert advice.phase == "fading"
    assert "fading-back-to-training" in ids(advice)


def test_no_leg_day_how_to_start(tmp_path: Path) -> None:
    advice = advise(tmp_path, Journal(), 0)
    assert advice.phase == "no_leg_day"
    assert ids(advice)[0] == "getting-started"
    assert advice.readiness == ()


def test_readiness_from_the_typical_course_with_few_earlier_leg_days(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,), ratings=ratings((1, "quadriceps.left", 6), (1, "quadriceps.right", 6))
    )
    advice = advise(tmp_path, journal, 1)
    (quads,) = advice.readiness
    assert quads.basis == "typical course"
    # The band's upper edge is 0.4 × 6 = 2.4 on day 5 and 0.25 × 6 = 1.5 on day 6.
    assert quads.ready_on == day(6)
    assert advice.next_leg_day == day(6)


def test_readiness_from_your_own_leg_days_when_there_are_three(tmp_path: Path) -> None:
    earlier = [LegDay(TODAY - dt.timedelta(days=40 - 7 * n), "Legs", ("Squat",)) for n in range(4)]
    stored = []
    for leg_day in earlier:  # quads peak on day 1 and are at 2 by day 3, every time
        for offset, level in ((1, 6), (2, 4), (3, 2)):
            stored.append(
                SorenessRating(leg_day.date + dt.timedelta(days=offset), "quadriceps.left", level)
            )
    stored.append(SorenessRating(day(1), "quadriceps.left", 7))
    journal = Journal(leg_days=(*earlier, LEG_DAY), ratings=tuple(stored))
    advice = advise(tmp_path, journal, 1)
    (quads,) = advice.readiness
    assert quads.basis == "based on your last 4 leg days"
    assert quads.ready_on == day(3)


def test_demo_strain_alerts_on_its_own_days_only(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    service = JournalService(database)
    service.open()
    leg_days = service.leg_days()
    strain = next(leg_day for leg_day in leg_days if leg_day.notes.startswith("Felt a sharp"))
    alerted = set()
    date = leg_days[0].date
    while date <= TODAY:
        if advice_for(service, date).alerts:
            alerted.add(date)
        date += dt.timedelta(days=1)
    service.close()
    assert strain.date in alerted  # the pull: one side far sorer
    assert strain.date + dt.timedelta(days=5) in alerted  # still ≥ 4 on day 5
    assert all(0 <= (date - strain.date).days <= 12 for date in alerted)


def test_advice_command_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,), ratings=ratings((5, "calves.right", 5), (5, "calves.left", 4))
    )
    database = tmp_path / "journal.sqlite3"
    filled_repository(database, journal).close()
    assert main(["advice", "--db", str(database), "--date", day(5).isoformat()]) == 0
    text = capsys.readouterr().out
    assert "Legday gives general information, not medical advice." in text
    assert "Right calves at 5 today (day 5)" in text
    assert main(["advice", "--db", str(database), "--date", day(5).isoformat(), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["alerts"][0]["kind"] == "late_soreness"
    assert document["tips"][0]["id"] == "alert-late" and document["tips"][0]["urgent"]
    assert document["readiness"][0]["group"] == "calves"
    assert set(document) >= {"date", "phase", "alerts", "tips", "readiness", "next_leg_day"}


def test_a_symptom_stays_on_top_on_the_following_days(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        check_ins=(CheckIn(day(2), symptoms=frozenset({WarningSymptom.DARK_URINE})),),
    )
    advice = advise(tmp_path, journal, 3)
    first = advice.tips[0]
    assert first.tip.id == "see-doctor-dark-urine" and first.urgent
    said = f"{day(2):%a} {day(2).day} {day(2):%b}"
    assert first.reason == f"You reported dark (tea- or cola-coloured) urine on {said}."
    assert advice.next_leg_day is None


def test_an_alert_stands_until_a_new_rating_shows_it_gone(tmp_path: Path) -> None:
    rising = ratings((2, "quadriceps.left", 2), (4, "quadriceps.left", 6))
    advice = advise(tmp_path, Journal(leg_days=(LEG_DAY,), ratings=rising), 5)
    assert [alert.kind for alert in advice.alerts] == ["rising_after_day_3"]
    assert "to 6 on day 4 (day 4)" in advice.alerts[0].message
    settled = (*rising, *ratings((5, "quadriceps.left", 2)))
    other = tmp_path / "settled"
    other.mkdir()
    assert advise(other, Journal(leg_days=(LEG_DAY,), ratings=settled), 5).alerts == ()


def test_small_blips_are_not_alerts(tmp_path: Path) -> None:
    blip = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings(
            (2, "calves.left", 3),
            (7, "calves.left", 0),
            (8, "calves.left", 0),
            (9, "calves.left", 1),
        ),
    )
    assert advise(tmp_path, blip, 9).alerts == ()


def test_still_high_soreness_is_not_called_easing(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings(
            (2, "quadriceps.left", 7), (3, "quadriceps.left", 7), (4, "quadriceps.left", 7)
        ),
    )
    assert advise(tmp_path, journal, 4).phase == "peak"


def test_not_ready_on_the_leg_day_itself(tmp_path: Path) -> None:
    journal = Journal(leg_days=(LEG_DAY,), ratings=ratings((0, "quadriceps.left", 1)))
    (quads,) = advise(tmp_path, journal, 0).readiness
    assert quads.ready_on is not None and quads.ready_on > day(0)


def test_readiness_goes_by_the_sorer_side(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings(
            (1, "quadriceps.left", 5),
            (1, "quadriceps.right", 4),
            (4, "quadriceps.left", 3),
            (4, "quadriceps.right", 1),
        ),
    )
    (quads,) = advise(tmp_path, journal, 4).readiness
    assert quads.ready_on != day(4)  # the left is still at 3


def test_logged_actions_and_new_exercises_are_taken_into_account(tmp_path: Path) -> None:
    from legday_desktop.domain.check_ins import RecoveryAction

    earlier = LegDay(LEG_DAY.date - dt.timedelta(days=7), "Legs", ("Squat",))
    journal = Journal(
        leg_days=(earlier, LEG_DAY),  # the Lunge is new this time
        ratings=ratings((1, "quadriceps.left", 6)),
        check_ins=(CheckIn(day(1), actions=frozenset({RecoveryAction.FOAM_ROLLING_OR_MASSAGE})),),
    )
    advice = advise(tmp_path, journal, 1)
    reasons = {chosen.tip.id: chosen.reason for chosen in advice.tips}
    assert reasons["relief-foam-rolling"].endswith("You logged foam rolling or massage today.")
    assert reasons["prevent-new-exercises"] == "New in this leg day: Lunge."


def test_sore_shins_bring_the_shin_pain_tip(tmp_path: Path) -> None:
    journal = Journal(leg_days=(LEG_DAY,), ratings=ratings((2, "shins.left", 5)))
    assert "other-shin-pain" in ids(advise(tmp_path, journal, 2))
    other = tmp_path / "quads"
    other.mkdir()
    quads = Journal(leg_days=(LEG_DAY,), ratings=ratings((2, "quadriceps.left", 5)))
    assert "other-shin-pain" not in ids(advise(other, quads, 2))


def test_lasting_soreness_mentions_other_causes_and_medicines(tmp_path: Path) -> None:
    journal = Journal(
        leg_days=(LEG_DAY,),
        ratings=ratings((2, "glutes.left", 3), (6, "glutes.left", 2), (9, "glutes.left", 2)),
    )
    assert {"alert-lasting", "other-medicines", "other-muscle-disease"} <= set(
        ids(advise(tmp_path, journal, 9))
    )
