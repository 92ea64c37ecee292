"""Strict parsing of the ISO dates, times and whole numbers that export files hold."""

from __future__ import annotations

import datetime as dt
import re

from legday_desktop.domain.wording import _

# [0-9], not \d: \d also matches other scripts' digits, such as Arabic-Indic ones.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?")
# Digits, with a minus only before a number that is not zero: "+5" and "-0" are refused
# alike (a sign that changes nothing is not how a plain number is written).
_WHOLE_NUMBER = re.compile(r"(?!-0+$)-?[0-9]{1,9}")


def parse_iso_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raise ValueError with a reason otherwise."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(_("{text} is not a date in the form YYYY-MM-DD").format(text=repr(text)))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("{text} is not a calendar date").format(text=repr(text))) from None


def parse_iso_time(text: str) -> dt.time:
    """Parse ``HH:MM`` or ``HH:MM:SS``; raise ValueError with a reason otherwise."""
    if not _ISO_TIME.fullmatch(text):
        raise ValueError(_("{text} is not a time in the form HH:MM").format(text=repr(text)))
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(_("{text} is not a time of day").format(text=repr(text))) from None


def format_time(value: dt.time) -> str:
    return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")


def parse_whole_number(text: str) -> int:
    """Parse a plain whole number such as ``7``; raise ValueError with a reason otherwise."""
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError(_("{text} is not a whole number").format(text=repr(text)))
    return int(text)
