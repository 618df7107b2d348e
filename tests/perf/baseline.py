"""The floor each figure is compared with: the same work written by hand with raw sqlite3.

Nothing here imports the app's code paths for the work being measured: the SQL is written
out in full, over the journal's base tables (not any cached column the app may keep), the way
a competent programmer would write it directly.  What a baseline leaves out compared with the
app is said next to it (and in tests/perf/README.md).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

STAGES = ("network", "search", "shop", "help")


def connect(path: Path) -> sqlite3.Connection:
    """A raw connection with the app's pragmas (WAL, synchronous=FULL, foreign keys on) and
    explicit transactions (autocommit driver, BEGIN/COMMIT written out)."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout = 5000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def stage_case(alias: str = "c") -> str:
    return f"CASE {alias}.stage " + " ".join(f"WHEN '{s}' THEN :cad_{s}" for s in STAGES) + " END"


def stage_params(stage_cadence: dict[str, int | None]) -> dict[str, int | None]:
    return {f"cad_{s}": stage_cadence.get(s) for s in STAGES}


def has_list_cache(connection: sqlite3.Connection) -> bool:
    """Whether the contact rows carry the cached list values (revision 0005 on): then the
    hand-written floor reads them too, as anyone writing SQL against this schema would."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(contact)")}
    return {"keep_in_touch_on", "tags_text", "favours_i_owe"} <= columns


# -- the contacts list -------------------------------------------------------------------------

_CADENCE = f"COALESCE(c.cadence_days, tg.tag_cadence, {stage_case()})"
_NEXT_DUE = (
    f"max(date(max(date(COALESCE(c.last_contact_at, c.created_at)), COALESCE(ks.done_for, '')),"
    f" '+' || {_CADENCE} || ' days'), COALESCE(ks.snoozed_until, ''))"
)

LIST_SELECT = f"""
SELECT c.id, c.display_name, c.company, c.stage, c.last_contact_at,
       CASE WHEN {_CADENCE} IS NULL THEN NULL ELSE {_NEXT_DUE} END AS next_due,
       COALESCE(fb.i_owe, 0) AS i_owe, COALESCE(fb.they_owe, 0) AS they_owe,
       COALESCE(tg.tags, '') AS tags
FROM contact c
LEFT JOIN (
    SELECT contact_id, sum(direction = 'i_owe') AS i_owe, sum(direction = 'they_owe') AS they_owe
    FROM favour WHERE status IN ('open', 'partly_done') AND deleted_at IS NULL
    GROUP BY contact_id
) fb ON fb.contact_id = c.id
LEFT JOIN (
    SELECT ct.contact_id, group_concat(t.name, ', ') AS tags, min(t.cadence_days) AS tag_cadence
    FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id GROUP BY ct.contact_id
) tg ON tg.contact_id = c.id
LEFT JOIN due_item_state ks ON ks.key = 'cadence:' || c.id
"""

# The same orders as the app's columns (empty values last, then by name, then id).
LIST_ORDER = {
    "name": ("c.sort_name",),
    "company": ("c.company = ''", "c.company COLLATE NOCASE", "c.sort_name"),
    "stage": (
        "CASE c.stage WHEN 'network' THEN 0 WHEN 'search' THEN 1 WHEN 'shop' THEN 2 "
        "WHEN 'help' THEN 3 END",
        "c.sort_name",
    ),
    "last_contact": ("c.last_contact_at IS NULL", "c.last_contact_at", "c.sort_name"),
    "next_due": ("next_due IS NULL", "next_due", "c.sort_name"),
    # Spelled out: inside an expression a bare "i_owe" or "tags" would name the joined column
    # (NULL for people without favours or tags), not the output column.
    "balance": ("COALESCE(fb.i_owe, 0) - COALESCE(fb.they_owe, 0)", "c.sort_name"),
    "tags": ("tg.tags IS NULL", "tg.tags COLLATE NOCASE", "c.sort_name"),
}

_TAGS_JOIN = """
LEFT JOIN (
    SELECT ct.contact_id, group_concat(t.name, ', ') AS tags
    FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id GROUP BY ct.contact_id
) tg ON tg.contact_id = c.id
"""

_FILTER = (
    "(c.sort_name LIKE :text ESCAPE '\\' OR c.company LIKE :text ESCAPE '\\'"
    " OR tg.tags LIKE :text ESCAPE '\\' OR EXISTS (SELECT 1 FROM contact_email e"
    " WHERE e.contact_id = c.id AND e.address_key LIKE :text ESCAPE '\\'))"
)


def list_sql(sort: str = "name", descending: bool = False, *, filtered: bool = False) -> str:
    keys = []
    for key in (*LIST_ORDER[sort], "c.id"):
        placement = key.endswith(" IS NULL") or key.endswith(" = ''")
        keys.append(key if placement or not descending else key + " DESC")
    where = "WHERE c.archived_at IS NULL" + (f" AND {_FILTER}" if filtered else "")
    return f"{LIST_SELECT} {where} ORDER BY {', '.join(keys)}"


def like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.casefold()}%"


def list_rows(
    connection: sqlite3.Connection,
    params: dict[str, Any],
    sort: str = "name",
    descending: bool = False,
    text: str = "",
    limit: int | None = None,
) -> list[tuple[Any, ...]]:
    """The list in this order (and filter); with ``limit``, only the first rows of it, plus
    (like a list that shows "N contacts" while holding one page) the count of all of them."""
    if text:
        params = {**params, "text": like(text)}
    sql = list_sql(sort, descending, filtered=bool(text))
    if limit is None:
        return connection.execute(sql, params).fetchall()
    rows = connection.execute(f"{sql} LIMIT :limit", {**params, "limit": limit}).fetchall()
    if len(rows) == limit:
        where = "WHERE c.archived_at IS NULL" + (f" AND {_FILTER}" if text else "")
        join = "" if not text else _TAGS_JOIN
        connection.execute(f"SELECT count(*) FROM contact c {join} {where}", params).fetchone()
    return rows


CACHED_FIRST_PAGE = """
SELECT c.id, c.display_name, c.company, c.stage, c.last_contact_at, c.keep_in_touch_on,
       c.favours_i_owe, c.favours_they_owe, c.tags_text
FROM contact c WHERE c.archived_at IS NULL ORDER BY c.sort_name, c.id LIMIT :limit
"""


def first_page(
    connection: sqlite3.Connection, params: dict[str, Any], limit: int | None
) -> list[tuple[Any, ...]]:
    """The list by name as a screen opens it: the first ``limit`` rows (all with None) and
    the count of all of them, from the cached columns when the schema has them."""
    if limit is None or not has_list_cache(connection):
        return list_rows(connection, params, limit=limit)
    rows = connection.execute(CACHED_FIRST_PAGE, {"limit": limit}).fetchall()
    connection.execute("SELECT count(*) FROM contact WHERE archived_at IS NULL").fetchone()
    return rows


# -- Today: one query ------------------------------------------------------------------------

_SNOOZE = "COALESCE(s.snoozed_until, '')"


_KEEP_IN_TOUCH = """
    SELECT 'keep_in_touch' AS kind, id AS item, id AS contact_id, name, sort_name,
           due AS urgent_on, due AS shown_from
    FROM (SELECT c.id, c.display_name AS name, c.sort_name,
                 max(date(max(date(COALESCE(c.last_contact_at, c.created_at)),
                              COALESCE(s.done_for, '')),
                          '+' || COALESCE(c.cadence_days, tc.days, {stage}) || ' days'),
                     COALESCE(s.snoozed_until, '')) AS due
          FROM contact c
          LEFT JOIN tag_cadence tc ON tc.contact_id = c.id
          LEFT JOIN due_item_state s ON s.key = 'cadence:' || c.id
          WHERE c.archived_at IS NULL)
"""

_CACHED_KEEP_IN_TOUCH = """
    SELECT 'keep_in_touch' AS kind, c.id AS item, c.id AS contact_id, c.display_name AS name,
           c.sort_name AS sort_name, c.keep_in_touch_on AS urgent_on,
           c.keep_in_touch_on AS shown_from
    FROM contact c
    WHERE c.archived_at IS NULL AND c.keep_in_touch_on <= :today
"""


def today_sql(offsets: Iterable[int], *, cached: bool = False) -> str:
    """Every rule of the Today screen as one UNION ALL, ordered most overdue first.  Each arm
    yields (kind, item id, contact id, name, sort name, urgent day, first day shown).  With
    ``cached``, keeping in touch reads the contact's cached day instead of working it out."""
    ordered = sorted(set(offsets))
    offset_rows = (
        " UNION ALL ".join(
            f"SELECT {n} AS n, {ordered[i + 1] if i + 1 < len(ordered) else 'NULL'} AS next"
            for i, n in enumerate(ordered)
        )
        or "SELECT NULL AS n, NULL AS next WHERE 0"
    )
    due_checkin = "date(p.purchased_on, '+' || o.n || ' days')"
    occurs_y0 = (
        "printf('%04d-%02d-%02d', :y0, c.birthday_month, CASE WHEN c.birthday_month = 2 AND"
        " c.birthday_day = 29 THEN :feb0 ELSE c.birthday_day END)"
    )
    occurs_y1 = occurs_y0.replace(":y0", ":y1").replace(":feb0", ":feb1")
    keep_in_touch = _CACHED_KEEP_IN_TOUCH if cached else _KEEP_IN_TOUCH.format(stage=stage_case())
    return f"""
WITH tag_cadence AS (
    SELECT ct.contact_id, min(t.cadence_days) AS days
    FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
    WHERE t.cadence_days IS NOT NULL GROUP BY ct.contact_id
), offsets AS ({offset_rows}),
items AS (
{keep_in_touch}    UNION ALL
    SELECT 'follow_up', cv.id, min(c.id), min(c.display_name), min(c.sort_name),
           max(cv.next_step_due, {_SNOOZE}), max(cv.next_step_due, {_SNOOZE})
    FROM conversation cv
    CROSS JOIN conversation_contact cc ON cc.conversation_id = cv.id
    CROSS JOIN contact c ON c.id = cc.contact_id
    LEFT JOIN due_item_state s ON s.key = 'followup:' || cv.id
    WHERE cv.next_step_due <= :today AND cv.next_step_done_at IS NULL AND cv.deleted_at IS NULL
      AND c.archived_at IS NULL
    GROUP BY cv.id
    UNION ALL
    SELECT 'check_in', p.id, c.id, c.display_name, c.sort_name,
           max({due_checkin}, {_SNOOZE}), max({due_checkin}, {_SNOOZE})
    FROM purchase p
    JOIN contact c ON c.id = p.contact_id AND c.archived_at IS NULL
    CROSS JOIN offsets o
    LEFT JOIN due_item_state s ON s.key = 'checkin:' || p.id || ':' || o.n
    WHERE p.deleted_at IS NULL AND {due_checkin} <= :today
      AND (o.next IS NULL OR date(p.purchased_on, '+' || o.next || ' days') > :today)
      AND (c.last_contact_at IS NULL OR c.last_contact_at <
           max(date(p.purchased_on, '+' || (o.n - :window) || ' days'),
               date(p.purchased_on, '+1 days')))
      AND NOT EXISTS (SELECT 1 FROM purchase p2
                      WHERE p2.contact_id = p.contact_id AND p2.deleted_at IS NULL
                        AND (p2.purchased_on > p.purchased_on
                             OR (p2.purchased_on = p.purchased_on AND p2.id > p.id))
                        AND p2.purchased_on <= {due_checkin})
      AND (s.done_for IS NULL OR s.done_for < {due_checkin})
    UNION ALL
    SELECT 'favour', id, contact_id, name, sort_name, due, due
    FROM (SELECT f.id, c.id AS contact_id, c.display_name AS name, c.sort_name,
                 max(COALESCE(f.due_on, date(f.started_on, '+' || :stale || ' days')),
                     {_SNOOZE}) AS due
          FROM favour f
          JOIN contact c ON c.id = f.contact_id AND c.archived_at IS NULL
          LEFT JOIN due_item_state s ON s.key = 'favour:' || f.id
          WHERE f.status IN ('open', 'partly_done') AND f.deleted_at IS NULL
            AND (f.due_on IS NOT NULL OR f.direction = 'i_owe'))
    UNION ALL
    SELECT 'thanks', y.id, x.id, x.display_name, x.sort_name,
           max(r.referred_on, {_SNOOZE}), max(r.referred_on, {_SNOOZE})
    FROM contact_referral_state r
    JOIN contact y ON y.id = r.contact_id
    JOIN contact x ON x.id = y.referred_by_id AND x.archived_at IS NULL
    LEFT JOIN due_item_state s ON s.key = 'thanks:' || y.id
    WHERE r.referred_on IS NOT NULL AND r.thanked_on IS NULL
    UNION ALL
    SELECT 'birthday', b.id, b.id, b.display_name, b.sort_name,
           max(b.occurs, {_SNOOZE}), max(date(b.occurs, '-' || :notice || ' days'), {_SNOOZE})
    FROM (SELECT c.id, c.display_name, c.sort_name,
                 CASE WHEN {occurs_y0} >= :birthday_from THEN {occurs_y0} ELSE {occurs_y1} END
                   AS occurs
          FROM contact c WHERE c.archived_at IS NULL AND c.birthday_month IS NOT NULL) b
    LEFT JOIN due_item_state s ON s.key = 'birthday:' || b.id || ':' || substr(b.occurs, 1, 4)
    WHERE s.done_for IS NULL OR s.done_for < b.occurs
    UNION ALL
    SELECT 'referral_ask', a.id, c.id, c.display_name, c.sort_name,
           max(date(a.asked_on, '+' || :nudge || ' days'), {_SNOOZE}),
           max(date(a.asked_on, '+' || :nudge || ' days'), {_SNOOZE})
    FROM referral_ask a
    JOIN contact c ON c.id = a.contact_id AND c.archived_at IS NULL
    LEFT JOIN due_item_state s ON s.key = 'ask:' || a.id
    WHERE a.status = 'asked'
    UNION ALL
    SELECT 'reminder', r.id, r.contact_id, COALESCE(c.display_name, ''),
           COALESCE(c.sort_name, ''), max(r.due_on, COALESCE(r.snoozed_until, '')),
           max(r.due_on, COALESCE(r.snoozed_until, ''))
    FROM reminder r LEFT JOIN contact c ON c.id = r.contact_id
    WHERE r.done_at IS NULL AND r.deleted_at IS NULL
      AND (r.contact_id IS NULL OR c.archived_at IS NULL)
)
SELECT * FROM items WHERE shown_from <= :today ORDER BY urgent_on, sort_name
"""


def today_limited_sql(offsets: Iterable[int], *, cached: bool = False) -> str:
    """:func:`today_sql` keeping at most ``:limit`` items of each kind (the most overdue), with
    each kind's total and overdue count: what a screen that shows a page per kind needs."""
    full = today_sql(offsets, cached=cached)
    head, _select = full.rsplit("SELECT * FROM items", 1)
    return (
        head
        + """, shown AS (
    SELECT *, row_number() OVER (PARTITION BY kind ORDER BY urgent_on, sort_name) AS n,
           count(*) OVER (PARTITION BY kind) AS total,
           total(urgent_on < :today) OVER (PARTITION BY kind) AS overdue
    FROM items WHERE shown_from <= :today
)
SELECT * FROM shown WHERE n <= :limit ORDER BY urgent_on, sort_name
"""
    )


def today_params(
    today: date,
    stage_cadence: dict[str, int | None],
    *,
    grace_days: int,
    window_days: int,
    stale_days: int,
    notice_days: int,
    nudge_days: int,
) -> dict[str, Any]:
    import calendar

    start = today - timedelta(days=grace_days)
    return {
        **stage_params(stage_cadence),
        "today": today.isoformat(),
        "window": window_days,
        "stale": stale_days,
        "notice": notice_days,
        "nudge": nudge_days,
        "birthday_from": start.isoformat(),
        "y0": start.year,
        "y1": start.year + 1,
        "feb0": 29 if calendar.isleap(start.year) else 28,
        "feb1": 29 if calendar.isleap(start.year + 1) else 28,
    }


# -- search ----------------------------------------------------------------------------------

_MATCHES = "(SELECT rowid AS id FROM {t} WHERE {t} MATCH :q ORDER BY rowid DESC LIMIT :limit)"

SEARCH_SQL = {
    "contact": "SELECT c.id, c.display_name, c.company, c.archived_at IS NOT NULL "
    f"FROM {_MATCHES.format(t='search_contact')} m JOIN contact c ON c.id = m.id",
    "conversation": "SELECT cv.id, cv.happened_at, cv.channel, cv.notes, cv.they_asked, "
    "cv.next_step, c.id, c.display_name "
    f"FROM {_MATCHES.format(t='search_conversation')} m JOIN conversation cv ON cv.id = m.id "
    "JOIN conversation_contact cc ON cc.conversation_id = cv.id "
    "JOIN contact c ON c.id = cc.contact_id",
    "learning": "SELECT cv.id, cv.happened_at, cv.learned, c.id, c.display_name "
    f"FROM {_MATCHES.format(t='search_learning')} m JOIN conversation cv ON cv.id = m.id "
    "JOIN conversation_contact cc ON cc.conversation_id = cv.id "
    "JOIN contact c ON c.id = cc.contact_id",
    "favour": "SELECT f.id, f.started_on, f.description, f.notes, f.direction, f.status, c.id, "
    f"c.display_name FROM {_MATCHES.format(t='search_favour')} m "
    "JOIN favour f ON f.id = m.id JOIN contact c ON c.id = f.contact_id",
    "purchase": "SELECT p.id, p.purchased_on, p.what, p.notes, p.amount_cents, p.currency, c.id, "
    f"c.display_name FROM {_MATCHES.format(t='search_purchase')} m "
    "JOIN purchase p ON p.id = m.id JOIN contact c ON c.id = p.contact_id",
}

_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """Every word a quoted prefix, all required (what the app's search box means too)."""
    return " ".join(f'"{w}"*' for w in _WORD.findall(text.casefold()))


def search(connection: sqlite3.Connection, text: str, limit: int = 10) -> int:
    query = fts_query(text)
    if not query:
        return 0
    found = 0
    for sql in SEARCH_SQL.values():
        found += len(connection.execute(sql, {"q": query, "limit": limit}).fetchall())
    return found
