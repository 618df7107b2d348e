"""Settings ▸ Sync: set up through the page with two data folders, Sync now brings what the
other computer logged, the other computers are listed with when they were last seen, the
passphrase never reaches the folder, and a problem is one sentence."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.settings.sync_page import SyncPage
from colearn_desktop.ui.shell.sync_keeper import SyncKeeper
from tests.ui.sync_computers import PASSPHRASE, OtherComputer, names_in, shared_folder

SHOTS = Path(os.environ.get("COLEARN_SHOTS") or tempfile.mkdtemp(prefix="colearn-shots-"))


@pytest.fixture
def shared(tmp_path, monkeypatch) -> Path:
    return shared_folder(tmp_path, monkeypatch)


@pytest.fixture
def laptop(tmp_path, shared):
    other = OtherComputer(tmp_path / "laptop", shared)
    other.add("Bea Laptop")
    other.exchange()
    yield other
    other.close()


@pytest.fixture
def keeper(journal, qtbot):
    made = SyncKeeper(journal, debounce_ms=50)
    yield made
    made.on_close()


@pytest.fixture
def page(keeper, qtbot, shared):
    widget = SyncPage(keeper, choose_folder=lambda _parent: str(shared))
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    return widget


def set_up_desktop(page, keeper, qtbot, passphrase: str = PASSPHRASE) -> None:
    page.choose_button.click()
    page.device_name.setText("Desktop")
    page.passphrase.setText(passphrase)
    with qtbot.waitSignal(keeper.exchanged, timeout=20_000):
        page.setup_button.click()


def test_set_up_on_the_page_then_sync_now_brings_what_the_other_computer_logged(
    page, keeper, laptop, journal, shared, qtbot
):
    set_up_desktop(page, keeper, qtbot)
    assert names_in(journal) == ["Bea Laptop"]  # what the laptop held, at the first exchange
    assert page.passphrase.echoMode() == page.passphrase.EchoMode.Password
    assert page.passphrase.text() == ""
    assert page.devices.text().startswith("Laptop: last seen ")
    assert page.status.text().startswith("Synced just now · ")
    assert page.status.text().endswith(" from Laptop")
    assert page.setup_button.text() == "Sa&ve changes"

    laptop.add("Carl Later")
    laptop.exchange()
    with qtbot.waitSignal(keeper.exchanged, timeout=20_000):
        page.sync_button.click()
    assert names_in(journal) == ["Bea Laptop", "Carl Later"]
    assert laptop.names() == ["Bea Laptop", "Carl Later"]
    page.grab().save(str(SHOTS / "settings-sync.png"))

    # The passphrase is in neither the folder nor this computer's settings.
    for path in shared.rglob("*"):
        if path.is_file():
            assert PASSPHRASE.encode() not in path.read_bytes(), path
    assert PASSPHRASE not in LocalSettings(journal.path.parent).path.read_text("utf-8")


def test_a_new_name_keeps_the_passphrase_asked_once(page, keeper, laptop, journal, qtbot):
    set_up_desktop(page, keeper, qtbot)
    page.device_name.setText("Studio desktop")
    with qtbot.waitSignal(keeper.exchanged, timeout=20_000):
        page.setup_button.click()  # no passphrase typed this time
    assert page.error.text() == ""
    assert LocalSettings(journal.path.parent).sync["device_name"] == "Studio desktop"


def test_a_wrong_passphrase_is_one_sentence_and_nothing_is_set_up(
    page, keeper, laptop, journal, shared
):
    page.choose_button.click()
    page.passphrase.setText("not it")
    page.setup_button.click()
    assert page.error.text() == (
        f"That passphrase does not open the sync folder {shared}; nothing was set up. "
        "Use the passphrase you chose on the first computer."
    )
    assert LocalSettings(journal.path.parent).sync == {}
    assert not page.sync_button.isEnabled()


def test_a_missing_folder_at_sync_now_is_a_sentence_on_the_page_and_in_the_status(
    page, keeper, laptop, journal, shared, qtbot
):
    set_up_desktop(page, keeper, qtbot)
    shared.rename(shared.with_name("Sync (unplugged)"))
    with qtbot.waitSignal(keeper.failed, timeout=20_000) as failed:
        page.sync_button.click()
    sentence = (
        f"The sync folder {shared} is missing or has no colearn-sync/folder.json; nothing "
        "was exchanged. If it is on a drive that is not connected, connect it; otherwise set "
        "sync up again (Settings ▸ Sync, or colearn sync --setup FOLDER)."
    )
    assert failed.args == [sentence]
    assert page.error.text() == sentence
    assert keeper.status_text() == "Not synced: " + sentence


def test_leaving_sync_forgets_the_setup_and_stops_exchanging(page, keeper, laptop, journal, qtbot):
    set_up_desktop(page, keeper, qtbot)
    page.leave_button.click()
    # forgotten but this installation's token, so that setting up again is the same computer
    assert set(LocalSettings(journal.path.parent).sync) == {"instance"}
    assert page.status.text().startswith("This computer no longer syncs.")
    assert not page.sync_button.isEnabled()
    assert keeper.status_text() == ""


def test_the_sync_tab_of_settings_has_unambiguous_mnemonics(journal, keeper, qtbot):
    from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
    from tests.ui.test_mnemonics import mnemonics

    dialog = SettingsDialog(journal, None, [("Sy&nc", SyncPage(keeper))])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    keys = mnemonics(dialog)
    assert {"f", "m", "p", "c", "t", "o", "e", "n"} <= set(keys)  # the page and its title
    assert {key: n for key, n in keys.items() if n > 1} == {}
    dialog.grab().save(str(SHOTS / "settings-sync-tab.png"))
