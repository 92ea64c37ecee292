"""The chart panel: one matplotlib canvas in Qt showing the chosen chart, kept up to date.

Importing this module imports matplotlib; the main window does so only when the charts
are first shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from matplotlib.backends.backend_qt import NavigationToolbar2QT
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.charts.plots import (
    draw_empty,
    dynamic_artists,
    prepare_axes,
    static_signature,
)
from legday_desktop.charts.render import draw_chart
from legday_desktop.charts.style import ChartStyle
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.recovery import TOTAL, SideMode, TimeRange, series_label
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.services.charts import ChartDataCache, ChartKind, ChartRequest, chart_data
from legday_desktop.services.journal import JournalError, JournalService

SAVE_FORMATS = frozenset({"png", "pdf", "svg", "jpg", "jpeg"})


class ChartCanvas(FigureCanvasQTAgg):
    """The charts' canvas; the toolbar's Save offers only the formats Legday writes.

    (Its bundled build leaves out PostScript, PGF and WebP.)
    """

    filetypes = {  # noqa: RUF012 (matplotlib's class attribute, read through the class)
        suffix: name
        for suffix, name in FigureCanvasQTAgg.filetypes.items()
        if suffix in SAVE_FORMATS
    }


KIND_TITLES = {
    ChartKind.RECOVERY: "Recovery curve",
    ChartKind.COMPARE: "Compare leg days",
    ChartKind.TIMELINE: "Timeline",
}


def style_from_palette(palette: QPalette) -> ChartStyle:
    """Chart colours that follow the desktop's light or dark theme."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    mid = palette.color(QPalette.ColorRole.Mid)
    dark = window.lightness() < 128
    return ChartStyle(
        background=window.name(),
        text=text.name(),
        grid=(window.lighter(160) if dark else window.darker(120)).name(),
        band=("#6b7785" if dark else "#9aa5b1"),
        muted=mid.name(),
        highlight=palette.color(QPalette.ColorRole.Highlight).name(),
    )


class ChartPanel(QWidget):
    """Shows one chart for the window's shown date; redraws when the journal changes.

    One Figure and one canvas live as long as the panel: a redraw reuses them.
    """

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._source = ChartDataCache(service)
        self._today = today
        self.shown_date = today()
        self._dirty = True

        self.kind_tabs = QTabBar()
        for kind in ChartKind:
            self.kind_tabs.addTab(KIND_TITLES[kind])
        self.kind_tabs.currentChanged.connect(self._options_changed)

        self.group_box = QComboBox()
        self.group_box.setAccessibleName("Group")
        self.sides_box = QComboBox()
        self.sides_box.addItem("Mean of both sides", SideMode.MEAN)
        self.sides_box.addItem("Sorer side", SideMode.MAX)
        self.count_box = QSpinBox()
        self.count_box.setRange(2, 52)
        self.count_box.setValue(6)
        self.count_box.setSuffix(" leg days")
        self.range_box = QComboBox()
        for time_range in TimeRange:
            self.range_box.addItem(time_range.value.capitalize(), time_range)
        self.range_box.setCurrentIndex(1)  # 3 months
        for box in (self.group_box, self.sides_box, self.range_box):
            box.currentIndexChanged.connect(self._options_changed)
        self.count_box.valueChanged.connect(self._options_changed)

        options = QHBoxLayout()
        for label, widget in (
            ("Show", self.group_box),
            ("Sides", self.sides_box),
            ("Last", self.count_box),
            ("Range", self.range_box),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            options.addWidget(caption)
            options.addWidget(widget)
            widget.setProperty("caption", caption)
        options.addStretch(1)

        self.figure = Figure()
        self._needs_layout = True
        self._background: object | None = None
        self._signature: tuple[object, ...] | None = None
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setMinimumSize(320, 240)
        self.axes = self.figure.add_subplot()
        self.toolbar = NavigationToolbar2QT(self.canvas, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.kind_tabs)
        layout.addLayout(options)
        layout.addWidget(self.canvas, stretch=1)
        layout.addWidget(self.toolbar)
        service.journal_changed.connect(self._journal_changed)
        self._fill_group_box()

    @property
    def kind(self) -> ChartKind:
        return list(ChartKind)[self.kind_tabs.currentIndex()]

    def _fill_group_box(self) -> None:
        self.group_box.blockSignals(True)
        current = self.group_box.currentData()
        self.group_box.clear()
        if self.kind is ChartKind.RECOVERY:
            self.group_box.addItem("All rated groups", None)
        else:
            self.group_box.addItem("Total", TOTAL)
        for group in GROUP_IDS:
            self.group_box.addItem(series_label(group), group)
        index = self.group_box.findData(current)
        self.group_box.setCurrentIndex(max(index, 0))
        self.group_box.blockSignals(False)
        for widget, kinds in (
            (self.count_box, {ChartKind.COMPARE}),
            (self.range_box, {ChartKind.TIMELINE}),
        ):
            visible = self.kind in kinds
            widget.setVisible(visible)
            widget.property("caption").setVisible(visible)

    def _options_changed(self) -> None:
        self._fill_group_box()
        self._needs_layout = True
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._needs_layout = True
        super().resizeEvent(event)

    def request(self) -> ChartRequest:
        return ChartRequest(
            kind=self.kind,
            shown=self.shown_date,
            today=self._today(),
            group=self.group_box.currentData(),
            count=self.count_box.value(),
            # Qt hands the enum values back as plain strings.
            time_range=TimeRange(self.range_box.currentData()),
            mode=SideMode(self.sides_box.currentData()),
        )

    def set_shown_date(self, date: dt.date) -> None:
        if date != self.shown_date:
            self.shown_date = date
            self._refresh_when_visible()

    def _journal_changed(self, change: JournalChange, _text: str, _replayed: bool) -> None:
        self._source.journal_changed(change)
        self._refresh_when_visible()

    def _refresh_when_visible(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Read the data again and redraw on the same figure."""
        self._dirty = False
        style = style_from_palette(self.palette())
        request = self.request()
        try:
            data = chart_data(self._source, request)
        except (JournalError, DomainError) as error:
            prepare_axes(self.axes, style, xlabel="", title=KIND_TITLES[request.kind])
            draw_empty(self.axes, f"Could not read the journal: {error}", style)
        else:
            draw_chart(self.axes, request.kind, data, style, request.shown)
        self.draw_now()

    def draw_now(self) -> None:
        """Render: redraw only the lines over the cached background when nothing else changed.

        The background (axes, ticks, labels, legend) is drawn again only when its signature
        changes; a plain redraw of the whole figure would cost ~50 ms, most of it text.
        """
        width, height = self.canvas.get_width_height()
        if self._needs_layout and width > 200 and height > 200:
            # Margins for the labels and legend, laid out once per size and chart, then
            # kept: constrained layout on every redraw would cost another ~40 ms.
            self._needs_layout = False
            self._background = None
            self.figure.set_layout_engine("constrained")
            self.canvas.draw()
            self.figure.set_layout_engine("none")
        dynamic = dynamic_artists(self.axes)
        signature = (static_signature(self.axes), self.canvas.get_width_height())
        if self._background is None or signature != self._signature:
            for artist in dynamic:
                artist.set_visible(False)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._signature = signature
            for artist in dynamic:
                artist.set_visible(True)
        else:
            self.canvas.restore_region(self._background)
        for artist in dynamic:
            self.axes.draw_artist(artist)
        self.canvas.blit(self.figure.bbox)
