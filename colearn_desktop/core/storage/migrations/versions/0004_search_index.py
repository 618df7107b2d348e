"""The full-text search index (SQLite FTS5) and the triggers that keep it in step.

Creates the views the index reads, then (when the SQLite in use has FTS5) the index tables and
their triggers, and fills the index from the journal's rows.  Without FTS5 the index is
skipped and the upgrade still succeeds: search then reads the tables directly (slower), and
``colearn check --rebuild-index`` creates the index later on an SQLite that has FTS5.

The statements are the frozen ``INDEX_V1`` of ``colearn_desktop.core.storage.search_schema``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

from colearn_desktop.core.storage import search_schema

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()

    def execute(sql: str) -> object:
        return connection.exec_driver_sql(sql)

    for statement in search_schema.VIEWS_V1:
        execute(statement)
    if not search_schema.fts5_available(execute):
        return
    for statement in search_schema.INDEX_V1:
        execute(statement)
    search_schema.fill_index(execute)


def downgrade() -> None:
    connection = op.get_bind()
    names = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
    search_schema.drop_index(connection.exec_driver_sql, names)
    for kind in search_schema.KINDS:
        if kind.source in names:
            connection.exec_driver_sql(f"DROP VIEW {kind.source}")
