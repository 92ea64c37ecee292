"""Advice as text for a terminal, or as JSON for tools (``legday advice``)."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import Any

from legday_desktop.domain.check_ins import Severity
from legday_desktop.domain.wording import _, day_range, full_day, not_medical_advice, short_day
from legday_desktop.guidance.advice import Advice
from legday_desktop.guidance.alerts import Alert
from legday_desktop.guidance.readiness import EARLIEST_DAY, Readiness

PHASE_LABELS = {
    "no_leg_day": "no leg day logged yet",
    "early": "the first day or so",
    "peak": "usually the sorest days",
    "fading": "soreness easing",
}


def readiness_words(item: Readiness, today: dt.date) -> str:
    """``likely Thu 3 Dec–Sat 5 Dec``, ``back to 2 or less now`` or ``no date yet``."""
    between = item.ready_between
    if between is None:
        return _("no date yet")
    first, last = between
    if last <= today:
        return _("back to 2 or less now")
    if first == last:
        return _("likely {day}").format(day=short_day(first))
    return _("likely {days}").format(days=day_range(first, last))


def next_leg_day_words(advice: Advice) -> str:
    """The line about the next leg day, or why there is no date for it."""
    if advice.urgent_alerts:
        return _("Next leg day: have the urgent warning seen to first")
    if advice.alerts:
        return _("Next leg day: no date while a warning stands; see how it goes first")
    between = advice.next_leg_day_between
    if between is None:
        if not advice.readiness:
            return ""
        if advice.days_after is not None and advice.days_after < EARLIEST_DAY:
            return _("Next leg day: too early to tell; soreness usually peaks 1–3 days after")
        return _("Next leg day: no date yet, as not every group has one")
    first, last = between
    if last <= advice.date:
        return _("Next leg day: your rated groups are back to 2 or less")
    if first == last:
        return _("Next leg day: likely fine on {day}").format(day=short_day(first))
    return _("Next leg day: likely fine from {days}").format(days=day_range(first, last))


def _alert_lines(alerts: tuple[Alert, ...], wrap: textwrap.TextWrapper) -> list[str]:
    lines = []
    for alert in alerts:
        lines.extend(wrap.wrap(f"! {alert.title}: {alert.message}"))
    return lines


def advice_text(advice: Advice) -> str:
    """Urgent warnings first, then those to check, tips with their reasons, and readiness."""
    wrap = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    first_line = textwrap.TextWrapper(width=88, initial_indent="  ", subsequent_indent="    ")
    lines = [
        f"Legday advice for {full_day(advice.date)} ({PHASE_LABELS[advice.phase]})",
        not_medical_advice(),
        "",
    ]
    for heading, alerts in (
        (Severity.URGENT.heading.upper(), advice.urgent_alerts),
        (Severity.CHECK.heading.upper(), advice.check_alerts),
    ):
        if alerts:
            lines.append(heading)
            lines.extend(_alert_lines(alerts, first_line))
            lines.append("")
    warnings = [chosen for chosen in advice.tips if chosen.is_warning]
    if warnings:
        lines.append("What to do")
        for chosen in warnings:
            lines.append(f"  • {chosen.tip.title}")
            lines.extend(wrap.wrap(chosen.tip.body))
            lines.extend(wrap.wrap(f"Source: {chosen.tip.source}"))
        lines.append("")
    others = [chosen for chosen in advice.tips if not chosen.is_warning]
    if others:
        lines.append("Tips for today")
        for chosen in others:
            lines.append(f"  • {chosen.tip.title} ({chosen.tip.evidence})")
            lines.extend(wrap.wrap(f"Why: {chosen.reason}"))
            lines.extend(wrap.wrap(chosen.tip.body))
            lines.extend(wrap.wrap(f"Source: {chosen.tip.source}"))
        lines.append("")
    if advice.readiness:
        lines.append("When each group is likely back to 2 or less")
        for item in advice.readiness:
            lines.append(f"  {item.label}: {readiness_words(item, advice.date)} ({item.basis})")
        lines.append(next_leg_day_words(advice))
    return "\n".join(lines).rstrip() + "\n"


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _iso_range(between: tuple[dt.date, dt.date] | None) -> list[str] | None:
    return None if between is None else [between[0].isoformat(), between[1].isoformat()]


def advice_document(advice: Advice) -> dict[str, Any]:
    """The advice as plain JSON data (see PRODUCT.md, ``legday advice --json``)."""
    return {
        "date": advice.date.isoformat(),
        "phase": advice.phase,
        "note": not_medical_advice(),
        "alerts": [
            {
                "kind": alert.kind.value,
                "severity": alert.severity.value,
                "title": alert.title,
                "message": alert.message,
                "region": alert.region_id,
                "groups": list(alert.groups),
                "symptom": None if alert.symptom is None else alert.symptom.value,
            }
            for alert in advice.alerts
        ],
        "tips": [
            {
                "id": chosen.tip.id,
                "title": chosen.tip.title,
                "category": chosen.tip.category,
                "evidence": chosen.tip.evidence,
                "reason": chosen.reason,
                "urgent": chosen.urgent,
                "severity": None if chosen.severity is None else chosen.severity.value,
                "suits": sorted(chosen.tip.suits),
                "source": chosen.tip.source,
            }
            for chosen in advice.tips
        ],
        "readiness": [
            {
                "group": item.group,
                "name": item.label,
                "ready_on": _iso(item.ready_on),
                "ready_between": _iso_range(item.ready_between),
                "basis": item.basis,
            }
            for item in advice.readiness
        ],
        "next_leg_day": _iso(advice.next_leg_day),
        "next_leg_day_between": _iso_range(advice.next_leg_day_between),
    }


def advice_json(advice: Advice) -> str:
    """The same selection as JSON: alerts with severity, tips, readiness per group."""
    return json.dumps(advice_document(advice), indent=2, ensure_ascii=False) + "\n"
