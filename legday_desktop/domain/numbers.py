"""Numbers in the words of the current language: the thousands separator and decimal mark.

The catalogue says which marks a language uses (German: ``12.345`` and ``1,5``), so a
count or a size reads right in the language the words are in.
"""

from __future__ import annotations

from legday_desktop.domain.wording import pgettext


def grouped(count: int) -> str:
    """``12,345`` (German ``12.345``)."""
    return f"{count:,}".replace(",", pgettext("thousands separator, as in 12,345", ","))


def decimal(number: str) -> str:
    """``1.5`` as the language writes it (German ``1,5``); ``number`` is formatted already."""
    return number.replace(".", pgettext("decimal mark, as in 1.5", "."))
