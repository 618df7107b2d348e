"""Writing a file into the sync folder so that a sync tool never carries half of it, and
refusing a sync folder that would put the live journal in it.

A sync tool may pick a file up at any moment: written in place, a half-written batch could
reach the other computer.  So each file is written to a temporary name in the same folder
(which no reader ever looks at: readers only take exact CoLearn names, so this also ignores
Syncthing's ``.syncthing.*.tmp``, ``*.sync-conflict-*``, Dropbox's "conflicted copy",
Nextcloud's ``.~lock`` and OneDrive's ``-<machine>`` copies, see
:mod:`colearn_desktop.core.storage.files.sync_conflicts`), flushed to disk, made 0600 and
renamed over the real name in one step.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from colearn_desktop.core.storage.files.folders import make_private_dirs


class FolderProblemError(ValueError):
    """The sync folder cannot be used; the message is a full sentence saying what to do."""


def write_private(path: Path, data: bytes | Iterable[bytes]) -> int:
    """Put ``data`` at ``path`` whole or not at all, readable by its owner only; ``data`` may
    come in pieces (a snapshot is never in memory whole).  Returns the bytes written."""
    make_private_dirs(path.parent)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.colearn-tmp")
    written = 0
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            for piece in [data] if isinstance(data, bytes) else data:
                written += stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        if os.name == "posix":
            os.chmod(temporary, 0o600)  # the umask cannot widen it, but a shared ACL might
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return written


def check_place(folder: Path, data_folder: Path) -> None:
    """Refuse a sync folder that holds the data folder or lies inside it: the live journal
    (an SQLite file and its ``-wal``) must never be carried by a sync tool (issue #18)."""
    folder, data_folder = folder.expanduser().resolve(), data_folder.expanduser().resolve()
    if folder == data_folder or data_folder in folder.parents:
        raise FolderProblemError(
            f"The sync folder {folder} is inside CoLearn's data folder {data_folder}, where "
            "the live journal is kept; nothing was set up. Choose a folder outside it, for "
            "example one that Syncthing, Nextcloud or Dropbox shares."
        )
    if folder in data_folder.parents:
        raise FolderProblemError(
            f"The sync folder {folder} holds CoLearn's data folder {data_folder}: the sync "
            "tool would copy the live journal while CoLearn writes it, which can damage it on "
            "the other computer; nothing was set up. Choose a folder that does not contain "
            "the data folder, or move the journal first (Settings, General, Move my journal)."
        )
