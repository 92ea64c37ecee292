"""The personal soreness forecast of a leg day, read from the journal a service holds open."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.forecast import Forecast, forecast_leg_day
from legday_desktop.domain.regions import group_by_id
from legday_desktop.services.opening import JournalError

if TYPE_CHECKING:
    from legday_desktop.services.journal import JournalService


class NoSuchLegDayError(JournalError):
    """There is no leg day on the date asked for."""


def forecast_for(service: JournalService, leg_day: dt.date) -> Forecast:
    """The forecast of the leg day on ``leg_day``, learnt from every other one of the journal.

    NoSuchLegDayError when there is none that day; JournalError if it cannot be read.
    """
    with service.reading() as store:
        journal = store.journal()
        mappings = store.exercise_mappings()
    try:
        return forecast_leg_day(journal, leg_day, mappings)
    except DomainError as error:
        raise NoSuchLegDayError(f"{error.problem}; give the date of a leg day") from error


def forecast_text(forecast: Forecast) -> str:
    """The forecast as a person reads it: per group, days 1–7 with their range, the basis."""
    basis = forecast.basis
    without_sets = bool(forecast.groups) and all(one.load is None for one in forecast.groups)
    if without_sets:
        about = (
            "This leg day has no logged sets, so it is the typical course for the groups its "
            "exercises load (import its workout to forecast from its load)."
        )
    elif forecast.typical_course_only:
        about = (
            "Still the typical course: Legday needs leg days with both logged sets and "
            "ratings to learn how your soreness answers a load"
            + (f" (it has {basis})." if basis else ".")
        )
    else:
        about = (
            f"Learnt from {basis} of your leg day{'' if basis == 1 else 's'} with sets and ratings."
        )
    error = forecast.leave_one_out_error
    if error is not None:
        about += f" Checked on each of them left out in turn, it was off by {error:.1f} on average."
    elif not forecast.typical_course_only:
        about += " How far off it tends to be is told from 6 such leg days."
    lines = [f"Forecast for the leg day of {forecast.leg_day.isoformat()} (80 % range):", about]
    for group in forecast.groups:
        days = "  ".join(
            f"d{day.day} {day.level:.1f} ({day.low:.0f}–{day.high:.0f})" for day in group.days
        )
        lines.append(f"{group_by_id(group.group_id).name}: {days}")
    if not forecast.groups:
        lines.append("No muscle group is loaded by this leg day's exercises.")
    lines.append("A forecast, not a promise: your own ratings come first.")
    return "\n".join(lines) + "\n"
