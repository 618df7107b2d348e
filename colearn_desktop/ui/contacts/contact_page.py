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
    QGridLayout,
    QHBoxLayout,
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

from colearn_desktop.core.contact_fields import FIELDS, ContactField, ContactInput, Kind
from colearn_desktop.core.errors import NotFoundError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ContactDetail
from colearn_desktop.ui.contacts.brief_view import BriefView
from colearn_desktop.ui.contacts.favours_panel import FavoursPanel
from colearn_desktop.ui.contacts.purchases_panel import PurchasesPanel
from colearn_desktop.ui.contacts.timeline import Timeline
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.format import field_title
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy
from colearn_desktop.ui.kit.table_model import TableModel
from colearn_desktop.ui.kit.widgets import heading, muted, plain_label


def _clear(layout: QVBoxLayout | QHBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


ON_PAGE = [f for f in FIELDS if f.on_page]


def empty_text() -> str:
    return fmt.tr("Choose a contact on the left, or press Ctrl+N to add one.")


def _select_by_id(table: QTableView, model: TableModel[Any], item_id: int) -> None:
    """Make the row of the item with ``item_id`` current in ``table`` and give it the keys."""
    row = model.row_for(lambda item: item.id == item_id)
    if row is not None:
        table.selectRow(row)
        table.scrollTo(model.index(row, 0))
        table.setFocus(Qt.FocusReason.OtherFocusReason)


def _shown(field: ContactField, data: ContactInput) -> list[str]:
    """The lines of one field of the contact field list on the page (none when empty)."""
    value = getattr(data, field.name)
    if field.children is not None:
        return [f"{i.value}  ({i.label})" if i.label else i.value for i in value]
    if field.kind is Kind.BIRTHDAY:
        return [value.as_text().lstrip("-")] if value else []
    return [value] if value else []


class ContactHeader(QWidget):
    open_contact_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = heading("", self, 1.6)
        self.subtitle = plain_label("", self)
        self.status = plain_label("", self)
        self.archived = plain_label("", self)
        self.tags = muted(plain_label("", self))
        self.details = QGridLayout()
        self.details.setColumnStretch(1, 1)
        self.links = QHBoxLayout()
        self.notes = plain_label("", self)
        layout = QVBoxLayout(self)
        for widget in (self.name, self.subtitle, self.status, self.archived, self.tags):
            layout.addWidget(widget)
        layout.addLayout(self.details)
        layout.addLayout(self.links)
        layout.addWidget(self.notes)
        layout.addStretch(1)

    def show_contact(self, detail: ContactDetail, status: str, archived_text: str) -> None:
        data = detail.data
        self.name.setText(detail.display_name)
        self.subtitle.setText(" · ".join(p for p in (data.job_title, data.company) if p))
        self.subtitle.setVisible(bool(data.job_title or data.company))
        self.status.setText(status)
        self.archived.setText(archived_text)
        self.archived.setVisible(bool(archived_text))
        self.tags.setText("  ".join(f"#{t}" for t in data.tags))
        self.tags.setVisible(bool(data.tags))
        _clear(self.details)
        rows = [(field_title(f), text) for f in ON_PAGE for text in _shown(f, data)]
        for row, (label, value) in enumerate(rows):
            self.details.addWidget(
                muted(plain_label(label, self, wrap=False)), row, 0, Qt.AlignmentFlag.AlignTop
            )
            self.details.addWidget(plain_label(value, self), row, 1)
        _clear(self.links)
        if detail.referred_by:
            self.links.addWidget(plain_label(self.tr("Referred by"), self, wrap=False))
            self.links.addWidget(self._link(detail.referred_by.id, detail.referred_by.display_name))
        if detail.referrals:
            self.links.addWidget(plain_label(self.tr("Referred"), self, wrap=False))
            for ref in detail.referrals[:8]:
                self.links.addWidget(self._link(ref.id, ref.display_name))
            if len(detail.referrals) > 8:
                self.links.addWidget(plain_label(f"+{len(detail.referrals) - 8}", self))
        self.links.addStretch(1)
        self.notes.setText(data.notes)
        self.notes.setVisible(bool(data.notes))

    def _link(self, contact_id: int, name: str) -> QPushButton:
        button = QPushButton(name, self)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(plain_tooltip(self.tr("Open %1").replace("%1", name)))
        button.clicked.connect(lambda: self.open_contact_requested.emit(contact_id))
        font = button.font()
        font.setUnderline(True)
        button.setFont(font)
        return button


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
        self.refresh_policy = RefreshPolicy(self, signals, EVERY_ROW, self.reload)
        self.header = ContactHeader(self)
        self.header.open_contact_requested.connect(self.open_contact_requested)
        header_scroll = QScrollArea(self)
        header_scroll.setWidgetResizable(True)
        header_scroll.setFrameShape(QFrame.Shape.NoFrame)
        header_scroll.setWidget(self.header)
        actions = self._make_actions()

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

        content = QWidget(self)
        top = QVBoxLayout(content)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(actions)
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

    def _make_actions(self) -> QHBoxLayout:
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
        self.restore_button.hide()
        self.delete_button.hide()
        actions = QHBoxLayout()
        for button in (
            self.log_button,
            self.edit_button,
            self.archive_button,
            self.restore_button,
            self.delete_button,
            self.referral_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def _emit(self, signal: SignalInstance) -> None:
        if self.contact_id is not None:
            signal.emit(self.contact_id)

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

    def reload(self) -> None:
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
        self.archive_button.setVisible(not detail.archived)
        self.restore_button.setVisible(detail.archived)
        self.delete_button.setVisible(detail.archived)
        self.log_button.setEnabled(not detail.archived)
        self._fit_header()
        QTimer.singleShot(0, self._fit_header)  # again once the header is laid out
        self.timeline.set_conversations(
            self.contact_id, self._journal.conversations.for_contact(self.contact_id)
        )
        self.favours.set_contact(self.contact_id)
        self.purchases.set_contact(self.contact_id)
        self.brief.set_contact(self.contact_id)
        self.referral_button.setVisible(not detail.archived)

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
