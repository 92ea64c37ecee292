"""Today's guidance for one date: the alerts, the tips chosen with them, and readiness.

Everything in guidance is plain data in, plain data out, so each rule can be tested on
its own: ``context`` says what the rules see, ``alerts`` finds the warnings, ``tips``
chooses what to do, ``readiness`` says when each group is likely ready to train again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from legday_desktop.domain.check_ins import Severity
from legday_desktop.guidance.alerts import Alert, find_alerts
from legday_desktop.guidance.content import Tip
from legday_desktop.guidance.context import AdviceContext
from legday_desktop.guidance.readiness import Readiness, readiness
from legday_desktop.guidance.tips import ChosenTip, choose_tips, phase_of


@dataclass(frozen=True, slots=True)
class Advice:
    """Everything chosen for one date: alerts (urgent first), tips (warnings first), readiness."""

    date: dt.date
    days_after: int | None
    phase: str
    alerts: tuple[Alert, ...]
    tips: tuple[ChosenTip, ...]
    readiness: tuple[Readiness, ...]

    @property
    def urgent_alerts(self) -> tuple[Alert, ...]:
        return tuple(alert for alert in self.alerts if alert.severity is Severity.URGENT)

    @property
    def check_alerts(self) -> tuple[Alert, ...]:
        return tuple(alert for alert in self.alerts if alert.severity is Severity.CHECK)

    @property
    def urgent(self) -> tuple[ChosenTip, ...]:
        """The tips that say what to do about an urgent warning."""
        return tuple(chosen for chosen in self.tips if chosen.urgent)

    @property
    def next_leg_day_between(self) -> tuple[dt.date, dt.date] | None:
        """The range in which every rated group is likely back to 2 or less.

        None when there is no honest date: whenever any warning stands (a date to train
        next to "get it checked" would be the wrong message), or any group has none.
        """
        if self.alerts or not self.readiness:
            return None
        ranges = [item.ready_between for item in self.readiness]
        if any(found is None for found in ranges):
            return None
        known = [found for found in ranges if found is not None]
        return max(first for first, _ in known), max(last for _, last in known)

    @property
    def next_leg_day(self) -> dt.date | None:
        """The first day of ``next_leg_day_between`` (None: no honest date)."""
        between = self.next_leg_day_between
        return None if between is None else between[0]


def choose_advice(context: AdviceContext, tips: Sequence[Tip]) -> Advice:
    """Alerts for the reported symptoms and the ratings, the tips that fit, and readiness."""
    alerts = find_alerts(context)
    phase = phase_of(context)
    return Advice(
        context.date,
        context.days_after,
        phase,
        alerts,
        choose_tips(context, alerts, tips, phase),
        readiness(context, alerts),
    )
