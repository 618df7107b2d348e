"""Two journals exchanging batches in memory: what each merge rule promises, one at a time."""

from __future__ import annotations

from datetime import datetime

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import ConversationInput, FavourInput
from colearn_desktop.core.storage.migrate import HEAD_REVISION
from colearn_desktop.core.sync.records import ChangeBatch, RowChange
from tests.core.sync.conftest import Folder, both_know_ana, converged, settle


def test_a_contact_made_on_one_device_arrives_whole_on_the_other(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    _, ana = laptop.add(
        "Ana García",
        emails=(Labelled("ana@example.com", "work"), Labelled("ana@home.example", "home")),
        tags=("client",),
        notes="Met at the fair",
    )
    folder = Folder()
    settle(folder, [laptop, desktop])
    found = desktop.journal.search.search("García")
    assert found, "the search index of the receiving journal knows the new contact"
    converged([laptop, desktop])
    contact = desktop.journal.contacts.get(desktop.contact(ana))
    assert [e.value for e in contact.data.emails] == ["ana@example.com", "ana@home.example"]
    assert contact.data.tags == ("client",)


def test_conversations_logged_on_both_devices_are_both_kept(devices, clock):
    laptop, desktop, folder, ana = both_know_ana(devices)
    laptop.journal.conversations.log(
        ConversationInput((laptop.contact(ana),), datetime(2026, 11, 20, 10), notes="On the laptop")
    )
    desktop.journal.conversations.log(
        ConversationInput((desktop.contact(ana),), datetime(2026, 11, 21, 10), notes="On the desk")
    )
    settle(folder, [laptop, desktop])
    for device in (laptop, desktop):
        notes = {
            c.data.notes for c in device.journal.conversations.for_contact(device.contact(ana))
        }
        assert notes == {"On the laptop", "On the desk"}
        assert device.journal.contacts.get(device.contact(ana)).last_contact_at == datetime(
            2026, 11, 21, 10
        )
    converged([laptop, desktop])


def _rename(device, uid: str, name: str, **values: object) -> None:
    contact_id = device.contact(uid)
    data = device.journal.contacts.get(contact_id).data
    from dataclasses import replace

    device.journal.contacts.update(contact_id, replace(data, name=name, **values))


def test_one_field_edited_on_both_keeps_the_newest_edit_and_the_loser_in_the_history(devices):
    laptop, desktop, folder, ana = both_know_ana(devices)
    _rename(desktop, ana, "Ana G. (desk)")
    _rename(laptop, ana, "Ana García López")  # later: wins
    folder.publish(desktop)
    folder.publish(laptop)
    conflicts = [c for b in folder.pending_for(laptop) for c in laptop.sync.apply(b).conflicts]
    assert len(conflicts) == 1
    assert "“name”" in conflicts[0]
    assert desktop.sync.device_id() in conflicts[0]
    settle(folder, [laptop, desktop])
    for device in (laptop, desktop):
        assert device.journal.contacts.get(device.contact(ana)).data.name == "Ana García López"
    lost = desktop.sync.history("contact", ana)
    assert ("name", "Ana G. (desk)", desktop.sync.device_id()) in [
        (h["field"], h["value"], h["device"]) for h in lost
    ]
    converged([laptop, desktop])


def test_different_fields_edited_on_both_are_both_kept(devices):
    laptop, desktop, folder, ana = both_know_ana(devices)
    _rename(laptop, ana, "Ana García", company="Acme")
    _rename(desktop, ana, "Ana García", notes="Prefers mornings")
    settle(folder, [laptop, desktop])
    for device in (laptop, desktop):
        data = device.journal.contacts.get(device.contact(ana)).data
        assert (data.company, data.notes) == ("Acme", "Prefers mornings")
    converged([laptop, desktop])


def test_a_permanent_delete_beats_an_edit_made_elsewhere_later(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    ana_id, ana = laptop.add("Ana García")
    laptop.journal.favours.add(
        FavourInput(ana_id, FavourDirection.I_OWE, FavourKind.INTRO, "Intro to Bea")
    )
    folder = Folder()
    settle(folder, [laptop, desktop])
    laptop.journal.contacts.archive(ana_id)
    laptop.journal.contacts.delete_permanently(ana_id)
    _rename(desktop, ana, "Ana edited after")
    settle(folder, [laptop, desktop])
    for device in (laptop, desktop):
        assert device.journal.contacts.resolve_uid(ana) is None
        assert device.journal.stats().favours == 0
    converged([laptop, desktop])


def test_archive_trash_and_settling_travel(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    ana_id, ana = laptop.add("Ana García")
    bea_id, bea = laptop.add("Bea Ruiz")
    favour = laptop.journal.favours.add(
        FavourInput(ana_id, FavourDirection.THEY_OWE, FavourKind.LOAN, "Lent a tripod")
    )
    talk = laptop.journal.conversations.log(
        ConversationInput((bea_id,), datetime(2026, 11, 2, 9), notes="To be trashed")
    )
    folder = Folder()
    settle(folder, [laptop, desktop])
    remote_favour = desktop.journal.favours.for_contact(desktop.contact(ana))[0].id
    desktop.journal.favours.settle(remote_favour, fully=True, note="Got it back")
    laptop.journal.contacts.archive(bea_id)
    laptop.journal.conversations.delete(talk)
    settle(folder, [laptop, desktop])
    assert laptop.journal.favours.get(favour).status.value == "done"
    assert desktop.journal.contacts.get(desktop.contact(bea)).archived
    assert desktop.journal.stats().conversations == 0
    converged([laptop, desktop])


def test_a_merge_travels_and_what_named_the_merged_contact_lands_on_the_kept_one(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    ana_id, ana = laptop.add("Ana García")
    dup_id, dup = laptop.add("Ana Garcia", company="Acme")
    folder = Folder()
    settle(folder, [laptop, desktop])
    laptop.journal.merge.merge(laptop.journal.merge.plan(ana_id, [dup_id]))
    # Meanwhile, on the desktop, a favour for the duplicate.
    desktop.journal.favours.add(
        FavourInput(desktop.contact(dup), FavourDirection.I_OWE, FavourKind.ADVICE, "Tax tip")
    )
    settle(folder, [laptop, desktop])
    for device in (laptop, desktop):
        assert device.contact(dup) == device.contact(ana)  # the merged uid is an alias
        favours = device.journal.favours.for_contact(device.contact(ana))
        assert [f.data.description for f in favours] == ["Tax tip"]
        assert device.journal.stats().contacts == 1
    converged([laptop, desktop])


def one_tag_client_on_both(laptop, desktop, *uids: str) -> None:
    """Both devices have one tag, "client", on each of ``uids``, and hold the same rows."""
    for device in (laptop, desktop):
        assert [t.name for t in device.journal.tags.all()] == ["client"]
        for uid in uids:
            assert device.journal.contacts.get(device.contact(uid)).data.tags == ("client",)
    converged([laptop, desktop])


def test_a_tag_made_on_both_devices_under_one_name_becomes_one_tag(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    _, ana = laptop.add("Ana García", tags=("client",))
    _, bea = desktop.add("Bea Ruiz", tags=("client",))
    folder = Folder()
    settle(folder, [laptop, desktop])
    one_tag_client_on_both(laptop, desktop, ana, bea)


def test_a_batch_applied_twice_changes_nothing_the_second_time(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.add("Ana García")
    batch = laptop.sync.outgoing()
    assert batch is not None
    first = desktop.sync.apply(batch)
    again = desktop.sync.apply(batch)
    assert first.applied > 0
    assert (again.applied, again.skipped) == (0, 0)
    assert desktop.sync.read_up_to(laptop.sync.device_id()) == batch.seq
    assert desktop.sync.outgoing() is None  # applied changes do not go out again


def test_a_batch_not_handed_out_is_handed_out_again_with_its_number(devices):
    laptop = devices("laptop")
    laptop.add("Ana García")
    first = laptop.sync.outgoing()
    laptop.add("Bea Ruiz")
    assert laptop.sync.outgoing() == first  # the folder never got it: the same batch again
    assert first is not None
    laptop.sync.handed_out(first.seq)
    second = laptop.sync.outgoing()
    assert second is not None
    assert second.seq == first.seq + 1
    assert {c.fields.get("name") for c in second.changes} >= {"Bea Ruiz"}


def test_a_new_device_id_keeps_a_batch_made_but_not_handed_out(devices):
    """A copied data folder is given a new id after its first batch was made (the exchange
    looks at the numbers first): the changes in it go out under the new id, not lost."""
    laptop = devices("laptop")
    laptop.add("Ana García")
    made = laptop.sync.outgoing()
    assert made is not None
    new_id = laptop.sync.renew_device_id()
    again = laptop.sync.outgoing()
    assert again is not None
    assert (again.device, again.seq) == (new_id, 1)
    assert {c.fields.get("name") for c in again.changes} >= {"Ana García"}


def test_a_batch_from_a_newer_version_waits_unapplied(devices):
    _laptop, desktop = devices("laptop"), devices("desktop")
    newer = f"{int(HEAD_REVISION) + 1:04d}"
    change = RowChange("contact", "5d0c...", "upsert", {"name": "X"}, "0000000000001.000000.dev")
    report = desktop.sync.apply(ChangeBatch("other", 1, newer, (change,)))
    assert report.applied == 0
    assert "newer version of CoLearn" in report.problems[0]
    assert newer in report.problems[0]
    assert desktop.sync.read_up_to("other") == 0
    assert desktop.journal.stats().contacts == 0


def test_an_edit_made_after_reading_wins_even_from_a_clock_hours_behind(devices):
    """The laptop's clock is three hours fast: its edit is stamped 3 h in the future.  The
    desktop reads it, then edits: a wall clock alone would let the laptop win for 3 hours."""
    laptop, desktop, folder, ana = both_know_ana(devices)
    with laptop.journal.db.raw() as connection:
        connection.execute(
            "UPDATE sync_state SET hlc_wall = hlc_wall + ?, hlc_counter = 0", (3 * 3600 * 1000,)
        )
    _rename(laptop, ana, "Fast clock")
    settle(folder, [laptop, desktop])
    _rename(desktop, ana, "Read it, then changed it")
    settle(folder, [laptop, desktop])
    for device in (laptop, desktop):
        name = device.journal.contacts.get(device.contact(ana)).data.name
        assert name == "Read it, then changed it"
    converged([laptop, desktop])


def test_nothing_is_captured_while_sync_is_off(journal):
    from colearn_desktop.core.records import ContactInput

    journal.contacts.create(ContactInput(name="Ana García"))
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0


def test_not_the_same_person_travels_as_one_pair_whatever_the_row_numbers(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    desktop.add("Someone only on the desktop")  # the row numbers differ from here on
    _, ana = laptop.add("Ana García")
    _, ana2 = laptop.add("Ana Garcia")
    folder = Folder()
    settle(folder, [laptop, desktop])
    desktop.journal.duplicates.mark_not_same(desktop.contact(ana2), desktop.contact(ana))
    settle(folder, [laptop, desktop])
    assert laptop.journal.duplicates.not_same_pairs() == [
        (laptop.contact(ana), laptop.contact(ana2))
    ]
    converged([laptop, desktop])


def test_an_undo_travels_like_the_change_it_takes_back(devices):
    laptop, desktop, folder, ana = both_know_ana(devices)
    ana_id = laptop.contact(ana)
    laptop.journal.conversations.log(
        ConversationInput((ana_id,), datetime(2026, 11, 20, 10), notes="Logged by mistake")
    )
    settle(folder, [laptop, desktop])
    assert desktop.journal.stats().conversations == 1
    laptop.journal.undo.undo()
    settle(folder, [laptop, desktop])
    assert desktop.journal.stats().conversations == 0
    assert desktop.journal.contacts.get(desktop.contact(ana)).last_contact_at is None
    converged([laptop, desktop])


def test_journal_settings_travel_but_this_computers_backup_counts_do_not(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.settings.update(grace_days=11, backup_keep_daily=30)
    folder = Folder()
    settle(folder, [laptop, desktop])
    settings = desktop.journal.settings.get()
    assert settings.grace_days == 11
    assert settings.backup_keep_daily == 7


def test_a_damaged_batch_is_refused_whole_and_not_marked_read(devices):
    desktop = devices("desktop")
    good = RowChange(
        "contact", "0b7d4a8e-1111-4222-8333-944455556666", "upsert",
        {"name": "Half", "~": 1}, "0000000000001.000000.dev",
    )  # fmt: skip
    bad = RowChange("contact", good.uid, "upsert", {"notes": "x"}, "yesterday")
    report = desktop.sync.apply(ChangeBatch("other", 1, HEAD_REVISION, (good, bad)))
    assert report.applied == 0
    assert "Batch 1 from device other could not be applied" in report.problems[0]
    assert "“yesterday” is not a sync clock stamp" in report.problems[0]
    assert desktop.sync.read_up_to("other") == 0
    assert desktop.journal.stats().contacts == 0


def test_a_change_that_breaks_a_rule_of_the_journal_rolls_the_whole_batch_back(devices):
    _, desktop, _, ana = both_know_ana(devices)
    stamp = "9999999999999.000000.other"
    renamed = RowChange("contact", ana, "upsert", {"name": "Renamed"}, stamp)
    broken = RowChange("contact", ana, "upsert", {"stage": "no such stage"}, stamp)
    report = desktop.sync.apply(ChangeBatch("other", 1, HEAD_REVISION, (renamed, broken)))
    assert report.applied == 0
    assert "Nothing of it was applied" in report.problems[0]
    assert desktop.sync.read_up_to("other") == 0
    assert desktop.journal.contacts.get(desktop.contact(ana)).data.name == "Ana García"


def test_a_tag_renamed_on_one_device_to_a_name_made_on_the_other_becomes_one_tag(devices):
    laptop, desktop, folder, ana = both_know_ana(devices)
    _rename(laptop, ana, "Ana García", tags=("prospect",))
    settle(folder, [laptop, desktop])
    _, bea = desktop.add("Bea Ruiz", tags=("client",))
    prospect = next(t for t in laptop.journal.tags.all() if t.name == "prospect")
    laptop.journal.tags.rename(prospect.id, "client")
    settle(folder, [laptop, desktop])
    one_tag_client_on_both(laptop, desktop, ana, bea)
