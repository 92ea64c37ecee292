"""The chart panel: the chosen chart in Qt, kept up to date, read by pointing at it.

Importing this module imports matplotlib; the main window does so only when the charts
are first shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from matplotlib.axes import Axes
from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PySide6.QtCore import QEvent, QPoint, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTabBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.charts.plots import (
    PointInfo,
    draw_empty,
    dynamic_artists,
    fit_to_figure,
    point_near,
    prepare_axes,
    static_signature,
)
from legday_desktop.charts.plotted import PlottedValue, chart_summary, plotted_values
from legday_desktop.charts.render import SAVE_FORMATS, draw_chart, figure_bytes, write_figure
from legday_desktop.charts.style import ChartStyle
from legday_desktop.charts.toolbar import ChartNavigation, ChartTool, ChartToolbar
from legday_desktop.debouncer import Debouncer
from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.recovery import TOTAL, SideMode, TimeRange, series_label
from legday_desktop.domain.regions import GROUP_IDS
from legday_desktop.domain.wording import _
from legday_desktop.services.charts import ChartDataCache, ChartKind, ChartRequest, chart_data
from legday_desktop.services.journal import JournalError, JournalService
from legday_desktop.services.save_folders import FileKind, remember_folder, suggested_path

KIND_TITLES = {
    ChartKind.RECOVERY: "Recovery curve",
    ChartKind.COMPARE: "Compare leg days",
    ChartKind.TIMELINE: "Timeline",
}
POINT_HINT = "Point at a line (or tap it) to read its day and value."
MIN_LAYOUT_SIZE = 200  # pixels: smaller canvases (not yet shown) are laid out later


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


class ChartCanvas(FigureCanvasQTAgg):
    """A canvas whose redraws (after a resize, a zoom or a move) go through its ChartView."""

    def __init__(self, figure: Figure, redraw: Callable[[], None]) -> None:
        super().__init__(figure)
        self._redraw = redraw
        self._redraw_pending = False

    def draw_idle(self) -> None:
        if not self._redraw_pending:
            self._redraw_pending = True
            QTimer.singleShot(0, self._redraw_now)

    def _redraw_now(self) -> None:
        self._redraw_pending = False
        self._redraw()


class ChartView:
    """One chart kind's Figure, canvas and Axes, and the images it redraws from.

    Laid out once per size and chart (constrained layout, without painting), then drawn
    in two layers: the background (axes, ticks, labels, legend) kept as an image, and
    the lines drawn over it. A hover marker is painted over both, from a second image.
    """

    def __init__(
        self,
        kind: ChartKind,
        pointed: Callable[[PointInfo | None, bool], None],
        view_changed: Callable[[bool], None],
    ) -> None:
        self.kind = kind
        self.figure = Figure()
        self.canvas = ChartCanvas(self.figure, self.draw_now)
        self.canvas.setMinimumSize(320, 200)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.setAccessibleName(KIND_TITLES[kind])
        self.axes = self.figure.add_subplot()
        # What is drawn, for the canvas's accessible description and "Show as table".
        self.title = KIND_TITLES[kind]
        self.summary = ""
        self.plotted: tuple[PlottedValue, ...] = ()
        self.navigation = ChartNavigation(self.canvas, view_changed)
        self.shown_request: ChartRequest | None = None
        self._pointed = pointed
        self._background: object | None = None
        self._with_lines: object | None = None
        self._signature: tuple[object, ...] | None = None
        self.marker = Line2D([], [], marker="o", markersize=12, markerfacecolor="none",
                             markeredgewidth=2.2, linestyle="none")  # fmt: skip
        self.marker.set_figure(self.figure)
        self.pinned: PointInfo | None = None
        self.canvas.mpl_connect("motion_notify_event", self._mouse_moved)
        self.canvas.mpl_connect("button_release_event", self._mouse_released)
        self.canvas.mpl_connect("figure_leave_event", self._mouse_left)

    def describe(self, summary: str, plotted: tuple[PlottedValue, ...]) -> None:
        """Name the canvas after the chart's title and describe what it plots in a sentence."""
        heading = self.axes.get_title(loc="left").split("\n")[0]
        self.title = f"{KIND_TITLES[self.kind]}: {heading}" if heading else KIND_TITLES[self.kind]
        self.summary = summary
        self.plotted = plotted
        self.canvas.setAccessibleName(self.title)
        self.canvas.setAccessibleDescription(summary)

    def draw_now(self) -> None:
        """Render: redraw only the lines over the cached background when nothing else changed.

        The background (axes, ticks, labels, legend) is drawn again only when its signature
        changes; a plain redraw of the whole figure would cost ~50 ms, most of it text.
        """
        width, height = self.canvas.get_width_height(physical=True)
        if width < MIN_LAYOUT_SIZE or height < MIN_LAYOUT_SIZE:
            return
        if fit_to_figure(self.axes):  # laid out once per size and chart, then kept
            self._background = None
        dynamic = dynamic_artists(self.axes)
        signature = (static_signature(self.axes), width, height)
        if self._background is None or signature != self._signature:
            for artist in dynamic:
                artist.set_visible(False)
            FigureCanvasQTAgg.draw(self.canvas)
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._signature = signature
            for artist in dynamic:
                artist.set_visible(True)
        else:
            self.canvas.restore_region(self._background)
        for artist in dynamic:
            self.axes.draw_artist(artist)
        self._with_lines = self.canvas.copy_from_bbox(self.figure.bbox)
        self._draw_marker(self.pinned)
        self.canvas.blit(self.figure.bbox)

    def _draw_marker(self, point: PointInfo | None) -> None:
        if point is None:
            return
        self.marker.set_data([point.x], [point.y])
        self.marker.set_markeredgecolor(point.colour)
        self.marker.set_transform(self.axes.transData)
        self.marker.set_clip_box(self.axes.bbox)
        self.axes.draw_artist(self.marker)

    def show_point(self, point: PointInfo | None) -> None:
        """Ring ``point`` (None: no point) over the drawn chart."""
        if self._with_lines is None:
            return
        self.canvas.restore_region(self._with_lines)
        self._draw_marker(point or self.pinned)
        self.canvas.blit(self.figure.bbox)

    def widget_position(self, point: PointInfo) -> QPoint:
        """Where ``point`` is on the canvas widget (Qt's coordinates: from the top, logical)."""
        x, y = self.axes.transData.transform((point.x, point.y))
        ratio = self.canvas.device_pixel_ratio or 1
        return QPoint(round(x / ratio), round((self.figure.bbox.height - y) / ratio))

    def point_at(self, event: MouseEvent) -> PointInfo | None:
        if event.x is None or event.y is None or event.inaxes is not self.axes:
            return None
        return point_near(self.axes, event.x, event.y)

    def _mouse_moved(self, event: Event) -> None:
        if not isinstance(event, MouseEvent) or self.navigation.mode or event.button:
            return
        point = self.point_at(event)
        self.show_point(point)
        self._pointed(point, False)

    def _mouse_released(self, event: Event) -> None:
        """A click or a tap on a point keeps it shown (a finger cannot hover)."""
        if not isinstance(event, MouseEvent) or self.navigation.mode:
            return
        self.pinned = self.point_at(event)
        self.show_point(self.pinned)
        self._pointed(self.pinned, True)

    def _mouse_left(self, _event: Event) -> None:
        self.show_point(None)
        self._pointed(None, False)


class ChartPanel(QWidget):
    """Shows one chart for the window's shown date; redraws when the journal changes.

    Each chart kind keeps its own Figure and canvas for as long as the panel lives: a
    redraw reuses them, and switching kind shows one already laid out. Edits are drawn
    ``EDIT_PAUSE_MS`` after the last one, so a burst of clicks redraws once.
    """

    EDIT_PAUSE_MS = 150

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
        # Edits redraw the chart once clicking pauses, never between two clicks.
        self._after_edits = Debouncer(self, self.EDIT_PAUSE_MS, self._refresh_when_visible)

        self.kind_tabs = QTabBar()
        self.kind_tabs.setExpanding(False)
        for kind in ChartKind:
            self.kind_tabs.addTab(KIND_TITLES[kind])
        self.kind_tabs.setAccessibleName("Chart")
        self.kind_tabs.currentChanged.connect(self._kind_changed)

        self.group_box = QComboBox()
        self.group_box.setAccessibleName("Group")
        self.sides_box = QComboBox()
        self.sides_box.setAccessibleName("Sides")
        self.sides_box.addItem("Mean of both sides", SideMode.MEAN)
        self.sides_box.addItem("Sorer side", SideMode.MAX)
        self.count_box = QSpinBox()
        self.count_box.setAccessibleName("Leg days")
        self.count_box.setRange(2, 52)
        self.count_box.setValue(6)
        self.count_box.setSuffix(" leg days")
        self.range_box = QComboBox()
        self.range_box.setAccessibleName("Range")
        for time_range in TimeRange:
            self.range_box.addItem(time_range.value.capitalize(), time_range)
        self.range_box.setCurrentIndex(1)  # 3 months
        for box in (self.group_box, self.sides_box, self.range_box):
            box.currentIndexChanged.connect(self.refresh)
        self.count_box.valueChanged.connect(self.refresh)

        self.toolbar = ChartToolbar(self)
        actions = self.toolbar.tool_actions
        actions[ChartTool.ZOOM].toggled.connect(self._mode_changed)
        actions[ChartTool.PAN].toggled.connect(self._mode_changed)
        actions[ChartTool.RESET].triggered.connect(self.reset_view)
        actions[ChartTool.SAVE].triggered.connect(self.save_image)
        actions[ChartTool.COPY].triggered.connect(self.copy_image)
        # The lines' values in words and numbers: what a screen reader reads instead.
        self.table_button = QPushButton(_("Show as &table…"))
        self.table_button.setAccessibleName(_("Show as table"))
        self.table_button.setToolTip(_("Every value the chart shows, as a table"))
        self.table_button.clicked.connect(self.show_table)

        top = QHBoxLayout()
        top.addWidget(self.kind_tabs)
        top.addStretch(1)
        top.addWidget(self.table_button)
        top.addWidget(self.toolbar)
        options = QHBoxLayout()
        for label, widget in (
            ("&Show", self.group_box),
            ("S&ides", self.sides_box),
            ("&Last", self.count_box),
            ("&Range", self.range_box),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            options.addWidget(caption)
            options.addWidget(widget)
            widget.setProperty("caption", caption)
        options.addStretch(1)
        # As tall with a spin box as with a combo box: the chart keeps its size (and its
        # layout) whichever kind shows which options.
        option_rows = QWidget()
        option_rows.setLayout(options)
        options.setContentsMargins(0, 0, 0, 0)
        option_rows.setFixedHeight(
            max(w.sizeHint().height() for w in (self.group_box, self.count_box, self.range_box))
        )

        self._views: dict[ChartKind, ChartView] = {}
        self.stack = QStackedWidget()
        self.point_label = QLabel(POINT_HINT)
        self.point_label.setAccessibleName("Point")
        self.point_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.point_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(option_rows)
        layout.addWidget(self.stack, stretch=1)
        layout.addWidget(self.point_label)
        service.journal_changed.connect(self._journal_changed)
        self._view()
        self._fill_group_box()

    @property
    def kind(self) -> ChartKind:
        return list(ChartKind)[self.kind_tabs.currentIndex()]

    def _view(self) -> ChartView:
        """The shown kind's view, made the first time it is shown."""
        view = self._views.get(self.kind)
        if view is None:
            view = ChartView(self.kind, self._pointed, lambda _zoomed: self._update_reset())
            self._views[self.kind] = view
            self.stack.addWidget(view.canvas)
        if self.stack.currentWidget() is not view.canvas:
            self.stack.setCurrentWidget(view.canvas)
        return view

    @property
    def view(self) -> ChartView:
        return self._view()

    @property
    def figure(self) -> Figure:
        return self.view.figure

    @property
    def canvas(self) -> ChartCanvas:
        return self.view.canvas

    @property
    def axes(self) -> Axes:
        """The shown chart's matplotlib Axes."""
        return self.view.axes

    def _fill_group_box(self) -> None:
        current = self.group_box.currentData()
        with QSignalBlocker(self.group_box):
            self.group_box.clear()
            if self.kind is ChartKind.RECOVERY:
                self.group_box.addItem("All rated groups", None)
            else:
                self.group_box.addItem(series_label(TOTAL), TOTAL)
                self.group_box.setItemData(
                    0, "Each day's mean of the groups you rated", Qt.ItemDataRole.ToolTipRole
                )
            for group in GROUP_IDS:
                self.group_box.addItem(series_label(group), group)
            self.group_box.setCurrentIndex(max(self.group_box.findData(current), 0))
        for widget, kinds in (
            (self.count_box, {ChartKind.COMPARE}),
            (self.range_box, {ChartKind.TIMELINE}),
        ):
            visible = self.kind in kinds
            widget.setVisible(visible)
            widget.property("caption").setVisible(visible)

    def _kind_changed(self) -> None:
        for tool in (ChartTool.ZOOM, ChartTool.PAN):
            self.toolbar.tool_actions[tool].setChecked(False)
        self._fill_group_box()
        self._view()
        self.refresh()

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
        if self.isVisible():
            self._after_edits.poke()
        else:
            self._dirty = True

    @property
    def up_to_date(self) -> bool:
        """True when the shown chart includes every change (none waiting for a pause)."""
        return not self._after_edits.pending and not self._dirty

    def _refresh_when_visible(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A light or dark theme chosen while the charts are open: icons and charts follow."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.toolbar.recolour()
            self._refresh_when_visible()

    def refresh(self) -> None:
        """Read the data again and redraw the shown chart on its own figure.

        A view the person zoomed into or moved stays where it is while the same chart is
        redrawn (after an edit); another range, group or day shows the whole chart again.
        """
        self._dirty = False
        self._after_edits.cancel()
        view = self._view()
        style = style_from_palette(self.palette())
        request = self.request()
        kept_view = None
        if view.navigation.zoomed and view.shown_request == request:
            kept_view = (view.axes.get_xlim(), view.axes.get_ylim())
        else:
            view.navigation.forget_views()
            view.pinned = None
        view.shown_request = request
        try:
            data = chart_data(self._source, request)
        except (JournalError, DomainError) as error:
            message = f"Could not read the journal: {error}"
            prepare_axes(view.axes, style, xlabel="", title=KIND_TITLES[request.kind])
            draw_empty(view.axes, message, style)
            view.describe(message, ())
        else:
            draw_chart(view.axes, request.kind, data, style, request.shown)
            view.describe(chart_summary(data), plotted_values(data))
        if kept_view is not None:
            view.axes.set_xlim(kept_view[0])
            view.axes.set_ylim(kept_view[1])
        self._update_reset()
        self.draw_now()

    def draw_now(self) -> None:
        """Render the shown chart now (not at the next turn of the event loop)."""
        self.view.draw_now()

    def _mode_changed(self) -> None:
        actions = self.toolbar.tool_actions
        tool = next(
            (tool for tool in (ChartTool.ZOOM, ChartTool.PAN) if actions[tool].isChecked()),
            None,
        )
        self.view.navigation.set_mode(tool)
        self._update_reset()

    def _update_reset(self) -> None:
        self.toolbar.tool_actions[ChartTool.RESET].setEnabled(self.view.navigation.zoomed)

    def reset_view(self) -> None:
        """Show the whole chart again after a zoom or a move."""
        view = self.view
        if view.navigation.zoomed:
            view.navigation.home()
        self._update_reset()

    def _pointed(self, point: PointInfo | None, clicked: bool) -> None:
        """Say the point under the mouse (or tapped) beside it and under the chart."""
        view = self.view
        shown = point or view.pinned
        self.point_label.setText(shown.text if shown else POINT_HINT)
        self.point_label.setForegroundRole(
            QPalette.ColorRole.WindowText if shown else QPalette.ColorRole.PlaceholderText
        )
        if point is None:
            QToolTip.hideText()
            return
        QToolTip.showText(view.canvas.mapToGlobal(view.widget_position(point)), point.text)

    def show_table(self) -> None:
        """Open the shown chart's values as a table (title, summary, one row per point)."""
        from legday_desktop.charts.table_dialog import ChartTableDialog  # when first asked

        if self._dirty or self._after_edits.pending:
            self.refresh()  # the table shows what the chart shows now
        view = self.view
        ChartTableDialog.ask(self, view.title, view.summary, view.plotted)

    def image(self) -> QImage:
        """The shown chart as a picture, as big as on screen."""
        return QImage.fromData(figure_bytes(self.figure, "png"))

    def copy_image(self) -> None:
        """Put the shown chart on the clipboard as a picture."""
        QGuiApplication.clipboard().setImage(self.image())
        self.view.draw_now()

    def suggested_image_path(self, suffix: str = "png") -> Path:
        """Where Save proposes to write: the pictures' folder, ``legday-<date>-<kind>.png``."""
        return suggested_path(FileKind.IMAGE, self.kind.value, self.shown_date, suffix)

    def save_image(self) -> None:
        """Ask where, then write the shown chart as PNG, SVG or PDF (atomically, owner-only)."""
        chosen = SaveChartDialog.ask(self, self.suggested_image_path())
        if chosen is None:
            return
        try:
            write_figure(self.figure, chosen)
        except OSError as error:
            QMessageBox.warning(
                self,
                "Could not save the chart",
                f"Could not write {chosen}: {error.strerror or error}",
            )
            return
        finally:
            self.view.draw_now()
        remember_folder(FileKind.IMAGE, chosen)


class SaveChartDialog:
    """Where to save a chart image; tests replace ``ask``."""

    FILTERS: ClassVar[dict[str, str]] = {
        suffix: f"{name} (*.{suffix})" for suffix, name in SAVE_FORMATS.items()
    }

    @classmethod
    def ask(cls, parent: QWidget, suggested: Path) -> Path | None:
        """The chosen file (its suffix from the chosen format if it had none), or None."""
        name, chosen_filter = QFileDialog.getSaveFileName(
            parent, "Save chart image", str(suggested), ";;".join(cls.FILTERS.values())
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower().lstrip(".") not in SAVE_FORMATS:
            suffix = next(
                (suffix for suffix, text in cls.FILTERS.items() if text == chosen_filter), "png"
            )
            path = path.with_name(f"{path.name}.{suffix}")
        return path
