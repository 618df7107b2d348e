"""Between purchases: check in with a client some days after each purchase.

For every purchase P (not in the trash) of an active contact and every offset N in
``settings.checkin_offsets`` (default 14 "how is it going?" and 90 "anything new?") there is a
check-in due on D = P + N days.  With W = ``settings.checkin_window_days`` (default 7):

- **Satisfied** by any conversation with that contact dated on or after max(D − W, P + 1 day):
  a talk up to W days before the check-in day counts, so does one on the day or any day after
  it (a late check-in is still a check-in); a talk on the purchase day itself does not.
  Since the newest conversation is what decides, the rule reads the cached
  ``contact.last_contact_at``.
- **Replaced** by a later purchase of the same contact made on or before D (two purchases on
  one day count as one), and by a later check-in of the same purchase that is already due: missed
  check-ins do not pile up.
- "Done" records D as done (``done_for``); a snooze moves it like any item.
"""

from __future__ import annotations

import json
import sqlite3

from ..settings import JournalSettings
from .common import Window, make_key, need_date, run, shown, to_date
from .records import DueCount, DueItem, DueKind

_DUE = "date(p.purchased_on, '+' || o.n || ' days')"
_URGENT = f"max({_DUE}, COALESCE(s.snoozed_until, ''))"

_INNER = f"""
    WITH offsets(n) AS (SELECT DISTINCT CAST(value AS INTEGER) FROM json_each(:offsets))
    SELECT p.id, o.n, c.id, c.display_name, p.purchased_on, p.what, date(c.last_contact_at),
           s.snoozed_until, {_DUE}, {_URGENT} AS urgent_on, {_URGENT} AS shown_from,
           c.sort_name AS sort_name
    FROM purchase p
    CROSS JOIN offsets o
    JOIN contact c ON c.id = p.contact_id
    LEFT JOIN due_item_state s ON s.key = 'checkin:' || p.id || ':' || o.n
    WHERE p.deleted_at IS NULL AND c.archived_at IS NULL
      AND p.purchased_on <= date(:until, '-' || o.n || ' days')
      AND (c.last_contact_at IS NULL OR c.last_contact_at < max(
            date(p.purchased_on, (o.n - :window) || ' days'), date(p.purchased_on, '+1 day')))
      AND NOT EXISTS (
            SELECT 1 FROM offsets o2
            WHERE o2.n > o.n AND p.purchased_on <= date(:today, '-' || o2.n || ' days'))
      AND NOT EXISTS (
            SELECT 1 FROM purchase p2
            WHERE p2.contact_id = p.contact_id AND p2.deleted_at IS NULL
              AND (p2.purchased_on > p.purchased_on
                   OR (p2.purchased_on = p.purchased_on AND p2.id > p.id))
              AND p2.purchased_on <= {_DUE})
      AND (s.done_for IS NULL OR s.done_for < {_DUE})
      AND {_URGENT} <= :until
"""


def fetch(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[DueItem], DueCount]:
    if not settings.checkin_offsets:
        return [], DueCount()
    params = {
        **window.params(),
        "offsets": json.dumps(list(settings.checkin_offsets)),
        "window": settings.checkin_window_days,
    }
    rows, count = run(connection, _INNER + window.where("c.id", "p.id"), params)
    first = min(settings.checkin_offsets)
    items = []
    for purchase_id, offset, contact_id, name, bought, what, last, snoozed, due in rows:
        due_on = need_date(due)
        snoozed_until = to_date(snoozed)
        items.append(
            DueItem(
                key=make_key(DueKind.CHECK_IN, purchase_id, offset),
                kind=DueKind.CHECK_IN,
                due_on=due_on,
                shown_from=shown(due_on, snoozed_until),
                snoozed_until=snoozed_until,
                contact_id=contact_id,
                contact_name=name,
                facts={
                    "purchase_id": purchase_id,
                    "what": what,
                    "purchased_on": to_date(bought),
                    "offset_days": offset,
                    # The first offset asks "how is it going?", later ones "anything new?".
                    "first": offset == first,
                    "last_contact_on": to_date(last),
                },
            )
        )
    return items, count
