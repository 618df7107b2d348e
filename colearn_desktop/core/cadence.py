"""Keep-in-touch cadence: how often to be in touch with someone, and when that is next due.

The effective cadence of a contact is, in order: their own ``cadence_days``; else the shortest
cadence among their tags; else the default for their stage (a setting, which may be "none").
A tag is more specific than a stage, so it wins over it.  The keep-in-touch due date is the last
conversation (or, for someone never contacted, the day they were added) plus that cadence.

Both are SQL expressions so lists can sort and filter by them without a Python loop.
"""

from __future__ import annotations

from .enums import Stage
from .settings import JournalSettings


def stage_cadence_sql(contact: str = "c") -> str:
    """CASE expression giving the stage default; binds ``:cadence_<stage>`` parameters."""
    arms = " ".join(f"WHEN '{s.value}' THEN :cadence_{s.value}" for s in Stage)
    return f"CASE {contact}.stage {arms} END"


def stage_cadence_params(settings: JournalSettings) -> dict[str, int | None]:
    return {f"cadence_{s.value}": settings.stage_cadence.get(s.value) for s in Stage}


def effective_cadence_sql(contact: str = "c", tag_cadence: str = "tg.tag_cadence") -> str:
    return f"COALESCE({contact}.cadence_days, {tag_cadence}, {stage_cadence_sql(contact)})"


def keep_in_touch_due_sql(contact: str = "c", tag_cadence: str = "tg.tag_cadence") -> str:
    """The date (``YYYY-MM-DD`` text) when keeping in touch is next due, or NULL."""
    cadence = effective_cadence_sql(contact, tag_cadence)
    since = f"COALESCE({contact}.last_contact_at, {contact}.created_at)"
    return f"date({since}, '+' || ({cadence}) || ' days')"


TAG_CADENCE_JOIN = """
    LEFT JOIN (
        SELECT ct.contact_id, min(t.cadence_days) AS tag_cadence
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
        GROUP BY ct.contact_id
    ) tg ON tg.contact_id = c.id
"""
