"""The Selected menu of the contacts list: one action on every selected contact, as one
undo step ("Add tag designer to 212 contacts"), and the bar above the list that says how
many are selected.

The selection goes to the core as a query (see ``selection.py``): Ctrl+A on a filtered
list of 100,000 contacts reads no rows here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.bulk import BulkOutcome
from colearn_desktop.core.people.contact_list import ContactQuery, Scope
from colearn_desktop.ui.contacts.bulk.bulk_dialogs import (
    BulkDialog,
    ConversationFields,
    cadence_box,
    stage_box,
    tag_box,
)
from colearn_desktop.ui.contacts.bulk.selection import (
    selected_spans,
    selection_query,
    span_count,
)
from colearn_desktop.ui.contacts.contacts_model import ContactsModel
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import deletion_confirmed, plain_label

# More than this many contacts are too many to compare side by side in the merge dialog.
MERGE_AT_MOST = 20

# A sentence with a count in it, translated with the count (plural forms differ by language).
Counted = Callable[[int], str]


class BulkActions(QObject):
    """Emits ``status`` with a sentence for the status bar after each action,
    ``export_requested(query)`` for the window's export dialog and ``merge_requested(ids)``
    for the merge dialog (other screens')."""

    status = Signal(str)
    export_requested = Signal(object)
    merge_requested = Signal(list)
    count_changed = Signal(int)

    def __init__(self, journal: Journal, table: QTableView, model: ContactsModel, parent: QWidget):
        super().__init__(parent)
        self._journal = journal
        self._table = table
        self._model = model
        self._parent = parent
        self.menu = QMenu(self.tr("&Selected contacts"), parent)
        self.add_tag_action = self._add(self.tr("Add a &tag…"), self.add_tag)
        self.remove_tag_action = self._add(self.tr("Remove a ta&g…"), self.remove_tag)
        self.stage_action = self._add(self.tr("Set the &stage…"), self.set_stage)
        self.cadence_action = self._add(self.tr("Set &keep in touch…"), self.set_cadence)
        self.menu.addSeparator()
        self.log_action = self._add(self.tr("&Log one conversation with them…"), self.log)
        self.export_action = self._add(self.tr("E&xport them…"), self.export)
        self.merge_action = self._add(self.tr("&Merge them…"), self.merge)
        self.menu.addSeparator()
        self.archive_action = self._add(self.tr("&Archive them"), self.archive)
        self.restore_action = self._add(self.tr("&Restore them"), self.restore)
        self.menu.aboutToShow.connect(self._enable)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(self._selection_changed)

    def _add(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._parent)
        action.triggered.connect(lambda _=False: slot())
        self.menu.addAction(action)
        return action

    # -- the selection --------------------------------------------------------------------

    def count(self) -> int:
        """How many rows are selected (no row is read)."""
        return span_count(selected_spans(self._table.selectionModel().selection()))

    def selection(self) -> ContactQuery | None:
        return selection_query(self._model, self._table.selectionModel().selection())

    def _selection_changed(self, *_args: object) -> None:
        self.count_changed.emit(self.count())

    def fill(self, menu: QMenu) -> None:
        """Put the actions in ``menu`` too (the window's Contact ▸ Selected contacts)."""
        self._enable()
        menu.clear()
        menu.addActions(self.menu.actions())

    def _enable(self) -> None:
        """Archive for a list of active contacts, Restore for the archive, both for all."""
        count = self.count()
        for action in self.menu.actions():
            action.setEnabled(count > 0)
        scope = self._model.query.scope
        self.archive_action.setVisible(scope is not Scope.ARCHIVED)
        self.restore_action.setVisible(scope is not Scope.ACTIVE)

    # -- the actions ----------------------------------------------------------------------

    def add_tag(self) -> BulkOutcome | None:
        return self._tag_form(
            self._journal.bulk.add_tag,
            lambda n: self.tr("Add a tag to %n contact(s)", "", n),
            lambda n: self.tr("Tagged %n contact(s).", "", n),
        )

    def remove_tag(self) -> BulkOutcome | None:
        return self._tag_form(
            self._journal.bulk.remove_tag,
            lambda n: self.tr("Remove a tag from %n contact(s)", "", n),
            lambda n: self.tr("Took the tag off %n contact(s).", "", n),
        )

    def _tag_form(
        self, act: Callable[[ContactQuery, str], BulkOutcome], title: Counted, done: Counted
    ) -> BulkOutcome | None:
        def build(dialog: BulkDialog, selection: ContactQuery) -> None:
            box = tag_box(self._journal.tags.all(), dialog)
            dialog.row(self.tr("&Tag"), box, "tag")
            dialog.act = lambda: act(selection, box.currentText())

        return self._form(title, done, build)

    def set_stage(self) -> BulkOutcome | None:
        def build(dialog: BulkDialog, selection: ContactQuery) -> None:
            box = stage_box(dialog)
            dialog.row(self.tr("&Stage"), box, "stage")
            dialog.act = lambda: self._journal.bulk.set_stage(selection, Stage(box.currentData()))

        return self._form(
            lambda n: self.tr("Set the stage of %n contact(s)", "", n),
            lambda n: self.tr("Set the stage of %n contact(s).", "", n),
            build,
        )

    def set_cadence(self) -> BulkOutcome | None:
        def build(dialog: BulkDialog, selection: ContactQuery) -> None:
            box = cadence_box(dialog)
            dialog.row(self.tr("&Every"), box, "cadence_days")
            dialog.act = lambda: self._journal.bulk.set_cadence(selection, box.value() or None)

        return self._form(
            lambda n: self.tr("Keep in touch with %n contact(s)", "", n),
            lambda n: self.tr("Set keep in touch for %n contact(s).", "", n),
            build,
        )

    def log(self) -> BulkOutcome | None:
        def build(dialog: BulkDialog, selection: ContactQuery) -> None:
            fields = ConversationFields(dialog, self._journal.clock.now())
            dialog.act = lambda: self._journal.bulk.log_conversation(
                selection, fields.value(self._journal.clock.now())
            )

        return self._form(
            lambda n: self.tr("Log one conversation with %n contact(s)", "", n),
            lambda n: self.tr("Logged one conversation with %n contact(s).", "", n),
            build,
        )

    def export(self) -> None:
        selection = self.selection()
        if selection is not None:
            self.export_requested.emit(selection)

    def merge(self) -> None:
        """Merge the selected contacts: side by side, field by field, so only a handful at a
        time (a list of hundreds is cleaned up through Find duplicates instead)."""
        selection = self.selection()
        if selection is None:
            return
        ids = self._journal.contact_list.first_ids(selection, MERGE_AT_MOST + 1)
        if len(ids) < 2:
            self.status.emit(self.tr("Select two or more contacts to merge them."))
        elif len(ids) > MERGE_AT_MOST:
            self.status.emit(
                self.tr(
                    "Merging compares contacts field by field: select at most %n contacts, "
                    "or use Contact ▸ Find duplicates.",
                    "",
                    MERGE_AT_MOST,
                )
            )
        else:
            self.merge_requested.emit(ids)

    def archive(self) -> BulkOutcome | None:
        return self._at_once(
            self._journal.bulk.archive,
            lambda n: self.tr("Archived %n contact(s). Ctrl+Z brings them back.", "", n),
        )

    def archive_several(self) -> bool:
        """Edit ▸ Archive contact (Delete) with several contacts selected: archive all of
        them, one undo step (not just the one shown beside the list); in the list of archived
        contacts, delete them permanently after asking.  False when one or none is selected:
        the window then acts on the contact shown, as for a single contact."""
        if self.count() < 2:
            return False
        if self._model.query.scope is Scope.ARCHIVED:
            self.delete_permanently()  # (Delete on archived contacts deletes them)
        else:
            self.archive()
        return True

    def delete_permanently(self) -> BulkOutcome | None:
        """Delete on several archived contacts: all of them, after asking, as Delete on one
        archived contact does (a backup first; nothing to undo)."""
        count = self.count()
        selection = self.selection()  # what was selected when Delete was pressed
        if selection is None:
            return None
        question = self.tr("Delete %n contact(s) permanently?", "", count)
        text = question + "\n\n"  # (the question in the text too: a title bar may cut it short)
        text += self.tr(
            "The %n selected contact(s), their favours and purchases and the conversations "
            "nobody else took part in will be deleted. This cannot be undone (a backup "
            "is your only way back).",
            "",
            count,
        )
        if not deletion_confirmed(self._parent, question, text, self.tr("&Delete permanently")):
            return None
        found = attempt(
            self._parent,
            self.tr("Not deleted"),
            lambda: self._journal.bulk.delete_permanently(selection),
        )
        if not found or found.value is None:
            return None
        outcome = found.value
        message = self.tr("Deleted %n contact(s) permanently.", "", outcome.count)
        if outcome.backup is not None:
            message += " " + self.tr("A backup from just before is %1.").replace(
                "%1", str(outcome.backup)
            )
        self.status.emit(message)
        return outcome

    def restore(self) -> BulkOutcome | None:
        return self._at_once(
            self._journal.bulk.restore,
            lambda n: self.tr("Restored %n contact(s).", "", n),
        )

    # -- how they run ---------------------------------------------------------------------

    def _form(
        self,
        title: Counted,
        done: Counted,
        build: Callable[[BulkDialog, ContactQuery], None],
    ) -> BulkOutcome | None:
        count = self.count()
        selection = self.selection()
        if selection is None:
            return None
        dialog = BulkDialog(
            title(count),
            self.tr("The change is one step: Ctrl+Z takes it back for all of them."),
            self._parent,
        )
        build(dialog, selection)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return None
        self._report(done, dialog.outcome)
        return dialog.outcome

    def _at_once(
        self, act: Callable[[ContactQuery], BulkOutcome], done: Counted
    ) -> BulkOutcome | None:
        selection = self.selection()
        if selection is None:
            return None
        found = attempt(self._parent, self.tr("Not saved"), lambda: act(selection))
        if not found or found.value is None:
            return None
        self._report(done, found.value)
        return found.value

    def _report(self, done: Counted, outcome: BulkOutcome) -> None:
        message = done(outcome.count)
        if outcome.backup is not None:
            message += " " + self.tr(
                "That is too many to undo with Ctrl+Z; a backup from just before is %1."
            ).replace("%1", str(outcome.backup))
        self.status.emit(message)


class SelectionBar(QWidget):
    """ "212 selected" and the Selected menu, above the list while more than one contact is
    selected (one selected contact is simply the contact shown beside the list)."""

    def __init__(self, actions: BulkActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = plain_label("", self, wrap=False)
        self.button = QPushButton(self.tr("&Act on the selected"), self)
        self.button.setMenu(actions.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        actions.count_changed.connect(self.show_count)
        self.setVisible(False)

    def show_count(self, count: int) -> None:
        self.label.setText(self.tr("%n contact(s) selected", "", count))
        self.setVisible(count > 1)
        self.label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
