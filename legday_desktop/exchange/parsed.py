"""What a parsed import file yields: a journal plus where in the file each record stood."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from legday_desktop.domain.journal import Journal
from legday_desktop.domain.regions import REGION_IDS
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.exchange.errors import ImportFileError

# A record's key: ("leg_day", date), ("rating", date, region_id) or ("check_in", date).
RecordKey = tuple[object, ...]

_REGION_BIT = {region_id: 1 << index for index, region_id in enumerate(REGION_IDS)}


class RecordPlaces(Mapping[RecordKey, str]):
    """Where each record of an import file stood: its line, or its JSON path.

    A whole journal holds hundreds of thousands of ratings and a message needs the place
    of one, so a rating's place is worked out when asked, from the ratings in file order.
    """

    def __init__(
        self,
        others: Mapping[RecordKey, str],
        ratings_in_file: Sequence[SorenessRating] = (),
        place_of_rating: Callable[[int], str] = str,
    ) -> None:
        self._others = others
        self._ratings = ratings_in_file
        self._place_of_rating = place_of_rating

    def __getitem__(self, key: RecordKey) -> str:
        if key in self._others:
            return self._others[key]
        if len(key) == 3 and key[0] == "rating":
            for index, rating in enumerate(self._ratings):
                if rating.date == key[1] and rating.region_id == key[2]:
                    return self._place_of_rating(index)
        raise KeyError(key)

    def __iter__(self) -> Iterator[RecordKey]:
        yield from self._others
        for rating in self._ratings:
            yield ("rating", rating.date, rating.region_id)

    def __len__(self) -> int:
        return len(self._others) + len(self._ratings)


class RatedRegions:
    """Which regions each date of a file has rated so far, to find a region rated twice.

    One bit per region and one small number per date, instead of a key per rating.
    """

    def __init__(self) -> None:
        self._regions_of: dict[dt.date, int] = {}

    def add(self, date: dt.date, region_id: str) -> bool:
        """Note a rating; False when ``region_id`` was already rated on ``date``."""
        bit = _REGION_BIT[region_id]
        regions = self._regions_of.get(date, 0)
        if regions & bit:
            return False
        self._regions_of[date] = regions | bit
        return True


def first_rating_of(ratings: Sequence[SorenessRating], date: dt.date, region_id: str) -> int:
    """The index of the first rating of ``region_id`` on ``date`` in ``ratings``."""
    return next(
        index
        for index, rating in enumerate(ratings)
        if rating.date == date and rating.region_id == region_id
    )


@dataclass(frozen=True, slots=True)
class ParsedImport:
    """A validated import: its records, and the line or JSON path of each in ``source``.

    ``declared_leg_days`` is set for CSV files, whose leg days are only dates: for each
    rating of ``ratings_in_file`` (the file's ratings in its order), the leg_day_date its
    row gave. Such leg days are created where missing and never compared with stored ones.
    """

    source: str
    journal: Journal
    places: Mapping[RecordKey, str] = field(default_factory=dict)
    ratings_in_file: Sequence[SorenessRating] = ()
    declared_leg_days: Sequence[dt.date | None] | None = None

    @property
    def leg_days_are_references(self) -> bool:
        return self.declared_leg_days is not None

    def error_at(self, key: RecordKey, field: str, problem: str) -> ImportFileError:
        """An error pointing at the line or JSON path of the record ``key``."""
        return ImportFileError(self.source, self.places.get(key, ""), field, problem)
