"""The clinician's report data: the period, the chosen leg day, symptoms, alerts and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.journals import filled_store

from legday_desktop.domain.check_ins import CheckIn, Severity, WarningSymptom
from legday_desktop.domain.demo import demo_journal
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.exchange.json_format import write_json
from legday_desktop.services.journal import JournalService
from legday_desktop.services.report import (
    EmptyPeriodError,
    Period,
    ReportError,
    gather_report,
    period_alerts,
    report_period,
)
from legday_desktop.storage.database import open_store_to_read

TODAY = dt.date.today()
SQUAT = LegDay(TODAY - dt.timedelta(days=20), "Squat day", ("Squat", "Lunge"), notes="Felt strong")
HINGE = LegDay(TODAY - dt.timedelta(days=13), "Hinge day", ("Romanian deadlift", "Leg curl"))


def day(leg_day: LegDay, offset: int) -> dt.date:
    return leg_day.date + dt.timedelta(days=offset)


def both(date: dt.date, group: str, left: int, right: int, note: str = "") -> list[SorenessRating]:
    return [
        SorenessRating(date, f"{group}.left", left, note),
        SorenessRating(date, f"{group}.right", right),
    ]


def strained_journal() -> Journal:
    """A squat day that fades as usual, then a hinge day with one hamstring much sorer."""
    return Journal(
        leg_days=(SQUAT, HINGE),
        ratings=(
            *both(day(SQUAT, 1), "quadriceps", 5, 6),
            *both(day(SQUAT, 2), "quadriceps", 4, 4),
            *both(day(SQUAT, 3), "quadriceps", 2, 2),
            *both(day(HINGE, 1), "hamstrings", 6, 2, "Sharp, not the usual ache"),
            *both(day(HINGE, 2), "hamstrings", 6, 2),
            *both(day(HINGE, 3), "hamstrings", 4, 1),
            *both(day(HINGE, 4), "hamstrings", 3, 0),  # the mean 1.5, the left still 3
            *both(day(HINGE, 5), "hamstrings", 2, 0),
        ),
        check_ins=(
            CheckIn(
                day(HINGE, 1),
                symptoms=frozenset({WarningSymptom.SUDDEN_SHARP_PAIN}),
                note="Pulled something on the last set",
            ),
            CheckIn(
                day(HINGE, 2),
                symptoms=frozenset({WarningSymptom.FEVER, WarningSymptom.DARK_URINE}),
            ),
        ),
    )


@pytest.fixture
def service(tmp_path: Path) -> Iterator[JournalService]:
    database = tmp_path / "journal.sqlite3"
    filled_store(database, strained_journal()).close()
    service = JournalService(database)
    service.open()
    yield service
    service.close()


def test_the_period_is_the_last_four_weeks_or_the_journal_if_it_is_shorter() -> None:
    today = dt.date(2026, 3, 31)
    assert report_period(None, None, today=today, journal_start=None) == Period(
        dt.date(2026, 3, 4), today
    )
    assert report_period(None, None, today=today, journal_start=dt.date(2026, 3, 20)) == Period(
        dt.date(2026, 3, 20), today
    )
    assert report_period(None, None, today=today, journal_start=dt.date(2025, 1, 1)).days == 28
    asked = report_period(dt.date(2026, 1, 5), dt.date(2026, 2, 1), today=today, journal_start=None)
    assert (asked.first, asked.last, asked.days) == (dt.date(2026, 1, 5), dt.date(2026, 2, 1), 28)
    # Only the end given: the four weeks before it.
    assert report_period(None, dt.date(2026, 2, 28), today=today, journal_start=None) == Period(
        dt.date(2026, 2, 1), dt.date(2026, 2, 28)
    )


def test_a_start_after_the_end_or_an_end_after_today_is_refused() -> None:
    today = dt.date(2026, 3, 31)
    with pytest.raises(ReportError, match="starts on 2026-03-10, after its end on 2026-03-01"):
        report_period(dt.date(2026, 3, 10), dt.date(2026, 3, 1), today=today, journal_start=None)
    with pytest.raises(ReportError, match=r"ends on 2026-04-01, after today \(2026-03-31\)"):
        report_period(None, dt.date(2026, 4, 1), today=today, journal_start=None)


def test_by_default_the_report_covers_the_journal_and_maps_the_newest_full_leg_day(
    service: JournalService,
) -> None:
    report = gather_report(service, today=TODAY)
    # The journal is shorter than four weeks: it starts with its first leg day.
    assert report.period == Period(SQUAT.date, TODAY)
    assert [item.leg_day.date for item in report.leg_days] == [SQUAT.date, HINGE.date]
    assert report.chosen == HINGE
    assert [(m.days_after, m.date) for m in report.day_maps] == [
        (offset, day(HINGE, offset)) for offset in (1, 2, 3)
    ]
    assert report.day_maps[0].levels == {"hamstrings.left": 6, "hamstrings.right": 2}
    assert report.day_maps[2].levels == {"hamstrings.left": 4, "hamstrings.right": 1}
    assert report.curve.leg_day == HINGE
    squat, hinge = report.leg_days
    assert (squat.total.peak, squat.total.peak_day, squat.every_side_recovered) == (5.5, 1, 3)
    # The mean of both hamstrings is 1.5 on day 4, but the left one is back to 2 on day 5.
    assert (hinge.total.peak, hinge.total.peak_day) == (4.0, 1)
    assert (hinge.total.days_to_recover, hinge.every_side_recovered) == (4, 5)


def test_a_chosen_leg_day_is_mapped_and_one_outside_the_period_is_refused(
    service: JournalService,
) -> None:
    report = gather_report(service, leg_day=SQUAT.date, today=TODAY)
    assert report.chosen == SQUAT
    assert report.day_maps[1].levels == {"quadriceps.left": 4, "quadriceps.right": 4}
    with pytest.raises(ReportError, match=f"no leg day on {day(SQUAT, 1).isoformat()}"):
        gather_report(service, leg_day=day(SQUAT, 1), today=TODAY)
    with pytest.raises(ReportError, match=f"no leg day on {SQUAT.date.isoformat()} between"):
        gather_report(service, first=HINGE.date, leg_day=SQUAT.date, today=TODAY)


def test_day_maps_after_the_period_say_so(service: JournalService) -> None:
    report = gather_report(service, last=day(HINGE, 1), today=TODAY)
    assert report.chosen == SQUAT  # rated on all of its days 1–3, the hinge day on one
    report = gather_report(service, last=day(HINGE, 1), leg_day=HINGE.date, today=TODAY)
    assert [m.remark for m in report.day_maps] == [
        "",
        "after the end of the period",
        "after the end of the period",
    ]
    assert report.day_maps[1].levels == {}


def test_symptoms_alerts_and_notes_are_gathered_with_their_dates(
    service: JournalService,
) -> None:
    report = gather_report(service, today=TODAY)
    assert [(item.date, item.label) for item in report.symptoms] == [
        (day(HINGE, 1), "Sudden sharp pain during exercise"),
        (day(HINGE, 2), "Fever"),
        (day(HINGE, 2), "Dark (tea- or cola-coloured) urine"),
    ]
    # One side much sorer from day 1 to day 4 (6–2, 6–2, 4–1, 3–0): one entry, worded as
    # on its first day; gone on day 5 (2–0).
    [alert] = report.alerts
    assert (alert.first, alert.last, alert.kind) == (day(HINGE, 1), day(HINGE, 4), "asymmetry")
    assert alert.title == "One side much sorer" and alert.severity is Severity.CHECK
    assert alert.message.startswith("Left hamstring at 6 but the right hamstring at 2 on ")
    assert [(note.date, note.about, note.text) for note in report.notes] == [
        (SQUAT.date, "Leg day: Squat day", "Felt strong"),
        (day(HINGE, 1), "Check-in", "Pulled something on the last set"),
        (day(HINGE, 1), "Left hamstring, level 6", "Sharp, not the usual ache"),
    ]


def test_a_period_without_leg_days_is_refused_with_the_period(service: JournalService) -> None:
    first, last = SQUAT.date - dt.timedelta(days=40), SQUAT.date - dt.timedelta(days=1)
    with pytest.raises(EmptyPeriodError) as raised:
        gather_report(service, first=first, last=last, today=TODAY)
    assert str(raised.value) == (
        f"no leg days between {first.isoformat()} and {last.isoformat()}; choose another period"
    )
    assert raised.value.period == Period(first, last)


def test_an_empty_journal_has_nothing_to_report(tmp_path: Path) -> None:
    database = tmp_path / "empty.sqlite3"
    filled_store(database, Journal()).close()
    service = JournalService(database)
    service.open()
    try:
        with pytest.raises(EmptyPeriodError, match="choose another period"):
            gather_report(service, today=TODAY)
    finally:
        service.close()


def test_an_alert_that_stops_and_comes_back_is_listed_twice_and_says_on_which_day() -> None:
    leg_day = LegDay(dt.date(2026, 3, 2), "Leg day")
    ratings = [
        SorenessRating(day(leg_day, 5), "quadriceps.left", 5),  # 4 or more on day 5
        SorenessRating(day(leg_day, 6), "quadriceps.left", 2),
        SorenessRating(day(leg_day, 8), "quadriceps.left", 3),  # back again on day 8
    ]
    # Up 2 on day 10: rising after day 3 says more than "still sore", so it takes over.
    ratings.append(SorenessRating(day(leg_day, 10), "quadriceps.left", 5))
    alerts = period_alerts(Period(leg_day.date, day(leg_day, 10)), [leg_day], ratings)
    seen = [(a.first, a.last, a.kind, a.message) for a in alerts]
    assert seen == [
        (
            day(leg_day, 5),
            day(leg_day, 5),
            "late_soreness",
            "Left quad at 5 on Sat 7 Mar (day 5): soreness is usually fading by now and this is "
            "not; keep an eye on it and get it checked if it does not ease over the next few "
            "days.",
        ),
        (
            day(leg_day, 8),
            day(leg_day, 9),
            "lasting",
            "Left quad at 3 on Tue 10 Mar (day 8): still sore more than a week after the leg "
            "day, when soreness has usually faded; have a clinician look at it if it does not "
            "clear soon.",
        ),
        (
            day(leg_day, 10),
            day(leg_day, 10),
            "rising_after_day_3",
            "Left quad rose from 3 on Tue 10 Mar (day 8) to 5 on Thu 12 Mar (day 10): soreness "
            "normally eases after the third day; keep an eye on it and get it checked if it "
            "keeps rising or has not eased in a day or two.",
        ),
    ]


def test_the_demo_history_gives_its_strain_and_nothing_is_written(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    journal = demo_journal(TODAY)
    filled_store(database, journal).close()
    before = _exported(database)
    strain = next(c.date for c in journal.check_ins if c.symptoms)
    service = JournalService(database)
    service.open()
    try:
        report = gather_report(
            service, first=strain - dt.timedelta(days=7), last=strain + dt.timedelta(days=14)
        )
    finally:
        service.close()
    assert [(item.date, item.symptom) for item in report.symptoms] == [
        (strain, WarningSymptom.SUDDEN_SHARP_PAIN),
        (strain + dt.timedelta(days=1), WarningSymptom.PAIN_FAR_WORSE_THAN_EXPECTED),
    ]
    assert {alert.kind for alert in report.alerts} >= {"asymmetry", "late_soreness", "lasting"}
    assert all(alert.first >= strain for alert in report.alerts)
    # Worded for a clinician: the days named, "the leg day" rather than "your leg day".
    lasting = next(alert for alert in report.alerts if alert.kind == "lasting")
    assert "more than a week after the leg day" in lasting.message
    assert not any(
        "your leg day" in alert.message or "today" in alert.message for alert in report.alerts
    )
    assert any("sharp pull in the back of the left thigh" in note.text for note in report.notes)
    assert _exported(database) == before


def _exported(database: Path) -> str:
    store = open_store_to_read(database)
    try:
        return write_json(store.journal())
    finally:
        store.close()


def test_severities_and_the_medicines_answer_are_in_the_report(tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    journal = strained_journal()
    answered = Journal(
        journal.leg_days, journal.ratings, journal.check_ins, Profile(True, day(SQUAT, -3))
    )
    filled_store(database, answered).close()
    service = JournalService(database)
    service.open()
    try:
        report = gather_report(service, today=TODAY)
    finally:
        service.close()
    assert report.profile == Profile(True, day(SQUAT, -3))
    assert [(item.label, item.severity) for item in report.symptoms] == [
        ("Sudden sharp pain during exercise", Severity.CHECK),
        ("Fever", Severity.URGENT),
        ("Dark (tea- or cola-coloured) urine", Severity.URGENT),
    ]
    assert {alert.severity for alert in report.alerts} == {Severity.CHECK}


def test_what_the_pain_was_like_is_in_the_notes_with_or_without_a_note(tmp_path: Path) -> None:
    from legday_desktop.domain.soreness import PainQuality

    leg_day = LegDay(TODAY - dt.timedelta(days=3), "Lunges", ("Lunge",))
    journal = Journal(
        leg_days=(leg_day,),
        ratings=(
            SorenessRating(day(leg_day, 1), "abductors.left", 5, quality=PainQuality.DULL),
            SorenessRating(
                day(leg_day, 1), "hamstrings.right", 6, "on the last set", PainQuality.SHARP
            ),
            SorenessRating(day(leg_day, 2), "quadriceps.left", 3),
        ),
    )
    filled_store(tmp_path / "j.sqlite3", journal).close()
    service = JournalService(tmp_path / "j.sqlite3")
    service.open()
    try:
        report = gather_report(service, today=TODAY)
    finally:
        service.close()
    assert [(note.date, note.about, note.text) for note in report.notes] == [
        (day(leg_day, 1), "Left outer hip, level 5", "Felt as dull ache or tender"),
        (day(leg_day, 1), "Right hamstring, level 6, felt as sharp or stabbing", "on the last set"),
    ]
    assert [alert.kind for alert in report.alerts] == ["sharp_pain"]
