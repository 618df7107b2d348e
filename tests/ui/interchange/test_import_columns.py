"""The column-mapping screen offers the contact field list, named like our CSV's columns:
a field in the list can be chosen for a column of a hand-made CSV, and is imported."""

from __future__ import annotations

from colearn_desktop.core.contact_fields import FIELDS, ContactField, Kind
from colearn_desktop.core.interchange import targets
from colearn_desktop.ui.interchange import import_columns
from colearn_desktop.ui.interchange.import_dialog import PLAN, REPORT
from tests.ui.interchange.test_import_dialog import at_the_column_step, wait_page

PRONOUNS = ContactField("pronouns", Kind.LINE, "&Pronouns", 80, "Pronouns", vcard="X-PRONOUNS")


def test_every_field_of_the_list_is_a_choice_named_like_its_column(qapp, monkeypatch):
    monkeypatch.setattr(targets, "FIELDS", (*FIELDS, PRONOUNS))
    choices = dict(import_columns.ColumnsStep().choices())

    assert choices["pronouns"] == "Pronouns"  # a field needs no line here to be offered
    assert choices["ignore"] == "ignore"
    assert (choices["email"], choices["cadence_days"]) == ("E-mails", "Keep in touch every (days)")
    assert {"name_prefix", "name_suffix", "link", "referred_by"} <= choices.keys()


def test_a_column_mapped_to_a_field_of_the_list_is_imported(qtbot, journal, tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(
        "Wer;Anrede;Zusatz;Profil\nAna Lima;Dr.;PhD;https://example.org/ana\n", encoding="utf-8"
    )
    dialog = at_the_column_step(qtbot, journal, path)
    table = dialog.columns_table
    for row, field in enumerate(("name", "name_prefix", "name_suffix", "link")):
        combo = table.cellWidget(row, 2)
        assert combo.findData(field) >= 0, field
        combo.setCurrentIndex(combo.findData(field))
    dialog.next_button.click()
    wait_page(qtbot, dialog, PLAN)
    dialog.next_button.click()
    wait_page(qtbot, dialog, REPORT)

    data = journal.contacts.get(journal.contact_list.rows()[0].id).data
    assert (data.name, data.name_prefix, data.name_suffix) == ("Ana Lima", "Dr.", "PhD")
    assert [link.value for link in data.links] == ["https://example.org/ana"]
