"""Composition root of the desktop app: QApplication, database path, services, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from legday_desktop.paths import set_application_names
from legday_desktop.ui.main_window import MainWindow


def open_journal(window: MainWindow, database: Path) -> bool:
    """Open ``database`` and show it in ``window``; on failure show why and return False."""
    # Storage (SQLAlchemy) is imported here, after the first paint, keeping start-up short.
    from legday_desktop.services.journal import JournalService
    from legday_desktop.storage.errors import StorageError
    from legday_desktop.storage.repository import open_repository

    try:
        repository = open_repository(database)
    except StorageError as error:
        window.show_open_error(str(error))
        return False
    service = JournalService(repository, parent=window)
    window.attach(service)
    return True


def start_main_window(database: Path) -> MainWindow:
    """Show the main window at once, and open ``database`` into it from the event loop."""
    window = MainWindow()
    window.show()

    def open_or_close() -> None:
        if not open_journal(window, database):
            window.close()

    QTimer.singleShot(0, open_or_close)
    return window


def run_app(database: Path) -> int:
    """Open the main window on ``database``; return the exit code when the app quits."""
    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = start_main_window(database)
    app.exec()
    return 0 if window.journal_open else 1
