"""Undo for the journal's user actions (archive, edit, log ...).

Each action is performed through the journal first; only when it succeeded is a command pushed
on the stack, carrying how to undo and redo it (again through the journal).  So a failed save
never leaves an undo entry, and undo itself is an ordinary, validated journal change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from colearn_desktop.core.errors import JournalError
from colearn_desktop.ui.kit.plain_text import warn


class JournalCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        undo: Callable[[], object],
        redo: Callable[[], object],
        report: Callable[[JournalError], None],
    ):
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._report = report
        self._first = True

    def undo(self) -> None:
        self._run(self._undo)

    def redo(self) -> None:
        if self._first:  # the action itself already ran before the push
            self._first = False
            return
        self._run(self._redo)

    def _run(self, action: Callable[[], object]) -> None:
        # Exceptions must not escape a Qt virtual: report them instead.
        try:
            action()
        except JournalError as error:
            self._report(error)


class JournalUndoStack(QUndoStack):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._window = parent

    def record(self, text: str, undo: Callable[[], object], redo: Callable[[], object]) -> None:
        self.push(JournalCommand(text, undo, redo, self._report))

    def _report(self, error: JournalError) -> None:
        warn(self._window, self.tr("Could not undo"), str(error))
