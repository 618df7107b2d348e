"""The raw baseline of the duplicates figure: what any duplicate finder must at least do.

Three plain queries (contacts, e-mail keys, phone keys) and one dictionary per exact key
(e-mail, phone digits, lower-cased name), counting the keys two or more contacts share.  The
app does more: phone numbers as E.164 in the journal's region, names whatever their word
order and accents, similar names sharing a company or domain (rapidfuzz, in blocks), the
user's "not the same person" marks, reasons per pair and groups joined transitively.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict


def shared_keys(connection: sqlite3.Connection) -> int:
    """How many e-mail, phone or name keys are shared by two or more active contacts."""
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    active = {
        contact_id: name.lower()
        for contact_id, name in connection.execute(
            "SELECT id, display_name FROM contact WHERE archived_at IS NULL"
        )
    }
    for contact_id, name in active.items():
        owners["name", name].add(contact_id)
    for kind, sql in (
        ("email", "SELECT contact_id, address_key FROM contact_email"),
        ("phone", "SELECT contact_id, number_key FROM contact_phone"),
    ):
        for contact_id, key in connection.execute(sql):
            if contact_id in active:
                owners[kind, key].add(contact_id)
    return sum(len(ids) > 1 for ids in owners.values())
