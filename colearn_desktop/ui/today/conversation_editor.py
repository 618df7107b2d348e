"""Editing a logged conversation: the quick-log form, filled in, saving as an update."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ConversationInput, ConversationView
from colearn_desktop.ui.today.quick_log import QuickLogDialog


class ConversationEditor(QuickLogDialog):
    def __init__(self, journal: Journal, view: ConversationView, parent: QWidget | None = None):
        super().__init__(journal, None, parent)
        self.setWindowTitle(self.tr("Edit conversation"))
        self._view = view
        self.saved: ConversationInput | None = None
        self.fill(view.data, {p.id: p.display_name for p in view.participants})

    def commit(self) -> None:
        data = self.current_input()
        self._journal.conversations.update(self._view.id, data)
        self.conversation_id = self._view.id
        self.saved = data

    def reject(self) -> None:
        # Editing keeps the stored conversation; closing just drops the changes.
        self._autosave.stop()
        super(QuickLogDialog, self).reject()
