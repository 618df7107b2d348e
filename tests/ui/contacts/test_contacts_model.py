from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt

from colearn_desktop.ui.contacts.contacts_model import ID_ROLE, Column, ContactsModel
from colearn_desktop.ui.contacts.contacts_page import ContactsPage
from tests.helpers import add_contact, log_call


def test_contacts_model_passes_the_model_tester(qtmodeltester, demo_journal):
    model = ContactsModel(demo_journal)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    model.sort(Column.NEXT_DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_model_shows_relative_dates_and_balance(journal, clock):
    ana = add_contact(journal, "Ana")
    log_call(journal, ana, when=datetime(2026, 11, 10, 9))
    model = ContactsModel(journal)
    model.reload()
    assert model.index(0, Column.NAME).data() == "Ana García"
    assert model.index(0, Column.LAST_CONTACT).data() == "12 days ago"
    assert model.index(0, Column.BALANCE).data() == "—"
    assert model.index(0, Column.NAME).data(ID_ROLE) == ana


def test_header_click_sorts_in_sql_and_keeps_selection(qtbot, demo_journal):
    page = ContactsPage(demo_journal)
    qtbot.addWidget(page)
    page.table.selectRow(5)
    selected = page.selected_contact_id()
    page.table.sortByColumn(Column.LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    assert page.selected_contact_id() == selected
    dates = [page.model.contact_at(r).last_contact_at for r in range(page.model.rowCount())]
    present = [d for d in dates if d is not None]
    assert present == sorted(present, reverse=True)


def test_filter_narrows_as_you_type(qtbot, journal):
    add_contact(journal, "Zoë", "Ørsted")
    add_contact(journal, "Ben", "Adams")
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.filter_edit, "zoe")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 0).data() == "Zoë Ørsted"
    assert page.count_label.text() == "1 contact"


def test_big_lists_load_a_page_at_a_time_and_pass_the_model_tester(
    qtmodeltester, journal, monkeypatch
):
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.ui.contacts.contacts_model import PAGE

    generate_demo(journal, contacts=PAGE * 2 + 120, conversations_per_contact=1, seed=5)
    reads: list[int] = []
    rows = journal.contact_list.rows
    monkeypatch.setattr(
        journal.contact_list,
        "rows",
        lambda query, offset=0: reads.append(offset) or rows(query, offset=offset),
    )
    model = ContactsModel(journal)
    model.reload()
    assert model.rowCount() == model.total == PAGE * 2 + 120  # every contact is a row
    assert not model.canFetchMore(QModelIndex())
    assert reads == [0]  # but only the first page is read
    assert model.index(PAGE * 2 + 5, 0).data() is not None
    assert reads == [0, PAGE * 2]  # the last page, when one of its rows is asked for
    qtmodeltester.check(model, force_py=True)
    monkeypatch.undo()
    names = [model.contact_at(r).display_name for r in range(model.rowCount())]
    keys = [model.contact_at(r).id for r in range(model.rowCount())]
    assert len(set(keys)) == len(keys)  # pages neither overlap nor skip
    assert names == [r.display_name for r in journal.contact_list.rows()]


def test_finding_a_contact_beyond_the_first_page_reads_its_page(journal):
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.ui.contacts.contacts_model import PAGE

    generate_demo(journal, contacts=PAGE + 50, conversations_per_contact=1, seed=5)
    last = journal.contact_list.rows()[-1].id
    model = ContactsModel(journal)
    model.reload()
    assert model.row_for_id(last) is None
    assert model.row_for_id(last, load=True) == PAGE + 49


def test_columns_fit_their_longest_usual_text(qtbot, journal, clock):
    ana = add_contact(journal, "Ana", "Overdue", cadence_days=7)
    log_call(journal, ana, when=datetime(2024, 1, 1, 9))  # due ~1,050 days ago
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    page.model.reload()
    index = page.model.index(0, Column.NEXT_DUE)
    text = index.data()
    assert text.endswith("days overdue")
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()
    # Shown whole, not elided to "1,056 days over…".
    assert header.sectionSize(Column.NEXT_DUE) > metrics.horizontalAdvance(text)
    assert header.sectionSize(Column.STAGE) > metrics.horizontalAdvance("Help (client)")


def test_a_change_keeps_a_deep_selection_with_few_page_reads(qtbot, journal, monkeypatch):
    """Paging until the selected contact showed up again cost a query per 500 rows after
    every change (200 at 100,000 contacts): now where it stands is asked once and its page
    is read."""
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.ui.contacts.contacts_model import PAGE

    generate_demo(journal, contacts=PAGE * 5, conversations_per_contact=0, seed=3)
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    deep = journal.contact_list.rows()[-3].id
    page.select_contact(deep)
    assert page.selected_contact_id() == deep

    reads: list[int] = []
    rows = journal.contact_list.rows
    monkeypatch.setattr(
        journal.contact_list, "rows", lambda *a, **k: reads.append(1) or rows(*a, **k)
    )
    log_call(journal, deep, when=datetime(2026, 11, 20, 9))
    page.refresh()
    assert page.selected_contact_id() == deep
    assert page.table.currentIndex().row() == page.model.row_for_id(deep)
    assert len(reads) <= 2  # the first page, then the contact's page
