"""``colearn vdir --keep``: the vdir follows every command that changed the journal, the
phone's edit comes back once (one undo step) and never twice, ``--status`` and ``--off``."""

from __future__ import annotations

from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths
from tests.cli.test_import_export import run
from tests.cli.test_vdir import ana_and_bo


def notes_of_ana(data) -> str:
    journal = open_journal(DataPaths(data).journal)
    try:
        return journal.contacts.get(1).data.notes
    finally:
        journal.close()


def test_a_kept_vdir_follows_each_command_and_reads_the_phone_once(tmp_path, capsys):
    data, contacts, calendar, folders = ana_and_bo(tmp_path)

    code, out, err = run(capsys, "--data-dir", data, "vdir", *folders, "--all", "--keep")
    assert (code, err) == (0, "")
    assert out.endswith(
        "The vdir holds every contact. It is kept up to date after every change from now on.\n"
    )
    assert len(list(contacts.glob("*.vcf"))) == 2
    _, out, _ = run(capsys, "--data-dir", data, "vdir", "--status")
    assert out == (
        f"The vdir of contacts {contacts} and calendar {calendar} is kept up to date after "
        "every change; it holds every contact.\n"
    )

    # Any command that changes the journal brings the vdir along: Bo's creation undone.
    code, _, err = run(capsys, "--data-dir", data, "undo")
    assert (code, err) == (0, "")
    [card] = contacts.glob("*.vcf")
    assert b"Ana" in card.read_bytes()

    # The phone edits Ana's note; the next command's refresh reads it back.
    card.write_bytes(card.read_bytes().replace(b"NOTE:Old note.", b"NOTE:From the phone."))
    code, _, err = run(capsys, "--data-dir", data, "undo", "--redo")
    assert (code, err) == (0, "")
    assert notes_of_ana(data) == "From the phone."
    assert len(list(contacts.glob("*.vcf"))) == 2  # Bo is back too

    # Reading it was one undo step; undone, the phone's card is not read a second time: the
    # vdir is written again with the journal's note.
    code, out, err = run(capsys, "--data-dir", data, "undo")
    assert (code, err) == (0, "")
    assert "vdir" in out
    assert notes_of_ana(data) == "Old note."
    assert b"NOTE:Old note." in card.read_bytes()

    code, out, _ = run(capsys, "--data-dir", data, "vdir", "--off")
    assert out == (
        f"The vdir is no longer kept up to date; {contacts} and {calendar} were left as they "
        "are (vdirsyncer keeps syncing what they hold).\n"
    )
    run(capsys, "--data-dir", data, "undo")  # Bo's creation, again: the vdir is left alone
    assert len(list(contacts.glob("*.vcf"))) == 2
    _, out, _ = run(capsys, "--data-dir", data, "vdir", "--status")
    assert out.startswith("No vdir is kept up to date; turn it on with: ")


def test_a_vdir_that_fails_is_not_kept(tmp_path, capsys):
    data = tmp_path / "d"
    open_journal(DataPaths(data).journal).close()
    code, _, err = run(
        capsys, "--data-dir", data, "vdir", "--contacts", tmp_path, "--calendar", tmp_path, "--keep"
    )
    assert code != 0
    assert err.startswith("colearn: ")
    _, out, _ = run(capsys, "--data-dir", data, "vdir", "--status")
    assert out.startswith("No vdir is kept up to date;")


def test_without_folders_the_command_says_what_it_needs(tmp_path, capsys):
    code, out, err = run(capsys, "--data-dir", tmp_path / "d", "vdir", "--keep")
    assert (code, out) == (1, "")
    assert err == (
        "colearn: colearn vdir needs both --contacts DIR and --calendar DIR (or --off, "
        "--status); nothing was read or written.\n"
    )
