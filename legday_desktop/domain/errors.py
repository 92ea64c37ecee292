"""The one error type the domain raises for values that break its rules."""


class DomainError(ValueError):
    """A value breaks a domain rule; the message says which field and what is wrong.

    ``field`` names the offending field (``level``, ``region``, ``date`` …) so that
    importers can point at the column or JSON key.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
