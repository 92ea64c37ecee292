"""One of each wording: dates that read the same on every machine, one disclaimer, gettext."""

from __future__ import annotations

import datetime as dt
import locale
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.catalogues import write_catalogue

from legday_desktop.domain import wording
from legday_desktop.domain.regions import group_by_id, region_by_id
from legday_desktop.domain.wording import (
    day_and_time,
    day_month_year,
    day_range,
    full_day,
    long_day,
    not_medical_advice,
    short_day,
)
from legday_desktop.guidance.readiness import Readiness
from legday_desktop.guidance.report import readiness_words

PACKAGE = Path(__file__).resolve().parents[2] / "legday_desktop"
WORDING = PACKAGE / "domain" / "wording.py"
WEDNESDAY = dt.date(2026, 12, 2)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")
# Directives whose output follows the process locale (names, AM/PM, the locale's formats).
LOCALE_DIRECTIVE = re.compile(r"%[aAbBchpxX]")
# A date or time formatted by hand: strftime, or a format spec in an f-string.
HAND_FORMAT = re.compile(r"strftime\(|\{[^{}]*:%[^{}]*\}")
# Still formatted by hand, in files being rewritten elsewhere: each moves to ``wording``.
PENDING: set[str] = set()  # files still to switch to the wording module


class PickyDate(dt.date):
    """A date that refuses strftime: whatever formats it must not depend on the locale."""

    def strftime(self, fmt: str) -> str:
        raise AssertionError(f"strftime({fmt!r}) follows the process locale")

    def __format__(self, spec: str) -> str:
        if spec:
            raise AssertionError(f"format spec {spec!r} follows the process locale")
        return super().__format__(spec)


class PickyDateTime(dt.datetime):
    """A date and time that refuses strftime, like PickyDate."""

    strftime = PickyDate.strftime
    __format__ = PickyDate.__format__


def python_files(*, excluding: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if not name.startswith(excluding):
            yield name, path.read_text("utf-8")


# --- dates -----------------------------------------------------------------------------


def test_each_date_wording() -> None:
    assert short_day(WEDNESDAY) == "Wed 2 Dec"
    assert short_day(WEDNESDAY, year=True) == "Wed 2 Dec 2026"
    assert long_day(WEDNESDAY) == "Wed 2 December 2026"
    assert full_day(WEDNESDAY) == "Wednesday 2 December 2026"
    assert day_month_year(WEDNESDAY) == "2 Dec 2026"
    assert day_and_time(dt.datetime(2026, 12, 2, 9, 5)) == "Wed 2 Dec 2026, 09:05"
    assert day_range(dt.date(2026, 12, 3), dt.date(2026, 12, 5)) == "Thu 3 Dec–Sat 5 Dec"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_and_weekday_is_named(month: int) -> None:
    first = dt.date(2027, month, 1)
    for offset in range(7):
        date = first + dt.timedelta(days=offset)
        weekday = WEEKDAYS[date.weekday()]
        assert short_day(date) == f"{weekday} {date.day} {MONTHS[month - 1][:3]}"
        assert full_day(date).split()[0].startswith(weekday)
        assert long_day(date) == f"{weekday} {date.day} {MONTHS[month - 1]} 2027"


def test_dates_never_ask_strftime() -> None:
    date = PickyDate(2026, 12, 2)
    moment = PickyDateTime(2026, 12, 2, 14, 5)
    assert [short_day(date), long_day(date), full_day(date), day_month_year(date)] == [
        "Wed 2 Dec",
        "Wed 2 December 2026",
        "Wednesday 2 December 2026",
        "2 Dec 2026",
    ]
    assert day_and_time(moment) == "Wed 2 Dec 2026, 14:05"


def german_locale(folder: Path) -> dict[str, str]:
    """Environment variables for a German locale: an installed one, or one built in ``folder``."""
    before = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "de_DE.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        locale.setlocale(locale.LC_TIME, before)
        return {"LC_ALL": name}
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.skip("no German locale installed, and no localedef to build one")
    built = subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
        capture_output=True,
        check=False,
    )
    if not (folder / "de_DE.UTF-8").is_dir():
        pytest.skip(f"localedef could not build de_DE.UTF-8: {built.stderr.decode()[-200:]}")
    return {"LOCPATH": str(folder), "LC_ALL": "de_DE.UTF-8"}


def test_dates_are_the_same_on_a_german_machine(tmp_path: Path) -> None:
    # As the app runs: Qt sets the process locale from the environment on start.
    probe = (
        "import datetime as dt, locale\n"
        "locale.setlocale(locale.LC_ALL, '')\n"
        "from legday_desktop.domain.wording import full_day, short_day\n"
        "day = dt.date(2026, 12, 2)\n"
        "print(f'{day:%a %B}|{short_day(day)}|{full_day(day)}')\n"
    )
    # A German locale with English words asked for: the names come from the words'
    # language (the catalogue), never from the process locale.
    environment = {**os.environ, **german_locale(tmp_path), "LANG": "de_DE.UTF-8", "LANGUAGE": "en"}
    result = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=True
    )
    by_strftime, short, full = result.stdout.strip().split("|")
    assert by_strftime == "Mi Dezember"  # the locale is in force
    assert (short, full) == ("Wed 2 Dec", "Wednesday 2 December 2026")


def test_no_date_is_formatted_by_hand_outside_wording() -> None:
    # Storage writes machine stamps (backup names, stored times): digits only, no names.
    named = {
        name: LOCALE_DIRECTIVE.findall(text)
        for name, text in python_files(excluding=("domain/wording.py",))
        if LOCALE_DIRECTIVE.search(text) and name not in PENDING
    }
    assert named == {}
    by_hand = {
        name: HAND_FORMAT.findall(text)
        for name, text in python_files(excluding=("domain/wording.py", "storage/"))
        if HAND_FORMAT.search(text) and name not in PENDING
    }
    assert by_hand == {}


# --- the disclaimer --------------------------------------------------------------------


def test_the_disclaimer_is_written_once() -> None:
    sentence = re.compile(r"not\s+medical\s+advice", re.IGNORECASE)
    holders = [name for name, text in python_files(excluding=()) if sentence.search(text)]
    assert holders == ["domain/wording.py"]
    assert not_medical_advice() == "Legday gives general information, not medical advice."


# --- gettext ---------------------------------------------------------------------------


GERMAN = {
    "Legday gives general information, not medical advice.": (
        "Legday gibt allgemeine Auskünfte, keinen ärztlichen Rat."
    ),
    "short weekday\x04Wed": "Mi",
    "short weekday\x04Thu": "Do",
    "short weekday\x04Sat": "Sa",
    "short month\x04Dec": "Dez",
    "Wednesday": "Mittwoch",
    "December": "Dezember",
    "date like Wed 2 Dec\x04{weekday} {day} {month}": "{weekday}, {day}. {month}",
    "date like Wednesday 2 December 2026\x04{weekday} {day} {month} {year}": (
        "{weekday}, {day}. {month} {year}"
    ),
    "Left {part}": "{part} links",
    "quad": "Quadrizeps",
    "Quads": "Quadrizeps",
    "likely {days}": "voraussichtlich {days}",
    "one day\x00{count} days": "ein Tag\x00{count} Tage",
}


@pytest.fixture
def german(tmp_path: Path) -> Iterator[Path]:
    """A German catalogue in tmp_path, in use for the test; English again afterwards."""
    write_catalogue(tmp_path / "de" / "LC_MESSAGES" / "legday.mo", GERMAN)
    wording.use_language(["de"], folder=tmp_path)
    try:
        yield tmp_path
    finally:
        wording.use_language()  # as on import: whatever the environment asks for


def test_a_catalogue_translates_the_shared_words(german: Path) -> None:
    assert not_medical_advice() == "Legday gibt allgemeine Auskünfte, keinen ärztlichen Rat."
    assert short_day(WEDNESDAY) == "Mi, 2. Dez"
    assert full_day(WEDNESDAY) == "Mittwoch, 2. Dezember 2026"
    assert wording.ngettext("one day", "{count} days", 3).format(count=3) == "3 Tage"


def test_a_catalogue_translates_names_and_readiness_already_imported(german: Path) -> None:
    # The catalogue of regions was built before the language changed: it follows anyway.
    assert region_by_id("quadriceps.left").name == "Quadrizeps links"
    assert group_by_id("quadriceps").name == "Quadrizeps"
    item = Readiness("quadriceps", (dt.date(2026, 12, 3), dt.date(2026, 12, 5)), "")
    assert readiness_words(item, WEDNESDAY) == "voraussichtlich Do, 3. Dez–Sa, 5. Dez"


def test_untranslated_words_stay_english(german: Path) -> None:
    assert region_by_id("calves.right").name == "Right calf"
    assert long_day(WEDNESDAY) == "Mi 2 Dezember 2026"  # names translated, not the pattern


def test_the_environment_chooses_the_language(
    german: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    wording.use_language(folder=german)
    assert short_day(WEDNESDAY) == "Mi, 2. Dez"
    monkeypatch.setenv("LANGUAGE", "sv")
    wording.use_language(folder=german)
    assert short_day(WEDNESDAY) == "Wed 2 Dec"


def test_the_language_in_use_is_the_catalogue_s(german: Path) -> None:
    assert wording.language() == "de"
    write_catalogue(german / "de_AT" / "LC_MESSAGES" / "legday.mo", GERMAN)
    wording.use_language(["de_AT.UTF-8", "de"], folder=german)
    assert wording.language() == "de-AT"  # a language tag, as a PDF's /Lang wants it
    wording.use_language(["sv", "de"], folder=german)  # no Swedish: the next one asked for
    assert wording.language() == "de"


def test_english_without_a_catalogue() -> None:
    wording.use_language(["xx"])  # a language nobody translates into
    try:
        assert wording.language() == "en"
        assert short_day(WEDNESDAY) == "Wed 2 Dec"
        assert region_by_id("quadriceps.left").name == "Left quad"
    finally:
        wording.use_language()
