"""What the pain is like: picked with the mouse or the keyboard after a level, undone, shown."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from conftest import click_region, stored_levels
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legday_desktop.domain.soreness import PainQuality
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.region_table import RegionTableModel


def stored_qualities(database: Path, date: dt.date | None = None) -> dict[str, str | None]:
    """What the database itself holds for a day's qualities, read with its own connection."""
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute(
            "SELECT region_id, quality FROM soreness WHERE date = ?",
            ((date or dt.date.today()).isoformat(),),
        ).fetchall()
    finally:
        connection.close()
    return dict(rows)


def meaning_of(window: MainWindow, region_id: str) -> str:
    model = window.region_model
    return str(model.index(model.row_of(region_id), RegionTableModel.MEANING).data())


def test_the_quality_buttons_wait_for_a_level(qtbot: QtBot, window: MainWindow) -> None:
    picker = window.quality_picker
    assert not any(button.isEnabled() for button in picker.buttons.values())
    click_region(window, "calves.left")
    assert not any(button.isEnabled() for button in picker.buttons.values())  # not rated yet
    QTest.mouseClick(window.level_picker.buttons[3], Qt.MouseButton.LeftButton)
    assert all(button.isEnabled() for button in picker.buttons.values())


def test_a_click_says_what_the_pain_is_like_and_again_clears_it(
    qtbot: QtBot, window: MainWindow, database: Path
) -> None:
    window.both_sides.setChecked(False)
    click_region(window, "hamstrings.left")
    QTest.mouseClick(window.level_picker.buttons[6], Qt.MouseButton.LeftButton)
    sharp = window.quality_picker.buttons[PainQuality.SHARP]
    QTest.mouseClick(sharp, Qt.MouseButton.LeftButton)
    assert stored_qualities(database) == {"hamstrings.left": "sharp"}
    assert sharp.isChecked()
    assert meaning_of(window, "hamstrings.left").endswith("· sharp or stabbing")
    # A new level keeps what the pain is like, as it keeps a note.
    QTest.mouseClick(window.level_picker.buttons[4], Qt.MouseButton.LeftButton)
    assert stored_levels(database) == {"hamstrings.left": 4}
    assert stored_qualities(database) == {"hamstrings.left": "sharp"}
    QTest.mouseClick(sharp, Qt.MouseButton.LeftButton)
    assert stored_qualities(database) == {"hamstrings.left": None}
    assert not sharp.isChecked()
    assert "·" not in meaning_of(window, "hamstrings.left")


def test_keyboard_only_a_level_then_a_quality_for_both_sides_undone_in_one_step(
    qtbot: QtBot, window: MainWindow, database: Path
) -> None:
    window.activateWindow()
    window.body_map.setFocus(Qt.FocusReason.TabFocusReason)
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    QTest.keyClick(window.body_map, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert stored_qualities(database) == {
        "quadriceps.left": "burning",
        "quadriceps.right": "burning",
    }
    assert window.body_map.hasFocus()  # typing goes on where it was
    assert window.quality_picker.buttons[PainQuality.BURNING].isChecked()
    QTest.keyClick(window.body_map, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert set(stored_qualities(database).values()) == {"tight"}
    QTest.keyClick(window.body_map, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(stored_qualities(database).values()) == {"burning"}
    QTest.keyClick(window.body_map, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_qualities(database) == {"quadriceps.left": None, "quadriceps.right": None}
    assert stored_levels(database) == {"quadriceps.left": 5, "quadriceps.right": 5}
    assert not window.quality_picker.buttons[PainQuality.BURNING].isChecked()
