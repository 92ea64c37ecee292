"""Help: the short guide (resources/guide.md) and the list of keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legday_desktop import APP_NAME
from legday_desktop.resource_files import resource_path

# Keys of the body map and the level controls, which are not menu actions.
MAP_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab, then arrow keys", "Move between the regions of the body map"),
    ("0 … 9", "Set the selected region's level"),
    ("1 then 0", "Set level 10"),
    ("Delete or Backspace", "Clear the selected region (not rated)"),
    ("Escape", "Deselect the region"),
)


def menu_shortcuts(menus: Iterable[QMenu]) -> list[tuple[str, str]]:
    """(keys, what they do) of every action in ``menus`` that has a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []
    for menu in menus:
        for action in menu.actions():
            shortcuts = [key for key in action.shortcuts() if not key.isEmpty()]
            if action.isSeparator() or not shortcuts:
                continue
            keys = " or ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in shortcuts
            )
            what = action.text().replace("&", "").removesuffix("…").removesuffix("...")
            rows.append((keys, f"{menu.title().replace('&', '')} → {what}"))
    return rows


class _HelpDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: {title}")
        self.setLayout(QVBoxLayout())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

    def finish(self, body: QWidget) -> None:
        layout = self.layout()
        assert layout is not None
        layout.addWidget(body)
        layout.addWidget(self.buttons)


class ShortcutsDialog(_HelpDialog):
    """Every keyboard shortcut: the menus' own (read from their actions) and the map's."""

    def __init__(self, menus: Iterable[QMenu], parent: QWidget | None = None) -> None:
        super().__init__("Keyboard shortcuts", parent)
        rows = [*menu_shortcuts(menus), *MAP_KEYS]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["Keys", "Does"])
        table.setAccessibleName("Keyboard shortcuts")
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (keys, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table = table
        self.finish(table)
        self.resize(560, 520)


class GuideDialog(_HelpDialog):
    """The short built-in guide, from resources/guide.md."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Guide", parent)
        browser = QTextBrowser()
        browser.setAccessibleName("Guide")
        browser.setOpenExternalLinks(False)
        browser.setMarkdown(resource_path("guide.md").read_text(encoding="utf-8"))
        self.browser = browser
        self.finish(browser)
        self.resize(620, 600)
