"""Modal dialogs in a story.

A key that opens a modal dialog does not return until the dialog closes (``exec()`` runs its
own event loop), so what the person does inside the dialog is given beforehand, as ``inside``,
and runs while the dialog is open.  A failure inside closes every dialog it opened, so a
broken story fails with its message instead of hanging until the timeout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.exceptions import TimeoutError

from tests.acceptance.keys import press

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
    outer = QApplication.activeModalWidget()
    window = QApplication.activeWindow()
    outcome: dict[str, object] = {}

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if (
            dialog is None
            or dialog is outer
            or not dialog.isVisible()
            or not isinstance(dialog, kind)
            or title not in dialog.windowTitle()
        ):
            if "done" not in outcome:
                QTimer.singleShot(POLL_MS, attempt)
            return
        outcome["opened"] = dialog.windowTitle()
        try:
            # The keyboard is in the dialog (it may place its cursor a moment after showing).
            qtbot.waitUntil(lambda: _focus_inside(dialog), timeout=OPEN_TIMEOUT_MS)
            outcome["result"] = inside(dialog)
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=OPEN_TIMEOUT_MS)
        except BaseException as error:
            outcome["error"] = error
            _close_modals_above(outer)
        finally:
            outcome["done"] = True

    QTimer.singleShot(0, attempt)
    press(qtbot, *((keys,) if isinstance(keys, str) else keys))
    try:
        qtbot.waitUntil(lambda: "done" in outcome, timeout=OPEN_TIMEOUT_MS)
    except TimeoutError:
        outcome["done"] = True  # stop looking
        shown = QApplication.activeModalWidget()
        raise AssertionError(
            f"{keys!r} opened no {kind.__name__} {title!r}; the modal window is "
            f"{shown.windowTitle() if shown else None!r}"
        ) from None
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    reactivate(qtbot, window)
    return outcome.get("result")
