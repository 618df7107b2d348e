"""What lets ``colearn --self-test`` drive the real app without anyone at the keyboard.

The self-test goes through the same code as a user's clicks, and much of that code opens modal
dialogs (``exec``) that wait for a click.  :class:`ModalAnswers` answers them in order from a
timer, and :func:`wait_until` waits for work the screens hand to worker threads, so a step never
blocks for ever: it fails with a sentence instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

# Generous: a loaded machine or a first start of Qt can be slow, but a real hang must end.
WAIT_SECONDS = 30.0


class SelfTestError(Exception):
    """A step of the self-test found the app not doing what it should; the message says what."""


def check(condition: object, what: str) -> None:
    if not condition:
        raise SelfTestError(what)


def wait_until(condition: Callable[[], object], what: str) -> None:
    """Process events until ``condition()`` holds; ``what`` names what never happened."""
    deadline = time.monotonic() + WAIT_SECONDS
    app = QApplication.instance()
    assert app is not None  # the self-test runs inside the app
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestError(f"{what} (waited {WAIT_SECONDS:.0f} s)")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


Handler = Callable[[QWidget], None]


class ModalAnswers(QObject):
    """Runs an action and answers, in order, the modal dialogs it opens.

    Each handler gets the dialog and must close it (accept, reject or click a button).  A
    dialog nobody expected is closed and fails the step, and so does an expected dialog
    that never opened: the self-test can neither hang on a forgotten question nor pass while a
    screen silently did nothing.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._answer)
        self._handlers: list[tuple[str, Handler]] = []
        self._handled: list[QWidget] = []
        self._errors: list[str] = []

    def run(self, action: Callable[[], object], *handlers: tuple[str, Handler]) -> None:
        """``handlers``: (what the dialog is, for messages; what to do with it)."""
        self._handlers, self._handled, self._errors = list(handlers), [], []
        self._timer.start()
        try:
            action()
        finally:
            self._timer.stop()
        if self._errors:
            raise SelfTestError(self._errors[0])
        if self._handlers:
            raise SelfTestError(f"the {self._handlers[0][0]} never opened")

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or any(dialog is seen for seen in self._handled):
            return
        self._handled.append(dialog)
        if not self._handlers:
            self._errors.append(f"an unexpected dialog opened: {dialog.windowTitle()!r}")
            close(dialog)
            return
        what, handler = self._handlers.pop(0)
        try:
            handler(dialog)
        except Exception as error:
            self._errors.append(f"the {what}: {error}")
            close(dialog)


def close(dialog: QWidget) -> None:
    """Close a modal dialog the way Escape would."""
    if isinstance(dialog, QMessageBox):
        dialog.done(QMessageBox.StandardButton.Cancel.value)
    elif isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()


def click(button: QMessageBox.StandardButton) -> Handler:
    """A handler that presses ``button`` of a message box."""

    def press(box: QWidget) -> None:
        check(isinstance(box, QMessageBox), f"{box.windowTitle()!r} is not a question box")
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return press
