"""Saving a rendered image to a file the way every Legday file is written (file_writing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage, QPixmap

from legday_desktop.file_writing import write_atomically


def write_png_atomically(image: QImage | QPixmap, path: Path) -> None:
    """Encode ``image`` as PNG and write it atomically, owner-only; OSError if it cannot."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"cannot encode the image for {path}")
    write_atomically(path, bytes(buffer.data().data()))
