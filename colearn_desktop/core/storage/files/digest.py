"""SHA-256 of a few bytes (a folder's name), for names made at every start.

``hashlib`` loads OpenSSL first (~2.5 ms of every start, issue 14); CPython has its own
SHA-256 module, which its ``random`` module uses the same way for SHA-512.  The digest is the
same either way."""

from __future__ import annotations

import importlib


def sha256_hex(data: bytes) -> str:
    for name in ("_sha256", "_sha2"):  # (CPython 3.11; 3.12 and later)
        try:
            own = importlib.import_module(name)
        except ImportError:
            continue
        return str(own.sha256(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()
