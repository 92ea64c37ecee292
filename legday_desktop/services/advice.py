"""Today's guidance for a date, read from the journal and chosen by the guidance rules."""

from __future__ import annotations

import datetime as dt

from legday_desktop.domain.recovery import MAX_DAYS_SHOWN, SideMode
from legday_desktop.guidance.advice import Advice, AdviceContext, choose_advice
from legday_desktop.guidance.content import load_tips
from legday_desktop.services.journal import JournalService

HISTORY_LEG_DAYS = 12  # earlier leg days looked at for the readiness estimate


def advice_context(service: JournalService, date: dt.date) -> AdviceContext:
    """What the rules need for ``date``: its leg day, that window's ratings, the check-in.

    Raises JournalError if the journal cannot be read.
    """
    leg_days = [leg_day for leg_day in service.leg_days() if leg_day.date <= date]
    leg_day = leg_days[-1] if leg_days else None
    first = leg_day.date if leg_day else date - dt.timedelta(days=7)
    first = max(first, date - dt.timedelta(days=MAX_DAYS_SHOWN))
    earlier = tuple(leg_days[-HISTORY_LEG_DAYS - 1 : -1])
    earlier_values = service.day_values(earlier[0].date, date, SideMode.MEAN) if earlier else None
    return AdviceContext(
        date=date,
        leg_day=leg_day,
        ratings=service.ratings_between(first, date),
        check_in=service.overview(date).check_in,
        earlier_leg_days=earlier,
        earlier_values=earlier_values,
    )


def advice_for(service: JournalService, date: dt.date) -> Advice:
    """Warnings, alerts, tips with reasons and readiness for ``date``."""
    return choose_advice(advice_context(service, date), load_tips())
