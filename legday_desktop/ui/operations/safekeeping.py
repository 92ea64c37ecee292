"""File → Back up now and Restore from backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from legday_desktop.services.opening import JournalError
from legday_desktop.services.save_folders import FileKind, remembered_folder
from legday_desktop.ui.operations.files import choose_open_path, choose_save_path

if TYPE_CHECKING:
    from legday_desktop.ui.main_window import MainWindow


def back_up_now(window: MainWindow) -> None:
    """Ask where (the journal's backups folder, or the one last used), then copy it there."""
    service = window.service
    if service is None:
        return
    from legday_desktop.services.safekeeping import suggested_backup_path

    suggested = suggested_backup_path(service.path)
    folder = remembered_folder(FileKind.BACKUP)
    if folder is not None:
        suggested = folder / suggested.name
    else:
        try:
            suggested.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            suggested = Path.home() / suggested.name  # e.g. the journal's folder is read-only
    path = choose_save_path(
        window, "Back up the journal", FileKind.BACKUP, suggested, "Legday journal (*.sqlite3)"
    )
    if path is None:
        return
    try:
        written = service.back_up_to(path)
    except JournalError as error:
        QMessageBox.warning(window, "Not backed up", str(error))
        return
    window.statusBar().showMessage(f"Backed up the journal to {written}", 10000)


def restore_from_backup(window: MainWindow) -> None:
    """Choose a backup, confirm, and make the journal hold what it holds."""
    service = window.service
    if service is None or not window.can_edit:
        return
    from legday_desktop.services.safekeeping import backups_folder

    window.check_in_panel.commit_pending()
    path = choose_open_path(
        window,
        "Restore from backup",
        FileKind.BACKUP,
        "Legday journal (*.sqlite3 *.db);;All files (*)",
        first=backups_folder(service.path),
    )
    if path is None:
        return
    answer = QMessageBox.question(
        window,
        "Restore from backup?",
        f"Replace everything in the journal with what {path.name} holds?\n\n"
        "The journal as it is now is backed up first, so this can be undone by "
        "restoring that backup. Undo history is cleared.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        safety = service.restore_from(path)
    except JournalError as error:
        QMessageBox.warning(window, "Not restored", str(error))
        window.refresh()
        return
    if safety is not None:
        window.statusBar().showMessage(
            f"Restored from {path.name}; the journal as it was is in {safety}", 15000
        )
