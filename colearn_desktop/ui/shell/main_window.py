"""The main window: layout and navigation only.

Screens are separate widgets (Today, Contacts with the contact page beside the list,
Referrals, Insights) in a stack next to a navigation side bar.  User actions on contacts and
conversations live in :class:`ContactActions`, the menu bar in :class:`MainMenus`; this class
only connects screens to them, and remembers the window's size, splitters and last screen.

A screen is built the first time it is shown or used (``window.insights_page`` builds it), so
the window paints as soon as the screen it opens on exists: a screen never visited reads
nothing from the journal and imports none of its code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.contact_list import Scope
from colearn_desktop.core.storage.drafts import DraftStore
from colearn_desktop.ui.contacts.contact_actions import ContactActions
from colearn_desktop.ui.contacts.contacts_model import ID_ROLE
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.plain_text import ask, inform, warn
from colearn_desktop.ui.kit.undo import JournalUndo
from colearn_desktop.ui.search.search_box import SearchBox
from colearn_desktop.ui.shell.main_menus import MainMenus
from colearn_desktop.ui.shell.storage_notices import add_storage_notices
from colearn_desktop.ui.shell.window_state import restore_splitters, restore_window, save_window

if TYPE_CHECKING:
    from colearn_desktop.ui.contacts.contact_page import ContactPage
    from colearn_desktop.ui.contacts.contacts_page import ContactsPage
    from colearn_desktop.ui.insights.insights_page import InsightsPage
    from colearn_desktop.ui.referrals.referrals_page import ReferralsPage
    from colearn_desktop.ui.search.search_popup import SearchPopup
    from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
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
        self._search_popup: SearchPopup | None = None  # made on the first search
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

    # Shadows QWidget.screen() (the QScreen the window is on), which no caller here wants.
    def screen(self, key: str) -> QWidget:  # type: ignore[override]
        """The widget of screen ``key`` in the stack, built now if it was not yet."""
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
        from colearn_desktop.ui.contacts.contact_page import ContactPage
        from colearn_desktop.ui.contacts.contacts_page import ContactsPage

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
        contacts.table.selectionModel().currentRowChanged.connect(self._row_changed)
        contacts.contact_activated.connect(self.open_contact)
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
    def search_popup(self) -> SearchPopup:
        """The search popup (Ctrl+K), made the first time it is needed."""
        if self._search_popup is None:
            from colearn_desktop.ui.search.search_popup import SearchPopup

            popup = self._search_popup = SearchPopup(self.journal, self, signals=self.signals)
            popup.result_activated.connect(lambda contact_id, *_: self.open_contact(contact_id))
        return self._search_popup

    @property
    def today_page(self) -> TodayPage:
        self.screen("today")
        assert self._today_page is not None
        return self._today_page

    @property
    def contacts_page(self) -> ContactsPage:
        self.screen("contacts")
        assert self._contacts_page is not None
        return self._contacts_page

    @property
    def contacts_splitter(self) -> QSplitter:
        """The Contacts screen: the list beside the contact's page."""
        self.screen("contacts")
        assert self._contacts_splitter is not None
        return self._contacts_splitter

    @property
    def contact_page(self) -> ContactPage:
        self.screen("contacts")
        assert self._contact_page is not None
        return self._contact_page

    @property
    def referrals_page(self) -> ReferralsPage:
        self.screen("referrals")
        assert self._referrals_page is not None
        return self._referrals_page

    @property
    def insights_page(self) -> InsightsPage:
        self.screen("insights")
        assert self._insights_page is not None
        return self._insights_page

    def _workers(self) -> list[_Worker]:
        """What has been built and reads the journal on worker threads (``wait_idle()``)."""
        pages = (self._search_popup, self._contacts_page, self._today_page, self._insights_page)
        return [page for page in (*pages, self.tray) if page is not None]

    # -- layout ---------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.search_box = SearchBox(self)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setSpacing(3)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.nav.setFont(font)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        titles = {
            "today": self.tr("Today"),
            "contacts": self.tr("Contacts"),
            "referrals": self.tr("Referrals"),
            "insights": self.tr("Insights"),
        }
        self.stack = QStackedWidget(self)
        for key in SCREENS:
            item = QListWidgetItem(titles[key], self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            placeholder = self._placeholders[key] = QWidget(self.stack)
            self.stack.addWidget(placeholder)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 8, 4, 8)
        side_layout.addWidget(self.search_box)
        side_layout.addWidget(self.nav, 1)
        side.setMinimumWidth(150)
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
        self.signals.change.connect(lambda _change: self.undo.refresh())
        self.search_box.submitted.connect(self.open_search)
        self.menus.keep_shortcuts_in(self.search_box)

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
            self.stack.setCurrentWidget(self.screen(SCREENS[row]))
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
        """Show a contact on the Contacts screen (in whichever list it belongs)."""
        self.show_screen("contacts")
        if self.contacts_page.model.row_for_id(contact_id, load=True) is None:
            self.contacts_page.filter_edit.clear()
            archived = self.journal.contacts.get(contact_id).archived
            self.contacts_page.set_scope(Scope.ALL if archived else Scope.ACTIVE)
        self.contacts_page.select_contact(contact_id)
        if self.contact_page.contact_id != contact_id:  # selecting its row showed it already
            self.contact_page.set_contact(contact_id)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # A reload clears the current row for a moment; the page keeps its contact then.
        if current.isValid():
            contact_id = self.contacts_page.model.index(current.row(), 0).data(ID_ROLE)
            if contact_id != self.contact_page.contact_id:
                self.contact_page.set_contact(contact_id)

    def show_archive(self) -> None:
        self.show_screen("contacts")
        self.contacts_page.set_scope(Scope.ARCHIVED)
        self.contacts_page.table.setFocus()

    def find_in_list(self) -> None:
        self.show_screen("contacts")
        self.contacts_page.focus_filter()

    def open_search(self, text: str | None = None) -> None:
        """Ctrl+K or the side bar box: the search popup, with what was typed so far."""
        typed = self.search_box.text() if text is None else text
        self.search_box.clear()
        self.search_popup.open_with(typed)

    def add_favour(self) -> None:
        self.contact_page.favours.add()

    def add_purchase(self) -> None:
        self.contact_page.purchases.add()

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
        self.tray.show_today_requested.connect(self._show_today_from_tray)
        return self.tray.start()

    def _show_today_from_tray(self) -> None:
        self.show_screen("today")
        self.showNormal()
        self.raise_()
        self.activateWindow()

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
        contact_id = self.selected_contact()
        if contact_id is None:
            return
        if self.journal.contacts.get(contact_id).archived:
            self.actions_.delete_permanently(contact_id)
        else:
            self.actions_.archive(contact_id)

    def import_contacts(self, path: Path | None = None) -> None:
        from colearn_desktop.ui.interchange.import_dialog import ImportDialog

        dialog = ImportDialog(self.journal, self)
        if path is not None:
            dialog.open_file(path)
        dialog.imported.connect(
            lambda report: self.statusBar().showMessage(self.tr("Import finished."), 8000)
        )
        dialog.exec()

    def export_contacts(self) -> None:
        from colearn_desktop.ui.interchange.export_dialog import ExportDialog
        from colearn_desktop.ui.settings.general_settings import export_defaults

        excel_safe, bom = export_defaults(self.settings)
        ExportDialog(
            self.journal, self.contacts_page.model.query, self, excel_safe=excel_safe, bom=bom
        ).exec()

    def export_journal(self) -> None:
        from colearn_desktop.ui.interchange.export_dialog import choose_export_file

        path = choose_export_file(
            self,
            self.journal,
            self.tr("Export the whole journal"),
            str(Path.home() / f"colearn-{self.journal.clock.today().isoformat()}.json"),
            self.tr("JSON (*.json)"),
        )
        if path is None:
            return
        name = str(path)
        try:
            counts = self.journal.interchange.export_journal(path)
        except (JournalError, OSError) as error:
            warn(self, self.tr("Export failed"), str(error))
            return
        self.statusBar().showMessage(
            self.tr("Wrote %1 rows to %2")
            .replace("%1", str(sum(counts.values())))
            .replace("%2", name),
            8000,
        )

    def open_settings(self) -> SettingsDialog:
        from colearn_desktop.ui.settings.backups_page import BackupsPage
        from colearn_desktop.ui.settings.general_settings import GeneralSettingsPage
        from colearn_desktop.ui.settings.settings_dialog import SettingsDialog

        general = GeneralSettingsPage(self.settings, self.journal.path.parent)
        backups = BackupsPage(self.journal, self.signals)
        backups.restored.connect(lambda _outcome: self.undo.refresh())
        dialog = SettingsDialog(
            self.journal, self, [(self.tr("&General"), general), (self.tr("&Backups"), backups)]
        )
        general.move_requested.connect(lambda folder: self._move_from_settings(dialog, folder))
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self._apply_notifications()
        return dialog

    def _apply_notifications(self) -> None:
        from colearn_desktop.ui.settings.general_settings import NOTIFICATIONS_KEY

        enabled = bool(self.settings.value(NOTIFICATIONS_KEY, True, type=bool))
        if self.tray is not None and enabled != self.tray.enabled:
            self.tray.set_enabled(enabled)

    def _move_from_settings(self, dialog: SettingsDialog, folder: Path) -> None:
        dialog.reject()
        self.move_journal(folder)

    def move_journal(self, folder: Path) -> bool:
        """Move the journal (with its backups and drafts) to ``folder``, then close: the next
        start opens it there.  The old journal is renamed, never deleted."""
        from colearn_desktop.core.storage.relocate import move_journal
        from colearn_desktop.paths import write_location

        answer = ask(
            self,
            self.tr("Move your journal?"),
            self.tr(
                "CoLearn will copy your journal, its backups and drafts to %1, check the "
                "copy, keep the old file under a new name, and close. Start it again to "
                "continue in the new folder."
            ).replace("%1", str(folder)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        for page in self._workers():
            page.wait_idle()
        self.journal.db.dispose()  # nothing of ours holds the file while it moves
        try:
            moved = move_journal(
                self.journal.path.parent, folder, self.journal.path.name, self.journal.clock.now()
            )
            write_location(folder)
        except (JournalError, OSError) as error:
            warn(self, self.tr("The journal was not moved"), str(error))
            return False
        self.journal_moved = True
        inform(
            self,
            self.tr("Journal moved"),
            self.tr(
                "Your journal is now %1. The old file is kept as %2; delete it once "
                "you have checked the new one."
            )
            .replace("%1", str(moved.new_journal))
            .replace("%2", str(moved.old_journal_kept_as)),
        )
        self.close()
        return True

    def show_about(self) -> None:
        from colearn_desktop.ui.shell.about_dialog import AboutDialog

        AboutDialog(self.journal.path, self).exec()

    def offer_drafts(self) -> None:
        """After a crash, hand back every note that was being typed."""
        from colearn_desktop.ui.today.quick_log import DRAFT_KIND

        for draft in self.drafts.pending(DRAFT_KIND):
            answer = ask(
                self,
                self.tr("Unsaved note found"),
                self.tr("A note you were typing on %1 was not saved. Open it now?").replace(
                    "%1", draft.saved_at.strftime("%Y-%m-%d %H:%M")
                ),
                QMessageBox.StandardButton.Open
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Ignore,
                QMessageBox.StandardButton.Open,
            )
            if answer == QMessageBox.StandardButton.Open:
                self.actions_.resume_draft(draft)
            elif answer == QMessageBox.StandardButton.Discard:
                self.drafts.discard(draft.draft_id)

    # -- refresh and close ----------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window(self.settings, self, self._splitters(), self.current_screen())
        # Workers reading the journal finish before the journal can be closed.
        for page in self._workers():
            page.wait_idle()
        if self.tray is not None:
            self.tray.stop()
        self.signals.detach()  # the journal may outlive this window
        super().closeEvent(event)
