"""Two computers that merged the same people the opposite way round before either heard of
the other's merge: Ana into Ana G. on the laptop, Ana G. into Ana on the desktop.

Applied as they came, each merge deletes the contact the other one kept, and nobody is left.
Instead one of the two merges stands, by a rule every device applies alike: in a ring of
merges (A into B here, B into A there; or longer) the contact with the smallest uid stays, and
the deletes made by the merge that removed it (of the contact and of the rows named by it: its
e-mails, tags, conversation links, Today's marks) are read as if they had not happened.  The
other merge then moves everything to it as usual; what the ignored merge moved away from it
comes back through the other contact's alias.

A merge's deletes are found by their stamps: the merge writes the merged contact's alias
first and deletes the contact last (``core/people/merge/apply.py``), so every delete that
device stamped between the two belongs to the merge.  A delete made later, by anyone (the
kept contact deleted for good after all), is newer than that span and stands.

Nothing in ``sync_field`` is changed: which merges form a ring can change as more arrives (a
third device's merge breaks it), so it is worked out from ``sync_field`` at every apply, and
what it names is written again whenever the rings change.  Every device meets the same
``sync_field`` in the end and so the same rings; nothing of it travels.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from colearn_desktop.core.sync.journal_side.capture import PRESENCE
from colearn_desktop.core.sync.journal_side.hlc import Hlc
from colearn_desktop.core.sync.journal_side.tables import SPECS

# Tables whose rows are named by a contact's uid (among their keys), besides the contact.
_NAMED = tuple(
    spec.name
    for spec in SPECS
    if spec.due_keys or (not spec.has_uid and "contact" in spec.refs.values())
)
_GONE = json.dumps(0)
# The tables whose changes can make or break a ring.
RING_TABLES = frozenset({"contact", "contact_alias"})


# Each merged uid's alias (one not removed since) and the uid it was merged into.
_ALIASES_SQL = (
    "SELECT target.key, target.value FROM sync_field target JOIN sync_field made "
    "ON made.tbl = target.tbl AND made.key = target.key AND made.col = ? "
    "WHERE target.tbl = 'contact_alias' AND target.col = 'contact' AND made.value != ?"
)
_ALIAS_SQL = _ALIASES_SQL + " AND target.key = ?"


def _aliases(connection: sqlite3.Connection) -> dict[str, str]:
    """Every merged uid ``sync_field`` holds an alias for (not removed since) → the uid it was
    merged into."""
    return {
        key: target
        for key, value in connection.execute(_ALIASES_SQL, (PRESENCE, _GONE))
        if isinstance(target := json.loads(value), str)
    }


def merged_uids(connection: sqlite3.Connection) -> set[str]:
    """Every contact uid merged into another (its alias not removed since)."""
    return set(_aliases(connection))


def _end(into: dict[str, str], uid: str) -> tuple[str, list[str]]:
    """Where the chain of merges from ``uid`` ends (``uid`` itself when it was not merged; in a
    ring, its smallest uid), and the ring it ran into ([] when none)."""
    path = [uid]
    while (target := into.get(path[-1])) is not None:
        if target in path:
            ring = path[path.index(target) :]
            return min(ring), ring
        path.append(target)
    return path[-1], []


def _rings(connection: sqlite3.Connection) -> list[list[str]]:
    """Each ring of merges in the aliases ``sync_field`` holds (a uid merged into a contact
    that was, in turn, merged into it), as its uids."""
    into = _aliases(connection)
    rings: dict[str, list[str]] = {}
    for uid in sorted(into):
        _, ring = _end(into, uid)
        if ring:
            rings.setdefault(min(ring), ring)
    return list(rings.values())


def alias_end(connection: sqlite3.Connection, uid: str) -> str:
    """The uid that the merged contact ``uid`` answers to in the end, following the aliases
    ``sync_field`` holds (merged into B, which was merged into C: C); in a ring, the contact
    the ring keeps; ``uid`` itself when it was not merged.

    Read from ``sync_field``, not from this journal's own aliases: those name row numbers,
    and which contact a chain ends in can change as merges arrive in any order.  (One uid's
    chain, a query a step: resolving one reference must not read every alias.)"""
    into: dict[str, str] = {}
    step = uid
    while step not in into:  # (until the chain ends, or comes back: a ring)
        found = connection.execute(_ALIAS_SQL, (PRESENCE, _GONE, step)).fetchone()
        target = None if found is None else json.loads(found[1])
        if not isinstance(target, str):
            break
        into[step] = target
        step = target
    return _end(into, uid)[0]


def flatten_aliases(connection: sqlite3.Connection) -> None:
    """Point each alias of this journal at the contact its chain ends in now (a kept contact
    merged into a third one elsewhere: the aliases of the contacts merged into it follow);
    a contact a ring keeps is nobody's alias.  Aliases made before sync was on, which
    ``sync_field`` does not hold, are left as they are."""
    into = _aliases(connection)
    for uid in into:
        end, _ = _end(into, uid)
        if end == uid:
            connection.execute("DELETE FROM contact_alias WHERE uid = ?", (uid,))
            continue
        found = connection.execute("SELECT id FROM contact WHERE uid = ?", (end,)).fetchone()
        if found is not None:
            connection.execute(
                "INSERT INTO contact_alias (uid, contact_id) VALUES (?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET contact_id = excluded.contact_id "
                "WHERE contact_id IS NOT excluded.contact_id",
                (uid, found[0]),
            )


def _stamp(connection: sqlite3.Connection, table: str, key: str) -> str | None:
    found = connection.execute(
        "SELECT hlc FROM sync_field WHERE tbl = ? AND key = ? AND col = ?", (table, key, PRESENCE)
    ).fetchone()
    return None if found is None else str(found[0])


def named_by(connection: sqlite3.Connection, uid: str) -> list[tuple[str, str, str, str]]:
    """(table, key, stamp, presence) of the contact ``uid`` and of every row named by it."""
    tables = ", ".join("?" for _ in _NAMED)
    return connection.execute(
        "SELECT tbl, key, hlc, value FROM sync_field WHERE col = ? "
        f"AND ((tbl = 'contact' AND key = ?) OR (tbl IN ({tables}) AND instr(key, ?) > 0))",
        (PRESENCE, uid, *_NAMED, uid),
    ).fetchall()


@dataclass(frozen=True)
class Rings:
    """What the rings of merges in ``sync_field`` keep: the contacts (``kept``, their aliases
    not written), and the rows whose delete is read as not having happened (``undone``)."""

    kept: frozenset[str] = frozenset()
    undone: frozenset[tuple[str, str]] = frozenset()


def read_rings(connection: sqlite3.Connection) -> Rings:
    """The rings of merges ``sync_field`` holds now, and what each keeps."""
    kept: set[str] = set()
    undone: set[tuple[str, str]] = set()
    for ring in _rings(connection):
        uid = min(ring)
        kept.add(uid)
        merged = _stamp(connection, "contact_alias", uid)
        deleted = _stamp(connection, "contact", uid)
        if merged is None or deleted is None or deleted < merged:
            continue
        device = Hlc.parse(merged).device
        if Hlc.parse(deleted).device != device:
            continue  # deleted later by another device: that delete stands
        undone.update(
            (table, key)
            for table, key, stamp, value in named_by(connection, uid)
            if value == _GONE and merged <= stamp <= deleted and Hlc.parse(stamp).device == device
        )
    return Rings(frozenset(kept), frozenset(undone))


def rewritten(connection: sqlite3.Connection, before: Rings, after: Rings) -> set[tuple[str, str]]:
    """The rows to write again when the rings changed from ``before`` to ``after``: a contact a
    ring keeps (or kept) and everything named by it, and its alias."""
    if before == after:
        return set()
    found: set[tuple[str, str]] = set()
    for uid in before.kept | after.kept:
        found.update((table, key) for table, key, _, _ in named_by(connection, uid))
        found.add(("contact_alias", uid))
    return found
