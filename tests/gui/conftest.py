"""Fixtures for GUI tests: a main window on a real journal file, and ways to reach regions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from legday_desktop.app import start_main_window
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.preferences_dialog import PreferencesDialog


def open_window(qtbot: QtBot, database: Path) -> MainWindow:
    """The app's own start-up on ``database``, waited for until the day is shown."""
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    qtbot.waitUntil(lambda: window.body_map.painted_with_data, timeout=5000)
    return window


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A dialog still opening while the test's windows close fails the test, never hangs it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    if QApplication.instance() is None:  # a test without widgets: nothing can open
        return (yield)
    left_open: list[str] = []

    def dismiss() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            left_open.append(dialog.windowTitle())
            dialog.reject()

    watcher = QTimer()
    watcher.timeout.connect(dismiss)
    watcher.start(50)
    try:
        result = yield
    finally:
        watcher.stop()
    if left_open:
        pytest.fail(f"dialogs opened while the test's windows closed: {left_open}")
    return result


@pytest.fixture(autouse=True)
def isolated_settings(isolated_user_folders: Path) -> None:
    """QSettings reads XDG_CONFIG_HOME once per process: point it at this test's home."""
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        folder = str(isolated_user_folders / ".config")
        QSettings.setPath(QSettings.Format.NativeFormat, scope, folder)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def window(qtbot: QtBot, database: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, database)
    yield window
    window.close()


def click_region(window: MainWindow, region_id: str) -> None:
    """Click where a person would: inside the region's shape."""
    point = window.body_map.region_centre(region_id).toPoint()
    QTest.mouseClick(window.body_map, Qt.MouseButton.LeftButton, pos=point)


def answer_message_box(button_text: str, seen: list[str] | None = None) -> None:
    """When the next message box opens, note its texts in ``seen`` and click ``button_text``.

    Clicks the button as a person would; the test fails if the box has no such button.
    """
    answer_message_boxes([button_text], seen)


def answer_message_boxes(button_texts: list[str], seen: list[str] | None = None) -> None:
    """Answer the next message boxes in turn, one button each, as they open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    answered: list[QMessageBox] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if (
            not isinstance(box, QMessageBox)
            or not box.isVisible()
            or any(box is old for old in answered)
        ):
            QTimer.singleShot(10, click)
            return
        answered.append(box)
        button_text = button_texts[len(answered) - 1]
        if seen is not None:
            seen.append(f"{box.text()}\n{box.informativeText()}")
        labels = [button.text().replace("&", "") for button in box.buttons()]
        if len(answered) < len(button_texts):
            QTimer.singleShot(10, click)
        for button, label in zip(box.buttons(), labels, strict=True):
            if label == button_text:
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        box.reject()
        raise AssertionError(f"no button {button_text!r} in the message box; it has {labels}")

    QTimer.singleShot(0, click)


def click_at(window: MainWindow, point: QPointF) -> None:
    QTest.mouseClick(window.body_map, Qt.MouseButton.LeftButton, pos=point.toPoint())


def stored_levels(database: Path, date: dt.date | None = None) -> dict[str, int]:
    """What the database itself holds for a day, read with a separate connection."""
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute(
            "SELECT region_id, level FROM soreness WHERE date = ?",
            ((date or dt.date.today()).isoformat(),),
        ).fetchall()
    finally:
        connection.close()
    return dict(rows)


def with_preferences(
    window: MainWindow, qtbot: QtBot, act: Callable[[PreferencesDialog], None]
) -> None:
    """Press Ctrl+, in the window (made active, as a click on it would); ``act`` on the dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    done: list[bool] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(10, run)
            return
        act(dialog)
        done.append(True)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(0, run)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done))


def press(dialog: PreferencesDialog, button: QDialogButtonBox.StandardButton) -> None:
    """Click one of the dialog's buttons (OK, Apply, Cancel) as a person would."""
    widget = dialog.buttons.button(button)
    assert widget is not None
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
