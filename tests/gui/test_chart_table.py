"""A chart in words: its canvas is named and described, and "Show as table" lists its points."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import open_window
from helpers.journals import filled_store
from matplotlib.dates import num2date
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from legday_desktop.charts.panel import ChartPanel
from legday_desktop.charts.table_dialog import ChartTableDialog
from legday_desktop.domain.wording import short_day
from legday_desktop.ui.main_window import MainWindow

SQUAT_DAY = dt.date(2026, 3, 2)  # small_journal's first leg day; the next is on 6 March


@pytest.fixture
def panel(qtbot: QtBot, database: Path) -> ChartPanel:
    filled_store(database).close()
    window = open_window(qtbot, database)
    window.show_date(SQUAT_DAY + dt.timedelta(days=2))
    window.show_charts()
    assert window.chart_panel is not None
    qtbot.waitUntil(lambda: window.chart_panel is not None and window.chart_panel.up_to_date)
    return window.chart_panel


def when_the_table_opens(seen: dict[str, object]) -> None:
    """Once the table is on screen, note what it shows, then close it as a person would."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChartTableDialog) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        try:
            table = dialog.table
            seen["title"] = dialog.windowTitle()
            seen["summary"] = dialog.summary.text()
            seen["headers"] = [
                table.horizontalHeaderItem(column).text() for column in range(table.columnCount())
            ]
            seen["rows"] = dialog.cell_texts()
            seen["table name"] = table.accessibleName()
            tree = QAccessible.queryAccessibleInterface(table)
            children = (tree.child(index) for index in range(tree.childCount()))
            seen["headers read"] = [
                child.text(QAccessible.Text.Name)
                for child in children
                if child.role() == QAccessible.Role.ColumnHeader
            ]
        finally:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)


def plotted_lines(panel: ChartPanel) -> dict[str, list[tuple[float, float]]]:
    """Each labelled line's points as drawn (gaps, drawn as NaN, left out)."""
    lines = {}
    for line in panel.axes.get_lines():
        label = str(line.get_label())
        if label.startswith("_") or not len(line.get_xdata()):
            continue
        lines[label] = [
            (float(x), float(y))
            for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
            if not math.isnan(float(y))
        ]
    return lines


def number(text: str) -> float:
    return float(text.replace(",", "."))


def open_table(panel: ChartPanel, how: Callable[[], None]) -> dict[str, object]:
    seen: dict[str, object] = {}
    when_the_table_opens(seen)
    how()
    assert seen, "no table opened"
    return seen


def test_the_recovery_curve_as_a_table_lists_every_plotted_point(panel: ChartPanel) -> None:
    seen = open_table(
        panel, lambda: QTest.mouseClick(panel.table_button, Qt.MouseButton.LeftButton)
    )
    assert seen["headers"] == ["Date", "Day after", "Line", "Value"]
    assert seen["headers read"] == seen["headers"]  # a screen reader says the column
    rows = seen["rows"]
    assert isinstance(rows, list)
    table_lines: dict[str, list[tuple[float, float]]] = {}
    for _date, day, line, value in rows:
        table_lines.setdefault(line, []).append((float(day), number(value)))
    assert table_lines == plotted_lines(panel)
    # The rating of 5 and 6 the day after: the quadriceps' mean, 5.5 (4 March: left 3 only).
    assert table_lines["Quads"] == [(1.0, 5.5), (2.0, 3.0)]
    assert rows[0][0] == short_day(dt.date(2026, 3, 3), year=True)
    title = str(seen["title"])
    assert title.startswith("Recovery curve: Squat day") and title.endswith("as a table")
    assert seen["table name"] == panel.canvas.accessibleName()


def test_the_canvas_is_named_after_its_title_and_described_in_a_sentence(
    panel: ChartPanel,
) -> None:
    canvas = QAccessible.queryAccessibleInterface(panel.canvas)
    assert canvas.text(QAccessible.Text.Name).startswith("Recovery curve: Squat day · ")
    description = canvas.text(QAccessible.Text.Description)
    assert description == (
        "Soreness of Quads and their average on each day after 2 Mar 2026. "
        "Latest: Average of all groups, 3 on day 2 (4 Mar 2026), down from 5.5."
    )


def test_the_timeline_as_a_table_by_keyboard(qtbot: QtBot, panel: ChartPanel) -> None:
    window = panel.window()
    assert isinstance(window, MainWindow)
    panel.kind_tabs.setCurrentIndex(2)  # Timeline
    panel.range_box.setCurrentIndex(panel.range_box.count() - 1)  # All
    window.activateWindow()
    panel.table_button.setFocus()
    seen = open_table(panel, lambda: QTest.keyClick(panel.table_button, Qt.Key.Key_Space))
    assert seen["headers"] == ["Date", "Line", "Value"]  # no day after on a calendar
    rows = seen["rows"]
    assert isinstance(rows, list)
    label = "Average of all groups"
    points = plotted_lines(panel)[label]
    expected = [
        [
            short_day(num2date(x).date(), year=True),
            label,
            y,
        ]
        for x, y in points
    ]
    assert [[date, line, number(value)] for date, line, value in rows] == expected
    assert len(rows) == 4  # the days rated in small_journal: 1, 3, 4 and 7 March
    assert panel.canvas.accessibleDescription().startswith("Average of all groups from ")
    assert "Latest: Average of all groups, 0 on 7 Mar 2026, down from " in (
        panel.canvas.accessibleDescription()
    )
