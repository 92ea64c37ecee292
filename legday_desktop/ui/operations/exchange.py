"""File → Import… and Export…: CSV and JSON files, with the command line's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from legday_desktop.services.opening import JournalError
from legday_desktop.services.save_folders import FileKind
from legday_desktop.ui.operations.files import choose_open_path, choose_save_path

if TYPE_CHECKING:
    from legday_desktop.ui.main_window import MainWindow

EXPORT_FILTERS = "CSV spreadsheet (*.csv);;JSON file (*.json)"
IMPORT_FILTERS = "Legday export (*.csv *.json);;All files (*)"


def export_journal_file(window: MainWindow) -> None:
    """Ask where (CSV or JSON, by the name's ending), then write the whole journal there."""
    service = window.service
    if service is None:
        return
    from legday_desktop.file_writing import write_atomically
    from legday_desktop.services.exchange import export_journal, too_large_to_import_back

    window.check_in_panel.commit_pending()
    path = choose_save_path(
        window,
        "Export the journal",
        FileKind.EXCHANGE,
        ("journal", window.today(), "csv"),
        EXPORT_FILTERS,
    )
    if path is None:
        return
    export_format = "json" if path.suffix.lower() == ".json" else "csv"
    from legday_desktop.services.opening import DamagedJournalError

    problem = ""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = export_journal(service.path, export_format)
        write_atomically(path, data)
    except DamagedJournalError as error:
        # The window's recovery begins: restore a backup, start anew, or export what
        # can still be read.
        QApplication.restoreOverrideCursor()
        service.report_damage(str(error))
        return
    except JournalError as error:
        problem = f"Nothing was exported: {error}."
    except OSError as error:
        problem = f"Could not write {path}: {error.strerror or error}."
    finally:
        QApplication.restoreOverrideCursor()
    if problem:
        QMessageBox.warning(window, "Not exported", problem)
        return
    note = too_large_to_import_back(len(data))
    if note is not None:
        QMessageBox.information(window, "Exported", f"Exported the journal to {path}. {note}")
    window.statusBar().showMessage(f"Exported the journal to {path}", 10000)


def import_journal_file(window: MainWindow) -> None:
    """Choose a CSV or JSON export and add it to the journal as one undoable change.

    A file that cannot be used imports nothing and says what and where; one whose records
    differ from stored ones asks before replacing them.
    """
    service = window.service
    if service is None or not window.can_edit:
        return
    from legday_desktop.services.exchange import (
        ImportDisagreesError,
        ImportRejectedError,
        import_into,
    )

    window.check_in_panel.commit_pending()
    path = choose_open_path(window, "Import into the journal", FileKind.EXCHANGE, IMPORT_FILTERS)
    if path is None:
        return
    replace = False
    while True:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            summary = import_into(service, path, replace=replace)
        except ImportDisagreesError as error:
            QApplication.restoreOverrideCursor()
            answer = QMessageBox.question(
                window,
                "Replace stored records?",
                f"{error}\n\nImport anyway, replacing the stored records that differ with the "
                "file's? (Edit → Undo puts them back.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            replace = True
            continue
        except ImportRejectedError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(window, "Not imported", str(error))
            return
        except JournalError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(window, "Not imported", f"Nothing was imported: {error}.")
            return
        QApplication.restoreOverrideCursor()
        break
    window.statusBar().showMessage(
        f"Imported {path.name}: {summary.added} added, {summary.replaced} replaced, "
        f"{summary.unchanged} already there",
        10000,
    )
