"""What other computers' edits replaced on a contact, for the contact page (issue #18: "keeps
the losing value in the contact's history, visible").

The journal side keeps every value that lost to a newer edit (``JournalSync.history``) with the
device that wrote it; here each device id becomes the name the person gave that computer, read
from the sync folder only when a contact has such a history (most never do), so opening a
contact costs one indexed query.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.contact_fields import FIELDS
from colearn_desktop.core.storage.local_settings import LocalSettings

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

_PERSON_FIELDS = frozenset(known.name for known in FIELDS)


@dataclass(frozen=True)
class ReplacedValue:
    field: str  # the contact's column, e.g. "company"
    value: Any  # the value that lost
    device: str  # the name of the computer that wrote it; "" for this computer
    at: str  # when it was written, "YYYY-MM-DD HH:MM:SS" in UTC


@dataclass(frozen=True)
class SyncMarks:
    """What the contact page shows of sync: values other edits replaced, and the computer
    each conversation logged elsewhere came from (conversation id → its name)."""

    replaced: list[ReplacedValue] = field(default_factory=list)
    authors: dict[int, str] = field(default_factory=dict)


def contact_sync_marks(journal: Journal, contact_id: int, conversation_ids: list[int]) -> SyncMarks:
    """One read for the page (reads are counted: tests/ui/test_refresh_reads.py); the device
    names come from the sync folder only when there is something to name."""
    from colearn_desktop.core.sync.journal_side.capture import PRESENCE

    with journal.db.read_raw() as connection:
        enabled, this = connection.execute("SELECT enabled, device FROM sync_state").fetchone()
        if not enabled:
            return SyncMarks()  # sync never ran here: nothing came from elsewhere
        found = connection.execute("SELECT uid FROM contact WHERE id = ?", (contact_id,))
        row = found.fetchone()
        uid = "" if row is None else str(row[0])
        has_history = bool(uid) and _any_history(connection, uid)
        marks = ",".join("?" * len(conversation_ids))
        stamps = (  # (the page's header asks without conversations: no query for them)
            connection.execute(
                "SELECT c.id, f.hlc FROM conversation c JOIN sync_field f ON f.tbl = "
                f"'conversation' AND f.key = c.uid AND f.col = ? WHERE c.id IN ({marks})",
                (PRESENCE, *conversation_ids),
            ).fetchall()
            if conversation_ids
            else []
        )
    elsewhere = {
        row_id: device for row_id, stamp in stamps if (device := _device_of(stamp)) != this
    }
    history = _replaced(journal, uid, this) if has_history else []
    if not elsewhere and not history:
        return SyncMarks()
    names = _device_names(journal)
    return SyncMarks(
        [
            dataclasses.replace(value, device=names.get(value.device, value.device[:8]))
            if value.device
            else value
            for value in history
        ],
        {row_id: names.get(device, device[:8]) for row_id, device in elsewhere.items()},
    )


def _replaced(journal: Journal, uid: str, this: str) -> list[ReplacedValue]:
    """The contact's values that lost to a newer edit, newest first; device "" for this
    computer, else its id (named by the caller)."""
    from colearn_desktop.core.sync.journal_side.capture import PRESENCE
    from colearn_desktop.core.sync.journal_side.service import JournalSync

    return [
        ReplacedValue(
            entry["field"],
            entry["value"],
            "" if entry["device"] == this else entry["device"],
            entry["at"],
        )
        for entry in JournalSync.of(journal).history("contact", uid)
        # what a person edits; the row's existence and bookkeeping (updated_at) are not
        if entry["field"] in _PERSON_FIELDS and entry["field"] != PRESENCE
    ]


def _device_of(stamp: str) -> str:
    from colearn_desktop.core.sync.journal_side.hlc import Hlc

    return Hlc.parse(stamp).device


def _any_history(connection: sqlite3.Connection, uid: str) -> bool:
    query = "SELECT 1 FROM sync_history WHERE tbl = 'contact' AND key = ? LIMIT 1"
    return connection.execute(query, (uid,)).fetchone() is not None


def _device_names(journal: Journal) -> dict[str, str]:
    """Device id → the name its computer was given (none when the folder cannot be read:
    the page then shows the id's start)."""
    from colearn_desktop.core.sync.setup import SyncSetupError, open_folder

    if not LocalSettings(journal.path.parent).sync.get("folder"):
        return {}
    try:
        folder, _settings = open_folder(journal.path.parent)
    except SyncSetupError:
        return {}
    return {
        device: str(info.get("name") or "")
        for device in folder.devices()
        if (info := folder.device_info(device) or {}).get("name")
    }
