"""Runs an update once a burst of changes pauses: a single-shot timer restarted by each change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Debouncer(QObject):
    """``poke()`` asks for ``update``; it runs ``pause_ms`` after the last poke, once."""

    def __init__(self, parent: QObject, pause_ms: int, update: Callable[[], object]) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(update)

    @property
    def pending(self) -> bool:
        """True while an update is asked for and has not run yet."""
        return self._timer.isActive()

    def poke(self) -> None:
        """Ask for the update, pushing it back if one is already waiting."""
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
