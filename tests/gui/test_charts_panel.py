"""The chart panel: loads on demand, follows the map and the shown date, reads for people."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import click_region, open_window
from helpers.chart_checks import assert_chart_readable
from helpers.journals import filled_store
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from legday_desktop.charts.panel import ChartPanel, SaveChartDialog
from legday_desktop.charts.toolbar import ChartTool
from legday_desktop.cli import main
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import GROUP_IDS, REGION_IDS
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import short_day
from legday_desktop.services.journal import JournalService
from legday_desktop.services.save_folders import FileKind, start_folder
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
    # Redrawn once the edits pause, not between two of them.
    assert line(window, "Quads") == [(0.0, 2.0)] and not window.chart_panel.up_to_date
    qtbot.waitUntil(lambda: window.chart_panel.up_to_date)
    assert line(window, "Quads") == [(0.0, 2.0), (1.0, 6.0)]
    window.both_sides.setChecked(False)
    QTest.keyClick(window.body_map, Qt.Key.Key_8)  # left 8, right 6: the mean is 7
    qtbot.waitUntil(lambda: window.chart_panel.up_to_date)
    assert line(window, "Quads") == [(0.0, 2.0), (1.0, 7.0)]
    window.chart_panel.sides_box.setCurrentIndex(1)  # the sorer side
    assert line(window, "Quads") == [(0.0, 2.0), (1.0, 8.0)]


def test_a_burst_of_edits_redraws_the_chart_once_they_pause(qtbot: QtBot, database: Path) -> None:
    leg_day = LegDay(TODAY - dt.timedelta(days=1), "Quads", ("Squat",))
    filled_store(
        database,
        Journal(leg_days=(leg_day,), ratings=(SorenessRating(leg_day.date, "quadriceps.left", 2),)),
    ).close()
    window = open_window(qtbot, database)
    window.show_view("progress")
    panel = window.chart_panel
    assert panel is not None and window.service is not None
    qtbot.waitUntil(lambda: panel.up_to_date)
    drawn: list[list[tuple[float, float]]] = []
    original_draw = panel.draw_now

    def counting_draw() -> None:
        drawn.append(line(window, "Quads"))
        original_draw()

    panel.draw_now = counting_draw  # type: ignore[method-assign]
    for level in (3, 4, 5, 6, 7, 8):  # as a person clicks: 60 ms or more apart
        window.service.set_levels(TODAY, {"quadriceps.left": level})
        QTest.qWait(60)
    assert drawn == []  # never between two edits
    qtbot.waitUntil(lambda: panel.up_to_date)
    assert drawn == [[(0.0, 2.0), (1.0, 8.0)]]  # once, with the last value


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
    assert panel.axes.get_title(loc="left") == "Average of all groups: the last leg day"
    panel.kind_tabs.setCurrentIndex(2)
    assert panel.axes.get_title(loc="left").startswith("Soreness from")


def test_empty_journal_says_what_to_do(window: MainWindow) -> None:
    window.show_charts()
    assert window.chart_panel is not None
    texts = [text.get_text() for text in window.chart_panel.axes.texts]
    assert any("Log a leg day and rate your soreness" in text for text in texts)


# The chart panel's size in the Progress view: at a 1024×640 screen, 1366×768, 1920×1080,
# and at the window's minimum size.
PANEL_SIZES = [(1000, 400), (1340, 520), (1900, 830), (700, 330)]


def every_group_rated(path: Path) -> None:
    """Two leg days with every region rated on the days after: the fullest legends."""
    leg_days = (
        LegDay(TODAY - dt.timedelta(days=9), "Heavy squats", ("Squat",)),
        LegDay(TODAY - dt.timedelta(days=4), "Hinge day", ("Romanian deadlift",)),
    )
    ratings = tuple(
        SorenessRating(leg_day.date + dt.timedelta(days=day), region, (index + day * 3) % 10)
        for leg_day in leg_days
        for day in range(4)
        for index, region in enumerate(REGION_IDS)
    )
    filled_store(path, Journal(leg_days=leg_days, ratings=ratings)).close()


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("charts") / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    return path


@pytest.fixture
def service(demo_journal: Path) -> Iterator[JournalService]:
    service = JournalService(demo_journal)
    service.open()
    yield service
    service.close()


def open_panel(qtbot: QtBot, service: JournalService, size: tuple[int, int]) -> ChartPanel:
    panel = ChartPanel(service)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Mid, "#666666"),
        (QPalette.ColorRole.Highlight, "#3d7fd6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("size", PANEL_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_chart_is_readable_at_the_sizes_the_window_gives_it(
    qtbot: QtBot, service: JournalService, size: tuple[int, int]
) -> None:
    panel = open_panel(qtbot, service, size)
    for index in range(panel.kind_tabs.count()):
        panel.kind_tabs.setCurrentIndex(index)
        assert_chart_readable(panel)
    panel.range_box.setCurrentIndex(panel.range_box.findText("All"))
    assert_chart_readable(panel)


@pytest.mark.parametrize("size", [(700, 330), (1000, 400)], ids=["700x330", "1000x400"])
def test_the_fullest_legend_fits_in_dark_too(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    every_group_rated(tmp_path / "all.sqlite3")
    service = JournalService(tmp_path / "all.sqlite3")
    service.open()
    try:
        panel = open_panel(qtbot, service, size)
        panel.setPalette(dark_palette())
        panel.refresh()
        for index in range(panel.kind_tabs.count()):
            panel.kind_tabs.setCurrentIndex(index)
            assert_chart_readable(panel)
        panel.kind_tabs.setCurrentIndex(0)
        # Every group, their average, the typical course and the shading.
        assert len(panel.axes.get_legend().get_texts()) == len(GROUP_IDS) + 3
    finally:
        service.close()


def test_the_toolbar_is_ours_with_names_tooltips_and_keyboard_focus(
    qtbot: QtBot, service: JournalService
) -> None:
    from matplotlib.backends.backend_qt import NavigationToolbar2QT

    panel = open_panel(qtbot, service, (1000, 400))
    assert not panel.findChildren(NavigationToolbar2QT)
    buttons = panel.toolbar.findChildren(QToolButton)
    names = [button.accessibleName() for button in buttons]
    assert names == ["Zoom", "Move", "Reset view", "Save image", "Copy image"]
    for button in buttons:
        assert button.toolTip() and not button.icon().isNull()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "Configure" not in " ".join(button.toolTip() for button in buttons)


def point_on_screen(panel: ChartPanel, x: float, y: float) -> QPoint:
    """Where the data point (x, y) is on the canvas widget."""
    from legday_desktop.charts.plots import PointInfo

    return panel.view.widget_position(PointInfo("", x, y, "#000000"))


def test_pointing_at_a_point_says_its_group_day_date_and_value(
    qtbot: QtBot, tmp_path: Path
) -> None:
    leg_day = LegDay(TODAY - dt.timedelta(days=3), "Quads", ("Squat",))
    day_two = leg_day.date + dt.timedelta(days=2)
    filled_store(
        tmp_path / "j.sqlite3",
        Journal(
            leg_days=(leg_day,),
            ratings=(
                SorenessRating(day_two, "quadriceps.left", 5),
                SorenessRating(day_two, "quadriceps.right", 6),
                SorenessRating(day_two, "calves.left", 1),
            ),
        ),
    ).close()
    service = JournalService(tmp_path / "j.sqlite3")
    service.open()
    try:
        panel = open_panel(qtbot, service, (1000, 400))
        panel.draw_now()
        assert panel.point_label.text().startswith("Point at a line")
        where = point_on_screen(panel, 2, 5.5)
        QTest.mouseMove(panel.canvas, where)
        expected = f"Quads · day 2 · {short_day(day_two)} · 5.5"
        qtbot.waitUntil(lambda: panel.point_label.text() == expected)
        # Away from the lines it says nothing of the last point; a click (a tap) keeps one.
        QTest.mouseMove(panel.canvas, where + QPoint(0, 120))
        qtbot.waitUntil(lambda: panel.point_label.text().startswith("Point at a line"))
        QTest.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=where)
        QTest.mouseMove(panel.canvas, where + QPoint(0, 120))
        assert panel.point_label.text() == expected
    finally:
        service.close()


def drag(panel: ChartPanel, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(panel.canvas, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(panel.canvas, (start + end) / 2)
    QTest.mouseMove(panel.canvas, end)
    QTest.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=end)


def test_zoom_moves_in_and_reset_shows_the_whole_chart_again(
    qtbot: QtBot, service: JournalService
) -> None:
    panel = open_panel(qtbot, service, (1000, 400))
    panel.kind_tabs.setCurrentIndex(2)
    whole = panel.axes.get_xlim()
    reset = panel.toolbar.buttons[ChartTool.RESET]
    assert not reset.isEnabled()
    QTest.mouseClick(panel.toolbar.buttons[ChartTool.ZOOM], Qt.MouseButton.LeftButton)
    box = panel.axes.get_window_extent()
    height = panel.figure.bbox.height
    drag(
        panel,
        QPoint(round(box.x0 + box.width * 0.3), round(height - box.y0 - box.height * 0.8)),
        QPoint(round(box.x0 + box.width * 0.6), round(height - box.y0 - box.height * 0.1)),
    )
    zoomed = panel.axes.get_xlim()
    assert whole[0] < zoomed[0] < zoomed[1] < whole[1]
    assert reset.isEnabled()
    # An edit redraws the chart where the person zoomed it.
    service.set_levels(TODAY, {"calves.left": 3})
    assert panel.axes.get_xlim() == zoomed
    QTest.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert panel.axes.get_xlim() == whole and not reset.isEnabled()


def test_save_writes_the_chart_where_asked_and_remembers_the_folder(
    qtbot: QtBot, service: JournalService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = open_panel(qtbot, service, (1000, 400))
    suggestions: list[Path] = []
    folder = tmp_path / "charts"
    folder.mkdir()

    def ask(_parent: object, suggested: Path) -> Path:
        suggestions.append(suggested)
        return folder / suggested.with_suffix(".svg").name

    monkeypatch.setattr(SaveChartDialog, "ask", ask)
    QTest.mouseClick(panel.toolbar.buttons[ChartTool.SAVE], Qt.MouseButton.LeftButton)
    assert suggestions[0].name == f"legday-{TODAY.isoformat()}-recovery.png"
    saved = folder / f"legday-{TODAY.isoformat()}-recovery.svg"
    assert saved.read_bytes().startswith(b"<?xml")
    assert saved.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in folder.iterdir()] == [saved.name]  # no temporary left
    assert start_folder(FileKind.IMAGE) == folder
    assert panel.suggested_image_path().parent == folder


def test_copy_puts_the_chart_on_the_clipboard(qtbot: QtBot, service: JournalService) -> None:
    panel = open_panel(qtbot, service, (1000, 400))
    QTest.mouseClick(panel.toolbar.buttons[ChartTool.COPY], Qt.MouseButton.LeftButton)
    image = QGuiApplication.clipboard().image()
    width, height = panel.canvas.get_width_height(physical=True)
    assert (image.width(), image.height()) == (width, height)


def test_the_average_is_called_what_it_is(qtbot: QtBot, service: JournalService) -> None:
    panel = open_panel(qtbot, service, (1000, 400))
    for index in range(panel.kind_tabs.count()):
        panel.kind_tabs.setCurrentIndex(index)
        items = [panel.group_box.itemText(i) for i in range(panel.group_box.count())]
        legend = [text.get_text() for text in panel.axes.get_legend().get_texts()]
        assert "Total" not in items and not any("Total" in text for text in legend)
    assert panel.group_box.itemText(0) == "Average of all groups"
    assert panel.group_box.currentData() == "total"  # the id stays


def test_the_timeline_marks_many_leg_days_as_one_collection(
    qtbot: QtBot, service: JournalService
) -> None:
    from matplotlib.collections import LineCollection

    panel = open_panel(qtbot, service, (1000, 400))
    panel.kind_tabs.setCurrentIndex(2)
    panel.range_box.setCurrentIndex(panel.range_box.findText("All"))
    marks = [c for c in panel.axes.collections if c.get_label() == "Leg day"]
    assert len(marks) == 1 and isinstance(marks[0], LineCollection)
    assert len(marks[0].get_segments()) == len(service.leg_days())
    assert panel.axes.xaxis.get_offset_text().get_text() == ""
    QApplication.processEvents()


def test_a_dark_theme_chosen_while_open_turns_the_chart_dark(
    qtbot: QtBot, service: JournalService
) -> None:
    from matplotlib.colors import to_hex

    panel = open_panel(qtbot, service, (1000, 400))
    assert to_hex(panel.figure.get_facecolor()) != "#2b2b2b"
    panel.setPalette(dark_palette())
    assert to_hex(panel.figure.get_facecolor()) == "#2b2b2b"
    assert_chart_readable(panel)
