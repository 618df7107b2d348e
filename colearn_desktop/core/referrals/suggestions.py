"""Who to ask for a referral now: the "ready to ask" list, as one SQL query with its reasons.

A contact is ready to ask when all of these hold:

- a client (stage *help*), not archived, not marked "never ask";
- bought something recently (the latest purchase is at most ``RECENT_PROJECT_DAYS`` old);
- said something good about my work: a conversation marked *praise* (any time);
- not asked in the last ``referral_ask_interval_days`` (a setting, 90 by default), and no ask
  still waiting for an answer (an ask turns into "no answer" after
  ``referral_no_answer_days``);
- I am not heavily in their debt: I owe them fewer than ``HEAVY_DEBT`` more open favours than
  they owe me.  Asking someone I already owe two good turns is taking, not trading; the app
  suggests giving back first.  Owing them one is allowed but ranks lower.

Ranking (higher first; ties: the most recent praise, then by name) adds up points a user can
follow: recent praise (30 within 90 days, 20 within a year, else 10), a recent project (30
within 90 days, 20 within 180, else 10), a repeat client (+10 for two or more purchases), a
proven referrer (+15 if they referred someone before), they owe me more than I owe them (+5),
I owe them more (-15).  Each row carries its reasons as structured data; screens word them.

The query filters in steps (cheap columns first) and looks up the latest project and praise
text only for the rows it returns, so it stays fast on a 100,000-contact journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

RECENT_PROJECT_DAYS = 365
HEAVY_DEBT = 2
PRAISE_QUOTE_LIMIT = 300


class ReasonKind(StrEnum):
    RECENT_PROJECT = "recent_project"  # on = purchase date, text = what
    REPEAT_CLIENT = "repeat_client"  # count = purchases
    PRAISE = "praise"  # on = date of the praise, text = what they said
    PAST_REFERRER = "past_referrer"  # count = people they referred
    THEY_OWE_ME = "they_owe_me"  # count = open favours they owe me
    I_OWE_THEM = "i_owe_them"  # count = open favours I owe them (a caution)
    NEVER_ASKED = "never_asked"
    LAST_ASKED = "last_asked"  # on = date of the last ask
    EXCLUDED = "excluded"  # marked "never ask" (only listed when asked to include them)


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    on: date | None = None
    count: int | None = None
    text: str = ""
    # False for the reasons that speak against asking (owing them, excluded).
    positive: bool = True


@dataclass(frozen=True)
class Suggestion:
    contact_id: int
    display_name: str
    company: str
    score: int
    last_project: str
    last_project_on: date
    purchases: int
    praised_on: date
    praise: str
    last_asked_on: date | None
    referred: int
    i_owe: int
    they_owe: int
    never_ask: bool
    reasons: tuple[Reason, ...]


# Each step narrows the set before the next, dearer one runs: recent buyers (from the purchase
# date index), then clients not asked lately and not heavily owed, then praise.
_SQL = """
WITH bought AS MATERIALIZED (
    -- Only purchases inside the window matter: a recent buyer's latest purchase is among them.
    -- A purchase dated after today (journals from before dates had a range) is not "recent".
    SELECT contact_id, max(purchased_on) AS last_purchase_on
    FROM purchase
    WHERE purchased_on BETWEEN :recent_cutoff AND :today AND deleted_at IS NULL
    GROUP BY contact_id
),
not_asked AS MATERIALIZED (
    SELECT c.id, c.display_name, c.company, c.sort_name, b.last_purchase_on,
           COALESCE(rs.never_ask, 0) AS never_ask,
           COALESCE(fb.i_owe, 0) AS i_owe, COALESCE(fb.they_owe, 0) AS they_owe
    FROM bought b
    JOIN contact c ON c.id = b.contact_id
    LEFT JOIN contact_referral_state rs ON rs.contact_id = c.id
    LEFT JOIN (
        SELECT contact_id, sum(direction = 'i_owe') AS i_owe,
               sum(direction = 'they_owe') AS they_owe
        FROM favour
        WHERE status IN ('open', 'partly_done') AND deleted_at IS NULL
        GROUP BY contact_id
    ) fb ON fb.contact_id = c.id
    WHERE c.stage = 'help' AND c.archived_at IS NULL
      AND (:include_excluded OR COALESCE(rs.never_ask, 0) = 0)
      AND COALESCE(fb.i_owe, 0) - COALESCE(fb.they_owe, 0) < :heavy_debt
      -- Asked within the interval, or an ask still waiting for an answer.
      AND NOT EXISTS (
          SELECT 1 FROM referral_ask a
          WHERE a.contact_id = c.id AND a.asked_on > :ask_window_cutoff
            AND (a.asked_on > :asked_cutoff
                 OR (a.status = 'asked' AND a.asked_on > :no_answer_cutoff)))
),
praised AS MATERIALIZED (
    SELECT n.*,
           (SELECT max(cv.happened_at) FROM conversation_contact cc
              JOIN conversation cv ON cv.id = cc.conversation_id
             WHERE cc.contact_id = n.id AND cv.praise = 1 AND cv.deleted_at IS NULL
           ) AS last_praise_at
    FROM not_asked n
),
scored AS (
    SELECT e.*,
           (CASE WHEN e.last_praise_at >= :d90 THEN 30
                 WHEN e.last_praise_at >= :d365 THEN 20 ELSE 10 END)
         + (CASE WHEN e.last_purchase_on >= :d90 THEN 30
                 WHEN e.last_purchase_on >= :d180 THEN 20 ELSE 10 END)
         + (CASE WHEN (SELECT count(*) FROM purchase p
                        WHERE p.contact_id = e.id AND p.deleted_at IS NULL) >= 2
                 THEN 10 ELSE 0 END)
         + (CASE WHEN EXISTS (SELECT 1 FROM contact x WHERE x.referred_by_id = e.id)
                 THEN 15 ELSE 0 END)
         + (CASE WHEN e.they_owe > e.i_owe THEN 5 ELSE 0 END)
         - (CASE WHEN e.i_owe > e.they_owe THEN 15 ELSE 0 END) AS score
    FROM praised e
    WHERE e.last_praise_at IS NOT NULL
)
"""

_ORDER = "ORDER BY score DESC, last_praise_at DESC, sort_name, id"

ROWS_SQL = (
    _SQL
    + f"""
SELECT s.id, s.display_name, s.company, s.score, s.last_purchase_on,
       (SELECT count(*) FROM purchase p WHERE p.contact_id = s.id AND p.deleted_at IS NULL),
       s.last_praise_at,
       (SELECT max(a.asked_on) FROM referral_ask a WHERE a.contact_id = s.id),
       (SELECT count(*) FROM contact x WHERE x.referred_by_id = s.id),
       s.i_owe, s.they_owe, s.never_ask, s.total,
       (SELECT p.what FROM purchase p WHERE p.contact_id = s.id AND p.deleted_at IS NULL
           AND p.purchased_on <= :today
         ORDER BY p.purchased_on DESC, p.id DESC LIMIT 1) AS last_project,
       (SELECT cv.notes FROM conversation_contact cc
          JOIN conversation cv ON cv.id = cc.conversation_id
         WHERE cc.contact_id = s.id AND cv.praise = 1 AND cv.deleted_at IS NULL
           AND cv.notes <> ''
         ORDER BY cv.happened_at DESC, cv.id DESC LIMIT 1) AS praise
FROM (SELECT *, count(*) OVER () AS total FROM scored {_ORDER} LIMIT :limit) s
{_ORDER}
"""
)

COUNT_SQL = _SQL + "SELECT count(*) FROM scored"


def ready_params(
    today: date,
    *,
    ask_interval_days: int,
    no_answer_days: int,
    include_excluded: bool = False,
    recent_project_days: int = RECENT_PROJECT_DAYS,
) -> dict[str, object]:
    def ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    return {
        "include_excluded": 1 if include_excluded else 0,
        "today": today.isoformat(),
        "recent_cutoff": ago(recent_project_days),
        "no_answer_cutoff": ago(no_answer_days),
        "asked_cutoff": ago(ask_interval_days),
        "ask_window_cutoff": ago(max(ask_interval_days, no_answer_days)),
        "heavy_debt": HEAVY_DEBT,
        "d90": ago(90),
        "d180": ago(180),
        "d365": ago(365),
    }


def praise_quote(notes: str | None) -> str:
    """What ``{praise}`` quotes: the first paragraph of the notes of the latest conversation
    marked praise (that has notes), on one line, cut at a sentence or word near
    ``PRAISE_QUOTE_LIMIT`` characters."""
    if not notes:
        return ""
    paragraph = notes.strip().split("\n\n", 1)[0]
    text = " ".join(paragraph.split())
    if len(text) <= PRAISE_QUOTE_LIMIT:
        return text
    head = text[:PRAISE_QUOTE_LIMIT]
    sentence_end = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    if sentence_end >= PRAISE_QUOTE_LIMIT // 2:
        return head[: sentence_end + 1]
    if " " in head:
        head = head[: head.rfind(" ")].rstrip(",;:")
    return head + "…"


def _reasons(
    *,
    last_project: str,
    last_project_on: date,
    purchases: int,
    praised_on: date,
    praise: str,
    last_asked_on: date | None,
    referred: int,
    i_owe: int,
    they_owe: int,
    never_ask: bool,
) -> tuple[Reason, ...]:
    reasons = [
        Reason(ReasonKind.PRAISE, on=praised_on, text=praise),
        Reason(ReasonKind.RECENT_PROJECT, on=last_project_on, text=last_project),
    ]
    if purchases >= 2:
        reasons.append(Reason(ReasonKind.REPEAT_CLIENT, count=purchases))
    if referred:
        reasons.append(Reason(ReasonKind.PAST_REFERRER, count=referred))
    if they_owe > i_owe:
        reasons.append(Reason(ReasonKind.THEY_OWE_ME, count=they_owe))
    if i_owe > they_owe:
        reasons.append(Reason(ReasonKind.I_OWE_THEM, count=i_owe, positive=False))
    if last_asked_on is None:
        reasons.append(Reason(ReasonKind.NEVER_ASKED))
    else:
        reasons.append(Reason(ReasonKind.LAST_ASKED, on=last_asked_on))
    if never_ask:
        reasons.append(Reason(ReasonKind.EXCLUDED, positive=False))
    return tuple(reasons)


def suggestion_from_row(raw: tuple[Any, ...]) -> Suggestion:
    (
        contact_id,
        name,
        company,
        score,
        last_purchase_on,
        purchases,
        last_praise_at,
        last_asked_on,
        referred,
        i_owe,
        they_owe,
        never_ask,
        _total,
        last_project,
        praise_notes,
    ) = raw
    facts = {
        "last_project": last_project or "",
        "last_project_on": date.fromisoformat(last_purchase_on),
        "purchases": purchases,
        "praised_on": date.fromisoformat(last_praise_at[:10]),
        "praise": praise_quote(praise_notes),
        "last_asked_on": date.fromisoformat(last_asked_on) if last_asked_on else None,
        "referred": referred,
        "i_owe": i_owe,
        "they_owe": they_owe,
        "never_ask": bool(never_ask),
    }
    return Suggestion(
        contact_id=contact_id,
        display_name=name,
        company=company,
        score=score,
        reasons=_reasons(**facts),
        **facts,
    )
