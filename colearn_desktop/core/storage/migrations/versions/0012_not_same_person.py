"""Pairs of contacts the user said are not the same person (issue #17).

The duplicate finder never suggests such a pair again.  One row per pair, smaller id first
(a CHECK), gone with either contact.  Marking is a user action, so the table is recorded in
the undo log: its triggers are installed here (and every other table's re-installed, which
changes nothing for them).

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-03
"""

import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from colearn_desktop.core.storage.undo_log import install_triggers

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "not_same_person",
        sa.Column("contact_a", sa.Integer(), nullable=False),
        sa.Column("contact_b", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("contact_a < contact_b", name=op.f("ck_not_same_person_ordered")),
        sa.ForeignKeyConstraint(
            ["contact_a"],
            ["contact.id"],
            name=op.f("fk_not_same_person_contact_a_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_b"],
            ["contact.id"],
            name=op.f("fk_not_same_person_contact_b_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_a", "contact_b", name=op.f("pk_not_same_person")),
    )
    op.create_index(
        op.f("ix_not_same_person_contact_b"), "not_same_person", ["contact_b"], unique=False
    )
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    install_triggers(driver)


def downgrade() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS undo_log_not_same_person_{event}")
    op.drop_table("not_same_person")
