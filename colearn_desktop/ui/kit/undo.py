"""Edit ▸ Undo and Redo: a view of the journal's own history (``journal.undo``).

The core records every user action as it happens, whichever screen (or command) made it, so
the window only shows the most recent operation's name in its actions and asks the core to
undo or redo it.  No screen records anything here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.kit.plain_text import warn
from colearn_desktop.ui.kit.undo_names import translated_step


class JournalUndo(QObject):
    """Holds the Undo and Redo actions; emits ``status`` with a sentence for the status bar
    after each undo or redo."""

    status = Signal(str)

    def __init__(self, journal: Journal, window: QWidget):
        super().__init__(window)
        self._journal = journal
        self._window = window
        self.undo_action = QAction(window)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(window)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.refresh()

    def refresh(self) -> None:
        """Name the operations Undo and Redo would act on (the journal may have changed
        through another window or a command since: the menu asks again before it opens)."""
        try:
            undo, redo = self._journal.undo.next_undo(), self._journal.undo.next_redo()
        except JournalError:
            undo = redo = None
        # Kept enabled: Ctrl+Z with nothing to undo says so instead of doing nothing.  A "&"
        # the user typed in a name is shown, not taken as a mnemonic.
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", _shown(undo.label)) if undo else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo %1").replace("%1", _shown(redo.label)) if redo else self.tr("&Redo")
        )

    def undo(self) -> None:
        self._run(redo=False)

    def redo(self) -> None:
        self._run(redo=True)

    def _run(self, *, redo: bool) -> None:
        history = self._journal.undo
        try:
            step = history.redo() if redo else history.undo()
        except JournalError as error:
            if (history.next_redo() if redo else history.next_undo()) is None:
                self.status.emit(
                    self.tr("There is nothing to redo.")
                    if redo
                    else self.tr("There is nothing to undo.")
                )
            else:
                title = self.tr("Could not redo") if redo else self.tr("Could not undo")
                warn(self._window, title, str(error))
            self.refresh()
            return
        self.refresh()
        if redo:
            text = self.tr("Redid “%1”. Ctrl+Z undoes it again.")
        else:
            text = self.tr("Undid “%1”. Ctrl+Shift+Z does it again.")
        self.status.emit(text.replace("%1", translated_step(step.label)))


def _shown(label: str, limit: int = 70) -> str:
    """A label as a menu item shows it: in the user's language, shortened (a favour's
    description can be a page) and with any "&" the user typed shown, not as a mnemonic."""
    label = translated_step(label)
    if len(label) > limit:
        label = label[: limit - 1].rstrip() + "…"
    return label.replace("&", "&&")
