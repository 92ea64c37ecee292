"""The personal soreness forecast of a leg day, read from the journal a service holds open."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.forecast import Forecast, forecast_leg_day
from legday_desktop.domain.numbers import decimal
from legday_desktop.domain.regions import group_by_id
from legday_desktop.domain.wording import _, ngettext
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
        raise NoSuchLegDayError(
            _("{problem}; give the date of a leg day").format(problem=error.problem)
        ) from error


def forecast_text(forecast: Forecast) -> str:
    """The forecast as a person reads it: per group, days 1–7 with their range, the basis."""
    basis = forecast.basis
    without_sets = bool(forecast.groups) and all(one.load is None for one in forecast.groups)
    if without_sets:
        about = _(
            "This leg day has no logged sets, so it is the typical course for the groups its "
            "exercises load (import its workout to forecast from its load)."
        )
    elif forecast.typical_course_only:
        if basis:
            about = ngettext(
                "Still the typical course: Legday needs leg days with both logged sets and "
                "ratings to learn how your soreness answers a load (it has {count}).",
                "Still the typical course: Legday needs leg days with both logged sets and "
                "ratings to learn how your soreness answers a load (it has {count}).",
                basis,
            ).format(count=basis)
        else:
            about = _(
                "Still the typical course: Legday needs leg days with both logged sets and "
                "ratings to learn how your soreness answers a load."
            )
    else:
        about = ngettext(
            "Learnt from {count} of your leg day with sets and ratings.",
            "Learnt from {count} of your leg days with sets and ratings.",
            basis,
        ).format(count=basis)
    error = forecast.leave_one_out_error
    if error is not None:
        about += " " + _(
            "Checked on each of them left out in turn, it was off by {error} on average."
        ).format(error=decimal(f"{error:.1f}"))
    elif not forecast.typical_course_only:
        about += " " + _("How far off it tends to be is told from 6 such leg days.")
    lines = [
        _("Forecast for the leg day of {date} (80 % range):").format(
            date=forecast.leg_day.isoformat()
        ),
        about,
    ]
    for group in forecast.groups:
        days = "  ".join(
            _("d{day} {level} ({low}–{high})").format(
                day=day.day,
                level=decimal(f"{day.level:.1f}"),
                low=f"{day.low:.0f}",
                high=f"{day.high:.0f}",
            )
            for day in group.days
        )
        lines.append(_("{group}: {days}").format(group=group_by_id(group.group_id).name, days=days))
    if not forecast.groups:
        lines.append(_("No muscle group is loaded by this leg day's exercises."))
    lines.append(_("A forecast, not a promise: your own ratings come first."))
    return "\n".join(lines) + "\n"
