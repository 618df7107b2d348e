"""Noticing a journal kept in a synced folder, and the conflict copies sync tools leave.

CoLearn does not sync (yet).  A journal in a folder that Syncthing, Dropbox, Nextcloud,
OneDrive or iCloud synchronises is copied file by file while SQLite writes it and its ``-wal``:
another computer can receive a journal without its latest log (changes missing, or a damaged
file), and when two computers both change it, the tool keeps one version as ``journal.sqlite3``
and the other as a *conflict copy* beside it, which CoLearn never reads.  Notes written on the
other computer then seem lost.  This module finds both situations so the app and
``colearn check`` can say so; it only looks at names in folders and never changes anything.

Conflict copies are recognised by the names each tool gives them (only names of our journal):

- Syncthing: ``journal.sync-conflict-20260101-120000-ABCDEF1.sqlite3``
- Dropbox: ``journal (Ana's conflicted copy 2026-01-01).sqlite3``
- Nextcloud / ownCloud: ``journal (conflicted copy 2026-01-01 120000).sqlite3``,
  older ownCloud: ``journal_conflict-20260101-120000.sqlite3``
- OneDrive: ``journal-DESKTOP-AB12CD.sqlite3`` (the other computer's name), only inside a
  OneDrive folder, since CoLearn's own ``journal-damaged-…``/``journal-moved-…`` look alike.

Google Drive's ``journal (1).sqlite3`` is left out: any copy a person makes by hand gets that
name too, so it would be a false alarm more often than not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_CONFLICT_NAMES = (
    r"\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+",  # Syncthing
    r" \([^()]*conflicted copy[^()]*\)",  # Dropbox, Nextcloud, ownCloud
    r"_conflict-\d{8}-\d{6}",  # older ownCloud
)
_ONEDRIVE_NAME = r"-(?!damaged-|moved-)[A-Za-z0-9][A-Za-z0-9-]{0,62}"
_SIDE = r"(?:-wal|-shm)?"

# A marker file or folder a sync tool keeps at the top of what it synchronises.
_MARKERS = {
    ".stfolder": "Syncthing",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".nextcloudsync.log": "Nextcloud",
    ".owncloudsync.log": "ownCloud",
}
# Folder names that only sync tools use, anywhere in the path (lower case).
_FOLDER_NAMES = {
    "dropbox": "Dropbox",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "onedrive": "OneDrive",
    "mobile documents": "iCloud",
    "icloud drive": "iCloud",
    "icloud~com~apple~clouddocs": "iCloud",
}


@dataclass(frozen=True)
class SyncFindings:
    """What was found beside the journal: the sync tool whose folder holds it (``None``:
    none known) and the conflict copies of the journal."""

    journal: Path
    service: str | None = None
    service_folder: Path | None = None
    conflicts: tuple[Path, ...] = field(default_factory=tuple)

    def warnings(self) -> list[str]:
        """Full sentences: what was found, what it means, what to do."""
        texts = []
        if self.conflicts:
            names = ", ".join(path.name for path in self.conflicts)
            texts.append(
                f"Conflict copies of your journal are in {self.journal.parent}: {names}. A sync "
                "tool made them when two computers changed the journal; CoLearn shows only "
                f"{self.journal.name}, so what was written in a copy is not in it. Do not "
                "delete a copy before you have looked at it: copy it into an empty folder, "
                "rename it journal.sqlite3, open it with colearn --data-dir FOLDER, and "
                "type again what is missing."
            )
        if self.service is not None:
            texts.append(
                f"Your journal is in a folder that {self.service} synchronises "
                f"({self.service_folder}). CoLearn does not support synced folders yet: a "
                "sync while CoLearn writes can leave a damaged or incomplete journal on the "
                "other computer, and changes on two computers end up in conflict copies. Move "
                "the journal out of it (Settings, General, Move my journal) and let the "
                "backups' second folder put copies there instead."
            )
        return texts


def conflict_copies(journal: Path, *, in_onedrive: bool = False) -> list[Path]:
    """Conflict copies of ``journal`` (and their ``-wal``/``-shm``) beside it, sorted."""
    stem, suffix = re.escape(journal.stem), re.escape(journal.suffix)
    kinds = [*_CONFLICT_NAMES, *([_ONEDRIVE_NAME] if in_onedrive else [])]
    pattern = re.compile(rf"^{stem}(?:{'|'.join(kinds)}){suffix}{_SIDE}$")
    try:
        names = [path for path in journal.parent.iterdir() if pattern.match(path.name)]
    except OSError:
        return []
    return sorted(names)


def sync_service(folder: Path) -> tuple[str, Path] | None:
    """The sync tool whose folder holds ``folder`` and that folder, from a marker in it or a
    parent, else from a folder name only sync tools use; ``None`` when none is known."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for marker, service in _MARKERS.items():
            try:
                if (candidate / marker).exists():
                    return service, candidate
            except OSError:
                continue
    for candidate in (folder, *folder.parents):
        name = candidate.name.lower()
        for folder_name, service in _FOLDER_NAMES.items():
            if name == folder_name or name.startswith((f"{folder_name} - ", f"{folder_name} (")):
                return service, candidate  # also "OneDrive - Company", "Dropbox (Team)"
    return None


def find(journal: Path) -> SyncFindings:
    """Look beside ``journal`` and above it (see the module doc); never raises for a folder
    that cannot be read."""
    found = sync_service(journal.parent)
    service, service_folder = found if found else (None, None)
    conflicts = conflict_copies(journal, in_onedrive=service == "OneDrive")
    return SyncFindings(journal, service, service_folder, tuple(conflicts))
