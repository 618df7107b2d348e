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
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .folders import make_private_dirs

SUFFIX = ".draft.json"


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
        return uuid.uuid4().hex

    def _file(self, draft_id: str) -> Path:
        return self.folder / f"{draft_id}{SUFFIX}"

    def save(self, draft: Draft) -> None:
        make_private_dirs(self.folder)
        target = self._file(draft.draft_id)
        temporary = target.with_name(target.name + ".tmp")
        payload = {
            "journal": self._journal,
            "kind": draft.kind,
            "saved_at": draft.saved_at.isoformat(),
            "fields": draft.fields,
        }
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(temporary, 0o600)
        os.replace(temporary, target)

    def discard(self, draft_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._file(draft_id).unlink()

    def pending(self, kind: str) -> list[Draft]:
        """Drafts of ``kind`` for this journal, newest first; unreadable files are skipped
        (and kept, in case a person wants to look at them)."""
        if not self.folder.is_dir():
            return []
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
