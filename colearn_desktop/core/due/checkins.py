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

import sqlite3
from datetime import timedelta

from ..settings import JournalSettings
from .common import Window, make_key, need_date, run, shown, to_date
from .records import DueCount, DueItem, DueKind

_DUE = "date(p.purchased_on, o.due_shift)"
_URGENT = f"max({_DUE}, COALESCE(s.snoozed_until, ''))"

# ``offsets`` holds, per offset, values worked out once in Python so that the per-purchase
# conditions are plain text comparisons: n, '+n days', the last purchase day whose check-in
# falls by ``until``, the day before which a later offset's check-in is already due (that
# one replaces it), and the shift to the first day a conversation satisfies it.
_INNER = f"""
    WITH offsets(n, due_shift, last_bought, replaced_before, satisfied_shift)
      AS ({{offsets}})
    SELECT p.id, o.n, c.id, c.display_name, p.purchased_on, p.what, date(c.last_contact_at),
           s.snoozed_until, {_DUE}, {_URGENT} AS urgent_on, {_URGENT} AS shown_from,
           c.sort_name AS sort_name
    FROM purchase p
    JOIN contact c ON c.id = p.contact_id
    CROSS JOIN offsets o
    LEFT JOIN due_item_state s ON s.key = 'checkin:' || p.id || ':' || o.n
    WHERE p.deleted_at IS NULL AND +c.archived_at IS NULL
      AND p.purchased_on > COALESCE(date(c.last_contact_at, :reach), '')
      AND p.purchased_on <= o.last_bought
      AND p.purchased_on >= o.replaced_before
      AND (c.last_contact_at IS NULL
           OR c.last_contact_at < date(p.purchased_on, o.satisfied_shift))
      AND NOT EXISTS (
            SELECT 1 FROM purchase p2
            WHERE p2.contact_id = p.contact_id AND p2.deleted_at IS NULL
              AND (p2.purchased_on > p.purchased_on
                   OR (p2.purchased_on = p.purchased_on AND p2.id > p.id))
              AND p2.purchased_on <= {_DUE})
      AND (s.done_for IS NULL OR s.done_for < {_DUE})
      AND {_URGENT} <= :until
"""


def _offset_rows(offsets: list[int], width: int, window: Window, params: dict[str, object]) -> str:
    rows = []
    for i, n in enumerate(offsets):
        later = [m for m in offsets if m > n]
        replaced_before = (
            (window.today - timedelta(days=later[0]) + timedelta(days=1)) if later else None
        )
        params.update(
            {
                f"o{i}_n": n,
                f"o{i}_due": f"+{n} days",
                f"o{i}_last": (window.until - timedelta(days=n)).isoformat(),
                f"o{i}_replaced": replaced_before.isoformat() if replaced_before else "",
                f"o{i}_satisfied": f"+{max(n - width, 1)} days",
            }
        )
        rows.append(f"(:o{i}_n, :o{i}_due, :o{i}_last, :o{i}_replaced, :o{i}_satisfied)")
    return "VALUES " + ", ".join(rows)


def fetch(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[DueItem], DueCount]:
    if not settings.checkin_offsets:
        return [], DueCount()
    offsets = sorted(set(settings.checkin_offsets))
    width = settings.checkin_window_days
    # Only purchases less than (largest offset - window) days older than the last
    # conversation can have an open check-in: a cheap bound that skips most purchases.
    reach = max(max(offsets) - width, 1)
    params: dict[str, object] = {**window.params(), "reach": f"-{reach} days"}
    values = _offset_rows(offsets, width, window, params)
    inner = _INNER.replace("{offsets}", values) + window.where("c.id", "p.id")
    rows, count = run(connection, inner, params)
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
