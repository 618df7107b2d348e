"""The undo log: every user action recorded as one named operation, in the journal itself.

Three tables (``undo_state``, ``undo_step``, ``undo_entry``) and three recording triggers
on each table the user's actions change; see :mod:`colearn_desktop.core.storage.undo_log`, whose
table list is frozen here.  The triggers are generated from each table's columns as they are
when this revision runs, so they cover the columns earlier revisions added.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-03
"""

import sqlite3
from collections.abc import Sequence

from alembic import op

from colearn_desktop.core.storage.undo_log import TABLES_SQL, UNDO_TABLES, install_triggers

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for statement in TABLES_SQL:
        op.execute(statement)
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    install_triggers(driver)


def downgrade() -> None:
    bind = op.get_bind()
    triggers = bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'undo_log_%'"
    ).fetchall()
    for (name,) in triggers:
        op.execute(f"DROP TRIGGER {name}")
    for table in reversed(UNDO_TABLES):
        op.execute(f"DROP TABLE {table}")
