"""``colearn sync`` with the real journal side: two data folders, one sync folder, what a person
does on one computer shows on the other, and nothing is applied twice."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ContactInput, ConversationInput
from colearn_desktop.core.sync.folder import crypto
from colearn_desktop.paths import DataPaths
from tests.cli.test_import_export import run


def _column(data, sql: str) -> list[str]:
    journal = open_journal(DataPaths(data).journal)
    try:
        with journal.db.read_raw() as connection:
            return [row[0] for row in connection.execute(sql)]
    finally:
        journal.close()


def _names(data) -> list[str]:
    return _column(data, "SELECT name FROM contact ORDER BY name")


def _conversations(data) -> list[str]:
    return _column(data, "SELECT notes FROM conversation")


@pytest.mark.slow  # many commands in a row, each opening a journal
def test_what_one_computer_holds_and_logs_reaches_the_other_once(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    journal = open_journal(DataPaths(laptop).journal)
    ana = journal.contacts.create(ContactInput(name="Ana García"))  # before sync was set up
    journal.close()

    for data, name in ((laptop, "Laptop"), (desktop, "Desktop")):
        code, _out, err = run(
            capsys, "--data-dir", data, "sync", "--setup", shared, "--device-name", name
        )
        assert (code, err) == (0, "")
    assert run(capsys, "--data-dir", laptop, "sync")[0] == 0
    assert run(capsys, "--data-dir", desktop, "sync")[0] == 0
    assert _names(desktop) == ["Ana García"]  # what the laptop held before sync

    journal = open_journal(DataPaths(laptop).journal)
    journal.conversations.log(
        ConversationInput(
            contact_ids=(ana,), happened_at=datetime(2026, 12, 3, 9, 30), notes="Coffee"
        )
    )
    journal.close()
    assert run(capsys, "--data-dir", laptop, "sync")[0] == 0
    code, out, err = run(capsys, "--data-dir", desktop, "sync")
    assert (code, err) == (0, "")
    assert "from Laptop" in out
    assert _conversations(desktop) == ["Coffee"]

    code, out, err = run(capsys, "--data-dir", desktop, "sync")  # nothing new: nothing again
    assert (code, err) == (0, "")
    assert "Nothing new from the other devices." in out
    assert _names(desktop) == ["Ana García"]
    assert _conversations(desktop) == ["Coffee"]
    for data in (laptop, desktop):
        assert run(capsys, "--data-dir", data, "check")[0] == 0


@pytest.mark.slow  # many commands in a row, each opening a journal
def test_what_was_logged_after_leaving_sync_goes_out_when_set_up_again(
    tmp_path, capsys, monkeypatch
):
    """Leaving sync (Settings ▸ Sync ▸ Leave sync) only stops the exchanging: the journal
    keeps noting its changes, so setting up again with the folder sends what came meanwhile."""
    from colearn_desktop.core.sync.setup import leave

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    for data, name in ((laptop, "Laptop"), (desktop, "Desktop")):
        assert (
            run(capsys, "--data-dir", data, "sync", "--setup", shared, "--device-name", name)[0]
            == 0
        )
        assert run(capsys, "--data-dir", data, "sync")[0] == 0
    leave(laptop)
    code, _out, err = run(capsys, "--data-dir", laptop, "sync")
    assert code != 0
    assert "Sync is not set up on this computer" in err

    journal = open_journal(DataPaths(laptop).journal)
    ana = journal.contacts.create(ContactInput(name="Ana García"))
    journal.conversations.log(
        ConversationInput(contact_ids=(ana,), happened_at=datetime(2026, 12, 3, 9), notes="Tea")
    )
    journal.close()
    code, _out, err = run(
        capsys, "--data-dir", laptop, "sync", "--setup", shared, "--device-name", "Laptop"
    )
    assert (code, err) == (0, "")
    assert run(capsys, "--data-dir", laptop, "sync")[0] == 0
    assert run(capsys, "--data-dir", desktop, "sync")[0] == 0

    assert _names(desktop) == ["Ana García"]
    assert _conversations(desktop) == ["Tea"]
    code, out, _err = run(capsys, "--data-dir", desktop, "sync", "--status")
    assert out.count("Laptop") == 1  # the same computer, not a second one


@pytest.mark.slow  # many commands in a row, each opening a journal
@pytest.mark.parametrize("undone_on", ["laptop", "desktop"])
def test_two_computers_merging_the_same_two_people_the_other_way_round_keep_one(
    tmp_path, capsys, monkeypatch, undone_on
):
    """`colearn merge` on each computer before either synced: Ana into Ana G. on the laptop,
    Ana G. into Ana on the desktop.  After `colearn sync` on both (twice), both computers
    hold one of them, the same one (the smaller id), with both conversations, and `colearn
    check` is ok.  ``undone_on``: the computer whose merge removed that one and is undone;
    on the laptop the two were made before sync was set up, so only their removal was in its
    sync records (before: the laptop could not write the kept one back, one run in three)."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    journal = open_journal(DataPaths(laptop).journal)
    uids = []
    for name, notes in (("Ana García", "Rates"), ("Ana Garcia", "Portfolio")):
        contact = journal.contacts.create(ContactInput(name=name))
        journal.conversations.log(
            ConversationInput(
                contact_ids=(contact,), happened_at=datetime(2026, 12, 1), notes=notes
            )
        )
        with journal.db.read_raw() as connection:
            (uid,) = connection.execute(
                "SELECT uid FROM contact WHERE id = ?", (contact,)
            ).fetchone()
        uids.append(uid)
    journal.close()
    for data, name in ((laptop, "Laptop"), (desktop, "Desktop")):
        assert (
            run(capsys, "--data-dir", data, "sync", "--setup", shared, "--device-name", name)[0]
            == 0
        )
    for data in (laptop, desktop):
        assert run(capsys, "--data-dir", data, "sync")[0] == 0

    smaller, larger = sorted(uids)
    into_larger, into_smaller = (larger, smaller), (smaller, larger)
    on_laptop, on_desktop = (
        (into_larger, into_smaller) if undone_on == "laptop" else (into_smaller, into_larger)
    )
    assert run(capsys, "--data-dir", laptop, "merge", *on_laptop)[0] == 0
    assert run(capsys, "--data-dir", desktop, "merge", *on_desktop)[0] == 0
    for _ in range(2):
        for data in (laptop, desktop):
            code, _out, err = run(capsys, "--data-dir", data, "sync")
            assert (code, err) == (0, "")

    kept = min(uids)
    for data in (laptop, desktop):
        assert _column(data, "SELECT uid FROM contact") == [kept], data.name
        talks = _column(
            data,
            "SELECT cv.notes FROM conversation cv JOIN conversation_contact cc "
            "ON cc.conversation_id = cv.id ORDER BY cv.notes",
        )
        assert talks == ["Portfolio", "Rates"], data.name
        assert run(capsys, "--data-dir", data, "check")[0] == 0
    assert _names(laptop) == _names(desktop)
