"""What names a contact merged into another on one device (its e-mails, tag links, Today's
marks) ends the same on every device, whatever another device did to it meanwhile.

Before: a device receiving the merge moved those rows onto the kept contact, while the
merging device redirected late edits of them onto the kept contact's own rows, so one row
had two names and the journals differed by the order changes arrived in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import ContactInput, ConversationInput, FavourInput, PurchaseInput
from tests.core.sync.conftest import Folder, converged, settle


def _two_anas(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    kept, _ = laptop.add("Ana García", emails=(Labelled("ana@nordlys.no"),))
    other, other_uid = laptop.add("Ana Garcia", emails=(Labelled("ana.g@example.net"),))
    folder = Folder()
    settle(folder, [laptop, desktop])
    return laptop, desktop, folder, kept, other, other_uid


def test_an_email_edited_elsewhere_on_a_merged_contact_never_overwrites_the_kept_one(devices):
    laptop, desktop, folder, kept, other, other_uid = _two_anas(devices)
    laptop.journal.merge.merge(laptop.journal.merge.plan(kept, [other]))
    on_desktop = desktop.contact(other_uid)
    detail = desktop.journal.contacts.get(on_desktop)
    desktop.journal.contacts.update(
        on_desktop, replace(detail.data, emails=(Labelled("ana.garcia@example.net"),))
    )

    settle(folder, [laptop, desktop])

    converged([laptop, desktop])
    emails = [e.value for e in laptop.journal.contacts.get(kept).data.emails]
    assert emails[0] == "ana@nordlys.no"  # the kept contact's own address is still first
    assert "ana.g@example.net" in emails  # the merge brought the other's


def test_a_tag_and_a_snooze_given_elsewhere_to_a_merged_contact_converge(devices):
    laptop, desktop, folder, kept, other, other_uid = _two_anas(devices)
    partner = devices("partner")
    settle(folder, [laptop, desktop, partner])
    laptop.journal.merge.merge(laptop.journal.merge.plan(kept, [other]))
    on_desktop = desktop.contact(other_uid)
    detail = desktop.journal.contacts.get(on_desktop)
    desktop.journal.contacts.update(on_desktop, replace(detail.data, tags=("vip",)))
    items = desktop.journal.reminders.items_for_contact(on_desktop)
    for item in items:
        desktop.journal.reminders.snooze(item.key, date(2026, 11, 30))
    kept_on_partner = partner.contact(laptop.uid_of(kept))
    partner.journal.contacts.update(
        kept_on_partner,
        ContactInput(name="Ana García", emails=(Labelled("ana@nordlys.no"),), tags=("client",)),
    )

    settle(folder, [laptop, desktop, partner])

    converged([laptop, desktop, partner])


def test_a_tag_made_on_two_devices_is_one_row_whatever_order_its_links_arrive_in(devices):
    """The tag "VIP" made on both devices becomes one (the smaller uid kept); a link to it
    added on one device while the other added and removed its own ends the same on both
    (which of the two edits wins is the clocks' to say: neither saw the other)."""
    laptop, desktop = devices("laptop"), devices("desktop")
    contact, ana = laptop.add("Ana García")
    folder = Folder()
    settle(folder, [laptop, desktop])
    on_desktop = desktop.contact(ana)
    laptop.journal.contacts.update(contact, ContactInput(name="Ana García", tags=("VIP",)))
    desktop.journal.contacts.update(on_desktop, ContactInput(name="Ana García", tags=("VIP",)))
    desktop.journal.contacts.update(on_desktop, ContactInput(name="Ana García", tags=()))

    settle(folder, [laptop, desktop])

    converged([laptop, desktop])
    assert [fields["name"] for _, fields in laptop.dump()["tag"]] == ["VIP"]


def test_a_link_to_a_tag_folded_in_the_same_batch_leaves_nothing_waiting(devices):
    """(Found by the stateful test: a link named by the folded tag stayed in sync_pending.)
    Which of the two tags is folded depends on their random uids: ten rounds."""
    for round_ in range(10):
        group = [devices(f"{name}{round_}") for name in ("laptop", "desktop", "partner")]
        laptop, desktop, _partner = group
        laptop.add("Ana García", tags=("VIP",))
        _, bo = desktop.add("Bo Lind", tags=("VIP",))
        with laptop.journal.db.raw() as connection:  # the laptop's clock is hours fast
            connection.execute("UPDATE sync_state SET hlc_wall = hlc_wall + ?", (8 * 3600 * 1000,))
        folder = Folder()
        for device in (laptop, desktop):
            folder.publish(device)
        for batch in folder.pending_for(laptop):
            laptop.sync.apply(batch)
        laptop.journal.contacts.update(
            laptop.contact(bo), ContactInput(name="Bo Lind", tags=("client",))
        )

        settle(folder, group)

        converged(group)
        for device in group:
            with device.journal.db.read_raw() as connection:
                assert connection.execute("SELECT count(*) FROM sync_pending").fetchone() == (0,)


def _merged_both_ways(devices):
    """Ana García (a conversation, a favour, an e-mail, the tag "client") and Ana Garcia (a
    purchase, an e-mail, the tag "vip") on two computers; then the laptop merges the second
    into the first and the desktop, before it has heard of that, the first into the second."""
    laptop, desktop = devices("laptop"), devices("desktop")
    ana, ana_uid = laptop.add("Ana García", emails=(Labelled("ana@nordlys.no"),), tags=("client",))
    other, other_uid = laptop.add(
        "Ana Garcia", emails=(Labelled("ana.g@example.net"),), tags=("vip",)
    )
    laptop.journal.conversations.log(
        ConversationInput((ana,), datetime(2026, 11, 2, 9), notes="Rates")
    )
    laptop.journal.favours.add(
        FavourInput(ana, FavourDirection.I_OWE, FavourKind.ADVICE, "Tax advice")
    )
    laptop.journal.purchases.add(PurchaseInput(other, date(2026, 11, 3), "Logo"))
    folder = Folder()
    settle(folder, [laptop, desktop])
    laptop.journal.merge.merge(laptop.journal.merge.plan(ana, [other]))
    on_desktop = [desktop.contact(uid) for uid in (ana_uid, other_uid)]
    desktop.journal.merge.merge(desktop.journal.merge.plan(on_desktop[1], [on_desktop[0]]))
    return laptop, desktop, folder, min(ana_uid, other_uid), max(ana_uid, other_uid)


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_two_contacts_merged_into_each_other_on_two_computers_leave_one_with_everything(
    devices, first
):
    """Before: each computer applied the other's merge too, so both contacts were deleted
    everywhere (their conversation without a participant, a tag link waiting for ever).
    Now the contact with the smaller stable id stays, on every computer alike, with what
    both had."""
    laptop, desktop, folder, kept, gone = _merged_both_ways(devices)
    order = [laptop, desktop] if first == "laptop" else [desktop, laptop]

    settle(folder, order)

    converged([laptop, desktop])
    for device in (laptop, desktop):
        journal = device.journal
        assert journal.contacts.resolve_uid(gone) == device.contact(kept), device.name
        only = device.contact(kept)
        detail = journal.contacts.get(device.contact(kept))
        assert sorted(e.value for e in detail.data.emails) == [
            "ana.g@example.net",
            "ana@nordlys.no",
        ], device.name
        assert sorted(detail.data.tags) == ["client", "vip"], device.name
        assert [c.data.notes for c in journal.conversations.for_contact(only)] == ["Rates"]
        assert [f.data.description for f in journal.favours.for_contact(only)] == ["Tax advice"]
        assert [p.data.what for p in journal.purchases.for_contact(only)] == ["Logo"]
        with journal.db.read_raw() as connection:
            assert connection.execute("SELECT count(*) FROM contact").fetchone() == (1,)
            assert connection.execute("SELECT count(*) FROM sync_pending").fetchone() == (0,)


def _read_from(device, folder, writer) -> None:
    """``device`` reads what ``writer`` handed out (and nothing of anyone else's yet)."""
    folder.publish(writer)
    for batch in folder.pending_for(device):
        if batch.device == writer.sync.device_id():
            device.sync.apply(batch)


@pytest.mark.parametrize("partner_reads_first", ["laptop", "desktop"])
def test_a_third_computer_meets_the_crossed_merges_in_either_order(devices, partner_reads_first):
    """The partner's computer reads one merge, then the other: in between it holds one
    contact merged away; in the end it holds what the two computers hold."""
    laptop, desktop, folder, kept, gone = _merged_both_ways(devices)
    partner = devices("partner")
    settle(folder, [partner])  # (joins before the merges are handed out: it knows both Anas)
    first, second = (laptop, desktop) if partner_reads_first == "laptop" else (desktop, laptop)

    _read_from(partner, folder, first)
    assert len(partner.dump()["contact"]) == 1  # the one the first merge kept
    _read_from(partner, folder, second)
    settle(folder, [laptop, desktop, partner])

    converged([laptop, desktop, partner])
    only = partner.contact(kept)
    assert partner.journal.contacts.resolve_uid(gone) == only
    assert [p.data.what for p in partner.journal.purchases.for_contact(only)] == ["Logo"]
    assert [c.data.notes for c in partner.journal.conversations.for_contact(only)] == ["Rates"]


def test_a_contact_merged_into_one_that_was_merged_on_into_a_third_ends_in_the_third(devices):
    """The desktop merges Bo into Ana, then Ana into Ana Lind; the laptop, before it has
    heard of either, merges Ana into Bo.  For a while a computer can hold Ana and Bo merged
    into each other.  In the end every computer holds Ana Lind with what all three had,
    and Ana's and Bo's ids answer to her (before: one computer lost the aliases and Bo's
    purchase with them, random history 344)."""
    laptop, desktop, partner = devices("laptop"), devices("desktop"), devices("partner")
    group = [laptop, desktop, partner]
    ana, ana_uid = laptop.add("Ana")
    bo, bo_uid = laptop.add("Bo")
    _, lind_uid = laptop.add("Ana Lind")
    laptop.journal.purchases.add(PurchaseInput(ana, date(2026, 11, 3), "Logo"))
    laptop.journal.purchases.add(PurchaseInput(bo, date(2026, 11, 4), "Website"))
    folder = Folder()
    settle(folder, group)
    merge = desktop.journal.merge
    merge.merge(merge.plan(desktop.contact(ana_uid), [desktop.contact(bo_uid)]))
    _read_from(partner, folder, desktop)  # the partner hears of Bo into Ana
    merge.merge(merge.plan(desktop.contact(lind_uid), [desktop.contact(ana_uid)]))
    laptop.journal.merge.merge(laptop.journal.merge.plan(bo, [ana]))
    _read_from(partner, folder, laptop)  # Ana into Bo: a ring of two for now
    _read_from(partner, folder, desktop)  # Ana into Ana Lind

    settle(folder, group)

    converged(group)
    for device in group:
        lind = device.contact(lind_uid)
        assert device.journal.contacts.resolve_uid(ana_uid) == lind, device.name
        assert device.journal.contacts.resolve_uid(bo_uid) == lind, device.name
        bought = sorted(p.data.what for p in device.journal.purchases.for_contact(lind))
        assert bought == ["Logo", "Website"], device.name


def test_a_merge_into_a_contact_not_yet_here_waits_for_it_and_loses_nothing(devices):
    """The desktop adds Ana Lind; the laptop reads her and merges Bo into her; the partner,
    who had logged a favour for Bo (and settled it), reads the laptop's merge before the
    desktop's Ana Lind.  Before: Bo was removed at once with nobody to hand his rows to, and
    the partner's favour and its settlement went with him on the partner's computer only
    (random history 537).  Now Bo stays until Ana Lind arrives, then hands them over."""
    laptop, desktop, partner = devices("laptop"), devices("desktop"), devices("partner")
    group = [laptop, desktop, partner]
    _, bo_uid = laptop.add("Bo")
    folder = Folder()
    settle(folder, group)
    _, lind_uid = desktop.add("Ana Lind")
    _read_from(laptop, folder, desktop)
    merge = laptop.journal.merge
    merge.merge(merge.plan(laptop.contact(lind_uid), [laptop.contact(bo_uid)]))
    favours = partner.journal.favours
    favour = favours.add(
        FavourInput(partner.contact(bo_uid), FavourDirection.I_OWE, FavourKind.ADVICE, "Intro")
    )
    favours.settle(favour, fully=True)

    _read_from(partner, folder, laptop)
    assert partner.journal.contacts.resolve_uid(bo_uid) is not None  # Bo waits for Ana Lind
    _read_from(partner, folder, desktop)
    settle(folder, group)

    converged(group)
    for device in group:
        lind = device.contact(lind_uid)
        assert device.journal.contacts.resolve_uid(bo_uid) == lind, device.name
        (kept,) = device.journal.favours.for_contact(lind)
        assert kept.data.description == "Intro", device.name
        assert len(kept.settlements) == 1, device.name


def _log(device, contact: int, when: datetime, notes: str) -> None:
    device.journal.conversations.log(ConversationInput((contact,), when, notes=notes))


def _talks(device, contact_uid: str) -> list[str]:
    journal = device.journal
    return sorted(
        c.data.notes for c in journal.conversations.for_contact(device.contact(contact_uid))
    )


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_a_talk_logged_meanwhile_with_a_contact_merged_elsewhere_is_the_kept_ones(devices, first):
    """The desktop logs a talk with Bo while the laptop merges Bo into Ana.  Before: the
    talk's participant row named Bo, whom neither computer had any more, and the talk was
    left with nobody on both (in no timeline; every journal alike, so the random histories
    "converged").  Now it is Ana's on both."""
    laptop, desktop = devices("laptop"), devices("desktop")
    ana, ana_uid = laptop.add("Ana")
    bo, bo_uid = laptop.add("Bo")
    _log(laptop, bo, datetime(2026, 11, 2, 9), "Rates")
    folder = Folder()
    settle(folder, [laptop, desktop])
    _log(desktop, desktop.contact(bo_uid), datetime(2026, 11, 20, 9), "Quote")
    laptop.journal.merge.merge(laptop.journal.merge.plan(ana, [bo]))

    settle(folder, [laptop, desktop] if first == "laptop" else [desktop, laptop])

    converged([laptop, desktop])
    for device in (laptop, desktop):
        assert _talks(device, ana_uid) == ["Quote", "Rates"], device.name


def test_a_talk_logged_meanwhile_follows_a_chain_of_merges(devices):
    """Bo into Ana, then Ana into Ana Lind on the laptop; a talk with Bo logged meanwhile on
    the desktop, and one with Ana on the partner's computer: both are Ana Lind's."""
    laptop, desktop, partner = devices("laptop"), devices("desktop"), devices("partner")
    group = [laptop, desktop, partner]
    ana, ana_uid = laptop.add("Ana")
    bo, bo_uid = laptop.add("Bo")
    lind, lind_uid = laptop.add("Ana Lind")
    folder = Folder()
    settle(folder, group)
    _log(desktop, desktop.contact(bo_uid), datetime(2026, 11, 20, 9), "Bo")
    _log(partner, partner.contact(ana_uid), datetime(2026, 11, 21, 9), "Ana")
    merge = laptop.journal.merge
    merge.merge(merge.plan(ana, [bo]))
    _read_from(partner, folder, laptop)  # the partner has Bo in Ana for a while
    merge.merge(merge.plan(lind, [ana]))

    settle(folder, [partner, desktop, laptop])

    converged(group)
    for device in group:
        assert _talks(device, lind_uid) == ["Ana", "Bo"], device.name


def test_crossed_merges_keep_a_talk_logged_before_the_merge_that_is_undone(devices):
    """The two-computer story in the window: the desktop had Ana Garcia and Ana G.; the
    laptop logs a talk with Ana Garcia and merges her into Ana G., the desktop (not having
    synced) Ana G. into Ana Garcia.  The talk was never sent under Ana Garcia (it was logged
    and moved before the laptop's next exchange), so when the laptop's merge is the one read
    as not having happened, its row named Ana G., who is gone: the talk was left with nobody
    on both computers.  Rounds, so that either merge is the one undone."""
    kept_sides = set()
    for round_ in range(6):
        desktop, laptop = devices(f"desktop{round_}"), devices(f"laptop{round_}")
        garcia, garcia_uid = desktop.add("Ana Garcia")
        g, g_uid = desktop.add("Ana G.")
        _log(desktop, g, datetime(2026, 11, 9, 10), "Portfolio")
        folder = Folder()
        settle(folder, [desktop, laptop])
        _log(laptop, laptop.contact(garcia_uid), datetime(2026, 11, 20), "Quote")
        merge = laptop.journal.merge
        merge.merge(merge.plan(laptop.contact(g_uid), [laptop.contact(garcia_uid)]))
        folder.publish(laptop)
        desktop.journal.merge.merge(desktop.journal.merge.plan(garcia, [g]))

        settle(folder, [desktop, laptop])

        converged([desktop, laptop])
        kept = min(garcia_uid, g_uid)
        kept_sides.add("desktop's merge" if kept == garcia_uid else "laptop's merge")
        for device in (desktop, laptop):
            assert _talks(device, kept) == ["Portfolio", "Quote"], device.name
    assert kept_sides == {"desktop's merge", "laptop's merge"}  # (both were undone once)


def test_a_person_taken_off_a_talk_that_came_through_a_merge_is_off_it_everywhere(devices):
    """The talk logged with Bo meanwhile is Ana's after the merge; on the laptop it is then
    changed to be with Cleo instead.  The participant row naming Bo still stood for Ana, so
    every other computer kept Ana on the talk; it goes with hers now."""
    laptop, desktop = devices("laptop"), devices("desktop")
    ana, _ = laptop.add("Ana")
    bo, bo_uid = laptop.add("Bo")
    cleo, cleo_uid = laptop.add("Cleo")
    folder = Folder()
    settle(folder, [laptop, desktop])
    _log(desktop, desktop.contact(bo_uid), datetime(2026, 11, 20, 9), "Quote")
    laptop.journal.merge.merge(laptop.journal.merge.plan(ana, [bo]))
    settle(folder, [laptop, desktop])
    (talk,) = laptop.journal.conversations.for_contact(ana)
    laptop.journal.conversations.update(talk.id, replace(talk.data, contact_ids=(cleo,)))

    settle(folder, [desktop, laptop])

    converged([laptop, desktop])
    for device in (laptop, desktop):
        assert _talks(device, cleo_uid) == ["Quote"], device.name
        assert device.journal.conversations.for_contact(device.contact(bo_uid)) == [], device.name
