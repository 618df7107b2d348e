"""``colearn sync``: set up a folder, exchange between two data folders, show the status; every
failure is one sentence on stderr and a non-zero exit.

``journal_side_for`` (core/sync/setup.py, which the command and the window share) is
replaced here by one in-memory journal side per data folder.
"""

from __future__ import annotations

import json
import platform
import stat

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.core.sync import setup as sync_setup
from colearn_desktop.core.sync.folder import crypto
from colearn_desktop.paths import DataPaths
from tests.cli.test_import_export import run
from tests.core.sync.fakes import FakeJournalSide


@pytest.fixture
def sides(monkeypatch, tmp_path):
    """One journal side per data folder, lasting across commands like a journal does."""
    by_journal: dict[str, FakeJournalSide] = {}

    def journal_side_for(journal):
        return by_journal.setdefault(str(journal.path), FakeJournalSide(journal.path.parent.name))

    monkeypatch.setattr(sync_setup, "journal_side_for", journal_side_for)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    return lambda data: by_journal.setdefault(
        str(DataPaths(data).journal), FakeJournalSide(data.name)
    )


def data_folder(tmp_path, name):
    data = tmp_path / name
    open_journal(DataPaths(data).journal).close()
    return data


@pytest.mark.slow  # many commands in a row, each opening a journal
def test_two_computers_set_up_one_folder_and_exchange(tmp_path, capsys, sides):
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = data_folder(tmp_path, "laptop"), tmp_path / "desktop"  # joins: no journal
    code, out, err = run(
        capsys, "--data-dir", laptop, "sync", "--setup", shared, "--device-name", "Laptop"
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"Sync is set up: this computer (Laptop) exchanges through {shared}")
    assert "(not encrypted)" in out
    run(capsys, "--data-dir", desktop, "sync", "--setup", shared, "--device-name", "Desktop")
    sides(laptop).write("contact", "c1", name="Ana")
    code, out, err = run(capsys, "--data-dir", laptop, "sync")
    assert (code, out, err) == (
        0,
        "Sent 1 change(s) in 1 batch.\nNothing new from the other devices.\n",
        "",
    )
    code, out, err = run(capsys, "--data-dir", desktop, "sync")
    assert (code, out, err) == (0, "Nothing new to send.\nReceived 1 change(s) from Laptop.\n", "")
    assert sides(desktop).values() == sides(laptop).values()
    # the settings live on this computer, owner-only, never in the data folder or the journal
    settings = LocalSettings(desktop)
    assert settings.sync["folder"] == str(shared)
    assert stat.S_IMODE(settings.path.stat().st_mode) == 0o600
    assert not settings.path.is_relative_to(desktop)
    code, out, _ = run(capsys, "--data-dir", desktop, "sync", "--status")
    assert out.splitlines() == [
        f"Sync folder: {shared / 'colearn-sync'} (not encrypted)",
        "This computer: Desktop",
        "  Desktop (this computer): last seen "
        + out.split("last seen ")[1].split(",")[0]
        + ", 0 batch(es) written",
        "  Laptop: last seen " + out.split("last seen ")[2].split(",")[0] + ", 1 batch(es) written",
    ]
    code, out, _ = run(capsys, "--data-dir", desktop, "sync", "--status", "--json")
    status = json.loads(out)
    assert (status["encrypted"], status["device_name"]) == (False, "Desktop")
    assert [(d["name"], d["this"], d["newest"]) for d in status["devices"]] == [
        ("Desktop", True, 0),
        ("Laptop", False, 1),
    ]


@pytest.mark.slow  # many commands in a row, each opening a journal
def test_an_encrypted_folder_needs_the_same_passphrase(tmp_path, capsys, sides):
    shared = tmp_path / "Sync"
    shared.mkdir()
    right, wrong = tmp_path / "right.txt", tmp_path / "wrong.txt"
    right.write_text("correct horse\n")
    wrong.write_text("incorrect horse\n")
    laptop, desktop = data_folder(tmp_path, "laptop"), data_folder(tmp_path, "desktop")
    code, out, _ = run(
        capsys, "--data-dir", laptop, "sync", "--setup", shared, "--passphrase-file", right
    )
    assert code == 0
    assert "(encrypted with your passphrase)" in out
    code, out, err = run(
        capsys, "--data-dir", desktop, "sync", "--setup", shared, "--passphrase-file", wrong
    )
    assert (code, out) == (1, "")
    assert err == (
        f"colearn: That passphrase does not open the sync folder {shared}; nothing "
        "was set up. Use the passphrase you chose on the first computer.\n"
    )
    code, out, err = run(capsys, "--data-dir", desktop, "sync")
    assert (code, out) == (1, "")
    assert err.startswith("colearn: Sync is not set up on this computer; nothing was exchanged.")
    run(capsys, "--data-dir", desktop, "sync", "--setup", shared, "--passphrase-file", right)
    sides(laptop).write("contact", "c1", name="Ana")
    run(capsys, "--data-dir", laptop, "sync")
    code, out, _ = run(capsys, "--data-dir", desktop, "sync")
    assert f"Received 1 change(s) from {platform.node()}." in out  # the default device name
    assert b"correct horse" not in LocalSettings(desktop).path.read_bytes()


def test_a_folder_in_the_data_folder_or_missing_is_refused_in_one_line(tmp_path, capsys, sides):
    data = data_folder(tmp_path, "d")
    (data / "Sync").mkdir()
    code, out, err = run(capsys, "--data-dir", data, "sync", "--setup", data / "Sync")
    assert (code, out, err.count("\n")) == (1, "", 1)
    assert "is inside CoLearn's data folder" in err
    code, _, err = run(capsys, "--data-dir", data, "sync", "--setup", tmp_path / "nowhere")
    assert code == 1
    assert err == (
        f"colearn: The folder {tmp_path / 'nowhere'} does not exist; nothing was set "
        "up. Create it (or let your sync tool create it) and set sync up again.\n"
    )
    code, _, err = run(capsys, "--data-dir", data, "sync", "--device-name", "X")
    assert (code, err.count("\n")) == (2, 1)
    # the journal was moved into the sync folder after it was set up
    LocalSettings(data).set_sync({"folder": str(data / "Sync"), "instance": "i"})
    code, out, err = run(capsys, "--data-dir", data, "sync")
    assert (code, out, err.count("\n")) == (1, "", 1)
    assert "is inside CoLearn's data folder" in err


def test_a_problem_during_the_exchange_is_on_stderr_with_exit_1(tmp_path, capsys, sides):
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = data_folder(tmp_path, "laptop"), data_folder(tmp_path, "desktop")
    for data in (laptop, desktop):
        run(capsys, "--data-dir", data, "sync", "--setup", shared, "--device-name", data.name)
    sides(laptop).write("contact", "c1", name="Ana")
    run(capsys, "--data-dir", laptop, "sync")
    batch = shared / "colearn-sync" / "laptop" / "000000000001.batch"
    batch.write_bytes(batch.read_bytes()[:20])
    code, out, err = run(capsys, "--data-dir", desktop, "sync")
    assert code == 1
    assert out == "Nothing new to send.\nNothing new from the other devices.\n"
    assert err.startswith(f"colearn: {batch} is cut short or damaged")
    assert err.count("\n") == 1


def test_on_a_terminal_an_exchange_says_how_far_it_reads_on_one_line(tmp_path):
    import io

    from colearn_desktop.commands.sync import ProgressLine
    from colearn_desktop.core.sync.folder.store import SyncFolder

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    folder = SyncFolder.setup(tmp_path / "Sync", None)
    folder.write_device_info("laptop", {"name": "Laptop"})
    stream = Terminal()
    line = ProgressLine(stream, folder)
    assert line.on_terminal
    line.show("laptop", 1, 1)  # one file to read: nothing to follow
    line.show("laptop", 1, 3)
    line.show("laptop", 3, 3)
    line.end()
    assert stream.getvalue() == (
        "\rReceiving the changes of Laptop: 1 of 3 read."
        "\rReceiving the changes of Laptop: 3 of 3 read.\n"
    )
    assert not ProgressLine(io.StringIO(), folder).on_terminal  # a script reads no progress
