"""Optional encryption of a sync folder with a passphrase.

The folder usually ends up in somebody's cloud, so with a passphrase every file CoLearn writes
there is sealed with AES-256-GCM (a random 96-bit nonce per file; the file's own name is the
associated data, so a file renamed into another place does not decrypt; a snapshot is sealed
a part at a time, each part's place in it bound the same way, ``folder/snapshot_file.py``).
The key comes from the passphrase through scrypt; the salt and a *key check* (a known text
sealed with the key) live in ``colearn-sync/folder.json`` so a wrong passphrase is told apart
from a damaged file.  The passphrase itself is never written anywhere; the derived key is kept
in this computer's local settings (owner-only, outside both the data folder and the sync
folder), so it is asked once per device, as issue #18 asks.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CLSYNC1\n"  # starts every sealed file; a plain file starts with "{"
_CHECK_TEXT = b"CoLearn sync folder key check"
_NONCE_BYTES = 12
SCRYPT_N = 2**15  # ~32 MB and ~0.1 s per derivation: cheap once per device, costly to guess


class WrongPassphraseError(ValueError):
    """The passphrase does not open this folder."""


class SealedFileError(ValueError):
    """A file cannot be opened with the key (damaged, or sealed with another key)."""


@dataclass(frozen=True)
class FolderKey:
    """A 256-bit key; ``check`` ties it to one ``folder.json`` (a new salt means a new key)."""

    key: bytes
    check: str

    def seal(self, data: bytes, name: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return MAGIC + nonce + AESGCM(self.key).encrypt(nonce, data, name.encode("utf-8"))

    def open(self, data: bytes, name: str) -> bytes:
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _NONCE_BYTES + 16:
            raise SealedFileError("it is not an encrypted CoLearn file or is cut short")
        body = data[len(MAGIC) :]
        try:
            return AESGCM(self.key).decrypt(body[:_NONCE_BYTES], body[_NONCE_BYTES:], name.encode())
        except InvalidTag:
            raise SealedFileError("it is damaged or sealed with another passphrase") from None

    def seal_record(self, data: bytes, place: str) -> bytes:
        """One record of a file written in parts (a snapshot): sealed on its own, ``place``
        (the file, the record's number ...) bound to it as associated data."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + AESGCM(self.key).encrypt(nonce, data, place.encode("utf-8"))

    def open_record(self, data: bytes, place: str) -> bytes:
        if len(data) < _NONCE_BYTES + 16:
            raise SealedFileError("a part of it is cut short")
        try:
            nonce, body = data[:_NONCE_BYTES], data[_NONCE_BYTES:]
            return AESGCM(self.key).decrypt(nonce, body, place.encode("utf-8"))
        except InvalidTag:
            raise SealedFileError(
                "a part of it is damaged, out of place or sealed with another passphrase"
            ) from None

    def to_text(self) -> str:
        return base64.b64encode(self.key).decode("ascii")

    @classmethod
    def from_text(cls, text: str, check: str) -> FolderKey:
        return cls(base64.b64decode(text.encode("ascii"), validate=True), check)


def new_encryption(passphrase: str) -> tuple[dict[str, Any], FolderKey]:
    """The ``encryption`` entry of a new folder.json, and its key."""
    salt = os.urandom(16)
    key = _derive(passphrase, salt, SCRYPT_N)
    check = base64.b64encode(_seal_check(key)).decode("ascii")
    entry = {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(salt).decode("ascii"),
        "check": check,
    }
    return entry, FolderKey(key, check)


def unlock(entry: dict[str, Any], passphrase: str) -> FolderKey:
    """The key of a folder from its ``encryption`` entry; :class:`WrongPassphraseError` if the
    passphrase does not fit the key check."""
    try:
        salt = base64.b64decode(str(entry["salt"]), validate=True)
        check = str(entry["check"])
        n = int(entry.get("n", SCRYPT_N))
    except (KeyError, TypeError, ValueError):
        raise ValueError("its folder.json has no readable salt or key check") from None
    key = FolderKey(_derive(passphrase, salt, n), check)
    if not key_fits(key, entry):
        raise WrongPassphraseError("the passphrase does not open this sync folder")
    return key


def key_fits(key: FolderKey, entry: dict[str, Any]) -> bool:
    """Whether ``key`` (kept on this computer) still opens the folder described by ``entry``."""
    try:
        sealed = base64.b64decode(str(entry.get("check", "")), validate=True)
        return key.open(sealed, "folder.json") == _CHECK_TEXT
    except (ValueError, SealedFileError):
        return False


def _seal_check(key: bytes) -> bytes:
    return FolderKey(key, "").seal(_CHECK_TEXT, "folder.json")


def _derive(passphrase: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))
