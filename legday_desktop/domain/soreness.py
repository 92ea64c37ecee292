"""The 0–10 soreness scale with its verbal anchors, and one rating of one region on one day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter

from legday_desktop.domain.errors import DomainError, check_text
from legday_desktop.domain.regions import REGION_IDS, region_by_id

MIN_LEVEL = 0
MAX_LEVEL = 10
MAX_NOTE_LENGTH = 2000
_KNOWN_REGIONS = frozenset(REGION_IDS)


@dataclass(frozen=True, slots=True)
class ScaleBand:
    """A named stretch of the scale, e.g. 4–6 "moderate": stairs hurt."""

    low: int
    high: int
    label: str
    meaning: str


SCALE: tuple[ScaleBand, ...] = (
    ScaleBand(0, 0, "none", "no soreness at all"),
    ScaleBand(1, 3, "mild", "noticed when moving"),
    ScaleBand(4, 6, "moderate", "stairs hurt"),
    ScaleBand(7, 9, "severe", "hard to move normally"),
    ScaleBand(10, 10, "worst imaginable", "the worst soreness you can imagine"),
)


def check_level(value: object) -> int:
    """Return ``value`` as a level, or raise a DomainError saying why it is not one."""
    # bool is an int subclass; True is not a soreness level.
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(
            "level", f"must be a whole number from {MIN_LEVEL} to {MAX_LEVEL}, got {value!r}"
        )
    if not MIN_LEVEL <= value <= MAX_LEVEL:
        raise DomainError("level", f"{value} is outside the scale {MIN_LEVEL}–{MAX_LEVEL}")
    return value


def band_of(level: int) -> ScaleBand:
    """Return the band of the scale that holds ``level``."""
    check_level(level)
    return next(band for band in SCALE if band.low <= level <= band.high)


def check_note(value: object, field: str = "note") -> str:
    """Return ``value`` as a note, or raise a DomainError if it is not text or too long."""
    return check_text(value, field, MAX_NOTE_LENGTH)


@dataclass(frozen=True, slots=True)
class SorenessRating:
    """The level one region had on one calendar day. No rating at all means "not rated"."""

    date: dt.date
    region_id: str
    level: int
    note: str = ""

    def __post_init__(self) -> None:
        # Ratings come by the hundred thousand from imports and exports: the common case
        # (a date, a known region, a whole level, a short plain note) is checked at once,
        # and anything else by the checks that say what is wrong.
        date, level, note = self.date, self.level, self.note
        if (
            type(date) is dt.date
            and type(level) is int
            and MIN_LEVEL <= level <= MAX_LEVEL
            and type(note) is str
            and len(note) <= MAX_NOTE_LENGTH
            and note.isascii()
            and self.region_id in _KNOWN_REGIONS
        ):
            return
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise DomainError("date", f"must be a calendar date, got {date!r}")
        region_by_id(self.region_id)
        check_level(level)
        check_note(note)


@dataclass(frozen=True, slots=True)
class RatingColumns:
    """Ratings in canonical order (date, then region id), held column by column.

    How a whole journal's ratings travel from storage to an export: a few lists instead of
    hundreds of thousands of objects. Built from checked ratings (``of``) or from stored
    rows, which the journal's constraints already hold to the same rules.
    """

    dates: Sequence[dt.date] = ()
    region_ids: Sequence[str] = ()
    levels: Sequence[int] = ()
    notes: Sequence[str] = ()

    @classmethod
    def of(cls, ratings: Iterable[SorenessRating]) -> RatingColumns:
        ordered = sorted(ratings, key=attrgetter("date", "region_id"))
        return cls(
            [rating.date for rating in ordered],
            [rating.region_id for rating in ordered],
            [rating.level for rating in ordered],
            [rating.note for rating in ordered],
        )

    def __len__(self) -> int:
        return len(self.dates)

    def __iter__(self) -> Iterator[SorenessRating]:
        """Each rating as a checked SorenessRating."""
        return map(SorenessRating, self.dates, self.region_ids, self.levels, self.notes)
