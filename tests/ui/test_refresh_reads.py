"""One saved conversation costs a few reads, not a reload of every screen: only the screen on
view refreshes, once, and it does not read the same rows twice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from sqlalchemy import event

from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.helpers import add_contact
from tests.ui.test_window_keyboard import open_today, overdue, press, today_names

__all__ = ["overdue"]  # the fixture, used by name below


@contextmanager
def counting_reads(journal) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    """Every connection taken from the journal's pool (each read transaction, and the write)."""
    taken: list[int] = []

    def checkout(*_: object) -> None:
        taken.append(1)

    event.listen(journal.db.engine, "checkout", checkout)
    try:
        yield taken
    finally:
        event.remove(journal.db.engine, "checkout", checkout)


def quick_log(qtbot, window, journal, drafts, contact_id: int) -> None:  # type: ignore[no-untyped-def]
    dialog = QuickLogDialog(journal, drafts, window, contact_id=contact_id)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Coffee")
    dialog.save()
    assert dialog.conversation_id is not None


def test_a_quick_log_on_today_refreshes_today_once(qtbot, window, journal, drafts, monkeypatch):
    people = [add_contact(journal, f"Person{i}", "Example") for i in range(5)]
    for key in ("contacts", "referrals", "insights"):  # built, then hidden
        window.show_screen(key)
    window.open_contact(people[2])
    window.show_screen("today")
    page = window.today_page
    qtbot.waitUntil(lambda: not page.refresh_policy.pending and page.wait_idle())
    due_calls: list[int] = []
    due = journal.reminders.due
    monkeypatch.setattr(
        journal.reminders, "due", lambda *a, **k: due_calls.append(1) or due(*a, **k)
    )

    with counting_reads(journal) as taken:
        quick_log(qtbot, window, journal, drafts, people[0])
        qtbot.waitUntil(lambda: bool(due_calls))
        qtbot.waitUntil(lambda: not page.refresh_policy.pending and page.wait_idle())
    assert due_calls == [1]  # Today worked out once; the hidden screens wait until shown
    assert (
        len(taken) <= 7
    )  # the dialog's contact, the save, the undo menu, Today's count and its rules


def test_a_quick_log_on_a_contact_reads_each_list_once(qtbot, window, journal, drafts):
    ana = add_contact(journal, "Ana", "García")
    window.open_contact(ana)
    policies = [window.contacts_page.refresh_policy, window.contact_page.refresh_policy]
    qtbot.waitUntil(lambda: not any(p.pending for p in policies))
    window.contacts_page.wait_idle()

    with counting_reads(journal) as taken, qtbot.waitSignal(policies[1].refreshed):
        quick_log(qtbot, window, journal, drafts, ana)
    qtbot.waitUntil(lambda: not any(p.pending for p in policies))
    window.contacts_page.wait_idle()
    # The favour balance and the purchase totals come from the rows the panels and the brief
    # already read (they were read a second and third time: 23 connections in all).
    assert len(taken) <= 20  # the dialog's contact, the save, the undo menu, the screen


def test_d_on_today_works_today_out_once(qtbot, journal, drafts, ui_settings, overdue, monkeypatch):
    """D refreshed the list at once and then again for the change it made (twice the rules
    per key: 0.4 s on 3,000 contacts)."""
    window = open_today(qtbot, journal, drafts, ui_settings)
    page = window.today_page
    first = window.today_page.tree.currentIndex().siblingAtColumn(0).data()
    due_calls: list[int] = []
    due = journal.reminders.due
    monkeypatch.setattr(
        journal.reminders, "due", lambda *a, **k: due_calls.append(1) or due(*a, **k)
    )
    press(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: first not in today_names(window))
    qtbot.waitUntil(lambda: not page.refresh_policy.pending and page.wait_idle())
    assert due_calls == [1]


def test_opening_a_contact_reads_its_page_once(qtbot, window, journal, monkeypatch):
    """Opening a contact (O on Today, a search result) selected its row, which showed the
    contact, and then showed it again: every list of the page read twice."""
    ana = add_contact(journal, "Ana", "García")
    add_contact(journal, "Ben", "Okafor")
    window.show_screen("today")
    page = window.contact_page
    reloads: list[int | None] = []
    reload = page.reload
    monkeypatch.setattr(page, "reload", lambda *a: reloads.append(page.contact_id) or reload(*a))
    window.open_contact(ana)
    assert page.contact_id == ana
    assert reloads == [ana]


def test_opening_a_contact_with_the_timeline_on_view_reads_its_sync_marks_once(
    qtbot, window, journal, monkeypatch
):
    """The header's "changed on another computer" lines and the timeline's authors came from
    two reads of the sync tables when the timeline was on view; now one."""
    from colearn_desktop.ui.contacts.page import contact_page

    ana = add_contact(journal, "Ana", "García")
    ben = add_contact(journal, "Ben", "Okafor")
    window.open_contact(ben)
    page = window.contact_page
    page.tabs.setCurrentWidget(page.timeline)
    asked: list[list[int]] = []
    read = contact_page.contact_sync_marks

    def counted(journal_, contact_id, ids):  # type: ignore[no-untyped-def]
        asked.append(list(ids))
        return read(journal_, contact_id, ids)

    monkeypatch.setattr(contact_page, "contact_sync_marks", counted)
    window.open_contact(ana)

    assert page.contact_id == ana
    assert len(asked) == 1
