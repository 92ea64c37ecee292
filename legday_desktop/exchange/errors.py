"""The error an import file raises: where in the file (line or JSON path), which field, what."""

from __future__ import annotations


class ImportFileError(ValueError):
    """A file cannot be imported; ``str()`` is ``FILE:WHERE: field: problem`` for the user.

    ``where`` is a line number for CSV, a JSON path for JSON, or empty for the whole file.
    """

    def __init__(self, source: str, where: str, field: str, problem: str) -> None:
        place = f"{source}:{where}" if where else source
        super().__init__(f"{place}: {field}: {problem}")
        self.source = source
        self.where = where
        self.field = field
        self.problem = problem
