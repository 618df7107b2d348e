"""Acting on many contacts at once: a selection is the list's filter narrowed to picked ids or
widened to "all of it but these"; each action is one transaction and one undo step named
with its count, the caches and the search index stay right, and undo gives back exactly the
journal as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pytest

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Change, Topic
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people import bulk
from colearn_desktop.core.people.contact_list import ContactQuery, Scope
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.storage import undo_log
from colearn_desktop.core.storage.undo import UndoError
from tests.helpers import add_contact

WHEN = datetime(2026, 11, 20, 10, 0)


def dump(journal: Journal) -> dict[str, list[tuple]]:
    """Every row of every table the user's actions change, the cached values included, and
    the search index's contact entries: what "exactly as before" means."""
    with journal.db.read_raw() as connection:
        rows = {
            table: connection.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall()
            for table in undo_log.recorded_tables()
        }
        rows["search"] = connection.execute(
            "SELECT rowid, * FROM search_contact ORDER BY rowid"
        ).fetchall()
        # (a bulk tagging drops the search index's link triggers for its transaction)
        rows["schema"] = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()
    return rows


@pytest.fixture
def people(journal: Journal) -> dict[str, int]:
    """Four designers at Nordlys (one already tagged vip) and one baker elsewhere."""
    ids = {
        "ana": add_contact(journal, "Ana", "García", company="Nordlys", tags=("vip",)),
        "bo": add_contact(journal, "Bo", "Li", company="Nordlys"),
        "cy": add_contact(journal, "Cy", "Young", company="Nordlys"),
        "di": add_contact(journal, "Di", "Ng", company="Nordlys"),
        "ed": add_contact(journal, "Ed", "Baker", company="Crumbs"),
    }
    return ids


def tags_of(journal: Journal) -> dict[str, set[str]]:
    return {
        row.display_name: set(filter(None, row.tags.split(", ")))
        for row in journal.contact_list.rows()
    }


def test_tagging_all_of_a_filter_but_one_tags_exactly_those_in_one_undo_step(
    journal: Journal, people: dict[str, int]
) -> None:
    changes: list[Change] = []
    journal.subscribe(changes.append)
    selection = ContactQuery(text="nordlys", except_ids=(people["cy"],))
    before = dump(journal)

    outcome = journal.bulk.add_tag(selection, "Speaker")

    assert outcome.count == 3
    assert outcome.label == "Add tag Speaker to 3 contacts"
    assert tags_of(journal) == {
        "Ana García": {"Speaker", "vip"},
        "Bo Li": {"Speaker"},
        "Cy Young": set(),
        "Di Ng": {"Speaker"},
        "Ed Baker": set(),
    }
    assert {change.topic for change in changes} == {Topic.TAGS, Topic.CONTACTS}
    assert journal.contact_list.count(ContactQuery(tag="speaker")) == 3
    assert journal.contact_list.count(ContactQuery(text="speaker")) == 3  # the search index
    assert dump(journal)["schema"] == before["schema"]
    assert journal.check() == []
    assert journal.undo.next_undo().label == "Add tag Speaker to 3 contacts"

    journal.undo.undo()

    assert dump(journal) == before
    assert journal.check() == []
    assert journal.contact_list.count(ContactQuery(text="speaker")) == 0


def test_removing_a_tag_from_explicit_ids_leaves_the_others(
    journal: Journal, people: dict[str, int]
) -> None:
    journal.bulk.add_tag(ContactQuery(), "lead")
    before = dump(journal)

    outcome = journal.bulk.remove_tag(ContactQuery(ids=(people["bo"], people["ed"])), "LEAD")

    assert (outcome.count, outcome.label) == (2, "Remove tag LEAD from 2 contacts")
    assert journal.contact_list.count(ContactQuery(tag="lead")) == 3
    assert journal.check() == []
    journal.undo.undo()
    assert dump(journal) == before


ACTIONS: dict[str, tuple[Callable[[Journal, ContactQuery], bulk.BulkOutcome], str]] = {
    "stage": (lambda j, s: j.bulk.set_stage(s, Stage.SHOP), "Set stage shop for 4 contacts"),
    "cadence": (
        lambda j, s: j.bulk.set_cadence(s, 30),
        "Keep in touch every 30 days with 4 contacts",
    ),
    "archive": (lambda j, s: j.bulk.archive(s), "Archive 4 contacts"),
    "conversation": (
        lambda j, s: j.bulk.log_conversation(s, ConversationInput((), WHEN, notes="Team lunch")),
        "Log conversation with 4 contacts",
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_is_one_step_that_undo_takes_back_exactly(
    journal: Journal, people: dict[str, int], action: str
) -> None:
    run, label = ACTIONS[action]
    before = dump(journal)

    outcome = run(journal, ContactQuery(text="Nordlys"))

    assert (outcome.count, outcome.label) == (4, label)
    assert dump(journal) != before
    assert journal.check() == []
    assert [step.label for step in journal.undo.history(2)] == [label, "Add Ed Baker"]

    journal.undo.undo()

    assert dump(journal) == before
    assert journal.check() == []


BIG_ACTIONS: dict[str, Callable[[Journal, ContactQuery], bulk.BulkOutcome]] = {
    "add tag": lambda j, s: j.bulk.add_tag(s, "vip"),
    "remove tag": lambda j, s: j.bulk.remove_tag(s, "vip"),
    "stage": lambda j, s: j.bulk.set_stage(s, Stage.SHOP),
    "cadence": lambda j, s: j.bulk.set_cadence(s, 30),
    "archive": lambda j, s: j.bulk.archive(s),
}


@pytest.mark.parametrize("action", list(BIG_ACTIONS))
def test_an_action_on_more_rows_than_an_operation_may_record_is_still_one_undo_step(
    journal: Journal, people: dict[str, int], action: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100,000 contacts against the log's bound of 10,000 row changes, in small: the bulk
    # action records one compact change per contact and undo writes them back set-based.
    journal.bulk.add_tag(ContactQuery(ids=(people["bo"],)), "vip")
    monkeypatch.setattr(undo_log, "MAX_STEP_ROWS", 1)
    before = dump(journal)

    outcome = BIG_ACTIONS[action](journal, ContactQuery())

    assert outcome.count == 5
    assert outcome.backup is None
    assert dump(journal) != before
    journal.undo.undo()
    assert dump(journal) == before
    assert journal.check() == []
    journal.undo.redo()
    journal.undo.undo()
    assert dump(journal) == before


def test_a_column_set_in_bulk_is_recorded_as_that_column_only(
    journal: Journal, people: dict[str, int]
) -> None:
    with journal.db.read_raw() as connection:
        (updated,) = connection.execute(
            "SELECT updated_at FROM contact WHERE id = ?", (people["ana"],)
        ).fetchone()

    journal.bulk.set_stage(ContactQuery(ids=(people["ana"], people["bo"])), Stage.SHOP)

    with journal.db.read_raw() as connection:
        entries = connection.execute(
            "SELECT tbl, row_id, old, new FROM undo_entry WHERE seq >= "
            "(SELECT first_seq FROM undo_step ORDER BY id DESC LIMIT 1) ORDER BY seq"
        ).fetchall()
    assert [(tbl, row) for tbl, row, _old, _new in entries] == [
        ("contact", people["ana"]),
        ("contact", people["bo"]),
    ]
    old, new = json.loads(entries[0][2]), json.loads(entries[0][3])
    assert old == {"stage": "network", "updated_at": updated}
    assert set(new) == {"stage", "updated_at"}
    assert new["stage"] == "shop"


def test_the_actions_change_what_the_list_shows(journal: Journal, people: dict[str, int]) -> None:
    nordlys = ContactQuery(text="Nordlys")
    journal.bulk.set_stage(nordlys, Stage.HELP)
    journal.bulk.set_cadence(nordlys, 14)
    journal.bulk.log_conversation(nordlys, ConversationInput((), WHEN, notes="Team lunch"))
    rows = {row.display_name: row for row in journal.contact_list.rows()}

    assert {name for name, row in rows.items() if row.stage is Stage.HELP} == {
        "Ana García",
        "Bo Li",
        "Cy Young",
        "Di Ng",
    }
    assert rows["Bo Li"].cadence == 14
    assert rows["Ed Baker"].cadence != 14
    assert rows["Bo Li"].last_contact_at == WHEN
    assert rows["Ed Baker"].last_contact_at is None
    assert journal.stats().conversations == 1

    journal.bulk.archive(nordlys)
    assert journal.contact_list.count(ContactQuery()) == 1
    archived = ContactQuery(scope=Scope.ARCHIVED)
    outcome = journal.bulk.restore(archived)
    assert (outcome.count, outcome.label) == (4, "Restore 4 contacts")
    assert journal.contact_list.count(ContactQuery()) == 5
    assert journal.check() == []


def test_an_empty_selection_or_a_bad_value_changes_nothing(
    journal: Journal, people: dict[str, int]
) -> None:
    before = dump(journal)
    with pytest.raises(ValidationError, match="no contact is selected"):
        journal.bulk.add_tag(ContactQuery(text="nobody-by-this-name"), "vip")
    with pytest.raises(ValidationError, match="no tag called ghost"):
        journal.bulk.remove_tag(ContactQuery(), "ghost")
    with pytest.raises(ValidationError, match="comma"):
        journal.bulk.add_tag(ContactQuery(), "a,b")
    with pytest.raises(ValidationError, match="between 1 and"):
        journal.bulk.set_cadence(ContactQuery(), 0)
    assert dump(journal) == before
    assert journal.undo.next_undo().label == "Add Ed Baker"


def test_a_conversation_with_too_many_people_is_refused(
    journal: Journal, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MAX_CONVERSATION_PEOPLE", 3)
    with pytest.raises(ValidationError, match="at most 3 people and 5 are selected"):
        journal.bulk.log_conversation(ContactQuery(), ConversationInput((), WHEN))
    assert journal.stats().conversations == 0


def test_an_action_too_big_to_undo_row_by_row_makes_a_backup_first(
    journal: Journal, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MAX_BULK_ROWS", 3)

    outcome = journal.bulk.add_tag(ContactQuery(), "everyone")

    assert outcome.count == 5
    assert outcome.backup is not None
    assert outcome.backup.exists()
    assert journal.contact_list.count(ContactQuery(tag="everyone")) == 5
    assert journal.check() == []
    with pytest.raises(UndoError, match="changed too many rows"):
        journal.undo.undo()


def test_a_tag_with_a_cadence_gives_it_to_everyone_tagged_in_bulk(
    journal: Journal, people: dict[str, int]
) -> None:
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    journal.bulk.add_tag(ContactQuery(ids=(people["ana"],)), "monthly")
    monthly = next(tag.id for tag in journal.tags.all() if tag.name == "monthly")
    journal.tags.set_cadence(monthly, 30)

    journal.bulk.add_tag(ContactQuery(text="nordlys"), "monthly")

    cadences = {row.display_name: row.cadence for row in journal.contact_list.rows()}
    assert cadences == {
        "Ana García": 30,
        "Bo Li": 30,
        "Cy Young": 30,
        "Di Ng": 30,
        "Ed Baker": None,
    }
    assert journal.contact_list.row(people["bo"]).next_due is not None
    journal.bulk.remove_tag(ContactQuery(ids=(people["bo"],)), "monthly")
    assert journal.contact_list.row(people["bo"]).cadence is None
    assert journal.contact_list.row(people["bo"]).next_due is None
    assert journal.check() == []


def test_delete_permanently_deletes_only_the_archived_and_keeps_shared_talks(journal):
    ana, bo, cy = (add_contact(journal, name) for name in ("Ana", "Bo", "Cy"))
    journal.conversations.log(
        ConversationInput((ana, cy), datetime(2026, 11, 20, 9), notes="With Cy too")
    )
    journal.conversations.log(ConversationInput((ana,), datetime(2026, 11, 21, 9), notes="Alone"))
    journal.bulk.archive(ContactQuery(ids=(ana, bo)))

    outcome = journal.bulk.delete_permanently(ContactQuery(scope=Scope.ALL, ids=(ana, bo, cy)))

    assert (outcome.count, outcome.label) == (2, "Delete 2 contacts permanently")
    assert outcome.backup is not None
    assert outcome.backup.exists()
    assert [c.display_name for c in journal.contact_list.rows(ContactQuery(scope=Scope.ALL))] == [
        "Cy García"
    ]
    with journal.db.read_raw() as connection:
        notes = [row[0] for row in connection.execute("SELECT notes FROM conversation")]
    assert notes == ["With Cy too"]  # Cy took part: kept
    assert journal.undo.next_undo() is None  # gone means gone: nothing to undo
    assert journal.check() == []


def test_delete_permanently_refuses_when_none_is_archived(journal):
    ana = add_contact(journal, "Ana")
    with pytest.raises(ValidationError, match="only archived contacts"):
        journal.bulk.delete_permanently(ContactQuery(ids=(ana,)))
    assert journal.contact_list.count(ContactQuery()) == 1
