"""The main window: the shown day, its leg day and "day N after", and that day's ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legday_desktop import APP_NAME
from legday_desktop.domain.journal import DayOverview
from legday_desktop.domain.regions import REGIONS
from legday_desktop.services.journal import JournalError, JournalService
from legday_desktop.ui import texts

NOT_RATED = "—"


class DayRatingsTable(QTableWidget):
    """All 18 regions with the shown day's level, as text; "—" where not rated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(REGIONS), 3, parent)
        self.setObjectName("dayRatings")
        self.setHorizontalHeaderLabels(("Region", "Level", "Meaning"))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setAccessibleName("Soreness by region")
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for row, region in enumerate(REGIONS):
            name = QTableWidgetItem(region.name)
            name.setData(Qt.ItemDataRole.UserRole, region.id)
            self.setItem(row, 0, name)
            level = QTableWidgetItem(NOT_RATED)
            level.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, 1, level)
            self.setItem(row, 2, QTableWidgetItem(texts.level_meaning(None)))

    def show_levels(self, levels: dict[str, int]) -> None:
        for row, region in enumerate(REGIONS):
            level = levels.get(region.id)
            self.item(row, 1).setText(NOT_RATED if level is None else str(level))
            self.item(row, 2).setText(texts.level_meaning(level))

    def level_text(self, region_id: str) -> str:
        row = next(row for row, region in enumerate(REGIONS) if region.id == region_id)
        return self.item(row, 1).text()


class MainWindow(QMainWindow):
    """Shows one day of the journal. Reads through a JournalService once one is attached."""

    def __init__(self, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self._today = today
        self._service: JournalService | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(560, 480)
        self.resize(760, 640)

        self.date_label = QLabel(texts.long_date(today()))
        self.date_label.setObjectName("dateLabel")
        date_font = QFont(self.date_label.font())
        date_font.setPointSizeF(date_font.pointSizeF() * 1.6)
        date_font.setBold(True)
        self.date_label.setFont(date_font)

        self.headline_label = QLabel("Opening your journal…")
        self.headline_label.setObjectName("headlineLabel")
        headline_font = QFont(self.headline_label.font())
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.25)
        self.headline_label.setFont(headline_font)

        self.leg_day_label = QLabel()
        self.leg_day_label.setObjectName("legDayLabel")
        self.leg_day_label.setWordWrap(True)
        self.leg_day_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.ratings_caption = QLabel("Soreness today")
        caption_font = QFont(self.ratings_caption.font())
        caption_font.setBold(True)
        self.ratings_caption.setFont(caption_font)
        self.ratings_table = DayRatingsTable()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(6)
        layout.addWidget(self.date_label)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.leg_day_label)
        layout.addSpacing(12)
        layout.addWidget(self.ratings_caption)
        layout.addWidget(self.ratings_table, stretch=1)
        layout.addStretch(0)  # keeps the text at the top while the table is hidden
        self.setCentralWidget(central)

        self._build_menus()
        self.statusBar().showMessage("Opening your journal…")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.quit_action = QAction("&Quit", self)
        # Some platforms (Windows, offscreen) define no standard Quit key; use Ctrl+Q there.
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

    @property
    def journal_open(self) -> bool:
        return self._service is not None

    def attach(self, service: JournalService) -> None:
        """Show the journal ``service`` reads, and follow its changes."""
        self._service = service
        self.statusBar().showMessage(f"Journal: {service.database_path}")
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._service is not None:
            self._service.close()
        super().closeEvent(event)

    def show_open_error(self, message: str) -> None:
        """Say why the journal could not be opened."""
        self.headline_label.setText("Could not open the journal")
        self.leg_day_label.setText(message)
        self._show_ratings(False)
        self.statusBar().showMessage("No journal open")
        QMessageBox.critical(self, f"{APP_NAME} cannot open the journal", message)

    def refresh(self) -> None:
        if self._service is None:
            return
        today = self._today()
        try:
            overview = self._service.overview(today)
        except JournalError as error:
            self.headline_label.setText("Could not read the journal")
            self.leg_day_label.setTextFormat(Qt.TextFormat.PlainText)
            self.leg_day_label.setText(str(error))
            self.statusBar().showMessage("Reading the journal failed; nothing was changed")
            self._show_ratings(False)
            return
        self._show_ratings(True)
        self.show_overview(overview, today)

    def _show_ratings(self, visible: bool) -> None:
        """Hide the ratings when they could not be read: "not rated" would be a lie."""
        self.ratings_caption.setVisible(visible)
        self.ratings_table.setVisible(visible)

    def show_overview(self, overview: DayOverview, today: dt.date) -> None:
        self.date_label.setText(texts.long_date(overview.date))
        self.headline_label.setText(texts.days_after_headline(overview))
        if overview.leg_day is None:
            self.leg_day_label.setTextFormat(Qt.TextFormat.RichText)
            self.leg_day_label.setText(
                "This journal has no leg day yet.<br>"
                "To explore Legday with sample data, create a demo journal with "
                "<code>legday demo --db demo.sqlite3</code> and open it with "
                "<code>legday --db demo.sqlite3</code>.<br>"
                "To bring back an earlier export: <code>legday import FILE</code>."
            )
        else:
            self.leg_day_label.setTextFormat(Qt.TextFormat.PlainText)
            self.leg_day_label.setText(texts.leg_day_summary(overview.leg_day, today))
        levels = {rating.region_id: rating.level for rating in overview.ratings}
        self.ratings_table.show_levels(levels)
        rated = len(levels)
        self.ratings_caption.setText(
            f"Soreness on {texts.short_date(overview.date, today)}: "
            + (f"{rated} of {len(REGIONS)} regions rated" if rated else "nothing rated yet")
        )
