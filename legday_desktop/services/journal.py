"""The journal service: what the window reads and changes, with a signal for every change."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from legday_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from legday_desktop.domain.journal import DayOverview
    from legday_desktop.storage.repository import Repository


class JournalError(Exception):
    """The journal could not be read or written; the message says why, for the user."""


class JournalService(QObject):
    """Gives the UI the journal of one database as domain objects."""

    def __init__(self, repository: Repository, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._repository = repository

    @property
    def database_path(self) -> str:
        return str(self._repository.path)

    def overview(self, date: dt.date) -> DayOverview:
        """The leg day ``date`` belongs to, and that day's ratings and check-in."""
        try:
            return self._repository.day_overview(date)
        except StorageError as error:
            raise JournalError(str(error)) from error

    def close(self) -> None:
        self._repository.close()
