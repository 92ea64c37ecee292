"""The tray icon (Log today, Open, Quit) and start at login, used as a person would.

Offscreen there is no tray, so the tests say there is one (``tray_available=True``); the
icon, its menu and what each entry does are Qt's and Legday's own. Start at login writes a
real autostart entry into the test's own ``XDG_CONFIG_HOME``; ``desktop-file-validate``
(Debian: desktop-file-utils) checks it as a desktop would read it.
"""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import answer_message_box, open_window, press, with_preferences
from PySide6.QtWidgets import QDialogButtonBox, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from legday_desktop.app import bring_to_front
from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.services.autostart import (
    ENTRY_NAME,
    OURS_KEY,
    autostart_folder,
    entry_text,
    exec_argument,
)
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.preferences_dialog import PreferencesDialog
from legday_desktop.ui.presence import DesktopPresence
from legday_desktop.ui.tray import TrayIcon

# Offscreen, Qt's tray looks once for the X11 tray's signal, which that platform lacks.
pytestmark = pytest.mark.qt_log_ignore(r"No such signal QPlatformNativeInterface::systemTrayWindow")
COMMAND = ["/opt/Legday apps/legday"]  # a folder with a space, as people have


def _presence(
    window: MainWindow,
    *,
    in_tray: bool = False,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> DesktopPresence:
    return DesktopPresence(
        window,
        window.preferences,
        bring_to_front=bring_to_front,
        in_tray=in_tray,
        tray_available=True,
        login_command=COMMAND,
        now=now,
        parent=window,
    )


def _tray(presence: DesktopPresence) -> TrayIcon:
    assert presence.tray is not None
    return presence.tray


@pytest.fixture
def shown(qtbot: QtBot, database: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, database)
    window.show()
    yield window
    window.quit()


def test_the_tray_menu_offers_log_today_open_and_quit(shown: MainWindow) -> None:
    tray = _tray(_presence(shown))
    menu = tray.contextMenu()
    assert menu is not None
    entries = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert entries == ["&Log today", "&Open", "&Quit"]
    assert tray.toolTip() == "Legday"
    assert not tray.icon().isNull()


def test_log_today_from_the_tray_shows_the_window_on_today_in_the_log(
    shown: MainWindow, qtbot: QtBot
) -> None:
    presence = _presence(shown)
    shown.show_view("progress")
    shown.show_date(dt.date.today() - dt.timedelta(days=5))
    shown.hide()

    _tray(presence).menu.log_today_action.trigger()

    assert shown.isVisible()
    assert shown.current_view == "log"
    assert shown.shown_date == dt.date.today()


def test_a_click_on_the_icon_puts_the_window_away_and_brings_it_back(
    shown: MainWindow, qtbot: QtBot
) -> None:
    tray = _tray(_presence(shown))
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert not shown.isVisible()
    assert shown.journal_open  # only put away: the journal stays open
    tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert shown.isVisible()
    # The double click's second half changes nothing.
    tray.activated.emit(QSystemTrayIcon.ActivationReason.DoubleClick)
    assert shown.isVisible()


def test_started_in_the_tray_closing_the_window_keeps_legday_and_quit_ends_it(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    window.show()
    tray = _tray(_presence(window, in_tray=True))
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))

    window.close()
    assert not window.isVisible()
    assert window.journal_open and closed == []  # still in the tray, the reminder with it

    tray.menu.open_action.trigger()
    assert window.isVisible()

    tray.menu.quit_action.trigger()
    assert closed == [True]
    assert not window.isVisible()


def test_started_from_the_menu_closing_the_window_ends_legday(qtbot: QtBot, database: Path) -> None:
    window = open_window(qtbot, database)
    window.show()
    _presence(window, in_tray=False)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    window.close()
    assert closed == [True]
    assert not window.isVisible()


def test_quit_from_the_tray_with_an_unsaved_check_in_asks_and_can_keep_the_window(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    window.show()
    tray = _tray(_presence(window, in_tray=True))
    window.hide()
    # A check-in the journal refused (a full disk, say): kept in the window, not saved.
    check_in = CheckIn(dt.date.today(), note="sore stairs")
    window.save_failures.unsaved_check_ins[check_in.date] = check_in
    asked: list[str] = []
    answer_message_box("Cancel", asked)  # keep the window
    tray.menu.quit_action.trigger()
    assert asked
    assert window.isVisible()  # the question came with the window, which stays
    assert window.journal_open
    window.save_failures.unsaved_check_ins.clear()
    window.quit()


def test_without_a_notification_service_the_reminder_is_the_trays_message(
    shown: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [dt.datetime.combine(dt.date.today(), dt.time(19, 0))]
    presence = _presence(shown, now=lambda: clock[0])
    messages: list[tuple[str, str]] = []
    tray = _tray(presence)
    monkeypatch.setattr(tray, "showMessage", lambda title, body, *_: messages.append((title, body)))
    monkeypatch.setattr(presence.notifications, "show", lambda *_, **__: False)  # no service
    shown.preferences.change(reminder_on=True, reminder_time=dt.time(20, 0))
    clock[0] = clock[0].replace(hour=20)
    assert presence.reminders.check()
    assert messages and messages[0][0] == "How do your legs feel today?"

    shown.hide()
    tray.messageClicked.emit()  # clicking the message: Log today
    assert shown.isVisible() and shown.current_view == "log"


# Start at login ---------------------------------------------------------------------------


def _entry() -> Path:
    return autostart_folder() / ENTRY_NAME


def _set_start_at_login(window: MainWindow, qtbot: QtBot, *, on: bool) -> None:
    """Edit → Preferences…, tick or untick Start at login, OK."""

    def tick(dialog: PreferencesDialog) -> None:
        if dialog.start_at_login.isChecked() != on:
            dialog.start_at_login.click()
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    with_preferences(window, qtbot, tick)


def test_start_at_login_in_preferences_writes_the_entry_and_removing_it_takes_it_away(
    shown: MainWindow, qtbot: QtBot, isolated_user_folders: Path
) -> None:
    _presence(shown)
    assert not _entry().exists()  # off for a new user

    _set_start_at_login(shown, qtbot, on=True)
    entry = _entry()
    assert entry.parent == isolated_user_folders / ".config" / "autostart"
    assert entry.is_file()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line.removeprefix("Exec=")) == [*COMMAND, "--tray"]
    assert f"{OURS_KEY}=true" in text.splitlines()

    _set_start_at_login(shown, qtbot, on=False)
    assert not _entry().exists()
    assert entry.parent.is_dir()  # the folder is the desktop's: left


def test_start_at_login_never_touches_an_entry_someone_else_wrote(
    shown: MainWindow, qtbot: QtBot
) -> None:
    presence = _presence(shown)
    entry = _entry()
    entry.parent.mkdir(parents=True, exist_ok=True)
    theirs = "[Desktop Entry]\nType=Application\nName=Mine\nExec=/usr/bin/true\n"
    entry.write_text(theirs, encoding="utf-8")
    said: list[str] = []
    presence.start_at_login.failed.connect(said.append)

    _set_start_at_login(shown, qtbot, on=True)
    assert entry.read_text(encoding="utf-8") == theirs
    assert said and "was not written by Legday" in said[0]
    assert "was not written by Legday" in shown.statusBar().currentMessage()
    _set_start_at_login(shown, qtbot, on=False)
    assert entry.read_text(encoding="utf-8") == theirs


def test_start_at_login_says_so_when_the_folder_cannot_be_written(
    shown: MainWindow, qtbot: QtBot
) -> None:
    presence = _presence(shown)
    # A file where the folder should be: refused even to root, which may write anywhere else.
    folder = autostart_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")
    said: list[str] = []
    presence.start_at_login.failed.connect(said.append)
    _set_start_at_login(shown, qtbot, on=True)
    assert said and said[0].startswith(f"Cannot write {folder / ENTRY_NAME}")
    assert folder.read_text(encoding="utf-8") == "not a folder"


def test_a_preference_set_while_legday_was_not_running_is_applied_at_start(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    window.preferences.change(start_at_login=True)
    assert not _entry().exists()  # nothing listens yet
    _presence(window)
    assert _entry().is_file()
    window.close()


@pytest.mark.parametrize(
    ("argument", "written"),
    [
        ("/usr/bin/legday", "/usr/bin/legday"),
        ("/opt/Legday apps/legday", '"/opt/Legday apps/legday"'),
        ("/home/a$b/legday", '"/home/a\\$b/legday"'),
        ('/x/"q"/legday', '"/x/\\"q\\"/legday"'),
        ("/x/100%/legday", "/x/100%%/legday"),
        ("", '""'),
    ],
)
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says(
    argument: str, written: str
) -> None:
    assert exec_argument(argument) == written


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)",
)
@pytest.mark.parametrize(
    "command",
    [COMMAND, ["/usr/bin/python3", "-m", "legday_desktop"], ["/home/j\\o/it's/legday"]],
)
def test_the_autostart_entry_is_valid_for_desktops(command: list[str], tmp_path: Path) -> None:
    entry = tmp_path / "legday.desktop"
    entry.write_text(entry_text(command), encoding="utf-8")
    checked = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr


def test_a_reminder_set_in_the_tray_started_legday_survives_the_window_closing(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    window.show()
    presence = _presence(window, in_tray=True)
    window.preferences.change(reminder_on=True, reminder_time=dt.time(23, 59))
    window.close()
    assert presence.reminders.planned_in_ms is not None  # still planned, from the tray
    window.quit()
