"""The contact's page rebuilds itself (header, timeline, favours, purchases, brief: ~0.4 s at
100,000 contacts) only for a change that may show on it, not for a talk logged or a reminder
acted on for somebody else."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.ui.contacts.page.contact_page import ContactPage
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.helpers import add_contact, log_call


@pytest.fixture
def shown(qtbot, journal, monkeypatch):
    """Ana's page on view, and a count of the page's reads of a contact."""
    ana = add_contact(journal, "Ana", cadence_days=30)
    ben = add_contact(journal, "Ben", cadence_days=30)
    for person in (ana, ben):  # both overdue on Today
        log_call(journal, person, when=datetime(2026, 9, 1, 9))
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(ana)
    page.show()
    qtbot.waitExposed(page)
    reads: list[int] = []
    get = journal.contacts.get
    monkeypatch.setattr(journal.contacts, "get", lambda i: reads.append(i) or get(i))
    return page, ana, ben, reads


def _settle(qtbot, page):
    qtbot.waitUntil(lambda: not page.refresh_policy.pending)


def test_a_talk_with_someone_else_leaves_the_page_alone(qtbot, journal, shown):
    page, _ana, ben, reads = shown
    log_call(journal, ben, when=datetime(2026, 11, 20, 9))
    _settle(qtbot, page)
    assert reads == []
    assert not page.refresh_policy.stale


def test_a_talk_with_this_contact_shows_on_the_page(qtbot, journal, shown):
    page, ana, _ben, reads = shown
    log_call(journal, ana, when=datetime(2026, 11, 20, 9))
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        pass
    assert set(reads) == {ana}
    assert "last contact 2 days ago" in page.status_text()


def test_keeping_in_touch_with_someone_else_on_today_leaves_the_page_alone(qtbot, journal, shown):
    page, ana, ben, reads = shown
    due = {item.contact_id: item for item in journal.reminders.due(0).items}
    journal.reminders.done(due[ben].key)
    _settle(qtbot, page)
    assert reads == []
    journal.reminders.done(due[ana].key)
    qtbot.waitUntil(lambda: set(reads) == {ana})


def test_an_edit_of_a_contact_still_reaches_every_page(qtbot, journal, shown):
    """A name shows on other pages (who referred whom): a contact's change names nobody."""
    _page, ana, ben, reads = shown
    journal.contacts.archive(ben)
    qtbot.waitUntil(lambda: set(reads) == {ana})


def test_the_list_rereads_its_tags_only_when_tags_may_have_changed(qtbot, journal, monkeypatch):
    """Counting each tag's contacts took a worker ~0.5 s at 100,000 contacts after every
    change, a talk logged included."""
    from colearn_desktop.ui.contacts.contacts_page import ContactsPage

    ana = add_contact(journal, "Ana", tags=("vip",))
    page = ContactsPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.wait_idle()
    read: list[int] = []
    tags = journal.tags.all
    monkeypatch.setattr(journal.tags, "all", lambda: read.append(1) or tags())
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        log_call(journal, ana, when=datetime(2026, 11, 20, 9))
    assert read == []
    # Nor when the talk is taken back (Ctrl+Z published it as a change of contacts).
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        journal.undo.undo()
    assert read == []
    assert page.model.contact_at(0).last_contact_at is None  # the list did refresh
    with qtbot.waitSignal(page.tags_loaded):
        add_contact(journal, "Ben", tags=("mentor",))
    assert read == [1]
    assert page.tag_box.findData("mentor") > 0


def test_undoing_a_talk_with_someone_else_leaves_the_page_alone(qtbot, journal, shown):
    """Ctrl+Z named nobody, so every contact page on view rebuilt itself: the undo now names
    the people of the talk it takes back."""
    page, ana, ben, reads = shown
    log_call(journal, ben, when=datetime(2026, 11, 20, 9))
    _settle(qtbot, page)
    journal.undo.undo()
    _settle(qtbot, page)
    assert reads == []
    log_call(journal, ana, when=datetime(2026, 11, 20, 9))
    qtbot.waitUntil(lambda: set(reads) == {ana})
    reads.clear()
    journal.undo.undo()
    qtbot.waitUntil(lambda: set(reads) == {ana})
    assert "last contact 2 days ago" not in page.status_text()


def test_a_talk_logged_reads_only_the_tabs_that_show_it(qtbot, journal, shown, monkeypatch):
    """Quick log's Enter re-read every tab of the page (favours and purchases too, ~0.1 s
    at 100,000 contacts): a talk shows on the header, the timeline and the brief."""
    page, ana, _ben, _reads = shown
    panels: list[str] = []
    for name in ("favours", "purchases"):
        panel = getattr(page, name)
        load = panel.set_contact
        monkeypatch.setattr(
            panel, "set_contact", lambda i, n=name, f=load: panels.append(n) or f(i)
        )
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        log_call(journal, ana, when=datetime(2026, 11, 20, 9), notes="Coffee in Lisbon")
    assert panels == []
    assert "last contact 2 days ago" in page.status_text()
    assert "Coffee in Lisbon" in page.brief.browser.toPlainText()
    page.tabs.setCurrentWidget(page.timeline)
    assert "Coffee in Lisbon" in [card.view.data.notes for card in page.timeline.cards()]
    # A change of the contact herself reads every tab again (each when it is shown).
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        journal.contacts.archive(ana)
    page.tabs.setCurrentWidget(page.favours)
    page.tabs.setCurrentWidget(page.purchases)
    assert panels == ["favours", "purchases"]
