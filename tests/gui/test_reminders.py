"""The daily reminder on a real D-Bus session bus, shown by a notification service of our own.

Each test starts its own ``dbus-daemon`` (its own configuration, no service activation)
and, where a desktop would have one, ``tests/helpers/notification_server.py``: a
notification service that records every call it receives and clicks an action when asked.
The clock is the test's: moved, never waited for.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import click_region, open_window
from PySide6.QtCore import QSettings, Qt
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from legday_desktop.app import _start_desktop_presence, bring_to_front
from legday_desktop.services.notifications import DesktopNotifications
from legday_desktop.services.preferences import PreferencesService
from legday_desktop.services.reminders import LOOK_AGAIN_MS, ReminderService
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.preferences_dialog import PreferencesDialog
from legday_desktop.ui.presence import DesktopPresence

HELPERS = Path(__file__).resolve().parents[1] / "helpers"
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
TODAY = dt.date.today()
ACTIONS = ["log-now", "Log now", "tomorrow", "Tomorrow"]


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A session bus of the test's own: its address (also in DBUS_SESSION_BUS_ADDRESS)."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (Debian: dbus-daemon; .ci/run installs it)")
    config = tmp_path / "session.conf"
    config.write_text(BUS_CONFIG)
    started = subprocess.run(
        ["dbus-daemon", f"--config-file={config}", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        check=True,
    )
    address, pid = started.stdout.split()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    try:
        yield address
    finally:
        os.kill(int(pid), signal.SIGTERM)


@pytest.fixture
def bus(session_bus: str) -> Iterator[QDBusConnection]:
    """Legday's connection to the test's bus."""
    name = f"legday-test-{uuid.uuid4().hex}"
    connection = QDBusConnection.connectToBus(session_bus, name)
    assert connection.isConnected(), connection.lastError().message()
    yield connection
    QDBusConnection.disconnectFromBus(name)


@dataclass
class NotificationServer:
    """The test's notification service: what it was asked, and a user to click actions."""

    record: Path
    bus: QDBusConnection

    def calls(self, name: str = "Notify") -> list[dict[str, object]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [entry for entry in map(json.loads, lines) if entry["call"] == name]

    def choose(self, notification_id: object, key: str) -> None:
        """Click the action ``key`` on the notification, as the user would."""
        message = QDBusMessage.createMethodCall(
            "org.freedesktop.Notifications", "/user", "org.legday.TestUser", "Choose"
        )
        message.setArguments([notification_id, key])
        reply = self.bus.call(message)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()


@pytest.fixture
def server(session_bus: str, bus: QDBusConnection, tmp_path: Path) -> Iterator[NotificationServer]:
    record = tmp_path / "notifications.jsonl"
    process = subprocess.Popen(
        [sys.executable, str(HELPERS / "notification_server.py"), str(record)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": session_bus},
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 20)
    assert ready and process.stdout.readline().strip() == "ready"
    try:
        yield NotificationServer(record, bus)
    finally:
        process.terminate()
        process.communicate(timeout=10)


class Clock:
    """The time the reminder sees, moved by the test."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, day: dt.date, hour: int, minute: int = 0, second: float = 0) -> None:
        self.now = dt.datetime.combine(day, dt.time(hour, minute)) + dt.timedelta(seconds=second)


def _reminder_on(at: dt.time = dt.time(20, 0)) -> PreferencesService:
    preferences = PreferencesService()
    preferences.change(reminder_on=True, reminder_time=at)
    return preferences


def _presence(
    window: MainWindow, bus: QDBusConnection, clock: Clock, preferences: PreferencesService
) -> DesktopPresence:
    return DesktopPresence(
        window, preferences, bring_to_front=bring_to_front, bus=bus, now=clock, parent=window
    )


def test_the_reminder_shows_at_the_set_time_with_both_actions_when_today_is_unrated(
    qtbot: QtBot, database: Path, bus: QDBusConnection, server: NotificationServer
) -> None:
    window = open_window(qtbot, database)
    clock = Clock(dt.datetime.combine(TODAY, dt.time(18, 0)))
    presence = _presence(window, bus, clock, _reminder_on())
    # Two hours to go: the timer looks at the clock again within a minute.
    assert presence.reminders.planned_in_ms is not None
    assert LOOK_AGAIN_MS - 1000 < presence.reminders.planned_in_ms <= LOOK_AGAIN_MS
    assert not presence.reminders.check()
    assert server.calls() == []

    clock.set(TODAY, 19, 59, 59.8)
    presence.reminders.plan()
    assert presence.reminders.planned_in_ms is not None
    assert presence.reminders.planned_in_ms <= 200  # the timer waits for 20:00 itself
    clock.set(TODAY, 20, 0)
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)

    (shown,) = server.calls()
    assert shown["app_name"] == "Legday"
    assert shown["summary"] == "How do your legs feel today?"
    assert "not rated yet" in str(shown["body"])
    assert shown["actions"] == ACTIONS
    assert shown["hints"] == {"desktop-entry": "io.github.legday.legday"}
    # Once a day: the rest of the evening stays quiet.
    clock.set(TODAY, 21, 30)
    assert not presence.reminders.check()
    assert len(server.calls()) == 1
    window.close()


def test_no_reminder_when_today_is_rated(
    qtbot: QtBot, database: Path, bus: QDBusConnection, server: NotificationServer
) -> None:
    window = open_window(qtbot, database)
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: TODAY in window.service.marked_days(TODAY, TODAY)[1], timeout=3000)
    clock = Clock(dt.datetime.combine(TODAY, dt.time(20, 0)))
    presence = _presence(window, bus, clock, _reminder_on(dt.time(20, 5)))

    clock.set(TODAY, 20, 5)
    assert not presence.reminders.check()
    clock.set(TODAY, 23, 0)
    assert not presence.reminders.check()
    assert server.calls() == []
    window.close()


def test_log_now_brings_the_window_up_on_today(
    qtbot: QtBot, database: Path, bus: QDBusConnection, server: NotificationServer
) -> None:
    window = open_window(qtbot, database)
    window.show_date(TODAY - dt.timedelta(days=3))
    window.show_view("insights")
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    clock = Clock(dt.datetime.combine(TODAY, dt.time(19, 0)))
    presence = _presence(window, bus, clock, _reminder_on())
    clock.set(TODAY, 20, 1)
    assert presence.reminders.check()
    (shown,) = server.calls()

    server.choose(shown["id"], "log-now")

    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=5000)
    assert window.current_view == "log"
    assert window.shown_date == TODAY
    assert window.date_edit.date().toPython() == TODAY
    assert not presence.notifications.shown
    window.close()


def test_tomorrow_means_no_more_reminders_today_even_after_a_restart(
    qtbot: QtBot, database: Path, bus: QDBusConnection, server: NotificationServer
) -> None:
    window = open_window(qtbot, database)
    clock = Clock(dt.datetime.combine(TODAY, dt.time(19, 0)))
    preferences = _reminder_on()
    presence = _presence(window, bus, clock, preferences)
    clock.set(TODAY, 20, 0)
    assert presence.reminders.check()
    (shown,) = server.calls()

    server.choose(shown["id"], "tomorrow")
    qtbot.waitUntil(lambda: not presence.notifications.shown, timeout=5000)
    assert window.isVisible() and window.current_view == "log"

    clock.set(TODAY, 22, 0)
    assert not presence.reminders.check()
    # Legday started again the same evening: still nothing today.
    again = _presence(window, bus, clock, PreferencesService())
    assert not again.reminders.check()
    assert len(server.calls()) == 1
    # The next evening it is back.
    clock.set(TODAY + dt.timedelta(days=1), 20, 0)
    assert again.reminders.check()
    assert len(server.calls()) == 2
    window.close()


def test_days_missed_while_asleep_give_one_reminder_not_a_pile(
    qtbot: QtBot, database: Path, bus: QDBusConnection, server: NotificationServer
) -> None:
    window = open_window(qtbot, database)
    monday = TODAY - dt.timedelta(days=3)
    clock = Clock(dt.datetime.combine(monday, dt.time(19, 0)))
    presence = _presence(window, bus, clock, _reminder_on())
    assert not presence.reminders.check()

    # The computer slept from Monday 19:00 until this morning: nothing for the days missed.
    clock.set(TODAY, 8, 0)
    assert not presence.reminders.check()
    assert server.calls() == []
    # It slept again through this evening's time, and woke at 23:00: one reminder.
    clock.set(TODAY, 23, 0)
    qtbot.wait(10)
    assert presence.reminders.check()
    assert not presence.reminders.check()
    assert len(server.calls()) == 1
    window.close()


def test_a_reminder_turned_on_after_its_time_waits_for_tomorrow(
    qtbot: QtBot, database: Path, bus: QDBusConnection, server: NotificationServer
) -> None:
    window = open_window(qtbot, database)
    clock = Clock(dt.datetime.combine(TODAY, dt.time(21, 0)))
    preferences = PreferencesService()
    presence = _presence(window, bus, clock, preferences)
    assert presence.reminders.planned_in_ms is None  # off: no timer at all

    preferences.change(reminder_on=True)  # at 20:00, an hour ago: not now, tomorrow
    assert not presence.reminders.check()
    clock.set(TODAY, 23, 59)
    assert not presence.reminders.check()
    assert server.calls() == []
    clock.set(TODAY, 21, 5)
    preferences.change(reminder_time=dt.time(21, 30))  # later tonight: at 21:30
    planned = presence.reminders.planned_in_ms
    assert planned is not None and planned <= LOOK_AGAIN_MS
    clock.set(TODAY, 21, 30)
    assert presence.reminders.check()
    assert len(server.calls()) == 1
    window.close()


def test_without_a_notification_service_the_reminder_goes_to_the_fallback(
    qtbot: QtBot, bus: QDBusConnection, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock(dt.datetime.combine(TODAY, dt.time(20, 0)))
    shown: list[tuple[str, str]] = []
    notifications = DesktopNotifications(bus)
    reminders = ReminderService(
        _reminder_on(dt.time(20, 0)),
        lambda day: False,
        notifications,
        fallback=lambda summary, body: shown.append((summary, body)),
        now=clock,
        store=QSettings(),
    )
    with caplog.at_level(logging.INFO, logger="legday"):
        assert reminders.check()
    assert shown == [("How do your legs feel today?", shown[0][1])]
    assert "No desktop notification service" in caplog.text


def test_the_reminder_turned_on_in_preferences_is_planned_at_once(
    qtbot: QtBot, database: Path
) -> None:
    window = open_window(qtbot, database)
    _start_desktop_presence(window, tray=False)  # as the app does, after a frame is painted
    window.update()
    qtbot.waitUntil(lambda: window.findChild(DesktopPresence) is not None, timeout=5000)
    presence = window.findChild(DesktopPresence)
    assert isinstance(presence, DesktopPresence)
    assert presence.reminders.planned_in_ms is None  # off, as for a new user

    dialog = PreferencesDialog(window.preferences, window)
    dialog.reminder_on.click()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert presence.reminders.reminder.on
    assert presence.reminders.planned_in_ms is not None
    window.close()
