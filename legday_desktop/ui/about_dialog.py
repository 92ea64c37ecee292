"""Help → About Legday: version, licence, where the journal lives, credits, and the caveat."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from legday_desktop import APP_NAME
from legday_desktop.ui.icon import app_icon
from legday_desktop.ui.texts import escape

ICON_SIZE = 96


# Set by a PyInstaller build: its own libraries and plugins, which programs it starts
# (the file manager) must not load in place of the system's.
BUNDLE_ENVIRONMENT = ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH")


def open_with_desktop(url: QUrl) -> None:
    """Open ``url`` with the desktop's own program (from a bundled build too)."""
    if not getattr(sys, "frozen", False):
        QDesktopServices.openUrl(url)
        return
    saved = {name: os.environ.get(name) for name in BUNDLE_ENVIRONMENT}
    try:
        for name in BUNDLE_ENVIRONMENT:
            os.environ.pop(name, None)
        if "LD_LIBRARY_PATH_ORIG" in os.environ:  # what the user had before the bundle
            os.environ["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH_ORIG"]
        QDesktopServices.openUrl(url)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class AboutDialog(QDialog):
    """What Legday is and where its data is; the data folder opens with a click."""

    def __init__(
        self,
        version: str,
        journal: Path | None,
        not_medical_advice: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.journal = journal

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.title_label = QLabel(f"<h2>{APP_NAME} {escape(version)}</h2>")
        summary = QLabel(
            "Click where your legs are sore after leg day, and follow how the soreness "
            "fades, with recovery tips and their sources. Offline: no account, no network."
        )
        summary.setWordWrap(True)

        self.caveat_label = QLabel(f"<b>{escape(not_medical_advice)}</b>")
        self.caveat_label.setWordWrap(True)

        if journal is None:
            where = "No journal is open."
        else:
            folder = journal.parent
            where = (
                f"Your journal: {escape(str(journal))}<br>"
                f'<a href="{QUrl.fromLocalFile(str(folder)).toString()}">'
                f"Open the folder {escape(str(folder))}</a> (backups are in its "
                "<i>backups</i> folder)"
            )
        self.data_label = QLabel(where)
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.data_label.linkActivated.connect(self._open_link)

        self.credits_label = QLabel(
            "Licence: MIT. The body-map artwork and the app icon are drawn for Legday by "
            "the Legday team, under the same licence. Built with Qt (PySide6, LGPL), "
            "SQLite, SQLAlchemy, Alembic and matplotlib."
        )
        self.credits_label.setWordWrap(True)

        texts = QVBoxLayout()
        for label in (
            self.title_label,
            summary,
            self.caveat_label,
            self.data_label,
            self.credits_label,
        ):
            texts.addWidget(label)
        texts.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(12)
        row.addLayout(texts, stretch=1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _open_link(self, link: str) -> None:
        open_with_desktop(QUrl(link))
