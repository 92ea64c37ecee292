"""The one error type the domain raises for values that break its rules."""

from legday_desktop.domain.wording import _


class DomainError(ValueError):
    """A value breaks a domain rule; the message says which field and what is wrong.

    ``field`` names the offending field (``level``, ``region``, ``date`` …) so that
    importers can point at the column or JSON key.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def check_text(value: object, field: str, max_length: int) -> str:
    """Return ``value`` if it is storable text of at most ``max_length`` characters."""
    if not isinstance(value, str):
        raise DomainError(field, f"must be text, got {type(value).__name__}")
    if len(value) > max_length:
        raise DomainError(field, f"is {len(value)} characters long; at most {max_length} are kept")
    if value.isascii():
        return value  # the common case, and plain ASCII is always valid text
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from broken JSON escapes) cannot be stored or exported.
        raise DomainError(field, _("contains a character that is not valid Unicode text")) from None
    return value
