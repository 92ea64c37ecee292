"""Today's guidance for a date, read from the journal and chosen by the guidance rules."""

from __future__ import annotations

import datetime as dt

from legday_desktop.domain.recovery import MAX_DAYS_SHOWN, SideMode
from legday_desktop.guidance.advice import Advice, choose_advice
from legday_desktop.guidance.alerts import TRAINING_DAY_LOOK_BACK, Alert
from legday_desktop.guidance.content import load_tips
from legday_desktop.guidance.context import SYMPTOM_DAYS, AdviceContext
from legday_desktop.services.journal import JournalService

HISTORY_LEG_DAYS = 12  # earlier leg days looked at for the readiness estimate


def advice_context(service: JournalService, date: dt.date) -> AdviceContext:
    """What the rules need for ``date``: its leg day, that window's ratings and check-ins.

    The check-ins cover the last SYMPTOM_DAYS days whatever the leg day, so a reported
    symptom keeps its warning across a new leg day. Raises JournalError if the journal
    cannot be read.
    """
    # The leg day and the earlier ones of the readiness history: never the whole journal.
    leg_days = service.recent_leg_days(date, HISTORY_LEG_DAYS + 1)
    leg_day = leg_days[-1] if leg_days else None
    first = leg_day.date if leg_day else date - dt.timedelta(days=7)
    first = max(first, date - dt.timedelta(days=MAX_DAYS_SHOWN))
    earlier = tuple(leg_days[-HISTORY_LEG_DAYS - 1 : -1])
    # Readiness goes by the sorer side: one sore leg is not ready because the other is.
    earlier_values = service.day_values(earlier[0].date, date, SideMode.MAX) if earlier else None
    check_ins_from = min(first, date - dt.timedelta(days=SYMPTOM_DAYS - 1))
    # A few days before the leg day too: soreness carried over from an earlier session.
    ratings_from = first - dt.timedelta(days=TRAINING_DAY_LOOK_BACK) if leg_day else first
    return AdviceContext(
        date=date,
        leg_day=leg_day,
        ratings=service.ratings_between(ratings_from, date),
        check_ins=service.check_ins_between(check_ins_from, date),
        earlier_leg_days=earlier,
        earlier_values=earlier_values,
        profile=service.profile(),
    )


def advice_for(service: JournalService, date: dt.date) -> Advice:
    """Warnings, alerts, tips with reasons and readiness for ``date``."""
    return choose_advice(advice_context(service, date), load_tips())


def standing_urgent_symptoms(service: JournalService, date: dt.date) -> tuple[Alert, ...]:
    """The urgent warnings about reported symptoms that still stand on ``date``.

    Logging a leg day while one stands deserves a word: it did not go away.
    """
    return tuple(
        alert for alert in advice_for(service, date).urgent_alerts if alert.symptom is not None
    )
