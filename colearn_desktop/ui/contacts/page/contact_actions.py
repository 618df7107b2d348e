"""The user's actions on contacts and conversations (the journal records each for undo).

Kept out of the main window so that the window stays layout and navigation only, and so that
tests can drive every action without menus.  The dialogs' modules are imported when one is
first opened, not when the window starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.drafts import DraftStore
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import deletion_confirmed

if TYPE_CHECKING:
    from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
    from colearn_desktop.ui.today.quick_log import QuickLogDialog


class ContactActions(QObject):
    """Emits ``contact_shown(id)`` when an action wants a contact on screen, and ``status``
    with a short sentence for the status bar."""

    contact_shown = Signal(int)
    status = Signal(str)

    def __init__(self, journal: Journal, drafts: DraftStore, window: QWidget):
        super().__init__(window)
        self._journal = journal
        self._drafts = drafts
        self._window = window

    def _name(self, contact_id: int) -> str:
        return self._journal.contacts.get(contact_id).display_name

    def new_contact(self) -> int | None:
        from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor

        editor = ContactEditor(self._journal, None, self._window)
        if editor.exec() != QDialog.DialogCode.Accepted or editor.contact_id is None:
            return None
        contact_id = editor.contact_id
        self.contact_shown.emit(contact_id)
        self._after_referral(editor, None)
        return contact_id

    def edit_contact(self, contact_id: int) -> bool:
        from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor

        detail = self._journal.contacts.get(contact_id)
        editor = ContactEditor(self._journal, detail, self._window)
        if editor.exec() != QDialog.DialogCode.Accepted or editor.saved is None:
            return False
        self._after_referral(editor, detail.data.referred_by_id)
        return True

    def _after_referral(self, editor: ContactEditor, before: int | None) -> None:
        """Offer to note a favour when someone was newly recorded as a referrer."""
        saved = editor.saved
        contact_id = editor.contact_id
        if saved is None or contact_id is None or saved.referred_by_id in (None, before):
            return
        from colearn_desktop.ui.referrals.referral_thanks import offer_referral_favour

        offer_referral_favour(self._window, self._journal, contact_id)

    def archive(self, contact_id: int) -> None:
        name = self._name(contact_id)
        if not self._attempt(lambda: self._journal.contacts.archive(contact_id)):
            return
        self.status.emit(self.tr("Archived %1. Ctrl+Z brings them back.").replace("%1", name))

    def restore(self, contact_id: int) -> None:
        name = self._name(contact_id)
        if not self._attempt(lambda: self._journal.contacts.restore(contact_id)):
            return
        self.status.emit(self.tr("Restored %1.").replace("%1", name))

    def delete_permanently(self, contact_id: int) -> bool:
        name = self._name(contact_id)
        if not deletion_confirmed(
            self._window,
            self.tr("Delete %1 permanently?").replace("%1", name),
            self.tr(
                "%1 and their favours, purchases and the conversations nobody else took part "
                "in will be deleted. This cannot be undone (a backup is your only way back)."
            ).replace("%1", name),
            self.tr("&Delete permanently"),
        ):
            return False
        backup: list[object] = []
        # A permanent delete is the one change undo cannot reverse: back up first, and do
        # not delete at all when the backup fails.
        if not self._attempt(lambda: backup.append(self._journal.backups.before("delete"))):
            return False
        if not self._attempt(lambda: self._journal.contacts.delete_permanently(contact_id)):
            return False
        where = backup[0]
        message = self.tr("Deleted %1.").replace("%1", name)
        if where:
            message += " " + self.tr("A backup from just before is %1.").replace("%1", str(where))
        self.status.emit(message)
        return True

    def log_conversation(self, contact_id: int | None = None) -> int | None:
        from colearn_desktop.ui.today.quick_log import QuickLogDialog

        dialog = QuickLogDialog(self._journal, self._drafts, self._window, contact_id=contact_id)
        return self._finish_log(dialog)

    def resume_draft(self, draft) -> int | None:  # type: ignore[no-untyped-def]
        from colearn_desktop.ui.today.quick_log import QuickLogDialog

        dialog = QuickLogDialog(self._journal, self._drafts, self._window, draft=draft)
        return self._finish_log(dialog)

    def _finish_log(self, dialog: QuickLogDialog) -> int | None:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.conversation_id is None:
            return None
        conversation_id = dialog.conversation_id
        self.status.emit(self.tr("Conversation saved."))
        return conversation_id

    def edit_conversation(self, conversation_id: int) -> bool:
        from colearn_desktop.ui.today.conversation_editor import ConversationEditor

        view = self._journal.conversations.get(conversation_id)
        editor = ConversationEditor(self._journal, view, self._window)
        return editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None

    def delete_conversation(self, conversation_id: int) -> None:
        if not self._attempt(lambda: self._journal.conversations.delete(conversation_id)):
            return
        self.status.emit(self.tr("Conversation moved to the trash. Ctrl+Z brings it back."))

    def _attempt(self, action: Callable[[], object]) -> bool:
        return bool(attempt(self._window, self.tr("Not saved"), action))
