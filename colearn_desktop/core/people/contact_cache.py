"""Per-contact values the lists sort and filter by, cached on the contact row by triggers.

The contacts list sorts 100,000 contacts by next due, favour balance or tags, and Today picks
the contacts whose keep-in-touch date has come.  Computing those from conversations, favours,
tags and settings for every contact on every keystroke costs about a second; reading them
from indexed columns costs milliseconds.  So the contact row carries:

- ``tags_text``: the contact's tag names, comma-separated (sorting and filtering by tag);
- ``favours_i_owe`` / ``favours_they_owe``: open favours each way;
- ``cadence_effective``: the contact's own cadence, else the shortest of their tags', else
  their stage's default from the ``stage_cadence`` setting (NULL: no cadence);
- ``keep_in_touch_on``: the day keeping in touch shows up on Today — the later of the last
  conversation (or the day the contact was added) and a "reached out" day, plus the cadence,
  moved later by a snooze; NULL without a cadence;
- ``added_on``: the local calendar day the contact was added, when whoever inserted the row
  did not say (imports, restores, demo data): ``created_at`` is a UTC time, and its UTC day
  is a day off east or west of Greenwich near midnight (revision 0007).

and each of the contact's purchases carries what the check-in rule (``core/due/rules/checkins.py``)
selects on, so Today reads a range of one index instead of joining every purchase ever made
to its contact (revision 0006):

- ``purchase.talked_after_days``: days from the purchase to the contact's last conversation,
  0 when there was none after the purchase day (a check-in N days after the purchase with a
  window of W days is satisfied exactly when this is at least max(N − W, 1));
- ``purchase.rebought_after_days``: days from the purchase to the contact's next purchase not
  in the trash (0: another one on the same day, recorded later), NULL when there is none (the
  check-in N days after is replaced exactly when this is at most N).

SQLite triggers keep them right in the same transaction as every change, whoever makes it —
the services, an import, a restore or a bulk demo — so they cannot drift.  ``colearn check``
compares them with a fresh computation and ``colearn check --rebuild-index`` recomputes them.
The SQL here is the single source; revision 0005 created the same triggers from it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

STAGE_CADENCE_SETTING = "stage_cadence"

TAGS_TEXT = """COALESCE((SELECT group_concat(t.name, ', ')
    FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
    WHERE ct.contact_id = contact.id), '')"""

FAVOURS_I_OWE = """(SELECT count(*) FROM favour f
    WHERE f.contact_id = contact.id AND f.direction = 'i_owe'
      AND f.status IN ('open', 'partly_done') AND f.deleted_at IS NULL)"""

FAVOURS_THEY_OWE = FAVOURS_I_OWE.replace("'i_owe'", "'they_owe'")

CADENCE = """COALESCE(contact.cadence_days,
    (SELECT min(t.cadence_days) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
     WHERE ct.contact_id = contact.id),
    json_extract((SELECT value FROM setting WHERE key = 'stage_cadence'),
                 '$.' || contact.stage))"""

# The local day a contact was added, for rows inserted without one: SQLite's 'localtime' is
# the same zone as Python's (the process's TZ).
ADDED_ON = "date(contact.created_at, 'localtime')"

# Uses the cadence column, so it runs as a second statement after CADENCE was stored.
# ``last_contact_at`` is local wall-clock time and ``added_on`` a local day, never UTC.
KEEP_IN_TOUCH_ON = """CASE WHEN contact.cadence_effective IS NULL THEN NULL ELSE max(
    date(max(COALESCE(date(contact.last_contact_at), contact.added_on),
             COALESCE((SELECT done_for FROM due_item_state
                       WHERE key = 'cadence:' || contact.id), '')),
         '+' || contact.cadence_effective || ' days'),
    COALESCE((SELECT snoozed_until FROM due_item_state
              WHERE key = 'cadence:' || contact.id), '')) END"""


# Both read ``contact.last_contact_at`` (kept by the conversation service) and the other
# purchases of the same contact, so they also hold for purchases in the trash.
TALKED_AFTER_DAYS = """COALESCE(max(0, CAST(round(julianday(date((SELECT c.last_contact_at
    FROM contact c WHERE c.id = purchase.contact_id))) - julianday(purchase.purchased_on))
    AS INTEGER)), 0)"""

REBOUGHT_AFTER_DAYS = """(SELECT CAST(round(julianday(min(p2.purchased_on))
        - julianday(purchase.purchased_on)) AS INTEGER)
    FROM purchase p2
    WHERE p2.contact_id = purchase.contact_id AND p2.deleted_at IS NULL
      AND (p2.purchased_on > purchase.purchased_on
           OR (p2.purchased_on = purchase.purchased_on AND p2.id > purchase.id)))"""


def _purchases(where: str, *, rebought: bool = True) -> str:
    """The UPDATE recomputing the cached check-in values of the purchases ``where`` selects."""
    sets = f"talked_after_days = {TALKED_AFTER_DAYS}"
    if rebought:
        sets += f", rebought_after_days = {REBOUGHT_AFTER_DAYS}"
    return f"UPDATE purchase SET {sets} WHERE {where};"


def _refresh(
    where: str, *, tags: bool = False, favours: bool = False, added: bool = False
) -> list[str]:
    """UPDATE statements recomputing the cached values of the contacts selected by ``where``
    (with ``added``: first the day new rows were added, when their writer left it out)."""
    sets = []
    if tags:
        sets.append(f"tags_text = {TAGS_TEXT}")
    if favours:
        sets.append(f"favours_i_owe = {FAVOURS_I_OWE}")
        sets.append(f"favours_they_owe = {FAVOURS_THEY_OWE}")
    sets.append(f"cadence_effective = {CADENCE}")
    statements = [f"UPDATE contact SET {', '.join(sets)} WHERE {where};"]
    if added:
        fill = f"UPDATE contact SET added_on = {ADDED_ON} WHERE added_on IS NULL AND {where};"
        statements.insert(0, fill)
    statements.append(f"UPDATE contact SET keep_in_touch_on = {KEEP_IN_TOUCH_ON} WHERE {where};")
    return statements


def _favour_counts(contact: str) -> str:
    return (
        f"UPDATE contact SET favours_i_owe = {FAVOURS_I_OWE}, "
        f"favours_they_owe = {FAVOURS_THEY_OWE} WHERE id = {contact};"
    )


def _trigger(name: str, event: str, body: list[str], when: str = "") -> str:
    condition = f" WHEN {when}" if when else ""
    return f"CREATE TRIGGER {name} {event}{condition} BEGIN\n" + "\n".join(body) + "\nEND"


TRIGGERS: dict[str, str] = {
    "contact_cache_insert": _trigger(
        "contact_cache_insert",
        "AFTER INSERT ON contact",
        _refresh("id = NEW.id", tags=True, favours=True, added=True),
    ),
    "contact_cache_update": _trigger(
        "contact_cache_update",
        "AFTER UPDATE OF cadence_days, stage, last_contact_at, created_at, added_on ON contact",
        _refresh("id = NEW.id"),
    ),
    "contact_cache_tag_added": _trigger(
        "contact_cache_tag_added",
        "AFTER INSERT ON contact_tag",
        _refresh("id = NEW.contact_id", tags=True),
    ),
    "contact_cache_tag_removed": _trigger(
        "contact_cache_tag_removed",
        "AFTER DELETE ON contact_tag",
        _refresh("id = OLD.contact_id", tags=True),
    ),
    "contact_cache_tag_changed": _trigger(
        "contact_cache_tag_changed",
        "AFTER UPDATE OF name, cadence_days ON tag",
        _refresh("id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id)", tags=True),
    ),
    "contact_cache_favour_added": _trigger(
        "contact_cache_favour_added", "AFTER INSERT ON favour", [_favour_counts("NEW.contact_id")]
    ),
    "contact_cache_favour_changed": _trigger(
        "contact_cache_favour_changed",
        "AFTER UPDATE OF contact_id, direction, status, deleted_at ON favour",
        [_favour_counts("OLD.contact_id"), _favour_counts("NEW.contact_id")],
    ),
    "contact_cache_favour_removed": _trigger(
        "contact_cache_favour_removed", "AFTER DELETE ON favour", [_favour_counts("OLD.contact_id")]
    ),
    "contact_cache_state_added": _trigger(
        "contact_cache_state_added",
        "AFTER INSERT ON due_item_state",
        _refresh("id = CAST(substr(NEW.key, 9) AS INTEGER)"),
        when="NEW.key LIKE 'cadence:%'",
    ),
    "contact_cache_state_changed": _trigger(
        "contact_cache_state_changed",
        "AFTER UPDATE ON due_item_state",
        _refresh("id = CAST(substr(NEW.key, 9) AS INTEGER)"),
        when="NEW.key LIKE 'cadence:%'",
    ),
    "contact_cache_state_removed": _trigger(
        "contact_cache_state_removed",
        "AFTER DELETE ON due_item_state",
        _refresh("id = CAST(substr(OLD.key, 9) AS INTEGER)"),
        when="OLD.key LIKE 'cadence:%'",
    ),
    "contact_cache_stage_defaults": _trigger(
        "contact_cache_stage_defaults",
        "AFTER UPDATE ON setting",
        _refresh("1"),
        when=f"NEW.key = '{STAGE_CADENCE_SETTING}'",
    ),
    "contact_cache_stage_defaults_added": _trigger(
        "contact_cache_stage_defaults_added",
        "AFTER INSERT ON setting",
        _refresh("1"),
        when=f"NEW.key = '{STAGE_CADENCE_SETTING}'",
    ),
    # A purchase added, moved, trashed or deleted changes which purchase comes next for every
    # purchase of that contact; a conversation changes how long after each they talked.
    "contact_cache_purchase_added": _trigger(
        "contact_cache_purchase_added",
        "AFTER INSERT ON purchase",
        [_purchases("contact_id = NEW.contact_id")],
    ),
    "contact_cache_purchase_changed": _trigger(
        "contact_cache_purchase_changed",
        "AFTER UPDATE OF contact_id, purchased_on, deleted_at ON purchase",
        [_purchases("contact_id IN (OLD.contact_id, NEW.contact_id)")],
    ),
    "contact_cache_purchase_removed": _trigger(
        "contact_cache_purchase_removed",
        "AFTER DELETE ON purchase",
        [_purchases("contact_id = OLD.contact_id")],
    ),
    "contact_cache_purchase_talked": _trigger(
        "contact_cache_purchase_talked",
        "AFTER UPDATE OF last_contact_at ON contact",
        [_purchases("contact_id = NEW.id", rebought=False)],
    ),
}

_FRESH = f"""
SELECT contact.id FROM contact
WHERE contact.tags_text IS NOT {TAGS_TEXT}
   OR contact.favours_i_owe IS NOT {FAVOURS_I_OWE}
   OR contact.favours_they_owe IS NOT {FAVOURS_THEY_OWE}
   OR contact.cadence_effective IS NOT {CADENCE}
   OR contact.keep_in_touch_on IS NOT {KEEP_IN_TOUCH_ON}
   OR contact.added_on IS NULL
UNION
SELECT purchase.contact_id FROM purchase
WHERE purchase.talked_after_days IS NOT {TALKED_AFTER_DAYS}
   OR purchase.rebought_after_days IS NOT {REBOUGHT_AFTER_DAYS}
LIMIT 20
"""


def stale_contacts(connection: sqlite3.Connection) -> list[int]:
    """Contacts whose cached values (or those of their purchases) differ from a fresh
    computation (at most 20)."""
    return [row[0] for row in connection.execute(_FRESH)]


def rebuild(connection: sqlite3.Connection) -> None:
    """Recompute every contact's cached values (inside the caller's transaction)."""
    for statement in _refresh("1", tags=True, favours=True, added=True):
        connection.execute(statement)
    connection.execute(_purchases("1"))


def refresh_contacts(connection: sqlite3.Connection, where: str, params: Sequence[object]) -> None:
    """Recompute every cached value of the contacts ``where`` selects (the day added too,
    when missing), one statement each: what the contact row's own triggers
    (``contact_cache_insert``, ``contact_cache_update``) do row by row, for a writer that
    suspended them (applying another device's batch).  The purchases' values follow other
    triggers and are not touched."""
    for statement in _refresh(where, tags=True, favours=True, added=True):
        connection.execute(statement, params)


# The triggers of the contact row itself: what :func:`refresh_contacts` does for many at once.
CONTACT_ROW_TRIGGERS = ("contact_cache_insert", "contact_cache_update")


def refresh_tags(connection: sqlite3.Connection, where: str, params: Sequence[object]) -> None:
    """Recompute the values that follow a contact's tags (the tags text, the cadence, the
    next keep-in-touch day) of the contacts ``where`` selects, in one statement each: what
    the tag-link triggers do row by row, for a bulk change that dropped them."""
    for statement in _refresh(where, tags=True):
        connection.execute(statement, params)


# The triggers that follow tag links one at a time (a bulk change drops them, then calls
# refresh_tags once for all the contacts it touched).
TAG_LINK_TRIGGERS = ("contact_cache_tag_added", "contact_cache_tag_removed")


def missing_triggers(connection: sqlite3.Connection) -> list[str]:
    present = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    return [name for name in TRIGGERS if name not in present]


def ensure_triggers(connection: sqlite3.Connection) -> None:
    """Create the triggers that are missing (after a bulk load dropped them)."""
    for name in missing_triggers(connection):
        connection.execute(TRIGGERS[name])


def drop_triggers(connection: sqlite3.Connection) -> None:
    """For bulk loads that fill the caches with :func:`rebuild` once at the end."""
    for name in TRIGGERS:
        connection.execute(f"DROP TRIGGER IF EXISTS {name}")


@contextmanager
def bulk_load(connection: sqlite3.Connection, touched: set[int] | None = None) -> Iterator[None]:
    """For inserting many *new* contacts at once (demo data, imports): the triggers are
    dropped for the duration and the new contacts' values computed in one statement at the
    end, inside the caller's transaction (a failure rolls everything back).  Existing
    contacts must not be changed inside the block, except those whose ids the caller adds to
    ``touched`` (they are recomputed too)."""
    mark = connection.execute("SELECT COALESCE(max(id), 0) FROM contact").fetchone()[0]
    drop_triggers(connection)
    yield
    ids = ", ".join(str(int(i)) for i in sorted(touched or ()))

    def chosen(column: str) -> str:
        where = f"{column} > {int(mark)}"
        return f"({where} OR {column} IN ({ids}))" if ids else where

    for statement in _refresh(chosen("id"), tags=True, favours=True, added=True):
        connection.execute(statement)
    connection.execute(_purchases(chosen("contact_id")))
    ensure_triggers(connection)
