"""Logout, shutdown and Ctrl+C close the app the way its Quit command does.

SIGTERM (sent at logout and shutdown), SIGINT (Ctrl+C in a terminal) and SIGHUP (the terminal
closed) would otherwise kill the process: no backup on closing, and the session marker left
behind, so the next start runs the full check as after a crash.  A Python signal handler only
runs when the interpreter gets control, which it may not for a long time while Qt waits for
events; so the signal also wakes Qt through ``signal.set_wakeup_fd`` and a socket notifier (on
Windows, where that would take a loopback TCP pair, a timer gives Python control four times a
second instead), and the app then closes its windows and quits the event loop.  ``run_app``
ends the session after the loop returns (backup on closing, marker removed), exactly as after
closing the window.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class CloseOnSignals(QObject):
    """While installed, each of :data:`STOP_SIGNALS` closes every window and quits."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.received: int | None = None  # the signal that asked us to stop
        self._previous: dict[int, Any] = {
            number: signal.signal(number, self._note) for number in STOP_SIGNALS
        }
        self._pair: tuple[socket.socket, socket.socket] | None = None
        self._previous_fd = -1
        if os.name == "posix":
            reader, writer = self._pair = socket.socketpair(socket.AF_UNIX)
            reader.setblocking(False)
            writer.setblocking(False)
            self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
            self._waker: QObject = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
            self._waker.activated.connect(self._woken)
        else:
            self._waker = QTimer(self)
            self._waker.timeout.connect(self._woken)
            self._waker.start(250)

    def _note(self, number: int, _frame: object) -> None:
        """The Python-level handler: only notes the signal (Qt is woken through the fd)."""
        self.received = number

    def _woken(self) -> None:
        if self._pair is not None:
            with contextlib.suppress(OSError):
                for number in self._pair[0].recv(64):  # the wakeup fd carries signal numbers
                    self.received = number
        if self.received is not None:
            self.close_app()

    def close_app(self) -> None:
        """Close every window (each runs its own closing code, as on Quit), then quit the
        loop (which also ends dialogs waiting in a nested loop)."""
        QApplication.closeAllWindows()
        QApplication.quit()

    def quit_if_received(self) -> None:
        """For a signal that arrived while no event loop ran yet (during start-up)."""
        if self.received is not None:
            QTimer.singleShot(0, self.close_app)

    def uninstall(self) -> None:
        shiboken6.delete(self._waker)  # before its socket closes (Qt would warn)
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        if self._pair is not None:
            signal.set_wakeup_fd(self._previous_fd)
            for end in self._pair:
                end.close()
