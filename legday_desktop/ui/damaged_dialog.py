"""The dialog shown when the journal is damaged: restore a backup, start anew, export, or quit."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from legday_desktop import APP_NAME
from legday_desktop.domain.wording import day_and_time


class DamagedChoice(enum.Enum):
    """What the user chose to do about a damaged journal."""

    RESTORE_BACKUP = "restore"
    START_NEW = "new"
    EXPORT_READABLE = "export"
    QUIT = "quit"


def _when(path: Path) -> str:
    return day_and_time(dt.datetime.fromtimestamp(path.stat().st_mtime))


class DamagedJournalDialog(QMessageBox):
    """Says what is wrong with the file and offers the ways on; nothing is deleted."""

    def __init__(self, parent: QWidget | None, message: str, backup: Path | None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(f"{APP_NAME}: the journal is damaged")
        # Plain text: the message can quote stored text (an exercise name), drawn as typed.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText("Your journal file is damaged, so Legday has not written to it.")
        heading = self.findChild(QLabel, "qt_msgbox_label")
        if heading is not None:
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        if backup is not None:
            way_back = (
                f"The newest good backup is from {_when(backup)}. Restoring it brings back "
                "everything up to then."
            )
        else:
            way_back = "There is no good backup of it in its backups folder."
        self.setInformativeText(
            f"{message}\n\n{way_back} “Export what can be read” first saves every record "
            "that can still be read to a file of your choice. Whichever you choose, the "
            "damaged file is kept, renamed with today's date and time, so nothing in it is "
            "lost."
        )
        self.restore_button = (
            self.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
            if backup is not None
            else None
        )
        self.new_button = self.addButton("Start a new journal", QMessageBox.ButtonRole.ActionRole)
        self.export_button = self.addButton(
            "Export what can be read…", QMessageBox.ButtonRole.ActionRole
        )
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> DamagedChoice:
        clicked = self.clickedButton()
        if clicked is not None and clicked is self.restore_button:
            return DamagedChoice.RESTORE_BACKUP
        if clicked is self.new_button:
            return DamagedChoice.START_NEW
        if clicked is self.export_button:
            return DamagedChoice.EXPORT_READABLE
        return DamagedChoice.QUIT

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, backup: Path | None) -> DamagedChoice:
        dialog = cls(parent, message, backup)
        dialog.exec()
        return dialog.choice()
