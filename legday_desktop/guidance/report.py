"""Advice as text for a terminal, or as JSON for tools (``legday advice``)."""

from __future__ import annotations

import json
import textwrap

from legday_desktop.guidance.advice import Advice

NOT_MEDICAL_ADVICE = "Legday gives general information, not medical advice."
PHASE_LABELS = {
    "no_leg_day": "no leg day logged yet",
    "early": "the first day or so",
    "peak": "usually the sorest days",
    "fading": "soreness easing",
}


def _day(date: object) -> str:
    import datetime as dt

    assert isinstance(date, dt.date)
    return f"{date:%a} {date.day} {date:%b}"


def advice_text(advice: Advice) -> str:
    """Warnings first, then alerts, tips with their reasons, and readiness."""
    wrap = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    lines = [
        f"Legday advice for {advice.date:%A} {advice.date.day} {advice.date:%B %Y} "
        f"({PHASE_LABELS[advice.phase]})",
        NOT_MEDICAL_ADVICE,
        "",
    ]
    if advice.urgent:
        lines.append("SEEK MEDICAL ATTENTION")
        for chosen in advice.urgent:
            lines.append(f"  ! {chosen.tip.title} — {chosen.reason}")
            lines.extend(wrap.wrap(chosen.tip.body))
        lines.append("")
    if advice.alerts:
        lines.append("Patterns that are not ordinary soreness")
        lines.extend(f"  ! {alert.message}" for alert in advice.alerts)
        lines.append("")
    others = [chosen for chosen in advice.tips if not chosen.urgent]
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
            if item.ready_on is None:
                when = "later than expected"
            elif item.ready_on <= advice.date:
                when = "back to 2 or less now"
            else:
                when = f"from {_day(item.ready_on)}"
            lines.append(f"  {item.label}: {when} ({item.basis})")
        if advice.alerts or advice.urgent:
            lines.append("Next leg day: have the warnings above checked first")
        elif advice.next_leg_day is not None:
            lines.append(f"Next leg day: likely fine from {_day(advice.next_leg_day)}")
    return "\n".join(lines).rstrip() + "\n"


def advice_json(advice: Advice) -> str:
    """The same selection as JSON: ids, titles, reasons, alerts, readiness per group."""
    document = {
        "date": advice.date.isoformat(),
        "phase": advice.phase,
        "note": NOT_MEDICAL_ADVICE,
        "alerts": [
            {"kind": alert.kind, "message": alert.message, "region": alert.region_id}
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
                "source": chosen.tip.source,
            }
            for chosen in advice.tips
        ],
        "readiness": [
            {
                "group": item.group,
                "name": item.label,
                "ready_on": None if item.ready_on is None else item.ready_on.isoformat(),
                "basis": item.basis,
            }
            for item in advice.readiness
        ],
        "next_leg_day": None if advice.next_leg_day is None else advice.next_leg_day.isoformat(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
