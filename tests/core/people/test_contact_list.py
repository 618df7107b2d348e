from __future__ import annotations

from datetime import date, datetime

import pytest

from colearn_desktop.core.enums import FavourDirection, FavourKind, Stage
from colearn_desktop.core.people.contact_list import ContactQuery, ContactSort, Scope
from colearn_desktop.core.records import FavourInput
from tests.helpers import add_contact, email, log_call, query_plan, traced_statements


@pytest.fixture
def people(journal):
    ids = {
        "zoe": add_contact(
            journal,
            "Zoë",
            "Ørsted",
            company="Nordlys",
            stage=Stage.HELP,
            emails=(email("zoe@nordlys.example"),),
            tags=("vip",),
        ),
        "ana": add_contact(
            journal, "Ana", "García", company="", stage=Stage.SEARCH, tags=("designer",)
        ),
        "ben": add_contact(
            journal, "Ben", "Adams", company="Acme", stage=Stage.NETWORK, cadence_days=10
        ),
    }
    log_call(journal, ids["zoe"], when=datetime(2026, 11, 1, 9))
    log_call(journal, ids["ben"], when=datetime(2026, 11, 20, 9))
    journal.favours.add(FavourInput(ids["ana"], FavourDirection.I_OWE, FavourKind.INTRO, "Intro"))
    journal.favours.add(FavourInput(ids["ana"], FavourDirection.I_OWE, FavourKind.ADVICE, "Advice"))
    journal.favours.add(
        FavourInput(ids["zoe"], FavourDirection.THEY_OWE, FavourKind.TESTIMONIAL, "Quote")
    )
    return ids


def names(rows):
    return [r.display_name.split()[0] for r in rows]


def test_default_is_active_contacts_by_name(journal, people):
    assert names(journal.contact_list.rows()) == ["Ana", "Ben", "Zoë"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (ContactSort.COMPANY, ["Ben", "Zoë", "Ana"]),  # empty company last
        (ContactSort.STAGE, ["Ben", "Ana", "Zoë"]),
        (ContactSort.LAST_CONTACT, ["Zoë", "Ben", "Ana"]),  # never contacted last
        (ContactSort.BALANCE, ["Zoë", "Ben", "Ana"]),
        (ContactSort.TAGS, ["Ana", "Zoë", "Ben"]),
    ],
)
def test_sorting_happens_in_sql(journal, people, sort, expected):
    assert names(journal.contact_list.rows(ContactQuery(sort=sort))) == expected


def test_descending_keeps_empty_values_last(journal, people):
    rows = journal.contact_list.rows(ContactQuery(sort=ContactSort.LAST_CONTACT, descending=True))
    assert names(rows) == ["Ben", "Zoë", "Ana"]


def test_next_due_uses_contact_then_tag_then_stage_cadence(journal, people, clock):
    journal.tags.set_cadence(next(t.id for t in journal.tags.all() if t.name == "vip"), 30)
    rows = {r.display_name.split()[0]: r for r in journal.contact_list.rows()}
    assert rows["Ben"].next_due == date(2026, 11, 30)  # own cadence 10 days
    assert rows["Zoë"].next_due == date(2026, 12, 1)  # vip tag: 30 days
    # Ana: never contacted, stage "search" default (21 days) from the day she was added.
    assert rows["Ana"].next_due == date(2026, 12, 13)
    journal.settings.update(stage_cadence={"search": None})
    assert journal.contact_list.rows(ContactQuery(text="ana"))[0].next_due is None


def test_balance_columns(journal, people):
    rows = {r.display_name.split()[0]: r for r in journal.contact_list.rows()}
    assert (rows["Ana"].i_owe, rows["Ana"].they_owe, rows["Ana"].balance) == (2, 0, 2)
    assert (rows["Zoë"].i_owe, rows["Zoë"].they_owe) == (0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zoe", ["Zoë"]),  # accent-insensitive name
        ("ØRSTED", ["Zoë"]),
        ("acme", ["Ben"]),  # company
        ("nordlys.example", ["Zoë"]),  # e-mail
        ("design", ["Ana"]),  # tag
        ("%", []),  # LIKE wildcards are literal
        ("_", []),
        ("", ["Ana", "Ben", "Zoë"]),
    ],
)
def test_filter_by_name_company_email_tag(journal, people, text, expected):
    assert names(journal.contact_list.rows(ContactQuery(text=text))) == expected


def test_quick_filters_stage_tag_and_scope(journal, people):
    assert names(journal.contact_list.rows(ContactQuery(stage=Stage.HELP))) == ["Zoë"]
    assert names(journal.contact_list.rows(ContactQuery(tag="VIP"))) == ["Zoë"]
    journal.contacts.archive(people["ben"])
    assert names(journal.contact_list.rows()) == ["Ana", "Zoë"]
    assert names(journal.contact_list.rows(ContactQuery(scope=Scope.ARCHIVED))) == ["Ben"]
    assert names(journal.contact_list.rows(ContactQuery(scope=Scope.ALL))) == ["Ana", "Ben", "Zoë"]
    assert journal.contact_list.count(ContactQuery(scope=Scope.ALL)) == 3
    assert journal.contact_list.rows(ContactQuery(scope=Scope.ARCHIVED))[0].archived


def test_limit(journal, people):
    assert names(journal.contact_list.rows(ContactQuery(limit=2))) == ["Ana", "Ben"]


def test_a_row_carries_every_value_with_its_type(journal, people, clock):
    """The list builds its rows straight from the driver's tuples: each field as the model
    and the screens expect it (enum, dates, numbers, flags)."""
    from colearn_desktop.core.people.contact_list import ContactRow

    zoe = journal.contact_list.row(people["zoe"])
    assert type(zoe) is ContactRow
    assert zoe.id == people["zoe"]
    assert zoe.display_name.startswith("Zoë")
    assert zoe.company == "Nordlys"
    assert zoe.stage is Stage.HELP
    assert zoe.last_contact_at == datetime(2026, 11, 1, 9)
    assert type(zoe.next_due) is date
    assert (zoe.i_owe, zoe.they_owe, zoe.balance) == (0, 1, -1)
    assert zoe.tags == "vip"
    assert zoe.archived is False
    assert zoe.cadence is not None
    ana = journal.contact_list.row(people["ana"])
    assert ana.stage is Stage.SEARCH
    assert ana.last_contact_at is None
    assert (ana.i_owe, ana.they_owe, ana.balance) == (2, 0, 2)
    journal.contacts.archive(people["ben"])
    ben = journal.contact_list.row(people["ben"])
    assert ben.archived is True
    assert ben.stage is Stage.NETWORK
    assert ben.cadence == 10
    assert journal.contact_list.rows(ContactQuery(scope=Scope.ALL)) == [
        journal.contact_list.row(r.id)
        for r in journal.contact_list.rows(ContactQuery(scope=Scope.ALL))
    ]


@pytest.mark.parametrize(
    "query",
    [
        *(
            ContactQuery(sort=sort, descending=descending, scope=scope)
            for sort in ContactSort
            for descending in (False, True)
            for scope in (Scope.ACTIVE, Scope.ALL)
        ),
        ContactQuery(text="a"),
        ContactQuery(text="a", sort=ContactSort.NEXT_DUE, descending=True),
    ],
)
def test_position_is_where_the_contact_stands_in_the_list(journal, people, query):
    """Every sort both ways, with empty values and ties (the keyset count must agree with
    the list's own order, empty values last both ways, the id breaking ties)."""
    listed = [row.id for row in journal.contact_list.rows(query)]
    for contact_id in people.values():
        expected = listed.index(contact_id) if contact_id in listed else None
        assert journal.contact_list.position(query, contact_id) == expected


def test_position_of_a_contact_the_list_leaves_out_is_none(journal, people):
    assert journal.contact_list.position(ContactQuery(text="nordlys"), people["ana"]) is None
    assert journal.contact_list.position(ContactQuery(stage=Stage.HELP), people["zoe"]) == 0


def test_position_agrees_with_the_list_for_every_contact_and_sort(journal):
    """A demo journal has empty companies, people never talked to, equal balances and
    stages: ties everywhere, broken by name and then by id as the list breaks them."""
    from colearn_desktop.core.demo_journal.demo import generate_demo

    generate_demo(journal, contacts=60, conversations_per_contact=1, seed=4)
    for twin in range(3):  # the same name three times: only the id tells them apart
        add_contact(journal, "Sam", "Twin", company="" if twin else "Acme")
    for sort in ContactSort:
        for descending in (False, True):
            query = ContactQuery(sort=sort, descending=descending, scope=Scope.ALL)
            listed = [row.id for row in journal.contact_list.rows(query)]
            found = [journal.contact_list.position(query, contact_id) for contact_id in listed]
            assert found == list(range(len(listed))), (sort, descending)


def test_position_reads_index_ranges_instead_of_numbering_every_row(journal, monkeypatch):
    """Numbering every row (row_number() over the whole list) took 0.3–0.8 s at 100,000
    contacts on every change with a contact selected far down: the position is now counted
    in ranges of the sort's index: no statement reads the list whole or sorts it."""
    from colearn_desktop.core.demo_journal.demo import generate_demo

    generate_demo(journal, contacts=40, conversations_per_contact=0, seed=2)
    statements = traced_statements(journal, monkeypatch)
    last = journal.contact_list.rows()[-1].id
    for sort in ContactSort:
        for descending in (False, True):
            statements.clear()
            query = ContactQuery(sort=sort, descending=descending)
            assert journal.contact_list.position(query, last) is not None
            (sql,) = [s for s in statements if "count(*)" in s or "row_number" in s]
            plan = query_plan(journal, sql)
            # "SCAN s" reads the selected row's values, once; nothing else is read whole.
            assert [step for step in plan if step.startswith("SCAN")] == ["SCAN s"], plan
            assert not [step for step in plan if "TEMP B-TREE" in step], (sort, plan)


def test_rows_next_to_a_contact_are_the_lists_neighbours_read_from_its_index_place(
    journal, monkeypatch
):
    """A page far down was read with OFFSET, which walks every row before it (~0.2 s at
    100,000 contacts): the rows next to a contact now come from its place in the sort's
    index, in the list's order, with no statement that skips rows or sorts them."""
    from colearn_desktop.core.demo_journal.demo import generate_demo

    generate_demo(journal, contacts=60, conversations_per_contact=1, seed=4)
    for twin in range(3):  # the same name three times: only the id tells them apart
        add_contact(journal, "Sam", "Twin", company="" if twin else "Acme")
    statements = traced_statements(journal, monkeypatch)
    for sort in ContactSort:
        for descending in (False, True):
            query = ContactQuery(sort=sort, descending=descending)
            listed = [row.id for row in journal.contact_list.rows(query)]
            statements.clear()
            for at in (0, 1, len(listed) // 2, len(listed) - 2, len(listed) - 1):
                anchor = listed[at]
                after = journal.contact_list.rows_next_to(query, anchor, 7, after=True)
                before = journal.contact_list.rows_next_to(query, anchor, 7, after=False)
                assert [r.id for r in after] == listed[at + 1 : at + 8], (sort, descending)
                assert [r.id for r in before] == listed[max(at - 7, 0) : at], (sort, descending)
            pages = [s for s in statements if "LIMIT" in s]
            assert pages
            assert not [s for s in pages if "OFFSET" in s]
            for sql in pages:
                plan = query_plan(journal, sql)
                assert not [step for step in plan if "TEMP B-TREE" in step], (sort, plan)


def test_a_filtered_count_walks_the_matches_instead_of_listing_them_first(journal, monkeypatch):
    """ "c.id IN (matches)" built a list of every match before counting (~0.1 s for a letter
    nearly everyone matches at 100,000 contacts, ~50 ms for any filter): the count now walks
    the full-text index's matches and looks each contact up."""
    from colearn_desktop.core.demo_journal.demo import generate_demo

    generate_demo(journal, contacts=30, conversations_per_contact=0, seed=2)
    statements = traced_statements(journal, monkeypatch)
    for text in ("a", "an"):
        query = ContactQuery(text=text)
        statements.clear()
        assert journal.contact_list.count(query) == len(journal.contact_list.rows(query))
        (sql,) = [s for s in statements if "count(*)" in s and "sqlite_master" not in s]
        plan = query_plan(journal, sql)
        # The matches are walked, never listed first; only the archived contacts' ids are
        # (from an index), and no match's contact row is looked up.
        assert not [step for step in plan if "search_contact" in step and "LIST" in step], plan
        assert not [step for step in plan if "INTEGER PRIMARY KEY" in step], plan


def test_a_count_by_text_agrees_with_the_rows_in_every_scope(journal, monkeypatch):
    """The count by text alone counts the full-text index's matches less the archived
    contacts: it must agree with the list's rows whatever the scope and the other filters."""
    from colearn_desktop.core.demo_journal.demo import generate_demo

    generate_demo(journal, contacts=40, conversations_per_contact=0, seed=2)
    for row in journal.contact_list.rows()[::3]:
        journal.contacts.archive(row.id)
    for scope in Scope:
        for text in ("a", "an", "e"):
            for stage in (None, Stage.NETWORK):
                query = ContactQuery(text=text, scope=scope, stage=stage)
                listed = len(journal.contact_list.rows(query))
                assert journal.contact_list.count(query) == listed, (scope, text, stage)
