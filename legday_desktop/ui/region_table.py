"""The text layer beside the map: every region with the shown day's level, editable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from legday_desktop.domain.regions import REGIONS
from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL, PainQuality
from legday_desktop.domain.wording import N_, _
from legday_desktop.ui import texts

NOT_RATED = "—"
Index = QModelIndex | QPersistentModelIndex


class RegionTableModel(QAbstractTableModel):
    """Rows: every region in catalogue order; columns: region, level, meaning (and quality).

    Editing a level does not change the model: it emits ``level_edited`` and the new
    value arrives with the next ``show_levels`` once it is saved.

    Signals:
        level_edited(str, object): region id and the typed level (int 0–10, or None).
    """

    level_edited = Signal(str, object)
    REGION, LEVEL, MEANING = range(3)
    HEADERS = (N_("Region"), N_("Level"), N_("Meaning"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._levels: dict[str, int] = {}
        self._qualities: dict[str, PainQuality] = {}

    def show_levels(
        self, levels: dict[str, int], qualities: dict[str, PainQuality] | None = None
    ) -> None:
        """Show these levels and what the pain is like; only changed rows are announced."""
        qualities = qualities or {}
        changed = [
            row
            for row, region in enumerate(REGIONS)
            if levels.get(region.id) != self._levels.get(region.id)
            or qualities.get(region.id) != self._qualities.get(region.id)
        ]
        self._levels = dict(levels)
        self._qualities = dict(qualities)
        for row in changed:
            self.dataChanged.emit(self.index(row, self.LEVEL), self.index(row, self.MEANING))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(REGIONS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def region_id(self, row: int) -> str:
        return REGIONS[row].id

    def row_of(self, region_id: str) -> int:
        return next(row for row, region in enumerate(REGIONS) if region.id == region_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        region = REGIONS[index.row()]
        level = self._levels.get(region.id)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.REGION:
                return region.name
            if column == self.LEVEL:
                return NOT_RATED if level is None else str(level)
            quality = self._qualities.get(region.id)
            meaning = texts.level_meaning(level)
            return meaning if quality is None else f"{meaning} · {quality.label.lower()}"
        if role == Qt.ItemDataRole.EditRole and column == self.LEVEL:
            return "" if level is None else str(level)
        if role == Qt.ItemDataRole.ToolTipRole or role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return texts.region_with_level(region.id, level)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LEVEL:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.LEVEL:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != self.LEVEL:
            return False
        text = str(value).strip()
        if text in ("", NOT_RATED, "-"):
            level = None
        elif text.isascii() and text.isdigit() and MIN_LEVEL <= int(text) <= MAX_LEVEL:
            level = int(text)
        else:
            return False
        region_id = self.region_id(index.row())
        if level != self._levels.get(region_id):
            self.level_edited.emit(region_id, level)
        return True


class LevelEditDelegate(QStyledItemDelegate):
    """Edits a level in a line that only accepts 0–10, or nothing to clear it."""

    def createEditor(  # noqa: N802 (Qt override)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression("10|[0-9]|"), editor))
        editor.setPlaceholderText("0–10")
        editor.setToolTip(_("A level from 0 to 10; leave empty for not rated"))
        return editor


class RegionTable(QTableView):
    """The regions table: its name and level columns fit their text, the meaning stretches.

    Fitted when shown and when the font or style changes, never per edit: Qt's
    resize-to-contents measured all 36 cells again after every click (~2 ms), even hidden.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def fit_columns(self) -> None:
        """Size the region and level columns to their widest text and their titles."""
        header = self.horizontalHeader()
        if self.model() is None:
            return
        for column in (RegionTableModel.REGION, RegionTableModel.LEVEL):
            widest = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, widest)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.fit_columns()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_columns()
