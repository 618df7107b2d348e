"""Contact ▸ Find duplicates: the groups of contacts that are probably one person, with why;
"Merge…" for a selected group (or some of its contacts), and "Not the same person" for a
pair that is not."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.contacts.duplicates.duplicates_model import DuplicatesModel
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import ErrorLabel, muted, plain_label

# Beyond this many groups (a freshly merged address book) they open closed: expanding
# tens of thousands of rows at once would hold the window up.
EXPANDED_GROUPS = 300


class DuplicatesDialog(QDialog):
    loaded = Signal()  # the groups are shown (tests wait for it)
    merged = Signal(str, int)  # the status bar's sentence, the kept contact

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self.setWindowTitle(self.tr("Duplicate contacts"))
        self.model = DuplicatesModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setStretchLastSection(True)
        self.status = plain_label(self.tr("Looking for duplicates…"), self)
        self.banner = ErrorLabel(self)
        note = muted(
            plain_label(
                self.tr(
                    "Select a group, or some contacts of a group, and choose “Merge…” to keep "
                    "one record of that person (Ctrl+Z brings them back). Select a group of "
                    "two, or two contacts of a group, and choose “Not the same person” to stop "
                    "suggesting them."
                ),
                self,
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.not_same = QPushButton(self.tr("&Not the same person"), self)
        self.not_same.setEnabled(False)
        self.merge_button = QPushButton(self.tr("&Merge…"), self)
        self.merge_button.setEnabled(False)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.not_same, QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.clicked.connect(self.merge_selected)
        buttons.rejected.connect(self.reject)
        self.not_same.clicked.connect(self.mark_not_same)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.banner)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._worker = Background(self, what="while finding duplicates")
        self.resize(820, 520)
        self.reload()

    def reload(self) -> None:
        self._worker.run(self._journal.duplicates.groups, self._show)

    def _show(self, answer: object) -> None:
        if isinstance(answer, Exception):
            self.status.setText(
                self.tr(
                    "The duplicates could not be read (%1); nothing was changed. Close this "
                    "window and open it again."
                ).replace("%1", str(answer))
            )
            return
        assert isinstance(answer, list)
        self.model.set_groups(answer)
        if len(answer) <= EXPANDED_GROUPS:
            self.view.expandAll()
        self.status.setText(
            self.tr("No likely duplicates among the active contacts.")
            if not answer
            else self.tr(
                "%n group(s) of contacts that are probably one person, surest first.",
                "",
                len(answer),
            )
        )
        if answer:  # the surest group is selected: Merge… and the arrows start there
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._selection_changed()
        self.loaded.emit()

    def selected_pair(self) -> tuple[int, int] | None:
        """The two contacts the button would mark: a selected group of two, or two selected
        contacts of one group."""
        rows = self.view.selectionModel().selectedRows()
        groups = {id(g): g for g in (self.model.group_at(i) for i in rows) if g is not None}
        if len(groups) != 1:
            return None
        [group] = groups.values()
        members = [m.id for m in (self.model.member_at(i) for i in rows) if m is not None]
        if len(members) == 2:
            return members[0], members[1]
        if not members and len(group.members) == 2:
            return group.members[0].id, group.members[1].id
        return None

    def selected_to_merge(self) -> list[int]:
        """The contacts "Merge…" would take, in the group's order: a selected group, or the
        selected contacts of one group (two at least)."""
        rows = self.view.selectionModel().selectedRows()
        groups = {id(g): g for g in (self.model.group_at(i) for i in rows) if g is not None}
        if len(groups) != 1:
            return []
        [group] = groups.values()
        chosen = {m.id for m in (self.model.member_at(i) for i in rows) if m is not None}
        ids = [m.id for m in group.members if not chosen or m.id in chosen]
        return ids if len(ids) >= 2 else []

    def _selection_changed(self, *_args: object) -> None:
        self.not_same.setEnabled(self.selected_pair() is not None)
        self.merge_button.setEnabled(bool(self.selected_to_merge()))

    def merge_selected(self) -> None:
        from colearn_desktop.ui.contacts.merge.merge_dialog import MergeDialog

        ids = self.selected_to_merge()
        dialog = MergeDialog.for_contacts(self._journal, ids, self) if ids else None
        if dialog is not None and dialog.exec() == MergeDialog.DialogCode.Accepted:
            self.merged.emit(dialog.status_text, dialog.plan.kept.id)
            self.reload()

    def mark_not_same(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        outcome = attempt(
            self,
            self.tr("Not the same person"),
            lambda: self._journal.duplicates.mark_not_same(*pair),
            banner=self.banner,
        )
        if outcome:
            self.reload()

    def done(self, result: int) -> None:
        self._worker.close()
        super().done(result)
