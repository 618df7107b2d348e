"""Modal dialogs in a story.

A key that opens a modal dialog does not return until the dialog closes (``exec()`` runs its
own event loop), so what the person does inside the dialog is given beforehand, as ``inside``,
and runs while the dialog is open.  A failure inside closes every dialog it opened, so a
broken story fails with its message instead of hanging until the timeout.  When one key
leads to two dialogs in a row (save a contact, then a question), the second is expected
(:func:`expect_dialog`) before the key is pressed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.exceptions import TimeoutError

from tests.acceptance.keys import press
from tests.acceptance.screen import is_gone

Dialog = TypeVar("Dialog", bound=QWidget)
POLL_MS = 10
OPEN_TIMEOUT_MS = 5000


def reactivate(qtbot, window: QWidget | None) -> None:
    """Give the window the keyboard back after a dialog closed, as a desktop does (offscreen
    Qt and a bare X server without a window manager leave no window active)."""
    if window is None or not window.isVisible() or window.isActiveWindow():
        return
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _focus_inside(dialog: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is dialog or dialog.isAncestorOf(focus))


def _close_modals_above(outer: QWidget | None) -> None:
    while (modal := QApplication.activeModalWidget()) is not None and modal is not outer:
        if isinstance(modal, QDialog):
            QDialog.done(modal, QDialog.DialogCode.Rejected)
        else:
            modal.close()
        QApplication.processEvents()


class Expected(Generic[Dialog]):
    """A modal ``kind`` dialog (``title`` in its title) that is about to open: once it is
    open and has the keyboard, ``inside(dialog)`` runs; :meth:`wait` returns its result."""

    def __init__(
        self, qtbot, kind: type[Dialog], inside: Callable[[Dialog], object], title: str = ""
    ):
        self._qtbot = qtbot
        self._kind, self._inside, self._title = kind, inside, title
        self._outer = QApplication.activeModalWidget()
        self._window = QApplication.activeWindow()
        self._outcome: dict[str, object] = {}
        QTimer.singleShot(0, self._attempt)

    def _matches(self, dialog: QWidget | None) -> bool:
        return (
            dialog is not None
            and dialog is not self._outer
            and dialog.isVisible()
            and isinstance(dialog, self._kind)
            and self._title in dialog.windowTitle()
        )

    def _attempt(self) -> None:
        if "done" in self._outcome:
            return
        dialog = QApplication.activeModalWidget()
        if not self._matches(dialog):
            QTimer.singleShot(POLL_MS, self._attempt)
            return
        qtbot = self._qtbot
        try:
            # The keyboard is in the dialog (it may place its cursor a moment after showing).
            qtbot.waitUntil(lambda: _focus_inside(dialog), timeout=OPEN_TIMEOUT_MS)
            self._outcome["result"] = self._inside(dialog)  # type: ignore[arg-type]
            qtbot.waitUntil(lambda: is_gone(dialog), timeout=OPEN_TIMEOUT_MS)
        except BaseException as error:
            self._outcome["error"] = error
            _close_modals_above(self._outer)
        finally:
            self._outcome["done"] = True

    def wait(self, after: str = "") -> object:
        """The result of ``inside``, once the dialog was handled (``after``: the keys that
        were to open it, for the message when it did not open)."""
        try:
            self._qtbot.waitUntil(lambda: "done" in self._outcome, timeout=OPEN_TIMEOUT_MS)
        except TimeoutError:
            self._outcome["done"] = True  # stop looking
            shown = QApplication.activeModalWidget()
            raise AssertionError(
                f"{after or 'the story'} opened no {self._kind.__name__} {self._title!r}; the "
                f"modal window is {shown.windowTitle() if shown else None!r}"
            ) from None
        if "error" in self._outcome:
            raise self._outcome["error"]  # type: ignore[misc]
        reactivate(self._qtbot, self._window)
        return self._outcome.get("result")


def expect_dialog(
    qtbot, kind: type[Dialog], inside: Callable[[Dialog], object], *, title: str = ""
) -> Expected[Dialog]:
    """Get ready for a dialog that a later key opens (see :class:`Expected`)."""
    return Expected(qtbot, kind, inside, title)


def in_dialog(
    qtbot,
    keys: str | tuple[str, ...],
    kind: type[Dialog],
    inside: Callable[[Dialog], object],
    *,
    title: str = "",
) -> object:
    """Press ``keys``, which open a modal ``kind`` dialog (with ``title`` in its title); run
    ``inside(dialog)`` while it is open; return what ``inside`` returned.  The dialog must be
    closed by ``inside``'s keys."""
    expected = Expected(qtbot, kind, inside, title)
    press(qtbot, *((keys,) if isinstance(keys, str) else keys))
    return expected.wait(after=repr(keys))
