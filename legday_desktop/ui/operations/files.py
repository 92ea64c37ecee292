"""File dialogs that start in the folder last used for that kind of file, with a good name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from legday_desktop.services.save_folders import (
    FileKind,
    remember_folder,
    start_folder,
    suggested_path,
)


def choose_save_path(
    parent: QWidget,
    title: str,
    kind: FileKind,
    suggested: Path | tuple[str, dt.date, str],
    filters: str,
) -> Path | None:
    """Ask where to save; None if cancelled. The folder is remembered for ``kind``.

    ``suggested`` is a path, or (what, date, suffix) for ``legday-<date>-<what>.<suffix>``
    in the remembered folder. A name typed without the suffix gets the suggested one.
    """
    if isinstance(suggested, tuple):
        what, date, suffix = suggested
        suggested = suggested_path(kind, what, date, suffix)
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix and suggested.suffix:
        path = path.with_name(path.name + suggested.suffix)
    remember_folder(kind, path)
    return path


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
