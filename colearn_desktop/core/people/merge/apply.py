"""The merge itself: one transaction that moves everything the merged contacts had to the
kept contact, then removes them.

What moves, for each merged ("other") contact, in this order:

- the kept contact's fields become the plan's :meth:`~.plan.MergePlan.merged` values first
  (its "referred by" already the chosen one, so no referral is recorded twice);
- conversations: the kept contact takes the other's place among the participants, once
  (a group conversation with both keeps one participant); favours (their settlements
  follow), purchases, reminders and referral asks change owner; people the other referred
  are now referred by the kept contact; a referral between the two is dropped (a contact
  cannot refer itself), the ask that led to it keeps its history;
- Today's state kept by contact (keep in touch, birthday, thank-you snoozes and "done"):
  the other's moves over when the kept contact has none of its own;
- the referral facts: "never ask" holds when it held for either; the referral day and
  thank-you day come with the chosen "referred by";
- the photo, when the kept contact has none; "not the same person" marks against third
  contacts follow (marks between the merged contacts are dropped);
- an import that brought or filled the other now names the kept contact (a "new" row
  becomes a merge: undoing that import must not delete the kept contact);
- the other's stable id, and every id merged into it before, become aliases of the kept
  contact (``contact_alias``; done first, see ``apply_merge``); then the other is deleted.

The last-contact time, the cached values and the search index follow in the same
transaction (triggers; ``refresh_last_contact``).  Open favours in different currencies stay
separate favours: a balance is per currency, nothing is converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from colearn_desktop.core.activity.conversations import refresh_last_contact
from colearn_desktop.core.contact_fields import LABELLED_FIELDS, children
from colearn_desktop.core.due.rules import birthdays, keep_in_touch, thanks
from colearn_desktop.core.people.contact_ids import alias_contact
from colearn_desktop.core.people.contacts import ContactService
from colearn_desktop.core.people.merge.plan import MergePlan

# Today's items keyed by a contact: "<prefix>:<contact>" or "<prefix>:<contact>:<more>".
_CONTACT_KEYS = (keep_in_touch.PREFIX, birthdays.PREFIX, thanks.PREFIX)
_OWNED = ("favour", "purchase", "reminder", "referral_ask")

_MOVE_PARTICIPANTS = (
    # A conversation both took part in keeps the kept contact once.
    "DELETE FROM conversation_contact WHERE contact_id = :o AND conversation_id IN "
    "(SELECT conversation_id FROM conversation_contact WHERE contact_id = :k)",
    # Participants are a link table: the caches follow inserts and deletes (not updates).
    "INSERT INTO conversation_contact (conversation_id, contact_id) "
    "SELECT conversation_id, :k FROM conversation_contact WHERE contact_id = :o",
    "DELETE FROM conversation_contact WHERE contact_id = :o",
)
_MOVE_STATE = (
    "INSERT OR IGNORE INTO due_item_state (key, snoozed_until, done_for, updated_at) "
    "SELECT :p || ':' || :k || substr(key, length(:p || ':' || :o) + 1), snoozed_until, "
    "done_for, updated_at FROM due_item_state "
    "WHERE key = :p || ':' || :o OR key LIKE :p || ':' || :o || ':%'",
    "DELETE FROM due_item_state WHERE key = :p || ':' || :o OR key LIKE :p || ':' || :o || ':%'",
)
_MOVE_MARKS = (
    "INSERT OR IGNORE INTO not_same_person (contact_a, contact_b, marked_at) "
    "SELECT min(:k, x), max(:k, x), marked_at FROM ("
    "  SELECT contact_b AS x, marked_at FROM not_same_person WHERE contact_a = :o"
    "  UNION ALL SELECT contact_a, marked_at FROM not_same_person WHERE contact_b = :o"
    ") WHERE x NOT IN (SELECT value FROM json_each(:merged))",
    "DELETE FROM not_same_person WHERE contact_a = :o OR contact_b = :o",
)
_MOVE_REST = (
    "INSERT OR IGNORE INTO contact_photo (contact_id, mime_type, data) "
    "SELECT :k, mime_type, data FROM contact_photo WHERE contact_id = :o",
    "INSERT OR IGNORE INTO contact_referral_state (contact_id, never_ask) "
    "SELECT :k, 0 FROM contact_referral_state WHERE contact_id = :o",
    "UPDATE contact_referral_state SET never_ask = 1 WHERE contact_id = :k "
    "AND (SELECT never_ask FROM contact_referral_state WHERE contact_id = :o)",
    "UPDATE contact SET referred_by_id = :k WHERE referred_by_id = :o "
    "AND id NOT IN (SELECT value FROM json_each(:merged))",
    "UPDATE import_batch_item SET entity_id = :k, "
    "detail = CASE action WHEN 'new' THEN '{}' ELSE detail END, "
    "action = CASE action WHEN 'new' THEN 'merge' ELSE action END "
    "WHERE entity = 'contact' AND entity_id = :o",
)


def _run(session: Session, statements: Sequence[str], **params: object) -> None:
    for statement in statements:
        session.execute(text(statement), params)


def _take_referrer(session: Session, plan: MergePlan) -> None:
    """Give the kept contact the chosen "referred by" with the day it was recorded and the
    day its referrer was thanked, as the contact it comes from had them."""
    source = plan.winners["referred_by"]
    referrer = dict(plan.inputs())[source].referred_by_id
    params = {"k": plan.kept.id, "s": source, "r": referrer}
    session.execute(text("UPDATE contact SET referred_by_id = :r WHERE id = :k"), params)
    if referrer is None:  # nobody to thank: no thank-you reminder either
        session.execute(
            text(
                "UPDATE contact_referral_state SET referred_on = NULL, thanked_on = NULL "
                "WHERE contact_id = :k"
            ),
            params,
        )
    if source == plan.kept.id or referrer is None:
        return
    _run(
        session,
        (
            "INSERT OR IGNORE INTO contact_referral_state (contact_id, never_ask) VALUES (:k, 0)",
            "UPDATE contact_referral_state SET "
            "referred_on = (SELECT referred_on FROM contact_referral_state WHERE contact_id = :s), "
            "thanked_on = (SELECT thanked_on FROM contact_referral_state WHERE contact_id = :s) "
            "WHERE contact_id = :k",
        ),
        **params,
    )


def _remove(session: Session, other: int) -> None:
    """Delete what is left of the other, child rows first (each recorded for undo)."""
    tables = [children(field).table for field in LABELLED_FIELDS]
    for table in (*tables, "contact_tag", "contact_photo", "contact_referral_state"):
        session.execute(text(f"DELETE FROM {table} WHERE contact_id = :o"), {"o": other})
    session.execute(text("DELETE FROM contact WHERE id = :o"), {"o": other})


def apply_merge(session: Session, contacts: ContactService, plan: MergePlan, now: datetime) -> None:
    """Merge ``plan.others`` into ``plan.kept`` inside the caller's transaction."""
    import json

    kept = plan.kept.id
    merged = json.dumps([kept, *plan.other_ids])
    _take_referrer(session, plan)
    contacts.rewrite(session, kept, plan.merged())
    for other in plan.other_ids:
        params = {"k": kept, "o": other, "merged": merged}
        # First: on a journal that syncs, the alias's stamp then opens the span of this
        # merge's changes (core/sync/journal_side/merge_cycles.py undoes them by that span
        # when another computer merged the two the other way round).
        alias_contact(session, other, kept)
        _run(session, _MOVE_PARTICIPANTS, **params)
        for table in _OWNED:
            session.execute(
                text(f"UPDATE {table} SET contact_id = :k WHERE contact_id = :o"), params
            )
        for prefix in _CONTACT_KEYS:
            _run(session, _MOVE_STATE, p=prefix, **params)
        _run(session, (*_MOVE_MARKS, *_MOVE_REST), **params)
        _remove(session, other)
    refresh_last_contact(session, [kept], now)
