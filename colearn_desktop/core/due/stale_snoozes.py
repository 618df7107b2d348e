"""Snoozes that talking to someone has made pointless are cleared in the same transaction.

A snooze is stored per item key in ``due_item_state`` (``cadence:<contact>``,
``checkin:<purchase>:<days>``) and moves the item to ``max(due day, snoozed_until)``.  Keyed
by the contact (or purchase), a keep-in-touch snooze would otherwise survive the conversation
that answered it: snooze Ana until March, talk to her today, and her next keep-in-touch
reminder (today + cadence) stays hidden until March, and the row stays forever.

So when a conversation moves a contact's last contact *later* (logging one, editing one to a
later day, restoring one from the trash), the conversation service calls
:func:`clear_stale_snoozes` for those contacts:

- their keep-in-touch snooze goes (the clock restarted; "I reached out" is kept);
- so does the snooze of each of their check-ins that the conversation now satisfies (see
  ``core/due/rules/checkins.py``: satisfied when the days talked after the purchase,
  ``purchase.talked_after_days``, reach max(N - W, 1)); a check-in the talk does not satisfy
  keeps its snooze;
- rows left with neither a snooze nor a "done" day are deleted.

An older conversation logged later (the last contact does not move) changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import DateTime, bindparam, text
from sqlalchemy.orm import Session

from colearn_desktop.core.storage.settings import JournalSettings

_CHECKIN_KEY = "'checkin:' || p.id || ':'"

_STALE_KEYS = f"""
    SELECT 'cadence:' || value FROM json_each(:ids)
    UNION ALL
    SELECT s.key FROM purchase p
    JOIN due_item_state s ON s.key > {_CHECKIN_KEY} AND s.key < 'checkin:' || p.id || ';'
    WHERE p.contact_id IN (SELECT value FROM json_each(:ids))
      AND s.snoozed_until IS NOT NULL
      AND p.talked_after_days >= max(
          CAST(substr(s.key, length({_CHECKIN_KEY}) + 1) AS INTEGER) - COALESCE(
              (SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'checkin_window_days'),
              :window),
          1)
"""

_CLEAR = text(
    f"""
    UPDATE due_item_state SET snoozed_until = NULL, updated_at = :now
    WHERE snoozed_until IS NOT NULL AND key IN ({_STALE_KEYS})
    """
).bindparams(bindparam("now", type_=DateTime()))

_DROP_EMPTY = text(
    """
    DELETE FROM due_item_state
    WHERE snoozed_until IS NULL AND done_for IS NULL AND key IN (
        SELECT 'cadence:' || value FROM json_each(:ids)
        UNION ALL
        SELECT s.key FROM purchase p
        JOIN due_item_state s ON s.key > 'checkin:' || p.id || ':'
                             AND s.key < 'checkin:' || p.id || ';'
        WHERE p.contact_id IN (SELECT value FROM json_each(:ids)))
    """
)


def clear_stale_snoozes(session: Session, contact_ids: Iterable[int], now: datetime) -> None:
    """Clear the snoozes a newer conversation with ``contact_ids`` has answered (see the
    module docstring).  Runs inside the caller's write transaction."""
    ids = sorted(set(contact_ids))
    if not ids:
        return
    params = {
        "ids": json.dumps(ids),
        "now": now,
        "window": JournalSettings().checkin_window_days,
    }
    session.execute(_CLEAR, params)
    session.execute(_DROP_EMPTY, {"ids": params["ids"]})
