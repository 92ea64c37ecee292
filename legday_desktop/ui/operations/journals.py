"""File → Open journal… and New journal…: ask which file; the app opens it in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from legday_desktop.services.save_folders import FileKind, start_folder
from legday_desktop.ui.operations.files import choose_open_path, choose_save_path

if TYPE_CHECKING:
    from legday_desktop.ui.main_window import MainWindow

JOURNAL_FILTERS = "Legday journal (*.sqlite3 *.db);;All files (*)"


def open_journal_file(window: MainWindow) -> None:
    """Choose a journal file; the window asks for it (``journal_requested``)."""
    current = window.service.path.parent if window.service is not None else None
    path = choose_open_path(
        window, "Open journal", FileKind.JOURNAL, JOURNAL_FILTERS, first=current
    )
    if path is not None:
        window.journal_requested.emit(path)


def new_journal_file(window: MainWindow) -> None:
    """Choose where a new, empty journal goes; never over an existing file."""
    path = choose_save_path(
        window,
        "New journal",
        FileKind.JOURNAL,
        start_folder(FileKind.JOURNAL) / "legday-journal.sqlite3",
        "Legday journal (*.sqlite3)",
    )
    if path is None:
        return
    if path.exists():
        # The dialog asked to replace it; Legday never writes over a file like that.
        QMessageBox.warning(
            window,
            "Not created",
            f"{path} already exists, and Legday never writes over a file. Choose another "
            "name, or open that file with File → Open journal….",
        )
        return
    window.journal_requested.emit(path)
