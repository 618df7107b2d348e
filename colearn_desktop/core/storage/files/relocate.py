"""Moving the journal to another folder (a synced drive, an encrypted volume) safely.

The journal is copied with the SQLite backup API into the new folder (never a file copy of a
live database), checked, then its backups and drafts are copied beside it.  Only when every
copy is in place and verified does the old journal step aside: it is renamed, not deleted,
so the user can remove it once they have seen the move worked.  Any failure before that
leaves the old folder exactly as it was and removes what was half-copied.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from colearn_desktop.core.errors import JournalError, ValidationError
from colearn_desktop.core.storage.backups.verified_copy import backup_file, check_backup
from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.core.storage.local_settings import LocalSettings


class RelocationError(JournalError):
    pass


@dataclass(frozen=True)
class Relocation:
    new_journal: Path
    old_journal_kept_as: Path
    backups_copied: int


def _copy_tree(source: Path, target: Path) -> int:
    copied = 0
    if not source.is_dir():
        return 0
    make_private_dirs(target)
    for item in sorted(source.iterdir()):
        if item.is_file() and not item.name.endswith((".partial", ".tmp")):
            shutil.copy2(item, target / item.name)
            copied += 1
    return copied


def move_journal(old_root: Path, new_root: Path, journal_name: str, now: datetime) -> Relocation:
    """Move ``old_root/journal_name`` (with backups/ and drafts/) into ``new_root``."""
    old_root, new_root = old_root.resolve(), new_root.resolve()
    source = old_root / journal_name
    target = new_root / journal_name
    if new_root == old_root:
        raise ValidationError.single("folder", "the journal is already in that folder")
    if new_root.is_relative_to(old_root):
        raise ValidationError.single("folder", "choose a folder outside the current data folder")
    if target.exists():
        raise ValidationError.single(
            "folder", f"{new_root} already holds a journal; choose an empty folder"
        )
    make_private_dirs(new_root)
    created: list[Path] = []
    try:
        backup_file(source, target)
        created.append(target)
        if not check_backup(target).ok:
            raise RelocationError(f"the copy in {new_root} failed its check")
        # The copy is a standalone file; the journal runs in WAL mode again when opened.
        copied = _copy_tree(old_root / "backups", new_root / "backups")
        created.append(new_root / "backups")
        _copy_tree(old_root / "drafts", new_root / "drafts")
        created.append(new_root / "drafts")
    except (OSError, JournalError) as error:
        for path in reversed(created):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if isinstance(error, ValidationError):
            raise
        raise RelocationError(f"The journal could not be moved to {new_root}: {error}") from error
    LocalSettings(old_root).carry_to(new_root)
    kept = old_root / f"journal-moved-{now:%Y%m%d-%H%M%S}.sqlite3"
    source.rename(kept)
    for suffix in ("-wal", "-shm"):
        leftover = Path(f"{source}{suffix}")
        if leftover.exists():
            leftover.rename(Path(f"{kept}{suffix}"))
    return Relocation(target, kept, copied)
