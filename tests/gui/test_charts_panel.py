"""The chart panel in the window: loads on demand, follows the map and the shown date."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from conftest import click_region, open_window
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()


def line(window: MainWindow, label: str) -> list[tuple[float, float]]:
    """The points of a plotted line, read back from the Axes."""
    assert window.chart_panel is not None
    for plotted in window.chart_panel.axes.get_lines():
        if plotted.get_label() == label:
            return [
                (float(x), float(y))
                for x, y in zip(plotted.get_xdata(), plotted.get_ydata(), strict=True)
            ]
    raise AssertionError(f"no line {label!r}")


def test_matplotlib_waits_until_the_charts_are_shown(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from legday_desktop.app import start_main_window\n"
        "window = start_main_window(Path(sys.argv[1]))\n"
        "while not window.body_map.painted_with_data:\n"
        "    app.processEvents()\n"
        "print('matplotlib' in sys.modules)\n"
        "window.show_charts()\n"
        "print('matplotlib' in sys.modules, window.chart_panel is not None)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "j.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["False", "True", "True"]


def test_a_value_set_on_the_map_moves_the_open_recovery_curve(qtbot: QtBot, database: Path) -> None:
    leg_day = LegDay(TODAY - dt.timedelta(days=1), "Quads", ("Squat",))
    filled_store(
        database,
        Journal(
            leg_days=(leg_day,),
            ratings=(
                SorenessRating(leg_day.date, "quadriceps.left", 2),
                SorenessRating(leg_day.date, "quadriceps.right", 2),
            ),
        ),
    ).close()
    window = open_window(qtbot, database)
    window.show_charts()
    assert line(window, "Quads") == [(0.0, 2.0)]
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_6)  # both sides: 6 and 6 today, day 1
    assert line(window, "Quads") == [(0.0, 2.0), (1.0, 6.0)]
    window.both_sides.setChecked(False)
    QTest.keyClick(window.body_map, Qt.Key.Key_8)  # left 8, right 6: the mean is 7
    assert line(window, "Quads") == [(0.0, 2.0), (1.0, 7.0)]
    window.chart_panel.sides_box.setCurrentIndex(1)  # the sorer side
    assert line(window, "Quads") == [(0.0, 2.0), (1.0, 8.0)]


def test_the_curve_follows_the_shown_date(qtbot: QtBot, database: Path) -> None:
    first = LegDay(TODAY - dt.timedelta(days=10), "First", ("Squat",))
    second = LegDay(TODAY - dt.timedelta(days=2), "Second", ("Calf raise",))
    filled_store(
        database,
        Journal(
            leg_days=(first, second),
            ratings=(
                SorenessRating(first.date + dt.timedelta(days=1), "quadriceps.left", 5),
                SorenessRating(second.date + dt.timedelta(days=1), "calves.left", 4),
            ),
        ),
    ).close()
    window = open_window(qtbot, database)
    window.show_charts()
    panel = window.chart_panel
    assert panel is not None
    assert panel.axes.get_title(loc="left").startswith("Second · ")
    window.show_date(first.date + dt.timedelta(days=3))
    assert panel.axes.get_title(loc="left").startswith("First · ")
    panel.kind_tabs.setCurrentIndex(1)
    assert panel.axes.get_title(loc="left") == "Total: the last 1 leg days"
    panel.kind_tabs.setCurrentIndex(2)
    assert panel.axes.get_title(loc="left").startswith("Soreness from")


def test_empty_journal_says_what_to_do(window: MainWindow) -> None:
    window.show_charts()
    assert window.chart_panel is not None
    texts = [text.get_text() for text in window.chart_panel.axes.texts]
    assert any("Log a leg day and rate your soreness" in text for text in texts)
