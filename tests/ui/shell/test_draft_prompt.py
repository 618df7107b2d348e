"""The prompt after a crash says whom the unsaved note was with."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from colearn_desktop.core.storage.drafts import Draft, DraftStore
from colearn_desktop.ui.today.quick_log import DRAFT_KIND


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    texts: list[str] = []

    def answer(box: QMessageBox) -> int:
        texts.append(box.text())
        return QMessageBox.StandardButton.Ignore.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return texts


def save(drafts: DraftStore, fields: dict) -> None:
    drafts.save(Draft(DraftStore.new_id(), DRAFT_KIND, datetime(2026, 11, 2, 9, 30), fields))


def test_the_prompt_names_the_people(window, drafts, asked):
    save(drafts, {"participants": [[1, "Ana García"], [2, "Bo %2 Li"]], "new_contact": "Freja"})
    window.commands.offer_drafts()
    assert asked == [
        "A note about a conversation with Ana García, Bo %2 Li and Freja, typed on "
        "2026-11-02 09:30, was not saved. Open it now?"
    ]


def test_a_note_with_nobody_chosen_says_so(window, drafts, asked):
    save(drafts, {"participants": [], "notes": "half a thought"})
    window.commands.offer_drafts()
    assert asked == [
        "A note about a conversation with no one chosen yet, typed on 2026-11-02 09:30, "
        "was not saved. Open it now?"
    ]
