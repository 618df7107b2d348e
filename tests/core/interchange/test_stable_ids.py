"""Exports carry each row's stable id and imports keep it: the same file imported twice adds
nobody, even when the contact was renamed since; the journal's values win over the file's."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from colearn_desktop.core.people.contact_ids import alias_contact
from colearn_desktop.core.records import ContactInput
from tests.helpers import add_contact, log_call


def _contacts(journal) -> list[tuple[str, str, str]]:
    with journal.db.read_raw() as connection:
        rows = connection.execute("SELECT uid, display_name, company FROM contact ORDER BY id")
        return [tuple(row) for row in rows]


def _rename(journal, uid: str, name: str, company: str) -> None:
    with journal.db.raw() as connection:
        connection.execute(
            "UPDATE contact SET name = ?, display_name = ?, sort_name = lower(?), company = ? "
            "WHERE uid = ?",
            (name, name, name, company, uid),
        )


def test_json_keeps_every_rows_id_and_a_second_import_matches_by_it(journal, tmp_path, fresh):
    mum = journal.contacts.create(ContactInput(name="Mum", company="Family Ltd"))
    log_call(journal, mum, when=datetime(2026, 11, 1, 10, 0), notes="Sunday call")
    path = tmp_path / "journal.json"
    journal.interchange.export_journal(path)
    tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
    [(uid, _name, _company)] = _contacts(journal)
    assert [row["uid"] for row in tables["contact"]] == [uid]
    with journal.db.read_raw() as connection:
        (talk,) = connection.execute("SELECT uid FROM conversation").fetchone()
    assert [row["uid"] for row in tables["conversation"]] == [talk]
    assert [row["contact_uid"] for row in tables["conversation_contact"]] == [uid]

    other = fresh("other")
    assert other.interchange.import_file(path).imported
    assert _contacts(other) == [(uid, "Mum", "Family Ltd")]
    with other.db.read_raw() as connection:
        assert connection.execute("SELECT uid FROM conversation").fetchone() == (talk,)
    _rename(other, uid, "Mother", "Home Co")  # edited here since the export

    again = other.interchange.import_file(path)
    assert (again.new, again.merged + again.skipped) == (0, 1)
    assert _contacts(other) == [(uid, "Mother", "Home Co")]  # the journal's values win
    other.close()


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_contact_files_carry_the_id_and_the_importer_matches_by_it_first(
    journal, tmp_path, fresh, fmt
):
    add_contact(journal, "Ana", "García", company="Estudio Norte")
    [(uid, _name, _company)] = _contacts(journal)
    path = tmp_path / f"out.{fmt}"
    journal.interchange.export_contacts(path, fmt)
    text = path.read_text(encoding="utf-8-sig")
    if fmt == "vcard":
        assert f"UID:urn:uuid:{uid}" in text
    else:
        header, row = text.splitlines()[:2]
        assert header.split(",")[-2:] == ["CoLearn ID", "Referred by CoLearn ID"]
        assert row.split(",")[-2:] == [uid, ""]

    other = fresh(fmt)
    assert other.interchange.import_file(path).new == 1
    assert _contacts(other) == [(uid, "Ana García", "Estudio Norte")]
    _rename(other, uid, "Ana G. Pérez", "")
    again = other.interchange.import_file(path)
    assert again.new == 0
    # Only the empty company is filled: a filled field is never changed by an import.
    assert _contacts(other) == [(uid, "Ana G. Pérez", "Estudio Norte")]
    other.close()


def test_the_id_of_a_merged_contact_leads_to_the_kept_one(journal, tmp_path):
    kept = add_contact(journal, "Ana", "García")
    merged = add_contact(journal, "Ana", "Old")
    [_, (merged_uid, _name, _company)] = _contacts(journal)
    with journal.db.write() as session:
        alias_contact(session, merged, kept)
    with journal.db.raw() as connection:
        connection.execute("DELETE FROM contact WHERE id = ?", (merged,))
    card = tmp_path / "old.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Somebody Else\r\nN:Else;Somebody;;;\r\n"
        f"UID:{merged_uid.upper()}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = journal.interchange.import_file(card)
    assert report.new == 0
    assert len(_contacts(journal)) == 1


def test_an_export_from_before_ids_gets_new_ones(journal, tmp_path, fresh):
    add_contact(journal, "Ana", "García")
    path = tmp_path / "old.json"
    journal.interchange.export_journal(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for rows in document["tables"].values():
        for row in rows:
            row.pop("uid", None)
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh("other")
    assert other.interchange.import_file(path).imported
    [(uid, name, _company)] = _contacts(other)
    assert name == "Ana García"
    assert uid != _contacts(journal)[0][0]
    assert len(uid) == 36
    other.close()
