"""The body map: clicks land exactly on region shapes, keys set levels, the map reads well."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import click_at, click_region, open_window, stored_levels
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAccessibleValueChangeEvent,
    QFontMetricsF,
    QImage,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from legday_desktop.domain.regions import REGION_IDS, View, region_by_id
from legday_desktop.drawing.body_map_art import build_art, load_art
from legday_desktop.resource_files import resource_path
from legday_desktop.ui.body_map import BodyMap
from legday_desktop.ui.main_window import MainWindow


def test_the_art_draws_every_region_of_the_catalogue_in_the_right_view() -> None:
    art = load_art()
    assert set(art.regions) == set(REGION_IDS)
    for region_id, shape in art.regions.items():
        assert shape.view is region_by_id(region_id).group.view
        assert shape.path.contains(shape.label_point), region_id
    # No two shapes overlap, so a click can only mean one region.
    shapes = list(art.regions.values())
    for index, first in enumerate(shapes):
        for second in shapes[index + 1 :]:
            assert not first.path.intersects(second.path), (first.region_id, second.region_id)


def test_hit_areas_hold_their_shape_and_never_overlap() -> None:
    """A click a little outside a shape still means it, but never reaches a neighbour."""
    art = load_art()
    box = art.view_box
    step = 3.0
    y = box.top()
    while y < box.bottom():
        x = box.left()
        while x < box.right():
            point = QPointF(x, y)
            shapes = art.regions.values()
            hit = [shape.region_id for shape in shapes if shape.hit_path.contains(point)]
            drawn = [shape.region_id for shape in shapes if shape.path.contains(point)]
            assert len(hit) <= 1, (point, hit)
            assert hit == drawn or not drawn, (point, hit, drawn)  # a shape is its own
            x += step
        y += step


def test_the_art_skips_groups_the_catalogue_lacks_and_refuses_missing_ones() -> None:
    data = json.loads(resource_path("bodymap.json").read_text("utf-8"))
    data["regions"]["not_a_group"] = dict(data["regions"]["knees"])
    assert set(build_art(data).regions) == set(REGION_IDS)
    del data["regions"]["knees"]
    with pytest.raises(ValueError, match=r"knees\.left"):
        build_art(data)


def test_level_numbers_fit_inside_their_regions(qtbot: QtBot) -> None:
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    font = body_map._font(body_map.style_options.level_size, bold=True)
    number = QFontMetricsF(font).tightBoundingRect("10")
    for region_id, shape in body_map.art.regions.items():
        number.moveCenter(shape.label_point)
        assert shape.path.contains(number), region_id


def test_left_and_right_are_the_persons_own_sides() -> None:
    """Front view faces the user (their left on screen right); the back view does not."""
    art = load_art()
    front_left = art.regions["quadriceps.left"].label_point.x()
    front_right = art.regions["quadriceps.right"].label_point.x()
    back_left = art.regions["hamstrings.left"].label_point.x()
    back_right = art.regions["hamstrings.right"].label_point.x()
    assert front_right < front_left  # in the front view, the person's right is on screen left
    assert back_left < back_right
    labels = {figure.view: [side.value for side, _ in figure.side_labels] for figure in art.figures}
    assert labels == {View.FRONT: ["right", "left"], View.BACK: ["left", "right"]}


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_a_click_inside_each_region_selects_it(window: MainWindow, region_id: str) -> None:
    click_region(window, region_id)
    assert window.body_map.selected_region == region_id
    # The table, the text layer, follows the map.
    assert window.region_table.currentIndex().row() == window.region_model.row_of(region_id)


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_a_click_outside_the_shape_but_inside_its_box_selects_nothing(
    window: MainWindow, region_id: str
) -> None:
    art = window.body_map.art
    box = art.regions[region_id].hit_path.boundingRect()
    corners = (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight())
    # A point just inside a corner of the box, outside every hit area.
    outside = next(
        point
        for corner in corners
        for point in (corner + (box.center() - corner) * 0.06,)
        if art.region_at(point) is None
    )
    assert box.contains(outside)
    click_region(window, REGION_IDS[0] if region_id != REGION_IDS[0] else REGION_IDS[1])
    click_at(window, window.body_map.view_transform().map(outside))
    assert window.body_map.selected_region is None


def _largest_circle(body_map: BodyMap, region_id: str) -> float:
    """The diameter (px) of the largest circle of pixels where a click selects the region.

    Every pixel centre around the region is asked through ``region_at``, as a click would
    be; the circle grows while some centre still has every pixel within its radius inside.
    """
    hit_path = body_map.art.regions[region_id].hit_path
    box = body_map.view_transform().mapRect(hit_path.boundingRect()).toAlignedRect()
    box = box.adjusted(-2, -2, 2, 2)
    inside = np.array(
        [
            [
                body_map.region_at(QPointF(x + 0.5, y + 0.5)) == region_id
                for x in range(box.left(), box.right() + 1)
            ]
            for y in range(box.top(), box.bottom() + 1)
        ]
    )
    radius = 0
    while True:
        wider = radius + 1
        padded = np.pad(inside, wider, constant_values=False)
        held = inside.copy()
        rows, columns = inside.shape
        for dy in range(-wider, wider + 1):
            for dx in range(-wider, wider + 1):
                if dx * dx + dy * dy <= wider * wider:
                    top, left = wider + dy, wider + dx
                    held &= padded[top : top + rows, left : left + columns]
        if not held.any():
            return 2.0 * radius
        radius = wider


@pytest.mark.parametrize(("size", "smallest"), [("default", 24), ("minimum", 16)])
def test_every_hit_area_holds_a_circle_big_enough_to_hit(
    qtbot: QtBot, database: Path, size: str, smallest: int
) -> None:
    """24 px across at the default window size, 16 px at the smallest the window goes."""
    window = open_window(qtbot, database)
    if size == "minimum":
        window.resize(window.minimumSize())
    else:
        window.resize(1240, 820)
    qtbot.waitUntil(lambda: window.body_map.width() > 0)
    QApplication.processEvents()
    sizes = {region_id: _largest_circle(window.body_map, region_id) for region_id in REGION_IDS}
    window.close()
    too_small = {region_id: across for region_id, across in sizes.items() if across < smallest}
    assert not too_small, (window.body_map.size(), too_small)


def test_every_region_is_named_on_the_map_at_the_default_size(window: MainWindow) -> None:
    """Names on: each region's name fits inside its shape, rated or not (where it can)."""
    window.resize(1240, 820)
    QApplication.processEvents()
    body_map = window.body_map
    body_map.set_show_names(True)
    # The narrow new bands (outer hip, Achilles) are named by hover only.
    narrow = {"abductors", "achilles"}
    wanted = {region_id for region_id in REGION_IDS if region_id.split(".")[0] not in narrow}
    assert wanted <= set(body_map.named_regions())


def test_shapes_keep_their_aspect_and_scale_with_the_widget(qtbot: QtBot) -> None:
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    for width, height in ((300, 600), (900, 500), (1200, 1400)):
        body_map.resize(width, height)
        transform = body_map.view_transform()
        assert transform.m11() == pytest.approx(transform.m22())
        mapped = transform.mapRect(body_map.art.view_box)
        assert mapped.width() <= width + 0.5 and mapped.height() <= height + 0.5
        assert max(mapped.width() / width, mapped.height() / height) == pytest.approx(1, abs=1e-3)
        for region_id in REGION_IDS:
            assert body_map.region_at(body_map.region_centre(region_id)) == region_id


def test_hover_highlights_and_names_region_and_level(window: MainWindow) -> None:
    window.body_map.set_levels({"quadriceps.left": 6})
    QTest.mouseMove(window.body_map, window.body_map.region_centre("quadriceps.left").toPoint())
    assert window.body_map.toolTip() == "Left quad — 6, moderate"
    assert window.body_map.hovered_region == "quadriceps.left"
    QTest.mouseMove(window.body_map, window.body_map.region_centre("calves.right").toPoint())
    assert window.body_map.toolTip() == "Right calf — not rated"


def test_the_line_under_the_map_names_the_region_under_the_pointer(window: MainWindow) -> None:
    body_map = window.body_map
    body_map.set_levels({"hamstrings.right": 5})
    click_region(window, "calves.left")
    assert "Left calf — not rated" in window.selection_label.text()
    QTest.mouseMove(body_map, body_map.region_centre("hamstrings.right").toPoint())
    assert body_map.hovered_region == "hamstrings.right"
    assert "Right hamstring — 5, moderate" in window.selection_label.text()
    assert body_map.toolTip() == "Right hamstring — 5, moderate"
    QApplication.sendEvent(body_map, QEvent(QEvent.Type.Leave))  # the pointer leaves the map
    assert body_map.hovered_region is None
    assert "Left calf — not rated" in window.selection_label.text()


def test_show_names_writes_names_on_the_map_from_the_checkbox_or_the_view_menu(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    body_map = window.body_map
    point = body_map.region_centre("quadriceps.left").toPoint()

    def around_the_middle() -> set[str]:
        image = body_map.grab().toImage()
        return {
            image.pixelColor(point + QPoint(dx, dy)).name()
            for dx in range(-12, 13)
            for dy in range(-8, 9)
        }

    assert not window.show_names.isChecked() and body_map.named_regions() == []
    plain = around_the_middle()
    window.show_names.click()
    assert window.show_names_action.isChecked()
    named = body_map.named_regions()
    assert {"quadriceps.left", "glutes.right", "calves.left"} <= set(named)
    assert around_the_middle() != plain  # the word is drawn there
    window.show_names_action.trigger()  # View → Show region names, off again
    assert not window.show_names.isChecked() and body_map.named_regions() == []
    assert around_the_middle() == plain
    window.show_names_action.trigger()
    window.close()  # the choice is kept for the next start
    again = open_window(qtbot, database)
    assert again.show_names.isChecked() and again.body_map.show_names
    again.close()


def test_every_region_is_an_accessible_element(window: MainWindow) -> None:
    window.body_map.set_levels({"quadriceps.left": 6})
    click_region(window, "quadriceps.left")
    accessible = QAccessible.queryAccessibleInterface(window.body_map)
    assert accessible.text(QAccessible.Text.Name) == "Body map"
    assert accessible.childCount() == len(REGION_IDS) == 22
    names = [accessible.child(index).text(QAccessible.Text.Name) for index in range(22)]
    assert names == [region_by_id(region_id).name for region_id in REGION_IDS]
    quads = accessible.child(REGION_IDS.index("quadriceps.left"))
    assert quads.text(QAccessible.Text.Description) == "6, moderate — front view"
    assert quads.state().selected
    calves = accessible.child(REGION_IDS.index("calves.right"))
    assert calves.text(QAccessible.Text.Description) == "not rated — back view"
    assert accessible.indexOfChild(calves) == REGION_IDS.index("calves.right")
    centre = window.body_map.mapToGlobal(window.body_map.region_centre("calves.right").toPoint())
    assert accessible.childAt(centre.x(), centre.y()) is calves
    assert calves.rect().contains(centre)


def test_each_region_offers_its_level_as_a_value_and_press_increase_decrease_actions(
    window: MainWindow, database: Path
) -> None:
    accessible = QAccessible.queryAccessibleInterface(window.body_map)
    for index, region_id in enumerate(REGION_IDS):
        region = accessible.child(index)
        value, actions = region.valueInterface(), region.actionInterface()
        assert value is not None and actions is not None, region_id
        assert (value.minimumValue(), value.maximumValue(), value.minimumStepSize()) == (0, 10, 1)
        assert value.currentValue() is None  # not rated
        assert actions.actionNames() == ["Press", "Increase", "Decrease"]
        assert region.textInterface() is None  # the other interfaces stay absent
    quads = accessible.child(REGION_IDS.index("quadriceps.left"))
    # Press selects the region, as a click does.
    quads.actionInterface().doAction("Press")
    assert window.body_map.selected_region == "quadriceps.left"
    assert quads.state().selected
    # Setting the value stores that level, both sides when "Both sides" is on.
    window.both_sides.setChecked(False)
    quads.valueInterface().setCurrentValue(7)
    assert stored_levels(database) == {"quadriceps.left": 7}
    assert quads.valueInterface().currentValue() == 7
    assert quads.text(QAccessible.Text.Value) == "7, severe"
    quads.actionInterface().doAction("Increase")
    quads.actionInterface().doAction("Decrease")
    quads.actionInterface().doAction("Decrease")
    assert stored_levels(database) == {"quadriceps.left": 6}
    quads.valueInterface().setCurrentValue(None)
    assert stored_levels(database) == {}
    quads.actionInterface().doAction("Decrease")  # not rated: nothing below it
    assert stored_levels(database) == {}
    quads.actionInterface().doAction("Increase")  # not rated, one up: 0
    assert stored_levels(database) == {"quadriceps.left": 0}
    quads.valueInterface().setCurrentValue("not a level")
    assert stored_levels(database) == {"quadriceps.left": 0}


def test_a_level_set_on_the_focused_region_is_announced_as_a_value_change(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    announced: list[tuple[str, object]] = []
    original = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleValueChangeEvent):
            name = event.accessibleInterface().text(QAccessible.Text.Name)
            announced.append((name, event.value()))
        original(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    QAccessible.setActive(True)
    try:
        window.both_sides.setChecked(False)
        click_region(window, "calves.left")
        QTest.keyClick(window.body_map, Qt.Key.Key_4)
        QTest.keyClick(window.body_map, Qt.Key.Key_Delete)
    finally:
        QAccessible.setActive(False)
    assert announced == [("Left calf", 4), ("Left calf", None)]


def test_accessible_description_follows_the_selection(window: MainWindow) -> None:
    body_map = window.body_map
    assert body_map.accessibleName() == "Body map"
    click_region(window, "calves.left")
    assert "Left calf — not rated" in body_map.accessibleDescription()
    model = window.region_model
    index = model.index(model.row_of("calves.left"), model.LEVEL)
    assert model.data(index, Qt.ItemDataRole.AccessibleDescriptionRole) == "Left calf — not rated"


def test_keyboard_only_select_type_move_delete_undo_redo(
    window: MainWindow,
    database,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    body_map = window.body_map
    window.both_sides.setChecked(False)
    body_map.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: body_map.hasFocus())
    assert body_map.selected_region == REGION_IDS[0]  # focus selects the first region
    first = body_map.selected_region

    QTest.keyClick(body_map, Qt.Key.Key_5)
    assert stored_levels(database) == {first: 5}
    assert body_map.levels == {first: 5}

    QTest.keyClick(body_map, Qt.Key.Key_Down)
    second = body_map.selected_region
    assert second not in (None, first)
    QTest.keyClick(body_map, Qt.Key.Key_3)
    assert stored_levels(database) == {first: 5, second: 3}

    QTest.keyClick(body_map, Qt.Key.Key_Up)
    assert body_map.selected_region == first
    QTest.keyClick(body_map, Qt.Key.Key_Delete)
    assert stored_levels(database) == {second: 3}
    assert body_map.levels == {second: 3}

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_levels(database) == {first: 5, second: 3} == body_map.levels
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_levels(database) == {first: 5} == body_map.levels
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert stored_levels(database) == {first: 5, second: 3} == body_map.levels


def test_one_then_zero_makes_ten_in_one_undo_step(window: MainWindow, database) -> None:  # type: ignore[no-untyped-def]
    window.both_sides.setChecked(False)
    click_region(window, "glutes.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_1)
    QTest.keyClick(window.body_map, Qt.Key.Key_0)
    assert stored_levels(database) == {"glutes.left": 10}
    assert window.service is not None
    assert window.service.undo_stack.count() == 1
    window.undo_action.trigger()
    assert stored_levels(database) == {}


def test_plus_and_minus_step_the_level(window: MainWindow, database) -> None:  # type: ignore[no-untyped-def]
    window.both_sides.setChecked(False)
    click_region(window, "shins.right")
    QTest.keyClick(window.body_map, Qt.Key.Key_9)
    QTest.keyClick(window.body_map, Qt.Key.Key_Plus)
    assert stored_levels(database) == {"shins.right": 10}
    QTest.keyClick(window.body_map, Qt.Key.Key_Minus)
    QTest.keyClick(window.body_map, Qt.Key.Key_Minus)
    assert stored_levels(database) == {"shins.right": 8}


def test_both_sides_sets_the_mirror_and_one_undo_removes_both(
    window: MainWindow,
    database,  # type: ignore[no-untyped-def]
) -> None:
    assert window.both_sides.isChecked()  # on by default
    click_region(window, "calves.left")
    QTest.mouseClick(window.level_picker.buttons[7], Qt.MouseButton.LeftButton)
    assert stored_levels(database) == {"calves.left": 7, "calves.right": 7}
    assert window.body_map.levels == {"calves.left": 7, "calves.right": 7}
    window.undo_action.trigger()
    assert stored_levels(database) == {} == window.body_map.levels


def test_the_table_is_editable_too(window: MainWindow, database, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window.both_sides.setChecked(False)
    table = window.region_table
    window.side_tabs.setCurrentWidget(table)  # the Regions tab
    model = window.region_model
    index = model.index(model.row_of("adductors.right"), model.LEVEL)
    table.setFocus()
    table.setCurrentIndex(index)
    QTest.keyClick(table, Qt.Key.Key_4)  # typing starts editing the cell …
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    QTest.keyClick(table.focusWidget(), Qt.Key.Key_Return)  # … Enter commits it (queued)
    qtbot.waitUntil(lambda: stored_levels(database) == {"adductors.right": 4})
    assert window.body_map.levels == {"adductors.right": 4}
    assert model.data(index) == "4"
    # Nonsense is refused and changes nothing.
    assert not model.setData(index, "eleven")
    assert not model.setData(index, "11")
    assert stored_levels(database) == {"adductors.right": 4}


def test_not_rated_is_drawn_differently_from_zero(qtbot: QtBot) -> None:
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    body_map.resize(460, 590)
    point = body_map.region_centre("knees.left").toPoint() + QPoint(0, 10)
    blank = body_map.grab().toImage().pixelColor(point)
    body_map.set_levels({"knees.left": 0})
    zero = body_map.grab().toImage().pixelColor(point)
    assert zero.name() == "#ffffcc"
    assert blank.name() != zero.name()


def test_levels_show_as_numbers_on_the_map(qtbot: QtBot) -> None:
    """Colour is never the only cue: a rated region carries its number."""
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    body_map.resize(460, 590)
    body_map.set_levels({"glutes.right": 8})
    image = body_map.grab().toImage()
    centre = body_map.region_centre("glutes.right")
    colours = {
        image.pixelColor((centre + QPointF(dx, dy)).toPoint()).name()
        for dx in range(-6, 7)
        for dy in range(-8, 9)
    }
    assert "#e31a1c" in colours  # the fill of 8 …
    assert any(name in colours for name in ("#ffffff", "#fefefe", "#fdfdfd"))  # … and its digit


def test_dates_before_today_only(window: MainWindow) -> None:
    today = dt.date.today()
    assert not window.next_button.isEnabled()
    window.previous_action.trigger()
    assert window.shown_date == today - dt.timedelta(days=1)
    assert window.next_button.isEnabled()
    window.show_date(today + dt.timedelta(days=5))
    assert window.shown_date == today


def test_undo_still_works_after_changing_the_day(window: MainWindow, database) -> None:  # type: ignore[no-untyped-def]
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_6)
    window.previous_action.trigger()
    window.today_action.trigger()
    assert window.undo_action.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_levels(database) == {}


def test_undo_of_another_day_shows_that_day(window: MainWindow, database) -> None:  # type: ignore[no-untyped-def]
    click_region(window, "calves.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_4)
    window.previous_action.trigger()
    window.undo_action.trigger()
    assert window.shown_date == dt.date.today()
    assert stored_levels(database) == {} == window.body_map.levels
    assert window.statusBar().currentMessage().startswith("Saved — Undo: Set both calves")


@pytest.mark.parametrize("interruption", ["level button", "other day", "undo", "table edit"])
def test_a_one_then_zero_after_something_else_is_a_zero(
    window: MainWindow,
    database,
    interruption: str,  # type: ignore[no-untyped-def]
) -> None:
    window.both_sides.setChecked(False)
    click_region(window, "glutes.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    QTest.keyClick(window.body_map, Qt.Key.Key_1)
    if interruption == "level button":
        QTest.mouseClick(window.level_picker.buttons[5], Qt.MouseButton.LeftButton)
    elif interruption == "other day":
        window.previous_action.trigger()
        window.today_action.trigger()
    elif interruption == "undo":
        window.undo_action.trigger()
    else:
        model = window.region_model
        model.setData(model.index(model.row_of("glutes.right"), model.LEVEL), "2")
    QTest.keyClick(window.body_map, Qt.Key.Key_0)
    assert stored_levels(database)["glutes.left"] == 0
    # And 0 is its own step: undo goes back to what came before it, not further.
    window.undo_action.trigger()
    assert stored_levels(database).get("glutes.left") != 0


def test_a_note_in_progress_survives_a_level_change(window: MainWindow, database) -> None:  # type: ignore[no-untyped-def]
    note = window.check_in_panel.note
    note.setFocus()
    QTest.keyClicks(note, "stiff")
    click_region(window, "calves.left")
    QTest.mouseClick(window.level_picker.buttons[4], Qt.MouseButton.LeftButton)
    assert window.check_in_panel.note.text() == "stiff"
    import sqlite3

    connection = sqlite3.connect(database)
    assert connection.execute("SELECT note FROM check_in").fetchall() == [("stiff",)]
    connection.close()


def test_escape_then_the_same_table_row_selects_again(window: MainWindow) -> None:
    click_region(window, "knees.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_Escape)
    assert window.body_map.selected_region is None
    row = window.region_model.row_of("knees.left")
    window.region_table.selectRow(row)
    assert window.body_map.selected_region == "knees.left"


def test_the_table_only_accepts_levels_and_delete_clears(
    window: MainWindow,
    database,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    window.both_sides.setChecked(False)
    table = window.region_table
    window.side_tabs.setCurrentWidget(table)  # the Regions tab
    model = window.region_model
    index = model.index(model.row_of("shins.left"), model.LEVEL)
    table.setFocus()
    table.setCurrentIndex(index)
    QTest.keyClick(table, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    editor = table.focusWidget()
    QTest.keyClicks(editor, "1x")  # "11" and letters cannot be typed
    assert editor.text() == "1"
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClicks(editor, "10")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_levels(database) == {"shins.left": 10})
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert stored_levels(database) == {}


def _on_screen(widget: QWidget) -> QImage:
    """What the window system shows of ``widget`` now (not a fresh paint of all of it)."""
    screen = widget.screen()
    return screen.grabWindow(widget.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_an_edit_repaints_only_what_changed_and_the_map_looks_as_if_painted_whole(
    qtbot: QtBot,
) -> None:
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    body_map.resize(460, 590)
    body_map.show()
    qtbot.waitExposed(body_map)
    body_map.set_levels({"glutes.right": 8, "knees.left": 0})
    qtbot.waitUntil(lambda: body_map.painted_with_data)
    painted: list[QRect] = []

    class PaintWatcher(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect())  # type: ignore[attr-defined]
            return False

    watcher = PaintWatcher()
    body_map.installEventFilter(watcher)
    # A selection, two levels (one of them a clear), and the pointer moving over regions.
    body_map.select_region("calves.left")
    body_map.set_levels({"glutes.right": 8, "calves.left": 10})
    QTest.mouseMove(body_map, body_map.region_centre("quadriceps.right").toPoint())
    QTest.mouseMove(body_map, body_map.region_centre("hamstrings.left").toPoint())
    qtbot.wait(50)
    assert painted, "nothing was repainted"
    whole = body_map.rect()
    assert all(
        rect.width() * rect.height() < whole.width() * whole.height() / 2 for rect in painted
    )
    # What is on screen now is exactly what painting the whole map afresh draws.
    fresh = body_map.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert _on_screen(body_map) == fresh
    # The pointer leaving repaints the hovered region too.
    QTest.mouseMove(body_map, QPoint(1, 1))
    QApplication.sendEvent(body_map, QEvent(QEvent.Type.Leave))
    qtbot.wait(50)
    assert _on_screen(body_map) == body_map.grab().toImage().convertToFormat(
        QImage.Format.Format_RGB32
    )
