"""The undo log's storage: its tables, the triggers that fill it, and operation markers.

SQLite's own undo/redo technique (https://www.sqlite.org/undoredo.html): a trigger on every
table the user's actions change writes each row change into ``undo_entry`` — the row's
values before and after, as JSON — while a write transaction that names its operation has
switched recording on (``undo_state.recording``).  When that transaction ends, one
``undo_step`` row marks its entries (``first_seq``..``last_seq``) with the operation's name,
in the same transaction as the change itself: the log can never disagree with the journal.

What is *not* recorded, on purpose: the caches the list and search keep (the triggers rebuild
them when an undo writes the user's rows back), writes that name no operation (housekeeping,
the demo journal's bulk fill, migrations) and everything outside the journal file (backups,
this machine's local settings, drafts).  A permanent delete empties the log (see
:func:`forget`): what the user asked to be gone must not survive in it.

The log is bounded: :data:`MAX_STEPS` operations, about :data:`MAX_ENTRIES` row changes in
all.  One operation that changes more than :data:`MAX_STEP_ROWS` rows (a big import, done on
purpose without recording: see ``undoable``) is kept as a name only: undo refuses it with a
sentence, because writing back that many rows row by row would take minutes, and the history
behind it is dropped (it can no longer be reached).  Imports keep their own, exact undo.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


# The tables the user's actions change (revision 0010's list; a revision that adds a table
# the user edits adds it here and calls :func:`install_triggers`).  A function, so that the
# contact field list it names the labelled tables from is loaded with the first write or
# migration, not with the window's Undo action before the first paint (issue 14).
@functools.cache
def recorded_tables() -> tuple[str, ...]:
    from colearn_desktop.core.contact_fields import LABELLED_FIELDS, children

    return (
        "contact",
        # e-mails, phones, links ...: every labelled list of the contact field list
        *(children(field).table for field in LABELLED_FIELDS),
        "contact_photo",
        "tag",
        "contact_tag",
        "conversation",
        "conversation_contact",
        "favour",
        "favour_settlement",
        "purchase",
        "reminder",
        "setting",
        "due_item_state",
        "referral_template",
        "referral_ask",
        "contact_referral_state",
        "import_batch",
        "import_batch_item",
        "contact_alias",  # revision 0011
        "not_same_person",  # revision 0012
    )


# Columns the cache triggers compute from the others (core/contact_cache.py): not recorded,
# not compared, not written back; the triggers compute them again when an undo writes the
# rows they come from.  (A cache trigger may change a row after its change was recorded:
# moving several purchases at once re-ranks each one's next purchase, so a recorded
# ``rebought_after_days`` could be stale and undo would refuse the row as "changed since".)
DERIVED_COLUMNS = {
    "contact": frozenset(
        {"tags_text", "favours_i_owe", "favours_they_owe", "cadence_effective", "keep_in_touch_on"}
    ),
    "purchase": frozenset({"talked_after_days", "rebought_after_days"}),
}
MAX_STEPS = 100
MAX_ENTRIES = 50_000
MAX_STEP_ROWS = 10_000
# A bulk action on the contacts list records one compact row change per contact (see
# :func:`record_columns`, or a tag link's three values), and undo writes them back set-based:
# a selection of this many contacts is still one undoable step, in seconds.
MAX_BULK_ROWS = 250_000
# An import of more rows than this is not recorded row by row (each contact is several rows).
MAX_IMPORT_ROWS = 500

TABLES_SQL = (
    "CREATE TABLE undo_state (\n"
    "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    recording INTEGER NOT NULL DEFAULT 0 CHECK (recording IN (0, 1))\n)",
    "INSERT INTO undo_state (id, recording) VALUES (1, 0)",
    "CREATE TABLE undo_step (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    label TEXT NOT NULL,\n"
    "    done_at TEXT NOT NULL,\n"
    "    first_seq INTEGER NOT NULL,\n"
    "    last_seq INTEGER NOT NULL,\n"
    "    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),\n"
    "    kept INTEGER NOT NULL DEFAULT 1 CHECK (kept IN (0, 1))\n)",
    "CREATE TABLE undo_entry (\n"
    "    seq INTEGER PRIMARY KEY,\n"
    "    tbl TEXT NOT NULL,\n"
    "    row_id INTEGER NOT NULL,\n"
    "    old TEXT,\n"
    "    new TEXT\n)",
)
UNDO_TABLES = ("undo_state", "undo_step", "undo_entry")


def columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, bool]]:
    """The recorded columns of ``table`` as (name, holds bytes)."""
    derived = DERIVED_COLUMNS.get(table, frozenset())
    return [
        (name, kind.upper() == "BLOB")
        for _, name, kind, *_ in connection.execute(f'PRAGMA table_info("{table}")')
        if name not in derived
    ]


def row_json(cols: list[tuple[str, bool]], prefix: str) -> str:
    """The SQL that renders a row as a JSON object (bytes as hex: JSON cannot hold them).
    The triggers and the check before an undo use the same expression, so they compare."""
    parts = []
    for name, blob in cols:
        value = f'{prefix}"{name}"'
        parts.append(f"'{name}', " + (f"hex({value})" if blob else value))
    return "json_object(" + ", ".join(parts) + ")"


def install_triggers(connection: sqlite3.Connection) -> None:
    """(Re)create the recording triggers of every recorded table from its current columns.

    A revision that rebuilds or adds columns to a recorded table calls this again (dropping a
    table drops its triggers; a test checks every column is covered).  A table a later
    revision creates is left out until that revision calls this again."""
    existing = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    for table in (table for table in recorded_tables() if table in existing):
        cols = columns(connection, table)
        on = "WHEN (SELECT recording FROM undo_state)"
        changed = " OR ".join(f'OLD."{n}" IS NOT NEW."{n}"' for n, _ in cols)
        log = "INSERT INTO undo_entry (tbl, row_id, old, new) VALUES"
        statements = {
            "insert": f"AFTER INSERT ON {table} {on} BEGIN\n"
            f"    {log} ('{table}', NEW.rowid, NULL, {row_json(cols, 'NEW.')});\nEND",
            "update": f"AFTER UPDATE ON {table} {on} AND ({changed}) BEGIN\n"
            f"    {log} ('{table}', NEW.rowid, {row_json(cols, 'OLD.')}, "
            f"{row_json(cols, 'NEW.')});\nEND",
            "delete": f"AFTER DELETE ON {table} {on} BEGIN\n"
            f"    {log} ('{table}', OLD.rowid, {row_json(cols, 'OLD.')}, NULL);\nEND",
        }
        for event, body in statements.items():
            connection.execute(f"DROP TRIGGER IF EXISTS undo_log_{table}_{event}")
            connection.execute(f"CREATE TRIGGER undo_log_{table}_{event} {body}")


def _last_seq(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT coalesce(max(seq), 0) FROM undo_entry").fetchone()[0])


def start(connection: sqlite3.Connection, *, record: bool = True) -> int:
    """Switch recording on for this transaction (unless the operation is too big to keep);
    returns where its entries will start."""
    if record:
        connection.execute("UPDATE undo_state SET recording = 1")
    return _last_seq(connection)


def finish(
    connection: sqlite3.Connection,
    started: int,
    label: str,
    merge_into: int | None,
    *,
    recorded: bool = True,
    bound: int | None = None,
) -> int | None:
    """Switch recording off and mark what was recorded since ``started`` as one operation
    named ``label`` (or as more of operation ``merge_into``); returns the operation's id,
    None when nothing changed.  A new operation drops what was undone (no redo past it).
    ``recorded`` False: the operation was too big to record, it is kept as a name only; so
    is one that recorded more than ``bound`` row changes (:data:`MAX_STEP_ROWS` unless
    told)."""
    connection.execute("UPDATE undo_state SET recording = 0")
    last = _last_seq(connection)
    if not recorded or last - started > (MAX_STEP_ROWS if bound is None else bound):
        forget(connection)  # nothing older can be reached past it
        return connection.execute(
            "INSERT INTO undo_step (label, done_at, first_seq, last_seq, kept) "
            "VALUES (?, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?, ?, 0)",
            (label, last + 1, last),
        ).lastrowid
    if last == started:
        return merge_into
    if merge_into is not None:
        connection.execute("UPDATE undo_step SET last_seq = ? WHERE id = ?", (last, merge_into))
        return merge_into
    for first, end in connection.execute(
        "SELECT first_seq, last_seq FROM undo_step WHERE undone = 1"
    ).fetchall():
        connection.execute("DELETE FROM undo_entry WHERE seq BETWEEN ? AND ?", (first, end))
    connection.execute("DELETE FROM undo_step WHERE undone = 1")
    step = connection.execute(
        "INSERT INTO undo_step (label, done_at, first_seq, last_seq) "
        "VALUES (?, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?, ?)",
        (label, started + 1, last),
    ).lastrowid
    _prune(connection)
    return step


@contextmanager
def record_columns(
    connection: sqlite3.Connection,
    table: str,
    names: Sequence[str],
    where: str,
    params: Sequence[object],
) -> Iterator[None]:
    """Record the set-based UPDATE written inside as one compact change per row: only the
    columns ``names`` of the rows ``where`` selects, before and after, in two statements.

    The triggers would record each whole row twice (40 columns, ~3 KB a contact: 300 MB for
    100,000 contacts) and undo would write every column back, firing every trigger on the
    row (25 s for 30,000 contacts).  A compact change is undone like any other (undo checks
    and writes back the columns it holds), so setting a stage on 100,000 contacts is undone
    in the time it took.  The update must change nothing but ``names`` of those rows
    (the caches' columns aside): the triggers are off inside."""
    if not connection.execute("SELECT recording FROM undo_state").fetchone()[0]:
        yield  # a write that names no operation, or one too big to record
        return
    started = _last_seq(connection)
    values = "json_object(" + ", ".join(f"'{name}', \"{name}\"" for name in names) + ")"
    connection.execute(
        f"INSERT INTO undo_entry (tbl, row_id, old, new) "
        f"SELECT '{table}', rowid, {values}, NULL FROM \"{table}\" WHERE {where}",
        params,
    )
    connection.execute("UPDATE undo_state SET recording = 0")
    yield
    connection.execute("UPDATE undo_state SET recording = 1")
    connection.execute(
        f'UPDATE undo_entry SET new = (SELECT {values} FROM "{table}" '
        "WHERE rowid = undo_entry.row_id) WHERE seq > ?",
        (started,),
    )


def _prune(connection: sqlite3.Connection) -> None:
    """Keep the newest :data:`MAX_STEPS` operations, and no more than about
    :data:`MAX_ENTRIES` row changes (but always the newest operation)."""
    kept, total = None, 0
    rows = connection.execute(
        "SELECT id, last_seq - first_seq + 1 FROM undo_step ORDER BY id DESC"
    ).fetchall()
    for index, (step, size) in enumerate(rows):
        total += size
        if index >= MAX_STEPS or (index > 0 and total > MAX_ENTRIES):
            break
        kept = step
    if kept is None:
        return
    connection.execute("DELETE FROM undo_step WHERE id < ?", (kept,))
    connection.execute("DELETE FROM undo_entry WHERE seq < (SELECT min(first_seq) FROM undo_step)")


def forget(connection: sqlite3.Connection) -> None:
    """Empty the log (after a permanent delete: what is gone must not linger in it)."""
    connection.execute("DELETE FROM undo_step")
    connection.execute("DELETE FROM undo_entry")
