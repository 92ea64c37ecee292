"""A chart's values as a table: what a screen reader (or anyone) reads instead of the lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.charts.plotted import PlottedValue
from legday_desktop.domain.wording import _, short_day


class ChartTableDialog(QDialog):
    """The chart's title, its one-sentence summary, and one row per plotted point.

    Columns: date, day after the leg day (left out on a timeline), line, value; each has
    its header, so a screen reader says which column a cell is in.
    """

    def __init__(
        self, title: str, summary: str, rows: Sequence[PlottedValue], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("{chart} as a table").format(chart=title))
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        with_days = any(row.day_after is not None for row in rows)
        headers = [_("Date"), _("Day after"), _("Line"), _("Value")]
        if not with_days:
            headers.remove(_("Day after"))
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setAccessibleName(title)
        self.table.setAccessibleDescription(summary)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab goes on to Close, arrows move in the table
        locale = self.locale()
        numbers = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, value in enumerate(rows):
            cells = [short_day(value.date, year=True)]  # as the chart's title and readouts
            if with_days:
                cells.append("" if value.day_after is None else locale.toString(value.day_after))
            cells += [value.series, _number(locale, value.value)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column not in (0, headers.index(_("Line"))):
                    item.setTextAlignment(numbers)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(headers.index(_("Line")), QHeaderView.ResizeMode.Stretch)
        if rows:
            self.table.setCurrentCell(0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(buttons)
        self.resize(620, 480)

    def cell_texts(self) -> list[list[str]]:
        """Each row's cells as shown."""
        rows = []
        for row in range(self.table.rowCount()):
            items = (self.table.item(row, column) for column in range(self.table.columnCount()))
            rows.append([item.text() if item is not None else "" for item in items])
        return rows

    @classmethod
    def ask(cls, parent: QWidget, title: str, summary: str, rows: Sequence[PlottedValue]) -> None:
        """Show the table until closed."""
        dialog = cls(title, summary, rows, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def _number(locale: QLocale, value: float) -> str:
    """``6``, ``5.5`` (``5,5`` in German): one decimal, none when whole."""
    if value == round(value):
        return locale.toString(round(value))
    return locale.toString(value, "f", 1)
