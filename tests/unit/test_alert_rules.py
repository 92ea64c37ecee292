"""Every alert rule at and around its threshold, on hand-made courses with known answers."""

from __future__ import annotations

import pytest
from helpers.courses import (
    COMEBACK,
    EIGHT_ON_DAY_0,
    HANDS_ON,
    LEG_DAY,
    ONE_SIDED_CALF,
    RISING_SHINS,
    TEN_OUT_OF_TEN,
    TYPICAL,
    advise,
    both,
    day,
    kinds,
    side,
    symptoms,
    tip_ids,
)

from legday_desktop.domain.check_ins import Severity, WarningSymptom
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.guidance.alerts import AlertKind

W = WarningSymptom
CHECK = [("rising_after_day_3", "check")]


# --- the courses of the issue -----------------------------------------------------------


@pytest.mark.parametrize("offset", range(10))
def test_a_typical_course_is_quiet_on_every_day(offset: int) -> None:
    advice = advise(TYPICAL, offset)
    assert advice.alerts == ()
    assert not any(chosen.is_warning for chosen in advice.tips)


@pytest.mark.parametrize("offset", range(10))
def test_a_comeback_course_never_raises_an_urgent_alert(offset: int) -> None:
    advice = advise(COMEBACK, offset)
    assert advice.urgent_alerts == () and advice.urgent == ()
    # Only the extreme peak asks to check the warning signs; day 5 (4, falling) and
    # day 8 (1) are calm, and the statin and muscle-disease tips stay away.
    expected = [("extreme_soreness", "check")] if 2 <= offset < 5 else []
    assert kinds(advice) == expected
    assert not {"other-medicines", "other-muscle-disease"} & set(tip_ids(advice))


def test_one_calf_rising_while_the_other_is_0_is_a_possible_clot() -> None:
    assert kinds(advise(ONE_SIDED_CALF, 2)) == [("asymmetry", "check")]  # day 2: not after day 2
    advice = advise(ONE_SIDED_CALF, 3)
    assert kinds(advice) == [("possible_clot", "urgent")]
    (alert,) = advice.alerts
    assert alert.region_id == "calves.left"
    assert alert.message.startswith(
        "Left calf rose from 3 on day 2 to 6 today (day 3) while the right calf is at 0:"
    )
    assert "blood clot" in alert.message and "do not massage" in alert.message
    assert tip_ids(advice)[0] == "see-doctor-clot" and advice.tips[0].urgent
    assert not HANDS_ON & set(tip_ids(advice))
    assert advice.next_leg_day is None


def test_rising_shins_are_a_possible_compartment_syndrome_on_day_3() -> None:
    assert kinds(advise(RISING_SHINS, 2)) == []  # 3 → 7 from day 1: not between days after day 1
    advice = advise(RISING_SHINS, 3)
    assert kinds(advice) == [("possible_compartment_syndrome", "urgent")]
    assert advice.alerts[0].message.startswith("Both shins at 9 today (day 3) and still rising:")
    assert tip_ids(advice) == ["see-doctor-compartment"]  # care first, nothing else


def test_ten_out_of_ten_with_nothing_ticked_asks_about_the_warning_signs() -> None:
    for offset in (1, 2, 3):
        advice = advise(TEN_OUT_OF_TEN, offset)
        assert kinds(advice) == [("extreme_soreness", "check")]
        assert (
            "dark urine, unusual weakness, pain far worse than expected and swelling"
            in advice.alerts[0].message
        )
        assert advice.next_leg_day is None and advice.next_leg_day_between is None
        assert all(item.ready_between is None for item in advice.readiness)


def test_8_on_the_training_day_is_not_taken_for_a_peak() -> None:
    advice = advise(EIGHT_ON_DAY_0, 0)
    assert kinds(advice) == [("severe_on_training_day", "check")]
    assert advice.phase == "early"
    assert advice.alerts[0].message.startswith("Both calves at 8 today (day 0):")
    assert "strain" in advice.alerts[0].message


def test_dark_urine_then_a_new_leg_day_keeps_its_warning_for_7_days() -> None:
    next_leg_day = LegDay(day(3), "Hinge day", ("Romanian deadlift",))
    ratings = both("quadriceps", (1, 5), (2, 6), (4, 4), (5, 3))
    reported = [symptoms(2, W.DARK_URINE)]
    for offset in range(2, 9):  # reported on day 2: it stands on days 2–8
        advice = advise(ratings, offset, reported, leg_days=(LEG_DAY, next_leg_day))
        assert kinds(advice)[0] == ("reported_symptom", "urgent"), offset
        assert advice.tips[0].tip.id == "see-doctor-dark-urine" and advice.tips[0].urgent
        assert advice.next_leg_day is None
        assert all(item.ready_between is None for item in advice.readiness)
        if offset >= 3:
            assert "on Wed 4 Nov, before this leg day" in advice.alerts[0].message
    after = advise(ratings, 9, reported, leg_days=(LEG_DAY, next_leg_day))
    assert after.alerts == ()


# --- rising after day 3 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("course", "offset", "expected"),
    [
        (((3, 3), (4, 5)), 4, CHECK),  # a rise of 2 after day 3
        (((3, 3), (4, 4)), 4, []),  # one point: not an alert
        (((2, 3), (3, 5)), 3, []),  # a rise of 2 up to day 3 is the usual course
        (((3, 2), (4, 3), (5, 4)), 5, CHECK),  # two rises in a row after day 3
        (((2, 2), (3, 3), (4, 4)), 4, []),  # only the second rise is after day 3
        (((3, 3), (4, 2), (5, 3)), 5, []),  # down, then up one
        (((4, 5), (6, 3)), 6, []),  # falling
        (((2, 2), (6, 4)), 6, CHECK),  # compared with the previous rated day
    ],
)
def test_rising_after_day_3(
    course: tuple[tuple[int, int], ...], offset: int, expected: list[tuple[str, str]]
) -> None:
    assert kinds(advise(side("quadriceps.left", *course), offset)) == expected


def test_a_rise_stands_until_a_new_rating_shows_it_gone() -> None:
    rising = side("quadriceps.left", (2, 2), (4, 6))
    advice = advise(rising, 5)
    assert kinds(advice) == CHECK
    assert "rose from 2 on day 2 to 6 on day 4" in advice.alerts[0].message
    assert advise([*rising, *side("quadriceps.left", (5, 2))], 5).alerts == ()


# --- late and lasting soreness ----------------------------------------------------------

LATE = [("late_soreness", "check")]
LASTING = [("lasting", "check")]


@pytest.mark.parametrize(
    ("course", "offset", "expected"),
    [
        (((5, 4),), 5, LATE),  # 4 on day 5, nothing to say it is falling
        (((5, 3),), 5, []),  # 3: mild
        (((4, 4), (5, 4)), 5, LATE),  # not falling
        (((4, 5), (5, 4)), 5, []),  # falling: late, but easing
        (((4, 5),), 4, []),  # day 4 is still the usual course
        (((6, 4), (7, 4)), 7, LATE),
        (((7, 4), (8, 4)), 8, LASTING),  # from day 8 it is "lasting"
        (((8, 3),), 8, LASTING),  # 3 or more past day 7
        (((8, 2),), 8, []),  # 1–2 lingering is not an alert
        (((7, 3),), 7, []),
        (((2, 3), (6, 2), (9, 1)), 9, []),
    ],
)
def test_late_and_lasting_soreness(
    course: tuple[tuple[int, int], ...], offset: int, expected: list[tuple[str, str]]
) -> None:
    assert kinds(advise(side("glutes.right", *course), offset)) == expected


def test_groups_of_one_kind_are_one_alert_that_names_each_group_once() -> None:
    advice = advise([*both("quadriceps", (5, 5)), *both("hamstrings", (5, 4))], 5)
    (alert,) = advice.alerts
    assert alert.kind is AlertKind.LATE_SORENESS
    assert alert.groups == ("quadriceps", "hamstrings")
    assert alert.region_id == "quadriceps.left"
    assert alert.message.startswith("Both quads at 5 and both hamstrings at 4 today (day 5):")
    assert alert.message.count("fading by now") == 1


# --- extreme soreness and the training day ----------------------------------------------


@pytest.mark.parametrize(
    ("level", "reported", "expected"),
    [
        (8, (), [("extreme_soreness", "check")]),
        (7, (), []),
        (
            10,
            (W.SUDDEN_SHARP_PAIN,),
            [("reported_symptom", "check"), ("extreme_soreness", "check")],
        ),
        (9, (W.DARK_URINE,), [("reported_symptom", "urgent")]),  # the urgent warning says it
    ],
)
def test_extreme_soreness(
    level: int, reported: tuple[WarningSymptom, ...], expected: list[tuple[str, str]]
) -> None:
    check_ins = [symptoms(2, *reported)] if reported else []
    assert kinds(advise(side("hamstrings.left", (2, level)), 2, check_ins)) == expected


def test_extreme_soreness_anywhere_even_before_a_leg_day() -> None:
    rating = SorenessRating(day(-2), "lower_back.left", 9)
    advice = advise([rating], -1, leg_days=())
    assert kinds(advice) == [("extreme_soreness", "check")]


@pytest.mark.parametrize(
    ("course", "offset", "expected"),
    [
        (((0, 7),), 0, True),
        (((0, 6),), 0, False),
        (((-1, 6), (0, 7)), 0, False),  # already sore from an earlier session: carried over
        (((-1, 4), (0, 7)), 0, True),  # 3 points up on the day: new pain
        (((0, 8), (1, 5)), 1, True),  # stands while above 2 …
        (((0, 8), (2, 2)), 2, False),  # … and goes once back to 2
        (((1, 8),), 1, False),  # day 1 is not the training day
    ],
)
def test_severe_soreness_on_the_training_day(
    course: tuple[tuple[int, int], ...], offset: int, expected: bool
) -> None:
    advice = advise(side("calves.right", *course), offset)
    assert (AlertKind.SEVERE_ON_TRAINING_DAY in {a.kind for a in advice.alerts}) is expected


# --- calves: clot or strain -------------------------------------------------------------

CLOT = [("possible_clot", "urgent")]
STRAIN = [("asymmetry", "check")]


@pytest.mark.parametrize(
    ("left", "right", "offset", "expected"),
    [
        (((2, 2), (3, 3)), ((3, 1),), 3, CLOT),  # any rise after day 2, other calf at most 1
        (((2, 2), (3, 3)), ((3, 2),), 3, []),  # the other calf at 2: not one-sided
        (((2, 2), (3, 5)), ((3, 2),), 3, STRAIN),  # 3 points apart, other calf sore too
        (((1, 2), (2, 5)), ((2, 0),), 2, STRAIN),  # rising, but only up to day 2
        (((2, 6), (3, 5)), ((3, 0),), 3, STRAIN),  # one side 3+ worse but not rising
        (((2, 2), (3, 4)), (), 3, CLOT),  # the other calf not rated: one-sided as far as known
        (((2, 0), (3, 1)), ((3, 0),), 3, []),  # 0 → 1: recovered levels, not a clot
        (((3, 1), (4, 2)), ((4, 0),), 4, []),  # 1 → 2: the same
        (((1, 3), (2, 5), (3, 4), (4, 5)), ((4, 1),), 4, STRAIN),  # a wobble: no new high
        (((2, 4), (3, 6), (4, 6)), ((4, 0),), 4, CLOT),  # not easing: the warning stands
        (((2, 4), (3, 6), (4, 5)), ((4, 0),), 4, STRAIN),  # easing: a strain, 5 against 0
        (((3, 2), (5, 4)), ((4, 0),), 5, CLOT),  # rating days need not match
    ],
)
def test_one_sided_calf_pain(
    left: tuple[tuple[int, int], ...],
    right: tuple[tuple[int, int], ...],
    offset: int,
    expected: list[tuple[str, str]],
) -> None:
    ratings = [*side("calves.left", *left), *side("calves.right", *right)]
    assert kinds(advise(ratings, offset)) == expected


def test_a_swollen_warm_or_red_calf_is_a_possible_clot_whatever_the_ratings() -> None:
    advice = advise(both("calves", (2, 3)), 2, [symptoms(2, W.ONE_LEG_SWOLLEN_WARM_RED)])
    assert kinds(advice) == [("reported_symptom", "urgent")]
    assert "blood clot" in advice.alerts[0].message
    assert tip_ids(advice) == ["see-doctor-clot"]


def test_a_rising_calf_with_the_swollen_calf_ticked_is_one_warning() -> None:
    reported = [symptoms(3, W.ONE_LEG_SWOLLEN_WARM_RED)]
    advice = advise(ONE_SIDED_CALF, 3, reported)
    assert kinds(advice) == [("possible_clot", "urgent")]
    assert ", and you reported a calf or leg that is swollen, warm or red today:" in (
        advice.alerts[0].message
    )
    assert advice.alerts[0].message.count("blood clot") == 1


# --- shins: compartment syndrome --------------------------------------------------------

COMPARTMENT = [("possible_compartment_syndrome", "urgent")]


@pytest.mark.parametrize(
    ("course", "offset", "expected"),
    [
        (((2, 3), (3, 6)), 3, COMPARTMENT),  # a rise of 3 between days after day 1
        (((2, 3), (3, 5)), 3, []),  # a rise of 2
        (((1, 3), (2, 6)), 2, []),  # from day 1: the usual onset
        (((2, 6), (3, 7)), 3, COMPARTMENT),  # 7 or more and still rising on day 3
        (((1, 6), (2, 7)), 2, []),  # … but not on day 2
        (((3, 7), (4, 7)), 4, []),  # 7, not rising
        (((4, 8), (5, 9)), 5, COMPARTMENT),
    ],
)
def test_shin_pain_that_climbs(
    course: tuple[tuple[int, int], ...], offset: int, expected: list[tuple[str, str]]
) -> None:
    assert kinds(advise(side("shins.left", *course), offset)) == expected


@pytest.mark.parametrize("symptom", [W.TIGHT_HARD_SWOLLEN_SHIN_OR_CALF, W.NUMBNESS_OR_TINGLING])
def test_compartment_symptoms_are_urgent(symptom: WarningSymptom) -> None:
    advice = advise(both("shins", (2, 3)), 2, [symptoms(2, symptom)])
    assert kinds(advice) == [("reported_symptom", "urgent")]
    assert tip_ids(advice) == ["see-doctor-compartment"]


def test_climbing_shins_with_numbness_ticked_is_one_warning() -> None:
    reported = [symptoms(3, W.NUMBNESS_OR_TINGLING)]
    advice = advise(side("shins.left", (2, 3), (3, 6)), 3, reported)
    assert kinds(advice) == [("possible_compartment_syndrome", "urgent")]
    assert "and you reported numbness or tingling today" in advice.alerts[0].message


# --- joints -----------------------------------------------------------------------------


def test_knee_pain_is_a_check_worded_as_joint_pain() -> None:
    assert kinds(advise(both("knees", (2, 3)), 2)) == []
    advice = advise(both("knees", (2, 4)), 2)
    assert kinds(advice) == [("joint_pain", "check")]
    assert advice.alerts[0].message == (
        "Both knees at 4 today (day 2): joint pain is not muscle soreness; get it checked if it "
        "persists or the knee locks, swells or gives way."
    )
    sides = advise([*side("knees.left", (2, 6)), *side("knees.right", (2, 4))], 2)
    assert sides.alerts[0].message.startswith("Left knee at 6 and right knee at 4 today (day 2):")


def test_knee_pain_with_a_knee_that_gives_way_is_one_urgent_alert() -> None:
    advice = advise(side("knees.left", (2, 5)), 2, [symptoms(2, W.JOINT_LOCKS_OR_GIVES_WAY)])
    assert kinds(advice) == [("joint_pain", "urgent")]
    assert advice.alerts[0].message.startswith(
        "Left knee at 5 today (day 2), and you reported a joint that locks or gives way today:"
    )
    swollen = advise(side("knees.left", (2, 5)), 2, [symptoms(2, W.SEVERE_SWELLING)])
    # The swelling keeps its own warning (care now; it may not be in the knee at all).
    assert kinds(swollen) == [("reported_symptom", "urgent"), ("joint_pain", "urgent")]
    assert "get medical care now" in swollen.alerts[0].message
    assert "joint pain with swelling" in swollen.alerts[1].message


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        ((W.SUDDEN_SHARP_PAIN,), "check"),
        ((W.JOINT_LOCKS_OR_GIVES_WAY,), "check"),
        ((W.SUDDEN_SHARP_PAIN, W.CANNOT_BEAR_WEIGHT), "urgent"),
        ((W.JOINT_LOCKS_OR_GIVES_WAY, W.CANNOT_BEAR_WEIGHT), "urgent"),
        ((W.CANNOT_BEAR_WEIGHT,), "urgent"),
    ],
)
def test_sharp_pain_and_a_joint_that_gives_way_are_urgent_without_weight_bearing(
    reported: tuple[WarningSymptom, ...], expected: str
) -> None:
    advice = advise(both("quadriceps", (1, 3)), 1, [symptoms(1, *reported)])
    assert kinds(advice) == [("reported_symptom", expected)]  # one sentence, not two
    if W.CANNOT_BEAR_WEIGHT in reported and len(reported) == 2:
        assert "could not put weight on the leg" in advice.alerts[0].message


# --- reported symptoms ------------------------------------------------------------------

URGENT_SYMPTOMS = [
    W.DARK_URINE,
    W.PAIN_FAR_WORSE_THAN_EXPECTED,
    W.UNUSUAL_WEAKNESS,
    W.DIZZINESS,
    W.LABOURED_BREATHING,
    W.FEVER,
    W.SEVERE_SWELLING,
    W.ONE_LEG_SWOLLEN_WARM_RED,
    W.TIGHT_HARD_SWOLLEN_SHIN_OR_CALF,
    W.NUMBNESS_OR_TINGLING,
]


@pytest.mark.parametrize("symptom", URGENT_SYMPTOMS)
def test_every_urgent_symptom_is_urgent_and_withholds_relief(symptom: WarningSymptom) -> None:
    advice = advise(both("quadriceps", (2, 6)), 2, [symptoms(2, symptom)])
    (alert,) = advice.alerts
    assert (alert.kind, alert.severity, alert.symptom) == (
        AlertKind.REPORTED_SYMPTOM,
        Severity.URGENT,
        symptom,
    )
    assert alert.message.startswith("You reported ") and "today" in alert.message
    assert advice.tips and all(chosen.tip.category != "relief" for chosen in advice.tips)
    assert advice.tips[0].urgent and advice.tips[0].tip.is_medical


def test_a_reported_symptom_stands_7_days_and_only_from_its_day() -> None:
    reported = [symptoms(2, W.DIZZINESS)]
    assert not advise([], 1, reported).alerts
    assert all(advise([], offset, reported).alerts for offset in range(2, 9))  # days 2–8
    assert not advise([], 9, reported).alerts


def test_the_worded_days_are_for_the_person_and_for_the_record() -> None:
    from dataclasses import replace

    from helpers.courses import context

    from legday_desktop.guidance.alerts import find_alerts

    seen = context(side("quadriceps.left", (4, 6), (5, 6)), 5)
    assert "today (day 5)" in find_alerts(seen)[0].message
    recorded = find_alerts(replace(seen, for_the_record=True))[0].message
    assert "on Sat 7 Nov (day 5)" in recorded and "today" not in recorded


# --- cases found by an adversarial review ---------------------------------------------


def test_a_calf_sore_since_an_earlier_leg_day_keeps_its_days_for_the_clot_rule() -> None:
    second = LegDay(day(2), "Upper-leg day", ("Squat",))
    ratings = [*side("calves.left", (0, 0), (1, 3), (2, 5), (3, 6)), *side("calves.right", (0, 0))]
    advice = advise(ratings, 3, leg_days=(LEG_DAY, second))  # day 1 of the new leg day
    assert kinds(advice) == CLOT


def test_the_clot_and_compartment_rules_need_no_leg_day() -> None:
    calf = [*side("calves.left", (-3, 0), (-2, 3), (-1, 6)), *side("calves.right", (-1, 0))]
    assert kinds(advise(calf, -1, leg_days=())) == CLOT
    shin = side("shins.right", (-3, 2), (-2, 5))
    assert kinds(advise(shin, -2, leg_days=())) == COMPARTMENT


def test_a_rise_to_a_recovered_level_is_not_an_alert() -> None:
    assert kinds(advise(side("quadriceps.left", (5, 0), (6, 2)), 6)) == []
    assert kinds(advise(side("quadriceps.left", (5, 1), (6, 3)), 6)) == CHECK


def test_knees_at_8_are_joint_pain_not_ordinary_soreness() -> None:
    advice = advise(both("knees", (2, 9)), 2)
    assert kinds(advice) == [("joint_pain", "check")]
    assert "can still be ordinary" not in advice.alerts[0].message


def test_extreme_soreness_late_in_the_week_is_said_once() -> None:
    advice = advise(both("quadriceps", (4, 10), (5, 10)), 5)
    assert kinds(advice) == [("extreme_soreness", "check")]


def test_soreness_from_a_leg_day_the_day_before_is_not_taken_for_a_training_day_injury() -> None:
    first = LegDay(day(-1), "Squat day", ("Squat",))
    ratings = both("quadriceps", (0, 7), (1, 8), (2, 6))
    advice = advise(ratings, 0, leg_days=(first, LEG_DAY))
    assert AlertKind.SEVERE_ON_TRAINING_DAY not in {alert.kind for alert in advice.alerts}
    alone = advise(ratings, 0)  # with no session the day before, 7 on day 0 is not DOMS
    assert AlertKind.SEVERE_ON_TRAINING_DAY in {alert.kind for alert in alone.alerts}


def test_a_sharp_pain_on_a_leg_that_takes_no_weight_says_to_be_seen_today_first() -> None:
    reported = [symptoms(1, W.SUDDEN_SHARP_PAIN, W.CANNOT_BEAR_WEIGHT)]
    advice = advise(both("hamstrings", (1, 5)), 1, reported)
    assert tip_ids(advice)[:2] == ["see-doctor-cannot-bear-weight", "see-doctor-sharp-pain"]
    assert all(chosen.urgent for chosen in advice.tips[:2])


def test_under_an_urgent_warning_no_tip_about_ordinary_soreness_is_shown() -> None:
    ratings = [*side("quadriceps.left", (2, 7)), *side("quadriceps.right", (2, 3))]
    advice = advise(ratings, 2, [symptoms(2, W.DARK_URINE)])
    assert kinds(advice) == [("reported_symptom", "urgent"), ("asymmetry", "check")]
    assert all(chosen.is_warning for chosen in advice.tips)
