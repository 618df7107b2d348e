"""Keep-in-touch cadence: how often to be in touch with someone, and when that is next due.

The effective cadence of a contact is, in order: their own ``cadence_days``; else the shortest
cadence among their tags; else the default for their stage (a setting, which may be "none").
A tag is more specific than a stage, so it wins over it.

The keep-in-touch due date is the last conversation (or, for someone never contacted, the day
they were added) plus that cadence.  (Today's "done" and snoozes move it later: the due rule in
``core/due/rules/keep_in_touch.py`` and the contacts list's cache in ``contact_cache.py`` read
them.)

Everything here is an SQL expression so a query can sort and filter by it without a Python loop.
"""

from __future__ import annotations

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.storage.settings import JournalSettings


def stage_cadence_sql(contact: str = "c") -> str:
    """CASE expression giving the stage default; binds ``:cadence_<stage>`` parameters."""
    arms = " ".join(f"WHEN '{s.value}' THEN :cadence_{s.value}" for s in Stage)
    return f"CASE {contact}.stage {arms} END"


def stage_cadence_params(settings: JournalSettings) -> dict[str, int | None]:
    return {f"cadence_{s.value}": settings.stage_cadence.get(s.value) for s in Stage}


def effective_cadence_sql(contact: str = "c", tag_cadence: str = "tg.tag_cadence") -> str:
    return f"COALESCE({contact}.cadence_days, {tag_cadence}, {stage_cadence_sql(contact)})"


def since_sql(contact: str = "c") -> str:
    """The day of the last conversation (or, never contacted, the day the contact was added)."""
    return f"COALESCE(date({contact}.last_contact_at), {contact}.added_on)"


def keep_in_touch_due_sql(contact: str = "c", tag_cadence: str = "tg.tag_cadence") -> str:
    """The date (``YYYY-MM-DD`` text) when keeping in touch is next due, or NULL."""
    cadence = effective_cadence_sql(contact, tag_cadence)
    return f"date({since_sql(contact)}, '+' || ({cadence}) || ' days')"


TAG_CADENCE_JOIN = """
    LEFT JOIN (
        SELECT ct.contact_id, min(t.cadence_days) AS tag_cadence
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
        GROUP BY ct.contact_id
    ) tg ON tg.contact_id = c.id
"""
