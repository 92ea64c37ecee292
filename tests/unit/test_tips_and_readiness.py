"""Tips that fit the situation (never hands-on under a warning) and honest readiness."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from helpers.courses import (
    HANDS_ON,
    LEG_DAY,
    advise,
    both,
    context,
    day,
    side,
    symptoms,
    tip_ids,
)

from legday_desktop.domain.check_ins import WarningSymptom
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.recovery import SideMode, day_values
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.guidance.advice import choose_advice
from legday_desktop.guidance.content import load_tips
from legday_desktop.guidance.readiness import typical_recovery_range

W = WarningSymptom


def offered_for(advice: object, tip_id: str) -> str | None:
    """The reason a tip was offered with, or None when it was not."""
    return next((c.reason for c in advice.tips if c.tip.id == tip_id), None)  # type: ignore[attr-defined]


# --- tips under warnings ----------------------------------------------------------------


def test_sore_muscles_on_a_peak_day_get_hands_on_relief_with_their_names() -> None:
    advice = advise([*both("quadriceps", (2, 6)), *side("glutes.left", (2, 4))], 2)
    assert advice.phase == "peak"
    reason = offered_for(advice, "relief-massage")
    assert reason is not None and reason.endswith("It suits your quads and glutes.")
    relief = [c.tip for c in advice.tips if c.tip.category == "relief"]
    assert [tip.evidence_rank for tip in relief] == sorted(tip.evidence_rank for tip in relief)
    assert relief[0].id == "relief-massage"


def test_a_strain_in_one_group_keeps_hands_on_relief_from_that_group_only() -> None:
    ratings = [
        *both("quadriceps", (2, 6)),
        *side("hamstrings.left", (2, 6)),
        *side("hamstrings.right", (2, 1)),
    ]
    advice = advise(ratings, 2)
    assert [alert.kind.value for alert in advice.alerts] == ["asymmetry"]
    for tip_id in ("relief-massage", "relief-foam-rolling", "relief-heat"):
        reason = offered_for(advice, tip_id)
        if reason is not None and "It suits your" in reason:
            suits = reason.split("It suits your", 1)[1]
            assert "quads" in suits and "hamstrings" not in suits, tip_id


@pytest.mark.parametrize(
    "symptom", [W.SUDDEN_SHARP_PAIN, W.SEVERE_SWELLING, W.DARK_URINE, W.DIZZINESS]
)
def test_a_symptom_that_names_no_group_withholds_hands_on_relief_for_every_group(
    symptom: WarningSymptom,
) -> None:
    ratings = [*both("quadriceps", (2, 6)), *both("calves", (2, 5)), *both("glutes", (2, 5))]
    advice = advise(ratings, 2, [symptoms(2, symptom)])
    assert not HANDS_ON & set(tip_ids(advice))
    assert "relief-light-activity" not in tip_ids(advice)  # no exercise either
    assert advice.tips[0].is_warning  # and the warning first


def test_a_possible_clot_withholds_hands_on_relief_for_every_group_and_all_relief() -> None:
    ratings = [
        *both("quadriceps", (2, 6), (3, 5)),
        *side("calves.left", (2, 2), (3, 5)),
        *side("calves.right", (2, 0), (3, 0)),
    ]
    advice = advise(ratings, 3)
    assert [chosen.tip.id for chosen in advice.tips] == ["see-doctor-clot"]


def test_severe_pain_on_the_training_day_keeps_hands_on_relief_from_that_group() -> None:
    ratings = [*both("calves", (0, 8), (1, 6)), *both("quadriceps", (1, 5))]
    advice = advise(ratings, 1)
    assert [alert.kind.value for alert in advice.alerts] == ["severe_on_training_day"]
    reason = offered_for(advice, "relief-massage")
    assert reason is not None and reason.endswith("It suits your quads.")


def test_check_warnings_come_first_then_the_other_tips() -> None:
    ratings = [*side("hamstrings.left", (6, 5)), *side("hamstrings.right", (6, 1))]
    advice = advise(ratings, 6)
    assert [alert.kind.value for alert in advice.alerts] == ["late_soreness", "asymmetry"]
    flags = [chosen.is_warning for chosen in advice.tips]
    assert flags == sorted(flags, reverse=True) and flags.count(True) == 2
    assert not any(chosen.urgent for chosen in advice.tips)
    assert "other-injuries" in tip_ids(advice)[2:]


def test_the_medicines_tip_shows_from_day_1_for_someone_on_a_statin() -> None:
    statin = Profile(True, day(-20))
    ratings = both("quadriceps", (1, 8))
    assert "other-medicines" in tip_ids(advise(ratings, 1, profile=statin))
    assert "other-medicines" not in tip_ids(advise(ratings, 1))  # not asked: not shown
    assert "other-medicines" not in tip_ids(advise(ratings, 1, profile=Profile(False, day(0))))
    # Ordinary soreness, or the training day itself: not unusual enough to mention it.
    assert "other-medicines" not in tip_ids(advise(both("quadriceps", (1, 5)), 1, profile=statin))
    assert "other-medicines" not in tip_ids(advise(both("quadriceps", (0, 8)), 0, profile=statin))
    reason = offered_for(advise(ratings, 1, profile=statin), "other-medicines")
    assert reason is not None and "statin or started a new medicine" in reason


def test_lasting_soreness_mentions_other_causes_and_medicines_to_everyone() -> None:
    advice = advise(side("glutes.left", (2, 5), (6, 3), (9, 3)), 9)
    assert {"alert-lasting", "other-medicines", "other-muscle-disease"} <= set(tip_ids(advice))


def test_every_tip_says_which_groups_it_suits() -> None:
    massage = next(tip for tip in load_tips() if tip.id == "relief-massage")
    assert "quadriceps" in massage.suits and "knees" not in massage.suits
    assert next(tip for tip in load_tips() if tip.id == "doms-why").suits == frozenset()


def test_new_exercises_and_logged_actions() -> None:
    from legday_desktop.domain.check_ins import CheckIn, RecoveryAction

    earlier = LegDay(LEG_DAY.date - dt.timedelta(days=7), "Legs", ("Squat",))
    logged = CheckIn(day(1), actions=frozenset({RecoveryAction.FOAM_ROLLING_OR_MASSAGE}))
    advice = advise(side("quadriceps.left", (1, 6)), 1, [logged], leg_days=(earlier, LEG_DAY))
    reason = offered_for(advice, "relief-foam-rolling")
    assert reason is not None and reason.endswith("You logged foam rolling or massage today.")
    assert offered_for(advice, "prevent-new-exercises") == "New in this leg day: Lunge."


def test_sore_shins_bring_the_shin_pain_tip_and_other_groups_do_not() -> None:
    assert "other-shin-pain" in tip_ids(advise(side("shins.left", (2, 5)), 2))
    assert "other-shin-pain" not in tip_ids(advise(side("quadriceps.left", (2, 5)), 2))


def test_day_0_is_early_whatever_the_level() -> None:
    assert advise(both("quadriceps", (0, 6)), 0).phase == "early"
    assert advise(both("quadriceps", (1, 6)), 1).phase == "peak"
    assert advise(side("quadriceps.left", (2, 7), (3, 7), (4, 7)), 4).phase == "peak"


# --- readiness --------------------------------------------------------------------------


def test_no_date_on_days_0_and_1() -> None:
    day_1 = advise(both("quadriceps", (1, 2)), 1)
    (quads,) = day_1.readiness
    assert quads.ready_between is None and "too early" in quads.basis
    assert day_1.next_leg_day is None
    # Day 0 ratings say nothing of the soreness still to come: no estimate from them.
    day_0 = advise(both("quadriceps", (0, 2)), 0)
    assert day_0.readiness == () and day_0.next_leg_day is None


@pytest.mark.parametrize(("level", "dated"), [(6, True), (7, False), (8, False)])
def test_no_date_at_7_or_more(level: int, dated: bool) -> None:
    (quads,) = advise(side("quadriceps.left", (2, level + 1), (3, level)), 3).readiness
    assert (quads.ready_between is not None) is dated


def test_no_date_while_still_rising() -> None:
    (quads,) = advise(side("quadriceps.left", (1, 3), (2, 5)), 2).readiness
    assert quads.ready_between is None and quads.basis == "still rising on day 2"


def test_the_typical_course_scaled_to_todays_level_gives_a_range() -> None:
    advice = advise(both("quadriceps", (2, 6)), 2)
    (quads,) = advice.readiness
    # Scaled through 6 on day 2: the fast edge is at 2 or less on day 4, the slow on day 6.
    assert quads.ready_between == (day(4), day(6))
    assert quads.ready_on == day(4)
    assert quads.basis == "typical course from 6 on day 2"
    assert advice.next_leg_day_between == (day(4), day(6))
    assert advice.next_leg_day == day(4)


@pytest.mark.parametrize(
    ("level", "on_day", "expected"),
    [
        (6, 2, (4, 6)),  # the peak: the typical fall from 6
        (6, 3, (5, 7)),
        (3, 4, (5, 6)),
        (6, 5, (7, 9)),  # running late: the usual fall still takes its days
        (6, 6, (8, 10)),
        (5, 8, None),  # beyond the course
        (2, 5, (5, 5)),
    ],
)
def test_typical_recovery_range(level: int, on_day: int, expected: tuple[int, int] | None) -> None:
    assert typical_recovery_range(level, on_day) == expected


def _earlier_leg_days(recovered_on: int) -> tuple[tuple[LegDay, ...], list[SorenessRating]]:
    """Four earlier squat days, each with quads at 6 on day 1, back to 2 on ``recovered_on``."""
    earlier = tuple(
        LegDay(LEG_DAY.date - dt.timedelta(days=40 - 8 * n), "Legs", ("Squat",)) for n in range(4)
    )
    ratings = []
    for leg_day in earlier:
        for offset, level in ((1, 6), (recovered_on - 1, 4), (recovered_on, 2)):
            ratings.append(
                SorenessRating(leg_day.date + dt.timedelta(days=offset), "quadriceps.left", level)
            )
    return earlier, ratings


@pytest.mark.parametrize(
    ("recovered_on", "expected"),
    [(6, (6, 6)), (3, (4, 5))],  # the later of the two; never earlier than the typical course
)
def test_readiness_from_your_own_leg_days_is_never_earlier_than_the_typical_course(
    recovered_on: int, expected: tuple[int, int]
) -> None:
    earlier, history = _earlier_leg_days(recovered_on)
    today = side("quadriceps.left", (2, 5))
    seen = context([*history, *today], 2, leg_days=(*earlier, LEG_DAY))
    seen = replace(seen, earlier_values=day_values(history, SideMode.MAX))
    (quads,) = choose_advice(seen, load_tips()).readiness
    assert quads.ready_between == (day(expected[0]), day(expected[1]))
    assert quads.basis == "your last 4 leg days and the typical course from 5 on day 2"


def test_no_date_from_your_history_while_today_is_8() -> None:
    earlier, history = _earlier_leg_days(3)
    seen = context([*history, *side("quadriceps.left", (2, 8))], 2, leg_days=(*earlier, LEG_DAY))
    seen = replace(seen, earlier_values=day_values(history, SideMode.MAX))
    advice = choose_advice(seen, load_tips())
    assert advice.readiness[0].ready_between is None and advice.next_leg_day is None


def test_back_to_2_or_less_is_ready_today_and_the_sorer_side_decides() -> None:
    (quads,) = advise(both("quadriceps", (2, 5), (4, 2)), 4).readiness
    assert quads.ready_between == (day(4), day(4))
    ratings = [*side("quadriceps.left", (2, 5), (4, 3)), *side("quadriceps.right", (2, 4), (4, 1))]
    (quads,) = advise(ratings, 4).readiness
    assert quads.ready_on is not None and quads.ready_on > day(4)  # the left is still at 3


def test_an_alert_takes_the_date_of_its_group_and_the_next_leg_day() -> None:
    ratings = [*side("glutes.left", (5, 5)), *both("quadriceps", (2, 5), (5, 1))]
    advice = advise(ratings, 5)
    by_group = {item.group: item for item in advice.readiness}
    assert by_group["glutes"].ready_between is None
    assert by_group["quadriceps"].ready_between == (day(5), day(5))
    assert advice.next_leg_day is None


def test_an_urgent_warning_takes_every_date() -> None:
    advice = advise(both("quadriceps", (2, 5), (4, 2)), 4, [symptoms(4, W.FEVER)])
    assert all(item.ready_between is None for item in advice.readiness)
    assert advice.readiness[0].basis == "have the warning above seen to first"


def test_the_sorer_side_stands_until_it_is_rated_again() -> None:
    ratings = [*side("quadriceps.right", (2, 6), (3, 5)), *side("quadriceps.left", (2, 5), (4, 3))]
    (quads,) = advise(ratings, 4).readiness
    assert quads.basis == "typical course from 5 on day 3"  # the right side's 5, not the 3


def test_no_group_has_a_date_while_a_reported_symptom_stands() -> None:
    ratings = [*both("hamstrings", (2, 5), (3, 4)), *both("quadriceps", (2, 5), (3, 4))]
    advice = advise(ratings, 3, [symptoms(3, W.SUDDEN_SHARP_PAIN)])
    assert all(item.ready_between is None for item in advice.readiness)


def test_8_the_day_after_a_9_is_still_the_peak_not_back_to_training() -> None:
    advice = advise(both("quadriceps", (1, 9), (2, 8)), 2)
    assert advice.phase == "peak"
    assert "fading-back-to-training" not in tip_ids(advice)


def test_a_no_to_the_medicines_question_keeps_the_medicines_tip_away() -> None:
    lasting = side("glutes.left", (2, 5), (6, 3), (9, 3))
    assert "other-medicines" in tip_ids(advise(lasting, 9))  # not asked: it may be a medicine
    said_no = advise(lasting, 9, profile=Profile(False, day(0)))
    assert "other-medicines" not in tip_ids(said_no)


def test_no_painkillers_tip_while_the_signs_of_muscle_breakdown_are_asked_about() -> None:
    assert "relief-painkillers" in tip_ids(advise(both("quadriceps", (2, 6)), 2))
    assert "relief-painkillers" not in tip_ids(advise(both("quadriceps", (2, 9)), 2))


def test_no_exercise_tip_while_a_warning_says_to_rest_a_muscle() -> None:
    ratings = [
        *both("quadriceps", (2, 5)),
        *side("calves.left", (2, 6)),
        *side("calves.right", (2, 1)),
    ]
    advice = advise(ratings, 2)
    assert [alert.kind.value for alert in advice.alerts] == ["asymmetry"]
    assert "relief-light-activity" not in tip_ids(advice)
