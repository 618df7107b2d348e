"""The per-contact values the list sorts by stay right through every kind of change, and
every sort of the list reads an index."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from colearn_desktop.core.enums import FavourDirection, FavourKind, Stage
from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.people.contact_list import ContactQuery, ContactSort, _order, _where
from colearn_desktop.core.records import FavourInput
from tests.helpers import add_contact, log_call


def cached(journal, contact_id):
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT tags_text, favours_i_owe, favours_they_owe, cadence_effective, "
            "keep_in_touch_on FROM contact WHERE id = ?",
            (contact_id,),
        ).fetchone()


def consistent(journal) -> bool:
    with journal.db.read_raw() as connection:
        return contact_cache.stale_contacts(connection) == []


def test_values_follow_tags_favours_conversations_snoozes_and_settings(journal, clock):
    ana = add_contact(journal, "Ana", stage=Stage.HELP, tags=("client",))
    # Added today, help stage: 60 days by default.
    assert cached(journal, ana) == ("client", 0, 0, 60, "2027-01-21")
    client = next(t for t in journal.tags.all() if t.name == "client")
    journal.tags.set_cadence(client.id, 30)
    assert cached(journal, ana)[3:] == (30, "2026-12-22")
    journal.tags.rename(client.id, "Client")
    assert cached(journal, ana)[0] == "Client"
    log_call(journal, ana, when=datetime(2026, 11, 20, 10))
    assert cached(journal, ana)[4] == "2026-12-20"
    owed = journal.favours.add(FavourInput(ana, FavourDirection.I_OWE, FavourKind.INTRO, "Intro"))
    journal.favours.add(FavourInput(ana, FavourDirection.THEY_OWE, FavourKind.ADVICE, "Tip"))
    assert cached(journal, ana)[1:3] == (1, 1)
    journal.favours.settle(owed, fully=True)
    assert cached(journal, ana)[1:3] == (0, 1)
    journal.reminders.snooze(f"cadence:{ana}", date(2027, 1, 5))
    assert cached(journal, ana)[4] == "2027-01-05"
    journal.contacts.update(ana, journal.contacts.get(ana).data.with_changes(cadence_days=7))
    assert cached(journal, ana)[3] == 7
    journal.tags.delete(client.id)
    assert cached(journal, ana)[0] == ""
    journal.settings.update(stage_cadence={"help": 10})
    bob = add_contact(journal, "Bob", stage=Stage.HELP)
    assert cached(journal, bob)[3:] == (10, "2026-12-02")
    journal.settings.update(stage_cadence={"help": None})
    assert cached(journal, bob)[3:] == (None, None)
    assert consistent(journal)
    assert journal.check() == []


def test_damaged_values_are_reported_and_rebuilt(journal):
    ana = add_contact(journal, "Ana", tags=("x",))
    with journal.db.raw() as connection:
        connection.execute("UPDATE contact SET tags_text = 'wrong' WHERE id = ?", (ana,))
    assert any("cached list values" in p for p in journal.check())
    with journal.db.raw() as connection:
        contact_cache.drop_triggers(connection)
    assert any("triggers are missing" in p for p in journal.check())
    journal.contact_list.rebuild_cache()
    assert journal.check() == []
    assert cached(journal, ana)[0] == "x"


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def test_the_journal_has_exactly_the_triggers_of_the_cache_module(journal):
    with journal.db.read_raw() as connection:
        stored = dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'contact_cache_%'"
            ).fetchall()
        )
    assert {name: _normal(sql) for name, sql in stored.items()} == {
        name: _normal(sql) for name, sql in contact_cache.TRIGGERS.items()
    }


@pytest.mark.parametrize("sort", list(ContactSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_reads_a_page_from_an_index(journal, sort, descending):
    query = ContactQuery(sort=sort, descending=descending, limit=500)
    params: dict[str, object] = {"limit": 500, "offset": 0}
    sql = (
        "SELECT c.id FROM contact c "
        + _where(query, params)
        + " "
        + _order(query)
        + " LIMIT :limit OFFSET :offset"
    )
    with journal.db.read_raw() as connection:
        plan = " | ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "TEMP B-TREE" not in plan, plan
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
