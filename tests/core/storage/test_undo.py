"""One undo history in the journal: every user action is one named operation that undo takes
back exactly (and redo does again), newest first, leaving the caches right; an undo after the
data changed behind its back is refused and writes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.due import DueKind
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.enums import AskStatus, FavourDirection, FavourKind
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.core.referrals.asks import AskInput
from colearn_desktop.core.referrals.template_store import TemplateInput
from colearn_desktop.core.storage import undo_log
from colearn_desktop.core.storage.undo import UndoError
from tests.helpers import add_contact, email, log_call

WHEN = datetime(2026, 11, 20, 10, 0)


def snapshot(journal: Journal) -> dict[str, list[tuple]]:
    """Every row of every table the user's actions change, caches included."""
    with journal.db.read_raw() as connection:
        return {
            table: connection.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall()
            for table in undo_log.recorded_tables()
        }


def search_hits(journal: Journal, words: str) -> int:
    return sum(len(group.hits) for group in journal.search.search(words).groups)


def _favour(journal: Journal, contact: int, amount: str | None = "100") -> int:
    return journal.favours.add(
        FavourInput(
            contact,
            FavourDirection.I_OWE,
            FavourKind.LOAN,
            "Borrowed the projector",
            Decimal(amount) if amount else None,
            "EUR" if amount else "",
            started_on=date(2026, 11, 1),
        )
    )


def _due_key(journal: Journal, kind: DueKind) -> str:
    return next(i.key for i in journal.reminders.due(30).items if i.kind is kind)


def _ask(journal: Journal, contact: int) -> int:
    return journal.referrals.asks.record(AskInput(contact, "Would you know anyone?"))


# Each case: (what to set up, returning ids) -> the action under test, and its name.
CASES: dict[str, tuple[Callable[[Journal, int], object], str]] = {
    "add contact": (
        lambda j, c: add_contact(j, "Bo", "Li", emails=(email("bo@x.org"),), tags=("vip",)),
        "Add Bo Li",
    ),
    "edit contact": (
        lambda j, c: j.contacts.update(
            c,
            ContactInput(
                given_name="Ayşe", family_name="Kaya", company="Nordlys", tags=("client",)
            ),
        ),
        "Edit Ayşe Kaya",
    ),
    "archive contact": (lambda j, c: j.contacts.archive(c), "Archive Ayşe Kaya"),
    "log conversation": (
        lambda j, c: log_call(j, c, when=WHEN, notes="Budget talk", next_step="Send quote"),
        "Log conversation with Ayşe Kaya",
    ),
    "delete conversation": (
        lambda j, c: j.conversations.delete(j._first_conversation),  # type: ignore[attr-defined]
        "Delete conversation with Ayşe Kaya",
    ),
    "note favour": (_favour, "Note favour: Borrowed the projector"),
    "settle favour": (
        lambda j, c: j.favours.settle(j._favour, amount=Decimal("40")),  # type: ignore[attr-defined]
        "Give back part of favour: Borrowed the projector",
    ),
    "purchase": (
        lambda j, c: j.purchases.add(
            PurchaseInput(c, date(2026, 11, 2), "Logo", Decimal("250"), "EUR")
        ),
        "Note purchase: Logo",
    ),
    "reminder": (
        lambda j, c: j.reminders.add(ReminderInput("Send the contract", date(2026, 11, 25), c)),
        "Add reminder: Send the contract",
    ),
    "done keep in touch": (
        lambda j, c: j.reminders.done(_due_key(j, DueKind.KEEP_IN_TOUCH)),
        "Done: keep in touch with Ayşe Kaya",
    ),
    "snooze keep in touch": (
        lambda j, c: j.reminders.snooze(
            _due_key(j, DueKind.KEEP_IN_TOUCH), date(2026, 11, 22) + timedelta(days=3)
        ),
        "Snooze: keep in touch with Ayşe Kaya",
    ),
    "done favour": (
        lambda j, c: j.reminders.done(_due_key(j, DueKind.FAVOUR)),
        "Done: I owe Ayşe Kaya: Borrowed the projector",
    ),
    "referral ask": (_ask, "Note referral ask to Ayşe Kaya"),
    "ask answered": (
        lambda j, c: j.referrals.asks.set_status(j._ask, AskStatus.NO_ANSWER),  # type: ignore[attr-defined]
        "Mark referral ask to Ayşe Kaya no answer",
    ),
    "template": (
        lambda j, c: j.referrals.templates.create(TemplateInput("Short", "Hi {first_name}")),
        "Add referral template Short",
    ),
    "tag cadence": (
        lambda j, c: j.tags.set_cadence(j.tags.all()[0].id, 14),
        "Set keep in touch for tag friend",
    ),
    "delete tag": (lambda j, c: j.tags.delete(j.tags.all()[0].id), "Delete tag friend"),
    "settings": (lambda j, c: j.settings.update(stage_cadence={"network": 10}), "Change settings"),
}


@pytest.fixture
def ayse(journal: Journal) -> int:
    """Ayşe, tagged, long out of touch, with a conversation, a favour due and an ask."""
    contact = add_contact(
        journal,
        "Ayşe",
        "Kaya",
        emails=(email("ayse@kaya.example"),),
        tags=("friend",),
        cadence_days=30,
    )
    journal._first_conversation = log_call(  # type: ignore[attr-defined]
        journal, contact, when=datetime(2026, 9, 1, 9, 0), notes="Met at the fair"
    )
    journal._favour = _favour(journal, contact)  # type: ignore[attr-defined]
    journal.favours.update(
        journal._favour,  # type: ignore[attr-defined]
        FavourInput(
            contact,
            FavourDirection.I_OWE,
            FavourKind.LOAN,
            "Borrowed the projector",
            Decimal("100"),
            "EUR",
            started_on=date(2026, 11, 1),
            due_on=date(2026, 11, 10),
        ),
    )
    journal._ask = _ask(journal, contact)  # type: ignore[attr-defined]
    return contact


@pytest.mark.parametrize("case", list(CASES))
def test_each_action_is_one_named_operation_undone_and_redone_exactly(journal, ayse, case):
    action, name = CASES[case]
    before = snapshot(journal)
    action(journal, ayse)
    after = snapshot(journal)
    assert after != before
    assert journal.undo.next_undo().label == name

    assert journal.undo.undo().label == name
    assert snapshot(journal) == before
    assert journal.check() == []
    assert journal.undo.next_redo().label == name

    assert journal.undo.redo().label == name
    assert snapshot(journal) == after
    assert journal.check() == []


def test_undo_takes_back_the_most_recent_operation_first(journal, ayse):
    log_call(journal, ayse, when=WHEN, notes="Quote for the rebrand")
    key = _due_key(journal, DueKind.FAVOUR)
    journal.reminders.snooze(key, date(2026, 11, 29))

    assert journal.undo.undo().label == "Snooze: I owe Ayşe Kaya: Borrowed the projector"
    assert key in {i.key for i in journal.reminders.due(0).items}
    assert search_hits(journal, "rebrand") == 1
    assert journal.undo.undo().label == "Log conversation with Ayşe Kaya"
    assert search_hits(journal, "rebrand") == 0
    assert journal.check() == []


def test_a_new_action_after_undo_drops_the_redo(journal, ayse):
    journal.tags.rename(journal.tags.all()[0].id, "friends")
    journal.undo.undo()
    journal.contacts.archive(ayse)
    assert journal.undo.next_redo() is None
    with pytest.raises(UndoError, match="nothing to redo"):
        journal.undo.redo()


def test_undo_after_the_row_changed_since_is_refused_and_writes_nothing(journal, ayse):
    journal.contacts.archive(ayse)
    with journal.db.raw() as connection:  # a change that is not in the history
        connection.execute("UPDATE contact SET notes = 'typed elsewhere' WHERE id = ?", (ayse,))
    changed = snapshot(journal)
    with pytest.raises(UndoError) as refused:
        journal.undo.undo()
    assert str(refused.value).startswith('Could not undo "Archive Ayşe Kaya": a contact it changed')
    assert "Nothing was changed" in str(refused.value)
    assert snapshot(journal) == changed
    assert journal.undo.next_undo().label == "Archive Ayşe Kaya"


def test_writes_that_name_no_operation_are_not_in_the_history(journal, ayse):
    latest = journal.undo.next_undo()
    journal.contact_list.rebuild_cache()
    journal.settings.calendar_id()
    assert journal.undo.next_undo() == latest


def test_nothing_to_undo_says_so(journal):
    with pytest.raises(UndoError, match=r"There is nothing to undo\."):
        journal.undo.undo()


def test_the_history_is_bounded(journal, monkeypatch):
    monkeypatch.setattr(undo_log, "MAX_STEPS", 3)
    for given in ("A", "B", "C", "D", "E"):
        add_contact(journal, given, "Test")
    assert [s.label for s in journal.undo.history()] == ["Add E Test", "Add D Test", "Add C Test"]
    with journal.db.read_raw() as connection:
        oldest = connection.execute("SELECT min(first_seq) FROM undo_step").fetchone()[0]
        assert connection.execute("SELECT min(seq) FROM undo_entry").fetchone()[0] == oldest


def test_a_permanent_delete_leaves_nothing_of_the_contact_in_the_history(journal, ayse):
    journal.contacts.archive(ayse)
    journal.contacts.delete_permanently(ayse)
    assert journal.undo.history() == []
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT count(*) FROM undo_entry").fetchone()[0] == 0


def test_every_column_of_every_recorded_table_is_recorded(journal):
    connection = sqlite3.connect(journal.path)
    try:
        triggers = dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'undo_log_%'"
            ).fetchall()
        )
        for table in undo_log.recorded_tables():
            derived = undo_log.DERIVED_COLUMNS.get(table, frozenset())
            for event in ("insert", "update", "delete"):
                sql = triggers[f"undo_log_{table}_{event}"]
                for _, column, *_ in connection.execute(f'PRAGMA table_info("{table}")'):
                    assert (f'"{column}"' in sql) is (column not in derived), (table, column)
    finally:
        connection.close()


def test_an_import_is_one_operation_undone_with_its_batch(journal, ayse, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "Given name,Family name,E-mails,Tags\nDee,New,dee@x.org,imported\n"
        "Ayşe,Kaya,ayse@kaya.example; second@kaya.example,\n",
        encoding="utf-8",
    )
    before = snapshot(journal)
    journal.interchange.import_file(path)
    assert journal.undo.next_undo().label == "Import people.csv"
    journal.undo.undo()
    assert snapshot(journal) == before
    assert journal.interchange.batches() == []
    assert journal.check() == []


def test_undoing_a_log_brings_back_the_snooze_it_cleared(journal, ayse):
    key = _due_key(journal, DueKind.KEEP_IN_TOUCH)
    journal.reminders.snooze(key, date(2026, 12, 1))

    def snoozed_until() -> str | None:
        with journal.db.read_raw() as connection:
            row = connection.execute(
                "SELECT snoozed_until FROM due_item_state WHERE key = ?", (key,)
            ).fetchone()
        return row[0] if row else None

    log_call(journal, ayse, when=WHEN)
    assert snoozed_until() is None
    journal.undo.undo()
    assert snoozed_until() == "2026-12-01"


def test_an_operation_too_big_to_record_is_named_and_refused(journal, ayse, monkeypatch):
    from colearn_desktop.core.interchange import apply

    monkeypatch.setattr(apply, "MAX_IMPORT_ROWS", 1)
    path = journal.path.parent / "big.csv"
    path.write_text("Given name,Family name\nDee,New\nEd,Old\n", encoding="utf-8")
    journal.interchange.import_file(path)
    imported = snapshot(journal)
    assert [s.label for s in journal.undo.history()] == ["Import big.csv"]
    with pytest.raises(UndoError, match=r'^"Import big.csv" changed too many rows'):
        journal.undo.undo()
    assert snapshot(journal) == imported
    journal.interchange.undo(journal.interchange.batches()[0].id)  # its own undo still works
    assert journal.stats().contacts == 1


def test_a_named_operation_over_the_row_limit_keeps_only_its_name(journal, ayse, monkeypatch):
    monkeypatch.setattr(undo_log, "MAX_STEP_ROWS", 2)
    add_contact(journal, "Bo", "Li", emails=(email("bo@x.org"),), tags=("new",))
    assert [s.label for s in journal.undo.history()] == ["Add Bo Li"]
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT count(*) FROM undo_entry").fetchone()[0] == 0
    with pytest.raises(UndoError, match="Nothing was changed"):
        journal.undo.undo()


def test_a_journal_upgraded_from_the_first_revision_records_like_a_new_one(
    journal, tmp_path, clock
):
    from tests.core.storage.test_migrations import make_first_revision_journal

    def undo_schema(path) -> list[tuple[str, str]]:
        connection = sqlite3.connect(path)
        try:
            return connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE name LIKE 'undo%' ORDER BY name"
            ).fetchall()
        finally:
            connection.close()

    old = tmp_path / "old" / "journal.sqlite3"
    make_first_revision_journal(old)
    upgraded = open_journal(old, clock=clock)
    try:
        assert undo_schema(old) == undo_schema(journal.path)
        upgraded.contacts.archive(1)
        assert upgraded.undo.undo().label == "Archive Zoë Ørsted"
        assert not upgraded.contacts.get(1).archived
    finally:
        upgraded.close()


def test_undo_and_redo_name_the_contacts_whose_rows_they_change(journal):
    """Undo published its topics naming no one, so every contact page on view reloaded: it
    now names the contacts the rows it wrote back belong to (a conversation's people, a
    settled favour's contact), and no one only when a row concerns no one in particular."""
    from colearn_desktop.core.events import Change

    ana = add_contact(journal, "Ana", "Silva")
    ben = add_contact(journal, "Ben", "Okafor")
    favour = _favour(journal, ben)
    published: list[Change] = []
    journal.events.subscribe(published.append)

    def named_by(replay: Callable[[], object]) -> set[tuple[int, ...]]:
        published.clear()
        replay()
        assert published
        return {change.contacts for change in published}

    log_call(journal, ana, ben, when=WHEN, notes="Both of them")
    assert named_by(journal.undo.undo) == {(ana, ben)}
    assert named_by(journal.undo.redo) == {(ana, ben)}  # brought back: its people again
    journal.favours.settle(favour, amount=Decimal("40"))
    assert named_by(journal.undo.undo) == {(ben,)}
    journal.settings.update(grace_days=9)
    assert named_by(journal.undo.undo) == {()}  # a setting: anyone's page may show it
    journal.contacts.archive(ana)
    assert named_by(journal.undo.undo) == {()}  # a name shows on others' pages too
