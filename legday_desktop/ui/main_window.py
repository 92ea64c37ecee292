"""The main window: the body map and its text layer for one day, the day's leg day and check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import legday_desktop
from legday_desktop import APP_NAME
from legday_desktop.debouncer import Debouncer
from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.journal import DayOverview, JournalChange
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import REGIONS, region_by_id
from legday_desktop.domain.soreness import PainQuality, SorenessRating
from legday_desktop.domain.training import WeightUnit
from legday_desktop.domain.wording import _, not_medical_advice, pgettext
from legday_desktop.plain_imports import plain_imports
from legday_desktop.services.opening import JournalError
from legday_desktop.services.preferences import Preferences, PreferencesService, shared_preferences
from legday_desktop.ui import texts
from legday_desktop.ui.actions import build_actions, follow_journal
from legday_desktop.ui.body_map import BodyMap
from legday_desktop.ui.calendar_marks import CalendarMarks
from legday_desktop.ui.check_in_panel import CheckInPanel
from legday_desktop.ui.elided_label import ElidedLabel
from legday_desktop.ui.language import words_generation
from legday_desktop.ui.level_controls import LevelPicker, QualityPicker, ScaleLegend
from legday_desktop.ui.region_table import LevelEditDelegate, RegionTable, RegionTableModel
from legday_desktop.ui.save_failure import SaveFailures
from legday_desktop.ui.tips_panel import TipsPanel
from legday_desktop.ui.typed_date_edit import TypedDateEdit
from legday_desktop.ui.warning_banner import WarningBanner, WarningStrip

if TYPE_CHECKING:
    from legday_desktop.charts.panel import ChartPanel
    from legday_desktop.services.journal import JournalService
    from legday_desktop.ui.insights_panel import InsightsPanel
    from legday_desktop.ui.workout_import_dialog import WorkoutImportDialog


# Views other than the map follow edits once clicking pauses, never between two clicks
# (people click a region every 60 ms or more; a pause is longer than that).
ADVICE_PAUSE_MS = 150


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def _bigger(font: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(font)
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class MainWindow(QMainWindow):
    """Shows one day of a journal and turns what the user does into service calls.

    It lays out the views and delegates: menu actions are in ui/actions.py, each operation
    in ui/operations/, what happens when a save fails in ui/save_failure.py.
    """

    # File → Open or New journal: the app closes the journal shown and opens this file.
    journal_requested = Signal(object)
    # Closed for good (not put away in the tray): its journal is closed, Legday may end.
    closed = Signal()

    # Made by ui/actions.py's build_actions, one per menu entry (tests/gui/test_main_window.py
    # checks the list is whole).
    open_journal_action: QAction
    new_journal_action: QAction
    import_action: QAction
    import_workouts_action: QAction
    export_action: QAction
    export_image_action: QAction
    export_report_action: QAction
    backup_action: QAction
    restore_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    log_leg_day_action: QAction
    edit_leg_day_action: QAction
    clear_action: QAction
    preferences_action: QAction
    previous_action: QAction
    next_action: QAction
    today_action: QAction
    go_to_date_action: QAction
    log_view_action: QAction
    progress_action: QAction
    insights_action: QAction
    show_names_action: QAction
    guide_action: QAction
    shortcuts_action: QAction
    about_action: QAction
    edit_menu: QMenu

    def __init__(
        self,
        today: Callable[[], dt.date] = dt.date.today,
        *,
        interactive: bool = True,
        preferences: PreferencesService | None = None,
    ) -> None:
        """``interactive=False`` (snapshots, self-tests): no saved settings, no dialogs.

        ``preferences``: the app's (shared by its windows); by default the saved ones, or
        for a window that is not interactive the defaults, never saved.
        """
        super().__init__()
        self._today = today
        self._interactive = interactive
        if preferences is None:
            preferences = shared_preferences() if interactive else None
            preferences = preferences or PreferencesService(parent=self, saved=False)
        self.preferences = preferences
        preferences.changed.connect(self._preferences_changed)
        self.open_error: str | None = None
        # Set where Legday lives in the tray (ui/tray.py): closing then only hides the window.
        self.closes_to_tray = False
        self._quitting = False
        self._service: JournalService | None = None
        self._picture_only = False  # a snapshot: drawn as editable, though it only reads
        self.save_failures = SaveFailures(self)
        self._overview: DayOverview | None = None
        self.shown_date = today()
        self.setWindowTitle(APP_NAME)
        self.resize(1240, 820)
        self._build_contents()
        self._set_editing_enabled(False)
        follow_journal(self.action_registry, journal_open=False, can_edit=False)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.both_sides.setChecked(preferences.current.both_sides)
        if interactive:
            self._restore_settings()
        self._fitted_with_frame = False
        self.fit_to_screen()
        self._fitted_size = self.size()
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self._new_day)
        self._schedule_midnight()

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area, and on it, so the status bar shows.

        For a small or scaled screen, or a size remembered from a larger one.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry()
        extra = frame.size() - self.geometry().size()  # the window manager's frame, if known
        most = room.size() - extra
        if self.minimumWidth() > most.width() or self.minimumHeight() > most.height():
            self.setMinimumSize(
                min(self.minimumWidth(), most.width()), min(self.minimumHeight(), most.height())
            )
        if self.width() > most.width() or self.height() > most.height():
            self.resize(min(self.width(), most.width()), min(self.height(), most.height()))
        frame = self.frameGeometry()
        if not room.contains(frame):
            left = min(max(frame.left(), room.left()), room.right() - frame.width() + 1)
            top = min(max(frame.top(), room.top()), room.bottom() - frame.height() + 1)
            self.move(left, top)

    # --- building ----------------------------------------------------------------

    def _build_contents(self) -> None:
        """The menus, the day's rows and the views, worded in the language now in use."""
        self._built_in_words = words_generation()
        self._build_warning()
        self._build_day_bar()
        self._build_centre()
        self.day_bar.addWidget(self.view_tabs, alignment=Qt.AlignmentFlag.AlignBottom)
        self._build_menus()

        # The day and its leg day, then the warnings' fixed strip, then the views; nothing
        # above the views changes height as the user logs (see docs/layout.md).
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 6, 12, 2)
        layout.setSpacing(4)
        layout.addWidget(self.read_only_bar)
        layout.addLayout(self.day_bar)
        layout.addLayout(self.banner_row)
        layout.addWidget(self.warning_strip)
        layout.addWidget(self.views, stretch=1)
        self.setCentralWidget(central)
        # Which file is open stays in view, right of the passing messages.
        self.journal_label = ElidedLabel(_("Opening your journal…"))
        self.statusBar().addPermanentWidget(self.journal_label)
        # Never smaller than the layout allows: nothing gets clipped or drawn over.
        self.setMinimumSize(self.minimumSizeHint())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Another language chosen: the window is built again in it.

        Once the event loop is back, however many times the event is passed on.
        """
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.LanguageChange
            and not self._rebuild_pending
            and self._built_in_words != words_generation()
        ):
            self._rebuild_pending = True
            QTimer.singleShot(0, self, self.rebuild)

    _rebuild_pending = False

    def rebuild(self) -> None:
        """Build the menus and views again, in the language now in use, keeping what is shown.

        Kept: the day, the selected region, the view and its tab, the splitter, the map's
        options, and what was typed in the check-in (saved first, as a change of day does;
        what could not be saved stays in the form). Plain ``_()`` calls in the widgets'
        constructors so translate anew, with no retranslate code in each widget.
        """
        self._rebuild_pending = False
        service = self._service
        if service is not None:
            self.check_in_panel.commit_pending()
            self._disconnect(service)
        kept_view = self.current_view
        kept_side_tab = self.side_tabs.currentIndex()
        kept_splitter = self.splitter.saveState()
        kept_region = self.body_map.selected_region
        kept_names = self.body_map.show_names
        kept_both = self.both_sides.isChecked()
        kept_banner = self.banner_label.text()
        kept_journal_label = self.journal_label.text()
        self._drop_journal_views()
        # What was built in the old words goes: menus and their actions, the status
        # bar's label, the views (Qt deletes the old central widget).
        old_actions = [*self.action_registry.values(), self.undo_action, self.redo_action]
        self.setMenuBar(QMenuBar())
        for action in old_actions:
            # The undo stack's own actions go with the old menu bar already.
            if shiboken6.isValid(action):
                action.deleteLater()
        self.statusBar().removeWidget(self.journal_label)
        self.journal_label.deleteLater()
        self._advice_updates.cancel()
        self._advice_updates.deleteLater()
        self.region_model.deleteLater()
        self._build_contents()

        self.splitter.restoreState(kept_splitter)
        self.both_sides.setChecked(kept_both)
        self.set_show_names(kept_names)
        self.body_map.select_region(kept_region)
        self.side_tabs.setCurrentIndex(kept_side_tab)
        self._set_editing_enabled(False)
        follow_journal(self.action_registry, journal_open=False, can_edit=False)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        if service is not None:
            self._service = None
            self.attach(service, picture_only=self._picture_only)
        else:
            self.banner_label.setText(kept_banner)
            self.journal_label.setText(kept_journal_label)
        self.show_view(kept_view)
        self._show_selection()
        self.fit_to_screen()

    def _build_warning(self) -> None:
        # Urgent warnings in red, those to keep an eye on in amber, on every view, in a
        # strip of fixed height: one that comes or goes moves nothing.
        self.warning = WarningBanner()
        self.warning_strip = WarningStrip(self.warning)
        self.warning.details_requested.connect(self._show_warnings_in_full)
        # Another Legday has the journal, or it cannot be written: say so on every tab.
        self.read_only_bar = QLabel()
        self.read_only_bar.setObjectName("readOnlyBar")
        self.read_only_bar.setStyleSheet(
            "#readOnlyBar { background: #fff3c4; color: #3d2e00; border: 1px solid #c9a227;"
            " border-radius: 6px; padding: 6px 10px; }"
        )
        self.read_only_bar.setWordWrap(True)
        self.read_only_bar.setAccessibleName(_("Read-only journal"))
        self.read_only_bar.hide()

    def _build_day_bar(self) -> None:
        self.previous_button = QPushButton(_("◀ Previous day"))
        self.next_button = QPushButton(_("Next day ▶"))
        self.today_button = QPushButton(_("Today"))
        self.date_edit = TypedDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(
            pgettext("Qt date format like Wednesday 2 December 2026", "dddd d MMMM yyyy")
        )
        self.date_edit.setAccessibleName(_("Shown date"))
        self.date_edit.setFont(_bigger(self.font(), 1.3, bold=True))
        self.date_edit.dateChanged.connect(self._date_edited)
        self.calendar_marks = CalendarMarks(
            self.date_edit.calendarWidget(), self._marked_days, today=self._today
        )
        self.previous_button.clicked.connect(
            lambda: self.show_date(self.shown_date - dt.timedelta(1))
        )
        self.next_button.clicked.connect(lambda: self.show_date(self.shown_date + dt.timedelta(1)))
        self.today_button.clicked.connect(lambda: self.show_date(self.today()))
        self.log_leg_day_button = QPushButton(_("Log leg day…"))
        self.edit_leg_day_button = QPushButton(_("Edit leg day…"))
        self.log_leg_day_button.clicked.connect(self.log_leg_day)
        self.edit_leg_day_button.clicked.connect(self.edit_leg_day)

        self.day_bar = QHBoxLayout()
        for widget in (self.previous_button, self.date_edit, self.next_button, self.today_button):
            self.day_bar.addWidget(widget)
        self.day_bar.addStretch(1)
        # (The views' tab bar joins this row once the centre is built.)

        self.banner_label = QLabel(_("Opening your journal…"))
        # It shows leg-day titles and exercise names as typed: never read as rich text.
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_label.setObjectName("legDayBanner")
        self.banner_label.setFont(_bigger(self.font(), 1.25, bold=True))
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_row = QHBoxLayout()
        self.banner_row.addWidget(self.banner_label, stretch=1)
        self.banner_row.addWidget(self.log_leg_day_button)
        self.banner_row.addWidget(self.edit_leg_day_button)

    def _build_centre(self) -> None:
        self.body_map = BodyMap()
        self.body_map.region_selected.connect(self._map_selected)
        self.body_map.level_requested.connect(self._level_requested)
        self.legend = ScaleLegend()
        self.level_picker = LevelPicker()
        self.level_picker.level_chosen.connect(self._level_chosen)
        self.quality_picker = QualityPicker()
        self.quality_picker.quality_chosen.connect(self._quality_chosen)
        self.both_sides = QCheckBox(_("Both sides"))
        self.both_sides.setChecked(True)
        self.both_sides.setToolTip(
            _("Set the same value on the left and the right (also in Edit → Preferences…)")
        )
        # The box is the preference itself: ticked here, it is so in Preferences and at
        # the next start.
        self.both_sides.toggled.connect(lambda checked: self.preferences.change(both_sides=checked))
        self.show_names = QCheckBox(_("Names"))
        self.show_names.setToolTip(_("Write each region's name on the map (Ctrl+Shift+N)"))
        self.show_names.toggled.connect(self.set_show_names)
        self.body_map.region_hovered.connect(self._map_hovered)
        self.selection_label = QLabel(_("Click a region, or Tab to the map and use the arrow keys"))
        self.selection_label.setObjectName("selectionLabel")
        self.selection_label.setWordWrap(True)
        selection_row = QHBoxLayout()
        selection_row.addWidget(self.selection_label, stretch=1)
        selection_row.addWidget(self.show_names)
        # What the pain is like shares its row with "Both sides": the window's minimum
        # height stays what a 1024x640 screen holds.
        quality_row = QHBoxLayout()
        quality_row.addWidget(self.quality_picker, stretch=1)
        quality_row.addWidget(self.both_sides)
        map_column = QWidget()
        map_layout = QVBoxLayout(map_column)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.setSpacing(3)  # five rows under the map at the minimum height
        map_layout.addWidget(self.body_map, stretch=1)
        map_layout.addWidget(self.legend)
        map_layout.addLayout(selection_row)
        map_layout.addWidget(self.level_picker)
        map_layout.addLayout(quality_row)

        self.region_model = RegionTableModel(self)
        self.region_model.level_edited.connect(self._table_level_edited)
        self.region_table = RegionTable()
        self.region_table.setObjectName("regionTable")
        self.region_table.setAccessibleName(_("Soreness by region"))
        self.region_table.setModel(self.region_model)
        self.region_table.verticalHeader().hide()
        self.region_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.region_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.region_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.region_table.setAlternatingRowColors(True)
        self.region_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.region_table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.region_table.setItemDelegateForColumn(
            RegionTableModel.LEVEL, LevelEditDelegate(self.region_table)
        )
        # Delete clears the selected row's value, as it does on the map.
        clear_row = QAction(_("Clear value"), self.region_table)
        clear_row.setShortcuts(
            [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)]
        )
        clear_row.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_row.triggered.connect(lambda: self._level_chosen(None))
        self.region_table.addAction(clear_row)

        self.check_in_panel = CheckInPanel()
        self.check_in_panel.check_in_edited.connect(self._check_in_edited)
        self.check_in_panel.statin_answer_edited.connect(self._statin_answer_edited)
        # On small screens the check-in scrolls rather than squeezing its boxes together.
        self.check_in_page = QScrollArea()
        self.check_in_page.setObjectName("checkInPage")
        self.check_in_page.setAccessibleName(_("Check-in"))
        self.check_in_page.setWidget(self.check_in_panel)
        self.check_in_page.setWidgetResizable(True)
        self.check_in_page.setFrameShape(QFrame.Shape.NoFrame)
        self.tips_panel = TipsPanel()
        # Beside the map: the day's advice, its check-in and its values as a table, one
        # page each at full height (each scrolls on its own; none inside another).
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        # Its tab bar takes the focus, but a screen reader also meets the pages as one group.
        self.side_tabs.setAccessibleName(_("The day's advice, check-in and regions"))
        self.side_tabs.addTab(self.tips_panel, _("&Advice"))
        self.side_tabs.addTab(self.check_in_page, _("Check-&in"))
        self.side_tabs.addTab(self.region_table, _("&Regions"))
        # Advice follows every change (the warnings show on every view), once clicking
        # pauses: never between two clicks, after the map has repainted.
        self._advice_updates = Debouncer(self, ADVICE_PAUSE_MS, self._refresh_advice)
        self._advice_stale = True

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("logSplitter")
        self.splitter.addWidget(map_column)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The side pages scroll when squeezed, so their size hint is small: say what they
        # need (the check-in's width, plus its scroll bar and the tab page's frame).
        scroll_bar = self.check_in_page.verticalScrollBar().sizeHint().width()
        side_width = max(self.check_in_panel.sizeHint().width() + scroll_bar + 24, 440)
        self.splitter.setSizes([1240 - side_width, side_width])
        self.splitter.setChildrenCollapsible(False)

        # Progress (the charts) and Insights take the window's whole width; each is built
        # (and matplotlib imported) when first shown.
        self.charts_page = QWidget()
        self.charts_page.setObjectName("progressView")
        self.charts_layout = QVBoxLayout(self.charts_page)
        self.charts_layout.setContentsMargins(0, 4, 0, 0)
        self.chart_panel: ChartPanel | None = None
        self.insights_page = QWidget()
        self.insights_page.setObjectName("insightsView")
        self.insights_layout = QVBoxLayout(self.insights_page)
        self.insights_layout.setContentsMargins(0, 4, 0, 0)
        # It follows the journal itself: read off the interface thread, once edits pause.
        self.insights_panel: InsightsPanel | None = None

        # The views, switched from the day's row (a tab bar of its own: no row lost to it).
        self.views = QStackedWidget()
        self.views.setObjectName("views")
        self.views.addWidget(self.splitter)
        self.views.addWidget(self.charts_page)
        self.views.addWidget(self.insights_page)
        self.view_tabs = QTabBar()
        self.view_tabs.setObjectName("viewTabs")
        self.view_tabs.setAccessibleName(_("Views"))
        self.view_tabs.setDrawBase(False)
        self.view_tabs.setExpanding(False)
        # Always whole: the window's minimum width makes room for every view's name.
        self.view_tabs.setUsesScrollButtons(False)
        self.view_tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for index, (title, tip) in enumerate(
            (
                (_("&Log"), _("The body map and the day's advice, check-in and values (Ctrl+1)")),
                (_("&Progress"), _("Charts of how soreness fades after each leg day (Ctrl+2)")),
                (
                    _("I&nsights"),
                    _("How your recovery changes, and the habits that go with it (Ctrl+3)"),
                ),
            )
        ):
            self.view_tabs.addTab(title)
            self.view_tabs.setTabToolTip(index, tip)
        self.view_tabs.currentChanged.connect(self.views.setCurrentIndex)
        self.views.currentChanged.connect(self._view_changed)

    def _build_menus(self) -> None:
        self.action_registry = build_actions(self)  # every menu entry: see ui/actions.py
        # The preview of File → Import workouts… while it is open.
        self.workout_import_dialog: WorkoutImportDialog | None = None

    # --- journal -----------------------------------------------------------------

    def today(self) -> dt.date:
        """Today, as the window's clock tells it (tests set another)."""
        return self._today()

    def clear_selected(self) -> None:
        """Clear the value of the region selected on the map (Edit → Clear)."""
        self._level_chosen(None)

    @property
    def journal_open(self) -> bool:
        return self._service is not None

    @property
    def service(self) -> JournalService | None:
        return self._service

    @property
    def can_edit(self) -> bool:
        """True when a journal is open and this window may change it."""
        return self._service is not None and not self._service.read_only

    def attach(self, service: JournalService, *, picture_only: bool = False) -> None:
        """Show and edit the journal ``service`` owns, and follow its changes.

        ``picture_only`` (a snapshot, which only reads): the window looks as it does when
        the journal can be edited, without the read-only bar.
        """
        self._picture_only = picture_only
        self._service = service
        service.backups_kept = self.preferences.current.backups_kept
        service.journal_changed.connect(self._journal_changed)
        service.write_failed.connect(self._write_failed)
        service.journal_replaced.connect(self._journal_replaced)
        # The stack's own actions keep their text ("Undo Set Left quad to 6") and state.
        self.undo_action = self._replace_action(
            "undo", service.undo_stack.createUndoAction(self, _("&Undo"))
        )
        self.redo_action = self._replace_action(
            "redo", service.undo_stack.createRedoAction(self, _("&Redo"))
        )
        self._set_editing_enabled(self.can_edit or self._picture_only)
        follow_journal(self.action_registry, journal_open=True, can_edit=self.can_edit)
        if service.read_only and not picture_only:
            self.read_only_bar.setText(
                _(
                    "<b>Read-only</b> — {reason}. You can look at your journal here, but "
                    "changes cannot be saved in this window."
                ).format(reason=texts.escape(service.read_only_reason or ""))
            )
            self.read_only_bar.show()
            self.journal_label.setText(_("Journal (read-only): {path}").format(path=service.path))
        else:
            self.journal_label.setText(_("Journal: {path}").format(path=service.path))
        self.refresh()
        if self.views.currentWidget() is self.charts_page:
            self.show_charts()
        elif self.views.currentWidget() is self.insights_page:
            self._show_insights()

    def detach(
        self,
        service: JournalService,
        reason: str = _("The journal is damaged; Legday has closed it"),
    ) -> bool:
        """Stop showing ``service``'s journal and close it; False if it was not the one shown.

        ``reason`` takes the banner's place until another journal is shown.
        """
        if self._service is not service:
            return False
        self._service = None
        self._disconnect(service)
        service.close()
        self._drop_journal_views()
        self.warning_strip.show_warnings((), ())
        self._overview = None
        self.body_map.set_levels({})
        self.region_model.show_levels({})
        self._set_editing_enabled(False)
        follow_journal(self.action_registry, journal_open=False, can_edit=False)
        self.undo_action.setEnabled(False)  # the stack of a closed journal: nothing to undo
        self.redo_action.setEnabled(False)
        self.banner_label.setText(reason)
        self.journal_label.setText(_("No journal open"))
        return True

    def _disconnect(self, service: JournalService) -> None:
        for signal, slot in (
            (service.journal_changed, self._journal_changed),
            (service.write_failed, self._write_failed),
            (service.journal_replaced, self._journal_replaced),
        ):
            signal.disconnect(slot)

    def _replace_action(self, name: str, new: QAction) -> QAction:
        """Put ``new`` where the action ``name`` is, in its menu and in the registry."""
        old = self.action_registry[name]
        self.action_registry[name] = new
        new.setShortcuts(old.shortcuts())
        self.edit_menu.insertAction(old, new)
        self.edit_menu.removeAction(old)
        old.setEnabled(False)  # kept, unused: the window owns it until it closes
        return new

    @property
    def interactive(self) -> bool:
        """False for snapshots and self-tests: no saved settings, no dialogs."""
        return self._interactive

    def show_open_error(self, message: str, *, tell: bool = True) -> None:
        """Say why the journal could not be opened (in a dialog too, if ``tell``)."""
        self.open_error = message
        self.banner_label.setText(
            _("Could not open the journal: {message}").format(message=message)
        )
        self.journal_label.setText(_("No journal open"))
        if self._interactive and tell:
            QMessageBox.critical(
                self, _("{app} cannot open the journal").format(app=APP_NAME), message
            )

    def _set_editing_enabled(self, enabled: bool) -> None:
        for widget in (
            self.body_map,
            self.level_picker,
            self.region_table,
            self.check_in_panel,
            self.log_leg_day_button,
            self.edit_leg_day_button,
        ):
            widget.setEnabled(enabled)
        # Undo and redo follow the undo stack, not this.
        for item in (self.log_leg_day_action, self.edit_leg_day_action, self.clear_action):
            item.setEnabled(enabled)

    def _schedule_midnight(self) -> None:
        now = dt.datetime.now()
        midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
        self._midnight.start(int((midnight - now).total_seconds() * 1000) + 1000)

    def _new_day(self) -> None:
        """A new day began while the window was open: follow it if "today" was shown."""
        today = self._today()
        if self.shown_date == today - dt.timedelta(days=1):
            self.show_date(today)
        else:
            self.refresh()  # the calendar and "Next day" may now reach the new today
        self._schedule_midnight()

    def show_date(self, date: dt.date) -> None:
        """Show ``date`` (never later than today), saving an edit still being typed."""
        self.check_in_panel.commit_pending()
        self.body_map.forget_pending_digit()
        self.shown_date = min(date, self._today())
        self.refresh()

    def _date_edited(self, date: QDate) -> None:
        chosen = date.toPython()
        assert isinstance(chosen, dt.date)
        if chosen != self.shown_date:
            self.show_date(chosen)

    def _marked_days(self, first: dt.date, last: dt.date) -> tuple[set[dt.date], set[dt.date]]:
        """The leg days and rated days the calendar marks (none while no journal is open)."""
        if self._service is None:
            return set(), set()
        try:
            return self._service.marked_days(first, last)
        except JournalError:
            return set(), set()  # the day's own read says what is wrong

    def refresh(self) -> None:
        """Read the shown date again and show it (after saving a check-in edit in progress)."""
        if self._service is not None:
            self.check_in_panel.commit_pending()
        today = self._today()
        with QSignalBlocker(self.date_edit):  # showing the date is not the user choosing it
            self.date_edit.setMaximumDate(_qdate(today))
            self.date_edit.setDate(_qdate(self.shown_date))
        self.next_button.setEnabled(self.shown_date < today)
        self.next_action.setEnabled(self.shown_date < today)
        if self.chart_panel is not None:
            self.chart_panel.set_shown_date(self.shown_date)
        if self._service is None:
            return
        try:
            overview = self._service.overview(self.shown_date)
        except JournalError as error:
            self.banner_label.setText(_("Could not read the journal: {error}").format(error=error))
            self.statusBar().showMessage(_("Reading the journal failed; nothing was changed"))
            self._overview = None
            self.body_map.set_levels({})  # never leave another day's values on screen
            self.region_model.show_levels({})
            self._set_editing_enabled(False)
            return
        self._set_editing_enabled(self.can_edit or self._picture_only)
        self._show_overview(overview, today)
        self._schedule_advice()

    def _show_overview(self, overview: DayOverview, today: dt.date) -> None:
        self._overview = overview
        self.banner_label.setText(texts.leg_day_banner(overview, today))
        levels = {rating.region_id: rating.level for rating in overview.ratings}
        self.body_map.set_levels(levels)
        self.region_model.show_levels(levels, _qualities(overview.ratings))
        can_edit_leg_day = self.can_edit and overview.leg_day is not None
        self.edit_leg_day_button.setEnabled(can_edit_leg_day)
        self.edit_leg_day_action.setEnabled(can_edit_leg_day)
        self.check_in_panel.show_check_in(
            overview.date,
            overview.check_in,
            _("Check-in for {day}").format(day=texts.short_date(overview.date, today)),
        )
        unsaved = self.save_failures.unsaved_check_ins.get(overview.date)
        if unsaved is not None:
            self.check_in_panel.keep_unsaved(unsaved)
        self.check_in_panel.show_profile(overview.profile)
        self._show_selection()

    # --- selection and levels ----------------------------------------------------

    def _view_changed(self, index: int) -> None:
        if self.views.widget(index) is self.charts_page:
            self.show_charts()
        elif self.views.widget(index) is self.insights_page:
            self._show_insights()

    @property
    def advice_shown(self) -> bool:
        """True once the warnings and the Today panel show advice for the current data."""
        return not self._advice_stale

    def _schedule_advice(self) -> None:
        # The warnings show on every tab, so advice follows every change, whatever is shown.
        self._advice_stale = True
        self._advice_updates.poke()

    @property
    def insights_shown(self) -> bool:
        """True once the Insights view shows the journal as it is now."""
        return self.insights_panel is not None and self.insights_panel.is_up_to_date

    def _show_insights(self) -> None:
        """Build the Insights panel on the journal shown, the first time it is shown."""
        if self.insights_panel is not None or self._service is None:
            return
        with plain_imports():
            from legday_desktop.ui.insights_panel import InsightsPanel

        self.insights_panel = InsightsPanel(self._service, self.insights_page, today=self._today)
        self.insights_layout.addWidget(self.insights_panel)

    def _refresh_advice(self) -> None:
        """Choose today's tips again (after a change, once the map has repainted)."""
        if self._service is None:
            return
        from legday_desktop.services.advice import advice_for

        self._advice_stale = False
        try:
            advice = advice_for(self._service, self.shown_date)
        except JournalError as error:
            self.tips_panel.show_message(
                _("Could not read the journal: {error}").format(error=error)
            )
            return
        self.tips_panel.show_advice(advice)
        # The window's banner carries them too, one line per cause, so they show from
        # every tab; it tells assistive technology when a new one appears.
        self.warning_strip.show_warnings(
            [alert.message for alert in advice.urgent_alerts],
            [alert.message for alert in advice.check_alerts],
        )

    VIEWS = ("log", "progress", "insights")

    @property
    def current_view(self) -> str:
        """The view on show: ``log``, ``progress`` or ``insights``."""
        return self.VIEWS[self.views.currentIndex()]

    def show_view(self, name: str) -> None:
        """Show ``log`` (the map and the day), ``progress`` (the charts) or ``insights``."""
        if name not in self.VIEWS:
            raise ValueError(f"no view {name!r}; the views are {', '.join(self.VIEWS)}")
        if name == "progress":
            self.show_charts()
        else:
            self.view_tabs.setCurrentIndex(self.VIEWS.index(name))

    def show_charts(self) -> None:
        """Show the Progress view's charts, building them on first use."""
        if self.chart_panel is None and self._service is not None:
            with plain_imports():  # matplotlib and NumPy, loaded here the first time
                from legday_desktop.charts.panel import ChartPanel

                self.chart_panel = ChartPanel(self._service, self.charts_page, today=self._today)
            self.chart_panel.shown_date = self.shown_date
            self.charts_layout.addWidget(self.chart_panel)
        self.view_tabs.setCurrentIndex(self.VIEWS.index("progress"))

    def _show_warnings_in_full(self) -> None:
        """The strip's Details: the Advice page, scrolled to the warnings at its top."""
        self.show_view("log")
        self.side_tabs.setCurrentWidget(self.tips_panel)
        self.tips_panel.show_warnings_first()

    def _map_selected(self, region_id: str) -> None:
        selection = self.region_table.selectionModel()
        if region_id:
            index = self.region_model.index(self.region_model.row_of(region_id), 0)
            if self.region_table.currentIndex().row() != index.row():
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        else:
            selection.clearSelection()
            # Without a current row, clicking the same row again selects it again.
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        self._show_selection()

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.body_map.select_region(self.region_model.region_id(current.row()))

    def set_show_names(self, show: bool) -> None:
        """Write every region's name on the map, or only the hovered one's under it."""
        self.body_map.set_show_names(show)
        for toggle in (self.show_names, self.show_names_action):
            if toggle.isChecked() != show:
                with QSignalBlocker(toggle):
                    toggle.setChecked(show)

    def _map_hovered(self, region_id: str) -> None:
        """The line under the map names the region under the pointer, then the selection."""
        if not region_id:
            self._show_selection()
            return
        level = self.body_map.levels.get(region_id)
        self.selection_label.setText(f"<b>{texts.region_with_level(region_id, level)}</b>")

    def _show_selection(self) -> None:
        region_id = self.body_map.selected_region
        if region_id is None:
            self.selection_label.setText(
                _("Click a region, or Tab to the map and use the arrow keys")
            )
            self.level_picker.show_level(None, enabled=False)
            self.quality_picker.show_quality(None, enabled=False)
            return
        level = self.body_map.levels.get(region_id)
        self.quality_picker.show_quality(
            self._shown_quality(region_id), enabled=self.can_edit and level is not None
        )
        self.selection_label.setText(
            _("<b>{region}</b> — type 0–9 (1 then 0 for 10), Delete to clear").format(
                region=texts.region_with_level(region_id, level)
            )
        )
        self.level_picker.show_level(level, enabled=self.can_edit)

    def _table_level_edited(self, region_id: str, level: int | None) -> None:
        self.body_map.forget_pending_digit()
        self._set_levels(region_id, level, False)

    def _level_requested(self, region_id: str, level: int | None, continues: bool) -> None:
        self._set_levels(region_id, level, continues)

    def _level_chosen(self, level: int | None) -> None:
        self.body_map.forget_pending_digit()
        if self.body_map.selected_region is not None:
            self._set_levels(self.body_map.selected_region, level, False)

    def _shown_quality(self, region_id: str) -> PainQuality | None:
        """What the shown day's saved rating of ``region_id`` says the pain is like."""
        if self._overview is None:
            return None
        return _qualities(self._overview.ratings).get(region_id)

    def _quality_chosen(self, quality: PainQuality) -> None:
        """Say what the selected region's pain is like; choosing the shown one clears it."""
        region_id = self.body_map.selected_region
        if self._service is None or region_id is None:
            return
        self.body_map.forget_pending_digit()
        chosen = None if self._shown_quality(region_id) is quality else quality
        regions = [region_id]
        if self.both_sides.isChecked():
            regions.append(region_by_id(region_id).mirror_id)
        if not self._service.set_quality(self.shown_date, regions, chosen):
            self._show_selection()  # nothing saved: the buttons show what is stored

    def _set_levels(self, region_id: str, level: int | None, continues: bool) -> None:
        if self._service is None:
            return
        regions = [region_id]
        if self.both_sides.isChecked():
            regions.append(region_by_id(region_id).mirror_id)
        self._service.set_levels(
            self.shown_date, dict.fromkeys(regions, level), continues_previous=continues
        )

    def _check_in_edited(self, check_in: CheckIn) -> None:
        if self._service is not None:
            self._service.save_check_in(check_in)

    def _statin_answer_edited(self, answer: bool) -> None:
        if self._service is not None:
            self._service.save_statin_answer(answer)

    # --- changes from the service ------------------------------------------------

    def _journal_changed(self, change: JournalChange, text: str, replayed: bool) -> None:
        self.statusBar().showMessage(_("Saved — {change}").format(change=text), 6000)
        for date in change.check_ins:
            self.save_failures.unsaved_check_ins.pop(date, None)
        if replayed:
            self.body_map.forget_pending_digit()
            if (
                not change.touches_leg_days
                and self.shown_date not in change.dates
                and len(change.dates) == 1
            ):
                # Undo and redo show the day they changed, so nothing changes out of sight.
                (date,) = change.dates
                self.show_date(date)
                return
        if self._only_shown_ratings(change):
            self._show_changed_ratings(change)
        elif self.shown_date in change.dates or change.touches_leg_days or change.touches_profile:
            self.refresh()

    def _only_shown_ratings(self, change: JournalChange) -> bool:
        """True for a change of nothing but the shown day's levels, on a day read in full."""
        return (
            self._overview is not None
            and self._overview.date == self.shown_date
            and bool(change.ratings)
            and not change.leg_days
            and not change.check_ins
            and change.profile is None
            and all(date == self.shown_date for date, _ in change.ratings)
        )

    def _show_changed_ratings(self, change: JournalChange) -> None:
        """Show the shown day's committed levels as saved, without reading the day again.

        Its leg day, check-in and profile are as they were: the change holds only levels.
        """
        assert self._overview is not None
        ratings = {rating.region_id: rating for rating in self._overview.ratings}
        for (_date, region_id), rating in change.ratings.items():
            if rating is None:
                ratings.pop(region_id, None)
            else:
                ratings[region_id] = rating
        self._overview = replace(self._overview, ratings=tuple(ratings.values()))
        levels = {region_id: rating.level for region_id, rating in ratings.items()}
        self.body_map.set_levels(levels)
        self.region_model.show_levels(levels, _qualities(ratings.values()))
        self._show_selection()
        self._schedule_advice()

    def _write_failed(self, message: str) -> None:
        self.save_failures.write_failed(message)
        # The journal may have become read-only (its file replaced): the menus follow.
        follow_journal(
            self.action_registry, journal_open=self._service is not None, can_edit=self.can_edit
        )
        self.refresh()

    def _journal_replaced(self, text: str) -> None:
        """The whole journal changed under the window (restored): show it afresh."""
        self._drop_journal_views()
        if self.views.currentWidget() is self.charts_page:
            self.show_charts()
        elif self.views.currentWidget() is self.insights_page:
            self._show_insights()
        self.statusBar().showMessage(text, 10000)
        self.refresh()

    def _drop_journal_views(self) -> None:
        """Forget the charts and insights built on the journal shown; built again when shown."""
        if self.chart_panel is not None:
            self.chart_panel.setParent(None)
            self.chart_panel.deleteLater()
            self.chart_panel = None
        if self.insights_panel is not None:
            self.insights_panel.setParent(None)
            self.insights_panel.deleteLater()
            self.insights_panel = None

    def release_journal(self, service: JournalService) -> bool:
        """Before another journal is opened here: save what is typed, close this one.

        False (nothing closed) when check-ins could not be saved and the user keeps them.
        """
        self.check_in_panel.commit_pending()
        if (
            self.save_failures.unsaved_check_ins
            and self._interactive
            and not self.save_failures.close_anyway()
        ):
            return False
        if not service.file_still_at_path() and not self.save_failures.let_go_of_lost_journal(
            service
        ):
            return False
        self.save_failures.unsaved_check_ins.clear()
        if self._interactive:
            self.save_settings()
        self.read_only_bar.hide()
        return self.detach(service, reason=_("Opening another journal…"))

    # --- leg days ----------------------------------------------------------------

    def log_leg_day(self) -> None:
        self._ask_leg_day(None)

    def edit_leg_day(self) -> None:
        if self._overview is not None and self._overview.leg_day is not None:
            self._ask_leg_day(self._overview.leg_day)

    def _ask_leg_day(self, leg_day: LegDay | None) -> None:
        if self._service is None:
            return
        notice = self._standing_warnings_notice() if leg_day is None else ""
        from legday_desktop.ui.leg_day_dialog import LegDayDialog  # when first asked

        decision = LegDayDialog.ask(
            self, leg_day, self.shown_date, self._today(), notice, unit=self.weight_unit
        )
        if decision is None:
            return
        if decision.delete and decision.original_date is not None:
            self._service.delete_leg_day(decision.original_date)
        elif decision.leg_day is not None:
            date = decision.leg_day.date
            try:
                existing = self._service.overview(date).leg_day
            except JournalError as error:
                self._write_failed(_("Save leg day failed: {error}").format(error=error))
                return
            if (
                existing is not None
                and existing.date == date
                and date != decision.original_date
                and not self._confirm_replace(existing)
            ):
                return
            self._service.save_leg_day(decision.leg_day, replacing=decision.original_date)

    def _standing_warnings_notice(self) -> str:
        """What was reported in the last days and still stands, for the leg-day dialog."""
        if self._service is None:
            return ""
        from legday_desktop.services.advice import standing_urgent_symptoms

        try:
            standing = standing_urgent_symptoms(self._service, self.shown_date)
        except JournalError:
            return ""
        return " ".join(alert.message for alert in standing)

    def _confirm_replace(self, existing: LegDay) -> bool:
        """Ask before a leg day takes the date of another one (one leg day per date)."""
        answer = QMessageBox.question(
            self,
            _("Replace leg day?"),
            _(
                "{day} already has a leg day ({title}). Replace it? (Edit → Undo brings it back.)"
            ).format(
                day=texts.short_date(existing.date, self._today()), title=existing.display_title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- other actions -----------------------------------------------------------

    def go_to_date(self) -> None:
        self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_guide(self) -> None:
        from legday_desktop.ui.help_dialogs import GuideDialog

        GuideDialog(self).exec()

    def show_shortcuts(self) -> None:
        from legday_desktop.ui.help_dialogs import ShortcutsDialog

        menus = [action.menu() for action in self.menuBar().actions()]
        ShortcutsDialog([menu for menu in menus if isinstance(menu, QMenu)], self).exec()

    def edit_preferences(self) -> None:
        """Edit → Preferences…: what is chosen there applies at once, to every window."""
        from legday_desktop.ui.preferences_dialog import PreferencesDialog  # when first asked

        PreferencesDialog.edit(self.preferences, self)

    @property
    def weight_unit(self) -> WeightUnit:
        """The unit weights are shown in (Preferences); they are stored in kilograms."""
        return self.preferences.current.weight_unit

    def _preferences_changed(self, preferences: Preferences, fields: frozenset[str]) -> None:
        """Apply what concerns this window (the theme and language are the app's)."""
        if "both_sides" in fields and self.both_sides.isChecked() != preferences.both_sides:
            with QSignalBlocker(self.both_sides):
                self.both_sides.setChecked(preferences.both_sides)
        if "backups_kept" in fields and self._service is not None:
            self._service.backups_kept = preferences.backups_kept

    def show_about(self) -> None:
        from legday_desktop.ui.about_dialog import AboutDialog

        journal = self._service.path if self._service is not None else None
        dialog = AboutDialog(legday_desktop.__version__, journal, not_medical_advice(), self)
        dialog.exec()

    # --- settings ----------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings(APP_NAME, APP_NAME)

    def _restore_settings(self) -> None:
        settings = self._settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/log_splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.set_show_names(bool(settings.value("map/show_names", False, type=bool)))
        region = settings.value("map/selected_region", "")
        if region in {r.id for r in REGIONS}:
            self.body_map.select_region(str(region))

    def save_settings(self) -> None:
        settings = self._settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/log_splitter", self.splitter.saveState())
        settings.setValue("map/show_names", self.body_map.show_names)
        settings.setValue("map/selected_region", self.body_map.selected_region or "")
        settings.sync()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._fitted_with_frame:
            # Only now is the window manager's frame known: fit again, frame and all, unless
            # a size was asked for since (a snapshot renders at its own size).
            self._fitted_with_frame = True
            if self.size() == self._fitted_size:
                QTimer.singleShot(0, self, self.fit_to_screen)

    def quit(self) -> bool:
        """File → Quit: close for good, even where closing only puts the window in the tray.

        The window's normal close: nothing typed is lost, and unsaved check-ins are asked
        about. False when the user chose to keep the window.
        """
        self._quitting = True
        try:
            return self.close()
        finally:
            self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._service is not None:
            self.check_in_panel.commit_pending()
        if self.closes_to_tray and not self._quitting:
            if self._interactive:
                self.save_settings()
            event.ignore()
            self.hide()
            return
        if (
            self.save_failures.unsaved_check_ins
            and self._interactive
            and not self.save_failures.close_anyway()
        ):
            event.ignore()
            return
        if self._interactive:
            self.save_settings()
        if self._service is not None:
            self._service.close()
        super().closeEvent(event)
        self.closed.emit()


def _qualities(ratings: Iterable[SorenessRating]) -> dict[str, PainQuality]:
    """What the pain is like in each rated region that says so."""
    return {rating.region_id: rating.quality for rating in ratings if rating.quality is not None}
