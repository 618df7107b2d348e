"""The Referrals screen: who to ask now (and why), the asks waiting for an answer, who sent me
people, and the funnel asks → referrals → new clients over a chosen period.

Mnemonics avoid the main window's menus (File, Edit, View, Contact, Help) and each other.
Lists reload when the journal changes, but only while the screen is visible (otherwise once
it is shown again), so typing elsewhere never waits for referral queries.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.referrals import AskFilter, Suggestion
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import (
    BuddyLabel,
    EmptyListText,
    ErrorLabel,
    heading,
    muted,
    plain_label,
    read_only_table,
    split_above,
)
from colearn_desktop.ui.referrals.referral_composer import ReferralComposer
from colearn_desktop.ui.referrals.referrals_models import (
    CONTACT_ROLE,
    ID_ROLE,
    AsksModel,
    ReadyColumn,
    ReadyToAskModel,
)
from colearn_desktop.ui.referrals.referrals_received import ReceivedTab
from colearn_desktop.ui.referrals.template_editor import TemplateEditor

log = logging.getLogger(__name__)
# What the three tabs show (tags and the search index play no part in referrals).
TOPICS = EVERY_ROW - {Topic.TAGS}
READY_LIMIT = 200
PERIODS = (30, 90, 365, None)  # days back; None = all time


class ReferralsPage(QWidget):
    """``ReferralsPage(journal, signals, parent)``.  Emits ``open_contact_requested(id)``
    when the user wants to see a person's page."""

    open_contact_requested = Signal(int)

    def __init__(self, journal: Journal, signals: JournalSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        today = journal.clock.today
        self.ready_model = ReadyToAskModel(today, self._set_never_ask, self)
        self.asks_model = AsksModel(today, self)

        self.title = heading(self.tr("Referrals"), self)
        self.write_button = QPushButton(self.tr("&Write an ask…"), self)
        self.templates_button = QPushButton(self.tr("&Templates…"), self)
        self.period_box = QComboBox(self)
        for days, text in zip(
            PERIODS,
            (
                self.tr("Last 30 days"),
                self.tr("Last 90 days"),
                self.tr("Last 12 months"),
                self.tr("All time"),
            ),
            strict=True,
        ):
            self.period_box.addItem(text, days)
        self.period_box.setCurrentIndex(2)
        self.funnel_label = plain_label("", self)
        self.error_label = ErrorLabel(self)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ready_tab(), "")
        self.tabs.addTab(self._asks_tab(), "")
        self.received = ReceivedTab(journal, self.error_label, self)
        self.received.open_contact_requested.connect(self.open_contact_requested)
        # The page's lists, by the names its tests and the screenshots use.
        self.referrers_model = self.received.referrers_model
        self.referrers_table = self.received.referrers_table
        self.referred_model = self.received.referred_model
        self.thank_button = self.received.thank_button
        self.tabs.addTab(self.received, "")

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.write_button)
        top.addWidget(self.templates_button)
        funnel = QHBoxLayout()
        period_label = BuddyLabel(self.tr("&Period"), self.period_box, self)
        funnel.addWidget(period_label)
        funnel.addWidget(self.period_box)
        funnel.addWidget(self.funnel_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(funnel)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)

        self.write_button.clicked.connect(lambda: self.open_composer(self.selected_ready_id()))
        self.templates_button.clicked.connect(self.open_template_editor)
        self.period_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_policy = RefreshPolicy(self, signals, TOPICS, self.reload)
        self.refresh_policy.stale = True  # read when first shown

    # -- tabs -----------------------------------------------------------------------------

    def _ready_tab(self) -> QWidget:
        tab = QWidget(self)
        self.ready_table = read_only_table(tab, self.ready_model, ReadyColumn.WHY)
        # "Never ask" acts on every selected person (Shift/Ctrl+click, Ctrl+A) at once.
        self.ready_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.ready_hint = muted(
            plain_label(
                self.tr(
                    "Clients with a recent project who said something good about your work, "
                    "not asked lately, and to whom you do not owe a lot. Best first."
                ),
                tab,
            )
        )
        # Across the table while nobody is ready: what makes someone ready.
        self.ready_empty = EmptyListText(
            self.ready_table,
            self.tr(
                "Nobody is ready to ask yet. People show up here once they are clients "
                "(stage Help) with a recent purchase and said something good about your "
                "work: tick “They praised my work” when you log that conversation (Ctrl+L)."
            ),
        ).label
        self.ask_button = QPushButton(self.tr("&Ask selected…"), tab)
        self.never_button = QPushButton(self.tr("&Never ask"), tab)
        self.open_ready_button = QPushButton(self.tr("&Open contact"), tab)
        self.show_excluded = QCheckBox(self.tr("Show e&xcluded people"), tab)
        self.show_excluded.setToolTip(self.tr("Also list the people marked “never ask”"))
        buttons = QHBoxLayout()
        for widget in (self.ask_button, self.never_button, self.open_ready_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_excluded)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.ready_hint)
        layout.addWidget(self.ready_table, 1)
        layout.addLayout(buttons)
        self.ready_table.activated.connect(
            lambda index: self.open_composer(index.data(CONTACT_ROLE))
        )
        self.ask_button.clicked.connect(lambda: self.open_composer(self.selected_ready_id()))
        self.never_button.clicked.connect(self._toggle_never_ask)
        self.open_ready_button.clicked.connect(
            lambda: self._open_contact(self.ready_table.currentIndex())
        )
        self.show_excluded.toggled.connect(lambda _on: self.reload())
        self.ready_table.selectionModel().currentRowChanged.connect(self._ready_selected)
        self.ready_table.selectionModel().selectionChanged.connect(self._ready_selected)
        self._ready_selected(QModelIndex(), QModelIndex())
        return tab

    def _asks_tab(self) -> QWidget:
        tab = QWidget(self)
        self.ask_filter = QComboBox(tab)
        for which, text in (
            (AskFilter.UNANSWERED, self.tr("Open: no answer recorded yet")),
            (AskFilter.NO_ANSWER, self.tr("No answer")),
            (AskFilter.ALL, self.tr("All asks")),
        ):
            self.ask_filter.addItem(text, which.value)
        show_label = BuddyLabel(self.tr("&Show"), self.ask_filter, tab)
        self.asks_table = read_only_table(tab, self.asks_model, 1)
        self.message_view = QPlainTextEdit(tab)
        self.message_view.setReadOnly(True)
        self.message_view.setPlaceholderText(self.tr("The message you sent shows here."))
        self.status_buttons = {
            AskStatus.REFERRED: QPushButton(self.tr("Referre&d"), tab),
            AskStatus.DECLINED: QPushButton(self.tr("Decli&ned"), tab),
            AskStatus.NO_ANSWER: QPushButton(self.tr("No &answer"), tab),
            AskStatus.ASKED: QPushButton(self.tr("&Back to waiting"), tab),
        }
        self.open_ask_button = QPushButton(self.tr("&Open contact"), tab)
        top = QHBoxLayout()
        top.addWidget(show_label)
        top.addWidget(self.ask_filter)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label(self.tr("Answer:"), tab, wrap=False))
        for button in self.status_buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_ask_button)
        splitter = split_above(tab, self.asks_table, self.message_view, (3, 1))
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.ask_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.asks_table.selectionModel().currentRowChanged.connect(self._ask_selected)
        self.asks_table.activated.connect(self._open_contact)
        for status, button in self.status_buttons.items():
            button.clicked.connect(lambda _=False, s=status: self.set_selected_status(s))
        self.open_ask_button.clicked.connect(
            lambda: self._open_contact(self.asks_table.currentIndex())
        )
        self._ask_selected(QModelIndex(), QModelIndex())
        return tab

    # -- loading --------------------------------------------------------------------------

    def period(self) -> tuple[date | None, date]:
        today = self._journal.clock.today()
        days = self.period_box.currentData()
        return (today - timedelta(days=days) if days else None), today

    def reload(self) -> None:
        try:
            self._journal.referrals.templates.ensure_defaults(QLocale().name())
        except JournalError:
            log.exception("could not add the default referral templates")
        referrals = self._journal.referrals
        keep_ready = self.selected_ready_id()
        keep_ask = self.asks_table.currentIndex().data(ID_ROLE)
        keep_referrer = self.referrers_table.currentIndex().data(ID_ROLE)
        include = self.show_excluded.isChecked()
        ready = referrals.ready(limit=READY_LIMIT, include_excluded=include)
        self.ready_model.set_rows(ready.rows)
        ready_count = ready.total
        self.asks_model.set_rows(referrals.asks.rows(AskFilter(self.ask_filter.currentData())))
        since, until = self.period()
        self.received.reload(since, until)
        self._update_funnel(since, until)
        waiting = len(referrals.asks.rows(AskFilter.UNANSWERED))
        self.tabs.setTabText(0, self.tr("&Ready to ask (%n)", "", ready_count))
        self.tabs.setTabText(1, self.tr("As&ks (%n open)", "", waiting))
        self.tabs.setTabText(2, self.tr("Referrals rece&ived"))
        self._reselect(self.ready_table, keep_ready)
        # A reset list emits no current-row change: the buttons follow what is left.
        self._ready_selected(self.ready_table.currentIndex(), QModelIndex())
        self._reselect(self.asks_table, keep_ask)
        # A reset list emits no current-row change: show the (possibly gone) ask's details.
        self._ask_selected(self.asks_table.currentIndex(), QModelIndex())
        self._reselect(self.referrers_table, keep_referrer)

    def _update_funnel(self, since: date | None, until: date) -> None:
        funnel = self._journal.referrals.history.funnel(since, until)
        parts = [
            self.tr("%n ask(s)", "", funnel.asks),
            self.tr("%n answered with a referral", "", funnel.asks_referred),
            self.tr("%n referral(s) received", "", funnel.referrals),
            self.tr("%n new client(s)", "", funnel.clients),
        ]
        self.funnel_label.setText(" → ".join(parts))

    @staticmethod
    def _reselect(table: QTableView, wanted: int | None) -> None:
        model = table.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if wanted is not None and index.data(ID_ROLE) == wanted:
                table.setCurrentIndex(index)
                return
        if model.rowCount():
            table.setCurrentIndex(model.index(0, 0))

    # -- ready to ask ---------------------------------------------------------------------

    def selected_ready_id(self) -> int | None:
        index = self.ready_table.currentIndex()
        return index.data(CONTACT_ROLE) if index.isValid() else None

    def _selected_ready_rows(self) -> list[Suggestion]:
        """The selected people, or the current one when nothing is selected."""
        indexes = self.ready_table.selectionModel().selectedRows() or [
            self.ready_table.currentIndex()
        ]
        found = (self.ready_model.row_at(i.row()) for i in indexes if i.isValid())
        return [row for row in found if row is not None]

    def _ready_selected(self, *_: object) -> None:
        rows = self._selected_ready_rows()
        for button in (self.ask_button, self.never_button, self.open_ready_button):
            button.setEnabled(bool(rows))
        excluded = bool(rows) and all(row.never_ask for row in rows)
        self.never_button.setText(
            self.tr("Allow asking a&gain") if excluded else self.tr("&Never ask")
        )

    def _set_never_ask(self, contact_id: int, never: bool) -> None:
        attempt(
            self,
            self.tr("Not saved"),
            lambda: self._journal.referrals.set_never_ask(contact_id, never),
            banner=self.error_label,
        )

    def _toggle_never_ask(self) -> None:
        """Never ask everyone selected; when all of them already are, allow asking again."""
        rows = self._selected_ready_rows()
        if not rows:
            return
        never = not all(row.never_ask for row in rows)
        attempt(
            self,
            self.tr("Not saved"),
            lambda: self._journal.referrals.set_never_ask_many(
                [row.contact_id for row in rows], never
            ),
            banner=self.error_label,
        )

    def open_composer(self, contact_id: int | None = None) -> ReferralComposer:
        composer = ReferralComposer(self._journal, contact_id, self)
        composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        composer.open()
        return composer

    def open_template_editor(self) -> TemplateEditor:
        editor = TemplateEditor(self._journal, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    # -- asks -----------------------------------------------------------------------------

    def _ask_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ask = self.asks_model.row_at(current.row()) if current.isValid() else None
        text = ""
        if ask is not None:
            text = f"{ask.subject}\n\n{ask.message}" if ask.subject else ask.message
        self.message_view.setPlainText(text)
        for status, button in self.status_buttons.items():
            if ask is None:
                enabled = False
            elif status is AskStatus.ASKED:
                enabled = ask.answered
            elif status is AskStatus.NO_ANSWER:
                # A computed "no answer" can be confirmed, which closes the ask.
                enabled = ask.status is not status or not ask.answered
            else:
                enabled = ask.status is not status
            button.setEnabled(enabled)
        self.open_ask_button.setEnabled(ask is not None)

    def set_selected_status(self, status: AskStatus) -> None:
        ask = self.asks_model.row_at(self.asks_table.currentIndex().row())
        if ask is None:
            return
        attempt(
            self,
            self.tr("The answer was not recorded"),
            lambda: self._journal.referrals.asks.set_status(ask.id, status),
            banner=self.error_label,
        )

    def _open_contact(self, index: QModelIndex) -> None:
        contact_id = index.data(CONTACT_ROLE) if index.isValid() else None
        if contact_id is not None:
            self.open_contact_requested.emit(contact_id)
