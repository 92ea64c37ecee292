"""The File menu's dialogs do what they say, with the command line's rules where it has them.

The map alone as a picture, remembered folders, other journals, import and export.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import (
    answer_message_box,
    answer_message_boxes,
    click_region,
    open_window,
    stored_levels,
)
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from test_report_pdf import answer_report_dialog

from legday_desktop.cli import main
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.drawing.colours import level_colour
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()
HEADER = "date,region,level,leg_day_date,days_after,note\n"
AFTER = f"{(TODAY - dt.timedelta(days=1)).isoformat()},1"  # the leg day of yesterday


class FileDialogs:
    """Stands in for the file dialogs: notes what each suggested, answers with a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.suggested: list[str] = []
        self.answers: list[Path | None] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._answer)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._answer)

    def _answer(
        self, _parent: object, _title: str, suggested: str, _filter: str
    ) -> tuple[str, str]:
        self.suggested.append(suggested)
        answer = self.answers.pop(0) if self.answers else Path(suggested)
        return ("" if answer is None else str(answer)), ""


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    return FileDialogs(monkeypatch)


def rated_window(qtbot: QtBot, database: Path) -> MainWindow:
    filled_store(
        database,
        Journal(
            leg_days=(LegDay(TODAY - dt.timedelta(days=1), "Squats", ("Squat",)),),
            ratings=(
                SorenessRating(TODAY, "quadriceps.left", 7),
                SorenessRating(TODAY, "quadriceps.right", 7),
            ),
        ),
    ).close()
    return open_window(qtbot, database)


def test_export_body_map_image_saves_the_map_alone_into_pictures(
    qtbot: QtBot, database: Path, dialogs: FileDialogs
) -> None:
    window = rated_window(qtbot, database)
    pictures = Path.home() / "Pictures"
    pictures.mkdir()
    window.export_image_action.trigger()
    first = Path(dialogs.suggested[0])
    assert first == pictures / f"legday-{TODAY.isoformat()}-body-map.png"
    image = QImage(str(first))
    assert not image.isNull() and stat.S_IMODE(first.stat().st_mode) == 0o600
    # The map, not the window: taller than wide, another size than the window's.
    assert image.height() > image.width() and image.size() != window.size()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    assert level_colour(7).name() in colours  # the rated quads, in their colour
    # No selection outline, whatever is selected, and the same at any window size.
    click_region(window, "quadriceps.left")
    window.resize(1024, 640)
    elsewhere = Path.home() / "maps"
    elsewhere.mkdir()
    dialogs.answers.append(elsewhere / "selected")
    window.export_image_action.trigger()
    again = QImage(str(elsewhere / "selected.png"))
    assert again == image
    # The next export starts where the last one went.
    window.export_image_action.trigger()
    assert Path(dialogs.suggested[-1]).parent == elsewhere


def test_cancelling_a_save_dialog_writes_nothing_and_remembers_nothing(
    qtbot: QtBot, database: Path, dialogs: FileDialogs
) -> None:
    window = rated_window(qtbot, database)
    dialogs.answers.append(None)
    window.export_image_action.trigger()
    window.export_image_action.trigger()
    assert Path(dialogs.suggested[1]).parent == Path.home()  # no Pictures folder: the home
    assert not list(Path.home().glob("*.png")) or Path(dialogs.suggested[1]).exists()


def test_export_report_starts_in_documents_then_where_the_last_one_went(
    qtbot: QtBot, database: Path, dialogs: FileDialogs
) -> None:
    window = rated_window(qtbot, database)
    documents = Path.home() / "Documents"
    documents.mkdir()
    reports = Path.home() / "reports"
    reports.mkdir()
    dialogs.answers.append(reports / "for-the-physio.pdf")
    answer_report_dialog()
    window.export_report_action.trigger()
    assert Path(dialogs.suggested[0]).parent == documents
    assert Path(dialogs.suggested[0]).name.startswith("legday-report-")
    assert (reports / "for-the-physio.pdf").read_bytes().startswith(b"%PDF")
    answer_report_dialog()
    dialogs.answers.append(None)
    window.export_report_action.trigger()
    assert Path(dialogs.suggested[1]).parent == reports


def test_export_writes_what_legday_export_writes(
    qtbot: QtBot,
    database: Path,
    dialogs: FileDialogs,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    window = rated_window(qtbot, database)
    for suffix in ("csv", "json"):
        target = tmp_path / f"out.{suffix}"
        dialogs.answers.append(target)
        window.export_action.trigger()
        assert (
            main(
                [
                    "export",
                    "--db",
                    str(database),
                    "--format",
                    suffix,
                    "--output",
                    str(tmp_path / f"cli.{suffix}"),
                ]
            )
            == 0
        )
        assert target.read_bytes() == (tmp_path / f"cli.{suffix}").read_bytes()
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert f"Exported the journal to {tmp_path / 'out.json'}" in window.statusBar().currentMessage()


def test_import_adds_a_file_as_one_undoable_change(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    export = tmp_path / "other.csv"
    export.write_text(
        HEADER + f"{TODAY.isoformat()},calves.left,4,{AFTER},\n"
        f"{TODAY.isoformat()},calves.right,5,{AFTER},after the run\n",
        encoding="utf-8",
    )
    dialogs.answers.append(export)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.body_map.levels.get("calves.right") == 5, timeout=3000)
    assert stored_levels(database)["calves.left"] == 4
    assert "Imported other.csv: 2 added" in window.statusBar().currentMessage()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo
    qtbot.waitUntil(lambda: "calves.right" not in window.body_map.levels, timeout=3000)
    assert "calves.left" not in stored_levels(database)
    assert stored_levels(database)["quadriceps.left"] == 7


def test_a_bad_import_file_says_where_and_changes_nothing(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    before = stored_levels(database)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + f"{TODAY.isoformat()},calves.left,4,{AFTER},\n"
        f"{TODAY.isoformat()},calves.right,eleven,{AFTER},\n",
        encoding="utf-8",
    )
    dialogs.answers.append(bad)
    seen: list[str] = []
    answer_message_box("OK", seen)
    window.import_action.trigger()
    assert f"{bad}:3: level: 'eleven' is not a whole number" in seen[0]  # file, line, field
    assert "Nothing was imported" in seen[0]
    assert stored_levels(database) == before
    assert not window.service.undo_stack.canUndo()  # type: ignore[union-attr]


def test_an_import_that_disagrees_asks_before_replacing(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    differs = tmp_path / "differs.csv"
    differs.write_text(
        f"{HEADER}{TODAY.isoformat()},quadriceps.left,3,{AFTER},\n", encoding="utf-8"
    )
    seen: list[str] = []
    dialogs.answers.append(differs)
    answer_message_box("Cancel", seen)
    window.import_action.trigger()
    assert "Replace" in seen[0] or "replac" in seen[0]
    assert stored_levels(database)["quadriceps.left"] == 7
    dialogs.answers.append(differs)
    answer_message_box("Yes")
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.body_map.levels.get("quadriceps.left") == 3, timeout=3000)
    assert stored_levels(database)["quadriceps.left"] == 3


def test_open_journal_shows_another_journal_and_lets_go_of_the_first(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    other = tmp_path / "other.sqlite3"
    filled_store(other, Journal(ratings=(SorenessRating(TODAY, "glutes.left", 2),))).close()
    dialogs.answers.append(other)
    window.open_journal_action.trigger()
    qtbot.waitUntil(lambda: window.body_map.levels == {"glutes.left": 2}, timeout=5000)
    assert str(other) in window.journal_label.text()
    click_region(window, "glutes.right")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    assert stored_levels(other)["glutes.right"] == 3
    assert "glutes.right" not in stored_levels(database)
    # The first journal is free again: another Legday could open it for writing.
    assert main(["import", "--db", str(database), str(_one_rating_csv(tmp_path))]) == 0


def _one_rating_csv(folder: Path) -> Path:
    path = folder / "one.csv"
    path.write_text(f"{HEADER}{TODAY.isoformat()},knees.left,1,{AFTER},\n", "utf-8")
    return path


def test_a_file_that_is_no_journal_is_refused_and_the_journal_stays_open(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    not_a_journal = tmp_path / "notes.sqlite3"
    not_a_journal.write_bytes(b"shopping list: eggs, oats\n" * 100)
    original = not_a_journal.read_bytes()
    dialogs.answers.append(not_a_journal)
    seen: list[str] = []
    answer_message_box("OK", seen)
    window.open_journal_action.trigger()
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    assert seen
    assert not_a_journal.read_bytes() == original
    assert window.service is not None and window.service.path == database.resolve()
    qtbot.waitUntil(lambda: window.body_map.levels.get("quadriceps.left") == 7, timeout=3000)


def test_new_journal_starts_empty_and_never_over_an_existing_file(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    existing = tmp_path / "keep.sqlite3"
    existing.write_bytes(b"precious")
    dialogs.answers.append(existing)
    seen: list[str] = []
    answer_message_box("OK", seen)
    window.new_journal_action.trigger()
    assert "never writes over" in seen[0] and existing.read_bytes() == b"precious"
    assert window.service is not None and window.service.path == database.resolve()

    fresh = tmp_path / "fresh.sqlite3"
    dialogs.answers.append(fresh)
    window.new_journal_action.trigger()
    qtbot.waitUntil(
        lambda: window.service is not None and window.service.path == fresh, timeout=5000
    )
    assert window.body_map.levels == {}
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_4)
    assert stored_levels(fresh)["calves.left"] == 4
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT count(*) FROM soreness").fetchone()[0] == 2
    connection.close()


def test_a_name_typed_without_its_ending_never_replaces_a_file_unasked(
    qtbot: QtBot, database: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    keep = tmp_path / "keep.csv"
    keep.write_text("mine", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_a: (str(tmp_path / "keep"), "CSV spreadsheet (*.csv)"),
    )
    seen: list[str] = []
    answer_message_box("Cancel", seen)
    window.export_action.trigger()
    assert f"{keep} already exists" in seen[0]
    assert keep.read_text(encoding="utf-8") == "mine"
    # The filter chosen says which kind of file a name without an ending gets.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "mydata"), "JSON file (*.json)")
    )
    window.export_action.trigger()
    assert (tmp_path / "mydata.json").read_text(encoding="utf-8").lstrip().startswith("{")


def test_a_closed_journal_leaves_nothing_to_undo(qtbot: QtBot, database: Path) -> None:
    window = rated_window(qtbot, database)
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_4)
    assert window.undo_action.isEnabled()
    assert window.service is not None
    window.detach(window.service)
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert not window.export_action.isEnabled() and not window.import_action.isEnabled()


def test_a_journal_whose_file_is_gone_is_not_dropped_unasked(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    database.unlink()
    dialogs.answers.append(tmp_path / "fresh.sqlite3")
    seen: list[str] = []
    answer_message_boxes(["Not now", "Keep it open"], seen)
    window.new_journal_action.trigger()
    assert "Legday holds the only copy" in seen[0]
    assert window.service is not None and window.service.path == database.resolve()
    assert window.body_map.levels.get("quadriceps.left") == 7
    # Saved again where it was, it may go.
    dialogs.answers.append(tmp_path / "fresh.sqlite3")
    answer_message_boxes(["Save the journal again there"])
    window.new_journal_action.trigger()
    qtbot.waitUntil(
        lambda: window.service is not None and window.service.path.name == "fresh.sqlite3",
        timeout=5000,
    )
    assert stored_levels(database)["quadriceps.left"] == 7


def test_a_failed_switch_never_makes_a_new_journal_where_the_old_one_was(
    qtbot: QtBot, database: Path, dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = rated_window(qtbot, database)
    database.unlink()
    not_a_journal = tmp_path / "notes.sqlite3"
    not_a_journal.write_bytes(b"shopping list\n" * 100)
    dialogs.answers.append(not_a_journal)
    seen: list[str] = []
    answer_message_boxes(["Not now", "Close without saving", "OK", "OK"], seen)
    window.open_journal_action.trigger()
    qtbot.wait(300)
    assert not database.exists()
    assert any("is not a Legday database" in text for text in seen), seen
    assert any("no longer there to go back to" in text for text in seen)
