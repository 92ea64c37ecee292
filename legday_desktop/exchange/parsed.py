"""What a parsed import file yields: a journal plus where each record came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from legday_desktop.domain.journal import Journal

# A record's key: ("leg_day", date), ("rating", date, region_id) or ("check_in", date).
RecordKey = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class ParsedImport:
    """A validated import: the records, and for each its place in the file (``FILE:LINE``).

    ``leg_days_are_references`` is True for CSV files, whose leg days are only dates:
    they are created where missing, never compared with stored ones.
    """

    journal: Journal
    origins: dict[RecordKey, str] = field(default_factory=dict)
    leg_days_are_references: bool = False
