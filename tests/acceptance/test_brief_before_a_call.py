"""Job 3, before a call: "A one-page brief: last conversations, what I learned, open favours
both ways, past projects, where they are on their path, who they referred."  Keys only."""

from __future__ import annotations

from tests.acceptance.contacts_keys import open_contact, shown_contact
from tests.acceptance.keys import press, type_text
from tests.acceptance.people import client_with_history
from tests.acceptance.screen import render, view_rows, visible_text


def test_the_brief_before_a_call(qtbot, start_app, screenshots):
    window = start_app(client_with_history)
    open_contact(qtbot, window, "Freja")
    press(qtbot, "Alt+B")  # the Brief tab
    brief = window.contact_page.brief
    qtbot.waitUntil(lambda: "Reviewed the launch." in visible_text(brief))
    render(window, screenshots, "brief")
    shown = visible_text(brief)
    for fact in (
        "Freja Dahl",
        "Stage: Help",  # where she is on her path
        "Reviewed the launch.",  # last conversations
        "Kick-off for the new brand.",
        "She decides with her co-founder on Fridays.",  # what I learned
        "A price for a second site.",  # what she asked for
        "Intro to a printer in Oslo",  # I owe her
        "A quote for my site",  # she owes me
        "Brand identity",  # past projects
        "Referred Sam Okafor",  # whom she referred
    ):
        assert fact in shown, f"the brief does not show {fact!r}:\n{shown}"


def test_the_page_follows_the_filter(qtbot, start_app):
    window = start_app(client_with_history)
    open_contact(qtbot, window, "Freja")
    press(qtbot, "Ctrl+F")
    type_text(qtbot, "Okafor")
    qtbot.waitUntil(lambda: "Freja" not in "\n".join(view_rows(window.contacts_page.table)))
    qtbot.waitUntil(lambda: shown_contact(window) == "Sam Okafor")  # the first match
    type_text(qtbot, "zzz")  # nobody matches: the page says so
    qtbot.waitUntil(lambda: not view_rows(window.contacts_page.table))
    qtbot.waitUntil(lambda: "Nobody in the list matches" in visible_text(window.contact_page))
    assert "Sam Okafor" not in visible_text(window.contact_page)
