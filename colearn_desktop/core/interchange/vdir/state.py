"""Which vdir files we wrote and what they held, kept on this computer, not in the vdir.

A file whose bytes still hash to what we wrote is ours and unchanged; another hash means
someone (a phone, a server, vdirsyncer) edited it.  For a contact card we also keep a digest
of each field as the card said it, so an edit is read field by field against what the phone
was given (a three-way merge): a field the phone left alone never undoes an edit made here
since.  Kept in the per-user config folder beside :mod:`local_settings`, one file per journal
and vdir, written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.core.storage.local_settings import user_config_folder

FOLDER_NAME = "vdir-state"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_file(journal_path: Path, contacts_dir: Path, config_folder: Path | None = None) -> Path:
    """Where the state of the vdir ``contacts_dir`` of the journal at ``journal_path`` lives."""
    key = sha256(f"{journal_path.resolve()}\n{contacts_dir.resolve()}".encode())[:16]
    return (config_folder or user_config_folder()) / FOLDER_NAME / f"{key}.json"


@dataclass
class Written:
    """One file as we last wrote (or last read) it: its hash, and for a card its fields."""

    sha256: str
    fields: dict[str, str] = field(default_factory=dict)
    uid: str = ""  # the contact's stable id, for a card


@dataclass
class VdirState:
    path: Path
    cards: dict[str, Written] = field(default_factory=dict)
    events: dict[str, Written] = field(default_factory=dict)
    # What the last write was asked for: the events' folder (events written to another
    # folder are not ours to remove here) and the tag (a card new from the phone gets it,
    # or the next write would take it off the phone again).
    calendar_dir: str = ""
    tag: str | None = None

    @classmethod
    def load(cls, journal_path: Path, contacts_dir: Path) -> VdirState:
        path = state_file(journal_path, contacts_dir)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}  # none yet (or unreadable): every file in the vdir is then foreign
        if not isinstance(raw, dict):
            raw = {}
        calendar_dir, tag = raw.get("calendar_dir"), raw.get("tag")
        return cls(
            path,
            _entries(raw.get("cards")),
            _entries(raw.get("events")),
            calendar_dir if isinstance(calendar_dir, str) else "",
            tag if isinstance(tag, str) and tag else None,
        )

    def save(self) -> None:
        make_private_dirs(self.path.parent)
        values = {
            "cards": {k: vars(v) for k, v in sorted(self.cards.items())},
            "events": {k: vars(v) for k, v in sorted(self.events.items())},
            "calendar_dir": self.calendar_dir,
            "tag": self.tag,
        }
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            partial.write_text(json.dumps(values, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(partial, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()


def _entries(raw: object) -> dict[str, Written]:
    if not isinstance(raw, dict):
        return {}
    entries = {}
    for name, value in raw.items():
        if isinstance(value, dict) and isinstance(value.get("sha256"), str):
            fields = value.get("fields")
            uid = value.get("uid")
            entries[name] = Written(
                value["sha256"],
                fields if isinstance(fields, dict) else {},
                uid if isinstance(uid, str) else "",
            )
    return entries
