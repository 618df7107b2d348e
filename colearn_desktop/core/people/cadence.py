"""Keep-in-touch cadence: how often to be in touch with someone, and when that is next due.

The effective cadence of a contact is, in order: their own ``cadence_days``; else the shortest
cadence among their tags; else the default for their stage (a setting, which may be "none").
A tag is more specific than a stage, so it wins over it.

The keep-in-touch due date is the last conversation (or, for someone never contacted, the day
they were added) plus that cadence.  Two things on the Today screen move it later, and the
contacts list honours both through :data:`CADENCE_STATE_JOIN`:

- "done" ("I reached out") restarts the clock from that day without writing a conversation:
  the due date becomes the later of the last conversation and that day, plus the cadence;
- a snooze keeps it off Today until the chosen day (the due date shown is then that day).

Everything here is an SQL expression so lists can sort and filter by it without a Python loop.
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


def keep_in_touch_due_sql(
    contact: str = "c", tag_cadence: str = "tg.tag_cadence", state: str | None = None
) -> str:
    """The date (``YYYY-MM-DD`` text) when keeping in touch is next due, or NULL.

    With ``state`` (the alias of :data:`CADENCE_STATE_JOIN`) a "reached out" day restarts the
    clock and a snooze moves the date to the snooze day."""
    cadence = effective_cadence_sql(contact, tag_cadence)
    since = since_sql(contact)
    if state is None:
        return f"date({since}, '+' || ({cadence}) || ' days')"
    since = f"max({since}, COALESCE({state}.done_for, ''))"
    due = f"date({since}, '+' || ({cadence}) || ' days')"
    return f"max({due}, COALESCE({state}.snoozed_until, ''))"


TAG_CADENCE_JOIN = """
    LEFT JOIN (
        SELECT ct.contact_id, min(t.cadence_days) AS tag_cadence
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
        GROUP BY ct.contact_id
    ) tg ON tg.contact_id = c.id
"""

# The snooze / "reached out" state of each contact's keep-in-touch item (key "cadence:<id>"):
# one primary-key probe per contact, which costs next to nothing even at 100,000 contacts
# (measured; a subquery over the state table was slower).
CADENCE_STATE_JOIN = """
    LEFT JOIN due_item_state ks ON ks.key = 'cadence:' || c.id
"""


def cadence_tags_sql() -> str:
    """Tags that carry a cadence, shortest first: read before :func:`tag_probe_sql`."""
    return "SELECT id, cadence_days FROM tag WHERE cadence_days IS NOT NULL ORDER BY cadence_days"


def tag_probe_sql(count: int, contact: str = "c") -> str:
    """The shortest tag cadence of ``contact`` as a CASE of primary-key probes, one per tag
    with a cadence (binds ``:tag_<i>``/``:tag_cadence_<i>``, shortest first).  A journal has
    a handful of such tags, so this is far cheaper than joining every tag of every contact."""
    if not count:
        return "NULL"
    arms = " ".join(
        f"WHEN EXISTS (SELECT 1 FROM contact_tag WHERE contact_id = {contact}.id"
        f" AND tag_id = :tag_{i}) THEN :tag_cadence_{i}"
        for i in range(count)
    )
    return f"CASE {arms} END"


def tag_probe_params(tags: list[tuple[int, int]]) -> dict[str, int]:
    params: dict[str, int] = {}
    for i, (tag_id, days) in enumerate(tags):
        params[f"tag_{i}"] = tag_id
        params[f"tag_cadence_{i}"] = days
    return params
