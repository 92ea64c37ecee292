"""The window at the sizes it is made for: warnings in a fixed place, no nested scrolling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import click_region, open_window
from helpers.journals import filled_store
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from pytestqt.qtbot import QtBot

from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
from legday_desktop.domain.demo import demo_journal
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()
SIZES = [(1024, 640), (1366, 768), (1920, 1080)]


class EventCounter(QObject):
    """Counts the show, hide and resize events a widget receives."""

    def __init__(self, watched: QWidget) -> None:
        super().__init__()
        self.counts = {QEvent.Type.Show: 0, QEvent.Type.Hide: 0, QEvent.Type.Resize: 0}
        watched.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in self.counts:
            self.counts[event.type()] += 1
        return False


def in_window(window: MainWindow, widget: QWidget) -> QRect:
    """Where ``widget`` is, in the window's coordinates."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.fixture
def demo_window(qtbot: QtBot, database: Path) -> MainWindow:
    filled_store(database, demo_journal(TODAY)).close()
    window = open_window(qtbot, database)
    qtbot.waitUntil(lambda: window.advice_shown, timeout=3000)
    return window


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_warning_coming_and_going_moves_nothing(
    demo_window: MainWindow, qtbot: QtBot, width: int, height: int
) -> None:
    window = demo_window
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().width() == width)
    QTest.qWait(50)
    watched = [window.body_map, window.view_tabs, window.side_tabs, window.level_picker]
    before = [in_window(window, widget) for widget in watched]
    resizes = EventCounter(window.body_map)
    assert window.warning.isHidden() and window.warning_strip.calm.isVisible()
    assert "No warning signs" in window.warning_strip.calm.text()

    box = window.check_in_panel.symptom_boxes[WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED]
    box.click()
    qtbot.waitUntil(window.warning.urgent.isVisible, timeout=2000)
    assert window.warning_strip.calm.isHidden()
    assert [in_window(window, widget) for widget in watched] == before
    # Its text is in the strip, as far as it fits in whole lines, and whole for AT.
    shown = " ".join(window.warning.urgent.text.shown_lines())
    assert shown.startswith("You reported a calf or leg that is swollen")
    assert "blood clot" in window.warning.urgent.accessibleDescription()

    box.click()  # unticked: gone again, and still nothing moved
    qtbot.waitUntil(window.warning.isHidden, timeout=2000)
    assert [in_window(window, widget) for widget in watched] == before
    assert resizes.counts[QEvent.Type.Resize] == 0


def test_a_standing_warning_is_never_hidden_and_shown_again_while_clicking(
    qtbot: QtBot, database: Path
) -> None:
    journal = demo_journal(TODAY)
    check_in = CheckIn(TODAY, symptoms=frozenset({WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED}))
    filled_store(database, journal).close()
    window = open_window(qtbot, database)
    assert window.service is not None
    window.service.save_check_in(check_in)
    qtbot.waitUntil(window.warning.urgent.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: window.advice_shown, timeout=3000)
    banner = EventCounter(window.warning)
    box = EventCounter(window.warning.urgent)
    map_resizes = EventCounter(window.body_map)
    refreshed: list[bool] = []
    for level_region in ["quadriceps.left", "hamstrings.left", "calves.left", "glutes.left"] * 3:
        click_region(window, level_region)
        QTest.keyClick(window.body_map, "5")
        QTest.qWait(60)  # as a person clicks: 60 ms or more apart
        refreshed.append(window.advice_shown)
    # The advice follows once clicking pauses, never between two clicks.
    assert not any(refreshed)
    qtbot.waitUntil(lambda: window.advice_shown, timeout=3000)
    assert window.warning.urgent.isVisible()
    for counter in (banner, box):
        assert counter.counts[QEvent.Type.Show] == counter.counts[QEvent.Type.Hide] == 0
    assert map_resizes.counts[QEvent.Type.Resize] == 0


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_box_scrolls_inside_another_in_any_view(
    demo_window: MainWindow, qtbot: QtBot, width: int, height: int
) -> None:
    window = demo_window
    window.resize(width, height)
    for view in window.VIEWS:
        window.show_view(view)
        if view == "insights":
            qtbot.waitUntil(lambda: window.insights_shown, timeout=5000)
        QTest.qWait(20)
        for area in window.findChildren(QAbstractScrollArea):
            if not area.isVisible():
                continue
            parent = area.parentWidget()
            while parent is not None and parent is not window:
                assert not isinstance(parent, QAbstractScrollArea), (
                    f"{area.objectName() or type(area).__name__} scrolls inside "
                    f"{parent.objectName() or type(parent).__name__} in the {view} view"
                )
                parent = parent.parentWidget()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_views_share_the_window_and_the_map_gets_its_room(
    demo_window: MainWindow, qtbot: QtBot, width: int, height: int
) -> None:
    window = demo_window
    window.resize(width, height)
    QTest.qWait(50)
    # The map fills most of the Log view's height; Progress and Insights get its width.
    window.show_view("log")
    QTest.qWait(20)
    assert window.body_map.height() >= 0.5 * height - 40
    assert window.side_tabs.height() >= window.body_map.height()
    for view, page in (("progress", window.charts_page), ("insights", window.insights_page)):
        window.show_view(view)
        QTest.qWait(20)
        assert page.isVisible() and not window.body_map.isVisible()
        assert page.width() >= width - 40
    # Ctrl+1, 2 and 3 switch views, as the View menu says.
    for key, view in (("1", "log"), ("2", "progress"), ("3", "insights")):
        QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_view == view


def test_the_minimum_window_fits_a_1024_by_640_screen(window: MainWindow) -> None:
    # What a 1024 x 640 screen leaves once a panel and a title bar have taken their share.
    assert window.minimumWidth() <= 1000
    assert window.minimumHeight() <= 570


@pytest.mark.parametrize(("width", "height"), [*SIZES, (0, 0)], ids=[*map(str, SIZES), "minimum"])
def test_every_chart_is_readable_in_the_progress_view(
    demo_window: MainWindow, qtbot: QtBot, width: int, height: int
) -> None:
    from helpers.chart_checks import assert_chart_readable

    window = demo_window
    if width == 0:  # the window's minimum size
        window.resize(window.minimumSize())
    else:
        window.resize(width, height)
    window.show_view("progress")
    panel = window.chart_panel
    assert panel is not None
    for index in range(panel.kind_tabs.count()):
        # Clicked as a person would, on the chart kind's tab.
        QTest.mouseClick(
            panel.kind_tabs, Qt.MouseButton.LeftButton, pos=panel.kind_tabs.tabRect(index).center()
        )
        QTest.qWait(20)
        assert panel.kind_tabs.currentIndex() == index
        assert_chart_readable(panel)  # plot >= 300 px wide, no tick labels overlapping


def test_the_views_names_are_whole_at_the_minimum_size(window: MainWindow) -> None:
    window.resize(window.minimumSize())
    QTest.qWait(20)
    tabs = window.view_tabs
    for index in range(tabs.count()):
        assert tabs.rect().contains(tabs.tabRect(index)), tabs.tabText(index)
    assert tabs.width() >= tabs.sizeHint().width()
