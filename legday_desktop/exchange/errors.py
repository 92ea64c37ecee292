"""The error an import file raises: where in the file (line or JSON path), which field, what."""

from __future__ import annotations

from legday_desktop.domain.wording import ngettext

# Longest field name and problem a message shows: a file can hold a megabyte in one value.
_MAX_FIELD, _MAX_PROBLEM = 100, 500


class ImportFileError(ValueError):
    """A file cannot be imported; ``str()`` is ``FILE:WHERE: field: problem`` for the user.

    ``where`` is a line number for CSV, a JSON path for JSON, or empty for the whole file.
    ``str()`` is one printable line whatever the file holds; ``field`` and ``problem``
    keep the full text.
    """

    def __init__(self, source: str, where: str, field: str, problem: str) -> None:
        place = f"{source}:{where}" if where else source
        super().__init__(
            f"{place}: {_one_line(field, _MAX_FIELD)}: {_one_line(problem, _MAX_PROBLEM)}"
        )
        self.source = source
        self.where = where
        self.field = field
        self.problem = problem


def _one_line(text: str, limit: int) -> str:
    """``text`` with unprintables escaped, shortened in the middle to about ``limit``."""
    head = _escaped(text[:limit])
    if len(text) <= limit and sum(map(len, head)) <= limit:
        return "".join(head)
    head = _fitting(head, limit * 2 // 3)
    tail = _fitting(_escaped(text[-(limit // 3) :])[::-1], limit // 3)[::-1]
    omitted = len(text) - len(head) - len(tail)
    left_out = ngettext("[… {count} character …]", "[… {count} characters …]", omitted)
    return "".join(head) + left_out.format(count=omitted) + "".join(tail)


def _escaped(text: str) -> list[str]:
    """Each character as shown: line breaks, NUL, BOM, lone surrogates … as escapes."""
    return [c if c.isprintable() else c.encode("unicode_escape").decode() for c in text]


def _fitting(shown: list[str], limit: int) -> list[str]:
    """The first of ``shown`` that fit in ``limit`` characters together."""
    total = 0
    for count, piece in enumerate(shown):
        total += len(piece)
        if total > limit:
            return shown[:count]
    return shown
