"""Today's snooze and done marks travel to the other devices (issue #18).

A mark is keyed by its item's row number (``cadence:42``), which differs between journals, so
revision 0015 left ``due_item_state`` out of sync: a reminder marked done on the laptop stayed
due on the desktop.  The capture triggers are installed again, now with this table's; its key
travels as the uid of the row the item comes from (``core/sync/journal_side/due_keys.py``).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

import sqlite3
from collections.abc import Sequence

from alembic import op

from colearn_desktop.core.sync.journal_side.capture import install_triggers

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    install_triggers(driver)


def downgrade() -> None:
    execute = op.get_bind().exec_driver_sql
    for event in ("insert", "update", "delete"):
        execute(f"DROP TRIGGER IF EXISTS sync_capture_due_item_state_{event}")
