"""Every exported card has a UID and a REV, so an address book that imports the file again
updates its cards instead of adding them twice, and phone types are written as RFC 6350 lists
(``TYPE=home,fax``), not one quoted value (issue #15).  Checked with ``vobject``, a vCard
parser of its own (a test dependency), and read back by our importer."""

from __future__ import annotations

import pytest
import vobject

from colearn_desktop.core.contact_fields import ContactInput, Labelled


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_cards_have_uid_rev_and_listed_phone_types(journal, tmp_path, fresh, version):
    phones = (
        Labelled("+44 20 7946 0958", "home fax"),
        Labelled("+44 7700 900123", "mobile"),
        Labelled("+49 30 1234567", "Büro"),
    )
    journal.contacts.create(ContactInput(name="Ana García", phones=phones))
    with journal.db.read_raw() as connection:
        uid, updated = connection.execute("SELECT uid, updated_at FROM contact").fetchone()
    path = tmp_path / "out.vcf"
    journal.interchange.export_contacts(path, "vcard", vcard_version=version)
    text = path.read_text(encoding="utf-8")
    rev = updated[:10].replace("-", "") + "T" + updated[11:19].replace(":", "") + "Z"

    [card] = list(vobject.readComponents(text))
    assert card.uid.value == f"urn:uuid:{uid}"
    assert card.rev.value == rev
    types = [[t.casefold() for t in tel.params.get("TYPE", [])] for tel in card.tel_list]
    assert types == [["home", "fax"], ["cell"], ["büro"]]
    assert "TYPE=home,fax" in text
    assert '"home fax"' not in text

    other = fresh(version)
    assert other.interchange.import_file(path).new == 1
    with other.db.read_raw() as connection:
        labels = [row[0] for row in connection.execute("SELECT label FROM contact_phone")]
    assert labels == ["home fax", "mobile", "büro"]
