"""Acting on many contacts from the list, by keyboard: Ctrl+A (which reads no rows, however
long the filtered list), the Selected menu by its mnemonic, a dialog that names the count,
one undo step."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.ui.contacts.contacts_page import ContactsPage
from tests.helpers import add_contact
from tests.ui.test_mnemonics import mnemonics


@pytest.fixture
def on_popup(qtbot) -> Callable[[Callable[[QMenu], None]], None]:
    """Run ``handler(menu)`` on the next popup menu once it is open (a button's menu runs
    its own event loop)."""

    def schedule(handler: Callable[[QMenu], None]) -> None:
        def attempt() -> None:
            menu = QApplication.activePopupWidget()
            if not isinstance(menu, QMenu):
                QTimer.singleShot(10, attempt)
                return
            handler(menu)

        QTimer.singleShot(0, attempt)

    return schedule


@pytest.fixture
def three_window(qtbot, journal, drafts, ui_settings):
    """The window on the Contacts screen, three contacts in the list, the list focused."""
    from colearn_desktop.ui.shell.main_window import MainWindow

    for name in ("Ana", "Bo", "Cy"):
        add_contact(journal, name, "Li")
    window = MainWindow(journal, drafts, ui_settings, screen="contacts")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.contacts_page.table.setFocus()
    return window


def select_rows(page: ContactsPage, first: int, *more: int) -> None:
    """``first`` as a click would, then ``more`` as Ctrl+clicks would."""
    page.table.selectRow(first)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in more:
        page.table.selectionModel().select(page.model.index(row, 0), flags)


def test_ctrl_a_on_a_long_filtered_list_reads_no_rows(qtbot, journal, monkeypatch):
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.ui.contacts.contacts_model import PAGE

    generate_demo(journal, contacts=PAGE * 6, conversations_per_contact=0, seed=3)
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    page.show()
    page.filter_edit.setText("a")
    page.apply_filters()
    matching = journal.contact_list.count(page.model.query)
    assert PAGE < matching < PAGE * 6  # a filtered list, many pages long
    reads: list[int] = []
    rows = journal.contact_list.rows
    monkeypatch.setattr(
        journal.contact_list, "rows", lambda *a, **k: reads.append(1) or rows(*a, **k)
    )

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    selection = page.bulk.selection()

    assert page.bulk.count() == matching
    assert page.selection_bar.isVisible()
    assert page.selection_bar.label.text() == f"{matching} contacts selected"
    assert selection is not None
    assert selection.ids is None  # "the filter", not a list of every row
    assert selection.except_ids == ()
    assert reads == []  # not one page read
    assert journal.bulk.add_tag(selection, "Everyone").count == matching
    assert journal.contact_list.count(ContactQuery(tag="everyone")) == matching

    # Ctrl+click leaves one out: only that row's id is named.
    second = page.model.index(1, 0)
    page.table.selectionModel().select(
        second, QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows
    )
    left_out = page.bulk.selection()
    assert left_out is not None
    assert left_out.except_ids == (second.data(Qt.ItemDataRole.UserRole + 1),)
    assert journal.bulk.count(left_out) == matching - 1


def test_a_few_picked_rows_are_named_by_id(qtbot, journal):
    ids = [add_contact(journal, name, "Li") for name in ("Ana", "Bo", "Cy", "Di", "Ed")]
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    rect = page.table.visualRect(page.model.index(3, 0))
    qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    selection = page.bulk.selection()
    assert selection is not None
    assert sorted(selection.ids or ()) == [ids[0], ids[3]]
    assert page.selection_bar.label.text() == "2 contacts selected"


def test_tagging_the_selection_by_keyboard_is_one_undo_step(
    qtbot, three_window, journal, on_modal, on_popup
):
    window = three_window
    page = window.contacts_page
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.selection_bar.label.text() == "3 contacts selected"
    clashes = {key: n for key, n in mnemonics(window).items() if n > 1}
    assert clashes == {}
    titles: list[str] = []

    def fill_in(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        field = dialog.focusWidget()  # the first field, as the dialog opens
        qtbot.keyClicks(field, "Speaker")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    on_popup(lambda menu: qtbot.keyClick(menu, Qt.Key.Key_T))  # Add a &tag…
    on_modal(fill_in)
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)

    qtbot.waitUntil(lambda: journal.contact_list.count(ContactQuery(tag="speaker")) == 3)
    assert titles == ["Add a tag to 3 contacts"]
    assert window.statusBar().currentMessage() == "Tagged 3 contacts."
    assert journal.check() == []
    window.undo.refresh()
    assert window.menus.undo_action.text().replace("&", "") == "Undo Add tag Speaker to 3 contacts"

    window.activateWindow()  # (offscreen Qt does not give it back when the dialog closes)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: journal.contact_list.count(ContactQuery(tag="speaker")) == 0)
    assert journal.check() == []


def test_archiving_from_the_contact_menu(qtbot, three_window, journal):
    window = three_window
    page = window.contacts_page
    select_rows(page, 0, 1)
    window.menus.selected_menu.aboutToShow.emit()
    texts = [action.text() for action in window.menus.selected_menu.actions()]
    assert "&Archive them" in texts

    window.menus.selected_menu.actions()[texts.index("&Archive them")].trigger()

    assert journal.contact_list.count(ContactQuery()) == 1
    assert window.statusBar().currentMessage() == "Archived 2 contacts. Ctrl+Z brings them back."


def test_delete_with_several_selected_archives_them_all_in_one_undo_step(
    qtbot, three_window, journal
):
    window = three_window
    page = window.contacts_page
    select_rows(page, 0, 1)

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert journal.contact_list.count(ContactQuery()) == 1
    assert window.statusBar().currentMessage() == "Archived 2 contacts. Ctrl+Z brings them back."
    assert journal.undo.next_undo().label == "Archive 2 contacts"
    journal.undo.undo()
    assert journal.contact_list.count(ContactQuery()) == 3


def test_exporting_the_selection_offers_exactly_those_contacts(qtbot, three_window, on_modal):
    window = three_window
    page = window.contacts_page
    select_rows(page, 0, 2)
    offered: list[tuple[str, bool]] = []

    def look(dialog: QWidget) -> None:
        offered.append((dialog.list_radio.text(), dialog.list_radio.isChecked()))
        dialog.reject()

    on_modal(look)
    page.bulk.export_action.trigger()

    assert offered == [("The 2 se&lected contacts", True)]


def test_a_new_sort_keeps_only_the_current_contact_selected(qtbot, journal):
    from colearn_desktop.ui.contacts.contacts_model import Column

    for name, company in (("Ana", "Zeta"), ("Bo", "Alpha"), ("Cy", "Mid")):
        add_contact(journal, name, "Li", company=company)
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    page.show()
    page.table.setCurrentIndex(page.model.index(1, 0))  # Bo Li
    page.table.selectAll()
    assert page.bulk.count() == 3

    page.table.sortByColumn(Column.COMPANY, Qt.SortOrder.AscendingOrder)

    assert page.bulk.count() == 1
    assert page.selected_contact_id() == page.bulk.selection().ids[0]
    assert page.model.contact_at(page.table.currentIndex().row()).display_name == "Bo Li"


def test_merge_them_hands_the_selected_contacts_to_the_merge_dialog(qtbot, three_window):
    page = three_window.contacts_page
    select_rows(page, 0, 2)
    expected = sorted(page.model.contact_at(row).id for row in (0, 2))
    opened: list[list[int]] = []
    three_window.navigation.open_merge = opened.append  # the dialog itself is tested elsewhere
    page.bulk.merge_requested.disconnect()
    page.bulk.merge_requested.connect(three_window.navigation.open_merge)

    page.bulk.merge_action.trigger()

    assert [sorted(ids) for ids in opened] == [expected]


def test_merge_them_asks_for_two_or_more(qtbot, three_window):
    page = three_window.contacts_page
    select_rows(page, 1)
    with qtbot.assertNotEmitted(page.bulk.merge_requested):
        page.bulk.merge_action.trigger()
    assert "two or more" in three_window.statusBar().currentMessage()


def test_delete_with_several_archived_selected_deletes_them_all_after_asking(
    qtbot, three_window, journal, on_modal
):
    """(It deleted only the contact shown beside the list.)"""
    from PySide6.QtWidgets import QMessageBox

    from colearn_desktop.core.people.contact_list import Scope

    window = three_window
    page = window.contacts_page
    select_rows(page, 0, 1, 2)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # archived, all three
    page.set_scope(Scope.ARCHIVED)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.table.setFocus()
    select_rows(page, 0, 1)
    asked: list[str] = []

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text().splitlines()[0])
        labels = {button.text(): button for button in box.buttons()}
        # (says what it does: before, the button read "Discard")
        assert sorted(labels) == ["&Delete permanently", "Cancel"]
        labels["&Delete permanently"].click()

    on_modal(confirm)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert asked == ["Delete 2 contacts permanently?"]
    assert journal.contact_list.count(ContactQuery(scope=Scope.ARCHIVED)) == 1
    assert window.statusBar().currentMessage().startswith("Deleted 2 contacts permanently.")
    assert journal.check() == []
