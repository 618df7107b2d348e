"""Settings ▸ By tag: a keep-in-touch cadence per tag, saved with the other settings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
from tests.helpers import add_contact


def test_a_tag_gets_a_cadence_from_the_settings(qtbot, journal):
    add_contact(journal, "Ana", tags=("Clients",))
    add_contact(journal, "Bo", tags=("Clients", "Friends"))
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    page = dialog.tag_cadences
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "B&y tag"
    labels = [label.text() for label in page.findChildren(QLabel)]
    assert "Clients (2 contacts)" in labels
    assert "Friends (1 contact)" in labels
    assert page.spins["Clients"].text() == "no cadence"
    page.spins["Clients"].setValue(30)
    assert page.spins["Clients"].text() == "every 30 days"
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    cadences = {tag.name: tag.cadence_days for tag in journal.tags.all()}
    assert cadences == {"Clients": 30, "Friends": None}
    assert journal.undo.history()[0].label == "Set keep in touch for tag Clients"


def test_without_tags_the_page_says_how_to_get_some(qtbot, journal):
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.tag_cadences.findChildren(QLabel)]
    assert any(text.startswith("No tags yet.") for text in texts)
