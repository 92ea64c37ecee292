"""An error nobody foresaw: logged, and said in a dialog with the log's path and its details."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("legday")

EXPLANATION = (
    "Something went wrong in Legday. What you were doing may not have finished; what was "
    "saved is safe, and what you typed is still in its fields."
)
COPY_DETAILS = "Copy details"


def error_dialog(parent: QWidget | None, details: str, log_path: Path) -> QMessageBox:
    """The dialog for an unexpected error: what it means, where the log is, Copy details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Legday: unexpected error")
    box.setText(EXPLANATION)
    box.setInformativeText(
        f"The details are in the log, {log_path}. If it happens again, please report it with them."
    )
    box.setDetailedText(details)
    copy = box.addButton(COPY_DETAILS, QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)

    def copy_details() -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(details)

    # An ActionRole button would close the box: the copy happens and the box stays.
    copy.clicked.disconnect()
    copy.clicked.connect(copy_details)
    return box


def install_exception_hook(
    parent: Callable[[], QWidget | None], log_path: Path
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """Make every uncaught exception (a slot's included) logged and shown, not lost.

    ``parent`` gives the window to show the dialog over. An error while the dialog is
    open is logged only. Returns the hook (also set as ``sys.excepthook``).
    """
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.error("Unexpected error:\n%s", details.rstrip())
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            error_dialog(parent(), details, log_path).exec()
        finally:
            showing = False

    sys.excepthook = hook
    return hook
