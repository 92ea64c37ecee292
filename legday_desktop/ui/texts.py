"""Wording shared by widgets: "day N after", leg-day summaries, scale bands, rich-text escapes.

Dates and the not-medical-advice line are worded for every layer in ``domain.wording``.
"""

from __future__ import annotations

import datetime as dt

from legday_desktop.domain.journal import DayOverview
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import RECOVERY_WINDOW_DAYS
from legday_desktop.domain.regions import region_by_id
from legday_desktop.domain.soreness import band_of
from legday_desktop.domain.wording import _, leg_day_details, ngettext, short_day


def escape(text: str) -> str:
    """Text made safe for Qt rich text (the html module costs half a megabyte at start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_date(date: dt.date, today: dt.date) -> str:
    """``Mon 23 Nov``, with the year when it is not this year's."""
    return short_day(date, year=date.year != today.year)


def days_after_headline(overview: DayOverview) -> str:
    """``Day 2 after leg day``, ``Leg day today``, ``No leg day yet`` (or past the window).

    Past the recovery window the count stops: ``No leg day in the last 10 days``.
    """
    days = overview.days_after
    if days is None:
        return _("No leg day yet")
    if days == 0:
        return _("Leg day today")
    if days > RECOVERY_WINDOW_DAYS:
        return ngettext(
            "No leg day in the last {count} day",
            "No leg day in the last {count} days",
            RECOVERY_WINDOW_DAYS,
        ).format(count=RECOVERY_WINDOW_DAYS)
    return _("Day {day} after leg day").format(day=days)


def leg_day_summary(leg_day: LegDay, today: dt.date) -> str:
    """``Squat day · Mon 23 Nov · Squat, Lunge · effort 8/10 · 60 min``."""
    parts = [leg_day.display_title, short_date(leg_day.date, today), *leg_day_details(leg_day)]
    return " · ".join(parts)


def level_meaning(level: int | None) -> str:
    """``moderate — stairs hurt``, or ``not rated`` for no value."""
    if level is None:
        return _("not rated")
    band = band_of(level)
    return _("{band} — {meaning}").format(band=band.label, meaning=band.meaning)


def region_with_level(region_id: str, level: int | None) -> str:
    """``Left quad — 6, moderate`` or ``Left quad — not rated``."""
    name = region_by_id(region_id).name
    if level is None:
        return _("{region} — not rated").format(region=name)
    return _("{region} — {level}, {band}").format(
        region=name, level=level, band=band_of(level).label
    )


def leg_day_banner(overview: DayOverview, today: dt.date) -> str:
    """``Day 2 after leg day · Tue 17 Nov (squat, lunge)``; before any, what to do first."""
    leg_day = overview.leg_day
    if leg_day is None:
        return _("No leg day yet · log one (Ctrl+L), then click where it hurts")
    what = ", ".join(name.lower() for name in leg_day.exercises) or leg_day.display_title
    days = overview.days_after
    day = short_date(leg_day.date, today)
    if days is not None and days > RECOVERY_WINDOW_DAYS:
        day = _("the last one {day}").format(day=day)
    return _("{headline} · {day} ({exercises})").format(
        headline=days_after_headline(overview), day=day, exercises=what
    )


def level_band(level: int) -> str:
    """``moderate`` for 5."""
    return band_of(level).label
