"""Getting somewhere in the window: a contact, the item a search found, the archive, the
list's filter, the search popup; and the contact's page following the list.

Apart from the window so that the window stays layout; the screens never know each other,
this class connects what one asks for ("open contact 12 at favour 3") to the screen that
shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject

from colearn_desktop.core.people.contact_list import Scope
from colearn_desktop.ui.contacts.contacts_model import ID_ROLE

if TYPE_CHECKING:
    from colearn_desktop.ui.search.search_popup import SearchPopup
    from colearn_desktop.ui.shell.main_window import MainWindow


class Navigation(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._search_popup: SearchPopup | None = None  # made on the first search

    def open_contact(self, contact_id: int) -> None:
        """Show a contact on the Contacts screen (in whichever list it belongs)."""
        w = self._window
        w.show_screen("contacts")
        contacts = w.contacts_page
        if contacts.model.row_for_id(contact_id, load=True) is None:
            contacts.filter_edit.clear()
            archived = w.journal.contacts.get(contact_id).archived
            contacts.set_scope(Scope.ALL if archived else Scope.ACTIVE)
        contacts.select_contact(contact_id)
        if w.contact_page.contact_id != contact_id:  # selecting its row showed it already
            w.contact_page.set_contact(contact_id)

    def open_found(self, contact_id: int, kind: str, item_id: int) -> None:
        """A search result: the contact, on the tab of what matched with it selected (the
        conversation on the timeline, the favour, the purchase)."""
        self.open_contact(contact_id)
        self._window.contact_page.show_item(kind, item_id)

    def follow_list(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The contact's page shows the list's current contact."""
        # A reload clears the current row for a moment; the page keeps its contact then.
        w = self._window
        if current.isValid():
            contact_id = w.contacts_page.model.index(current.row(), 0).data(ID_ROLE)
            if contact_id != w.contact_page.contact_id:
                w.contact_page.set_contact(contact_id)

    def show_archive(self) -> None:
        w = self._window
        w.show_screen("contacts")
        w.contacts_page.set_scope(Scope.ARCHIVED)
        w.contacts_page.table.setFocus()

    def show_today_from_tray(self) -> None:
        w = self._window
        w.show_screen("today")
        w.showNormal()
        w.raise_()
        w.activateWindow()

    def find_in_list(self) -> None:
        self._window.show_screen("contacts")
        self._window.contacts_page.focus_filter()

    def find_duplicates(self) -> None:
        """Contact ▸ Find duplicates: likely duplicate contacts, with why (issue #17)."""
        from colearn_desktop.ui.contacts.duplicates_dialog import DuplicatesDialog

        w = self._window
        DuplicatesDialog(w.journal, w).exec()

    @property
    def search_popup(self) -> SearchPopup:
        """The search popup (Ctrl+K), made the first time it is needed."""
        if self._search_popup is None:
            from colearn_desktop.ui.search.search_popup import SearchPopup

            w = self._window
            popup = self._search_popup = SearchPopup(w.journal, w, signals=w.signals)
            popup.result_activated.connect(self.open_found)
        return self._search_popup

    def built_search_popup(self) -> SearchPopup | None:
        return self._search_popup

    def open_search(self, text: str | None = None) -> None:
        """Ctrl+K or typing in the side bar box: the search popup with the keyboard in its
        box, with what was typed so far; results show as you type."""
        box = self._window.search_box
        typed = box.text() if text is None else text
        box.clear()
        self.search_popup.open_with(typed)
