"""The import preview's "Why" goes through Qt's translations, phrase by phrase."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from colearn_desktop.core.interchange.plan_rows import Action, PlannedRow
from colearn_desktop.ui.interchange.import_models import PlanModel
from colearn_desktop.ui.interchange.match_reasons import CONTEXT, reason_text


class Shouting(QTranslator):
    """A stand-in language: every ImportReason text in capitals (its %1 and %2 kept)."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context != CONTEXT:
            return ""
        return source.upper()

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def shouting(qapp):
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_each_phrase_and_pattern_is_translated(shouting):
    assert reason_text("same e-mail as row 3") == "SAME E-MAIL AS ROW 3"
    assert reason_text("same phone; adds job title") == "SAME PHONE; ADDS job title"
    assert reason_text("same name; nothing new: already in the journal") == (
        "SAME NAME; NOTHING NEW: ALREADY IN THE JOURNAL"
    )
    assert reason_text(
        "new; looks like a contact in the journal (same name, written another way): "
        "merge if the same person"
    ) == (
        "NEW; LOOKS LIKE A CONTACT IN THE JOURNAL (SAME NAME, WRITTEN ANOTHER WAY): "
        "MERGE IF THE SAME PERSON"
    )
    assert (
        reason_text("new; same name as row 7, another e-mail or phone: merge if the same person")
        == "NEW; SAME NAME AS ROW 7, ANOTHER E-MAIL OR PHONE: MERGE IF THE SAME PERSON"
    )


def test_the_preview_shows_the_translated_reason(shouting):
    model = PlanModel()
    model.set_plan([PlannedRow(2, "Ana", "ana@example.com", Action.NEW, reason="new")])
    assert model.index(0, PlanModel.REASON).data() == "NEW"


def test_english_reads_as_the_core_wrote_it_and_unknown_text_stays(qapp):
    assert reason_text("same e-mail as row 3") == "same e-mail as row 3"
    assert reason_text("something the core says now") == "something the core says now"
