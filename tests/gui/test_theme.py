"""Light and dark as a user sees them: the system's scheme followed live, outlines at 3:1."""

from __future__ import annotations

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
