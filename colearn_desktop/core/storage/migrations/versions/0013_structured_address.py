"""A contact's postal address in parts: street, city, region, postal code, country, a label.

Google, Outlook and vCard give an address in parts, and write it out in parts; the journal
kept one block of text, so a round trip lost the postal code and country to a "Formatted"
cell and other programs could not sort or print it.  Five text columns join ``contact``
(empty, as every typed text is); the existing ``address`` text stays where it is and is now
the street lines: nothing is guessed out of it (an address typed as one block still reads
the same, and the user can move its town into its own box when they next edit it).  The
undo log's triggers are generated again so they record the new columns.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from colearn_desktop.core.storage.undo_log import install_triggers

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# In the order the contact field list declares them (a new journal's columns come in it).
_COLUMNS = ("city", "region", "postal_code", "country", "address_label")


def _reinstall_undo_triggers() -> None:
    driver = op.get_bind().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    install_triggers(driver)


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN in place: a rebuild of ``contact`` would have to re-create the
    # triggers that keep its cached list values.
    for name in _COLUMNS:
        op.add_column("contact", sa.Column(name, sa.String(), server_default="", nullable=False))
    _reinstall_undo_triggers()


def downgrade() -> None:
    # The undo log's triggers name the columns: they go first (SQLite refuses to drop a
    # column a trigger uses), and come back for the columns that stay.
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS undo_log_contact_{event}")
    for name in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE contact DROP COLUMN {name}")
    _reinstall_undo_triggers()
