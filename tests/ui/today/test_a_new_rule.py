"""A due rule is one module: a rule written here, registered in the registry and nowhere
else, shows on Today under its own heading with its own words, and D names its undo step by
the rule's phrase.  (It takes the thank-you rule's slot: a kind is still a DueKind value.)"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from colearn_desktop.core.due import DueItem, DueKind, registry
from colearn_desktop.core.due.common import Days, Window, required, run
from colearn_desktop.core.due.records import DueCount
from colearn_desktop.core.due.rule import DueRule, Found, Row, Words, done_this_time, fill
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.today.today_page import TodayPage
from tests.helpers import add_contact
from tests.ui.today.test_today_page import rows


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    """Everyone whose notes say "standup" is due for one today."""
    return run(
        connection,
        "SELECT c.id, c.display_name, :today, :today AS urgent_on, :today AS shown_from,"
        " c.sort_name AS sort_name FROM contact c WHERE c.notes LIKE '%standup%'"
        + window.where("c.id", "c.id"),
        window.params(),
    )


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    contact_id, name, due, _urgent, _shown, _sort = row
    return Found((contact_id,), required(day[due]), None, contact_id, name, {"topic": "plans"})


def title(item: DueItem, words: Words) -> str:
    return words.text("Stand-up with %1", item.contact_name)


def reason(item: DueItem, today: object, words: Words) -> str:
    return words.text("you said you would talk about %1", item.facts["topic"])


STANDUP = DueRule(
    kind=DueKind.THANKS,
    prefix="standup",
    parts=1,
    label="Stand-ups",
    table="contact",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done_this_time,
    phrase=lambda item: fill("stand up with %1", item.contact_name),
)


def register(monkeypatch: pytest.MonkeyPatch, rule: DueRule) -> None:
    """List ``rule`` in the registry, in the thank-you rule's place."""
    old = registry.BY_KIND[rule.kind]
    monkeypatch.setattr(registry, "RULES", tuple(rule if r is old else r for r in registry.RULES))
    monkeypatch.setitem(registry.BY_KIND, rule.kind, rule)
    monkeypatch.setitem(registry._BY_PREFIX, rule.prefix, rule)


@pytest.fixture
def standup_registered(monkeypatch):
    register(monkeypatch, STANDUP)


def test_a_rule_written_in_one_module_shows_on_today(qtbot, journal, standup_registered):
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    add_contact(journal, "Ana", notes="weekly standup")
    add_contact(journal, "Ben", "Okafor")
    page = TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()

    assert rows(page) == [
        (
            "Stand-ups (1)",
            [("Stand-up with Ana García", "you said you would talk about plans", "due today")],
        )
    ]
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: bool(journal.undo.history()))
    assert journal.undo.history()[0].label == "Done: stand up with Ana García"


def test_a_row_the_rule_cannot_read_is_left_out_and_named(journal, monkeypatch, caplog):
    ana = add_contact(journal, "Ana", notes="standup")
    register(monkeypatch, replace(STANDUP, read=lambda *_: required(None)))

    report = journal.reminders.due(0)

    assert [i for i in report.items if i.kind is DueKind.THANKS] == []
    assert f"contact {ana} is left out of the due items" in caplog.text
