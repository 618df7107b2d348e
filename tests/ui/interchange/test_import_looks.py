"""The import dialog as seen: formats by their names, Back left of Next, Next the default."""

from __future__ import annotations

from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from colearn_desktop.ui.interchange.import_dialog import ImportDialog


def test_formats_are_listed_by_name(qtbot, journal):
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    names = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert names[:3] == [
        "Detect from the file",
        "CSV, every field (CoLearn)",
        "Google Contacts CSV",
    ]
    assert "LinkedIn connections CSV" in names
    assert not any("-csv" in name for name in names)
    assert dialog.format_combo.itemData(2) == "google-csv"


def test_back_is_left_of_next_and_next_is_the_default(qtbot, journal):
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    back, forward, close = dialog.back_button, dialog.next_button, dialog.close_button
    assert back.x() < forward.x() < close.x()
    assert forward.isDefault()


def test_export_names_the_same_formats(qtbot, journal):
    dialog = ExportDialog(journal, ContactQuery())
    qtbot.addWidget(dialog)
    names = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert names == ["CSV, every field (CoLearn)", "Google Contacts CSV", "Outlook CSV", "vCard"]
