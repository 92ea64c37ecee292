"""A small freedesktop notification service for the tests, on the bus DBUS_SESSION_BUS_ADDRESS.

Run as ``python notification_server.py RECORD``: it owns ``org.freedesktop.Notifications``,
appends every call it receives to RECORD as one JSON line (Notify's app name, id to
replace, summary, body, actions and hints; CloseNotification's id), and plays the user
on request: ``org.legday.TestUser.Choose(id, key)`` on ``/user`` emits ActionInvoked then
NotificationClosed (dismissed), as a desktop does when an action is clicked. Prints
``ready`` once it owns the name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

DISMISSED = 2


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    """org.freedesktop.Notifications (version 1.2), recording what it is asked."""

    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, record: Path) -> None:
        super().__init__()
        self._record = record
        self._last_id = 0

    def _write(self, entry: dict[str, object]) -> None:
        with self._record.open("a", encoding="utf-8") as file:
            file.write(json.dumps(entry) + "\n")

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(  # noqa: N802
        self,
        app_name: str,
        replaces_id: int,
        app_icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, object],
        expire_timeout: int,
    ) -> int:
        if replaces_id:
            notification_id = replaces_id
        else:
            self._last_id += 1
            notification_id = self._last_id
        self._write(
            {
                "call": "Notify",
                "id": notification_id,
                "app_name": app_name,
                "replaces_id": replaces_id,
                "app_icon": app_icon,
                "summary": summary,
                "body": body,
                "actions": actions,
                "hints": {key: str(value) for key, value in hints.items()},
                "expire_timeout": expire_timeout,
            }
        )
        return notification_id

    @Slot("uint")
    def CloseNotification(self, notification_id: int) -> None:  # noqa: N802
        self._write({"call": "CloseNotification", "id": notification_id})
        self.NotificationClosed.emit(notification_id, 3)

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:  # noqa: N802
        return ["actions", "body"]


@ClassInfo({"D-Bus Interface": "org.legday.TestUser"})
class TestUser(QObject):
    """What the user does to a notification, on request of the test."""

    def __init__(self, notifications: Notifications) -> None:
        super().__init__()
        self._notifications = notifications

    @Slot(int, str)
    def Choose(self, notification_id: int, key: str) -> None:  # noqa: N802
        self._notifications.ActionInvoked.emit(notification_id, key)
        self._notifications.NotificationClosed.emit(notification_id, DISMISSED)


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    notifications = Notifications(Path(sys.argv[1]))
    user = TestUser(notifications)
    everything = (
        QDBusConnection.RegisterOption.ExportAllSlots
        | QDBusConnection.RegisterOption.ExportAllSignals
    )
    if not (
        bus.registerObject("/org/freedesktop/Notifications", notifications, everything)
        and bus.registerObject("/user", user, everything)
        and bus.registerService("org.freedesktop.Notifications")
    ):
        print(f"cannot serve: {bus.lastError().message()}", file=sys.stderr, flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
