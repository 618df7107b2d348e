"""A stored value the app cannot read back (a date ``2026-11-3x`` after bit rot or another
program's edit) is named by ``check`` (table, row id, column, value), and reads leave that one
row out, with a warning naming it, instead of failing every reminder."""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta

import pytest

from colearn_desktop.core.due import DueKind, ReminderInput
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import FavourInput, PurchaseInput
from tests.faults.test_corruption import in_this_process
from tests.helpers import add_contact, log_call

BAD = {
    ("reminder", "due_on"): "2026-11-3x",
    ("favour", "due_on"): "2026-00-10",
    ("purchase", "purchased_on"): "2026-02-30",
}


def _spoil(path, table: str, column: str, row_id: int, value: object) -> None:
    """Write ``value`` as another program (or a flipped bit) would: past the app's checks."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA ignore_check_constraints = 1")
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def spoiled(journal, clock):
    """Two of each due item, the first of each with an unreadable date, and a contact born on
    31 April."""
    today = clock.today()
    ids: dict[str, list[int]] = {"contact": [], "reminder": [], "favour": [], "purchase": []}
    for name in ("Ada", "Bo"):
        person = add_contact(journal, name)
        ids["contact"].append(person)
        ids["reminder"].append(
            journal.reminders.add(ReminderInput(contact_id=person, text="Call", due_on=today))
        )
        ids["favour"].append(
            journal.favours.add(
                FavourInput(
                    contact_id=person,
                    direction=FavourDirection.I_OWE,
                    kind=FavourKind.INTRO,
                    description="Intro",
                    started_on=today,
                    due_on=today,
                )
            )
        )
        ids["purchase"].append(
            journal.purchases.add(
                PurchaseInput(person, purchased_on=today - timedelta(days=20), what="Course")
            )
        )
    for (table, column), value in BAD.items():
        _spoil(journal.path, table, column, ids[table][0], value)
    for column, value in (("birthday_month", 4), ("birthday_day", 31)):  # 31 April
        _spoil(journal.path, "contact", column, ids["contact"][0], value)
    return ids


def _two_talks_the_first_unreadable(journal, clock, **fields) -> tuple[int, list[int]]:
    """Ada and two conversations with her, 1 and 2 days ago; the newer one's date cannot be
    read."""
    person = add_contact(journal, "Ada")
    talks = [
        log_call(journal, person, when=clock.now() - timedelta(days=d), **fields) for d in (1, 2)
    ]
    _spoil(journal.path, "conversation", "happened_at", talks[0], "2026-11-2x 10:00:00")
    return person, talks


def test_due_leaves_out_only_the_bad_rows_and_names_them(journal, spoiled, caplog):
    with caplog.at_level(logging.WARNING):
        report = journal.reminders.due(days=30)

    found = {item.key for item in report.items}
    for table, kind in (("reminder", "reminder"), ("favour", "favour")):
        good, bad = spoiled[table][1], spoiled[table][0]
        assert f"{kind}:{good}" in found
        assert f"{kind}:{bad}" not in found
    check_ins = [i for i in report.items if i.kind is DueKind.CHECK_IN]
    assert {i.facts["purchase_id"] for i in check_ins} == {spoiled["purchase"][1]}
    for table in ("reminder", "favour", "purchase"):
        assert f"{table} {spoiled[table][0]} is left out of the due items" in caplog.text


def test_the_commands_do_not_crash_and_check_names_every_bad_row(
    journal, spoiled, tmp_path, caplog
):
    data = journal.path.parent
    journal.close()

    due = in_this_process(data, "due", "--days", "30")
    export = in_this_process(data, "export", "reminders", "-o", str(tmp_path / "due.ics"))
    check = in_this_process(data, "check")

    assert due.returncode == 0, due.stderr
    assert "Traceback" not in due.stderr
    assert export.returncode == 0, export.stderr
    assert b"BEGIN:VCALENDAR" in (tmp_path / "due.ics").read_bytes()
    assert f"contact {spoiled['contact'][0]} is left out of the calendar" in caplog.text
    assert check.returncode == 1
    for (table, column), value in BAD.items():
        assert f"{table} {spoiled[table][0]} ({column} {value!r})" in check.stderr
    birthday = f"contact {spoiled['contact'][0]} (birthday_month 4, birthday_day 31)"
    assert f"holds a value that is not a day of the year: {birthday}" in check.stderr


def test_a_contact_s_lists_leave_out_only_the_unreadable_row(journal, clock, caplog):
    person = add_contact(journal, "Ada")
    today = clock.today()
    talks = [log_call(journal, person, when=clock.now() - timedelta(days=d)) for d in (1, 2)]
    bought = [
        journal.purchases.add(PurchaseInput(person, purchased_on=today, what=what))
        for what in ("Course", "Book")
    ]
    owed = [
        journal.favours.add(
            FavourInput(person, FavourDirection.I_OWE, FavourKind.INTRO, what, started_on=today)
        )
        for what in ("Intro", "Advice")
    ]
    _spoil(journal.path, "conversation", "happened_at", talks[0], "2026-11-3x 10:00:00")
    _spoil(journal.path, "purchase", "purchased_on", bought[0], "2026-11-3x")
    _spoil(journal.path, "favour", "started_on", owed[0], "2026-11-3x")

    with caplog.at_level(logging.WARNING):
        timeline = journal.conversations.for_contact(person)
        purchases = journal.purchases.for_contact(person)
        favours = journal.favours.for_contact(person)

    assert [c.id for c in timeline] == [talks[1]]
    assert [p.id for p in purchases] == [bought[1]]
    assert [f.id for f in favours] == [owed[1]]
    for table, row_id in (("conversation", talks[0]), ("purchase", bought[0]), ("favour", owed[0])):
        assert f"{table} {row_id} is left out of the list" in caplog.text


def test_the_contacts_list_shows_a_contact_without_an_unreadable_date(journal, clock, caplog):
    ada, bo, cy = (add_contact(journal, name) for name in ("Ada", "Bo", "Cy"))
    for person in (ada, bo, cy):
        log_call(journal, person, when=clock.now() - timedelta(days=3))
    _spoil(journal.path, "contact", "last_contact_at", ada, "2026-11-3x 10:00:00")
    _spoil(journal.path, "contact", "stage", bo, "n\xe9twork")  # a flipped bit in a stage

    with caplog.at_level(logging.WARNING):
        rows = journal.contact_list.rows()

    assert [(r.id, r.last_contact_at is None) for r in rows] == [(ada, True), (cy, False)]
    assert journal.contact_list.row(ada).last_contact_at is None
    assert f"contact {ada} is left out of the contacts list's dates" in caplog.text
    assert f"contact {bo} is left out of the contacts list:" in caplog.text


def test_the_contact_s_brief_leaves_out_a_note_with_an_unreadable_date(journal, clock, caplog):
    person, talks = _two_talks_the_first_unreadable(journal, clock, learned="Fact")

    with caplog.at_level(logging.WARNING):
        brief = journal.brief.for_contact(person)

    assert [note.conversation_id for note in brief.learnings] == [talks[1]]
    assert f"conversation {talks[0]} is left out of the contact's brief" in caplog.text


def test_search_shows_a_hit_whose_date_cannot_be_read_without_it(journal, clock, caplog):
    _person, talks = _two_talks_the_first_unreadable(journal, clock, notes="pricing talk")

    with caplog.at_level(logging.WARNING):
        results = journal.search.search("pricing")

    hits = {hit.item_id: hit.when for group in results.groups for hit in group.hits}
    assert hits[talks[0]] is None
    assert hits[talks[1]] == (clock.now() - timedelta(days=2)).date()
    assert f"conversation {talks[0]} is left out of the search results' dates" in caplog.text


def test_insights_leave_out_a_learning_whose_date_cannot_be_read(journal, clock, caplog):
    _person, talks = _two_talks_the_first_unreadable(journal, clock, learned="Fact")

    with caplog.at_level(logging.WARNING):
        learnings = journal.insights.learnings()

    assert [row.conversation_id for row in learnings] == [talks[1]]
    assert f"conversation {talks[0]} is left out of the learnings" in caplog.text
