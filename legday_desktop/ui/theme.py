"""The window's colours: the desktop's light or dark scheme, followed live, or the user's choice.

Qt 6.8's ``QStyleHints.setColorScheme`` asks the platform for a scheme, and desktops with a
platform theme (GNOME, KDE, Windows, macOS) change the palette. Where nothing changes it
(the offscreen and plain X11 platforms, a desktop that reports its scheme but keeps a light
palette), Legday sets a light or dark palette of its own on the style: the palette always
matches the scheme asked for. Widgets then get ``PaletteChange`` and redraw: the body map,
the charts and the Insights charts read their colours from the palette when they paint.

Cheap at start-up: nothing is set while the desktop's own palette already fits.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from legday_desktop.drawing.colours import MIN_OUTLINE_CONTRAST, with_contrast
from legday_desktop.services.preferences import Theme

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Both palettes' highlight: 4.6:1 with white text on it, and at least 3:1 against the
# light and the dark palette's base, alternate base and window colours (tests/gui/test_theme.py).
HIGHLIGHT = "#3776c6"

LIGHT_COLOURS = {
    Role.Window: "#efefef",
    Role.WindowText: "#1a1a1a",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f5f5",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#1a1a1a",
    Role.PlaceholderText: "#6e6e6e",
    Role.Text: "#1a1a1a",
    Role.Button: "#efefef",
    Role.ButtonText: "#1a1a1a",
    Role.BrightText: "#ffffff",
    Role.Light: "#ffffff",
    Role.Midlight: "#e3e3e3",
    Role.Mid: "#8a8a8a",
    Role.Dark: "#a0a0a0",
    Role.Shadow: "#696969",
    Role.Highlight: HIGHLIGHT,
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1c5fb0",
    Role.LinkVisited: "#6b3fa0",
}

DARK_COLOURS = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#1f1f1f",
    Role.AlternateBase: "#282828",
    Role.ToolTipBase: "#3a3a3a",
    Role.ToolTipText: "#e8e8e8",
    Role.PlaceholderText: "#9a9a9a",
    Role.Text: "#e8e8e8",
    Role.Button: "#353535",
    Role.ButtonText: "#e8e8e8",
    Role.BrightText: "#ffffff",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#3c3c3c",
    Role.Mid: "#8a8a8a",  # the charts' muted lines: 4:1 on the window
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#0d0d0d",
    Role.Highlight: HIGHLIGHT,
    Role.HighlightedText: "#ffffff",
    Role.Link: "#7cb8ff",
    Role.LinkVisited: "#c4a0ff",
}

_DISABLED = {
    False: {Role.WindowText: "#8c8c8c", Role.Text: "#8c8c8c", Role.ButtonText: "#8c8c8c"},
    True: {Role.WindowText: "#7a7a7a", Role.Text: "#7a7a7a", Role.ButtonText: "#7a7a7a"},
}


def scheme_palette(dark: bool) -> QPalette:
    """Legday's own light or dark palette (the selection stays as visible when inactive)."""
    palette = QPalette()
    for role, colour in (DARK_COLOURS if dark else LIGHT_COLOURS).items():
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            palette.setColor(group, role, QColor(colour))
    for role, colour in _DISABLED[dark].items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    palette.setColor(Group.Disabled, Role.Highlight, QColor("#6a6a6a" if dark else "#b8b8b8"))
    return palette


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window."""
    window = palette.color(Role.Window)
    return window.lightness() < palette.color(Role.WindowText).lightness()


_CHECK_BOXES = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class OutlinedCheckBoxes(QProxyStyle):
    """Fusion, with every check box's edge at 3:1 against the field it is drawn in.

    Fusion draws that edge a shade darker than the window: about 2:1 on a light list and
    nothing at all on a dark one (the boxes of the leg-day dialog's exercises vanished).
    """

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _CHECK_BOXES:
            return
        palette = option.palette
        edge = with_contrast(
            palette.color(Role.Mid), palette.color(Role.Base), MIN_OUTLINE_CONTRAST
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(edge, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()


def _outline_check_boxes(app: QGuiApplication) -> None:
    """Fusion (Legday's own palettes go with it) gets check boxes that show in both schemes."""
    if not isinstance(app, QApplication):
        return
    style = app.style()
    if isinstance(style, OutlinedCheckBoxes) or style.name().casefold() != "fusion":
        return  # a desktop's own style draws its boxes as the desktop wants
    app.setStyle(OutlinedCheckBoxes("fusion"))


class ThemeKeeper(QObject):
    """Keeps the application's palette in the scheme chosen, or the desktop's, live.

    One per application (a child of it: ``theme_keeper()`` finds it). With the system
    theme it follows ``QStyleHints.colorSchemeChanged``.
    """

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        self.theme = Theme.SYSTEM
        self.own_palette = False  # True while Legday's own palette is set
        _outline_check_boxes(app)
        app.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def apply(self, theme: Theme) -> None:
        """Use ``theme`` from now on: the palette changes at once if it must."""
        self.theme = theme
        hints = self._app.styleHints()
        if theme is Theme.SYSTEM:
            hints.unsetColorScheme()
            self._fit(hints.colorScheme())
            return
        wanted = Qt.ColorScheme.Dark if theme is Theme.DARK else Qt.ColorScheme.Light
        hints.setColorScheme(wanted)  # a platform theme changes the palette itself …
        self._fit(wanted)  # … where none does, Legday's own palette is set

    def _system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.theme is Theme.SYSTEM:
            self._fit(scheme)

    def _fit(self, scheme: Qt.ColorScheme) -> None:
        """Make the palette match ``scheme`` (Unknown: the desktop's palette as it is)."""
        if self.own_palette:
            # Back to the desktop's palette first: it may fit by now (a platform theme).
            self.own_palette = False
            self._app.setPalette(QPalette())
        if scheme is Qt.ColorScheme.Unknown:
            return
        dark = scheme is Qt.ColorScheme.Dark
        if is_dark(self._app.palette()) != dark:
            self._app.setPalette(scheme_palette(dark))
            self.own_palette = True


def theme_keeper() -> ThemeKeeper:
    """The application's ThemeKeeper (made the first time)."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "a QGuiApplication is needed for a theme"
    keeper = app.findChild(ThemeKeeper)
    return keeper if isinstance(keeper, ThemeKeeper) else ThemeKeeper(app)


def apply_theme(theme: Theme) -> None:
    """Show the app in ``theme`` (system, light or dark), at once."""
    theme_keeper().apply(theme)
