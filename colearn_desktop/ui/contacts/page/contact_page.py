"""One contact: who they are, where they stand, and everything that happened with them.

The header says name, company, stage, cadence ("every 30 days · due in 4 days"), tags, how we
met, who referred them (a link) and whom they referred.  Below, tabs hold the timeline of
conversations, the favours both ways and the purchases.  Actions that change the journal are
emitted as signals so the main window runs them (the journal records each for undo).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import NotFoundError
from colearn_desktop.core.events import ABOUT_CONTACTS, Change, Topic
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ContactDetail
from colearn_desktop.core.sync.history import SyncMarks, contact_sync_marks
from colearn_desktop.ui.contacts.page.brief_view import BriefView
from colearn_desktop.ui.contacts.page.contact_header import ContactHeader
from colearn_desktop.ui.contacts.page.favours_panel import FavoursPanel
from colearn_desktop.ui.contacts.page.folding_bar import FoldingBar
from colearn_desktop.ui.contacts.page.purchases_panel import PurchasesPanel
from colearn_desktop.ui.contacts.page.timeline import Timeline
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy
from colearn_desktop.ui.kit.table_model import TableModel
from colearn_desktop.ui.kit.widgets import muted, plain_label


def empty_text() -> str:
    return fmt.tr("Choose a contact on the left, or press Ctrl+N to add one.")


def _select_by_id(table: QTableView, model: TableModel[Any], item_id: int) -> None:
    """Make the row of the item with ``item_id`` current in ``table`` and give it the keys."""
    row = model.row_for(lambda item: item.id == item_id)
    if row is not None:
        table.selectRow(row)
        table.scrollTo(model.index(row, 0))
        table.setFocus(Qt.FocusReason.OtherFocusReason)


class ContactPage(QWidget):
    open_contact_requested = Signal(int)
    log_requested = Signal(int)
    edit_requested = Signal(int)
    archive_requested = Signal(int)
    restore_requested = Signal(int)
    delete_requested = Signal(int)
    conversation_edit_requested = Signal(int)
    conversation_delete_requested = Signal(int)
    referral_requested = Signal(int)

    def __init__(self, journal: Journal, signals: JournalSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self.contact_id: int | None = None
        self.refresh_policy = RefreshPolicy(
            self, signals, EVERY_ROW, self._changed, concerns=self._concerns
        )
        self.header = ContactHeader(self)
        self.header.open_contact_requested.connect(self.open_contact_requested)
        header_scroll = QScrollArea(self)
        header_scroll.setWidgetResizable(True)
        header_scroll.setFrameShape(QFrame.Shape.NoFrame)
        header_scroll.setWidget(self.header)
        self.actions_bar = self._make_actions()

        self.timeline = Timeline(self)
        self.timeline.edit_requested.connect(self.conversation_edit_requested)
        self.timeline.delete_requested.connect(self.conversation_delete_requested)
        self.timeline.step_done_toggled.connect(self._toggle_step)
        self.favours = FavoursPanel(journal, self)
        self.purchases = PurchasesPanel(journal, self)
        self.brief = BriefView(journal, None, self)  # refreshed with this page
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.brief, self.tr("&Brief"))
        self.tabs.addTab(self.timeline, self.tr("Timeli&ne"))
        self.tabs.addTab(self.favours, self.tr("Favour&s"))
        self.tabs.addTab(self.purchases, self.tr("Pu&rchases"))
        # The tabs not on view are read when they are shown (Down through the list read
        # all four each time: the timeline's cards alone ~40 ms at 100,000 contacts).
        self._unread: set[QWidget] = set()
        self._detail: ContactDetail | None = None
        self.tabs.currentChanged.connect(lambda _index: self._read_current_tab())

        content = QWidget(self)
        top = QVBoxLayout(content)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.actions_bar)
        top.addWidget(header_scroll, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(content)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 540])
        self.splitter.setChildrenCollapsible(False)
        self._divider_moved = False
        self._fitting = False
        self.splitter.splitterMoved.connect(self._divider_dragged)

        self.empty = muted(plain_label(empty_text(), self))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)  # a narrow page must not cut the sentence
        self.empty.setMargin(12)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.splitter)

    def _make_actions(self) -> FoldingBar:
        self.log_button = QPushButton(self.tr("Log conversation"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.archive_button = QPushButton(self.tr("Archive"), self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.delete_button = QPushButton(self.tr("Delete permanently…"), self)
        self.referral_button = QPushButton(self.tr("Ask for a referral…"), self)
        self.log_button.setToolTip(self.tr("Ctrl+L"))
        self.edit_button.setToolTip(self.tr("Ctrl+E"))
        self.archive_button.setToolTip(self.tr("Delete key; Ctrl+Z undoes it"))
        self.restore_button.setToolTip(self.tr("Ctrl+Shift+U"))
        self.delete_button.setToolTip(self.tr("Delete key, in the archive"))
        self.referral_button.setToolTip(self.tr("Ctrl+Shift+R"))
        for button, signal in (
            (self.log_button, self.log_requested),
            (self.edit_button, self.edit_requested),
            (self.archive_button, self.archive_requested),
            (self.restore_button, self.restore_requested),
            (self.delete_button, self.delete_requested),
            (self.referral_button, self.referral_requested),
        ):
            button.clicked.connect(lambda _=False, s=signal: self._emit(s))
        bar = FoldingBar(
            (
                self.log_button,
                self.edit_button,
                self.archive_button,
                self.restore_button,
                self.delete_button,
                self.referral_button,
            ),
            self,
        )
        bar.offer(self.restore_button, False)
        bar.offer(self.delete_button, False)
        bar.fit()
        return bar

    def _emit(self, signal: SignalInstance) -> None:
        if self.contact_id is not None:
            signal.emit(self.contact_id)

    def _concerns(self, change: Change) -> bool:
        """Whether ``change`` may show on this page: not when it names only other contacts
        (a talk logged or a reminder snoozed for someone else rebuilt the whole page, its
        timeline and its brief: ~0.4 s at 100,000 contacts)."""
        return not change.contacts or self.contact_id in change.contacts

    def set_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.reload()

    def show_nobody_matches(self) -> None:
        """The list's filters match nobody: say so instead of showing someone not listed."""
        self.contact_id = None
        self.empty.setText(
            self.tr("Nobody in the list matches the filter. Change or clear the filter above.")
        )
        self._stack.setCurrentWidget(self.empty)

    def _changed(self) -> None:
        """After changes: a talk logged reads the header, the timeline and the brief again,
        not the favours and purchases too (each tab re-read every time: ~0.1 s at 100,000
        contacts); a change of anything else (the contact itself) reads it all."""
        changes = self.refresh_policy.changes
        topics = {change.topic for change in changes} if changes else None
        self.reload(topics if topics and topics <= ABOUT_CONTACTS else None)

    def reload(self, topics: set[Topic] | None = None) -> None:
        """Show the contact again: only the tabs that show ``topics`` (None: every tab)."""
        if self.contact_id is not None:
            self.empty.setText(empty_text())
        if self.contact_id is None:
            self._stack.setCurrentWidget(self.empty)
            return
        try:
            detail = self._journal.contacts.get(self.contact_id)
        except NotFoundError:
            self.contact_id = None
            self._stack.setCurrentWidget(self.empty)
            return
        self._stack.setCurrentWidget(self.splitter)
        self._detail = detail  # (the brief's, when it is read before the next reload)
        row = self._journal.contact_list.row(self.contact_id)
        today = self._journal.clock.today()
        parts = [fmt.stage_label(detail.data.stage)]
        if row is not None and row.cadence:
            parts.append(self.tr("every %n day(s)", "", row.cadence))
            if row.next_due:
                parts.append(fmt.due_text(row.next_due, today))
        else:
            parts.append(self.tr("no keep-in-touch cadence"))
        parts.append(
            self.tr("last contact %1").replace("%1", fmt.days_ago(detail.last_contact_at, today))
        )
        archived = ""
        if detail.archived_at:
            archived = self.tr(
                "Archived on %1. Restore it to see it in lists and reminders."
            ).replace("%1", detail.archived_at.date().isoformat())
        self.header.show_contact(detail, " · ".join(parts), archived)
        colour = fmt.urgency_color(
            row.next_due if row else None,
            today,
            self._journal.settings.get().grace_days,
            self.palette(),
        )
        self.header.status.setStyleSheet(f"color: {colour.name()};" if colour else "")
        self.actions_bar.offer(self.archive_button, not detail.archived)
        self.actions_bar.offer(self.restore_button, detail.archived)
        self.actions_bar.offer(self.delete_button, detail.archived)
        self.log_button.setEnabled(not detail.archived)
        self._fit_header()
        QTimer.singleShot(0, self._fit_header)  # again once the header is laid out
        shows = {self.timeline: Topic.CONVERSATIONS, self.favours: Topic.FAVOURS}
        shows[self.purchases] = Topic.PURCHASES
        for tab in (self.brief, self.timeline, self.favours, self.purchases):
            if topics is None or tab not in shows or shows[tab] in topics:
                self._unread.add(tab)
        # sync: values other computers' edits replaced (nothing to read when sync is off),
        # read with the timeline's authors when the timeline is on view: one read, not two
        if self.tabs.currentWidget() is self.timeline and self.timeline in self._unread:
            self._unread.discard(self.timeline)
            marks = self._read_timeline(self.contact_id)
        else:
            marks = contact_sync_marks(self._journal, self.contact_id, [])
        self.header.changed_elsewhere.show_values(marks.replaced)
        self._read_current_tab()
        self.actions_bar.offer(self.referral_button, not detail.archived)
        self.actions_bar.fit()

    def _read_current_tab(self) -> None:
        """Read the tab on view if it is out of date (the others wait until shown)."""
        tab = self.tabs.currentWidget()
        if tab not in self._unread or self.contact_id is None:
            return
        self._unread.discard(tab)
        if tab is self.timeline:
            self._read_timeline(self.contact_id)
        elif tab is self.favours:
            self.favours.set_contact(self.contact_id)
        elif tab is self.purchases:
            self.purchases.set_contact(self.contact_id)
        else:
            self.brief.set_contact(self.contact_id, self._detail)

    def _read_timeline(self, contact_id: int) -> SyncMarks:
        """Show the contact's conversations, each with the computer it came from; returns
        the sync marks read with them (the header's too)."""
        views = self._journal.conversations.for_contact(contact_id)
        marks = contact_sync_marks(self._journal, contact_id, [view.id for view in views])
        self.timeline.set_conversations(contact_id, views, marks.authors)
        return marks

    def add_favour(self) -> None:
        """Note a favour for this contact, with their favours on view (read if need be)."""
        self.tabs.setCurrentWidget(self.favours)
        self.favours.add()

    def add_purchase(self) -> None:
        """Note a purchase for this contact, with their purchases on view."""
        self.tabs.setCurrentWidget(self.purchases)
        self.purchases.add()

    def show_item(self, kind: str, item_id: int) -> None:
        """The tab of a found item with it selected and the keys on it: a conversation or a
        learning on the timeline, a favour, a purchase (a contact: the page as it is)."""
        if kind in ("conversation", "learning"):
            self.tabs.setCurrentWidget(self.timeline)
            self.timeline.select_conversation(item_id)
        elif kind == "favour":
            self.tabs.setCurrentWidget(self.favours)
            _select_by_id(self.favours.table, self.favours.model, item_id)
        elif kind == "purchase":
            self.tabs.setCurrentWidget(self.purchases)
            _select_by_id(self.purchases.table, self.purchases.model, item_id)

    def _fit_header(self) -> None:
        """Give the header the height it needs (up to half the page) until the user moves
        the divider themselves."""
        if self._divider_moved:
            return
        needed = self.header.sizeHint().height() + self.log_button.sizeHint().height() + 16
        total = sum(self.splitter.sizes()) or self.height()
        top = min(needed, total // 2)
        self._fitting = True
        self.splitter.setSizes([top, max(total - top, 1)])
        self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()

    def _divider_dragged(self, *_: object) -> None:
        if not self._fitting:
            self._divider_moved = True

    def _toggle_step(self, conversation_id: int, done: bool) -> None:
        self._journal.conversations.set_next_step_done(conversation_id, done)

    def status_text(self) -> str:
        return self.header.status.text()

    def name_label(self) -> QLabel:
        return self.header.name
