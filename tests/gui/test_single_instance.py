"""One window per journal: launching Legday again on it brings the running window up."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from conftest import open_window
from pytestqt.qtbot import QtBot

from legday_desktop.app import bring_to_front
from legday_desktop.services.single_instance import SingleInstance, server_name
from legday_desktop.ui.main_window import MainWindow


def _launch(*arguments: str | Path) -> subprocess.Popen[str]:
    """``legday`` as a user starts it, without a sub-command, in its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "legday_desktop", *map(str, arguments)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _finish(qtbot: QtBot, process: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait (serving this process's event loop) until ``process`` ends; its code and stderr."""
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30000)
    finally:
        if process.poll() is None:
            process.kill()
    _out, err = process.communicate()
    return process.returncode, err


def _answering(window: MainWindow, database: Path) -> SingleInstance:
    """What run_app does for its window: answer later launches on ``database``."""
    instance = SingleInstance(database, parent=window)
    assert instance.listen()
    instance.show_requested.connect(lambda: bring_to_front(window))
    return instance


def test_a_second_launch_brings_the_running_window_up_and_exits(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    _answering(window, database)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    lock = Path(f"{database}.lock").read_text()

    code, err = _finish(qtbot, _launch("--db", database))

    assert code == 0, err
    assert not window.isMinimized()
    assert window.isVisible()
    # The second launch never opened the journal: the lock still names this process.
    assert Path(f"{database}.lock").read_text() == lock
    assert lock.split("\n")[0] == str(os.getpid())
    window.close()


def test_a_second_launch_at_login_leaves_the_running_window_alone(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    _answering(window, database)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)

    code, err = _finish(qtbot, _launch("--db", database, "--tray"))

    assert code == 0, err
    assert window.isMinimized()
    window.close()


def test_another_journal_is_not_handed_over(qtbot: QtBot, tmp_path: Path) -> None:
    first = tmp_path / "mine.sqlite3"
    other = tmp_path / "other.sqlite3"
    listening = SingleInstance(first)
    assert listening.listen()
    try:
        assert server_name(first) != server_name(other)
        assert not SingleInstance(other).hand_over()
        # The same file by another spelling is the same journal.
        assert server_name(tmp_path / "." / "mine.sqlite3") == server_name(first)
    finally:
        listening.close()


def test_a_socket_left_by_a_crash_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite3"
    first = SingleInstance(journal)
    assert first.listen()
    path = first.socket_path()
    first.close()
    # A Legday that crashed leaves its socket file, with nobody listening on it.
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(path)
    crashed.close()
    assert Path(path).exists()

    again = SingleInstance(journal)
    shown: list[bool] = []
    again.show_requested.connect(lambda: shown.append(True))
    assert again.listen()
    assert again.listening
    # A later launch on the journal is handed over to it.
    code, err = _finish(qtbot, _launch("--db", journal))
    again.close()
    assert code == 0, err
    assert shown == [True]
    assert not Path(path).exists()
