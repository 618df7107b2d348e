"""The window's sync keeper: a batch file the sync tool brings starts an exchange (the folder
watcher, debounced), the status bar says when it last synced and what came in, and closing the
window exchanges once, so this session's last change reaches the other computer."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from colearn_desktop.core.records import ContactInput
from colearn_desktop.core.sync import setup as sync_setup
from colearn_desktop.ui.shell.main_window import MainWindow
from colearn_desktop.ui.shell.sync_keeper import SyncKeeper
from tests.ui.sync_computers import PASSPHRASE, OtherComputer, names_in, shared_folder


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    other = OtherComputer(tmp_path / "laptop", shared_folder(tmp_path, monkeypatch))
    other.add("Bea Laptop")
    other.exchange()
    yield other
    other.close()


def test_a_batch_arriving_in_the_folder_starts_an_exchange(journal, laptop, qtbot):
    sync_setup.set_up(journal.path.parent, laptop.shared, "Desktop", PASSPHRASE)
    laptop.add("Abe Laptop")
    laptop.exchange()  # a batch after the laptop's snapshot
    keeper = SyncKeeper(journal, start_ms=0, debounce_ms=50)
    said: list[str] = []
    keeper.status.connect(said.append)
    with qtbot.waitSignal(keeper.exchanged, timeout=20_000):
        pass  # the exchange at start
    assert names_in(journal) == ["Abe Laptop", "Bea Laptop"]
    # joining: the laptop's snapshot (one part), then its batch, each said as it is read
    assert said[:2] == ["Syncing: 1 of 2 received", "Syncing: 2 of 2 received"]

    laptop.add("Carl Later")
    with qtbot.waitSignal(keeper.exchanged, timeout=20_000):
        laptop.exchange()  # the sync tool brings the laptop's new batch: nobody asks
    assert names_in(journal) == ["Abe Laptop", "Bea Laptop", "Carl Later"]
    assert keeper.status_text() == "Synced just now · 1 change from Laptop"
    keeper.on_close()


def test_the_status_bar_says_when_it_synced_and_closing_exchanges_once(
    journal, laptop, drafts, ui_settings, qtbot, monkeypatch
):
    sync_setup.set_up(journal.path.parent, laptop.shared, "Desktop", PASSPHRASE)
    window = MainWindow(journal, drafts, ui_settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync_keeper.exchanged, timeout=20_000):
        window.sync_keeper.exchange_now()
    shown = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert [text for text in shown if text.startswith("Synced just now · ")] == [
        "Synced just now · 2 changes from Laptop"  # the laptop's contact, from its snapshot
    ]

    exchanges: list[object] = []
    real = sync_setup.exchange_now
    monkeypatch.setattr(
        sync_setup,
        "exchange_now",
        lambda opened, progress=None: exchanges.append(opened) or real(opened, progress),
    )
    journal.contacts.create(ContactInput(name="Dana Desktop"))
    window.close()
    assert exchanges == [journal]
    laptop.exchange()
    assert laptop.names() == ["Bea Laptop", "Dana Desktop"]
