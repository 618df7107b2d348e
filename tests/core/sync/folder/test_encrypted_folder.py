"""A sync folder with a passphrase: nothing in it is readable without the passphrase, a wrong
passphrase is a sentence, and devices set up with the right one exchange as usual."""

from __future__ import annotations

import json

import pytest

from colearn_desktop.core.sync.folder import crypto
from colearn_desktop.core.sync.folder.files import FolderProblemError, check_place
from colearn_desktop.core.sync.folder.store import SyncFolder
from tests.core.sync.fakes import Device


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch):
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)  # the real cost is the same code, slower


def test_an_encrypted_folder_holds_no_readable_text_and_still_exchanges(tmp_path):
    root = tmp_path / "Sync"
    first = SyncFolder.setup(root, "correct horse battery staple")
    second = SyncFolder.setup(root, "correct horse battery staple")
    laptop, desktop = Device(first, "Laptop"), Device(second, "Desktop")
    laptop.side.write("contact", "c1", name="Ana Lopez", note="Owes me a favour")
    laptop.sync()
    assert desktop.sync().received == {"laptop": 1}
    assert desktop.side.values() == laptop.side.values()
    described = json.loads((root / "colearn-sync" / "folder.json").read_text())
    assert described["encryption"]["kdf"] == "scrypt"
    for path in (root / "colearn-sync").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (b"Ana", b"favour", b"Laptop", b"correct horse"):
                assert secret not in data, path
    assert (
        (root / "colearn-sync" / "laptop" / "000000000001.batch")
        .read_bytes()
        .startswith(crypto.MAGIC)
    )


def test_a_wrong_or_missing_passphrase_is_a_sentence(tmp_path):
    root = tmp_path / "Sync"
    SyncFolder.setup(root, "right")
    with pytest.raises(FolderProblemError, match="That passphrase does not open the sync folder"):
        SyncFolder.setup(root, "wrong")
    with pytest.raises(FolderProblemError, match="is encrypted; nothing was set up"):
        SyncFolder.setup(root, None)
    with pytest.raises(FolderProblemError, match="passphrase this computer does not have"):
        SyncFolder.open(root, None)


def test_a_plain_folder_is_not_mixed_with_encrypted_files(tmp_path):
    root = tmp_path / "Sync"
    SyncFolder.setup(root, None)
    with pytest.raises(FolderProblemError, match="already used without encryption"):
        SyncFolder.setup(root, "secret")


def test_a_key_kept_for_an_older_folder_no_longer_opens_it(tmp_path):
    root = tmp_path / "Sync"
    old_key = SyncFolder.setup(root, "secret").key
    (root / "colearn-sync" / "folder.json").unlink()
    SyncFolder.setup(root, "secret")  # set up anew: a new salt, so a new key
    assert old_key is not None
    with pytest.raises(FolderProblemError, match="passphrase was changed"):
        SyncFolder.open(root, old_key)


def test_a_file_moved_to_another_name_does_not_open(tmp_path):
    root = tmp_path / "Sync"
    folder = SyncFolder.setup(root, "secret")
    laptop, desktop = Device(folder, "Laptop"), Device(folder, "Desktop")
    for name in ("Ana", "Bo"):
        laptop.side.write("contact", name, name=name)
        laptop.sync()
    own = root / "colearn-sync" / "laptop"
    (own / "000000000001.batch").write_bytes((own / "000000000002.batch").read_bytes())
    [problem] = desktop.sync().problems
    assert "000000000001.batch cannot be opened: it is damaged or sealed with another" in problem
    assert desktop.side.values() == {}


def test_the_sync_folder_never_holds_or_sits_inside_the_data_folder(tmp_path):
    data = tmp_path / "home" / "CoLearn"
    with pytest.raises(FolderProblemError, match="is inside CoLearn's data folder"):
        check_place(data / "sync", data)
    with pytest.raises(FolderProblemError, match="holds CoLearn's data folder"):
        check_place(tmp_path, data)
    check_place(tmp_path / "Sync", data)  # beside it is fine


def test_a_device_does_not_start_a_second_folder_before_the_first_one_arrived(tmp_path):
    root = tmp_path / "Sync"
    (root / "colearn-sync" / "laptop").mkdir(parents=True)  # its batches came, folder.json not
    with pytest.raises(FolderProblemError, match="has not arrived yet; nothing was set up"):
        SyncFolder.setup(root, "secret")
    assert not (root / "colearn-sync" / "folder.json").exists()


def test_a_folder_set_up_again_without_encryption_gets_nothing_unencrypted(tmp_path):
    root = tmp_path / "Sync"
    key = SyncFolder.setup(root, "secret").key
    (root / "colearn-sync" / "folder.json").unlink()
    SyncFolder.setup(root, None)  # someone started the folder anew, without a passphrase
    with pytest.raises(FolderProblemError, match="is no longer encrypted"):
        SyncFolder.open(root, key)
