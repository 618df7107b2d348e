"""Driving the form dialogs from the keyboard alone, as a person does: the dialog opens on its
first field, Tab walks the fields in the order they are shown, Alt+letter puts the cursor in the
labelled field, and Escape never drops typed text without asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.contacts.editing.favour_dialogs import FavourDialog
from colearn_desktop.ui.contacts.editing.purchase_dialog import PurchaseDialog
from colearn_desktop.ui.today.quick_log import QuickLogDialog
from colearn_desktop.ui.today.reminder_dialog import ReminderDialog
from tests.helpers import add_contact


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch):
    """A dialog left open at the end of a test is closed without a question blocking it."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def type_into_focus(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def alt(key: Qt.Key, qtbot=None, then_type: str = "") -> None:
    """Press Alt+key, then type ``then_type`` into whatever took the focus."""
    QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
    if then_type:
        type_into_focus(qtbot, then_type)


def tab() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_quick_log_alt_letters_type_into_their_fields_not_into_notes(qtbot, journal):
    ana = add_contact(journal)
    dialog = shown(qtbot, QuickLogDialog(journal, None, contact_id=ana))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.notes)
    alt(Qt.Key.Key_L, qtbot, "budget in January")
    alt(Qt.Key.Key_A, qtbot, "a quote")
    alt(Qt.Key.Key_H)
    assert QApplication.focusWidget() is dialog.channel
    alt(Qt.Key.Key_X, qtbot, "Send quote")
    assert dialog.learned.toPlainText() == "budget in January"
    assert dialog.asked.toPlainText() == "a quote"
    assert dialog.next_step.text() == "Send quote"
    assert dialog.notes.toPlainText() == ""


def test_new_contact_alt_letters_reach_their_fields(qtbot, journal):
    dialog = shown(qtbot, ContactEditor(journal))
    alt(Qt.Key.Key_C, qtbot, "Nordlys")
    alt(Qt.Key.Key_O, qtbot, "met at the fair")
    alt(Qt.Key.Key_V)  # Keep in touch e&very (Alt+T is Stage)
    assert QApplication.focusWidget() is dialog.cadence
    alt(Qt.Key.Key_B)
    assert QApplication.focusWidget() is dialog.birthday.month
    assert dialog.company.text() == "Nordlys"
    assert dialog.notes.toPlainText() == "met at the fair"


def test_new_contact_opens_on_given_name_and_tabs_in_visual_order(qtbot, journal):
    dialog = shown(qtbot, ContactEditor(journal))
    assert QApplication.focusWidget() is dialog.given
    type_into_focus(qtbot, "Ana")
    tab()
    type_into_focus(qtbot, "Garcia")
    seen = [QApplication.focusWidget()]
    for _ in range(12):
        tab()
        seen.append(QApplication.focusWidget())
    first_email = dialog.emails._rows[0][1]
    first_phone = dialog.phones._rows[0][1]
    assert seen.index(first_email) < seen.index(first_phone)
    assert dialog.family.text() == "Garcia"
    name_parts = [dialog.texts["name_prefix"], dialog.texts["name_suffix"]]
    assert seen[:6] == [dialog.family, dialog.name, *name_parts, dialog.company, dialog.job_title]


@pytest.mark.parametrize(
    ("make", "first"),
    [
        (FavourDialog, "direction"),
        (PurchaseDialog, "on"),
        (lambda j, c: ReminderDialog(j), "text"),
    ],
)
def test_small_dialogs_open_on_their_first_field(qtbot, journal, make, first):
    ana = add_contact(journal)
    dialog = shown(qtbot, make(journal, ana))
    focused = QApplication.focusWidget()
    target = getattr(dialog, first)
    assert focused is target or target.isAncestorOf(focused)


def test_purchase_alt_a_types_the_amount(qtbot, journal):
    ana = add_contact(journal)
    dialog = shown(qtbot, PurchaseDialog(journal, ana))
    alt(Qt.Key.Key_A, qtbot, "120")
    alt(Qt.Key.Key_W, qtbot, "Logo")
    assert dialog.money.amount.text() == "120"
    assert dialog.what.text() == "Logo"


def test_escape_on_a_changed_new_contact_asks_and_no_keeps_it_open(qtbot, journal, monkeypatch):
    asked: list[str] = []

    def answer_no(box):
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer_no)
    dialog = shown(qtbot, ContactEditor(journal))
    dialog.given.setFocus()
    type_into_focus(qtbot, "Ana")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert asked, "Escape closed the dialog without asking"
    assert dialog.isVisible()
    assert dialog.given.text() == "Ana"


def test_escape_on_an_unchanged_contact_closes_at_once(qtbot, journal, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("asked for nothing"))
    ana = add_contact(journal)
    dialog = shown(qtbot, ContactEditor(journal, journal.contacts.get(ana)))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
