"""Working out what is due again after a change that names the kinds it touched: only those
rules run, and the report is the one a full run gives."""

from __future__ import annotations

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.events import Change


def test_a_done_names_its_kind_and_a_partial_report_equals_a_full_one(journal):
    from colearn_desktop.core.demo_journal.demo import generate_demo

    generate_demo(journal, contacts=40, conversations_per_contact=3, seed=3)
    published: list[Change] = []
    journal.events.subscribe(published.append)
    before = journal.reminders.due(7, limit=5)
    keep = next(i for i in before.items if i.kind is DueKind.KEEP_IN_TOUCH)
    check = next(i for i in before.items if i.kind is DueKind.CHECK_IN)
    journal.reminders.done(keep.key)
    journal.reminders.snooze(check.key, before.today.replace(year=before.today.year + 1))
    assert [c.due_kinds for c in published] == [(DueKind.KEEP_IN_TOUCH,), (DueKind.CHECK_IN,)]

    changed = {DueKind(k) for c in published for k in c.due_kinds}
    again = journal.reminders.due(7, limit=5, since=before, changed=changed)
    full = journal.reminders.due(7, limit=5)
    assert keep.key not in [i.key for i in again.items]
    assert again.items == full.items
    assert again.counts == full.counts
    # A report of another window is not reused: everything runs again.
    assert journal.reminders.due(0, limit=5, since=before, changed=changed) == (
        journal.reminders.due(0, limit=5)
    )
