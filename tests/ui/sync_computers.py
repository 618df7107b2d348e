"""The other computer of the sync tests: a second data folder with its own journal, set up on
the same sync folder through the same core steps the window uses (core/sync/setup.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ContactInput
from colearn_desktop.core.sync.folder import crypto
from colearn_desktop.core.sync.setup import exchange_now, set_up
from colearn_desktop.paths import DataPaths

PASSPHRASE = "correct horse battery"


class OtherComputer:
    def __init__(self, data: Path, shared: Path, name: str = "Laptop"):
        self.journal: Journal = open_journal(DataPaths(data).journal)
        self.shared = shared
        set_up(data, shared, name, PASSPHRASE)

    def add(self, name: str) -> int:
        return self.journal.contacts.create(ContactInput(name=name))

    def exchange(self) -> None:
        report = exchange_now(self.journal)
        assert report.problems == []

    def names(self) -> list[str]:
        return names_in(self.journal)

    def close(self) -> None:
        self.journal.close()


def shared_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the sync tool would carry; the key's cost is not what these tests test."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


def join(journal: Journal, other: OtherComputer, name: str = "Desktop") -> None:
    """The other computer sends what it holds; ``journal``'s computer sets up and reads it."""
    other.exchange()
    set_up(journal.path.parent, other.shared, name, PASSPHRASE)
    assert exchange_now(journal).problems == []


def names_in(journal: Journal) -> list[str]:
    with journal.db.read_raw() as connection:
        return [row[0] for row in connection.execute("SELECT name FROM contact ORDER BY name")]
