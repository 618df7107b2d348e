"""One CoLearn per journal: a second launch brings the running window to the front.

The running app listens on a local socket (``QLocalServer``: a Unix domain socket or a
Windows named pipe, never a network connection) named after the user and the data folder, so
the demo journal and the real one can run side by side.  A new launch first tries to connect;
when someone answers, it asks them to come to the front and exits.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

ACTIVATE = b"activate\n"


def server_name(data_folder: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    digest = hashlib.sha256(f"{user}\0{data_folder.resolve()}".encode()).hexdigest()
    return f"colearn-{digest[:24]}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, data_folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_folder)
        self._server: QLocalServer | None = None

    def forward_to_running(self, timeout_ms: int = 1000) -> bool:
        """Ask a running instance to come to the front; ``True`` when one answered."""
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        try:
            if not socket.waitForConnected(timeout_ms):
                return False
            socket.write(ACTIVATE)
            socket.flush()
            socket.waitForBytesWritten(timeout_ms)
            socket.disconnectFromServer()
            return True
        finally:
            socket.abort()
            shiboken6.delete(socket)

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket left behind by a crash: nobody answered above, so remove it and retry.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        """Read the one short message of each new launch (it writes it right after
        connecting), then let it go.  No per-socket callbacks: nothing outlives this call."""
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(1000)
            if arrived and bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
                self.activation_requested.emit()
            socket.abort()
            socket.deleteLater()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            shiboken6.delete(self._server)  # now, with its sockets, not at interpreter exit
            self._server = None


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
