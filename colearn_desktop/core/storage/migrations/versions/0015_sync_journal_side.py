"""Sync's journal side (issue #18): this journal's device id and clock, the outbox the capture
triggers fill, what was read from each other device, and the newest stamp of every field.

The tables and triggers are described in ``core/sync/journal_side/capture.py``.  The device id
(a random UUID like the rows' uids) is made when sync is switched on, not here: every new
journal is then byte for byte the same (the test suite copies one).  Capture starts switched off (``sync_state.enabled``):
a journal that never syncs writes no outbox rows.  Housekeeping of sync, not a user's action:
the new tables are not in the undo log.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

import sqlite3
from collections.abc import Sequence

from alembic import op

from colearn_desktop.core.sync.journal_side.capture import SYNC_TABLES, create_tables

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    create_tables(driver)


def downgrade() -> None:
    execute = op.get_bind().exec_driver_sql
    triggers = execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_capture_%'"
    ).fetchall()
    for (name,) in triggers:
        execute(f'DROP TRIGGER "{name}"')
    for table in reversed(SYNC_TABLES):
        execute(f"DROP TABLE {table}")
