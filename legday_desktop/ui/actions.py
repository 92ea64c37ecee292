"""Every menu action in one registry: its name, words, keys, menu and what it runs.

The window builds its menus from ``ACTIONS`` (as Picard's ``ui/mainwindow/actions.py``);
each action is also the window's attribute ``<name>_action``, and Help → Keyboard
shortcuts lists them from the menus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from legday_desktop.domain.wording import N_, _
from legday_desktop.ui.operations import (
    exchange,
    journals,
    map_image,
    report,
    safekeeping,
    workouts,
)

if TYPE_CHECKING:
    from legday_desktop.ui.main_window import MainWindow

Key = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One menu entry. ``run`` is None for Undo and Redo: the undo stack's own replace them."""

    name: str
    menu: str
    text: str
    run: Callable[[MainWindow], object] | None
    keys: tuple[Key, ...] = ()
    separator_before: bool = False
    needs_journal: bool = False  # enabled only with a journal open
    edits: bool = False  # enabled only when the journal can be changed
    checkable: bool = False  # an on/off setting, e.g. Show region names
    # (Log, Edit leg day and Clear follow the shown day too: the window enables them.)


MENUS = (("file", N_("&File")), ("edit", N_("&Edit")), ("view", N_("&View")), ("help", N_("&Help")))


def _step(days: int) -> Callable[[MainWindow], None]:
    return lambda window: window.show_date(window.shown_date + dt.timedelta(days=days))


def _view(name: str) -> Callable[[MainWindow], None]:
    return lambda window: window.show_view(name)


ACTIONS = (
    ActionSpec(
        "open_journal", "file", N_("&Open journal…"), journals.open_journal_file, ("Ctrl+O",)
    ),
    ActionSpec("new_journal", "file", N_("&New journal…"), journals.new_journal_file, ("Ctrl+N",)),
    ActionSpec(
        "import",
        "file",
        N_("&Import…"),
        exchange.import_journal_file,
        ("Ctrl+I",),
        separator_before=True,
        edits=True,
    ),
    ActionSpec(
        "import_workouts",
        "file",
        N_("Import &workouts…"),
        workouts.import_workouts_file,
        ("Ctrl+Shift+I",),
        edits=True,
    ),
    ActionSpec(
        "export",
        "file",
        N_("E&xport…"),
        exchange.export_journal_file,
        ("Ctrl+Shift+X",),
        needs_journal=True,
    ),
    ActionSpec(
        "export_image",
        "file",
        N_("Export body map &image…"),
        map_image.export_map_image,
        ("Ctrl+Shift+E",),
        needs_journal=True,
    ),
    ActionSpec(
        "export_report",
        "file",
        N_("Export re&port…"),
        report.export_report,
        ("Ctrl+Shift+P",),
        needs_journal=True,
    ),
    ActionSpec(
        "backup",
        "file",
        N_("&Back up now…"),
        safekeeping.back_up_now,
        separator_before=True,
        needs_journal=True,
    ),
    ActionSpec(
        "restore", "file", N_("&Restore from backup…"), safekeeping.restore_from_backup, edits=True
    ),
    ActionSpec(
        "quit",
        "file",
        N_("&Quit"),
        lambda window: window.quit(),
        ("Ctrl+Q",),
        separator_before=True,
    ),
    ActionSpec("undo", "edit", N_("&Undo"), None, ("Ctrl+Z",)),
    ActionSpec("redo", "edit", N_("&Redo"), None, ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec(
        "log_leg_day",
        "edit",
        N_("&Log leg day…"),
        lambda window: window.log_leg_day(),
        ("Ctrl+L",),
        separator_before=True,
    ),
    ActionSpec(
        "edit_leg_day",
        "edit",
        N_("&Edit leg day…"),
        lambda window: window.edit_leg_day(),
        ("Ctrl+E",),
    ),
    ActionSpec(
        "clear",
        "edit",
        N_("&Clear selected region"),
        lambda window: window.clear_selected(),
    ),
    # Ctrl+, as written: QKeySequence.StandardKey.Preferences has no keys on many Linux
    # desktops.
    ActionSpec(
        "preferences",
        "edit",
        N_("Pr&eferences…"),
        lambda window: window.edit_preferences(),
        ("Ctrl+,",),
        separator_before=True,
    ),
    ActionSpec("previous", "view", N_("&Previous day"), _step(-1), ("Alt+Left",)),
    ActionSpec("next", "view", N_("&Next day"), _step(1), ("Alt+Right",)),
    ActionSpec(
        "today", "view", N_("&Today"), lambda window: window.show_date(window.today()), ("Ctrl+T",)
    ),
    ActionSpec(
        "go_to_date", "view", N_("&Go to date…"), lambda window: window.go_to_date(), ("Ctrl+G",)
    ),
    ActionSpec("log_view", "view", N_("&Log"), _view("log"), ("Ctrl+1",), separator_before=True),
    ActionSpec(
        "progress", "view", N_("&Progress (charts)"), _view("progress"), ("Ctrl+2", "Ctrl+Shift+C")
    ),
    ActionSpec("insights", "view", N_("&Insights"), _view("insights"), ("Ctrl+3",)),
    ActionSpec(
        "show_names",
        "view",
        N_("Show region &names"),
        lambda window: window.set_show_names(window.show_names_action.isChecked()),
        ("Ctrl+Shift+N",),
        separator_before=True,
        checkable=True,
    ),
    ActionSpec(
        "guide",
        "help",
        N_("&Guide"),
        lambda window: window.show_guide(),
        (QKeySequence.StandardKey.HelpContents,),
    ),
    ActionSpec(
        "shortcuts",
        "help",
        N_("&Keyboard shortcuts"),
        lambda window: window.show_shortcuts(),
        ("Ctrl+/",),
    ),
    ActionSpec(
        "about",
        "help",
        N_("&About Legday"),
        lambda window: window.show_about(),
        separator_before=True,
    ),
)


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Make every action, put it in its menu and on the window as ``<name>_action``."""
    menus = {key: window.menuBar().addMenu(_(title)) for key, title in MENUS}
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(_(spec.text), window)
        sequences = [QKeySequence(key) for key in spec.keys]
        action.setShortcuts([sequence for sequence in sequences if not sequence.isEmpty()])
        action.setCheckable(spec.checkable)
        if spec.run is not None:
            run = spec.run
            action.triggered.connect(lambda _checked=False, run=run: run(window))
        if spec.name == "quit":
            action.setMenuRole(QAction.MenuRole.QuitRole)
        elif spec.name == "preferences":
            action.setMenuRole(QAction.MenuRole.PreferencesRole)
        if spec.separator_before:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        actions[spec.name] = action
        setattr(window, f"{spec.name}_action", action)
    window.edit_menu = menus["edit"]
    return actions


def follow_journal(actions: dict[str, QAction], *, journal_open: bool, can_edit: bool) -> None:
    """Enable the actions that need a journal, or one that can be changed."""
    for spec in ACTIONS:
        if spec.needs_journal:
            actions[spec.name].setEnabled(journal_open)
        elif spec.edits:
            actions[spec.name].setEnabled(can_edit)
