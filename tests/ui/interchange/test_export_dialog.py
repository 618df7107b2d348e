"""The export dialog says how many contacts each choice writes."""

from __future__ import annotations

from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from tests.helpers import add_contact


def test_each_choice_says_how_many_contacts_it_writes(qtbot, journal):
    add_contact(journal, "Ana", "García")
    add_contact(journal, "Bob", "Brown")
    add_contact(journal, "Bea", "Brown")
    gone = add_contact(journal, "Old", "Friend")
    journal.contacts.archive(gone)
    dialog = ExportDialog(journal, ContactQuery(text="brown"))
    qtbot.addWidget(dialog)
    assert dialog.list_radio.isChecked()  # preselected: it must say what it holds
    assert dialog.list_radio.text() == "The contacts &list as filtered now (2)"
    assert dialog.all_radio.text() == "&All contacts (3)"
    dialog.archived_check.setChecked(True)
    assert dialog.all_radio.text() == "&All contacts (4)"


def test_without_a_list_the_list_choice_counts_nothing(qtbot, journal):
    add_contact(journal, "Ana", "García")
    dialog = ExportDialog(journal, None)
    qtbot.addWidget(dialog)
    assert dialog.all_radio.isChecked()
    assert dialog.all_radio.text() == "&All contacts (1)"
    assert not dialog.list_radio.isEnabled()
