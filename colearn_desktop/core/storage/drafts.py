"""Drafts of notes being typed, kept on disk so a crash never eats a note.

A draft is a small JSON file in the drafts folder, replaced atomically (write to a temporary
file, flush it to disk, rename over the old one), so a crash mid-save leaves the previous draft
intact.  A draft is deleted only after the conversation it describes has been committed.
Drafts are per-journal: each file records which journal it belongs to.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from colearn_desktop.core.storage.files.folders import make_private_dirs

SUFFIX = ".draft.json"
TEMPORARY = ".tmp"
# A save writes its temporary file in milliseconds; one older than this was left by a kill.
STALE_TEMPORARY_SECONDS = 60


@dataclass(frozen=True)
class Draft:
    draft_id: str
    kind: str  # what form it belongs to, e.g. "conversation"
    saved_at: datetime
    fields: dict[str, Any] = field(default_factory=dict)


class DraftStore:
    def __init__(self, folder: Path, journal_path: Path | None = None):
        self.folder = folder
        self._journal = str(journal_path.resolve()) if journal_path else ""

    @staticmethod
    def new_id() -> str:
        import uuid  # (when a draft is made: not at every start)

        return uuid.uuid4().hex

    def _file(self, draft_id: str) -> Path:
        return self.folder / f"{draft_id}{SUFFIX}"

    def save(self, draft: Draft) -> None:
        """Replace the draft's file atomically.  On any failure (a full disk) the temporary
        file is removed, so the previous draft stays and no empty leftover piles up."""
        make_private_dirs(self.folder)
        target = self._file(draft.draft_id)
        temporary = target.with_name(target.name + TEMPORARY)
        payload = {
            "journal": self._journal,
            "kind": draft.kind,
            "saved_at": draft.saved_at.isoformat(),
            "fields": draft.fields,
        }
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            if os.name == "posix":
                os.chmod(temporary, 0o600)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()  # (already renamed away when all went well)

    def tidy_leftovers(self) -> None:
        """Deal with temporary files a killed save left behind (ours only, and only when no
        save can still be writing them: a save takes milliseconds).  A complete one that is
        newer than its draft takes the draft's place (it holds the last words typed);
        anything else (an empty file from a full disk) is removed."""
        now = time.time()
        for temporary in self.folder.glob(f"*{SUFFIX}{TEMPORARY}"):
            try:
                if now - temporary.stat().st_mtime < STALE_TEMPORARY_SECONDS:
                    continue
                target = temporary.with_name(temporary.name.removesuffix(TEMPORARY))
                if _saved_at(temporary) > _saved_at(target):
                    os.replace(temporary, target)
                else:
                    temporary.unlink()
            except OSError:
                continue  # removed meanwhile, or not ours to remove: left as it is

    def discard(self, draft_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._file(draft_id).unlink()

    def pending(self, kind: str) -> list[Draft]:
        """Drafts of ``kind`` for this journal, newest first; unreadable files are skipped
        (and kept, in case a person wants to look at them).  Asked at start, after a crash:
        leftovers of killed saves are dealt with first (:meth:`tidy_leftovers`)."""
        if not self.folder.is_dir():
            return []
        self.tidy_leftovers()
        drafts = []
        for path in self.folder.glob(f"*{SUFFIX}"):
            try:
                payload = json.loads(path.read_text(encoding="utf-8"))
                if payload.get("journal", "") != self._journal or payload.get("kind") != kind:
                    continue
                drafts.append(
                    Draft(
                        draft_id=path.name.removesuffix(SUFFIX),
                        kind=kind,
                        saved_at=datetime.fromisoformat(payload["saved_at"]),
                        fields=dict(payload.get("fields", {})),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(drafts, key=lambda d: d.saved_at, reverse=True)


def _saved_at(path: Path) -> float:
    """When the draft in ``path`` was saved (a timestamp); minus infinity for a missing,
    empty or unreadable file, so a complete draft always wins over it."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return datetime.fromisoformat(payload["saved_at"]).timestamp()
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return float("-inf")
