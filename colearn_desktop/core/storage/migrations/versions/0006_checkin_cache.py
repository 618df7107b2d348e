"""Cache, on each purchase, what the check-in reminders select on; index it and open favours.

Today's check-in rule looked at every purchase ever made, joined to its contact, with a
sub-query per purchase and offset for a later purchase: 70 ms at 100,000 contacts, twice when
the screen's limit was reached.  Each purchase now carries the days from it to the contact's
last conversation (``talked_after_days``, 0 when none since the purchase day) and to the
contact's next purchase (``rebought_after_days``, NULL when none), kept right by triggers
(see ``colearn_desktop.core.people.contact_cache``, which generates this SQL; the copy here is
frozen), so the rule reads a range of one partial index.  A partial index on open favours lets the favour rule read only
those instead of scanning every favour.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The SQL is written out here, not imported from contact_cache: a revision must keep doing
# what it did when it was written, whatever that module becomes.
_TALKED = """talked_after_days = COALESCE(max(0, CAST(round(julianday(date((SELECT c.last_contact_at
    FROM contact c WHERE c.id = purchase.contact_id))) - julianday(purchase.purchased_on))
    AS INTEGER)), 0)"""
_REBOUGHT = """rebought_after_days = (SELECT CAST(round(julianday(min(p2.purchased_on))
        - julianday(purchase.purchased_on)) AS INTEGER)
    FROM purchase p2
    WHERE p2.contact_id = purchase.contact_id AND p2.deleted_at IS NULL
      AND (p2.purchased_on > purchase.purchased_on
           OR (p2.purchased_on = purchase.purchased_on AND p2.id > purchase.id)))"""
_REFRESH = f"UPDATE purchase SET {_TALKED}, {_REBOUGHT}"

TRIGGERS = {
    "contact_cache_purchase_added": f"""
CREATE TRIGGER contact_cache_purchase_added AFTER INSERT ON purchase BEGIN
{_REFRESH} WHERE contact_id = NEW.contact_id;
END
""",
    "contact_cache_purchase_changed": f"""
CREATE TRIGGER contact_cache_purchase_changed AFTER UPDATE OF contact_id, purchased_on, deleted_at ON purchase BEGIN
{_REFRESH} WHERE contact_id IN (OLD.contact_id, NEW.contact_id);
END
""",
    "contact_cache_purchase_removed": f"""
CREATE TRIGGER contact_cache_purchase_removed AFTER DELETE ON purchase BEGIN
{_REFRESH} WHERE contact_id = OLD.contact_id;
END
""",
    "contact_cache_purchase_talked": f"""
CREATE TRIGGER contact_cache_purchase_talked AFTER UPDATE OF last_contact_at ON contact BEGIN
UPDATE purchase SET {_TALKED} WHERE contact_id = NEW.id;
END
""",
}

FILL = f"{_REFRESH} WHERE 1;"

INDEXES = {
    # An open check-in needs little talk since the purchase: per number of days talked after
    # it, a range of purchase days, with all the rule selects on (no purchase row read).
    "ix_purchase_checkin": "purchase (talked_after_days, purchased_on, rebought_after_days, "
    "contact_id) WHERE deleted_at IS NULL",
    # Open favours only, with everything the favour rule needs to pick its items.
    "ix_favour_open": "favour (due_on, direction, started_on, contact_id) "
    "WHERE status IN ('open', 'partly_done') AND deleted_at IS NULL",
}


def upgrade() -> None:
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("talked_after_days", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("rebought_after_days", sa.Integer(), nullable=True))
    op.execute(FILL)
    for sql in TRIGGERS.values():
        op.execute(sql)
    for name, target in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.drop_column("rebought_after_days")
        batch_op.drop_column("talked_after_days")
