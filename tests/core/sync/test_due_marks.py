"""Today's snooze and done marks travel: a reminder snoozed or done on the laptop is not
due on the desktop either (revision 0016)."""

from __future__ import annotations

from datetime import date, datetime

from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.records import ContactInput, ConversationInput, PurchaseInput
from tests.core.sync.conftest import Folder, converged, settle


def _keys(device, kind: DueKind) -> set[str]:
    return {item.key for item in device.journal.reminders.due(0).items if item.kind is kind}


def _overdue_client(device) -> tuple[int, str]:
    """A client last talked to long ago (keep in touch is due) who bought something."""
    contact, uid = device.add("Ana García", stage=Stage.HELP)
    _talked_long_ago(device, contact)
    device.journal.purchases.add(PurchaseInput(contact, date(2026, 10, 1), "Logo"))
    return contact, uid


def _talked_long_ago(device, contact: int) -> None:
    device.journal.conversations.log(
        ConversationInput((contact,), datetime(2026, 8, 1, 9), notes="Kick-off")
    )


def test_a_snooze_on_the_laptop_hides_the_item_on_the_desktop(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    desktop.add("Someone else first")  # the two journals number their rows differently
    _, ana = _overdue_client(laptop)
    folder = Folder()
    settle(folder, [laptop, desktop])
    on_desktop = desktop.contact(ana)
    assert f"cadence:{on_desktop}" in _keys(desktop, DueKind.KEEP_IN_TOUCH)

    (key,) = _keys(laptop, DueKind.KEEP_IN_TOUCH)
    laptop.journal.reminders.snooze(key, date(2026, 11, 30))
    settle(folder, [laptop, desktop])

    assert _keys(desktop, DueKind.KEEP_IN_TOUCH) == set()
    snoozed = desktop.journal.reminders.get(f"cadence:{on_desktop}")
    assert snoozed.snoozed_until == date(2026, 11, 30)
    converged([laptop, desktop])


def test_done_on_a_check_in_travels_with_the_purchase_named_by_its_uid(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    other, _ = desktop.add("Someone else first")
    desktop.journal.purchases.add(PurchaseInput(other, date(2026, 11, 20), "Mug"))
    _overdue_client(laptop)
    folder = Folder()
    settle(folder, [laptop, desktop])
    (key,) = _keys(laptop, DueKind.CHECK_IN)
    before = _keys(desktop, DueKind.CHECK_IN)
    assert len(before) == 1  # the Logo check-in; the Mug's is not due yet

    laptop.journal.reminders.done(key)
    settle(folder, [laptop, desktop])

    assert _keys(desktop, DueKind.CHECK_IN) == set()
    converged([laptop, desktop])


def test_a_mark_arriving_before_its_purchase_waits_for_it(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    _overdue_client(laptop)
    (key,) = _keys(laptop, DueKind.CHECK_IN)
    laptop.journal.reminders.snooze(key, date(2026, 12, 1))
    folder = Folder()
    folder.publish(laptop)
    batches = folder.pending_for(desktop)
    # Every change in one batch: rows come before marks, whatever order they were made in.
    for batch in batches:
        desktop.sync.apply(batch)
    assert _keys(desktop, DueKind.CHECK_IN) == set()
    converged([laptop, desktop])


def test_a_snooze_made_on_the_desktop_survives_an_edit_made_on_the_laptop(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    contact, ana = laptop.add("Ana García", stage=Stage.HELP)
    _talked_long_ago(laptop, contact)
    folder = Folder()
    settle(folder, [laptop, desktop])
    (key,) = _keys(desktop, DueKind.KEEP_IN_TOUCH)
    desktop.journal.reminders.snooze(key, date(2026, 11, 30))
    laptop.journal.contacts.update(
        contact, ContactInput(name="Ana García", stage=Stage.HELP, company="Nordlys")
    )
    settle(folder, [laptop, desktop])
    converged([laptop, desktop])
    assert laptop.journal.reminders.get(f"cadence:{contact}").snoozed_until == date(2026, 11, 30)
    assert ana
