"""One running copy: a challenge file double-clicked while PeerNotes is open is shown in the
running window, instead of a second process meeting the file lock.

The first window listens on a local socket (a named pipe on Windows, a socket file on
Linux and macOS) named for this user and data folder. A later `peernotes FILE` connects,
sends the file's absolute path, waits for "ok" and exits; if nobody answers in time it
opens the file itself, as before. Only launches with a file hand over: a plain launch still
opens a second window (a peer may look at two challenges).

On macOS, Finder does not start a second process: it sends the running app a file-open
event, which the same server object turns into the same call.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from peernotes.ui.instance_name import server_name

TIMEOUT_MS = 2000
ACK = b"ok\n"


def hand_over(path: Path) -> bool:
    """True when a running PeerNotes took the file (this process can then exit)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = json.dumps({"open": str(path.resolve())}).encode("utf-8") + b"\n"
    socket.write(message)
    if not socket.waitForBytesWritten(TIMEOUT_MS):
        return False
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(TIMEOUT_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == ACK


class InstanceServer(QObject):
    """Listens for files handed over by later launches and passes each path to `open_file`."""

    def __init__(self, open_file: Callable[[Path], object], parent: QObject | None = None):
        super().__init__(parent)
        self._open_file = open_file
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self._open_file(Path(event.file()))
                return True
        return super().eventFilter(watched, event)

    def listen(self) -> bool:
        """Called after a hand-over failed, so no copy answers: a socket file left by a
        crashed copy is stale and removed first."""
        name = server_name()
        if self.server.listen(name):
            return True
        QLocalServer.removeServer(name)
        return self.server.listen(name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll().data()))
                if buffer.endswith(b"\n"):
                    socket.write(ACK)
                    socket.flush()
                    socket.disconnectFromServer()
                    self._received(bytes(buffer))

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)

    def _received(self, data: bytes) -> None:
        try:
            path = Path(json.loads(data.decode("utf-8"))["open"])
        except (ValueError, KeyError, TypeError):
            return  # not from PeerNotes: ignore it
        self._open_file(path)
