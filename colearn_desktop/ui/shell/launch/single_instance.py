"""One CoLearn per journal: a second launch brings the running window to the front.

The running app listens on a local socket (a Unix domain socket or a Windows named pipe, never
a network connection) named after the user and the data folder, so the demo journal and the
real one can run side by side.  A new launch first tries to connect; when the running app
answers, it asks it to come to the front and exits.

On Unix the socket is a file in a folder only the user can enter (``$XDG_RUNTIME_DIR`` when it
is private, else ``run/`` in the user's cache folder, made owner-only), never a predictable
name in the shared ``/tmp``,
where another local user could create it first and make CoLearn exit without a window.  And a
launch only gives way to an instance that answers: a socket left by a crash, or anything that
connects but stays silent, is taken over.

On Unix both ends are Python's own ``socket`` (which the app loads anyway, for its signal
handling), the listening one watched by a ``QSocketNotifier``; Windows' named pipes go through
``QLocalServer``/``QLocalSocket``.  Loading QtNetwork for them cost ~10 ms of every start
(issue 14); the two speak the same bytes, so either end may be either kind.
"""

from __future__ import annotations

import functools
import getpass
import os
import socket
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QWidget

from colearn_desktop.core.storage.files.digest import sha256_hex

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

ACTIVATE = b"activate\n"
ANSWER = b"ok\n"  # the running instance's reply: only then does a new launch give way
MAX_SOCKET_PATH = 100  # a Unix socket path holds 104 bytes on macOS, 108 on Linux
RUN_FOLDER = "run"
# Whether Python's sockets or Qt's local sockets carry the messages (see the module doc).
USE_QT_SOCKETS = os.name == "nt"


def _digest(data_folder: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    return sha256_hex(f"{user}\0{data_folder.resolve()}".encode())[:24]


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
        self._server: QLocalServer | None = None  # (Qt's sockets)
        self._listening: socket.socket | None = None  # (Python's)
        self._notifier: QSocketNotifier | None = None
        self._bound: tuple[int, int] | None = None  # the socket file's device and inode

    @functools.cached_property
    def name(self) -> str | None:
        """Looked up on first use (it may make the private folder)."""
        return server_name(self._data_folder)

    def forward_to_running(self, timeout_ms: int = 2000) -> bool:
        """Ask a running instance to come to the front; ``True`` only when it answered."""
        if self.name is None:
            return False
        if USE_QT_SOCKETS:
            return self._forward_through_qt(self.name, timeout_ms)
        if not os.path.exists(self.name):
            return False  # nobody listens: the usual start
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.settimeout(timeout_ms / 1000)
            connection.connect(self.name)
            connection.sendall(ACTIVATE)
            answer = b""
            while not answer.endswith(b"\n") and len(answer) < 64:
                part = connection.recv(64)
                if not part:
                    break
                answer += part
            return answer == ANSWER
        except OSError:  # gone (a crash's file), refused, or silent until the timeout
            return False
        finally:
            connection.close()

    def listen(self) -> bool:
        if self.name is None:
            return False
        if USE_QT_SOCKETS:
            return self._listen_through_qt(self.name)
        listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                listening.bind(self.name)
            except OSError:
                # Left behind by a crash, or an instance that did not answer: take it over.
                os.unlink(self.name)
                listening.bind(self.name)
            os.chmod(self.name, stat.S_IRUSR | stat.S_IWUSR)  # (the folder is ours alone too)
            info = os.stat(self.name)
            listening.listen(8)
            listening.setblocking(False)
        except OSError:
            listening.close()
            return False
        self._listening, self._bound = listening, (info.st_dev, info.st_ino)
        self._notifier = QSocketNotifier(listening.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def _accept(self) -> None:
        """Read the one short message of each new launch (it writes it right after
        connecting), answer it, then let it go."""
        assert self._listening is not None
        while True:
            try:
                connection, _address = self._listening.accept()
            except OSError:  # (BlockingIOError: none left)
                return
            try:
                connection.settimeout(1.0)
                message = connection.recv(64)
                if message.startswith(ACTIVATE.strip()):
                    connection.sendall(ANSWER)
                    self.activation_requested.emit()
            except OSError:
                pass  # a launch that went away or stayed silent: nothing to answer
            finally:
                connection.close()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            shiboken6.delete(self._server)  # now, with its sockets, not at interpreter exit
            self._server = None
        if self._listening is not None:
            assert self._notifier is not None
            assert self.name is not None
            self._notifier.setEnabled(False)
            shiboken6.delete(self._notifier)  # before its socket closes (Qt would warn)
            self._notifier = None
            self._listening.close()
            self._listening = None
            try:  # the socket file, unless another instance has taken the name over since
                info = os.stat(self.name)
                if (info.st_dev, info.st_ino) == self._bound:
                    os.unlink(self.name)
            except OSError:
                pass

    # -- Qt's local sockets (Windows' named pipes) ---------------------------------------

    def _forward_through_qt(self, name: str, timeout_ms: int) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        connection = QLocalSocket(self)
        connection.connectToServer(name)
        try:
            if not connection.waitForConnected(timeout_ms):
                return False
            connection.write(ACTIVATE)
            connection.flush()
            answer = b""
            while not answer.endswith(b"\n"):
                if not connection.bytesAvailable() and not connection.waitForReadyRead(timeout_ms):
                    break
                answer += bytes(connection.readAll().data())
            return answer == ANSWER
        finally:
            connection.abort()
            shiboken6.delete(connection)

    def _listen_through_qt(self, name: str) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            # Left behind by a crash, or an instance that did not answer: take it over.
            QLocalServer.removeServer(name)
            if not server.listen(name):
                shiboken6.delete(server)
                return False
        server.newConnection.connect(self._accept_through_qt)
        self._server = server
        return True

    def _accept_through_qt(self) -> None:
        """As :meth:`_accept`.  No per-socket callbacks: nothing outlives this call."""
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            arrived = connection.bytesAvailable() > 0 or connection.waitForReadyRead(1000)
            if arrived and bytes(connection.readAll().data()).startswith(ACTIVATE.strip()):
                connection.write(ANSWER)
                connection.flush()
                connection.waitForBytesWritten(1000)
                self.activation_requested.emit()
            connection.abort()
            connection.deleteLater()


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
