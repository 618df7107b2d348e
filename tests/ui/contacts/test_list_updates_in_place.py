"""A change about a few contacts (a talk logged, a favour, a reminder done) shows in their
rows where they stand: the list re-paged itself and counted every contact again (~40 ms at
100,000 contacts, ~0.5 s with a deep selection) to show one new date.  A change that may
move a row, or a filter that drops nobody, is checked by what the list reads and signals."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from colearn_desktop.ui.contacts.contacts_model import Column, ContactsModel
from colearn_desktop.ui.contacts.contacts_page import ContactsPage
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.helpers import add_contact, log_call, traced_statements


@pytest.fixture
def listed(qtbot, journal):
    """The list on view with Ben selected, and what its model signals from now on."""
    ana, ben, cleo = (
        add_contact(journal, given, family, company="Estudio")
        for given, family in (("Ana", "Adams"), ("Ben", "Brown"), ("Cleo", "Chen"))
    )
    page = ContactsPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.select_contact(ben)
    signals: list[tuple[str, int, int]] = []
    model = page.model
    model.modelReset.connect(lambda: signals.append(("reset", -1, -1)))
    model.layoutChanged.connect(lambda: signals.append(("layout", -1, -1)))
    model.dataChanged.connect(
        lambda first, last, _roles=(): signals.append(("data", first.row(), last.row()))
    )
    return page, (ana, ben, cleo), signals


def _names(model: ContactsModel) -> list[str]:
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def test_a_talk_logged_updates_that_contacts_row_in_place(qtbot, journal, listed, monkeypatch):
    page, (_ana, ben, _cleo), signals = listed
    statements = traced_statements(journal, monkeypatch)
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        log_call(journal, ben, when=datetime(2026, 11, 20, 9))
    assert signals == [("data", 1, 1)]  # Ben's row, no reset, no re-paging
    assert page.model.index(1, Column.LAST_CONTACT).data() == "2 days ago"
    assert page.selected_contact_id() == ben
    assert [s for s in statements if "count(*)" in s] == []  # the count cannot have changed
    assert len([s for s in statements if "FROM contact c" in s]) == 1  # Ben's row, once


def test_a_talk_that_moves_the_row_in_the_sort_reads_the_list_again(qtbot, journal, listed):
    page, (_ana, _ben, cleo), signals = listed
    page.table.sortByColumn(Column.LAST_CONTACT, Qt.SortOrder.AscendingOrder)
    signals.clear()
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        log_call(journal, cleo, when=datetime(2026, 11, 20, 9))
    assert ("reset", -1, -1) in signals
    assert _names(page.model)[0] == "Cleo Chen"  # the only one talked to comes first


def test_a_change_of_the_contact_itself_reads_the_list_again(qtbot, journal, listed):
    page, (ana, _ben, _cleo), signals = listed
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        journal.contacts.archive(ana)
    assert ("reset", -1, -1) in signals
    assert _names(page.model) == ["Ben Brown", "Cleo Chen"]


def test_a_filter_that_drops_nobody_keeps_the_rows_it_holds(qtbot, journal, listed, monkeypatch):
    """One letter every contact matches re-read the first page and the selected contact's
    page (~0.1 s at 100,000 contacts): the count alone says the rows are the same."""
    page, (_ana, ben, _cleo), signals = listed
    statements = traced_statements(journal, monkeypatch)
    page.filter_edit.setText("e")  # everyone works at Estudio
    page.apply_filters()
    assert page.model.total == 3
    assert signals == []
    assert [s for s in statements if "c.display_name" in s] == []  # no page read again
    assert page.selected_contact_id() == ben
    page.filter_edit.setText("ch")  # drops Ana and Ben: read again
    page.apply_filters()
    assert _names(page.model) == ["Cleo Chen"]


def test_typing_just_before_the_list_is_hidden_reads_it_when_shown_again(qtbot, listed):
    """Text typed into the filter is read a moment later; when the list was hidden meanwhile
    (another screen), it is read when the list is shown again."""
    page, _contacts, _signals = listed
    page.filter_edit.setText("ch")
    page.hide()
    qtbot.waitUntil(lambda: not page._debounce.isActive())
    assert _names(page.model) == ["Ana Adams", "Ben Brown", "Cleo Chen"]  # not read hidden
    page.show()
    assert _names(page.model) == ["Cleo Chen"]


def test_typing_just_before_the_window_closes_reads_no_closed_journal(qtbot, listed, journal):
    """The window closed, and its journal after it, a moment after a key in the filter: the
    read came after and failed in the event loop (seen ending the two-computer story)."""
    page, _contacts, _signals = listed
    page.filter_edit.setText("ch")
    page.close()
    journal.close()
    qtbot.waitUntil(lambda: not page._debounce.isActive())  # (an error would fail the test)
    assert _names(page.model) == ["Ana Adams", "Ben Brown", "Cleo Chen"]
