"""Undo steps are named in the user's language when shown, and stored in English: the menu
and the status bar translate the template a name was written with (context UndoStep) and put
the user's own words back unchanged."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QWidget

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.ui.kit.undo import JournalUndo
from colearn_desktop.ui.kit.undo_names import CONTEXT, translated_step
from tests.helpers import add_contact, log_call

GERMAN = {"Note favour: %1": "Gefallen notiert: %1", "Done: %1": "Erledigt: %1"}


class Marking(QTranslator):
    """German for a few templates; every other UndoStep template in brackets, so a test
    sees which names went through a template."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context != CONTEXT:
            return None
        return GERMAN.get(source, f"[{source}]")


@pytest.fixture
def marking(qapp):
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_the_menu_and_status_bar_name_the_step_in_the_users_language(qtbot, journal, marking):
    ana = add_contact(journal, "Ana", "García")
    journal.favours.add(
        FavourInput(ana, FavourDirection.I_OWE, FavourKind.INTRO, "Intro to Ben: 50%1 & co")
    )
    window = QWidget()
    qtbot.addWidget(window)
    undo = JournalUndo(journal, window)
    statuses: list[str] = []
    undo.status.connect(statuses.append)

    assert undo.undo_action.text() == "&Undo Gefallen notiert: Intro to Ben: 50%1 && co"
    undo.undo()
    assert statuses == [
        "Undid “Gefallen notiert: Intro to Ben: 50%1 & co”. Ctrl+Shift+Z does it again."
    ]
    # Stored as the core wrote it: the command line and every copy of the app read it back.
    assert journal.undo.next_redo().label == "Note favour: Intro to Ben: 50%1 & co"


def test_the_names_the_core_writes_go_through_a_template(journal, marking):
    today = journal.clock.today()
    ana = add_contact(journal, "Ana", "García", cadence_days=30)
    bo = add_contact(journal, "Bo", "Li")
    log_call(journal, ana, bo, when=journal.clock.now() - timedelta(days=40))
    journal.purchases.add(PurchaseInput(ana, today, "Logo & card", Decimal("90"), "EUR"))
    favour = journal.favours.add(
        FavourInput(ana, FavourDirection.THEY_OWE, FavourKind.INTRO, "Intro to Sam")
    )
    journal.favours.settle(favour, fully=True)
    journal.contacts.archive(bo)
    (item,) = journal.reminders.due(0).items
    journal.reminders.done(item.key)

    shown = [translated_step(step.label) for step in journal.undo.history()]
    assert shown == [
        "Erledigt: [keep in touch with Ana García]",
        "[Archive Bo Li]",
        "[Settle favour: Intro to Sam]",
        "Gefallen notiert: Intro to Sam",
        "[Note purchase: Logo & card]",
        "[Log conversation with Ana García and Bo Li]",
        "[Add Bo Li]",
        "[Add Ana García]",
    ]


def test_a_name_no_template_knows_is_shown_as_stored(marking):
    assert translated_step("Merge 3 contacts into Ana") == "Merge 3 contacts into Ana"
