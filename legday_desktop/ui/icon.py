"""Legday's own application icon, as Qt loads it for the window and the About box."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from legday_desktop.resource_files import resource_path


def app_icon() -> QIcon:
    """Legday's own icon, from PNGs rendered from resources/legday.svg (resources/icons).

    PNGs rather than the SVG: Qt reads them itself, where the SVG would load the SVG
    plugin and library (about 2 MB) on the way to the first window.
    """
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("legday-*.png")):
        icon.addFile(str(png))
    return icon
