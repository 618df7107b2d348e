"""Getting somewhere in the window: the side bar (search box and the list of screens), a
contact, the item a search found, the archive, the list's filter, the search popup; and the
contact's page following the list.

Apart from the window so that the window stays layout; the screens never know each other,
this class connects what one asks for ("open contact 12 at favour 3") to the screen that
shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from colearn_desktop.ui.search.search_box import SearchBox

if TYPE_CHECKING:
    from colearn_desktop.ui.search.search_popup import SearchPopup
    from colearn_desktop.ui.shell.main_window import MainWindow


def side_bar(
    parent: QWidget, screens: Sequence[tuple[str, str]]
) -> tuple[QWidget, SearchBox, QListWidget]:
    """The window's side bar: the search box over the list of ``screens`` ((key, title), the
    key in each item's UserRole), in a slightly larger font so the screens read as places."""
    search_box = SearchBox(parent)
    nav = QListWidget(parent)
    nav.setObjectName("navigation")
    nav.setSpacing(3)
    font = nav.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    nav.setFont(font)
    nav.setFrameShape(QListWidget.Shape.NoFrame)
    for key, title in screens:
        item = QListWidgetItem(title, nav)
        item.setData(Qt.ItemDataRole.UserRole, key)
    side = QWidget(parent)
    layout = QVBoxLayout(side)
    layout.setContentsMargins(8, 8, 4, 8)
    layout.addWidget(search_box)
    layout.addWidget(nav, 1)
    side.setMinimumWidth(150)
    return side, search_box, nav


class Navigation(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._search_popup: SearchPopup | None = None  # made on the first search

    def open_contact(self, contact_id: int) -> None:
        """Show a contact on the Contacts screen (in whichever list it belongs)."""
        from colearn_desktop.core.people.contact_list import Scope

        w = self._window
        w.show_screen("contacts")  # (its modules, with the list's, are loaded by now)
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
        from colearn_desktop.ui.contacts.contacts_model import ID_ROLE

        w = self._window
        if current.isValid():
            contact_id = w.contacts_page.model.index(current.row(), 0).data(ID_ROLE)
            if contact_id != w.contact_page.contact_id:
                w.contact_page.set_contact(contact_id)

    def show_archive(self) -> None:
        from colearn_desktop.core.people.contact_list import Scope

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
        from colearn_desktop.ui.contacts.duplicates.duplicates_dialog import DuplicatesDialog

        w = self._window
        dialog = DuplicatesDialog(w.journal, w)
        dialog.merged.connect(self._merged)
        dialog.exec()

    def open_merge(self, contact_ids: Sequence[int]) -> None:
        """The merge dialog for ``contact_ids`` (the first kept at first); once merged, the
        status bar says so and the kept contact is shown."""
        from colearn_desktop.ui.contacts.merge.merge_dialog import MergeDialog

        w = self._window
        dialog = MergeDialog.for_contacts(w.journal, contact_ids, w)
        if dialog is not None and dialog.exec() == MergeDialog.DialogCode.Accepted:
            self._merged(dialog.status_text, dialog.plan.kept.id)

    def merge_with(self) -> None:
        """Contact ▸ Merge with…: pick the contact that is the same person as the one shown."""
        from colearn_desktop.ui.contacts.merge.merge_with_dialog import MergeWithDialog

        w = self._window
        contact_id = w.selected_contact()
        if contact_id is None:
            return
        name = w.journal.contacts.get(contact_id).display_name
        picker = MergeWithDialog(w.journal, contact_id, name, w)
        if picker.exec() == MergeWithDialog.DialogCode.Accepted and picker.other_id is not None:
            self.open_merge([contact_id, picker.other_id])

    def _merged(self, text: str, kept_id: int) -> None:
        self._window.statusBar().showMessage(text, 8000)
        self.open_contact(kept_id)

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
