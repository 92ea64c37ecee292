"""Domain rules: regions, the soreness scale, leg days, days-after and check-ins."""

from __future__ import annotations

import datetime as dt

import pytest

from legday_desktop.domain.check_ins import (
    CheckIn,
    RecoveryAction,
    Severity,
    WarningSymptom,
    parse_symptom,
    severity_of,
)
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import CATALOGUE, find_exercise, group_loads
from legday_desktop.domain.leg_days import LegDay, LegDayCalendar, days_after
from legday_desktop.domain.regions import GROUP_IDS, REGION_IDS, REGIONS, group_by_id, region_by_id
from legday_desktop.domain.soreness import (
    SCALE,
    RatingColumns,
    SorenessRating,
    band_of,
    check_level,
)

D = dt.date


class TestRegions:
    def test_twenty_two_regions_eleven_groups_both_sides(self) -> None:
        assert len(REGIONS) == 22
        assert len(set(REGION_IDS)) == 22
        assert set(GROUP_IDS) == {
            "abductors",
            "achilles",
            "hip_flexors",
            "quadriceps",
            "adductors",
            "knees",
            "shins",
            "glutes",
            "hamstrings",
            "calves",
            "lower_back",
        }
        for group in GROUP_IDS:
            assert f"{group}.left" in REGION_IDS
            assert f"{group}.right" in REGION_IDS

    def test_names_and_mirror(self) -> None:
        quads = region_by_id("quadriceps.left")
        assert quads.name == "Left quad"
        assert quads.mirror_id == "quadriceps.right"
        assert region_by_id("adductors.right").name == "Right inner thigh"
        assert region_by_id("knees.right").name == "Right knee"
        assert group_by_id("calves").both_name == "both calves"
        assert group_by_id("knees").is_joint
        assert not group_by_id("calves").is_joint

    @pytest.mark.parametrize("bad", ["quads.left", "quadriceps.middle", "quadriceps", "", None])
    def test_unknown_region_is_a_domain_error_naming_it(self, bad: object) -> None:
        with pytest.raises(DomainError) as error:
            region_by_id(bad)  # type: ignore[arg-type]
        assert error.value.field == "region"
        assert repr(bad) in str(error.value)


class TestSorenessScale:
    @pytest.mark.parametrize("level", range(11))
    def test_whole_numbers_0_to_10_are_levels(self, level: int) -> None:
        assert check_level(level) == level

    @pytest.mark.parametrize("bad", [-1, 11, 5.0, "5", True, None])
    def test_anything_else_is_refused_with_a_reason(self, bad: object) -> None:
        with pytest.raises(DomainError, match="level"):
            check_level(bad)

    def test_verbal_anchors(self) -> None:
        assert [band_of(level).label for level in range(11)] == (
            ["none"] + ["mild"] * 3 + ["moderate"] * 3 + ["severe"] * 3 + ["worst imaginable"]
        )
        assert band_of(5).meaning == "stairs hurt"
        covered = [level for band in SCALE for level in range(band.low, band.high + 1)]
        assert covered == list(range(11))

    def test_rating_checks_each_field(self) -> None:
        assert SorenessRating(D(2026, 1, 1), "calves.left", 0).level == 0
        with pytest.raises(DomainError, match=r"^level: 11 is outside"):
            SorenessRating(D(2026, 1, 1), "calves.left", 11)
        with pytest.raises(DomainError, match=r"^region:"):
            SorenessRating(D(2026, 1, 1), "calf.left", 3)
        with pytest.raises(DomainError, match=r"^date:"):
            SorenessRating(dt.datetime(2026, 1, 1, 9), "calves.left", 3)  # type: ignore[arg-type]
        with pytest.raises(DomainError, match=r"^note:"):
            SorenessRating(D(2026, 1, 1), "calves.left", 3, "x" * 5000)

    def test_ratings_column_by_column_are_in_canonical_order_and_checked(self) -> None:
        later = SorenessRating(D(2026, 1, 2), "calves.left", 4, "stairs")
        right = SorenessRating(D(2026, 1, 1), "glutes.right", 2)
        left = SorenessRating(D(2026, 1, 1), "calves.right", 3)
        columns = RatingColumns.of([later, right, left])
        assert columns.dates == [D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 2)]
        assert columns.region_ids == ["calves.right", "glutes.right", "calves.left"]
        assert (columns.levels, columns.notes) == ([3, 2, 4], ["", "", "stairs"])
        assert list(columns) == [left, right, later] and len(columns) == 3
        bad = RatingColumns([D(2026, 1, 1)], ["calves.left"], [11], [""])
        with pytest.raises(DomainError, match=r"^level: 11 is outside"):
            list(bad)


class TestExercises:
    def test_catalogue_holds_the_product_list(self) -> None:
        names = {exercise.name for exercise in CATALOGUE}
        assert names == {
            "Squat",
            "Front squat",
            "Lunge",
            "Bulgarian split squat",
            "Deadlift",
            "Romanian deadlift",
            "Leg press",
            "Leg extension",
            "Leg curl",
            "Hip thrust",
            "Calf raise",
            "Step-up",
            "Box jump",
            "Hack squat",
            "Back extension",
            "Hip abduction",
            "Hip adduction",
            "Tibialis raise",
            "Kettlebell swing",
            "Sled push",
        }
        for exercise in CATALOGUE:
            assert exercise.loads
            assert set(exercise.loads) <= set(GROUP_IDS)

    def test_lookup_ignores_case_and_punctuation(self) -> None:
        assert find_exercise("romanian DEADLIFT").id == "romanian_deadlift"  # type: ignore[union-attr]
        assert find_exercise("step up").name == "Step-up"  # type: ignore[union-attr]
        assert find_exercise("Bench press") is None

    def test_loads_add_up_and_free_text_loads_nothing(self) -> None:
        loads = group_loads(["Squat", "Lunge", "Bench press"])
        assert loads["quadriceps"] == pytest.approx(1.9)
        assert loads["glutes"] == pytest.approx(1.7)
        assert "calves" not in loads
        leg_day = LegDay(D(2026, 1, 1), exercises=("Calf raise", "Leg extension"))
        assert leg_day.loaded_groups == ("calves", "quadriceps", "achilles")


class TestLegDays:
    def test_days_after_counts_from_the_latest_leg_day_on_or_before(self) -> None:
        dates = [D(2026, 3, 2), D(2026, 3, 6)]
        assert days_after(D(2026, 3, 1), dates) is None
        assert days_after(D(2026, 3, 2), dates) == 0
        assert days_after(D(2026, 3, 5), dates) == 3
        assert days_after(D(2026, 3, 6), dates) == 0
        assert days_after(D(2026, 3, 20), dates) == 14
        calendar = LegDayCalendar(reversed(dates))
        assert calendar.leg_day_date_for(D(2026, 3, 4)) == D(2026, 3, 2)
        assert days_after(D(2026, 3, 4), []) is None

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"rpe": 0}, "rpe"),
            ({"rpe": 11}, "rpe"),
            ({"duration_minutes": 0}, "duration_minutes"),
            ({"exercises": ("Squat", " ")}, "exercises"),
            ({"exercises": ["Squat"]}, "exercises"),
            ({"title": "x" * 201}, "title"),
            ({"start_time": "18:00"}, "start_time"),
        ],
    )
    def test_invalid_values_name_their_field(self, changes: dict[str, object], field: str) -> None:
        with pytest.raises(DomainError) as error:
            LegDay(D(2026, 1, 1), **changes)  # type: ignore[arg-type]
        assert error.value.field == field

    def test_leg_days_are_never_in_the_future(self) -> None:
        leg_day = LegDay(D(2026, 1, 2))
        leg_day.check_not_after(D(2026, 1, 2))
        with pytest.raises(DomainError, match="date: 2026-01-02 is in the future"):
            leg_day.check_not_after(D(2026, 1, 1))

    def test_display_title(self) -> None:
        assert LegDay(D(2026, 1, 1), " Quads ").display_title == "Quads"
        assert LegDay(D(2026, 1, 1)).display_title == "Leg day"


class TestCheckIns:
    def test_warning_and_empty(self) -> None:
        assert CheckIn(D(2026, 1, 1)).is_empty
        assert not CheckIn(D(2026, 1, 1), sleep_hours=8).is_empty
        warned = CheckIn(D(2026, 1, 1), symptoms=frozenset({WarningSymptom.FEVER}))
        assert warned.has_warning
        assert not CheckIn(D(2026, 1, 1), actions=frozenset({RecoveryAction.HEAT})).has_warning

    def test_amounts_are_stored_as_floats(self) -> None:
        assert CheckIn(D(2026, 1, 1), water_litres=2).water_litres == 2.0

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"water_litres": -1}, "water_litres"),
            ({"water_litres": float("nan")}, "water_litres"),
            ({"sleep_hours": 25}, "sleep_hours"),
            ({"sleep_hours": True}, "sleep_hours"),
            ({"symptoms": frozenset({"fever"})}, "symptoms"),
            ({"actions": {RecoveryAction.HEAT}}, "actions"),
        ],
    )
    def test_invalid_values_name_their_field(self, changes: dict[str, object], field: str) -> None:
        with pytest.raises(DomainError) as error:
            CheckIn(D(2026, 1, 1), **changes)  # type: ignore[arg-type]
        assert error.value.field == field

    def test_a_check_symptom_is_urgent_when_the_leg_takes_no_weight(self) -> None:
        sharp, no_weight = WarningSymptom.SUDDEN_SHARP_PAIN, WarningSymptom.CANNOT_BEAR_WEIGHT
        assert severity_of(sharp, frozenset({sharp})) is Severity.CHECK
        assert severity_of(sharp, frozenset({sharp, no_weight})) is Severity.URGENT
        joint = WarningSymptom.JOINT_LOCKS_OR_GIVES_WAY
        assert severity_of(joint, frozenset({joint, no_weight})) is Severity.URGENT
        fever = WarningSymptom.FEVER
        assert severity_of(fever, frozenset({fever})) is Severity.URGENT

    def test_every_product_symptom_is_known(self) -> None:
        assert len(WarningSymptom) == 13
        assert parse_symptom("dark_urine") is WarningSymptom.DARK_URINE
        assert parse_symptom("one_leg_swollen_warm_red").severity is Severity.URGENT
        assert WarningSymptom.SUDDEN_SHARP_PAIN.severity is Severity.CHECK
        with pytest.raises(DomainError, match="unknown symptom 'headache'"):
            parse_symptom("headache")
        assert all(symptom.label for symptom in WarningSymptom)
        assert all(action.label for action in RecoveryAction)


def test_region_and_group_names_read_naturally() -> None:
    from legday_desktop.domain.regions import REGIONS, region_by_id

    names = {region.id: region.name for region in REGIONS}
    assert names["quadriceps.left"] == "Left quad"
    assert names["knees.right"] == "Right knee"
    assert names["calves.left"] == "Left calf"
    assert names["adductors.right"] == "Right inner thigh"
    # One side is one of a pair, never a plural ("Right knees", "Left quads").
    for region in REGIONS:
        if region.group.id != "lower_back":
            assert not region.name.endswith("s"), region.name
    assert region_by_id("knees.left").group.both_name == "both knees"
    assert region_by_id("quadriceps.left").group.both_name == "both quads"
