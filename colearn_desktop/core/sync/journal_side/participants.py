"""Whom a conversation was with, worked out again from ``sync_field`` where merges make it
uncertain.

A participant row is named by its conversation and contact (``<conversation>/<contact>``).
A merge moves the rows the merging computer knows: it removes each under the merged contact's
name and adds it under the kept one's.  A talk logged meanwhile on another computer with the
merged contact is named by that contact, and nothing the merge sent moves it: written as it
came, it named nobody here, and the talk was left with no one, gone from every timeline on
every computer alike (found by the two-computer story in the shown window).  Such a row
stands for the contact its merged contact answers to here; and since that can change as more
merges arrive (chains, rings of merges, one contact merged into two at once), where it lands
is not written once and kept, but each conversation concerned is given again the
participants ``sync_field`` names, which every computer ends up holding alike.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable

from colearn_desktop.core.sync.journal_side.capture import PRESENCE
from colearn_desktop.core.sync.journal_side.merge_cycles import Rings, merged_uids

TABLE = "conversation_contact"
_ALIVE = json.dumps(1)

# The conversations with a standing participant row named by a merged contact.
_NAMING_MERGED_SQL = (
    "SELECT DISTINCT substr(key, 1, instr(key, '/') - 1) FROM sync_field "
    "WHERE tbl = ? AND col = ? AND value = ? "
    "AND substr(key, instr(key, '/') + 1) IN (SELECT value FROM json_each(?))"
)
# A conversation's participant rows: its keys run from "<uid>/" to before "<uid>0".
_ROWS_SQL = "SELECT key, value FROM sync_field WHERE tbl = ? AND col = ? AND key >= ? AND key < ?"


def conversation_of(key: str) -> str:
    """The conversation uid of a participant row's key."""
    return key.split("/", 1)[0]


def naming_merged(connection: sqlite3.Connection) -> set[str]:
    """The conversations whose standing participant rows name a merged contact (after a
    merge arrived, or a contact merged away was removed here)."""
    merged = json.dumps(sorted(merged_uids(connection)))
    return {
        str(uid)
        for (uid,) in connection.execute(_NAMING_MERGED_SQL, (TABLE, PRESENCE, _ALIVE, merged))
    }


def relink(
    connection: sqlite3.Connection,
    conversations: Iterable[str],
    rings: Rings,
    contact_here: Callable[[str], int | None],
) -> set[int]:
    """Give each of ``conversations`` here the participants its standing rows in
    ``sync_field`` name, each at the contact it answers to here (``contact_here(uid)``: a
    merged contact's is the one it was merged into).  Returns the contacts that gained or
    lost a conversation."""
    changed: set[int] = set()
    for uid in sorted(conversations):
        found = connection.execute("SELECT id FROM conversation WHERE uid = ?", (uid,)).fetchone()
        if found is None:
            continue  # (not here yet, or removed: its rows wait or went with it)
        conversation = int(found[0])
        wanted = {
            contact
            for key in _standing(connection, uid, rings.undone)
            # (None: its contact is not here yet; the row waits in sync_pending)
            if (contact := contact_here(key.split("/", 1)[1])) is not None
        }
        here = {
            int(contact)
            for (contact,) in connection.execute(
                "SELECT contact_id FROM conversation_contact WHERE conversation_id = ?",
                (conversation,),
            )
        }
        for contact in here - wanted:
            connection.execute(
                "DELETE FROM conversation_contact WHERE conversation_id = ? AND contact_id = ?",
                (conversation, contact),
            )
        connection.executemany(
            "INSERT INTO conversation_contact (conversation_id, contact_id) VALUES (?, ?)",
            [(conversation, contact) for contact in sorted(wanted - here)],
        )
        changed |= here ^ wanted
    return changed


def standing_for_the_same(
    connection: sqlite3.Connection, key: str, contact_here: Callable[[str], int | None]
) -> list[str]:
    """The conversation's other standing participant rows that stand for the same contact
    here as the row ``key`` names (rows named by a contact merged into that one): a person
    taken off a talk here is taken off with those too, or every other computer would keep
    them on it.  Empty when the contact itself is no longer here (merged away or deleted: the
    row moved with it, nobody was taken off)."""
    conversation, contact = key.split("/", 1)
    found = connection.execute("SELECT id FROM contact WHERE uid = ?", (contact,)).fetchone()
    if found is None:
        return []
    return [
        other
        for other in _standing(connection, conversation)
        if other != key and contact_here(other.split("/", 1)[1]) == found[0]
    ]


def _standing(
    connection: sqlite3.Connection,
    conversation: str,
    undone: frozenset[tuple[str, str]] = frozenset(),
) -> list[str]:
    """The keys of the conversation's participant rows that stand in ``sync_field`` (or
    whose removal a ring of merges reads as not having happened: ``undone``)."""
    return [
        key
        for key, value in connection.execute(
            _ROWS_SQL, (TABLE, PRESENCE, f"{conversation}/", f"{conversation}0")
        ).fetchall()
        if value == _ALIVE or (TABLE, key) in undone
    ]
