"""The 0–10 soreness scale, what the pain is like, and one rating of one region on one day."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter

from legday_desktop.domain.errors import DomainError, check_text
from legday_desktop.domain.regions import REGION_IDS, region_by_id
from legday_desktop.domain.wording import N_, _

MIN_LEVEL = 0
MAX_LEVEL = 10
MAX_NOTE_LENGTH = 2000
_KNOWN_REGIONS = frozenset(REGION_IDS)


@dataclass(frozen=True, slots=True)
class ScaleBand:
    """A named stretch of the scale, e.g. 4–6 "moderate": stairs hurt."""

    low: int
    high: int
    english_label: str
    english_meaning: str
    english_short_label: str = ""  # where the label does not fit: "worst"

    @property
    def label(self) -> str:
        """``moderate``, in the current language."""
        return _(self.english_label)

    @property
    def meaning(self) -> str:
        """``stairs hurt``, in the current language."""
        return _(self.english_meaning)

    @property
    def short_label(self) -> str:
        """The label in a narrow space (one cell of the scale)."""
        return _(self.english_short_label) if self.english_short_label else self.label


SCALE: tuple[ScaleBand, ...] = (
    ScaleBand(0, 0, N_("none"), N_("no soreness at all")),
    ScaleBand(1, 3, N_("mild"), N_("noticed when moving")),
    ScaleBand(4, 6, N_("moderate"), N_("stairs hurt")),
    ScaleBand(7, 9, N_("severe"), N_("hard to move normally")),
    ScaleBand(
        10, 10, N_("worst imaginable"), N_("the worst soreness you can imagine"), N_("worst")
    ),
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


class PainQuality(enum.StrEnum):
    """What the pain of a rated region is like; the values are the ids stored and exported.

    A dull ache or tenderness is how DOMS feels; sharp or burning pain is not DOMS (see
    guidance.alerts).
    """

    DULL = "dull"
    SHARP = "sharp"
    BURNING = "burning"
    TIGHT = "tight"

    @property
    def label(self) -> str:
        """How the quality is named wherever it is shown (``Sharp or stabbing``)."""
        return _(_QUALITY_LABELS[self])

    @property
    def is_typical_of_doms(self) -> bool:
        return self in (PainQuality.DULL, PainQuality.TIGHT)


_QUALITY_LABELS = {
    PainQuality.DULL: N_("Dull ache or tender"),
    PainQuality.SHARP: N_("Sharp or stabbing"),
    PainQuality.BURNING: N_("Burning or tingling"),
    PainQuality.TIGHT: N_("Tight or cramping"),
}
QUALITY_IDS = tuple(quality.value for quality in PainQuality)
_QUALITY_BY_ID: dict[str | None, PainQuality | None] = {
    None: None,
    **{quality.value: quality for quality in PainQuality},
}


def parse_quality(text: str | None) -> PainQuality | None:
    """The quality with this id (None for None), or a DomainError listing the known ids."""
    try:
        return _QUALITY_BY_ID[text]
    except (KeyError, TypeError):
        known = ", ".join(QUALITY_IDS)
        raise DomainError(
            "quality", f"unknown pain quality {text!r}; known: {known} (or none)"
        ) from None


@dataclass(frozen=True, slots=True)
class SorenessRating:
    """The level one region had on one calendar day. No rating at all means "not rated".

    ``quality`` says what the pain is like; None when the person did not say.
    """

    date: dt.date
    region_id: str
    level: int
    note: str = ""
    quality: PainQuality | None = None

    def __post_init__(self) -> None:
        # Ratings come by the hundred thousand from imports and exports: the common case
        # (a date, a known region, a whole level, a short plain note) is checked at once,
        # and anything else by the checks that say what is wrong.
        date, level, note, quality = self.date, self.level, self.note, self.quality
        if (
            (quality is None or type(quality) is PainQuality)
            and type(date) is dt.date
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
        if quality is not None and not isinstance(quality, PainQuality):
            raise DomainError("quality", f"must be a pain quality or none, got {quality!r}")


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
    # Empty when no rating says what its pain is like (older journals and files).
    qualities: Sequence[PainQuality | None] = ()

    @classmethod
    def of(cls, ratings: Iterable[SorenessRating]) -> RatingColumns:
        ordered = sorted(ratings, key=attrgetter("date", "region_id"))
        qualities = [rating.quality for rating in ordered]
        return cls(
            [rating.date for rating in ordered],
            [rating.region_id for rating in ordered],
            [rating.level for rating in ordered],
            [rating.note for rating in ordered],
            # Empty, like a journal's read from storage, when none says its quality.
            qualities if any(quality is not None for quality in qualities) else [],
        )

    def __len__(self) -> int:
        return len(self.dates)

    def __iter__(self) -> Iterator[SorenessRating]:
        """Each rating as a checked SorenessRating."""
        qualities = self.qualities or repeat(None, len(self.dates))
        return map(SorenessRating, self.dates, self.region_ids, self.levels, self.notes, qualities)

    def qualities_or_none(self) -> Sequence[PainQuality | None]:
        """Each rating's quality, None where it has none (also when no rating has one)."""
        return self.qualities or [None] * len(self.dates)
