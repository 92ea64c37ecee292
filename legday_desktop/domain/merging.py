"""Turning an imported journal into one JournalChange against what is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.journal import Journal, JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.profile import Profile
from legday_desktop.domain.regions import region_by_id
from legday_desktop.domain.soreness import SorenessRating


class ImportConflictError(Exception):
    """Imported data disagrees with stored data and replacing was not asked for.

    ``key`` identifies the record in the import (see ``exchange.ParsedImport.places``).
    """

    def __init__(self, key: tuple[object, ...], field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.key = key
        self.field = field
        self.problem = problem


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """How many records of each kind an import added, replaced or found already stored."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class StoredRecords:
    """What the journal holds under the keys an import touches."""

    leg_days: Mapping[dt.date, LegDay]
    ratings: Mapping[tuple[dt.date, str], SorenessRating]
    check_ins: Mapping[dt.date, CheckIn]
    profile: Profile


@dataclass(frozen=True, slots=True)
class MergePlan:
    """The change an import makes, and how many records it adds, replaces or leaves."""

    change: JournalChange
    summary: MergeSummary


def plan_merge(
    incoming: Journal,
    stored: StoredRecords,
    *,
    replace: bool = False,
    leg_days_only_if_missing: bool = False,
) -> MergePlan:
    """The change that adds ``incoming`` to ``stored``.

    Records equal to stored ones are left out, so merging twice changes nothing. A record
    that differs from the stored one under the same key raises ImportConflictError unless
    ``replace``. With ``leg_days_only_if_missing``, leg days are only created where none
    is stored on that date (CSV imports, whose leg days are only dates).
    """
    counts = _Counts()
    leg_days: dict[dt.date, LegDay | None] = {}
    for leg_day in incoming.leg_days:
        old_leg_day = stored.leg_days.get(leg_day.date)
        if old_leg_day is None:
            leg_days[leg_day.date] = leg_day
            counts.added += 1
        elif leg_days_only_if_missing or old_leg_day == leg_day:
            counts.unchanged += 1
        elif replace:
            leg_days[leg_day.date] = leg_day
            counts.replaced += 1
        else:
            raise ImportConflictError(
                ("leg_day", leg_day.date),
                "date",
                f"the database already holds a different leg day on "
                f"{leg_day.date.isoformat()} ({old_leg_day.display_title!r})",
            )

    ratings: dict[tuple[dt.date, str], SorenessRating | None] = {}
    stored_ratings = stored.ratings
    for rating in incoming.ratings:
        key = (rating.date, rating.region_id)
        old_rating = stored_ratings.get(key)
        if old_rating is None:
            ratings[key] = rating
            counts.added += 1
        elif old_rating == rating:
            counts.unchanged += 1
        elif replace:
            ratings[key] = rating
            counts.replaced += 1
        else:
            raise ImportConflictError(
                ("rating", *key),
                _differing_field(old_rating, rating),
                f"the database already holds {_describe_rating(old_rating)} on "
                f"{rating.date.isoformat()}; the file says {_describe_rating(rating)}",
            )

    check_ins: dict[dt.date, CheckIn | None] = {}
    for check_in in incoming.check_ins:
        old_check_in = stored.check_ins.get(check_in.date)
        if check_in.is_empty and old_check_in is None:
            counts.unchanged += 1  # an empty check-in is the same as none
        elif check_in.is_empty and replace:
            check_ins[check_in.date] = None
            counts.replaced += 1
        elif old_check_in is None:
            check_ins[check_in.date] = check_in
            counts.added += 1
        elif old_check_in == check_in:
            counts.unchanged += 1
        elif replace:
            check_ins[check_in.date] = check_in
            counts.replaced += 1
        else:
            raise ImportConflictError(
                ("check_in", check_in.date),
                "date",
                f"the database already holds a different check-in on {check_in.date.isoformat()}",
            )

    profile: Profile | None = None
    if not incoming.profile.is_empty:  # nothing to do when the file gives no answers
        if stored.profile == incoming.profile:
            counts.unchanged += 1
        elif not stored.profile.is_empty and not replace:
            raise ImportConflictError(
                ("profile",),
                "statin_or_new_medicine",
                f"the database already holds the answer {_describe_answer(stored.profile)}"
                f"; the file says {_describe_answer(incoming.profile)}",
            )
        else:
            profile = incoming.profile
            if stored.profile.is_empty:
                counts.added += 1
            else:
                counts.replaced += 1

    change = JournalChange(leg_days, ratings, check_ins, profile)
    return MergePlan(change, MergeSummary(counts.added, counts.replaced, counts.unchanged))


class _Counts:
    """Running totals while planning a merge."""

    def __init__(self) -> None:
        self.added = 0
        self.replaced = 0
        self.unchanged = 0


def _describe_answer(profile: Profile) -> str:
    answer = "yes" if profile.statin_or_new_medicine else "no"
    assert profile.answered_on is not None
    return f"{answer!r} (answered on {profile.answered_on.isoformat()})"


def _differing_field(old: SorenessRating, new: SorenessRating) -> str:
    """The first field in which two ratings of one region and day differ."""
    if old.level != new.level:
        return "level"
    return "note" if old.note != new.note else "quality"


def _describe_rating(rating: SorenessRating) -> str:
    note = f" ({rating.note!r})" if rating.note else ""
    quality = f", {rating.quality.label.lower()}" if rating.quality is not None else ""
    return f"{region_by_id(rating.region_id).name} = {rating.level}{quality}{note}"
