"""The name prefix and suffix and the profile links in the contact editor and on the contact
page: shown as stored, typed in, saved through the journal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.contacts.page.contact_page import ContactHeader
from tests.helpers import add_contact
from tests.ui.test_form_keyboard import _discard_on_close, shown  # noqa: F401 (a fixture)

LINKEDIN = Labelled("https://www.linkedin.com/in/ana-garcia", "linkedin")


def alt_then_type(qtbot, key: Qt.Key, text: str) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_the_editor_shows_and_saves_prefix_suffix_and_links(qtbot, journal):
    ana = add_contact(journal, "Ana", "García", name_prefix="Dr.", links=(LINKEDIN,))
    dialog = shown(qtbot, ContactEditor(journal, journal.contacts.get(ana)))
    assert dialog.texts["name_prefix"].text() == "Dr."
    assert dialog.lists["links"].values() == (LINKEDIN,)
    alt_then_type(qtbot, Qt.Key.Key_X, "PhD")  # Alt+X: name suffix
    qtbot.keyClicks(dialog.lists["links"].add_row(), "https://ana.design")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    data = journal.contacts.get(ana).data
    assert (data.name_prefix, data.name_suffix) == ("Dr.", "PhD")
    assert data.links == (LINKEDIN, Labelled("https://ana.design", "linkedin"))


def test_a_link_that_is_not_a_web_address_is_named_under_its_row(qtbot, journal):
    dialog = shown(qtbot, ContactEditor(journal))
    qtbot.keyClicks(dialog.given, "Ana")
    dialog.lists["links"].set_values((LINKEDIN, Labelled("my profile", "other")))
    dialog.save()
    assert dialog.isVisible()
    error = dialog.lists["links"].error_targets()[1][0]
    assert error.text() == "'my profile' is not a web address"
    assert journal.contact_list.rows() == []


def test_the_contact_page_lists_the_links(qtbot, journal):
    ana = add_contact(journal, "Ana", "García", links=(LINKEDIN,))
    header = ContactHeader()
    qtbot.addWidget(header)
    header.show_contact(journal.contacts.get(ana), "", "")
    shown_texts = [header.details.itemAt(i).widget().text() for i in range(header.details.count())]
    assert shown_texts == ["Link", "https://www.linkedin.com/in/ana-garcia  (linkedin)"]
