"""File → Import workouts…: the preview, the unit asked, a name mapped, undo and redo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import answer_message_box, open_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.workout_import_dialog import WorkoutImportDialog

DATA = Path(__file__).parent.parent / "data" / "workouts"


def stored_leg_days(database: Path) -> list[tuple[str, int]]:
    """Each leg day's date and number of sets, read with a connection of its own."""
    connection = sqlite3.connect(database)
    try:
        return connection.execute(
            "SELECT date, (SELECT count(*) FROM workout_set WHERE leg_day_id = leg_day.id) "
            "FROM leg_day ORDER BY date"
        ).fetchall()
    finally:
        connection.close()


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_: (str(path), ""))


def when_the_preview_opens(window: MainWindow, act: Callable[[WorkoutImportDialog], None]) -> None:
    """Once the preview is on screen, run ``act`` on it (as a person would use it)."""

    def check() -> None:
        dialog = window.workout_import_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, check)
            return
        act(dialog)

    QTimer.singleShot(0, check)


def test_import_through_the_preview_then_undo_and_redo(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, database)
    before = stored_leg_days(database)
    choose_file(monkeypatch, DATA / "strong_comma.csv")
    asked: list[str] = []

    def ask_unit(_parent: object, title: str, _label: str, items: list[str], *_: object):  # type: ignore[no-untyped-def]
        asked.append(title)
        return items[0], True  # Kilograms

    monkeypatch.setattr(QInputDialog, "getItem", ask_unit)
    seen: dict[str, object] = {}

    def look_and_import(dialog: WorkoutImportDialog) -> None:
        seen["summary"] = dialog.summary.text()
        seen["rows"] = dialog.leg_days.topLevelItemCount()
        seen["button"] = dialog.import_button.text()
        seen["nothing_yet"] = stored_leg_days(database) == before
        # Map the unknown name to the inner thigh: the plan follows at once.
        dialog.choose("Cossack squat", "adductors")
        seen["after_mapping"] = dialog.summary.text()
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    when_the_preview_opens(window, look_and_import)
    window.import_workouts_action.trigger()
    assert asked == ["Which unit are the weights in?"]
    assert seen["nothing_yet"] is True  # nothing written while the preview was open
    assert "5 leg days to create" in str(seen["summary"])
    assert "3 sessions skipped as not leg training" in str(seen["summary"])
    assert "Cossack squat (2 sets)" in str(seen["summary"])
    assert "Cossack squat" not in str(seen["after_mapping"])
    assert seen["button"] == "Import 5 leg days"
    assert seen["rows"] == 6  # five leg days and the skipped sessions
    after = stored_leg_days(database)
    new = [day for day in after if day not in before]
    assert len(new) == 5 and all(sets > 0 for _, sets in new)
    assert "Imported strong_comma.csv: 5 leg days created" in window.statusBar().currentMessage()
    window.activateWindow()  # back in the window once the preview has closed
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo
    qtbot.waitUntil(lambda: stored_leg_days(database) == before, timeout=3000)
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: stored_leg_days(database) == after, timeout=3000)
    window.close()


def test_cancelling_the_preview_writes_nothing(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, database)
    before = stored_leg_days(database)
    choose_file(monkeypatch, DATA / "hevy_kg.csv")
    when_the_preview_opens(window, lambda dialog: dialog.reject())
    window.import_workouts_action.trigger()
    assert stored_leg_days(database) == before
    assert not window.service.undo_stack.canUndo()  # type: ignore[union-attr]
    window.close()


def test_a_bad_file_says_where_and_imports_nothing(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window(qtbot, database)
    before = stored_leg_days(database)
    bad = tmp_path / "bad.csv"
    lines = (DATA / "hevy_kg.csv").read_text("utf-8").splitlines(keepends=True)
    bad.write_text(lines[0] + lines[1].replace(",60,", ",sixty,"), encoding="utf-8")
    choose_file(monkeypatch, bad)
    seen: list[str] = []
    answer_message_box("OK", seen)
    window.import_workouts_action.trigger()
    assert seen and "bad.csv:2: weight_kg:" in seen[0] and "Nothing was imported" in seen[0]
    assert stored_leg_days(database) == before
    window.close()


def test_the_preview_reads_at_the_laptop_size(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Rendered for a look (docs/screenshots), and no text cut: every column has room."""
    window = open_window(qtbot, database)
    choose_file(monkeypatch, DATA / "strong_semicolon.csv")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_: ("Pounds (lb)", True))
    grabbed: list[object] = []

    def grab(dialog: WorkoutImportDialog) -> None:
        QApplication.processEvents()
        grabbed.append(dialog.grab())
        dialog.reject()

    when_the_preview_opens(window, grab)
    window.import_workouts_action.trigger()
    assert grabbed and not grabbed[0].isNull()  # type: ignore[attr-defined]
    assert grabbed[0].width() <= 1366 and grabbed[0].height() <= 740  # type: ignore[attr-defined]
    grabbed[0].save(str(tmp_path / "preview.png"))  # type: ignore[attr-defined]
    window.close()


def test_the_leg_day_dialog_shows_the_sets_with_their_load_and_keeps_them(
    qtbot: QtBot,
) -> None:
    import datetime as dt

    from legday_desktop.domain.leg_days import LegDay
    from legday_desktop.domain.training import SetType, WorkoutSet
    from legday_desktop.ui.leg_day_dialog import LegDayDialog

    sets = (
        WorkoutSet("Squat (Barbell)", 1, reps=8, weight_kg=60.0, set_type=SetType.WARMUP),
        WorkoutSet("Squat (Barbell)", 2, reps=5, weight_kg=100.0, rpe=8.0),
        WorkoutSet("Cossack squat", 3, reps=8),
    )
    day = dt.date(2026, 11, 2)
    leg_day = LegDay(day, "Legs", ("Squat (Barbell)", "Cossack squat"), sets=sets)
    dialog = LegDayDialog(None, leg_day, day, dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.sets_view.toPlainText()
    assert "Squat (Barbell): 8 × 60 kg (warm-up), 5 × 100 kg (RPE 8)" in text
    assert "Quads: 1.0 hard sets, 500 kg volume" in text  # the warm-up left out
    # The names as the app wrote them stay, and so do the sets, when it is saved.
    assert dialog.other_exercises.text() == "Squat (Barbell), Cossack squat"
    dialog.title_edit.setText("Legs, heavy")
    saved = dialog.leg_day()
    assert saved.sets == sets and saved.exercises == ("Squat (Barbell)", "Cossack squat")
