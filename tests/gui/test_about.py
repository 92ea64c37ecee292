"""Help → About Legday: version, licence, the journal's folder, credits and the caveat."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

import legday_desktop
from legday_desktop import APP_ID
from legday_desktop.ui.about_dialog import AboutDialog
from legday_desktop.ui.main_window import MainWindow


def test_about_shows_version_licence_folder_credits_and_caveat(
    qtbot: QtBot,
    window: MainWindow,
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):
            QTimer.singleShot(10, read_and_close)
            return
        dialog.grab().save(str(tmp_path / "about.png"))
        seen["title"] = dialog.windowTitle()
        for name in ("title_label", "data_label", "credits_label", "caveat_label"):
            seen[name] = getattr(dialog, name).text()
        # The folder link, followed as a click on it would.
        (link,) = re.findall(r'href="([^"]+)"', dialog.data_label.text())
        dialog.data_label.linkActivated.emit(link)
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        QTest.mouseClick(close, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, read_and_close)
    help_menu = window.menuBar().actions()[-1].menu()
    assert isinstance(help_menu, QMenu) and help_menu.title() == "&Help"
    window.about_action.trigger()

    assert seen["title"] == "About Legday"
    assert f"Legday {legday_desktop.__version__}" in seen["title_label"]
    assert legday_desktop.__version__ != "0+unknown"
    assert f"Your journal: {database}" in seen["data_label"]
    assert "Licence: MIT" in seen["credits_label"]
    assert "artwork and the app icon are drawn for Legday" in seen["credits_label"]
    assert "general information, not medical advice" in seen["caveat_label"]
    assert [url.toLocalFile() for url in opened] == [str(database.parent)]


def test_the_app_names_its_desktop_entry_and_has_its_icon(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.desktopFileName() == APP_ID
    icon = app.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(32, 32).toImage()
    assert image.width() == 32 and image.pixelColor(16, 16).alpha() > 0
