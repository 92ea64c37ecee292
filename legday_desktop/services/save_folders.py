"""Where save and open dialogs start: the folder last used for that kind of file, remembered.

The first time, pictures start in the user's Pictures folder and documents in Documents
(the home folder where the desktop has neither); names say what and when
(``legday-2026-12-02-recovery.png``).
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from legday_desktop import APP_NAME


class FileKind(enum.StrEnum):
    """The kinds of file the window saves or opens; each remembers its own folder."""

    IMAGE = "image"  # body map and chart pictures
    REPORT = "report"  # the PDF report
    EXCHANGE = "exchange"  # CSV and JSON exports and imports
    JOURNAL = "journal"  # journals opened or created
    BACKUP = "backup"  # backups made or restored by hand


_FIRST_FOLDERS = {
    FileKind.IMAGE: QStandardPaths.StandardLocation.PicturesLocation,
    FileKind.REPORT: QStandardPaths.StandardLocation.DocumentsLocation,
    FileKind.EXCHANGE: QStandardPaths.StandardLocation.DocumentsLocation,
    FileKind.JOURNAL: QStandardPaths.StandardLocation.DocumentsLocation,
    FileKind.BACKUP: QStandardPaths.StandardLocation.DocumentsLocation,
}


def _settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def first_folder(kind: FileKind) -> Path:
    """Documents or Pictures when the folder exists, else the home folder."""
    location = QStandardPaths.writableLocation(_FIRST_FOLDERS[kind])
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def remembered_folder(kind: FileKind) -> Path | None:
    """The folder the last file of ``kind`` was saved in or opened from, if it still exists."""
    remembered = _settings().value(f"folders/{kind.value}", "")
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return None


def start_folder(kind: FileKind, first: Path | None = None) -> Path:
    """The remembered folder; else ``first`` if given and there, else Documents or Pictures."""
    remembered = remembered_folder(kind)
    if remembered is not None:
        return remembered
    if first is not None and first.is_dir():
        return first
    return first_folder(kind)


def remember_folder(kind: FileKind, chosen: Path) -> None:
    """Dialogs for ``kind`` start next time in the folder of ``chosen`` (a file)."""
    settings = _settings()
    settings.setValue(f"folders/{kind.value}", str(chosen.parent))
    settings.sync()


def file_name(what: str, date: dt.date, suffix: str) -> str:
    """``legday-<date>-<what>.<suffix>``, e.g. ``legday-2026-12-02-recovery.png``."""
    words = "-".join(what.casefold().split())
    middle = f"-{words}" if words else ""
    return f"legday-{date.isoformat()}{middle}.{suffix.lstrip('.')}"


def suggested_path(kind: FileKind, what: str, date: dt.date, suffix: str) -> Path:
    """Where a save dialog for ``kind`` proposes to write: remembered folder, meaningful name."""
    return start_folder(kind) / file_name(what, date, suffix)
