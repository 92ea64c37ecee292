"""Importing an export file as one change, exporting the journal, filling a demo journal."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from legday_desktop.domain.journal import Journal, JournalChange
from legday_desktop.domain.merging import ImportConflictError, MergeSummary
from legday_desktop.domain.numbers import decimal, grouped
from legday_desktop.domain.wording import _, ngettext, pgettext
from legday_desktop.services.opening import Access, JournalError, journal_error, open_journal

if TYPE_CHECKING:
    from legday_desktop.exchange.parsed import ParsedImport
    from legday_desktop.services.journal import JournalService


class ImportRejectedError(JournalError):
    """The file cannot be imported (bad input, or it disagrees with the journal); nothing was."""


class ImportDisagreesError(ImportRejectedError):
    """The file holds a record that differs from the stored one; with replace it imports."""


class ExportFormatError(ValueError):
    """An export format Legday does not write."""


EXPORT_FORMATS = ("json", "csv")


@contextmanager
def _bulk_work() -> Iterator[None]:
    """Hold back Python's cycle collector while hundreds of thousands of records are made.

    Records form no cycles, yet each collection walks all of them again: at 30 years of
    ratings that is half the time of an export. It runs as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


IMPORT_DAYS_AHEAD = 1  # time zones reach 14 hours ahead of UTC: one calendar day at most


@dataclass(frozen=True)
class Imported:
    """What an import did: the counts, and the change that undoes it."""

    journal: Path
    summary: MergeSummary
    undo: JournalChange


def import_file(
    journal: Path,
    file: Path,
    *,
    today: dt.date,
    replace: bool = False,
    take_over_lock: bool = False,
) -> Imported:
    """Parse ``file``, compare it with the journal, and apply it as one change.

    ImportRejectedError (nothing imported) for a file that cannot be read or used, or
    that disagrees with stored records and ``replace`` was not given; JournalError if
    the journal cannot be opened or written.
    """
    with _bulk_work():
        return _import_file(
            journal, file, today=today, replace=replace, take_over_lock=take_over_lock
        )


def _import_file(
    journal: Path, file: Path, *, today: dt.date, replace: bool, take_over_lock: bool
) -> Imported:
    from legday_desktop.exchange.errors import ImportFileError
    from legday_desktop.exchange.reading import read_import_file

    # An export made where the date is already tomorrow (a time zone ahead, or before
    # this clock was set back) holds dates of a day ahead: they import; later ones do not.
    today = today + dt.timedelta(days=IMPORT_DAYS_AHEAD)
    try:
        parsed = read_import_file(file, today=today)
    except ImportFileError as error:
        raise ImportRejectedError(str(error)) from error
    with new_journal_removed_on_failure(journal):
        return _merge_file(
            journal, file, parsed, today=today, replace=replace, take_over_lock=take_over_lock
        )


@contextmanager
def new_journal_removed_on_failure(journal: Path) -> Iterator[None]:
    """A journal this step creates is removed again, while still empty, if the step fails."""
    from legday_desktop.services.opening import journal_path

    path = journal_path(journal)
    created = not path.exists()
    try:
        yield
    except BaseException:
        if created:
            from legday_desktop.storage.database import remove_if_still_empty

            remove_if_still_empty(path)
        raise


def _merge_file(
    journal: Path,
    file: Path,
    parsed: ParsedImport,
    *,
    today: dt.date,
    replace: bool,
    take_over_lock: bool,
) -> Imported:
    from legday_desktop.exchange.csv_format import check_against_stored_leg_days
    from legday_desktop.storage.errors import StorageError

    opened = open_journal(journal, Access.WRITE, take_over_lock=take_over_lock)
    hint = _("; add --replace to replace stored records with the file's")
    try:
        store = opened.store
        with _refused_as_import_errors(parsed, hint):
            if parsed.leg_days_are_references:
                check_against_stored_leg_days(parsed, (day.date for day in store.leg_days()))
            plan, undo = store.merge(
                parsed.journal,
                today=today,
                replace=replace,
                leg_days_only_if_missing=parsed.leg_days_are_references,
            )
    except StorageError as error:
        raise journal_error(error) from error
    finally:
        opened.close()
    return Imported(opened.path, plan.summary, undo)


@contextmanager
def _refused_as_import_errors(parsed: ParsedImport, hint: str = "") -> Iterator[None]:
    """A file that disagrees with the journal, or with its leg days, as an import error."""
    from legday_desktop.exchange.errors import ImportFileError

    try:
        yield
    except ImportFileError as error:
        raise ImportRejectedError(
            _("{error}. Nothing was imported.").format(error=error)
        ) from error
    except ImportConflictError as error:
        place = parsed.error_at(error.key, error.field, error.problem)
        raise ImportDisagreesError(
            _("{error}. Nothing was imported{hint}.").format(error=place, hint=hint)
        ) from error


def import_into(service: JournalService, file: Path, *, replace: bool = False) -> MergeSummary:
    """Import ``file`` into the journal ``service`` holds open, as one undoable change.

    The same rules as ``import_file`` (and ``legday import``): ImportRejectedError, and
    nothing imported, for a file that cannot be read or used, or that disagrees with
    stored records and not ``replace``; JournalError if the journal cannot be written.
    """
    from legday_desktop.exchange.csv_format import check_against_stored_leg_days
    from legday_desktop.exchange.errors import ImportFileError
    from legday_desktop.exchange.reading import read_import_file

    today = dt.date.today() + dt.timedelta(days=IMPORT_DAYS_AHEAD)
    with _bulk_work():
        try:
            parsed = read_import_file(file, today=today)
        except ImportFileError as error:
            raise ImportRejectedError(
                _("{error}. Nothing was imported.").format(error=error)
            ) from error
        with _refused_as_import_errors(parsed):
            if parsed.leg_days_are_references:
                check_against_stored_leg_days(parsed, (day.date for day in service.leg_days()))
            return service.merge_in(
                parsed.journal,
                f"Import {file.name}",
                today=today,
                replace=replace,
                leg_days_only_if_missing=parsed.leg_days_are_references,
            )


def export_journal(journal: Path, export_format: str) -> bytes:
    """The whole journal as an export file's bytes (``json`` or ``csv``)."""
    from legday_desktop.exchange.csv_format import write_csv
    from legday_desktop.exchange.json_format import write_json
    from legday_desktop.storage.errors import StorageError

    if export_format not in EXPORT_FORMATS:
        formats = pgettext("between file formats", " or ").join(EXPORT_FORMATS)
        raise ExportFormatError(
            _("Legday exports {formats}, not {format}").format(
                formats=formats, format=export_format
            )
        )
    opened = open_journal(journal, Access.READ)
    with _bulk_work():
        try:
            stored = opened.store.journal_columns()
        except StorageError as error:
            raise journal_error(error) from error
        finally:
            opened.close()
        text = write_csv(stored) if export_format == "csv" else write_json(stored)
        return text.encode("utf-8")


def too_large_to_import_back(size: int) -> str | None:
    """For an export of ``size`` bytes larger than Legday imports at once: a note saying so."""
    from legday_desktop.exchange.reading import MAX_IMPORT_BYTES

    if size <= MAX_IMPORT_BYTES:
        return None
    return _(
        "this export is {size} MB, more than the {most} MB that Legday imports at once"
    ).format(
        size=decimal(f"{size / 1_000_000:.1f}"), most=decimal(f"{MAX_IMPORT_BYTES / 1_000_000:g}")
    )


@dataclass(frozen=True)
class ReadableExport:
    """An export of what could be read of a damaged journal, and what was left out."""

    data: bytes
    journal: Journal
    left_out: tuple[str, ...]  # each: table, row and what is wrong with it

    @property
    def summary(self) -> str:
        """``12 leg days, 3,041 ratings and 40 check-ins``."""
        journal = self.journal
        return _("{leg_days}, {ratings} and {check_ins}").format(
            leg_days=ngettext("{count} leg day", "{count} leg days", len(journal.leg_days)).format(
                count=grouped(len(journal.leg_days))
            ),
            ratings=ngettext("{count} rating", "{count} ratings", len(journal.ratings)).format(
                count=grouped(len(journal.ratings))
            ),
            check_ins=ngettext(
                "{count} check-in", "{count} check-ins", len(journal.check_ins)
            ).format(count=grouped(len(journal.check_ins))),
        )


def export_readable(journal: Path, export_format: str) -> ReadableExport:
    """Everything that can still be read of a damaged journal, as an export file's bytes.

    Every row that breaks a rule (or a table that cannot be read) is left out and named;
    the file itself is only read. JournalError if nothing of it can be read.
    """
    from legday_desktop.exchange.csv_format import write_csv
    from legday_desktop.exchange.json_format import write_json
    from legday_desktop.services.opening import journal_path
    from legday_desktop.storage.database import open_store_to_salvage
    from legday_desktop.storage.errors import StorageError

    if export_format not in EXPORT_FORMATS:
        formats = pgettext("between file formats", " or ").join(EXPORT_FORMATS)
        raise ExportFormatError(
            _("Legday exports {formats}, not {format}").format(
                formats=formats, format=export_format
            )
        )
    try:
        store = open_store_to_salvage(journal_path(journal))
        try:
            with _bulk_work():
                salvaged = store.salvage()
        finally:
            store.close()
    except StorageError as error:
        raise journal_error(error) from error
    text = write_csv(salvaged.journal) if export_format == "csv" else write_json(salvaged.journal)
    left_out = tuple(str(row) for row in salvaged.damaged)
    return ReadableExport(text.encode("utf-8"), salvaged.journal, left_out)


@dataclass(frozen=True)
class DemoFilled:
    """What filling a demo journal stored."""

    journal: Path
    leg_days: int
    ratings: int
    check_ins: int


def fill_demo(
    journal: Path, *, weeks: int, seed: int, today: dt.date, take_over_lock: bool = False
) -> DemoFilled:
    """Fill an empty journal with ``weeks`` of made-up training and soreness.

    ImportRejectedError when the journal already holds data (it is never mixed in).
    """
    with new_journal_removed_on_failure(journal):
        return _fill_demo(
            journal, weeks=weeks, seed=seed, today=today, take_over_lock=take_over_lock
        )


def _fill_demo(
    journal: Path, *, weeks: int, seed: int, today: dt.date, take_over_lock: bool
) -> DemoFilled:
    from legday_desktop.domain.demo import demo_journal
    from legday_desktop.storage.errors import StorageError

    opened = open_journal(journal, Access.WRITE, take_over_lock=take_over_lock)
    try:
        if not opened.store.is_empty():
            raise ImportRejectedError(
                _(
                    "{path} already holds data; the demo only fills an empty journal "
                    "(choose a new file with --db)"
                ).format(path=opened.path)
            )
        demo = demo_journal(today, weeks=weeks, seed=seed)
        opened.store.merge(demo, today=today)
    except StorageError as error:
        raise journal_error(error) from error
    finally:
        opened.close()
    return DemoFilled(opened.path, len(demo.leg_days), len(demo.ratings), len(demo.check_ins))
