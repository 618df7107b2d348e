"""New contact names the contact it probably already is before making a second record;
saving again adds it anyway, and editing an existing contact never asks."""

from __future__ import annotations

from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from tests.helpers import add_contact, email
from tests.ui.test_form_keyboard import _discard_on_close, shown  # noqa: F401 (a fixture)


def test_new_contact_warns_of_a_likely_duplicate_then_saves_on_a_second_save(qtbot, journal):
    ana = add_contact(journal, "Émile", "Zola-Durand", emails=(email("emile@zd.example"),))
    dialog = shown(qtbot, ContactEditor(journal))
    qtbot.keyClicks(dialog.given, "Emile")
    qtbot.keyClicks(dialog.texts["family_name"], "Zola Durand")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.banner.isVisible()
    assert dialog.banner.text() == (
        f"Not saved yet: this looks like Émile Zola-Durand (#{ana}), already in the journal: "
        "same name. Save again to add a new contact anyway, or Cancel to keep only the one "
        "you have."
    )
    assert len(journal.contact_list.rows()) == 1
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(journal.contact_list.rows()) == 2


def test_changing_the_input_after_the_warning_checks_again(qtbot, journal):
    add_contact(journal, "Bo", "Lind", emails=(email("bo@lind.example"),))
    dialog = shown(qtbot, ContactEditor(journal))
    qtbot.keyClicks(dialog.given, "Robert")
    dialog.save()  # no likely duplicate: saved at once
    assert dialog.result() == dialog.DialogCode.Accepted
    dialog = shown(qtbot, ContactEditor(journal))
    qtbot.keyClicks(dialog.given, "Bob")
    dialog.lists["emails"].set_values((email("BO@lind.example"),))
    dialog.save()
    assert "same e-mail (bo@lind.example)" in dialog.banner.text()
    dialog.lists["emails"].set_values((email("bob@other.example"),))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_editing_an_existing_contact_never_warns(qtbot, journal):
    add_contact(journal, "Ana", "García")
    twin = add_contact(journal, "García", "Ana")
    dialog = shown(qtbot, ContactEditor(journal, journal.contacts.get(twin)))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
