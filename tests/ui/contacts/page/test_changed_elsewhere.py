"""The contact page's "Changed on other computers": a field edited on two computers keeps the
newer edit, and the page shows the value that lost, with the computer that wrote it."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from colearn_desktop.core.records import ContactInput, ConversationInput
from colearn_desktop.core.sync.setup import exchange_now
from colearn_desktop.ui.contacts.page.contact_page import ContactPage
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.ui.sync_computers import OtherComputer, join, shared_folder

SHOTS = Path(os.environ.get("COLEARN_SHOTS") or tempfile.mkdtemp(prefix="colearn-shots-"))


def edit_company(journal, contact_id: int, company: str) -> None:
    data = journal.contacts.get(contact_id).data
    journal.contacts.update(contact_id, dataclasses.replace(data, company=company))


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    other = OtherComputer(tmp_path / "laptop", shared_folder(tmp_path, monkeypatch))
    yield other
    other.close()


def test_a_value_another_computers_edit_replaced_is_on_the_contact_page(journal, laptop, qtbot):
    ana_there = laptop.journal.contacts.create(
        ContactInput(name="Ana García", company="Old <b>Co</b>")
    )
    join(journal, laptop)
    (ana_here,) = [row.id for row in journal.contact_list.rows()]

    edit_company(journal, ana_here, "Desktop %3 Co")  # the older edit
    edit_company(laptop.journal, ana_there, "Laptop Co")  # the newer one
    laptop.exchange()
    exchange_now(journal)  # the desktop's edit goes out, the laptop's wins here
    laptop.exchange()  # ... and there
    assert journal.contacts.get(ana_here).data.company == "Laptop Co"

    for opened, contact_id, who in (
        (journal, ana_here, "this computer"),
        (laptop.journal, ana_there, "Desktop"),
    ):
        signals = JournalSignals(opened)
        page = ContactPage(opened, signals)
        qtbot.addWidget(page)
        page.resize(900, 700)
        page.show()
        page.set_contact(contact_id)
        shown = page.header.changed_elsewhere
        assert shown.isVisible()
        assert shown.title.text() == "Changed on other computers"
        (line,) = shown.lines.text().splitlines()
        assert line.startswith(f"Company: “Desktop %3 Co”, written on {who} on ")
        assert line.endswith(", lost to a newer edit.")
        page.grab().save(str(SHOTS / f"contact-changed-elsewhere-{who}.png"))
        signals.detach()


def test_a_contact_without_such_history_shows_nothing_of_it(journal, qtbot):
    ana = journal.contacts.create(ContactInput(name="Ana García"))
    signals = JournalSignals(journal)
    page = ContactPage(journal, signals)
    qtbot.addWidget(page)
    page.show()
    page.set_contact(ana)
    assert not page.header.changed_elsewhere.isVisible()
    signals.detach()


def test_a_conversation_logged_on_another_computer_says_which_on_the_timeline(
    journal, laptop, qtbot
):
    ana_there = laptop.journal.contacts.create(ContactInput(name="Ana García"))
    laptop.journal.conversations.log(
        ConversationInput(contact_ids=(ana_there,), happened_at=datetime(2026, 11, 20, 9, 30))
    )
    join(journal, laptop)
    (ana_here,) = [row.id for row in journal.contact_list.rows()]
    journal.conversations.log(
        ConversationInput(contact_ids=(ana_here,), happened_at=datetime(2026, 11, 21, 9, 30))
    )
    exchange_now(journal)  # this computer's own conversation travels too: still its own

    signals = JournalSignals(journal)
    page = ContactPage(journal, signals)
    qtbot.addWidget(page)
    page.show()
    page.set_contact(ana_here)
    page.tabs.setCurrentWidget(page.timeline)  # (read when on view)
    titles = [card.title.text().replace("\u00a0", " ") for card in page.timeline.cards()]
    assert len(titles) == 2
    assert not titles[0].endswith(" · logged on Laptop")  # logged here, on the 21st
    assert titles[1].endswith(" · logged on Laptop")
    signals.detach()
