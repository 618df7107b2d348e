"""Person pickers tell same-name people apart: each suggestion shows the company, the first
e-mail and the last talk, and choosing a row picks that exact contact (#14, two Abena
Mensahs: the favour went to the wrong one)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.helpers import add_contact, email, log_call


@pytest.fixture
def two_abenas(journal) -> tuple[int, int]:
    design = add_contact(
        journal, "Abena", "Mensah", company="Mensah Design", emails=(email("abena@design.gh"),)
    )
    bakery = add_contact(journal, "Abena", "Mensah", emails=(email("abena@bakery.gh"),))
    log_call(journal, bakery, when=datetime(2026, 11, 2, 9), notes="Bread order")
    return design, bakery


def suggestions(picker) -> list[str]:
    model = picker._completer.popup().model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose(qtbot, picker, typed: str, row: int) -> None:
    """Type ``typed``, wait for the suggestions, Down to ``row`` and Enter."""
    with qtbot.waitSignal(picker.suggestions_changed, timeout=3000):
        qtbot.keyClicks(picker, typed)
    popup = picker._completer.popup()
    qtbot.waitUntil(popup.isVisible)
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_referred_by_shows_what_tells_them_apart_and_picks_that_one(qtbot, journal, two_abenas):
    design, bakery = two_abenas
    editor = ContactEditor(journal)
    qtbot.addWidget(editor)
    editor.show()
    picker = editor.referred_by
    picker.setFocus()
    choose(qtbot, picker, "Abena", 1)
    shown = suggestions(picker)
    assert len(set(shown)) == 2, shown  # two rows a person can tell apart
    assert "Abena Mensah — Mensah Design · abena@design.gh" in shown
    bakery_row = next(text for text in shown if "abena@bakery.gh" in text)
    assert "talked " in bakery_row
    assert picker.contact_id == (design if "Design" in shown[1] else bakery)


def test_quick_log_picks_the_exact_abena(qtbot, journal, two_abenas):
    design, bakery = two_abenas
    dialog = QuickLogDialog(journal, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker.setFocus()
    choose(qtbot, dialog.picker, "Abena", 0)
    first = suggestions(dialog.picker)[0]
    expected = design if "abena@design.gh" in first else bakery
    assert dialog.participant_ids() == (expected,)
