"""Standing answers about the person, asked once rather than every day (medicines)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.leg_days import check_date
from legday_desktop.domain.wording import N_, _

STATIN_QUESTION = N_("I take a statin or started a new medicine in the last weeks")


@dataclass(frozen=True, slots=True)
class Profile:
    """The standing answers, each with the day it was last given.

    ``statin_or_new_medicine`` is None until the person answers; ``answered_on`` is then
    the day they last changed the answer.
    """

    statin_or_new_medicine: bool | None = None
    answered_on: dt.date | None = None

    def __post_init__(self) -> None:
        answer = self.statin_or_new_medicine
        if answer is not None and not isinstance(answer, bool):
            raise DomainError("statin_or_new_medicine", f"must be true or false, got {answer!r}")
        if (answer is None) != (self.answered_on is None):
            raise DomainError(
                "answered_on",
                _("an answer needs the day it was given, and a day needs an answer"),
            )
        if self.answered_on is not None:
            check_date(self.answered_on, "answered_on")

    @property
    def is_empty(self) -> bool:
        """True when nothing was ever answered."""
        return self.statin_or_new_medicine is None

    @property
    def takes_statin_or_new_medicine(self) -> bool:
        return self.statin_or_new_medicine is True
