"""Writing the winning values of ``sync_field`` into the journal's own tables.

A row is named by its key (``tables.py``); here the key's uids become this journal's row
numbers.  A row whose contact (or favour, tag ...) has not arrived yet, or that another device
only edited so far, waits in ``sync_pending`` and is written after a later batch brings what it
needs.  Two rows that must be one (the tag "VIP" made on two devices, the built-in referral
templates every journal starts with) become the row with the smaller uid on every device; the
other uid answers to it from then on (``sync_alias``).  A contact removed by a merge on another
device hands everything still pointing at it to the contact it was merged into before it
goes: the contact its chain of aliases ends in, as ``sync_field`` has them
(``merge_cycles.py``: also when two devices merged two contacts into each other).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from colearn_desktop.core.sync.journal_side import due_keys, participants
from colearn_desktop.core.sync.journal_side.batched import ContactsOnce
from colearn_desktop.core.sync.journal_side.capture import PRESENCE, travelling_columns
from colearn_desktop.core.sync.journal_side.merge_cycles import (
    Rings,
    alias_end,
    flatten_aliases,
    read_rings,
)
from colearn_desktop.core.sync.journal_side.participants import (
    conversation_of,
    naming_merged,
    relink,
)
from colearn_desktop.core.sync.journal_side.tables import BY_NAME, ORDER, TableSpec
from colearn_desktop.core.sync.journal_side.twins import (
    UNIQUE,
    fold_into_twin,
    make_room,
    repoint,
)

# Up to this many rows written, the contacts whose conversations they change are looked up
# one by one for the last-contact refresh; past it (a snapshot) one refresh over the journal
# costs less.
TRACKED = 10_000

# Each table's travelling columns by the name they travel under, read once per apply.
_FIELDS: dict[tuple[int, str], dict[str, tuple[str, bool]]] = {}


def resolve(
    connection: sqlite3.Connection, table: str, uid: str, *, merged: bool = True
) -> int | None:
    """This journal's number for the row ``uid`` names, following folded uids and (unless
    ``merged`` is False) the uids of contacts merged into others."""
    found = connection.execute(f'SELECT id FROM "{table}" WHERE uid = ?', (uid,)).fetchone()
    if found is None and table == "contact" and merged:
        end = alias_end(connection, uid)
        if end != uid:
            found = connection.execute("SELECT id FROM contact WHERE uid = ?", (end,)).fetchone()
        if found is None:  # (an alias made before sync was on)
            found = connection.execute(
                "SELECT contact_id FROM contact_alias WHERE uid = ?", (uid,)
            ).fetchone()
    if found is None:
        target = connection.execute(
            "SELECT target FROM sync_alias WHERE tbl = ? AND uid = ?", (table, uid)
        ).fetchone()
        if target is not None:
            return resolve(connection, table, target[0], merged=merged)
    return None if found is None else int(found[0])


def canonical_key(connection: sqlite3.Connection, spec: TableSpec, key: str) -> str:
    """``key`` with every uid that was folded into another replaced by the one it answers to
    (a link to the tag "VIP" is one row whichever device's "VIP" it named)."""

    def folded(table: str, uid: str) -> str:
        target = connection.execute(
            "SELECT target FROM sync_alias WHERE tbl = ? AND uid = ?", (table, uid)
        ).fetchone()
        return uid if target is None else str(target[0])

    if spec.has_uid:
        return folded(spec.name, key)
    if spec.due_keys:
        return due_keys.canonical(key, folded)
    parts = key.split("/", len(spec.key) - 1)
    if len(parts) != len(spec.key):
        return key
    return "/".join(
        folded(spec.refs[column], part) if column in spec.refs else part
        for column, part in zip(spec.key, parts, strict=True)
    )


def _key_values(
    connection: sqlite3.Connection, spec: TableSpec, key: str, *, merged: bool = True
) -> dict[str, Any] | None:
    """The key's columns as this journal's values; None when a row it names is not here.
    ``merged`` False: a merged contact's uid names nothing (what is removed under it is not
    the kept contact's row: a merge moves a tag link by removing it under the old uid)."""
    if spec.has_uid:
        return {"uid": key}
    if spec.due_keys:
        local = due_keys.local_key(
            key, lambda table, uid: resolve(connection, table, uid, merged=merged)
        )
        return None if local is None else {spec.key[0]: local}
    parts = key.split("/", len(spec.key) - 1)
    if len(parts) != len(spec.key):
        return None
    values: dict[str, Any] = {}
    for column, part in zip(spec.key, parts, strict=True):
        if column in spec.refs:
            found = resolve(connection, spec.refs[column], part, merged=merged)
            if found is None:
                return None
            values[column] = found
        else:
            values[column] = int(part) if column == "position" else part
    if spec.unordered:
        first, second = spec.key
        low, high = sorted((values[first], values[second]))
        values = {first: low, second: high}
    return values


def _locate(
    connection: sqlite3.Connection, spec: TableSpec, key: str, *, merged: bool = True
) -> int | None:
    return _row_at(connection, spec, _key_values(connection, spec, key, merged=merged))


def _row_at(
    connection: sqlite3.Connection, spec: TableSpec, key_values: dict[str, Any] | None
) -> int | None:
    """The row whose key columns hold ``key_values`` (None: it names what is not here)."""
    if key_values is None:
        return None
    where = " AND ".join(f'"{column}" = ?' for column in key_values)
    found = connection.execute(
        f'SELECT rowid FROM "{spec.name}" WHERE {where}', tuple(key_values.values())
    ).fetchone()
    return None if found is None else int(found[0])


def _columns(
    connection: sqlite3.Connection, spec: TableSpec, fields: dict[str, Any]
) -> dict[str, Any] | None:
    """The winning fields as column values (uids as numbers); None when a row named is absent."""
    by_field = _FIELDS.get((id(connection), spec.name))
    if by_field is None:
        by_field = {
            spec.field_name(name): (name, blob)
            for name, blob in travelling_columns(connection, spec)
        }
        _FIELDS[(id(connection), spec.name)] = by_field
    values: dict[str, Any] = {}
    for name, travelled in fields.items():
        if name not in by_field:
            continue  # a column this version does not have: kept in sync_field only
        column, blob = by_field[name]
        value = travelled
        if column in spec.refs and travelled is not None:
            value = resolve(connection, spec.refs[column], travelled)
            if value is None:
                return None
        elif blob and travelled is not None:
            value = bytes.fromhex(travelled)
        values[column] = value
    return values


def materialize(
    connection: sqlite3.Connection,
    keys: set[tuple[str, str]],
    known: dict[tuple[str, str], dict[str, Any]] | None = None,
    rings: Rings | None = None,
) -> set[int] | None:
    """Write the rows ``keys`` name (and those waiting) as ``sync_field`` has them now.
    ``known``: the ``sync_field`` values (decoded, by column) of keys the caller already
    holds, so they are not read again.  ``rings``: what the rings of merges keep
    (``merge_cycles.py``; read from ``sync_field`` when not given).  Returns the contacts
    whose conversations may have changed (None: any contact's may have: a contact was
    removed, or more than :data:`TRACKED` rows were written).

    Folding two twins moves fields to the kept row's names (``twins._rekey``), which are
    then written in one more pass; a pass that folds nothing ends it."""
    _FIELDS.clear()  # (columns are read once per apply: a revision may have added some)
    rings = rings if rings is not None else read_rings(connection)
    talked: set[int] | None = set()
    for _ in range(len(UNIQUE) + 2):
        (folds,) = connection.execute("SELECT count(*) FROM sync_alias").fetchone()
        found = _write_all(connection, keys, known or {}, rings)
        talked = None if talked is None or found is None else talked | found
        if connection.execute("SELECT count(*) FROM sync_alias").fetchone()[0] == folds:
            break
        keys, known = set(), None
    return talked


def _write_all(
    connection: sqlite3.Connection,
    keys: set[tuple[str, str]],
    known: dict[tuple[str, str], dict[str, Any]],
    rings: Rings,
) -> set[int] | None:
    """One pass of :func:`materialize`."""
    keys = keys | {tuple(row) for row in connection.execute("SELECT tbl, key FROM sync_pending")}
    connection.execute("DELETE FROM sync_pending")
    ordered = sorted(keys, key=lambda item: (ORDER[item[0]], item[1]))
    removed = []
    talked: set[int] = set()
    # (a contact was removed: what it had may have gone to another; or too many to look up)
    everyone = len(ordered) > TRACKED
    contacts = ContactsOnce(connection)  # their caches and entries once, after the writes

    relinked: set[str] = set()  # conversations whose participants merges make uncertain

    def write(tbl: str, key: str, fields: dict[str, Any]) -> None:
        nonlocal talked
        if tbl == "contact_alias" and key in rings.kept:
            return  # a contact a ring of merges keeps (merge_cycles.py) is nobody's alias
        retargeted = tbl == "contact_alias" and _retargets(connection, key, fields)
        row = _write(connection, BY_NAME[tbl], key, fields)
        if row == 0 and tbl == participants.TABLE:
            relinked.add(conversation_of(key))  # (names a merged contact: participants.py)
        if row is None:
            connection.execute(
                "INSERT OR IGNORE INTO sync_pending (tbl, key) VALUES (?, ?)", (tbl, key)
            )
        elif row:
            contacts.wrote(tbl, row)
            if not everyone:
                talked |= _talking(connection, tbl, row)
        if retargeted:  # the rows naming the merged contact follow the alias that won
            for named, named_key, named_fields in _naming(connection, key, rings):
                write(named, named_key, named_fields)

    for tbl, key in ordered:
        # (a copy of what the caller holds: _write takes PRESENCE out)
        fields = dict(known[tbl, key]) if (tbl, key) in known else _fields(connection, tbl, key)
        if not fields:
            continue  # (its fields moved to another name when two twins were folded)
        if (tbl, key) in rings.undone:
            fields[PRESENCE] = 1
        if fields.get(PRESENCE) == 0:
            removed.append((tbl, key))
            continue
        write(tbl, key, fields)
    contacts.restore()
    # Before a contact merged away hands its rows over; an alias waiting for the contact its
    # chain ends in is among the keys once that contact has come (sync_pending).
    merges_moved = any(tbl == "contact_alias" for tbl, _ in ordered) or any(
        tbl == "contact" for tbl, _ in removed
    )
    if merges_moved:
        flatten_aliases(connection)
    after_removal = _remove(connection, removed, talked=None if everyone else talked)
    # A participant row removed may have stood for the same contact as one named by a
    # merged contact; after a merge arrived, rows named by merged contacts may land elsewhere.
    relinked.update(conversation_of(key) for tbl, key in removed if tbl == participants.TABLE)
    if merges_moved:
        relinked |= naming_merged(connection)
    moved = relink(connection, relinked, rings, lambda uid: resolve(connection, "contact", uid))
    return None if after_removal is None else after_removal | moved


def _remove(
    connection: sqlite3.Connection, removed: list[tuple[str, str]], *, talked: set[int] | None
) -> set[int] | None:
    """Delete the rows ``removed`` names, children before parents; a contact merged away
    first hands what points at it to the contact it was merged into (or waits for that one).
    Returns ``talked`` with the contacts whose conversations changed (None: any contact's
    may have, as when a contact was removed; or when ``talked`` was None already)."""
    for tbl, key in reversed(removed):
        row = _locate(connection, BY_NAME[tbl], key, merged=False)
        if row is None:
            continue
        if tbl == "contact":
            if _waits_for_kept(connection, key):
                connection.execute(
                    "INSERT OR IGNORE INTO sync_pending (tbl, key) VALUES (?, ?)", (tbl, key)
                )
                continue
            _hand_over(connection, row)
            talked = None
        if talked is not None:
            talked |= _talking(connection, tbl, row)
        connection.execute(f'DELETE FROM "{tbl}" WHERE rowid = ?', (row,))
        due_keys.forget_marks(connection, tbl, row)  # Today's marks of what went
    return talked


def _fields(connection: sqlite3.Connection, tbl: str, key: str) -> dict[str, Any]:
    return {
        col: json.loads(value)
        for col, value in connection.execute(
            "SELECT col, value FROM sync_field WHERE tbl = ? AND key = ?", (tbl, key)
        )
    }


def _talking(connection: sqlite3.Connection, table: str, row: int) -> set[int]:
    """The contacts whose last conversation a write or removal of ``row`` may move."""
    if table == "conversation_contact":
        sql = "SELECT contact_id FROM conversation_contact WHERE rowid = ?"
    elif table == "conversation":
        sql = "SELECT contact_id FROM conversation_contact WHERE conversation_id = ?"
    else:
        return set()
    return {int(found) for (found,) in connection.execute(sql, (row,))}


def _write(
    connection: sqlite3.Connection, spec: TableSpec, key: str, fields: dict[str, Any]
) -> int | None:
    """Update or insert the row; its rowid (0: folded into its twin, or the twin kept its
    own values), None when it must wait (what it names is not here yet)."""
    made = fields.pop(PRESENCE, None) == 1
    # The key's columns, a merged contact's uid naming nothing (see _hand_over): read once.
    key_values = _key_values(connection, spec, key, merged=False)
    if key_values is None and not spec.has_uid and _key_values(connection, spec, key):
        return 0  # names a contact merged into another here: the merge brought its rows
    values = _columns(connection, spec, fields)
    if values is None:
        return None
    if spec.unordered:  # the pair is the key: set from it, smaller number first
        values = {name: value for name, value in values.items() if name not in spec.key}
    row = _row_at(connection, spec, key_values)
    if row is not None:
        if spec.name in UNIQUE:
            row = make_room(connection, spec, row, values)
        if values and row is not None:
            assignments = ", ".join(f'"{column}" = ?' for column in values)
            connection.execute(
                f'UPDATE "{spec.name}" SET {assignments} WHERE rowid = ?', (*values.values(), row)
            )
        return row or 0
    if not made or key_values is None:
        return None  # only edits arrived so far: wait for the row itself
    if spec.name in UNIQUE and fold_into_twin(connection, spec, key, values):
        return 0
    values = {**values, **key_values}
    names = ", ".join(f'"{column}"' for column in values)
    marks = ", ".join("?" for _ in values)
    try:  # (a refused INSERT undoes itself and its triggers; the transaction goes on)
        cursor = connection.execute(
            f'INSERT INTO "{spec.name}" ({names}) VALUES ({marks})', tuple(values.values())
        )
    except sqlite3.IntegrityError:
        return None  # (a NOT NULL column no change has brought yet: it waits)
    return int(cursor.lastrowid or 0)


def _hand_over(connection: sqlite3.Connection, contact: int) -> None:
    """Before a contact merged elsewhere goes, what still points at it here (a favour logged
    here meanwhile) goes to the contact it was merged into.

    Rows *named* by the contact (its tag links, e-mails, Today's marks) are removed instead:
    the device that merged sent the kept contact's own rows as changes of their own, and
    moving them here too would give one row two names, whose values would then depend on the
    order the changes arrived in (the journals would differ)."""
    (uid,) = connection.execute("SELECT uid FROM contact WHERE id = ?", (contact,)).fetchone()
    kept = connection.execute(
        "SELECT contact_id FROM contact_alias WHERE uid = ?", (uid,)
    ).fetchone()
    if kept is None or kept[0] == contact:
        return
    repoint(connection, "contact", kept[0], contact, keyed=False)
    due_keys.forget_marks(connection, "contact", contact)


def _waits_for_kept(connection: sqlite3.Connection, uid: str) -> bool:
    """Whether the contact ``uid``, merged into another elsewhere, must stay until that
    other contact has arrived here (made on a third device this one has not read yet):
    removed now, what points at it here (a favour logged here meanwhile, its settlements)
    would go with it instead of to the contact it was merged into."""
    end = alias_end(connection, uid)
    if end == uid:
        return False
    found = connection.execute("SELECT 1 FROM contact WHERE uid = ?", (end,)).fetchone()
    return found is None


def _retargets(connection: sqlite3.Connection, uid: str, fields: dict[str, Any]) -> bool:
    """Whether writing the alias of merged contact ``uid`` with ``fields`` names another
    kept contact than the alias here does (two devices merged one contact into two
    different ones at once, and the other merge's alias won)."""
    kept = fields.get("contact")
    if kept is None:
        return False
    here = connection.execute(
        "SELECT c.uid FROM contact_alias a JOIN contact c ON c.id = a.contact_id WHERE a.uid = ?",
        (uid,),
    ).fetchone()
    return here is not None and here[0] != kept


def _naming(
    connection: sqlite3.Connection, uid: str, rings: Rings
) -> list[tuple[str, str, dict[str, Any]]]:
    """The rows whose winning fields name the merged contact ``uid``: given to the kept
    contact the old alias named, they are written again (rare: this reads every field)."""
    named = connection.execute(
        "SELECT DISTINCT tbl, key FROM sync_field WHERE value = ? AND tbl != 'contact_alias'",
        (json.dumps(uid),),
    ).fetchall()
    found = []
    for tbl, key in sorted(named, key=lambda item: (ORDER[item[0]], item[1])):
        fields = _fields(connection, tbl, key)
        if (tbl, key) in rings.undone:
            fields[PRESENCE] = 1
        if fields.get(PRESENCE) != 0:
            found.append((tbl, key, fields))
    return found
