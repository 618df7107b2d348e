"""Where an export may be written, and writing it there without harm.

An export is written to a name the user types (``-o``) or picks in a file dialog, and one slip
used to be enough to lose everything: ``-o journal.sqlite3`` replaced the live journal with a
CSV, a name in ``backups/`` destroyed a backup, a FIFO or a device became a plain file.  So
every export, from the command line or the app, passes the chosen name through
:func:`check_export_target` (the one place the rule lives) before anything is written:

- it refuses the journal itself, its SQLite side files (``-wal``, ``-shm``, ``-journal``) and
  CoLearn's own settings file; anything inside the folders CoLearn keeps beside the journal
  (``backups/``, ``drafts/``, ``logs/``, ``demo/``), the backups folder and the backup mirror;
  any existing SQLite database (another journal, a backup copied elsewhere, a journal moved
  aside as damaged); an existing path that is not a regular file (a folder, a FIFO, a device,
  a socket); an empty name and a folder that does not exist;
- symbolic links are followed first (the file the link points to is what would be written),
  and files are also compared by identity, so neither a link nor a hard link nor a
  case-insensitive file system gets around the rule;
- it says whether the file exists, so the caller asks before replacing it (the app asks; the
  command line needs ``--force``).

:func:`replacing` then writes the export beside the target and renames it into place: the
target is never opened (a FIFO cannot block the export), a failed or cancelled export leaves the
old file as it was, and the new file is owner-only (0600, whatever the umask) because it holds
the whole journal or other people's personal data.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.storage.backups.verified_copy import SQLITE_SIDE_SUFFIXES
from colearn_desktop.core.storage.local_settings import (
    LEGACY_FILE_NAME,
    LocalSettings,
    settings_file,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
# Folders CoLearn keeps beside the journal (see paths.DataPaths), and what each holds.
APP_FOLDERS = {
    "backups": "backups",
    "drafts": "drafts of unsaved notes",
    "logs": "logs",
    "demo": "demo journal",
}
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}
_KEPT = "Nothing was written"


class ExportTargetError(JournalError):
    """The chosen file must not receive an export; nothing was written or opened."""


@dataclass(frozen=True)
class ExportTarget:
    path: Path  # symbolic links resolved: the file that will be written
    exists: bool  # an existing regular file, replaced only when the user says so


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _same(path: Path, other: Path) -> bool:
    if path == other:
        return True
    mine = _identity(path)
    return mine is not None and mine == _identity(other)


def _inside(path: Path, folder: Path) -> bool:
    if path.is_relative_to(folder):
        return True
    folder_id = _identity(folder)
    return folder_id is not None and any(_identity(p) == folder_id for p in path.parents)


def _is_sqlite(path: Path) -> bool:
    # Non-blocking, and only read once it is known to be a regular file: were it swapped for a
    # FIFO since it was checked, opening it must not wait for a writer.
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as handle:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        return regular and handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _protected_files(journal: Path) -> list[tuple[Path, str]]:
    files = [(journal, "your journal itself")]
    files += [
        (Path(f"{journal}{s}"), f"your journal's SQLite {s} file") for s in SQLITE_SIDE_SUFFIXES
    ]
    files.append((journal.parent / LEGACY_FILE_NAME, "CoLearn's settings file"))
    files.append((settings_file(journal.parent), "CoLearn's settings file for this computer"))
    return files


def _protected_folders(journal: Path, backups_dir: Path | None) -> list[tuple[Path, str]]:
    data = journal.parent
    folders = [(data / name, what) for name, what in APP_FOLDERS.items()]
    if backups_dir is not None:
        folders.append((backups_dir.resolve(), "backups"))
    mirror = LocalSettings(data).mirror_dir
    if mirror is not None:
        folders.append((mirror.resolve(), "backup copies (the mirror folder)"))
    return folders


def check_export_target(
    chosen: str | os.PathLike[str], journal_path: Path, backups_dir: Path | None = None
) -> ExportTarget:
    """The file an export to ``chosen`` would write, or :class:`ExportTargetError` saying why
    it must not.  ``journal_path`` is the open journal's file; ``backups_dir`` its backups
    folder when it is not the usual ``backups/`` beside it."""
    if not str(chosen).strip():
        raise ExportTargetError(
            f"No file name was given for the export. {_KEPT}; name the file to write, "
            "for example contacts.csv."
        )
    path = Path(chosen).expanduser().resolve()
    journal = Path(journal_path).resolve()
    for protected, what in _protected_files(journal):
        if _same(path, protected):
            raise ExportTargetError(
                f"{path} is {what}; an export never replaces it. {_KEPT} and the journal is "
                "unchanged; choose another file name for the export."
            )
    for folder, what in _protected_folders(journal, backups_dir):
        if _inside(path, folder):
            raise ExportTargetError(
                f"{path} is inside {folder}, the folder CoLearn keeps for its {what}; exports "
                f"are never written there. {_KEPT}; choose a file outside that folder."
            )
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise ExportTargetError(
                f"The folder {path.parent} does not exist. {_KEPT}; create it first or choose "
                "another folder."
            ) from None
        return ExportTarget(path, exists=False)
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise ExportTargetError(
            f"{path} is {kind}, not a regular file; an export only writes regular files. "
            f"{_KEPT} and it was left as it is; choose a file name."
        )
    if _is_sqlite(path):
        raise ExportTargetError(
            f"{path} is an SQLite database (a journal or a backup?); an export never "
            f"replaces one. {_KEPT} and the file was left as it is; choose another file name."
        )
    return ExportTarget(path, exists=True)


@contextmanager
def replacing(target: Path, *, encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Write an export to ``target``: yield a file beside it (text with ``encoding``, bytes
    when it is None), then flush it to disk and rename it over ``target``.  The target itself
    is never opened; on any failure (or cancel) the temporary file is removed and the old
    target is left as it was.  The file is owner-only (0600) whatever the umask, also when it
    replaces an older, more open file."""
    target = Path(target)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    temporary = Path(name)
    try:
        out: IO[Any] = (
            os.fdopen(descriptor, "w", encoding=encoding, newline="")
            if encoding
            else os.fdopen(descriptor, "wb")
        )
        with out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
