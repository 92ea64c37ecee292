"""What a parsed import file yields: a journal plus where in the file each record stood."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from legday_desktop.domain.journal import Journal
from legday_desktop.exchange.errors import ImportFileError

# A record's key: ("leg_day", date), ("rating", date, region_id) or ("check_in", date).
RecordKey = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class ParsedImport:
    """A validated import: its records, and the line or JSON path of each in ``source``.

    ``declared_leg_days`` is set for CSV files, whose leg days are only dates: for each
    rating, the leg_day_date its row gave. Such leg days are created where missing and
    never compared with stored ones.
    """

    source: str
    journal: Journal
    places: dict[RecordKey, str] = field(default_factory=dict)
    declared_leg_days: dict[RecordKey, dt.date | None] | None = None

    @property
    def leg_days_are_references(self) -> bool:
        return self.declared_leg_days is not None

    def error_at(self, key: RecordKey, field: str, problem: str) -> ImportFileError:
        """An error pointing at the line or JSON path of the record ``key``."""
        return ImportFileError(self.source, self.places.get(key, ""), field, problem)
