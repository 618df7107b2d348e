"""``colearn import --map`` offers the contact field list, the same list as the import
window's column-mapping step: a field in the list can be named for a column and is imported."""

from __future__ import annotations

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.contact_fields import FIELDS, ContactField, Kind
from colearn_desktop.core.interchange import targets
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from colearn_desktop.ui.interchange import import_columns

PRONOUNS = ContactField("pronouns", Kind.LINE, "&Pronouns", 80, "Pronouns", vcard="X-PRONOUNS")


def test_the_help_names_every_field_of_the_list_the_window_offers(capsys, monkeypatch, qapp):
    monkeypatch.setattr(targets, "FIELDS", (*FIELDS, PRONOUNS))
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())

    offered = help_text.split("FIELD one of: ")[1]
    window = [value for value, _ in import_columns.ColumnsStep().choices()]
    assert offered.startswith(", ".join(window))
    assert {"pronouns", "name_prefix", "name_suffix", "link", "ignore"} <= set(window)


def test_a_wrong_field_names_the_fields_of_the_list(tmp_path, capsys):
    source = tmp_path / "hand.csv"
    source.write_text("Wer;Farbe\nAna Lima;blau\n", encoding="utf-8")

    code = main(["--data-dir", str(tmp_path / "d"), "import", str(source), "--map", "Farbe=colour"])
    err = capsys.readouterr().err

    assert code == 1
    assert "'colour' is not a field; use one of: ignore, given_name, family_name, name," in err
    assert "name_prefix, name_suffix" in err
    assert "referred_by_uid" not in err


def test_a_column_mapped_by_name_to_a_field_of_the_list_is_imported(tmp_path, capsys):
    data = tmp_path / "d"
    source = tmp_path / "hand.csv"
    source.write_text(
        "Wer;Anrede;Zusatz;Profil\nAna Lima;Dr.;PhD;https://example.org/ana\n", encoding="utf-8"
    )
    mapping = "Wer=name,Anrede=name_prefix,Zusatz=name_suffix,Profil=link"

    assert main(["--data-dir", str(data), "import", str(source), "--map", mapping]) == 0

    journal = open_journal(data / JOURNAL_FILE_NAME)
    try:
        stored = journal.contacts.get(journal.contact_list.rows()[0].id).data
    finally:
        journal.close()
    assert (stored.name, stored.name_prefix, stored.name_suffix) == ("Ana Lima", "Dr.", "PhD")
    assert [link.value for link in stored.links] == ["https://example.org/ana"]
