"""``colearn tags``: list tags, set a tag's keep-in-touch cadence, and tag (or untag) many
contacts in one undoable step, by filter or by id, refusing with one clear line when nothing
matches."""

from __future__ import annotations

import json

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.paths import JOURNAL_FILE_NAME, DataPaths
from tests.cli.test_import_export import run
from tests.helpers import add_contact


def test_a_tag_cadence_is_set_listed_and_removed(tmp_path, capsys):
    data = tmp_path / "d"
    journal = open_journal(DataPaths(data).journal)
    add_contact(journal, "Ana", tags=("Clients",))
    add_contact(journal, "Bo", tags=("clients", "Café"))
    journal.close()
    code, out, _ = run(capsys, "--data-dir", data, "tags", "--cadence", "CLIENTS", "30")
    assert (code, out) == (0, "Tag Clients: keep in touch every 30 days.\n")
    code, out, _ = run(capsys, "--data-dir", data, "tags")
    assert out.splitlines() == ["Café  (1 contact)  -", "Clients  (2 contacts)  every 30 days"]
    code, out, _ = run(capsys, "--data-dir", data, "tags", "--json")
    assert {t["name"]: t["cadence_days"] for t in json.loads(out)} == {"Café": None, "Clients": 30}
    code, out, _ = run(capsys, "--data-dir", data, "tags", "--cadence", "clients", "none")
    assert code == 0
    assert out.startswith("Tag Clients: no keep-in-touch cadence any more;")


def test_a_wrong_tag_or_number_is_one_line_and_a_failure(tmp_path, capsys):
    data = tmp_path / "d"
    journal = open_journal(DataPaths(data).journal)
    add_contact(journal, "Ana", tags=("Clients",))
    journal.close()
    code, out, err = run(capsys, "--data-dir", data, "tags", "--cadence", "Friends", "30")
    assert (code, out) == (1, "")
    assert err == "colearn: there is no tag called 'Friends'\n"
    code, _, err = run(capsys, "--data-dir", data, "tags", "--cadence", "Clients", "often")
    assert code != 0
    assert err.count("\n") == 1
    assert "'often' is not a number of days" in err
    code, _, err = run(capsys, "--data-dir", data, "tags", "--cadence", "Clients", "99999")
    assert code == 1
    assert err.count("\n") == 1


def tagged(path, tag: str) -> int:
    journal = open_journal(path)
    try:
        return journal.contact_list.count(ContactQuery(tag=tag))
    finally:
        journal.close()


def test_tag_by_filter_then_untag_by_ids_then_undo(tmp_path, capsys, new_journal_file):
    data = tmp_path / "d"
    path = new_journal_file(data / JOURNAL_FILE_NAME)
    journal = open_journal(path)
    ana = add_contact(journal, "Ana", "García", company="Nordlys")
    add_contact(journal, "Bo", "Li", company="Nordlys")
    add_contact(journal, "Ed", "Baker", company="Crumbs")
    journal.close()
    where = ("--data-dir", str(data))

    code, out, err = run(capsys, *where, "tags", "--add", "speaker", "--filter", "nordlys")
    assert (code, err) == (0, "")
    assert out == "Add tag speaker to 2 contacts.\ncolearn undo takes it back.\n"
    assert tagged(path, "speaker") == 2

    code, out, _ = run(capsys, *where, "tags", "--remove", "Speaker", "--ids", str(ana))
    assert (code, out.splitlines()[0]) == (0, "Remove tag Speaker from 1 contact.")
    assert tagged(path, "speaker") == 1

    assert run(capsys, *where, "undo")[1] == "Undone: Remove tag Speaker from 1 contact.\n"
    assert tagged(path, "speaker") == 2
    assert run(capsys, *where, "check")[:2] == (0, "ok\n")


def test_nothing_matching_or_bad_ids_is_one_line_and_a_failure(tmp_path, capsys, new_journal_file):
    data = tmp_path / "d"
    open_journal(new_journal_file(data / JOURNAL_FILE_NAME)).close()
    where = ("--data-dir", str(data))

    code, out, err = run(capsys, *where, "tags", "--add", "x", "--filter", "nobody")
    assert (code, out) == (1, "")
    assert err.startswith("colearn: No contact matches, so nothing was changed.")
    assert len(err.splitlines()) == 1

    with pytest.raises(SystemExit) as exit_:
        main([*where, "tags", "--add", "x", "--ids", "1,two"])
    assert exit_.value.code == 2
    assert "is not a list of contact numbers" in capsys.readouterr().err


def test_contacts_are_chosen_only_for_adding_or_removing_a_tag(tmp_path, capsys):
    data = tmp_path / "d"
    journal = open_journal(DataPaths(data).journal)
    add_contact(journal, "Ana", tags=("Clients",))
    journal.close()

    code, out, err = run(capsys, "--data-dir", data, "tags", "--filter", "ana")
    assert (code, out) == (1, "")
    assert err == "colearn: --filter and --ids choose contacts for --add or --remove; add one.\n"
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(data), "tags", "--add", "x", "--cadence", "Clients", "30"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
