"""The journal service: reads days for the window, and makes every change an undoable step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.journal import DayOverview, Journal, JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.merging import MergeSummary
from legday_desktop.domain.profile import STATIN_QUESTION, Profile
from legday_desktop.domain.recovery import DayValues, SideMode
from legday_desktop.domain.soreness import PainQuality, SorenessRating
from legday_desktop.domain.wording import _, pgettext, short_day
from legday_desktop.services.opening import (
    Access,
    DamagedJournalError,
    JournalError,
    OpenJournal,
    journal_error,
    journal_path,
    open_journal,
)

if TYPE_CHECKING:
    from legday_desktop.domain.forecast import Forecast
    from legday_desktop.storage.journal_store import JournalStore

__all__ = ["DamagedJournalError", "JournalError", "JournalService"]


@dataclass(frozen=True)
class FailedChange:
    """A change that could not be saved, kept so that the user can try it again."""

    change: JournalChange
    text: str
    merge_key: tuple[object, ...] | None


class JournalService(QObject):
    """Owns one journal file: reads days, applies changes, keeps the undo stack.

    ``busy_timeout_ms`` overrides how long a write waits for another writer.

    Storage (and with it SQLAlchemy) is imported when the journal is opened, not when
    this module is: the window shows before that.

    Signals:
        journal_changed(object, str, bool): a JournalChange was committed, with a
            sentence saying what happened; the bool is True for an undo or a redo.
        write_failed(str): a change could not be saved; nothing of it was stored. The
            change is kept in ``failed_change`` for ``retry_failed_change``.
        journal_replaced(str): the whole journal was replaced (restored from a backup).
        damage_found(str): a read found the journal damaged (a stored value that breaks
            a rule, a page that cannot be read); the message names the table and row.
            Emitted once.
    """

    journal_changed = Signal(object, str, bool)
    write_failed = Signal(str)
    journal_replaced = Signal(str)
    damage_found = Signal(str)

    def __init__(
        self,
        path: Path,
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        busy_timeout_ms: int | None = None,
        access: Access = Access.WRITE_OR_READ,
        take_over_lock: bool = False,
    ) -> None:
        super().__init__(parent)
        self.path = journal_path(path)
        self._today = today
        self._busy_timeout_ms = busy_timeout_ms
        self._access = access
        self._take_over_lock = take_over_lock
        self._opened: OpenJournal | None = None
        self._connected = False
        self.undo_stack = QUndoStack(self)
        self._last_pushed: QUndoCommand | None = None
        self.read_only_reason: str | None = None
        self.failed_change: FailedChange | None = None
        # Set when a write found the journal's file gone from its path (or replaced).
        self.file_left_path = False
        self.file_replaced = False
        self.damaged = False  # a read (or the daily backup) found the journal damaged
        self.damage_message = ""
        # How many automatic backups to keep (Preferences); $LEGDAY_KEEP_BACKUPS wins.
        self.backups_kept: int | None = None

    @property
    def read_only(self) -> bool:
        """True when this window may only read the journal (see ``read_only_reason``)."""
        return self.read_only_reason is not None

    @property
    def locked_on_host(self) -> str | None:
        """The other computer whose Legday holds the journal's lock (read-only because of it)."""
        return None if self._opened is None else self._opened.locked_on_host

    def open(self) -> None:
        """Open the journal (see ``services.opening``); JournalError if it cannot be.

        Raises DamagedJournalError for a damaged file, which is left as it is. When
        another Legday has the journal open, or the file or its folder cannot be
        written, the journal opens read-only and ``read_only_reason`` says why.
        """
        self._opened = open_journal(
            self.path,
            self._access,
            busy_timeout_ms=self._busy_timeout_ms,
            take_over_lock=self._take_over_lock,
        )
        self._connected = True
        self.read_only_reason = self._opened.read_only_reason
        if self._access is Access.READ:
            self.read_only_reason = _("the journal was opened to read only")

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()
            self._opened = None
        self._connected = False

    def back_up_to(self, target: Path) -> Path:
        """Back up the journal into the new file ``target``; JournalError if it cannot."""
        from legday_desktop.storage.backup import backup_to
        from legday_desktop.storage.errors import StorageError

        try:
            return backup_to(self.path, target)
        except StorageError as error:
            raise journal_error(error) from error

    def daily_backup(self) -> Path | None:
        """The day's first automatic backup, or None when one was already made (or read-only)."""
        from legday_desktop.storage.backup import backups_to_keep, daily_backup
        from legday_desktop.storage.errors import StorageError

        if self.read_only or not self._connected:
            return None
        try:
            keep = backups_to_keep(preferred=self.backups_kept)
            return daily_backup(self.path, keep=keep, today=self._today())
        except StorageError as error:
            raise journal_error(error) from error

    def restore_from(self, backup: Path) -> Path | None:
        """Make the journal hold what ``backup`` holds (see storage.backup.restore).

        The undo history is cleared: its steps belong to the journal as it was. Returns
        the backup of the journal as it was before; JournalError if restoring failed (the
        journal is then open as before).
        """
        from legday_desktop.storage.backup import backups_to_keep, restore
        from legday_desktop.storage.errors import StorageError

        if self.read_only:
            raise JournalError(_("Cannot restore: {reason}").format(reason=self.read_only_reason))
        self.close_connection()
        try:
            keep = backups_to_keep(preferred=self.backups_kept)
            safety = restore(self.path, backup, keep=keep).safety_backup
        except StorageError as error:
            self._reconnect()
            raise journal_error(error) from error
        self._reconnect()
        self.undo_stack.clear()
        self._last_pushed = None
        self.failed_change = None
        self.journal_replaced.emit(_("Restored the journal from {backup}").format(backup=backup))
        return safety

    def save_again_where_it_was(self) -> bool:
        """Write the journal, as this window still holds it, back to its path; then retry.

        For a journal file deleted or moved while open (``file_left_path``): everything
        saved before is in the new file, and the change that failed is tried again (False
        if that fails). JournalError if the journal cannot be written there.
        """
        from legday_desktop.services.opening import take_writer_lock
        from legday_desktop.storage.database import save_again_where_it_was
        from legday_desktop.storage.errors import StorageError

        if self._opened is None or not self.file_left_path or self.file_replaced:
            raise JournalError(
                _("{path} is not missing; nothing to save again").format(path=self.path)
            )
        try:
            save_again_where_it_was(self._opened.store, self.path)
        except StorageError as error:
            raise journal_error(error) from error
        lock = self._opened.lock
        if lock is not None and not lock.still_at_path():
            lock.release()  # its file went with the folder: take the lock at the path again
            self._opened.lock = take_writer_lock(self.path)
        self.file_left_path = False
        self._connected = True
        return self.retry_failed_change()

    def file_still_at_path(self) -> bool:
        """False (and ``file_left_path`` set) if the journal's file left its path while open.

        Found before a write would find it: e.g. before another journal is opened here.
        """
        from legday_desktop.storage.errors import JournalFileMovedError, StorageError

        if self._opened is None or self.file_left_path:
            return not self.file_left_path
        try:
            self._opened.store.check_file_at_path()
        except JournalFileMovedError as error:
            self.file_left_path = True
            self.file_replaced = error.replaced
            return False
        except StorageError:
            return True  # cannot tell; a write will say
        return True

    def save_copy_beside(self) -> Path:
        """Copy the journal as this window holds it to a new file beside its path.

        For a journal file replaced while open; returns the new file's path, or raises
        JournalError if it cannot be written.
        """
        from legday_desktop.storage.backup import new_backup_path
        from legday_desktop.storage.database import save_copy_of_open_journal
        from legday_desktop.storage.errors import StorageError

        if self._opened is None:
            raise JournalError(_("The journal is not open"))
        stamp = new_backup_path(self.path).name.removeprefix(self.path.stem)
        target = self.path.with_name(f"{self.path.stem}-as-it-was{stamp}")
        try:
            save_copy_of_open_journal(self._opened.store, target)
        except StorageError as error:
            raise journal_error(error) from error
        return target

    def _reconnect(self) -> None:
        if not self.path.is_file():  # never let connecting create an empty journal
            raise JournalError(
                _("{path} is missing; restore it from a backup").format(path=self.path)
            )
        self._connected = True

    def close_connection(self) -> None:
        """Close the connections but keep the lock (while the file is being replaced)."""
        if self._opened is not None:
            self._opened.store.close()
        self._connected = False

    def _store(self) -> JournalStore:
        if self._opened is None or not self._connected:
            raise JournalError(_("The journal is not open"))
        return self._opened.store

    @contextmanager
    def _reading(self) -> Iterator[JournalStore]:
        """The store, with its errors reported as JournalError."""
        from legday_desktop.storage.errors import StorageError

        try:
            yield self._store()
        except StorageError as error:
            failure = journal_error(error)
            if isinstance(failure, DamagedJournalError):
                self.report_damage(str(failure))
            raise failure from error

    def reading(self) -> AbstractContextManager[JournalStore]:
        """The store to read from, its errors reported as JournalError (for services)."""
        return self._reading()

    def report_damage(self, message: str) -> None:
        """Say (once) that the journal was found damaged while open (``damage_found``)."""
        if not self.damaged:
            self.damaged = True
            self.damage_message = message
            self.damage_found.emit(message)

    # --- reading -----------------------------------------------------------------

    def overview(self, date: dt.date) -> DayOverview:
        """The leg day ``date`` belongs to, and that day's ratings and check-in."""
        with self._reading() as store:
            return store.day_overview(date)

    def leg_days(self) -> tuple[LegDay, ...]:
        """Every leg day, oldest first."""
        with self._reading() as store:
            return store.leg_days()

    def exercise_mappings(self) -> dict[str, ExerciseMapping]:
        """The person's own exercise mappings, by the name as compared."""
        with self._reading() as store:
            return store.exercise_mappings()

    def recent_leg_days(self, date: dt.date, count: int) -> tuple[LegDay, ...]:
        """The last ``count`` leg days on or before ``date``, oldest first."""
        with self._reading() as store:
            return store.recent_leg_days(date, count)

    def day_values(self, first: dt.date, last: dt.date, mode: SideMode) -> DayValues:
        """Each rated group's value per day from ``first`` to ``last`` (for charts)."""
        with self._reading() as store:
            return store.day_values(first, last, mode)

    def ratings_between(self, first: dt.date, last: dt.date) -> tuple[SorenessRating, ...]:
        with self._reading() as store:
            return store.ratings_between(first, last)

    def check_ins_between(self, first: dt.date, last: dt.date) -> tuple[CheckIn, ...]:
        with self._reading() as store:
            return store.check_ins_between(first, last)

    def profile(self) -> Profile:
        """The standing answers (medicines); an empty Profile when none were given."""
        with self._reading() as store:
            return store.profile()

    def forecast(self, leg_day: dt.date) -> Forecast:
        """The personal forecast of the leg day on ``leg_day`` (see services.forecast)."""
        from legday_desktop.services.forecast import forecast_for

        return forecast_for(self, leg_day)

    def first_rating_date(self) -> dt.date | None:
        with self._reading() as store:
            return store.first_rating_date()

    def marked_days(self, first: dt.date, last: dt.date) -> tuple[set[dt.date], set[dt.date]]:
        """The leg days and the rated days from ``first`` to ``last`` (for the calendar)."""
        with self._reading() as store:
            leg_days = {leg_day.date for leg_day in store.leg_days(first, last)}
            return leg_days, set(store.rated_dates(first, last))

    # --- changing ----------------------------------------------------------------

    def set_levels(
        self, date: dt.date, levels: dict[str, int | None], *, continues_previous: bool = False
    ) -> bool:
        """Set (or clear, with None) the level of each region on ``date`` as one step.

        A region's note and pain quality are kept when only its level changes.
        ``continues_previous`` merges this step into the previous one (the "0" of a typed
        "10").
        """
        try:
            stored = {rating.region_id: rating for rating in self.ratings_between(date, date)}
        except JournalError as error:
            self.write_failed.emit(_failed(_describe_levels(date, levels), error))
            return False
        ratings: dict[tuple[dt.date, str], SorenessRating | None] = {}
        for region_id, level in levels.items():
            kept = stored.get(region_id)
            ratings[(date, region_id)] = (
                None
                if level is None
                else SorenessRating(
                    date,
                    region_id,
                    level,
                    "" if kept is None else kept.note,
                    None if kept is None else kept.quality,
                )
            )
        return self._push(
            JournalChange(ratings=ratings),
            _describe_levels(date, levels),
            merge_key=(date, tuple(sorted(levels))) if continues_previous else None,
        )

    def set_quality(
        self, date: dt.date, region_ids: Collection[str], quality: PainQuality | None
    ) -> bool:
        """Say (or, with None, unsay) what the pain is like in rated regions, as one step.

        Regions not rated on ``date`` are left as they are: a quality belongs to a level.
        False (and write_failed) if nothing could be saved, or no region is rated.
        """
        text = _describe_quality(date, region_ids, quality)
        try:
            stored = {rating.region_id: rating for rating in self.ratings_between(date, date)}
        except JournalError as error:
            self.write_failed.emit(_failed(text, error))
            return False
        ratings: dict[tuple[dt.date, str], SorenessRating | None] = {
            (date, region_id): replace(stored[region_id], quality=quality)
            for region_id in sorted(region_ids)
            if region_id in stored and stored[region_id].quality is not quality
        }
        if not ratings:
            return not any(region_id not in stored for region_id in region_ids)
        return self._push(JournalChange(ratings=ratings), text)

    def save_check_in(self, check_in: CheckIn) -> bool:
        return self._push(
            JournalChange(check_ins={check_in.date: check_in}),
            _("Update check-in of {date}").format(date=_day(check_in.date)),
        )

    def save_statin_answer(self, answer: bool) -> bool:
        """Record the standing answer to the medicines question, as of today, as one step."""
        profile = Profile(answer, self._today())
        return self._push(
            JournalChange(profile=profile),
            (_("Answer “{question}”: yes") if answer else _("Answer “{question}”: no")).format(
                question=_(STATIN_QUESTION)
            ),
        )

    def save_leg_day(self, leg_day: LegDay, *, replacing: dt.date | None = None) -> bool:
        """Store ``leg_day``; if it was moved from the date ``replacing``, remove that one."""
        leg_days: dict[dt.date, LegDay | None] = {leg_day.date: leg_day}
        if replacing is not None and replacing != leg_day.date:
            leg_days[replacing] = None
        return self._push(
            JournalChange(leg_days=leg_days),
            _("Save leg day of {date}").format(date=_day(leg_day.date)),
        )

    def delete_leg_day(self, date: dt.date) -> bool:
        return self._push(
            JournalChange(leg_days={date: None}),
            _("Delete leg day of {date}").format(date=_day(date)),
        )

    def _push(
        self, change: JournalChange, text: str, merge_key: tuple[object, ...] | None = None
    ) -> bool:
        """Apply ``change`` now; on success put it on the undo stack. False if it failed."""
        stack = self.undo_stack
        # Only ever merge into the step this service pushed last, still on top of the stack.
        if merge_key is not None and (
            stack.index() != stack.count()
            or stack.index() == 0
            or stack.command(stack.index() - 1) is not self._last_pushed
        ):
            merge_key = None
        # Kept before applying: whoever hears write_failed can offer to try it again.
        self.failed_change = FailedChange(change, text, merge_key)
        inverse = self.apply(change, text)
        if inverse is None:
            return False
        self.failed_change = None
        command = _ChangeCommand(self, change, inverse, text, merge_key)
        stack.push(command)
        if merge_key is None:
            self._last_pushed = command
        return True

    def merge_in(
        self,
        incoming: Journal,
        text: str,
        *,
        today: dt.date,
        replace: bool = False,
        leg_days_only_if_missing: bool = False,
    ) -> MergeSummary:
        """Add an imported journal as one undoable change (see ``JournalStore.merge``).

        ImportConflictError (nothing written) when a record differs and not ``replace``;
        JournalError when the journal is read-only or cannot be written.
        """
        if self.read_only_reason is not None:
            raise JournalError(_failed_read_only(text, self.read_only_reason))
        from legday_desktop.storage.errors import StorageError

        try:
            plan, inverse = self._store().merge(
                incoming,
                today=today,
                replace=replace,
                leg_days_only_if_missing=leg_days_only_if_missing,
            )
        except StorageError as error:
            raise journal_error(error) from error
        if plan.change.is_empty:
            return plan.summary  # all of it was there already: nothing to undo
        self.undo_stack.push(_ChangeCommand(self, plan.change, inverse, text, None))
        self._last_pushed = None
        self.journal_changed.emit(plan.change, text, False)
        return plan.summary

    def import_leg_days(
        self, change: JournalChange, text: str, mappings: Sequence[ExerciseMapping] = ()
    ) -> bool:
        """Store imported leg days as one undoable change, and keep the mappings used.

        The mappings are answers kept for next time: undo leaves them. False (and
        write_failed) if the change could not be saved.
        """
        if mappings:
            from legday_desktop.storage.errors import StorageError

            if self.read_only_reason is not None:
                self.write_failed.emit(_failed_read_only(text, self.read_only_reason))
                return False
            try:
                self._store().save_exercise_mappings(mappings)
            except StorageError as error:
                self.write_failed.emit(_failed(text, error))
                return False
        pushed = self._push(change, text)
        self._last_pushed = None  # never merged with the next click
        return pushed

    def retry_failed_change(self) -> bool:
        """Try the change that last failed to save once more; False if it failed again."""
        failed = self.failed_change
        if failed is None:
            return True
        return self._push(failed.change, failed.text, None)

    def apply(
        self, change: JournalChange, text: str, *, replayed: bool = False
    ) -> JournalChange | None:
        """Commit ``change`` and announce it; its inverse, or None (and write_failed) if not."""
        if replayed:
            self.failed_change = None  # an undo or redo that fails is not retried
        if self.read_only_reason is not None:
            self.write_failed.emit(_failed_read_only(text, self.read_only_reason))
            return None
        from legday_desktop.storage.errors import JournalFileMovedError, StorageError

        try:
            inverse = self._store().apply(change, today=self._today())
        except JournalFileMovedError as error:
            self.file_left_path = True
            self.file_replaced = error.replaced
            if error.replaced:
                # Never written over: every later change would be refused the same way.
                self.read_only_reason = _("{error}; Legday will not write over that file").format(
                    error=error
                )
            self.write_failed.emit(
                _("{step} failed: {error}; nothing of it was saved").format(step=text, error=error)
            )
            return None
        except (StorageError, DomainError, JournalError) as error:
            self.write_failed.emit(_failed(text, error))
            return None
        self.journal_changed.emit(change, text, replayed)
        return inverse


def _day(date: dt.date) -> str:
    return short_day(date)


def _failed(step: str, error: object) -> str:
    """``Save leg day of Wed 2 Dec failed: disk full``."""
    return _("{step} failed: {error}").format(step=step, error=error)


def _failed_read_only(step: str, reason: str | None) -> str:
    """A step refused because the journal is read-only, and why."""
    return _("{step} failed: {reason}; nothing was saved").format(step=step, reason=reason)


def _describe_quality(
    date: dt.date, region_ids: Collection[str], quality: PainQuality | None
) -> str:
    """``Say the pain in both quads is sharp or stabbing on Wed 25 Nov`` (or ``Clear …``)."""
    names = _region_names(region_ids)
    if quality is None:
        return _("Clear what the pain is like in {regions} on {date}").format(
            regions=names, date=_day(date)
        )
    return _("Say the pain in {regions} is {quality} on {date}").format(
        regions=names, quality=quality.label.lower(), date=_day(date)
    )


def _region_names(region_ids: Collection[str]) -> str:
    """``both quads``, ``Left quad``, ``Left quad and Right calf``."""
    from legday_desktop.domain.regions import region_by_id

    regions = [region_by_id(region_id) for region_id in sorted(region_ids)]
    if len(regions) == 2 and regions[0].group == regions[1].group:
        return regions[0].group.both_name
    return pgettext("between the names of body regions", " and ").join(
        region.name for region in regions
    )


def _describe_levels(date: dt.date, levels: dict[str, int | None]) -> str:
    """``Set both quads to 6 on Wed 25 Nov``, ``Clear Left calf on Wed 25 Nov``."""
    names = _region_names(levels)
    values = set(levels.values())
    if values == {None}:
        return _("Clear {regions} on {date}").format(regions=names, date=_day(date))
    if len(values) == 1:
        return _("Set {regions} to {level} on {date}").format(
            regions=names, level=values.pop(), date=_day(date)
        )
    return _("Set {regions} on {date}").format(regions=names, date=_day(date))


class _ChangeCommand(QUndoCommand):
    """One undoable step: a change already applied, and the inverse that undoes it."""

    MERGE_ID = 1

    def __init__(
        self,
        service: JournalService,
        change: JournalChange,
        inverse: JournalChange,
        text: str,
        merge_key: tuple[object, ...] | None,
    ) -> None:
        super().__init__(text)
        self._service = service
        self._forward = change
        self._backward = inverse
        self._merge_key = merge_key
        self._applied = True  # the service applied it before pushing

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, _ChangeCommand) or other._merge_key is None:
            return False
        if set(other._forward.ratings) != set(self._forward.ratings):
            return False
        # Keep our inverse (the state before both), take the other's result and wording.
        self._forward = other._forward
        self.setText(other.text())
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(self._forward, _("Redo: {step}").format(step=self.text()))

    def undo(self) -> None:
        self._run(self._backward, _("Undo: {step}").format(step=self.text()))

    def _run(self, change: JournalChange, text: str) -> None:
        if self._service.apply(change, text, replayed=True) is None:
            # The database did not change; drop this step rather than let the stack lie.
            self.setObsolete(True)
