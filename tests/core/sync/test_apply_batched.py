"""Applying a batch computes its contacts' list cache and search entries once, after its rows
are written (``journal_side/batched.py``): what that must keep true."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.core.fulltext.search_hits import SearchKind
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.sync.journal_side import apply, materialize
from tests.core.sync.conftest import Device, both_know_ana, converged, settle


def _found(device: Device, text: str) -> set[int]:
    return {hit.contact_id for hit in device.journal.search.search(text).hits(SearchKind.CONTACT)}


def _cached(device: Device, uid: str) -> tuple[object, ...]:
    with device.journal.db.read_raw() as connection:
        return tuple(
            connection.execute(
                "SELECT tags_text, cadence_effective, keep_in_touch_on IS NOT NULL, "
                "last_contact_at FROM contact WHERE uid = ?",
                (uid,),
            ).fetchone()
        )


def _triggers(device: Device) -> dict[str, str]:
    with device.journal.db.read_raw() as connection:
        return dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"))


@pytest.mark.parametrize("parts", [False, True], ids=["in memory", "in parts"])
def test_one_batch_with_new_and_changed_contacts_leaves_search_and_list_right(
    devices, monkeypatch: pytest.MonkeyPatch, parts: bool
):
    if parts:  # as a snapshot is applied: merged two changes at a time, rows read back
        monkeypatch.setattr(apply, "CHUNK", 2)
        monkeypatch.setattr(materialize, "TRACKED", 1)
    laptop, desktop, folder, ana = both_know_ana(devices)
    triggers = _triggers(desktop)
    ana_id = laptop.contact(ana)
    data = laptop.journal.contacts.get(ana_id).data
    laptop.journal.contacts.update(
        ana_id,
        replace(data, name="Ana Oliveira", emails=(Labelled("ana@quinta.example", "work"),)),
    )
    bruno_id, bruno = laptop.add(
        "Bruno Costa",
        emails=(Labelled("bcosta@firm.example", "work"),),
        tags=("VIP",),
        cadence_days=30,
    )
    laptop.journal.conversations.log(ConversationInput((bruno_id,), datetime(2026, 11, 20, 10)))
    folder.publish(laptop)
    (batch,) = folder.pending_for(desktop)  # the old name, the new contact: one batch
    assert desktop.sync.apply(batch).problems == ()

    ana_here, bruno_here = desktop.contact(ana), desktop.contact(bruno)
    assert _found(desktop, "Oliveira") == {ana_here}
    assert _found(desktop, "García") == set()  # the old name is gone from the index
    assert _found(desktop, "quinta") == {ana_here}  # an e-mail added to a contact here
    assert _found(desktop, "firm") == {bruno_here}  # the new contact's own e-mail
    assert _cached(desktop, bruno) == ("VIP", 30, 1, "2026-11-20 10:00:00.000000")
    assert _triggers(desktop) == triggers  # every trigger is back, as it was
    assert desktop.journal.check() == []

    # The triggers work again for what is done here afterwards.
    bruno_data = desktop.journal.contacts.get(bruno_here).data
    desktop.journal.contacts.update(bruno_here, replace(bruno_data, name="Bruno Lima"))
    assert _found(desktop, "Lima") == {bruno_here}
    settle(folder, [laptop, desktop])  # (and nothing that came from the laptop went back)
    converged([laptop, desktop])


def test_a_batch_that_fails_halfway_leaves_the_triggers_and_rows_as_they_were(
    devices, monkeypatch: pytest.MonkeyPatch
):
    laptop, desktop, folder, _ = both_know_ana(devices)
    triggers = _triggers(desktop)
    laptop.add("Bruno Costa")
    _, carla = laptop.add("Carla Dias")
    folder.publish(laptop)
    (batch,) = folder.pending_for(desktop)
    written = materialize._write
    calls = []

    def fails_second(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[2])
        if len(calls) == 2:
            raise ValueError("The disk went away.")
        return written(*args, **kwargs)

    monkeypatch.setattr(materialize, "_write", fails_second)
    report = desktop.sync.apply(batch)
    assert "Nothing of it was applied" in report.problems[0]
    assert _triggers(desktop) == triggers
    assert desktop.journal.stats().contacts == 1
    assert desktop.journal.check() == []

    monkeypatch.undo()
    assert desktop.sync.apply(batch).problems == ()
    assert _found(desktop, "Carla") == {desktop.contact(carla)}
    converged([laptop, desktop])


def test_a_conversation_trashed_elsewhere_moves_the_last_contact_back(devices):
    laptop, desktop, folder, ana = both_know_ana(devices)
    ana_id = laptop.contact(ana)
    laptop.journal.conversations.log(ConversationInput((ana_id,), datetime(2026, 11, 10, 9)))
    later = laptop.journal.conversations.log(
        ConversationInput((ana_id,), datetime(2026, 11, 20, 9))
    )
    settle(folder, [laptop, desktop])
    assert _cached(desktop, ana)[3] == "2026-11-20 09:00:00.000000"
    laptop.journal.conversations.delete(later)
    settle(folder, [laptop, desktop])
    assert _cached(desktop, ana)[3] == "2026-11-10 09:00:00.000000"
    converged([laptop, desktop])
