"""A contact's stable id (``uid``) and the ids it answers to after a merge.

A contact merged into another keeps its uid as an alias of the kept one (``contact_alias``):
an import, a JSON export or another device that names the merged contact lands on the kept
contact instead of bringing a ghost back.  Every lookup by uid goes through
:func:`resolve_contact_uid`, so aliases are followed everywhere the same way.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from colearn_desktop.core.storage.db import scalar


def parse_uid(text: str) -> str | None:
    """``text`` as a stored id (lower case, hyphens), or None when it is no UUID.  Ids other
    tools wrote may be in capitals, in braces or a ``urn:uuid:``; other UIDs some address books
    use ("12345@example.com") are not ours and name nobody here."""
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return None


def resolve_contact_uid(session: Session, uid: str) -> int | None:
    """The id of the contact ``uid`` names: its own uid, or the uid of a contact merged into
    it; None when no contact has it (never had, or was deleted for good)."""
    key = parse_uid(uid)
    if key is None:
        return None
    found = scalar(session, "SELECT id FROM contact WHERE uid = :uid", uid=key)
    if found is None:
        found = scalar(session, "SELECT contact_id FROM contact_alias WHERE uid = :uid", uid=key)
    return None if found is None else int(found)


def alias_contact(session: Session, merged_id: int, kept_id: int) -> None:
    """Make ``merged_id``'s uid, and every alias it had, answer to ``kept_id``: what a merge
    does before it removes the merged contact (its aliases would go with it otherwise)."""
    params = {"merged": merged_id, "kept": kept_id}
    session.execute(
        text("UPDATE contact_alias SET contact_id = :kept WHERE contact_id = :merged"), params
    )
    session.execute(
        text(
            "INSERT INTO contact_alias (uid, contact_id) SELECT uid, :kept FROM contact "
            "WHERE id = :merged"
        ),
        params,
    )
