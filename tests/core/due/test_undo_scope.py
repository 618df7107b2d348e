"""An undo of D or T is announced as narrowly as the D or T was: the kind of the item it
brought back and the contact it is about, so the window runs one rule again and leaves other
contacts' pages alone (it announced "reminders, anyone, any kind")."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from colearn_desktop.core.due import DueKind, ReminderInput
from colearn_desktop.core.records import PurchaseInput
from tests.core.due.conftest import TODAY, at
from tests.helpers import add_contact, log_call


def undo_announces(journal) -> list[tuple[str, tuple[str, ...], tuple[int, ...]]]:
    published = []
    unsubscribe = journal.events.subscribe(published.append)
    journal.undo.undo()
    unsubscribe()
    return [(change.topic, change.due_kinds, change.contacts) for change in published]


def test_undo_of_done_on_keep_in_touch_names_its_kind_and_contact(quiet):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=40)))
    quiet.reminders.done(f"cadence:{ana}")
    assert undo_announces(quiet) == [("reminders", ("keep_in_touch",), (ana,))]
    assert f"cadence:{ana}" in [item.key for item in quiet.reminders.due().items]


def test_undo_of_a_check_in_snooze_names_the_purchases_contact(quiet):
    ana = add_contact(quiet)
    day = TODAY - timedelta(days=40)
    quiet.purchases.add(PurchaseInput(ana, day, "Website", Decimal("10"), currency="EUR"))
    item = next(i for i in quiet.reminders.due().items if i.kind is DueKind.CHECK_IN)
    quiet.reminders.snooze(item.key, TODAY + timedelta(days=1))
    assert undo_announces(quiet) == [("reminders", ("check_in",), (ana,))]


def test_undo_of_several_kinds_names_each_kind_and_contact(quiet):
    ana = add_contact(quiet, cadence_days=30)
    ben = add_contact(quiet, "Ben", "Okafor")
    day = TODAY - timedelta(days=40)
    quiet.purchases.add(PurchaseInput(ben, day, "Website", Decimal("10"), currency="EUR"))
    check_in = next(i for i in quiet.reminders.due().items if i.kind is DueKind.CHECK_IN)
    quiet.reminders.done_many([f"cadence:{ana}", check_in.key])
    assert undo_announces(quiet) == [
        ("reminders", ("check_in", "keep_in_touch"), tuple(sorted((ana, ben))))
    ]


def test_undo_of_a_follow_up_done_names_no_kind(quiet):
    """A follow-up is done on its conversation, which feeds several rules and may have
    several people: its undo may change anything, as a conversation's does."""
    ben = add_contact(quiet, "Ben", "Okafor")
    talk = log_call(
        quiet, ben, when=at(TODAY - timedelta(days=3)), next_step="Send it", next_step_due=TODAY
    )
    quiet.reminders.done(f"followup:{talk}")
    assert {kinds for _topic, kinds, _who in undo_announces(quiet)} == {()}


def test_undo_of_a_reminder_done_names_the_reminder_kind_and_its_contact(quiet):
    ana = add_contact(quiet)
    quiet.reminders.add(ReminderInput("Send the quote", TODAY, contact_id=ana))
    item = next(i for i in quiet.reminders.due().items if i.kind is DueKind.REMINDER)
    quiet.reminders.done(item.key)
    assert undo_announces(quiet) == [("reminders", ("reminder",), (ana,))]


def test_undo_of_anything_else_names_no_kind(quiet):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY))
    assert [kinds for _topic, kinds, _who in undo_announces(quiet)] == [()]
