"""The main window: layout only.

Screens are separate widgets (Today, Contacts with the contact page beside the list,
Referrals, Insights) in a stack next to a navigation side bar.  User actions on contacts and
conversations live in :class:`ContactActions`, getting to a contact or a found item in
:class:`Navigation`, commands on the whole journal (import, export, settings, move) in
:class:`JournalCommands`, the menu bar in :class:`MainMenus`; this class only connects screens
to them, and remembers the window's size, splitters and last screen.

A screen is built the first time it is shown or used (``window.insights_page`` builds it), so
the window paints as soon as the screen it opens on exists: a screen never visited reads
nothing from the journal and imports none of its code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.drafts import DraftStore
from colearn_desktop.ui.contacts.page.contact_actions import ContactActions
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.undo import JournalUndo
from colearn_desktop.ui.settings.live_outputs import LiveOutputKeeper
from colearn_desktop.ui.shell.journal_commands import JournalCommands
from colearn_desktop.ui.shell.main_menus import MainMenus
from colearn_desktop.ui.shell.navigation import Navigation, side_bar
from colearn_desktop.ui.shell.storage_notices import add_storage_notices
from colearn_desktop.ui.shell.sync_keeper import SyncKeeper, add_sync_status
from colearn_desktop.ui.shell.window_state import restore_splitters, restore_window, save_window

if TYPE_CHECKING:
    from colearn_desktop.ui.contacts.contacts_page import ContactsPage
    from colearn_desktop.ui.contacts.page.contact_page import ContactPage
    from colearn_desktop.ui.insights.insights_page import InsightsPage
    from colearn_desktop.ui.referrals.referrals_page import ReferralsPage
    from colearn_desktop.ui.shell.tray import TrayNotifier
    from colearn_desktop.ui.today.today_page import TodayPage

SCREENS = ("today", "contacts", "referrals", "insights")


class _Worker(Protocol):
    """A screen (or the tray) that reads the journal on worker threads."""

    def wait_idle(self) -> bool: ...


class MainWindow(QMainWindow):
    def __init__(
        self,
        journal: Journal,
        drafts: DraftStore,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        screen: str | None = None,
    ):
        """Opens on ``screen``, else on the last screen of the previous session."""
        super().__init__(parent)
        self.journal = journal
        self.drafts = drafts
        self.settings = settings
        self.signals = JournalSignals(journal, self)
        self.undo = JournalUndo(journal, self)
        self.actions_ = ContactActions(journal, drafts, self)
        self.navigation = Navigation(self)
        self.commands = JournalCommands(self)
        # The calendar file (and other live outputs) follow every change, off the UI thread.
        self.live_outputs = LiveOutputKeeper(journal, self.signals, self)
        # Exchanges with the other computers (issue #18), off the UI thread, after the paint.
        self.sync_keeper = SyncKeeper(journal, self)
        self.setWindowTitle(self.tr("CoLearn"))

        # Built on first use (see the module's docstring); until then the stack holds an
        # empty placeholder in each screen's place.
        self._built: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        self._today_page: TodayPage | None = None
        self._contacts_page: ContactsPage | None = None
        self._contact_page: ContactPage | None = None
        self._referrals_page: ReferralsPage | None = None
        self._insights_page: InsightsPage | None = None
        self._contacts_splitter: QSplitter | None = None
        self.tray: TrayNotifier | None = None
        # Set once the journal was moved to another folder: nothing may touch it any more.
        self.journal_moved = False
        self._build_layout()
        # Saving is off, or the journal is in a synced folder: said above every screen.
        self.notices = add_storage_notices(self, journal)
        self.menus = MainMenus(self, SCREENS)
        self._connect()
        self.resize(1280, 800)
        last = restore_window(settings, self, self._splitters())
        first = screen or last
        self.show_screen(first if first in SCREENS else "contacts")

    # -- screens, built on first use ------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The widget of screen ``key`` in the stack, built now if it was not yet.  (Not
        ``screen``: QWidget.screen() is the QScreen the window is on, which Qt calls.)"""
        built = self._built.get(key)
        if built is None:
            builders: dict[str, Callable[[], QWidget]] = {
                "today": self._build_today,
                "contacts": self._build_contacts,
                "referrals": self._build_referrals,
                "insights": self._build_insights,
            }
            built = self._built[key] = builders[key]()
            placeholder = self._placeholders.pop(key)
            self.stack.insertWidget(self.stack.indexOf(placeholder), built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return built

    def is_built(self, key: str) -> bool:
        return key in self._built

    def _build_today(self) -> QWidget:
        from colearn_desktop.ui.today.today_page import TodayPage

        page = self._today_page = TodayPage(self.journal, self.signals, self)
        page.log_touch_requested.connect(self.actions_.log_conversation)
        page.open_contact_requested.connect(self.open_contact)
        return page

    def _build_contacts(self) -> QWidget:
        from colearn_desktop.ui.contacts.contacts_page import ContactsPage
        from colearn_desktop.ui.contacts.page.contact_page import ContactPage

        contacts = self._contacts_page = ContactsPage(self.journal, self.signals, self)
        page = self._contact_page = ContactPage(self.journal, self.signals, self)
        splitter = self._contacts_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(contacts)
        splitter.addWidget(page)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 520])
        splitter.setChildrenCollapsible(False)
        restore_splitters(self.settings, self._contact_splitters())
        self.menus.keep_shortcuts_in(contacts.filter_edit)
        contacts.table.selectionModel().currentRowChanged.connect(self.navigation.follow_list)
        contacts.contact_activated.connect(self.open_contact)
        contacts.nobody_matches.connect(page.show_nobody_matches)
        contacts.bulk.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        contacts.bulk.export_requested.connect(self.commands.export_contacts)
        contacts.bulk.merge_requested.connect(self.navigation.open_merge)
        page.open_contact_requested.connect(self.open_contact)
        page.log_requested.connect(self.actions_.log_conversation)
        page.edit_requested.connect(self.actions_.edit_contact)
        page.archive_requested.connect(self.actions_.archive)
        page.restore_requested.connect(self.actions_.restore)
        page.delete_requested.connect(self.actions_.delete_permanently)
        page.conversation_edit_requested.connect(self.actions_.edit_conversation)
        page.conversation_delete_requested.connect(self.actions_.delete_conversation)
        page.brief.open_contact_requested.connect(self.open_contact)
        page.referral_requested.connect(self.ask_for_referral)
        return splitter

    def _build_referrals(self) -> QWidget:
        from colearn_desktop.ui.referrals.referrals_page import ReferralsPage

        page = self._referrals_page = ReferralsPage(self.journal, self.signals, self)
        page.open_contact_requested.connect(self.open_contact)
        return page

    def _build_insights(self) -> QWidget:
        from colearn_desktop.ui.insights.insights_page import InsightsPage

        page = self._insights_page = InsightsPage(self.journal, self.signals, self)
        page.open_contact_requested.connect(self.open_contact)
        return page

    @property
    def today_page(self) -> TodayPage:
        self.page("today")
        assert self._today_page is not None
        return self._today_page

    @property
    def contacts_page(self) -> ContactsPage:
        self.page("contacts")
        assert self._contacts_page is not None
        return self._contacts_page

    @property
    def contacts_splitter(self) -> QSplitter:
        """The Contacts screen: the list beside the contact's page."""
        self.page("contacts")
        assert self._contacts_splitter is not None
        return self._contacts_splitter

    @property
    def contact_page(self) -> ContactPage:
        self.page("contacts")
        assert self._contact_page is not None
        return self._contact_page

    @property
    def referrals_page(self) -> ReferralsPage:
        self.page("referrals")
        assert self._referrals_page is not None
        return self._referrals_page

    @property
    def insights_page(self) -> InsightsPage:
        self.page("insights")
        assert self._insights_page is not None
        return self._insights_page

    def _workers(self) -> list[_Worker]:
        """What has been built and reads the journal on worker threads (``wait_idle()``)."""
        pages = (self._contacts_page, self._today_page, self._insights_page, self.tray)
        return [page for page in (self.navigation.built_search_popup(), *pages) if page]

    def wait_for_workers(self) -> None:
        # A worker started before the first paint waits for the journal's services (paint
        # first); the timers that allow them run on this thread, which is about to block.
        self.journal.allow_services()
        for page in self._workers():
            page.wait_idle()

    # -- layout ---------------------------------------------------------------------------

    def _build_layout(self) -> None:
        titles = {
            "today": self.tr("Today"),
            "contacts": self.tr("Contacts"),
            "referrals": self.tr("Referrals"),
            "insights": self.tr("Insights"),
        }
        side, self.search_box, self.nav = side_bar(self, [(key, titles[key]) for key in SCREENS])
        self.stack = QStackedWidget(self)
        for key in SCREENS:
            placeholder = self._placeholders[key] = QWidget(self.stack)
            self.stack.addWidget(placeholder)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(side)
        self.main_splitter.addWidget(self.stack)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([180, 1100])
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.statusBar()

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters to remember: those of screens not built keep their saved state."""
        splitters = {"main": self.main_splitter}
        if self.is_built("contacts"):
            splitters.update(self._contact_splitters())
        return splitters

    def _contact_splitters(self) -> dict[str, QSplitter]:
        assert self._contact_page is not None
        assert self._contacts_splitter is not None
        return {"contacts": self._contacts_splitter, "contact": self._contact_page.splitter}

    def _connect(self) -> None:
        # The screens' own signals are connected where they are built.
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(lambda _item: self._focus_screen(self.current_screen()))
        self.actions_.contact_shown.connect(self.open_contact)
        self.actions_.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.undo.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.signals.change.connect(self._journal_changed)
        self.live_outputs.failed.connect(lambda text: self.statusBar().showMessage(text, 30_000))
        add_sync_status(self.statusBar(), self.sync_keeper)
        self.search_box.submitted.connect(self.navigation.open_search)
        self.menus.keep_shortcuts_in(self.search_box)

    def _journal_changed(self, _change: object) -> None:
        # A sentence about an earlier action goes with the next change, whoever made it (D on
        # Today after "Conversation saved.", an undo from elsewhere after "Archived…"); the
        # action that made this change says its own sentence after its write.
        self.statusBar().clearMessage()
        self.undo.refresh()

    # -- navigation -----------------------------------------------------------------------

    def current_screen(self) -> str:
        return SCREENS[max(self.nav.currentRow(), 0)]

    def show_screen(self, key: str) -> None:
        self.nav.setCurrentRow(SCREENS.index(key))

    def go_to_screen(self, key: str) -> None:
        """Ctrl+1..4: show the screen and hand it the keys, also from the side bar."""
        self.show_screen(key)
        self._focus_screen(key)

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(SCREENS):
            self.stack.setCurrentWidget(self.page(SCREENS[row]))
            # Arrow keys in the side bar keep moving through it; any other way of showing
            # a screen (start, Ctrl+1..4, opening a contact) hands the keys to the screen.
            if not self.nav.hasFocus():
                self._focus_screen(SCREENS[row])

    def _focus_screen(self, key: str) -> None:
        """Give the keyboard to the screen's list, where its keys work."""
        if key == "today":
            self.today_page.focus_list()
        elif key == "contacts":
            self.contacts_page.table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif key == "referrals":  # its list, or the tabs when another tab is open
            page = self.referrals_page
            target = page.ready_table if page.ready_table.isVisible() else page.tabs
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_contact(self, contact_id: int) -> None:
        """Show a contact on the Contacts screen (see :class:`Navigation`)."""
        self.navigation.open_contact(contact_id)

    def open_search(self, text: str | None = None) -> None:
        self.navigation.open_search(text)

    def add_favour(self) -> None:
        self.contact_page.add_favour()

    def add_purchase(self) -> None:
        self.contact_page.add_purchase()

    def ask_about_selected(self) -> None:
        """Ask the selected contact for a referral (the composer lets you pick one if none)."""
        self.ask_for_referral(self.selected_contact())

    def restore_selected(self) -> None:
        contact_id = self.selected_contact()
        if contact_id is not None and self.journal.contacts.get(contact_id).archived:
            self.actions_.restore(contact_id)

    def ask_for_referral(self, contact_id: int | None = None) -> None:
        self.referrals_page.open_composer(contact_id)

    def start_notifications(self, settings: QSettings | None = None) -> bool:
        """Start the tray digest; returns False when the desktop has no tray (the caller
        then shows Today at start instead)."""
        from colearn_desktop.ui.shell.tray import TrayNotifier

        self.tray = TrayNotifier(
            self.journal, self.signals, self, settings=settings or self.settings
        )
        self.tray.show_today_requested.connect(self.navigation.show_today_from_tray)
        return self.tray.start()

    # -- actions --------------------------------------------------------------------------

    def selected_contact(self) -> int | None:
        if self.current_screen() == "contacts":
            return self.contact_page.contact_id
        return None

    def new_contact(self) -> None:
        self.actions_.new_contact()

    def log_conversation(self) -> None:
        self.actions_.log_conversation(self.selected_contact())

    def edit_contact(self) -> None:
        contact_id = self.selected_contact()
        if contact_id is not None:
            self.actions_.edit_contact(contact_id)

    def archive_contact(self) -> None:
        if self.current_screen() == "contacts" and self.contacts_page.bulk.archive_several():
            return
        contact_id = self.selected_contact()
        if contact_id is None:
            return
        if self.journal.contacts.get(contact_id).archived:
            self.actions_.delete_permanently(contact_id)
        else:
            self.actions_.archive(contact_id)

    # -- refresh and close ----------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window(self.settings, self, self._splitters(), self.current_screen())
        # Workers reading the journal finish before the journal can be closed.
        self.wait_for_workers()
        if self.tray is not None:
            self.tray.stop()
        if not self.journal_moved:
            self.sync_keeper.on_close()  # this session's last changes go out (bounded wait)
        self.signals.detach()  # the journal may outlive this window
        super().closeEvent(event)
