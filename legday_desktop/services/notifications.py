"""Desktop notifications through the freedesktop notification service, over D-Bus (QtDBus).

The service (``org.freedesktop.Notifications``) is what GNOME, KDE, Xfce and most other
Linux desktops show their notifications with. Where there is none (no session bus, or no
program owning the name), ``show`` says so and the caller falls back on something else.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

from legday_desktop import APP_ID, APP_NAME

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CALL_TIMEOUT_MS = 3000  # a notification service answers at once; never hang the window long
DEFAULT_EXPIRY = -1  # the notification service's own choice of how long it stays

_log = logging.getLogger("legday.notifications")


class DesktopNotifications(QObject):
    """Shows one notification at a time (a new one replaces the last) and hears the answer.

    Emits ``action_invoked`` with the key of the action the user chose on the notification
    shown, and ``closed`` when it went away (answered, dismissed or expired).
    """

    action_invoked = Signal(str)
    closed = Signal()

    def __init__(self, bus: QDBusConnection | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._shown: int | None = None  # the service's id of the notification on show
        if self._bus.isConnected():
            # PySide6's stubs say bytes for the slot; the binding itself takes SLOT()'s str.
            self._bus.connect(  # type: ignore[call-overload]
                SERVICE, PATH, INTERFACE, "ActionInvoked", self, SLOT("_action(uint,QString)")
            )
            self._bus.connect(  # type: ignore[call-overload]
                SERVICE, PATH, INTERFACE, "NotificationClosed", self, SLOT("_closed(uint,uint)")
            )

    @property
    def shown(self) -> bool:
        """True while a notification shown by this object is still on show."""
        return self._shown is not None

    def _interface(self) -> QDBusInterface | None:
        if not self._bus.isConnected():
            _log.info("No D-Bus session bus: %s", self._bus.lastError().message())
            return None
        # The interface is read from the service (introspection): Notify's typed arguments
        # (uint32 replaces_id) are then sent as the specification says.
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus)
        if not interface.isValid():
            _log.info("No desktop notification service: %s", interface.lastError().message())
            return None
        interface.setTimeout(CALL_TIMEOUT_MS)
        return interface

    def show(self, summary: str, body: str, actions: Sequence[tuple[str, str]] = ()) -> bool:
        """Show a notification with ``actions`` (key, label); False where none can be shown."""
        interface = self._interface()
        if interface is None:
            return False
        flat = [part for key, label in actions for part in (key, label)]
        hints = {"desktop-entry": APP_ID}  # the desktop shows Legday's name and icon
        notification_id = QMetaObject.invokeMethod(
            interface,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG(str, APP_NAME),
            Q_ARG("uint", self._shown or 0),
            Q_ARG(str, APP_ID),
            Q_ARG(str, summary),
            Q_ARG(str, body),
            Q_ARG("QStringList", flat),
            Q_ARG("QVariantMap", hints),
            Q_ARG(int, DEFAULT_EXPIRY),
        )
        error = interface.lastError()
        if error.isValid() or not isinstance(notification_id, int):
            _log.warning("The notification service refused the notification: %s", error.message())
            return False
        self._shown = notification_id
        _log.info("Notification %d shown: %s", notification_id, summary)
        return True

    def close(self) -> None:
        """Take the notification on show away (nothing if none is)."""
        if self._shown is None:
            return
        interface = self._interface()
        if interface is not None:
            QMetaObject.invokeMethod(
                interface,
                "CloseNotification",
                Qt.ConnectionType.DirectConnection,
                Q_ARG("uint", self._shown),
            )
        self._shown = None

    @Slot("uint", str)
    def _action(self, notification_id: int, key: str) -> None:
        if notification_id == self._shown:
            _log.info("Notification %d answered: %s", notification_id, key)
            self.action_invoked.emit(key)

    @Slot("uint", "uint")
    def _closed(self, notification_id: int, _reason: int) -> None:
        if notification_id == self._shown:
            self._shown = None
            self.closed.emit()
