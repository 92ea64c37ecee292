"""An error nobody foresaw, in a slot: logged, said in a dialog, details copied, nothing lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import open_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from legday_desktop.logs import start_logging
from legday_desktop.ui.error_dialog import COPY_DETAILS, EXPLANATION, install_exception_hook


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_and_what_was_typed_stays(
    qtbot: QtBot, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    window = open_window(qtbot, database)
    log_path = start_logging(folder=tmp_path / "logs")
    install_exception_hook(lambda: window, log_path)
    note = window.check_in_panel.note
    note.setText("half a sentence, not saved yet")
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen["text"], seen["informative"] = box.text(), box.informativeText()
        copy = next(b for b in box.buttons() if b.text() == COPY_DETAILS)
        QTest.mouseClick(copy, Qt.MouseButton.LeftButton)
        seen["open_after_copy"] = box.isVisible()
        ok = next(
            b for b in box.buttons() if isinstance(b, QPushButton) and b.text() != COPY_DETAILS
        )
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    raised: list[bool] = []

    def broken_slot() -> None:
        if not raised:  # once: the window's own messages go on afterwards
            raised.append(True)
            _ = 1 / 0

    QTimer.singleShot(0, answer)
    window.statusBar().messageChanged.connect(lambda _text: broken_slot())
    window.statusBar().showMessage("a status message whose slot fails")
    qtbot.waitUntil(lambda: "text" in seen and not QApplication.activeModalWidget(), timeout=5000)
    assert seen["text"] == EXPLANATION
    assert str(log_path) in str(seen["informative"])
    assert seen["open_after_copy"] is True  # copying leaves the dialog open
    assert "ZeroDivisionError: division by zero" in QApplication.clipboard().text()
    assert "broken_slot" in log_path.read_text("utf-8")
    assert note.text() == "half a sentence, not saved yet"  # nothing lost
    assert window.isVisible()
    window.close()
