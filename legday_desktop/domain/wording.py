"""Wording every layer shares: dates, the not-medical-advice line, and gettext to translate.

Translations use the standard library's gettext (domain ``legday``, catalogues in
``resources/locale/<language>/LC_MESSAGES/legday.mo``), not Qt's, so the layers below
``ui/`` can use them too. Without a catalogue for the language asked for, the words are
the English written here. Day and month names come from the tables below, never from
strftime's ``%a`` and ``%b``, which follow the process locale (Qt sets it from the
environment): a date reads the same on every machine until a catalogue translates it.

Strings are marked where they are written: ``_("…")`` translates at once; ``N_("…")``
only marks a message kept as data (a catalogue's English), which ``_`` translates where
it is shown. Words are looked up on each call, so ``use_language`` takes effect at once.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legday_desktop.domain.leg_days import LegDay

DOMAIN = "legday"


def _(message: str) -> str:
    """``message`` in the current language."""
    return _state.translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return _state.translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English by ``context``."""
    return _state.translations.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Marks ``message`` for translation and leaves it as it is: ``_`` translates it later."""
    return message


# --- the disclaimer --------------------------------------------------------------------


def not_medical_advice() -> str:
    """The line every screen, report and printout with guidance carries."""
    return _("Legday gives general information, not medical advice.")


def inside_sentence(name: str) -> str:
    """A name as it reads inside a sentence: ``quads`` in English; German nouns keep their capital.

    The catalogue says which: its translation of the question is ``yes`` or ``no``.
    """
    if pgettext("lower-case a name inside a sentence? yes or no", "yes") == "yes":
        return name.lower()
    return name


# --- dates -----------------------------------------------------------------------------
# Each pattern has its own context, shown to translators with an example, so a language
# may order a long date differently from a short one.


def short_day(date: dt.date, *, year: bool = False) -> str:
    """``Wed 2 Dec`` (``Wed 2 Dec 2026`` with the year)."""
    names = _state.calendar
    parts = {
        "weekday": names.short_weekdays[date.weekday()],
        "day": date.day,
        "month": names.short_months[date.month - 1],
    }
    if year:
        return pgettext("date like Wed 2 Dec 2026", "{weekday} {day} {month} {year}").format(
            **parts, year=date.year
        )
    return pgettext("date like Wed 2 Dec", "{weekday} {day} {month}").format(**parts)


def day_range(first: dt.date, last: dt.date) -> str:
    """``Thu 3 Dec–Sat 5 Dec``: two short days, both included."""
    return pgettext("days like Thu 3 Dec–Sat 5 Dec", "{first}–{last}").format(
        first=short_day(first), last=short_day(last)
    )


def long_day(date: dt.date) -> str:
    """``Wed 2 December 2026``: the report's dates (its period, when it was made)."""
    names = _state.calendar
    return pgettext("date like Wed 2 December 2026", "{weekday} {day} {month} {year}").format(
        weekday=names.short_weekdays[date.weekday()],
        day=date.day,
        month=names.months[date.month - 1],
        year=date.year,
    )


def full_day(date: dt.date) -> str:
    """``Wednesday 2 December 2026``: a date standing on its own, in a heading or a message."""
    names = _state.calendar
    return pgettext("date like Wednesday 2 December 2026", "{weekday} {day} {month} {year}").format(
        weekday=names.weekdays[date.weekday()],
        day=date.day,
        month=names.months[date.month - 1],
        year=date.year,
    )


def day_month_year(date: dt.date) -> str:
    """``2 Dec 2026``: a date where the weekday would crowd it (chart titles and legends)."""
    return pgettext("date like 2 Dec 2026", "{day} {month} {year}").format(
        day=date.day, month=_state.calendar.short_months[date.month - 1], year=date.year
    )


def day_and_time(moment: dt.datetime) -> str:
    """``Wed 2 Dec 2026, 14:05``: when a file was made."""
    return pgettext("date and time like Wed 2 Dec 2026, 14:05", "{date}, {time}").format(
        date=short_day(moment, year=True), time=f"{moment.hour:02d}:{moment.minute:02d}"
    )


# --- the language ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CalendarNames:
    """Day and month names in one language, Monday and January first."""

    weekdays: tuple[str, ...]
    short_weekdays: tuple[str, ...]
    months: tuple[str, ...]
    short_months: tuple[str, ...]


def _calendar_names() -> _CalendarNames:
    # Spelled out call by call so that gettext tools find every name; the short forms have
    # a context, as "May" is both a month and its abbreviation.
    return _CalendarNames(
        weekdays=(
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ),
        short_weekdays=(
            pgettext("short weekday", "Mon"),
            pgettext("short weekday", "Tue"),
            pgettext("short weekday", "Wed"),
            pgettext("short weekday", "Thu"),
            pgettext("short weekday", "Fri"),
            pgettext("short weekday", "Sat"),
            pgettext("short weekday", "Sun"),
        ),
        months=(
            _("January"),
            _("February"),
            _("March"),
            _("April"),
            _("May"),
            _("June"),
            _("July"),
            _("August"),
            _("September"),
            _("October"),
            _("November"),
            _("December"),
        ),
        short_months=(
            pgettext("short month", "Jan"),
            pgettext("short month", "Feb"),
            pgettext("short month", "Mar"),
            pgettext("short month", "Apr"),
            pgettext("short month", "May"),
            pgettext("short month", "Jun"),
            pgettext("short month", "Jul"),
            pgettext("short month", "Aug"),
            pgettext("short month", "Sep"),
            pgettext("short month", "Oct"),
            pgettext("short month", "Nov"),
            pgettext("short month", "Dec"),
        ),
    )


SOURCE_LANGUAGE = "en"  # the language the words are written in here


class _State:
    """The catalogue in use, and the calendar names read from it (looked up once)."""

    translations: gettext.NullTranslations = gettext.NullTranslations()
    calendar: _CalendarNames
    language: str = SOURCE_LANGUAGE


_state = _State()


def locale_folder() -> Path:
    """Where the compiled catalogues are: ``resources/locale``."""
    from legday_desktop.resource_files import resource_path

    return resource_path("locale")


def use_language(languages: Sequence[str] | None = None, folder: Path | None = None) -> None:
    """Word everything from now on in the first of ``languages`` that has a catalogue.

    None asks the environment, as gettext does (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``); English when no catalogue fits. ``folder`` is for tests: catalogues from
    elsewhere than ``resources/locale``.
    """
    localedir = folder or locale_folder()
    asked = None if languages is None else list(languages)
    _state.translations = gettext.translation(
        DOMAIN, localedir=localedir, languages=asked, fallback=True
    )
    # gettext.find gives the catalogue gettext.translation chose: .../<language>/LC_MESSAGES/.
    found = gettext.find(DOMAIN, localedir=localedir, languages=asked)
    _state.language = SOURCE_LANGUAGE if found is None else _language_tag(Path(found).parts[-3])
    _state.calendar = _calendar_names()


def _language_tag(folder: str) -> str:
    """A catalogue's folder name as a language tag (BCP 47): ``de``, ``de_AT`` → ``de-AT``."""
    return folder.split(".")[0].split("@")[0].replace("_", "-")


def language() -> str:
    """The language everything is worded in now, as a tag like ``en`` or ``de`` (BCP 47).

    The language of the catalogue ``use_language`` chose; ``en`` when none fitted.
    """
    return _state.language


use_language()


def leg_day_details(leg_day: LegDay) -> list[str]:
    """What was done, as far as recorded: ``["Squat, Lunge", "effort 8/10", "60 min"]``."""
    parts = []
    if leg_day.exercises:
        parts.append(", ".join(leg_day.exercises))
    if leg_day.rpe is not None:
        parts.append(f"effort {leg_day.rpe}/10")
    if leg_day.duration_minutes is not None:
        parts.append(f"{leg_day.duration_minutes} min")
    return parts
