"""Light and dark as a user sees them: the system's scheme followed live, outlines at 3:1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from legday_desktop.drawing.colours import MIN_OUTLINE_CONTRAST, contrast_ratio, with_contrast
from legday_desktop.services.preferences import Theme
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.theme import apply_theme, is_dark, scheme_palette

Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def system_theme_after() -> Iterator[None]:
    yield
    apply_theme(Theme.SYSTEM)


def colours_in(image: QImage) -> set[int]:
    """Every colour drawn in ``image`` (as 0xRRGGBB)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return {
        image.pixel(x, y) & 0xFFFFFF for y in range(image.height()) for x in range(image.width())
    }


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_maps_selection_and_focus_frame_stand_out_by_3_to_1(
    window: MainWindow, qtbot: QtBot, dark: bool
) -> None:
    apply_theme(Theme.DARK if dark else Theme.LIGHT)
    qtbot.waitUntil(lambda: is_dark(window.body_map.palette()) == dark)
    window.body_map.setFocus()
    window.body_map.select_region("quadriceps.left")
    qtbot.waitUntil(window.body_map.hasFocus)
    palette = window.body_map.palette()
    halo, line = window.body_map.selection_colours()
    assert contrast_ratio(line, halo) >= MIN_OUTLINE_CONTRAST
    focus = window.body_map.focus_colour()
    assert contrast_ratio(focus, palette.color(Role.Window)) >= MIN_OUTLINE_CONTRAST
    # And both are really drawn: the map's picture holds the line's and the frame's colours.
    drawn = colours_in(window.body_map.grab().toImage())
    assert line.rgb() & 0xFFFFFF in drawn
    assert focus.rgb() & 0xFFFFFF in drawn


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_selected_rows_and_text_read_in_both_palettes(dark: bool) -> None:
    palette = scheme_palette(dark)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        highlight = palette.color(group, Role.Highlight)
        # A selected row stands out from the rows round it …
        for around in (Role.Base, Role.AlternateBase, Role.Window):
            assert contrast_ratio(highlight, palette.color(group, around)) >= 3.0, around
        # … and its text reads on it (4.5:1, as body text must).
        assert contrast_ratio(palette.color(group, Role.HighlightedText), highlight) >= 4.5
    for text, on in ((Role.Text, Role.Base), (Role.WindowText, Role.Window)):
        assert contrast_ratio(palette.color(text), palette.color(on)) >= 4.5


def test_a_navy_highlight_on_dark_grey_is_lightened_until_it_shows() -> None:
    navy, dark_grey = QColor("#000080"), QColor("#353535")
    assert contrast_ratio(navy, dark_grey) < 3.0  # the review's finding
    lighter = with_contrast(navy, dark_grey)
    assert contrast_ratio(lighter, dark_grey) >= 3.0
    assert lighter.lightness() > navy.lightness()
    assert abs(lighter.hslHue() - navy.hslHue()) <= 2  # still blue
    # A highlight that already stands out is kept as it is.
    assert with_contrast(QColor("#3776c6"), QColor("#ffffff")) == QColor("#3776c6")


def test_the_window_follows_the_systems_scheme_live_and_the_users_choice_wins(
    window: MainWindow, qtbot: QtBot
) -> None:
    hints = QGuiApplication.styleHints()
    apply_theme(Theme.SYSTEM)
    # The desktop switches to dark: Qt tells the app, the window goes dark at once.
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: is_dark(window.body_map.palette()))
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: not is_dark(window.body_map.palette()))
    # With "light" chosen, the desktop's dark scheme no longer changes the window.
    apply_theme(Theme.LIGHT)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert not is_dark(window.body_map.palette())


def test_the_open_chart_is_redrawn_in_the_dark_theme(window: MainWindow, qtbot: QtBot) -> None:
    from matplotlib.colors import to_rgb

    window.show_view("progress")
    qtbot.waitUntil(lambda: window.chart_panel is not None and window.chart_panel.up_to_date)
    assert window.chart_panel is not None

    def background_lightness() -> float:
        assert window.chart_panel is not None
        red, green, blue = to_rgb(window.chart_panel.figure.get_facecolor())
        return QColor.fromRgbF(red, green, blue).lightnessF()

    assert background_lightness() > 0.5
    apply_theme(Theme.DARK)
    qtbot.waitUntil(lambda: background_lightness() < 0.5)
    apply_theme(Theme.LIGHT)
    qtbot.waitUntil(lambda: background_lightness() > 0.5)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_check_boxes_in_lists_and_forms_show_their_edge_by_3_to_1(qtbot: QtBot, dark: bool) -> None:
    """The leg-day dialog's exercises: Fusion's boxes vanished on a dark list (about 1:1)."""
    from PySide6.QtWidgets import (
        QCheckBox,
        QListWidget,
        QListWidgetItem,
        QStyle,
        QStyleOptionButton,
    )

    apply_theme(Theme.DARK if dark else Theme.LIGHT)
    exercises = QListWidget()
    qtbot.addWidget(exercises)
    item = QListWidgetItem("Squat")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    exercises.addItem(item)
    both_sides = QCheckBox("Both sides")
    qtbot.addWidget(both_sides)
    for widget in (exercises, both_sides):
        widget.show()
        qtbot.waitExposed(widget)
    row = exercises.visualItemRect(item)
    in_list = exercises.viewport().grab(row.adjusted(0, 0, -row.width() + row.height() + 4, 0))
    option = QStyleOptionButton()
    option.initFrom(both_sides)
    box = both_sides.style().subElementRect(
        QStyle.SubElement.SE_CheckBoxIndicator, option, both_sides
    )
    in_form = both_sides.grab(box)
    for image, widget in ((in_list, exercises), (in_form, both_sides)):
        field = widget.palette().color(Role.Base)
        assert is_dark(widget.palette()) == dark
        best = max(contrast_ratio(QColor(colour), field) for colour in colours_in(image.toImage()))
        assert best >= MIN_OUTLINE_CONTRAST, (widget, best)


def text_contrast(image: QImage) -> tuple[QColor, float]:
    """The image's commonest colour (its background), and the best contrast of another to it."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    counts = Counter(
        image.pixel(x, y) & 0xFFFFFF for y in range(image.height()) for x in range(image.width())
    )
    background = QColor(counts.most_common(1)[0][0])
    return background, max(contrast_ratio(QColor(colour), background) for colour in counts)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_report_dialogs_problem_reads_in_both_schemes(qtbot: QtBot, dark: bool) -> None:
    """Its dark red on dark grey was about 2:1; the red is lightened to 4.5:1 there."""
    import datetime as dt

    from legday_desktop.ui.report_dialog import ReportDialog

    apply_theme(Theme.DARK if dark else Theme.LIGHT)
    today = dt.date(2026, 12, 4)
    dialog = ReportDialog([], today, today - dt.timedelta(days=27))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.problem_label
    assert label.isVisible() and "no leg day" in label.text()

    def assert_readable() -> None:
        background, contrast = text_contrast(label.grab().toImage())
        assert background == dialog.palette().color(Role.Window)  # not left in the other scheme
        assert contrast >= 4.5

    assert_readable()
    apply_theme(Theme.LIGHT if dark else Theme.DARK)  # switched while open, it follows
    qtbot.waitUntil(lambda: is_dark(dialog.palette()) != dark)
    assert_readable()
