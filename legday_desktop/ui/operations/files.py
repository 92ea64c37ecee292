"""File dialogs that start in the folder last used for that kind of file, with a good name."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from legday_desktop.services.save_folders import (
    FileKind,
    remember_folder,
    start_folder,
    suggested_path,
)


def _suffixes(file_filter: str) -> list[str]:
    """``.csv`` and ``.json`` of ``"CSV (*.csv);;JSON (*.json)"`` (in order)."""
    return re.findall(r"\*(\.[A-Za-z0-9]+)", file_filter)


def choose_save_path(
    parent: QWidget,
    title: str,
    kind: FileKind,
    suggested: Path | tuple[str, dt.date, str],
    filters: str,
) -> Path | None:
    """Ask where to save; None if cancelled. The folder is remembered for ``kind``.

    ``suggested`` is a path, or (what, date, suffix) for ``legday-<date>-<what>.<suffix>``
    in the remembered folder. A name typed without a suffix ``filters`` offers gets the one
    of the filter chosen; if a file of that name exists, the user is asked first (the
    dialog only asked about the name as typed).
    """
    if isinstance(suggested, tuple):
        what, date, suffix = suggested
        suggested = suggested_path(kind, what, date, suffix)
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not chosen:
        return None
    path = Path(chosen)
    offered = [suffix.lower() for suffix in _suffixes(filters)]
    if offered and path.suffix.lower() not in offered:
        suffix = next(iter(_suffixes(chosen_filter)), None) or suggested.suffix or offered[0]
        path = path.with_name(path.name + suffix)
        if path.exists() and not _replace_confirmed(parent, path):
            return None
    remember_folder(kind, path)
    return path


def _replace_confirmed(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Replace the file?",
        f"{path} already exists. Replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_open_path(
    parent: QWidget, title: str, kind: FileKind, filters: str, first: Path | None = None
) -> Path | None:
    """Ask for a file to open; None if cancelled.

    Starts in the folder remembered for ``kind`` (before any: ``first``, or Documents).
    """
    folder = start_folder(kind, first)
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(kind, path)
    return path
