"""One CoLearn per journal: a second launch brings the running window to the front.

The running app listens on a local socket (``QLocalServer``: a Unix domain socket or a
Windows named pipe, never a network connection) named after the user and the data folder, so
the demo journal and the real one can run side by side.  A new launch first tries to connect;
when the running app answers, it asks it to come to the front and exits.

On Unix the socket is a file in a folder only the user can enter (``$XDG_RUNTIME_DIR`` when it
is private, else ``run/`` in the user's cache folder, made owner-only), never a predictable
name in the shared ``/tmp``,
where another local user could create it first and make CoLearn exit without a window.  And a
launch only gives way to an instance that answers: a socket left by a crash, or anything that
connects but stays silent, is taken over.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import os
import stat
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

ACTIVATE = b"activate\n"
ANSWER = b"ok\n"  # the running instance's reply: only then does a new launch give way
MAX_SOCKET_PATH = 100  # a Unix socket path holds 104 bytes on macOS, 108 on Linux
RUN_FOLDER = "run"


def _digest(data_folder: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    return hashlib.sha256(f"{user}\0{data_folder.resolve()}".encode()).hexdigest()[:24]


def is_private_folder(folder: Path) -> bool:
    """A real folder (not a link), owned by us, that nobody else may enter or write."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def _private_run_folder() -> Path | None:
    """``run/`` in the user's cache folder, made owner-only; None when it cannot be."""
    import platformdirs

    folder = Path(platformdirs.user_cache_dir("CoLearn", appauthor=False)) / RUN_FOLDER
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            os.chmod(folder, 0o700)  # (made by an older version with the umask's mode)
    except OSError:
        return None
    return folder if is_private_folder(folder) else None


def server_name(data_folder: Path) -> str | None:
    """Where the running instance listens: a private socket path on Unix, a per-user pipe
    name on Windows.  None when no private place is usable (then there is no single-instance
    check at all: better two windows than none)."""
    name = f"colearn-{_digest(data_folder)}"
    if os.name == "nt":
        return name  # a per-user named pipe; UserAccessOption limits it to this user
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", "") or "/nonexistent")
    if is_private_folder(runtime) and _fits(runtime / name):
        return str(runtime / name)
    folder = _private_run_folder()  # (made only when the runtime folder is not usable)
    return str(folder / name) if folder is not None and _fits(folder / name) else None


def _fits(socket_path: Path) -> bool:
    return len(os.fsencode(socket_path)) <= MAX_SOCKET_PATH


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, data_folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._data_folder = data_folder
        self._server: QLocalServer | None = None

    @functools.cached_property
    def name(self) -> str | None:
        """Looked up on first use (it may make the private folder)."""
        return server_name(self._data_folder)

    def forward_to_running(self, timeout_ms: int = 2000) -> bool:
        """Ask a running instance to come to the front; ``True`` only when it answered."""
        if self.name is None:
            return False
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        try:
            if not socket.waitForConnected(timeout_ms):
                return False
            socket.write(ACTIVATE)
            socket.flush()
            answer = b""
            while not answer.endswith(b"\n"):
                if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
                    break
                answer += bytes(socket.readAll().data())
            return answer == ANSWER
        finally:
            socket.abort()
            shiboken6.delete(socket)

    def listen(self) -> bool:
        if self.name is None:
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Left behind by a crash, or an instance that did not answer: take it over.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                shiboken6.delete(server)
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        """Read the one short message of each new launch (it writes it right after
        connecting), answer it, then let it go.  No per-socket callbacks: nothing outlives
        this call."""
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(1000)
            if arrived and bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
                socket.write(ANSWER)
                socket.flush()
                socket.waitForBytesWritten(1000)
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
