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
    page.show()  # (typed into a hidden list, the filter waits until it is shown)
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
    asked: list[int] = []
    position = journal.contact_list.position
    monkeypatch.setattr(
        journal.contact_list, "position", lambda *a, **k: asked.append(1) or position(*a, **k)
    )
    log_call(journal, deep, when=datetime(2026, 11, 20, 9))
    page.refresh()
    assert page.selected_contact_id() == deep
    assert page.table.currentIndex().row() == page.model.row_for_id(deep)
    assert len(reads) <= 2  # the first page, then the contact's page
    # It did not move: its old row's page (read anyway to show it) says so, no query asks.
    assert asked == []


def _deep_selection(qtbot, journal, monkeypatch) -> tuple[ContactsPage, int, list[int]]:
    """The contacts page with the third contact from the end selected, and a list that
    gains an item each time the list asks where a contact stands."""
    page = ContactsPage(journal)
    qtbot.addWidget(page)
    deep = journal.contact_list.rows()[-3].id
    page.select_contact(deep)
    asked: list[int] = []
    position = journal.contact_list.position
    monkeypatch.setattr(
        journal.contact_list, "position", lambda *a, **k: asked.append(1) or position(*a, **k)
    )
    return page, deep, asked


def test_a_change_that_moves_the_selection_asks_where_it_went_once(qtbot, journal, monkeypatch):
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.ui.contacts.contacts_model import PAGE

    generate_demo(journal, contacts=PAGE * 2, conversations_per_contact=0, seed=3)
    page, deep, asked = _deep_selection(qtbot, journal, monkeypatch)
    add_contact(journal, "Aaron", "Aardvark")  # sorts first: everyone moves down a row
    page.refresh()
    assert page.selected_contact_id() == deep
    assert page.table.currentIndex().row() == PAGE * 2 - 2  # one row further down
    assert len(asked) <= 1


def test_pages_far_down_are_read_from_a_contacts_place_not_with_offset(journal, monkeypatch):
    """Going to a contact far down, then scrolling on from its page, read each page with
    OFFSET (every row before it walked again): now the page around the contact and the pages
    next to it start from a contact's place in the sort's index."""
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.ui.contacts.contacts_model import PAGE
    from tests.helpers import traced_statements

    generate_demo(journal, contacts=PAGE * 3 + 40, conversations_per_contact=0, seed=3)
    listed = [row.id for row in journal.contact_list.rows()]
    model = ContactsModel(journal)
    model.reload()
    statements = traced_statements(journal, monkeypatch)
    deep = PAGE * 2 + 17
    assert model.row_for_id(listed[deep], load=True) == deep
    for row in (PAGE * 2 - 1, PAGE * 2 + 3, PAGE * 3 + 39):  # its page, before, after
        assert model.contact_at(row).id == listed[row]
    assert model.contact_at(PAGE + 10).id == listed[PAGE + 10]
    assert not [s for s in statements if "OFFSET" in s]


def test_a_filter_that_drops_nobody_keeps_a_deep_selection_without_asking_where(
    qtbot, journal, monkeypatch
):
    """Typing one letter that nearly everyone matches asked where the selected contact far
    down went (~0.15 s at 100,000 contacts) and read its page with OFFSET: text typed on
    lists only contacts listed before, so the same count means the same rows in the same
    places, and the selected contact's page is read from its own place."""
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.core.people.contact_list import ContactQuery
    from colearn_desktop.ui.contacts.contacts_model import PAGE
    from tests.helpers import traced_statements

    generate_demo(journal, contacts=PAGE * 3, conversations_per_contact=0, seed=3)
    total = journal.contact_list.count()
    letter = next(
        c for c in "eaionrst" if journal.contact_list.count(ContactQuery(text=c)) == total
    )
    page, deep, asked = _deep_selection(qtbot, journal, monkeypatch)
    statements = traced_statements(journal, monkeypatch)
    page.filter_edit.setText(letter)
    page.apply_filters()
    assert page.selected_contact_id() == deep
    assert page.table.currentIndex().row() == total - 3
    assert asked == []
    assert not [s for s in statements if "OFFSET" in s and "OFFSET 0" not in s]
    # A letter more that leaves people out: then where it went is asked, once.
    page.filter_edit.setText(letter + "qx")
    page.apply_filters()
    assert len(asked) <= 1
