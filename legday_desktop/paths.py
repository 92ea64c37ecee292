"""Where Legday keeps its data by default (Qt's per-user application data folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from legday_desktop import APP_NAME

DATABASE_FILE_NAME = "legday.sqlite3"


def set_application_names() -> None:
    """Name the application, which also names its data and settings folders."""
    QCoreApplication.setApplicationName(APP_NAME)


def default_database_path() -> Path:
    """``<AppDataLocation>/legday.sqlite3``; the folder is created owner-only if missing."""
    set_application_names()
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / DATABASE_FILE_NAME
