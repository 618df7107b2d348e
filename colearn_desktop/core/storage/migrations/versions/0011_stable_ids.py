"""Stable ids: every row a person sees or another row points to gets a random UUID beside its
number, and merged contacts keep theirs as aliases.

Numbers are this journal's own (an export imported elsewhere gets new ones); the ``uid``
travels with the row through JSON export and import, CSV and vCard (the contact's), and is
what another device will name a row by.  It is a version 4 UUID made by SQLite
(``randomblob``): 122 random bits, so an id is never given twice, not even a deleted row's,
without a list of used ones.  The column is ``NOT NULL`` with that expression as its default,
which ``ALTER TABLE ADD COLUMN`` cannot take, so each table is rebuilt (``rebuild_table`` keeps
its rows, indexes, triggers and views); copying the rows fills the ids, one per row, in a
single ``INSERT ... SELECT`` per table (about a second for 100,000 contacts).  The undo log's
triggers are generated again so they record the new column (and the alias table).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import re
import sqlite3
from collections.abc import Sequence

from alembic import op

from colearn_desktop.core.storage.migrations.rebuild import rebuild_table, table_sql
from colearn_desktop.core.storage.undo_log import install_triggers

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: models.base.NEW_UID_SQL is the same text (a test compares them).
NEW_UID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)
UID_TABLES = (
    "contact",
    "tag",
    "conversation",
    "favour",
    "favour_settlement",
    "purchase",
    "reminder",
    "referral_template",
    "referral_ask",
    "import_batch",
)
_ALIAS_SQL = (
    "CREATE TABLE contact_alias (\n"
    "\tuid VARCHAR NOT NULL, \n"
    "\tcontact_id INTEGER NOT NULL, \n"
    "\tCONSTRAINT pk_contact_alias PRIMARY KEY (uid), \n"
    "\tCONSTRAINT fk_contact_alias_contact_id_contact FOREIGN KEY(contact_id) "
    "REFERENCES contact (id) ON DELETE CASCADE\n)",
    "CREATE INDEX ix_contact_alias_contact_id ON contact_alias (contact_id)",
)


def _with_uid(create_sql: str) -> str:
    """``create_sql`` with the uid column right after the first one (``id``)."""
    first_column_end = create_sql.index(",")
    column = f" \n\tuid VARCHAR DEFAULT ({NEW_UID_SQL}) NOT NULL,"
    return create_sql[: first_column_end + 1] + column + create_sql[first_column_end + 1 :]


def upgrade() -> None:
    execute = op.get_bind().exec_driver_sql
    for table in UID_TABLES:
        rebuild_table(execute, table, _with_uid(table_sql(execute, table)))
        execute(f"CREATE UNIQUE INDEX ix_{table}_uid ON {table} (uid)")
    for statement in _ALIAS_SQL:
        execute(statement)
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    install_triggers(driver)


def downgrade() -> None:
    execute = op.get_bind().exec_driver_sql
    # The undo log's triggers name the uid columns: gone first, made again at the end.
    triggers = execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'undo_log_%'"
    ).fetchall()
    for (name,) in triggers:
        execute(f'DROP TRIGGER "{name}"')
    execute("DROP TABLE contact_alias")
    for table in UID_TABLES:
        execute(f"DROP INDEX ix_{table}_uid")
        sql = re.sub(
            r" \n\tuid VARCHAR DEFAULT \(.*?\) NOT NULL,",
            "",
            table_sql(execute, table),
            count=1,
            flags=re.S,
        )
        rebuild_table(execute, table, sql)
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    install_triggers(driver)
