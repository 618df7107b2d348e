"""Merging contacts keeps everything that was theirs on the kept contact, in one undo step;
``colearn check`` finds nothing wrong after the merge and after its undo."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from colearn_desktop.core.contact_fields import Birthday, Labelled
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.enums import FavourDirection, FavourKind, Stage
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Topic
from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.core.referrals.asks import AskInput
from tests.helpers import add_contact, email, log_call

LENT = FavourKind.MONEY


def uid_of(journal, contact_id: int) -> str:
    with journal.db.read_raw() as connection:
        return connection.execute("SELECT uid FROM contact WHERE id = ?", (contact_id,)).fetchone()[
            0
        ]


def favour(journal, contact_id: int, cents: str, currency: str, direction=FavourDirection.I_OWE):
    return journal.favours.add(
        FavourInput(contact_id, direction, LENT, f"{cents} {currency}", Decimal(cents), currency)
    )


def test_a_merge_unites_lists_keeps_chosen_values_and_notes_the_rest(journal):
    journal.settings.update(phone_region="GB")
    kept = add_contact(
        journal, "Freja", "Dahl", company="Nordlys", emails=(email("freja@nordlys.dk"),),
        phones=(Labelled("+44 7700 900123"),), tags=("design",), notes="Met at a fair.",
        birthday=Birthday(5, 1, 1990),
    )  # fmt: skip
    other = add_contact(
        journal, "Freja", "D.", company="Acme", job_title="Founder",
        emails=(email("FREJA@nordlys.dk"), email("fd@acme.io")),
        phones=(Labelled("07700 900123"), Labelled("07700 900999")), tags=("Design", "client"),
        notes="Prefers mornings.", birthday=Birthday(6, 1, 1990),
    )  # fmt: skip
    plan = journal.merge.plan(kept, [other], {"company": other})
    assert [f.key for f in plan.differing()] == ["name", "company", "job_title", "birthday"]
    merged = plan.merged()
    assert merged.company == "Acme"
    assert merged.job_title == "Founder"  # the kept contact had none
    assert merged.birthday == Birthday(5, 1, 1990)
    assert [e.value for e in merged.emails] == ["freja@nordlys.dk", "fd@acme.io"]
    assert [p.value for p in merged.phones] == ["+44 7700 900123", "07700 900999"]
    assert merged.tags == ("design", "client")
    assert merged.notes == (
        "Met at a fair.\n\n"
        "Before the merge (2026-11-22):\nCompany: Nordlys\n\n"
        "From Freja D. (merged 2026-11-22):\nPrefers mornings.\nBirthday: 1990-06-01"
    )
    seen = []
    journal.subscribe(seen.append)
    result = journal.merge.merge(plan)
    assert result.backup is None  # one other: no bulk merge
    assert seen[0].topic is Topic.CONTACTS
    assert seen[0].ids == (kept, other)
    assert Action.DELETED in seen[0].action
    detail = journal.contacts.get(kept)
    assert detail.data == merged.with_changes(tags=("client", "design"))  # read back sorted
    assert not journal.contacts.exists(other)
    assert journal.check() == []
    assert journal.undo.next_undo().label == "Merge Freja Dahl and Freja D."


def test_everything_moves_to_the_kept_contact_and_undo_brings_it_back(journal, clock):
    kept = add_contact(journal, "Freja", "Dahl")
    other = add_contact(journal, "Freja", "D.")
    third = add_contact(journal, "F.", "Dahl")
    friend = add_contact(journal, "Bo", "Lind", referred_by_id=other)
    both = log_call(journal, kept, other, friend, when=datetime(2026, 11, 1, 10))
    alone = log_call(journal, other, when=datetime(2026, 11, 20, 10))
    favour(journal, other, "20", "EUR")
    favour(journal, kept, "15", "DKK")
    journal.purchases.add(PurchaseInput(other, date(2026, 10, 1), "Logo", Decimal("300"), "EUR"))
    journal.purchases.add(PurchaseInput(other, date(2025, 9, 1), "Card", Decimal("50"), "EUR"))
    journal.purchases.add(PurchaseInput(kept, date(2026, 3, 1), "Site", Decimal("900"), "DKK"))
    journal.reminders.add(ReminderInput("Send the invoice", date(2026, 12, 1), other))
    journal.referrals.asks.record(AskInput(other, "Do you know anyone?"))
    journal.reminders.snooze(f"cadence:{other}", date(2026, 12, 24))
    journal.duplicates.mark_not_same(other, friend)
    journal.duplicates.mark_not_same(kept, other)  # a mark between the merged is dropped
    # As after any import (contact_cache.bulk_load): the cache triggers are now newer than
    # the undo log's, and fire first.
    with journal.db.raw() as connection, contact_cache.bulk_load(connection):
        pass
    before = journal.stats()
    other_uid = uid_of(journal, other)

    result = journal.merge.merge(journal.merge.plan(kept, [other, third]))

    assert result.backup is not None
    assert result.backup.exists()
    assert [c.id for c in journal.conversations.for_contact(kept)] == [alone, both]
    assert {p.id for p in journal.conversations.get(both).participants} == {kept, friend}
    assert journal.favours.balance(kept) != journal.favours.balance(friend)
    assert {(f.data.currency, f.data.amount) for f in journal.favours.for_contact(kept)} == {
        ("EUR", Decimal("20")), ("DKK", Decimal("15"))
    }  # fmt: skip
    assert journal.purchases.totals(kept) == {"EUR": Decimal("350"), "DKK": Decimal("900")}
    assert journal.contacts.get(friend).data.referred_by_id == kept
    assert journal.contacts.resolve_uid(other_uid) == kept
    assert journal.contacts.get(kept).last_contact_at == datetime(2026, 11, 20, 10)
    assert journal.duplicates.not_same_pairs() == [(kept, friend)]
    assert journal.stats().contacts == before.contacts - 2
    assert (journal.stats().conversations, journal.stats().favours) == (
        before.conversations, before.favours
    )  # fmt: skip
    assert journal.check() == []
    assert journal.undo.next_undo().label == "Merge Freja Dahl and 2 others"

    journal.undo.undo()
    assert journal.check() == []
    assert journal.stats() == before
    assert journal.contacts.resolve_uid(other_uid) == other
    assert [c.id for c in journal.conversations.for_contact(other)] == [alone, both]
    assert journal.contacts.get(friend).data.referred_by_id == other
    assert sorted(journal.duplicates.not_same_pairs()) == sorted(
        [(min(other, friend), max(other, friend)), (kept, other)]
    )


def test_a_referral_between_the_two_is_dropped_and_the_referrer_of_the_other_kept(journal):
    referrer = add_contact(journal, "Ola", "Berg")
    kept = add_contact(journal, "Freja", "Dahl")
    other = add_contact(journal, "Freja", "D.", referred_by_id=referrer)
    journal.contacts.update(
        kept, journal.contacts.get(kept).data.with_changes(referred_by_id=other)
    )
    journal.merge.merge(journal.merge.plan(kept, [other]))
    assert journal.contacts.get(kept).data.referred_by_id == referrer
    assert journal.check() == []


@pytest.mark.parametrize(
    ("kept", "others", "words"),
    [
        (1, [], "name at least one contact"),
        (1, [1], "#1 was named twice"),
        (1, [2, 2], "#2 was named twice"),
    ],
)
def test_a_merge_that_names_a_contact_twice_or_no_other_is_refused(journal, kept, others, words):
    add_contact(journal, "Ana")
    add_contact(journal, "Bo")
    with pytest.raises(ValidationError, match=words):
        journal.merge.plan(kept, others)


def test_an_unknown_or_archived_contact_is_refused_and_nothing_changes(journal):
    kept = add_contact(journal, "Ana")
    other = add_contact(journal, "Ana", "G.")
    with pytest.raises(NotFoundError, match="#99 is not a contact"):
        journal.merge.plan(kept, [99])
    journal.contacts.archive(other)
    with pytest.raises(ValidationError, match=r"Ana G\. \(#\d+\) is archived"):
        journal.merge.plan(kept, [other])
    journal.contacts.restore(other)
    with pytest.raises(ValidationError, match="'colour' is not a field"):
        journal.merge.plan(kept, [other], {"colour": other})
    assert journal.contacts.exists(other)


def test_stage_and_cadence_follow_the_choice(journal):
    kept = add_contact(journal, "Ana", stage=Stage.NETWORK)
    other = add_contact(journal, "Ana", "G.", stage=Stage.SHOP, cadence_days=30)
    plan = journal.merge.plan(kept, [other], {"stage": other})
    journal.merge.merge(plan)
    data = journal.contacts.get(kept).data
    assert (data.stage, data.cadence_days) == (Stage.SHOP, 30)
    assert journal.check() == []


def test_a_plan_made_before_an_edit_is_refused_not_merged_over_it(journal, clock):
    """(It merged the values it had shown, putting back what was edited meanwhile.)"""
    from dataclasses import replace

    freja = add_contact(journal, "Freja", "Dahl", company="Nordlys")
    other = add_contact(journal, "Freja", "D.")
    plan = journal.merge.plan(freja, [other], prefer={"company": freja})
    clock.advance(minutes=1)
    detail = journal.contacts.get(freja)
    journal.contacts.update(freja, replace(detail.data, company="Nordlys Studio"))

    with pytest.raises(ValidationError, match=r"Freja Dahl was edited.*nothing was merged"):
        journal.merge.merge(plan)

    assert journal.contacts.get(freja).data.company == "Nordlys Studio"
    assert journal.contacts.get(other).data.family_name == "D."
    journal.merge.merge(journal.merge.plan(freja, [other]))  # planned again: merged
    assert journal.contacts.get(freja).data.company == "Nordlys Studio"
