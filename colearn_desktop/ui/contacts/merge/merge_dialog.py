"""Merge contacts: side by side, field by field (issue #17).

The user chooses which contact is kept and, for each single field the contacts disagree on,
whose value wins; e-mails, phones, links and tags are united and the notes joined, both shown
before anything changes, with what moves ("12 conversations, 2 favours").  Merge is one
undoable step: Ctrl+Z brings the merged contacts back.  Everything is reachable from the
keyboard: Alt+K the kept contact, one access key per field, Alt+U the preview, Alt+M merges.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.merge.plan import MergePlan, Moves
from colearn_desktop.ui.contacts.merge.field_rows import FieldRows
from colearn_desktop.ui.kit.plain_text import warn
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import ErrorLabel, muted, plain_label

# The dialog's own access keys (Keep, Merge, United lists): field rows take other letters.
_OWN_KEYS = frozenset("kmu")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MergeDialog", text)


def preview_text(plan: MergePlan) -> str:
    """What the kept contact's lists and notes will hold."""
    merged = plan.merged()
    lines = []
    for title, values in (
        (_tr("E-mails"), [e.value for e in merged.emails]),
        (_tr("Phones"), [p.value for p in merged.phones]),
        (_tr("Links"), [link.value for link in merged.links]),
        (_tr("Tags"), list(merged.tags)),
    ):
        lines.append(f"{title}: {', '.join(values) if values else _tr('none')}")
    lines += ["", _tr("Notes:"), merged.notes or _tr("none")]
    return "\n".join(lines)


class MergeDialog(QDialog):
    def __init__(self, journal: Journal, plan: MergePlan, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self.plan = plan
        self.status_text = ""  # for the status bar, once merged
        self.setWindowTitle(self.tr("Merge contacts"))
        self.banner = ErrorLabel(self)
        self.keep = QComboBox(self)
        for contact in plan.contacts:
            self.keep.addItem(f"{contact.display_name}  (#{contact.id})", contact.id)
        self.keep.activated.connect(self._keep_changed)
        self.rows = FieldRows(self._winner_changed, set(_OWN_KEYS), self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.moves = plain_label("", self)
        note = muted(
            plain_label(
                self.tr(
                    "The merged contacts' ids keep naming the kept contact, so a later import "
                    "of them lands on it. Ctrl+Z brings them back."
                ),
                self,
            )
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("&Merge"))
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Keep:"), self.keep)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(plain_label(self.tr("For each field they disagree on, keep:"), self))
        layout.addWidget(scroll, 1)
        united = QLabel(self.tr("&United lists and notes:"), self)
        united.setBuddy(self.preview)
        layout.addWidget(united)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.moves)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 600)
        self._show_plan()
        self.keep.setFocus()

    @classmethod
    def for_contacts(
        cls, journal: Journal, contact_ids: Sequence[int], parent: QWidget | None = None
    ) -> MergeDialog | None:
        """The dialog for ``contact_ids`` (the first is kept at first); None when the journal
        refuses the merge (an archived contact, one named twice ...), already said."""
        title = QCoreApplication.translate("MergeDialog", "Merge contacts")
        if len(set(contact_ids)) < 2:
            warn(
                parent,
                title,
                QCoreApplication.translate(
                    "MergeDialog",
                    "Select two or more contacts to merge; nothing was merged.",
                ),
            )
            return None
        outcome = attempt(
            parent, title, lambda: journal.merge.plan(contact_ids[0], list(contact_ids[1:]))
        )
        if not outcome or outcome.value is None:
            return None
        return cls(journal, outcome.value, parent)

    def _show_plan(self) -> None:
        self.rows.show_plan(self.plan)
        self.preview.setPlainText(preview_text(self.plan))
        moved = self.moves_text(self.plan.moves)
        self.moves.setText(
            self.tr("Moves to %1: %2.")
            .replace("%1", self.plan.kept.display_name)
            .replace("%2", moved)
            if moved
            else self.tr("No conversations, favours or purchases to move.")
        )

    def moves_text(self, moves: Moves) -> str:
        """ "12 conversations, 2 favours", in the user's language (literal strings, so that
        lupdate finds each plural)."""
        parts = [
            self.tr("%n conversation(s)", "", moves.conversations),
            self.tr("%n favour(s)", "", moves.favours),
            self.tr("%n purchase(s)", "", moves.purchases),
            self.tr("%n reminder(s)", "", moves.reminders),
            self.tr("%n referral ask(s)", "", moves.referral_asks),
            self.tr("%n referral(s) they made", "", moves.referrals),
        ]
        counts = (
            moves.conversations,
            moves.favours,
            moves.purchases,
            moves.reminders,
            moves.referral_asks,
            moves.referrals,
        )
        return ", ".join(part for part, count in zip(parts, counts, strict=True) if count)

    def _keep_changed(self, _index: int) -> None:
        kept = self.keep.currentData()
        others = [c.id for c in self.plan.contacts if c.id != kept]
        outcome = attempt(
            self,
            self.windowTitle(),
            lambda: self._journal.merge.plan(kept, others),
            banner=self.banner,
        )
        if outcome and outcome.value is not None:
            self.plan = outcome.value
            self._show_plan()

    def _winner_changed(self, key: str, contact_id: int) -> None:
        self.plan = self.plan.with_winner(key, contact_id)
        self.preview.setPlainText(preview_text(self.plan))

    def merge(self) -> None:
        plan = self.plan
        outcome = attempt(
            self, self.windowTitle(), lambda: self._journal.merge.merge(plan), banner=self.banner
        )
        if not outcome:
            return
        others = ", ".join(o.display_name for o in plan.others)
        self.status_text = (
            self.tr("Merged %1 into %2. Ctrl+Z brings them back.")
            .replace("%1", others)
            .replace("%2", plan.kept.display_name)
        )
        self.accept()
