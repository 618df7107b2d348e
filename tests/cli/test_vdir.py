"""``colearn vdir``: one pass (read the phone's edits back, then write), its report, and the
"which contacts" choice kept on this computer."""

from __future__ import annotations

from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths
from tests.cli.test_import_export import run
from tests.helpers import add_contact


def ana_and_bo(tmp_path, **ana):
    """A journal of Ana (with ``ana``'s fields) and Bo, and the vdir's folders: the data
    folder, the contacts' and the calendar's folders, and the options naming them."""
    data = tmp_path / "d"
    journal = open_journal(DataPaths(data).journal)
    add_contact(journal, "Ana", notes="Old note.", **ana)
    add_contact(journal, "Bo")
    journal.close()
    contacts, calendar = tmp_path / "v" / "contacts", tmp_path / "v" / "calendar"
    return data, contacts, calendar, ("--contacts", contacts, "--calendar", calendar)


def test_a_pass_reads_edits_then_writes_and_keeps_the_tag(tmp_path, capsys):
    data, contacts, _calendar, folders = ana_and_bo(tmp_path, tags=("phone",))

    code, out, err = run(capsys, "--data-dir", data, "vdir", *folders, "--tag", "phone")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("0 contact(s) changed and 0 added from the vdir; ")
    assert out.splitlines()[-1].endswith("The vdir holds the contacts tagged phone.")
    [card] = contacts.glob("*.vcf")
    card.write_bytes(card.read_bytes().replace(b"NOTE:Old note.", b"NOTE:New note."))

    code, out, _ = run(capsys, "--data-dir", data, "vdir", *folders)  # the tag was kept
    assert code == 0
    first, summary = out.splitlines()
    assert first == f"Ana García: Notes changed in the vdir ({card.name})."
    # Rewritten with the contact's new REV, or kept when the edit fell in the same second.
    assert summary.startswith("1 contact(s) changed and 0 added from the vdir; ")
    assert summary.endswith(" 0 removed. The vdir holds the contacts tagged phone.")
    assert b"NOTE:New note." in card.read_bytes()
    journal = open_journal(DataPaths(data).journal)
    assert [c.data.notes for c in map(journal.contacts.get, (1,))] == ["New note."]
    journal.close()

    code, out, _ = run(capsys, "--data-dir", data, "vdir", *folders, "--all")
    assert out.endswith("The vdir holds every contact.\n")
    assert len(list(contacts.glob("*.vcf"))) == 2


def test_one_folder_for_both_is_one_line_and_a_failure(tmp_path, capsys):
    data = tmp_path / "d"
    open_journal(DataPaths(data).journal).close()
    code, out, err = run(
        capsys, "--data-dir", data, "vdir", "--contacts", tmp_path, "--calendar", tmp_path
    )
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "the contacts and the calendar need two folders" in err
