"""The first window: opens at once, then shows the day, its leg day and "day N after"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.journals import filled_repository, wreck_table
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from legday_desktop.app import start_main_window
from legday_desktop.cli import main
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.texts import long_date


def open_window(qtbot: QtBot, database: Path) -> MainWindow:
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.journal_open, timeout=5000)
    return window


def test_empty_journal_says_no_leg_day_yet(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "new.sqlite3")
    assert window.windowTitle() == "Legday"
    assert window.date_label.text() == long_date(dt.date.today())
    assert window.headline_label.text() == "No leg day yet"
    assert "legday demo" in window.leg_day_label.text()
    assert all(window.ratings_table.item(row, 1).text() == "—" for row in range(18))
    assert "nothing rated yet" in window.ratings_caption.text()
    assert str(tmp_path / "new.sqlite3") in window.statusBar().currentMessage()


def test_demo_journal_shows_day_n_after(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    window = open_window(qtbot, database)
    # The demo's latest leg day was two days ago.
    assert window.headline_label.text() == "Day 2 after leg day"
    assert "effort" in window.leg_day_label.text()
    rated = [
        window.ratings_table.item(row, 1).text()
        for row in range(18)
        if window.ratings_table.item(row, 1).text() != "—"
    ]
    assert rated and all(0 <= int(level) <= 10 for level in rated)


def test_leg_day_and_ratings_of_today_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    today = dt.date.today()
    database = tmp_path / "journal.sqlite3"
    filled_repository(
        database,
        Journal(
            leg_days=(LegDay(today - dt.timedelta(days=3), "Heavy squats", ("Squat",), rpe=9),),
            ratings=(
                SorenessRating(today, "quadriceps.right", 6),
                SorenessRating(today, "quadriceps.left", 0),
            ),
        ),
    ).close()
    window = open_window(qtbot, database)
    assert window.headline_label.text() == "Day 3 after leg day"
    assert window.leg_day_label.text().startswith("Heavy squats · ")
    assert "Squat · effort 9/10" in window.leg_day_label.text()
    table = window.ratings_table
    assert table.level_text("quadriceps.right") == "6"
    assert table.level_text("quadriceps.left") == "0"  # rated 0 is not "not rated"
    assert table.level_text("calves.left") == "—"
    assert "2 of 18 regions rated" in window.ratings_caption.text()


def test_leg_day_today(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "journal.sqlite3"
    filled_repository(database, Journal(leg_days=(LegDay(dt.date.today(), "Legs"),))).close()
    window = open_window(qtbot, database)
    assert window.headline_label.text() == "Leg day today"


def test_a_file_that_is_not_a_journal_is_explained_not_crashed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    database = tmp_path / "photo.sqlite3"
    database.write_bytes(b"\x89PNG not a database")
    window = start_main_window(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "is not a Legday database" in shown[0]
    assert not window.journal_open
    assert window.ratings_table.isHidden()
    assert database.read_bytes() == b"\x89PNG not a database"


def test_quit_is_in_the_file_menu_with_the_standard_shortcut(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "new.sqlite3")
    file_menu = window.menuBar().actions()[0]
    assert file_menu.text() == "&File"
    assert window.quit_action in file_menu.menu().actions()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_a_journal_that_fails_to_read_is_explained_not_crashed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    database = tmp_path / "journal.sqlite3"
    filled_repository(database).close()
    wreck_table(database, "leg_day")

    window = open_window(qtbot, database)
    assert window.headline_label.text() == "Could not read the journal"
    assert "Could not read" in window.leg_day_label.text()
    assert "nothing was changed" in window.statusBar().currentMessage()
    assert not window.ratings_table.isVisible()
