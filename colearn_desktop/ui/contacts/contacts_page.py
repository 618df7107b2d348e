"""The contacts list screen: a filter that narrows as you type, quick filters, the table.

The tag filter's list is read on a worker thread (counting each tag's contacts takes a
moment on a big journal), so the list paints first; until it arrives it offers "All tags".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.events import ABOUT_CONTACTS, Change, Topic
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.contact_list import Scope
from colearn_desktop.core.records import TagView
from colearn_desktop.ui.contacts.bulk.bulk_actions import BulkActions, SelectionBar
from colearn_desktop.ui.contacts.bulk.selection import selected_spans, span_count
from colearn_desktop.ui.contacts.contacts_model import ID_ROLE, Column, ContactsModel
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy

FILTER_DELAY_MS = 150
TAG_TOPICS = frozenset({Topic.TAGS, Topic.CONTACTS, Topic.IMPORTS, Topic.JOURNAL})


class ContactsPage(QWidget):
    """Emits ``contact_activated(id)`` when a row is opened (double-click or Enter)."""

    contact_activated = Signal(int)
    tags_loaded = Signal()
    # The filters leave nobody in the list (the contact's page must not show someone else).
    nobody_matches = Signal()

    def __init__(
        self,
        journal: Journal,
        signals: JournalSignals | None = None,
        parent: QWidget | None = None,
    ):
        """Without ``signals`` the page is refreshed only by its owner (``refresh()``)."""
        super().__init__(parent)
        self._journal = journal
        self._tags_worker = Background(self)
        self.model = ContactsModel(journal, self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, company, e-mail or tag"))
        self.filter_edit.setClearButtonEnabled(True)
        self.stage_box, self.tag_box, self.scope_box = self._make_filter_boxes()
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.table = self._make_table()
        self.filter_edit.installEventFilter(self)
        self.bulk, self.selection_bar = self._make_bulk()

        filters = QHBoxLayout()
        filters.addWidget(self.stage_box, 1)
        filters.addWidget(self.tag_box, 1)
        filters.addWidget(self.scope_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filters)
        layout.addWidget(self.selection_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self._typing_paused)
        self._typed_while_hidden = False
        self.filter_edit.textChanged.connect(self._debounce.start)
        self.filter_edit.returnPressed.connect(self._open_first)
        self.stage_box.currentIndexChanged.connect(self._filters_changed)
        self.tag_box.currentIndexChanged.connect(self._filters_changed)
        self.scope_box.currentIndexChanged.connect(self._filters_changed)
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)

        if signals is not None:
            self.refresh_policy = RefreshPolicy(self, signals, EVERY_ROW, self._changed)
            # The tag filter's list (with each tag's count: ~0.5 s of a worker at 100,000
            # contacts) changes only with tags and contacts, not with a talk or a reminder.
            self.tags_policy = RefreshPolicy(self, signals, TAG_TOPICS, self.reload_tags)
        self.reload_tags()
        self.apply_filters()

    def _make_filter_boxes(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        """Stage, tag and scope: the three lists beside the filter text."""
        stage_box = QComboBox(self)
        stage_box.addItem(self.tr("All stages"), None)
        for stage in Stage:
            stage_box.addItem(fmt.stage_label(stage), stage.value)
        tag_box = QComboBox(self)
        tag_box.addItem(self.tr("All tags"), None)
        scope_box = QComboBox(self)
        scope_box.addItem(self.tr("Active contacts"), Scope.ACTIVE.value)
        scope_box.addItem(self.tr("Archived contacts"), Scope.ARCHIVED.value)
        scope_box.addItem(self.tr("Active and archived"), Scope.ALL.value)
        for box in (stage_box, tag_box, scope_box):
            # They share a narrow list's width: each shrinks to a few letters (its popup
            # still shows whole names) instead of holding an 800 px window wider.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
        return stage_box, tag_box, scope_box

    def refresh(self) -> None:
        """Read the tags and the rows again, keeping the filters (after a change)."""
        self.reload_tags()
        self.apply_filters()

    def _changed(self) -> None:
        """After changes: the rows of the contacts they name, read again in place, when
        they are of kinds that leave names, tags, stage and e-mails alone (a talk logged, a
        favour, a reminder); else the whole list again."""
        contacts = in_place_contacts(self.refresh_policy.changes)
        if contacts is None or not self.model.update_rows(contacts):
            self.apply_filters()

    def _make_table(self) -> QTableView:
        table = ContactsTable(self)
        table.setModel(self.model)
        # Connected before the view's own sort: a new order keeps only the current contact
        # selected (a range of rows would cover other contacts once they move).
        table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: keep_current_only(table))
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab goes on to the contact's page: a row list has nothing to tab through.
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in self._column_widths().items():
            header.resizeSection(column, width)
        return table

    def _make_bulk(self) -> tuple[BulkActions, SelectionBar]:
        """Several contacts at once (Shift/Ctrl+click, Ctrl+A): the Selected menu, also the
        list's context menu, and the bar above the list that counts them."""
        bulk = BulkActions(self._journal, self.table, self.model, self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        return bulk, SelectionBar(bulk, self)

    def _column_widths(self) -> dict[Column, int]:
        """Wide enough for the longest usual text of each column in this font and language
        ("145 days overdue" was cut to "145 days over…"), never narrower than a sensible
        minimum for names and companies."""
        day = date(2026, 1, 1)
        longest = {
            Column.STAGE: [fmt.stage_label(stage) for stage in Stage],
            Column.LAST_CONTACT: [fmt.days_ago(day - timedelta(days=d), day) for d in (59, 700)],
            Column.NEXT_DUE: [fmt.due_text(day - timedelta(days=999), day)],
            Column.BALANCE: [fmt.balance_text(9, 0), fmt.balance_text(0, 9)],
        }
        metrics = self.fontMetrics()
        widths = {
            Column.NAME: metrics.averageCharWidth() * 20,
            Column.COMPANY: metrics.averageCharWidth() * 14,
        }
        for column, texts in longest.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            text = max(metrics.horizontalAdvance(text) for text in texts) + 24
            widths[column] = max(text, metrics.horizontalAdvance(title) + 36)  # (sort arrow)
        return widths

    def reload_tags(self) -> None:
        """Read the tags again (on the worker); ``tags_loaded`` once they are in the box."""
        self._tags_worker.run(self._journal.tags.all, self._fill_tags)

    def _fill_tags(self, tags: list[TagView] | Exception) -> None:
        if isinstance(tags, Exception):
            return  # the box keeps what it had; the next change reads them again
        current = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("All tags"), None)
        for tag in tags:
            self.tag_box.addItem(tag.name, tag.name)
        found = self.tag_box.findData(current)
        self.tag_box.setCurrentIndex(max(found, 0))
        self.tag_box.blockSignals(False)
        self.tags_loaded.emit()

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self._tags_worker.wait_idle(msecs)

    def apply_filters(self) -> None:
        self._debounce.stop()
        stage = self.stage_box.currentData()
        query = replace(
            self.model.query,
            text=self.filter_edit.text(),
            stage=Stage(stage) if stage else None,
            tag=self.tag_box.currentData(),
            scope=Scope(self.scope_box.currentData()),
        )
        selected = self.selected_contact_id()
        was = self.table.currentIndex().row()  # (the model knows when it still holds)
        self.model.set_query(query)
        if selected is not None:
            self.select_contact(selected, was=was)

    def _filters_changed(self) -> None:
        """The user narrowed the list: when the contact shown is no longer in it, the first
        match is (the page follows the current row), or nobody when nothing matches."""
        self.apply_filters()
        if self.table.currentIndex().isValid():
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.nobody_matches.emit()

    def _typing_paused(self) -> None:
        """The filter text changed a moment ago.  When the page was hidden meanwhile (another
        screen, or the window closed and its journal after it: the read then failed in the
        event loop), the list is read when it is shown again, never from a journal that may
        be gone."""
        if self.isVisible():
            self._filters_changed()
        else:
            self._typed_while_hidden = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._typed_while_hidden:
            self._typed_while_hidden = False
            self._filters_changed()

    def set_scope(self, scope: Scope) -> None:
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope.value))
        self.apply_filters()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down or Page Down in the filter goes on into the list, as in a search field."""
        if (
            event.type() == QEvent.Type.KeyPress  # first: see RefreshPolicy.eventFilter
            and watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.model.rowCount()
        ):
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def selected_contact_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_contact(self, contact_id: int, *, was: int | None = None) -> None:
        """Select ``contact_id``'s row and scroll to it (``was``: its row before a reload)."""
        row = self.model.row_for_id(contact_id, load=True, was=was)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _context_menu(self, at: QPoint) -> None:
        self.bulk.menu.popup(self.table.viewport().mapToGlobal(at))

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n contact(s)", "", self.model.total))

    def _activated(self, index: QModelIndex) -> None:
        contact_id = index.data(ID_ROLE)
        if contact_id is not None:
            self.contact_activated.emit(contact_id)

    def _open_first(self) -> None:
        self.apply_filters()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.contact_activated.emit(self.model.index(0, 0).data(ID_ROLE))


def in_place_contacts(changes: list[Change] | None) -> set[int] | None:
    """The contacts whose rows ``changes`` may have changed, when each change names them
    and is :data:`ABOUT_CONTACTS`; None when the list must be read again."""
    if not changes or any(c.topic not in ABOUT_CONTACTS or not c.contacts for c in changes):
        return None
    return {contact for change in changes for contact in change.contacts}


def keep_current_only(table: QTableView) -> None:
    """Select only the current row (when several were selected)."""
    current = table.currentIndex()
    selection = table.selectionModel()
    if span_count(selected_spans(selection.selection())) > 1 and current.isValid():
        flag = QItemSelectionModel.SelectionFlag
        selection.select(current, flag.ClearAndSelect | flag.Rows)


class ContactsTable(QTableView):
    """The list of contacts, a row at a time: Home and End (with or without Ctrl) go to the
    first and the real last contact (every contact is a row; its page is read when shown) and
    keep the column, so the names stay in view (QTableView's End moves to the last column and
    scrolls right)."""

    def moveCursor(
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        if cursor_action not in (
            QAbstractItemView.CursorAction.MoveHome,
            QAbstractItemView.CursorAction.MoveEnd,
        ) or not isinstance(model, ContactsModel):
            return super().moveCursor(cursor_action, modifiers)
        row = (
            0 if cursor_action == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
        )
        column = max(self.currentIndex().column(), 0)
        return model.index(row, column)
