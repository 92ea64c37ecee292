"""When a change cannot be saved: say why, offer to retry or to save the journal again.

A check-in that was not saved stays in its form ("not saved yet") until it is; closing
the window with one asks first.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QPushButton

from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.services.opening import JournalError
from legday_desktop.ui import texts

if TYPE_CHECKING:
    from legday_desktop.services.journal import JournalService
    from legday_desktop.ui.main_window import MainWindow


class SaveFailures:
    """The window's answer to ``write_failed``, and the check-ins kept until saved."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._failure_message = ""
        self._asking_after_failure = False
        # Check-ins that could not be saved, by date: shown in their form until saved.
        self.unsaved_check_ins: dict[dt.date, CheckIn] = {}

    def write_failed(self, message: str) -> None:
        """Say what was not saved and offer to try again; a check-in stays in its form."""
        self._window.statusBar().showMessage("Not saved — see the message")
        self._failure_message = message
        if self._asking_after_failure:
            return  # a retry from the open dialog failed again: the dialog asks again
        service = self._window.service
        self._asking_after_failure = True
        try:
            while True:
                if service is not None and service.file_left_path:
                    if not self._ask_to_save_again(service, self._failure_message):
                        break
                    if service.failed_change is None:
                        break  # saved again there, and the change with it
                    continue
                can_retry = service is not None and service.failed_change is not None
                if not self._ask_retry(self._failure_message, can_retry):
                    break
                if service is not None and service.retry_failed_change():
                    break
        finally:
            self._asking_after_failure = False
        failed = service.failed_change if service is not None else None
        if failed is not None:
            for date, check_in in failed.change.check_ins.items():
                if check_in is not None:
                    self.unsaved_check_ins[date] = check_in

    def _ask_to_save_again(self, service: JournalService, message: str) -> bool:
        """The journal's file left its path: offer to write it back there.

        False when the user chose not to, or when it was replaced by another file (which
        Legday never writes over); True once saved again (the change was retried).
        """
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Your journal file is gone", message, parent=self._window
        )
        kept = "A check-in that was not saved stays in its form, marked “not saved yet”."
        if service.file_replaced:
            box.setInformativeText(
                f"Another file is at {service.path} now; Legday will not write over it. "
                f"{kept} Legday still holds the journal as it was, with everything saved "
                "before: save a copy of it beside that file to keep it."
            )
            if _offer(box, "Save a copy beside it"):
                try:
                    target = service.save_copy_beside()
                except JournalError as error:
                    QMessageBox.warning(
                        self._window, "Not saved", f"Could not save a copy: {error}"
                    )
                else:
                    QMessageBox.information(
                        self._window,
                        "Copy saved",
                        f"The journal as Legday held it is in {target}. Open that file to "
                        "go on with it (legday --db FILE).",
                    )
            return False
        box.setInformativeText(
            f"Legday still holds the journal as it was, with everything saved before. "
            f"{kept} Save the journal again at {service.path}: this change is then saved "
            "with it, and you go on working there."
        )
        if not _offer(box, "Save the journal again there"):
            return False
        try:
            service.save_again_where_it_was()
        except JournalError as error:
            self._failure_message = f"Could not save the journal again: {error}"
            QMessageBox.warning(self._window, "Not saved", self._failure_message)
            return False
        for check_in in list(self.unsaved_check_ins.values()):
            service.save_check_in(check_in)  # the check-ins kept in their form, too
        self._window.statusBar().showMessage(f"Saved the journal again at {service.path}")
        return True

    def _ask_retry(self, message: str, can_retry: bool) -> bool:
        """Show why a change was not saved; True when the user chooses Retry."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Not saved", message, parent=self._window)
        box.setInformativeText(
            "A check-in stays in its form, marked “not saved yet”, until it is saved: free "
            "some disk space or make the journal file writable, then choose Retry (or change "
            "the check-in again later)."
            if can_retry
            else ""
        )
        retry = box.addButton(QMessageBox.StandardButton.Retry) if can_retry else None
        box.addButton("Not now" if can_retry else "OK", QMessageBox.ButtonRole.RejectRole)
        default = retry or box.buttons()[0]
        if isinstance(default, QPushButton):
            box.setDefaultButton(default)
        box.exec()
        return retry is not None and box.clickedButton() is retry

    def let_go_of_lost_journal(self, service: JournalService) -> bool:
        """Before closing a journal whose file left its path: offer to keep it first.

        True when it may be closed (saved again, a copy saved, or the user says so).
        """
        if not self._window.interactive:
            return True
        message = (
            f"The journal's file is no longer at {service.path}; Legday holds the only copy "
            "of it. Closing it now would lose it."
        )
        if self._ask_to_save_again(service, message) or not service.file_left_path:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Close the journal without saving it?",
            message,
            parent=self._window,
        )
        close = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it open", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is close

    def close_anyway(self) -> bool:
        """Before closing with check-ins that could not be saved: try again, or ask."""
        while self.unsaved_check_ins:
            dates = sorted(self.unsaved_check_ins)
            days = ", ".join(texts.short_date(date, self._window.today()) for date in dates)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Close without saving?",
                f"The check-in of {days} could not be saved; closing now would lose it.",
                parent=self._window,
            )
            again = box.addButton("Try saving again", QMessageBox.ButtonRole.AcceptRole)
            close = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
            cancel = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(again)
            box.setEscapeButton(cancel)
            box.exec()
            if box.clickedButton() is close:
                return True
            if box.clickedButton() is not again or self._window.service is None:
                return False
            for date in dates:
                if not self._window.service.save_check_in(self.unsaved_check_ins[date]):
                    break
        return True


def _offer(box: QMessageBox, action: str) -> bool:
    """Show ``box`` with ``action`` (the default) and "Not now"; True if ``action`` was chosen."""
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(chosen)
    box.exec()
    return box.clickedButton() is chosen
