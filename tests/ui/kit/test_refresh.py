"""One refresh policy for every screen: topics of interest, visible only, debounced."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from colearn_desktop.core.events import Topic
from colearn_desktop.ui.contacts.contacts_page import ContactsPage
from colearn_desktop.ui.contacts.page.contact_page import ContactPage
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import RefreshPolicy
from colearn_desktop.ui.today.today_page import TodayPage
from tests.helpers import add_contact, log_call


def _screen(qtbot, journal, topics):
    screen = QWidget()
    qtbot.addWidget(screen)
    calls: list[int] = []
    policy = RefreshPolicy(screen, JournalSignals(journal, screen), topics, lambda: calls.append(1))
    return screen, policy, calls


def test_a_burst_of_changes_makes_one_refresh(qtbot, journal):
    screen, policy, calls = _screen(qtbot, journal, {Topic.CONTACTS, Topic.TAGS})
    screen.show()
    with qtbot.waitSignal(policy.refreshed):
        ana = add_contact(journal, "Ana", tags=("vip",))
        journal.contacts.archive(ana)
        journal.tags.rename(journal.tags.all()[0].id, "friends")
    assert calls == [1]
    assert not policy.pending


def test_a_change_the_screen_does_not_show_does_nothing(qtbot, journal):
    ana = add_contact(journal, "Ana")
    screen, policy, calls = _screen(qtbot, journal, {Topic.FAVOURS})
    screen.show()
    journal.contacts.archive(ana)
    journal.search.rebuild_index()
    assert not policy.pending
    assert not policy.stale
    assert calls == []


def test_a_hidden_screen_refreshes_once_when_shown(qtbot, journal):
    screen, policy, calls = _screen(qtbot, journal, {Topic.CONTACTS})
    add_contact(journal, "Ana")
    add_contact(journal, "Bea")
    assert policy.stale
    assert not policy.pending
    assert calls == []
    screen.show()
    assert calls == [1]  # at once: the screen never appears with old rows
    assert not policy.stale
    assert not policy.pending


def test_today_ignores_a_rebuilt_search_index(qtbot, journal):
    page = TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    journal.search.rebuild_index()
    assert not page.refresh_policy.pending
    assert not page.refresh_policy.stale


def test_the_contact_list_waits_until_it_is_shown(qtbot, journal):
    page = ContactsPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    add_contact(journal, "Ana")
    assert page.model.rowCount() == 0  # hidden: nothing read yet
    page.show()
    assert page.model.rowCount() == 1


def test_the_contact_page_reads_the_brief_once_per_change(qtbot, journal, monkeypatch):
    ana = add_contact(journal, "Ana")
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.show()
    page.set_contact(ana)
    reads: list[int] = []
    real = journal.brief.for_contact
    monkeypatch.setattr(
        journal.brief, "for_contact", lambda cid, *more: reads.append(cid) or real(cid, *more)
    )
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        log_call(journal, ana, when=datetime(2026, 11, 20, 9), notes="Coffee")
    assert reads == [ana]
    assert "Coffee" in page.brief.browser.toPlainText()


def test_a_screen_hidden_during_the_burst_is_not_refreshed(qtbot, journal):
    """The window closed right after a change (the journal moved): no read of a journal
    that may be gone; the screen refreshes if it is ever shown again."""
    screen, policy, calls = _screen(qtbot, journal, {Topic.CONTACTS})
    screen.show()
    add_contact(journal, "Ana")
    assert policy.pending
    screen.close()
    qtbot.waitUntil(lambda: not policy.pending)
    assert calls == []
    assert policy.stale
