"""Saving a rendered image to a file the way every Legday file is written (file_writing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter, QPixmap

from legday_desktop.file_writing import write_atomically


def write_png_atomically(image: QImage | QPixmap, path: Path) -> None:
    """Encode ``image`` as PNG and write it atomically, owner-only; OSError if it cannot."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture = image.toImage() if isinstance(image, QPixmap) else image
    if not QImageWriter(buffer, QByteArray(b"png")).write(picture):
        raise OSError(f"cannot encode the image for {path}")
    write_atomically(path, bytes(buffer.data().data()))
