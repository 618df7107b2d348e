"""Store the local day each contact was added; keep in touch counts from it, not from UTC.

Keeping in touch with someone never talked to counted from ``date(created_at)``, and
``created_at`` is a UTC time: east of Greenwich a contact added in the morning was "added"
the day before (the reminder came a day early), west of it one added in the evening the day
after (a day late, and "added -1 days ago").  ``contact.added_on`` holds the local calendar
day; existing contacts get theirs from ``created_at`` in this machine's time zone, the one
they were most likely added in.  The contacts list's triggers (see
``colearn_desktop.core.people.contact_cache``, which generates the same SQL; the fragments here
are frozen) read it, fill it for rows inserted without one, and every contact's cached
keep-in-touch day is computed again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The SQL is written out here, not imported from contact_cache: a revision must keep doing
# what it did when it was written, whatever that module becomes.  Each trigger of revision
# 0005 is rewritten by replacing these fragments of its (frozen) text.
_ADDED_ON = "date(contact.created_at, 'localtime')"
_UTC_SINCE = "date(COALESCE(contact.last_contact_at, contact.created_at))"
_LOCAL_SINCE = "COALESCE(date(contact.last_contact_at), contact.added_on)"
_UPDATE_EVENT = "last_contact_at, created_at ON contact"
_UPDATE_EVENT_NOW = "last_contact_at, created_at, added_on ON contact"
_INSERT_BEGIN = "AFTER INSERT ON contact BEGIN\n"
_FILL_NEW = f"UPDATE contact SET added_on = {_ADDED_ON} WHERE added_on IS NULL AND id = NEW.id;\n"
_KEEP_IN_TOUCH = f"""UPDATE contact SET keep_in_touch_on = CASE WHEN contact.cadence_effective
    IS NULL THEN NULL ELSE max(
    date(max({_LOCAL_SINCE},
             COALESCE((SELECT done_for FROM due_item_state
                       WHERE key = 'cadence:' || contact.id), '')),
         '+' || contact.cadence_effective || ' days'),
    COALESCE((SELECT snoozed_until FROM due_item_state
              WHERE key = 'cadence:' || contact.id), '')) END"""


def _rewrite(sql: str, *, forward: bool) -> str:
    pairs = [
        (_UTC_SINCE, _LOCAL_SINCE),
        (_UPDATE_EVENT, _UPDATE_EVENT_NOW),
        (_INSERT_BEGIN, _INSERT_BEGIN + _FILL_NEW),
    ]
    for old, new in pairs:
        sql = sql.replace(old, new) if forward else sql.replace(new, old)
    return sql


def _replace_triggers(*, forward: bool) -> None:
    bind = op.get_bind()
    rows = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        "('contact', 'contact_tag', 'tag', 'due_item_state', 'setting') "
        "AND name LIKE 'contact_cache_%' ORDER BY name"
    ).fetchall()
    for name, sql in rows:
        rewritten = _rewrite(sql, forward=forward)
        if rewritten != sql:
            op.execute(f"DROP TRIGGER {name}")
            op.execute(rewritten)


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("added_on", sa.Date(), nullable=True))
    op.execute(f"UPDATE contact SET added_on = {_ADDED_ON}")
    _replace_triggers(forward=True)
    op.execute(_KEEP_IN_TOUCH)


def downgrade() -> None:
    _replace_triggers(forward=False)
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("added_on")
