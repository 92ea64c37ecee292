"""One window per journal: a second launch on the same journal hands over to the first.

The first Legday on a journal listens on a local socket (``QLocalServer``) named after the
user and the journal's resolved path; a second launch on the same journal connects, asks
it to come to the front, and exits instead of opening a second, read-only window. A
different journal has a different name, so it still opens its own window.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

_log = logging.getLogger("legday.single_instance")

SHOW = b"show\n"  # the one request: bring the window to the front
SHOWN = b"shown\n"  # the answer once it has been asked to
CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 3000


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name for this uid (a container): the number
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(journal: Path) -> str:
    """The socket's name for ``journal``: the user's and the resolved path's, hashed.

    Hashed, so that it is short enough for a socket path and names no folder; the user in
    it keeps two users' windows apart on one machine (the socket is also owner-only).
    """
    resolved = str(Path(journal).expanduser().resolve())
    user = _user()
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:32]
    return f"legday-{digest}"


class SingleInstance(QObject):
    """The hand-over point of one journal: ``listen`` as its first window, or ``hand_over``.

    Emits ``show_requested`` when another launch on the same journal asked the window to
    come to the front.
    """

    show_requested = Signal()

    def __init__(self, journal: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(journal)
        self._server: QLocalServer | None = None

    def hand_over(self, *, show: bool = True) -> bool:
        """Ask a Legday already showing this journal to come to the front; True if it did.

        With ``show=False`` only whether one runs: True if it does (it is left as it is).
        """
        if not show:
            return self._someone_answers()
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(SHOW)
        socket.flush()
        answered = b""
        while not answered.endswith(b"\n") and socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
            answered += socket.readAll().data()
        socket.disconnectFromServer()
        if answered != SHOWN:
            _log.warning("The Legday showing this journal did not answer (%r)", answered)
            return False
        _log.info("Handed over to the Legday already showing this journal")
        return True

    def listen(self) -> bool:
        """Answer later launches on this journal; False if another one took the name first.

        A socket file left by a Legday that crashed is removed, then listened on.
        """
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if not server.listen(self.name):
            if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                _log.warning("Cannot listen for other launches: %s", server.errorString())
                server.deleteLater()
                return False
            if self._someone_answers():
                server.deleteLater()
                return False
            _log.info("Removing the socket a Legday that ended left behind (%s)", self.name)
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                _log.warning("Cannot listen for other launches: %s", server.errorString())
                server.deleteLater()
                return False
        self._server = server
        return True

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def socket_path(self) -> str:
        """The socket file listened on (empty while not listening)."""
        return self._server.fullServerName() if self._server is not None else ""

    def close(self) -> None:
        """Stop answering (the window closed): the socket file goes too."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _someone_answers(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        alive = socket.waitForConnected(CONNECT_TIMEOUT_MS)
        socket.abort()
        return alive

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            connection = server.nextPendingConnection()
            connection.setParent(self)
            connection.readyRead.connect(lambda connection=connection: self._read(connection))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        request = connection.readLine().data()
        if request == SHOW:
            self.show_requested.emit()
            connection.write(SHOWN)
            connection.flush()
        connection.disconnectFromServer()
