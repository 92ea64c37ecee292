"""File → Export body map image: the shown day's map alone, as a PNG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from legday_desktop.services.save_folders import FileKind
from legday_desktop.ui.operations.files import choose_save_path

if TYPE_CHECKING:
    from legday_desktop.ui.main_window import MainWindow


def export_map_image(window: MainWindow) -> None:
    """Ask where, then write the map of the shown day (front, back, legend, date)."""
    date = window.shown_date
    path = choose_save_path(
        window,
        "Export body map image",
        FileKind.IMAGE,
        ("body-map", date, "png"),
        "PNG image (*.png)",
    )
    if path is None:
        return
    from legday_desktop.ui.image_files import write_png_atomically
    from legday_desktop.ui.map_picture import map_picture

    image = map_picture(window.body_map.levels, date, window.banner_label.text(), window.palette())
    try:
        write_png_atomically(image, path)
    except OSError as error:
        QMessageBox.warning(
            window, "Image not saved", f"Could not write {path}: {error.strerror or error}."
        )
    else:
        window.statusBar().showMessage(f"Saved the body map of that day to {path}", 6000)
