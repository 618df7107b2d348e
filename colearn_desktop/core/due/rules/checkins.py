"""Between purchases: check in with a client some days after each purchase.

For every purchase P (not in the trash) of an active contact and every offset N in
``settings.checkin_offsets`` (default 14 "how is it going?" and 90 "anything new?") there is a
check-in due on D = P + N days.  With W = ``settings.checkin_window_days`` (default 7):

- **Satisfied** by any conversation with that contact dated on or after max(D − W, P + 1 day):
  a talk up to W days before the check-in day counts, so does one on the day or any day after
  it (a late check-in is still a check-in); a talk on the purchase day itself does not.
- **Replaced** by a later purchase of the same contact made on or before D (two purchases on
  one day count as one), and by a later check-in of the same purchase that is already due: missed
  check-ins do not pile up.
- "Done" records D as done (``done_for``); a snooze moves it like any item.

Speed: the newest conversation is what decides satisfaction, and the next purchase what
decides replacement, so each purchase carries both as day counts kept by triggers
(``talked_after_days``: satisfied exactly when it is at least max(N − W, 1);
``rebought_after_days``: replaced exactly when it is at most N; see ``core/contact_cache.py``).
Per offset the rule is then one range of the partial index ``ix_purchase_checkin``, and the
purchase rows and names are read only for the items shown.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

from colearn_desktop.core.due.common import ARCHIVED, Days, Window, chosen, pick, required
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import DueRule, Found, Row, Words, done_this_time
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.core.text import fill

PREFIX = "checkin"  # the key: checkin:<purchase>:<days after it>


def _arm(i: int, window: Window, *, details: bool = False, narrow: bool = False) -> str:
    """The check-ins of offset ``i`` (parameters ``:o<i>_*``, see :func:`fetch`): their
    candidates, or their details (``narrow``: of the purchases :func:`pick` chose)."""
    due = f"date(p.purchased_on, :o{i}_due)"
    urgent = f"max({due}, COALESCE(s.snoozed_until, ''))"
    key = f"'{PREFIX}:' || p.id || ':' || :o{i}_n"
    if details:
        columns = (
            f"p.id, :o{i}_n, {key}, c.id, c.display_name, p.purchased_on, p.what,"
            f" date(c.last_contact_at), s.snoozed_until, {due},"
            f" {urgent} AS urgent_on, {urgent} AS shown_from, c.sort_name AS sort_name"
        )
        contact = "JOIN contact c ON c.id = p.contact_id"
    else:
        columns = f"p.id, {urgent}, {i}"
        contact = ""
    # Today reads the index of open check-ins, one seek per number of days talked after the
    # purchase that leaves it open (each a range of purchase days); one contact or purchase,
    # or the purchases chosen, their own rows.
    source = "purchase p NOT INDEXED" if narrow else "purchase p"
    talked = f"p.talked_after_days < :o{i}_satisfied"
    if window.contact_id is None and window.entity_id is None and not narrow:
        source += " INDEXED BY ix_purchase_checkin"
        talked = f"p.talked_after_days IN (SELECT value FROM json_each(:o{i}_talked))"
    # The due day is on or before ``until`` (``:o<i>_last``), so a snooze decides the rest.
    return f"""
        SELECT {columns}
        FROM {source}
        {contact}
        LEFT JOIN due_item_state s ON s.key = {key}
        WHERE p.deleted_at IS NULL AND {talked}
          AND p.purchased_on <= :o{i}_last AND p.purchased_on >= :o{i}_replaced
          AND (p.rebought_after_days IS NULL OR p.rebought_after_days > :o{i}_n)
          AND p.contact_id NOT IN {ARCHIVED}
          AND COALESCE(s.snoozed_until, '') <= :until
          AND (s.done_for IS NULL OR s.done_for < {due})
          {window.where("p.contact_id", "p.id")}
          {f"AND p.id IN {chosen(i)}" if narrow else ""}"""


def _offset_params(offsets: list[int], width: int, window: Window) -> dict[str, object]:
    """Per offset, values worked out once so the per-purchase conditions are plain
    comparisons: n, '+n days', the last purchase day whose check-in falls by ``until``, the
    first purchase day whose check-in is not yet replaced by the next offset's (already due),
    and the days of talk after the purchase that satisfy it."""
    params: dict[str, object] = {}
    for i, n in enumerate(offsets):
        later = [m for m in offsets if m > n]
        replaced = window.today - timedelta(days=later[0] - 1) if later else None
        params.update(
            {
                f"o{i}_n": n,
                f"o{i}_due": f"+{n} days",
                f"o{i}_last": (window.until - timedelta(days=n)).isoformat(),
                f"o{i}_replaced": replaced.isoformat() if replaced else "",
                f"o{i}_satisfied": max(n - width, 1),
                f"o{i}_talked": json.dumps(list(range(max(n - width, 1)))),
            }
        )
    return params


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    if not settings.checkin_offsets:
        return [], DueCount()
    offsets = sorted(set(settings.checkin_offsets))
    params: dict[str, object] = {
        **window.params(),
        **_offset_params(offsets, settings.checkin_window_days, window),
    }
    return pick(
        connection,
        params,
        candidates=" UNION ALL ".join(_arm(i, window) for i in range(len(offsets))),
        details=lambda narrow: " UNION ALL ".join(
            _arm(i, window, details=True, narrow=narrow) for i in range(len(offsets))
        ),
        arms=len(offsets),
    )


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    (
        purchase_id,
        offset,
        _key,
        contact_id,
        name,
        bought,
        what,
        last,
        snoozed,
        due,
        _urgent,
        _shown,
        _sort,
    ) = row
    facts = {
        "purchase_id": purchase_id,
        "what": what,
        "purchased_on": day[bought],
        "offset_days": offset,
        # The first offset asks "how is it going?", later ones "anything new?".
        "first": offset == min(settings.checkin_offsets),
        "last_contact_on": day[last],
    }
    due_on = required(day[due])
    return Found((purchase_id, offset), due_on, day[snoozed], contact_id, name, facts)


def title(item: DueItem, words: Words) -> str:
    if item.facts["first"]:
        return words.text("Check in with %1: how is it going?", item.contact_name)
    return words.text("Check in with %1: anything new?", item.contact_name)


def reason(item: DueItem, today: date, words: Words) -> str:
    """ "14 days after buying Logo design (Sun 1 Nov)"."""
    f = item.facts
    after = words.count("%n day(s) after buying %1", f["offset_days"], f["what"])
    return f"{after} ({words.day(f['purchased_on'])})"


def phrase(item: DueItem) -> str:
    return fill("check in with %1", item.contact_name)


RULE = DueRule(
    kind=DueKind.CHECK_IN,
    prefix=PREFIX,
    parts=2,
    label="Check-ins after a purchase",
    table="purchase",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done_this_time,
    phrase=phrase,
)
