"""Name prefix and suffix, and several profile links (LinkedIn, other sites), per contact.

Imports from Google, Outlook and vCard carry a title before the name ("Dr."), a suffix after
it ("Jr.") and several web addresses with labels; the journal kept only one website and put
the rest in the notes.  Two text columns join ``contact`` (empty for existing contacts, as
every typed text is) and the links get a table shaped like the e-mails': label, value, the
key duplicates are compared by, position.  Existing data is untouched.  Search finds a contact
by its links as by its e-mail addresses: the contacts' search view reads both, and the links
re-index their contact as the e-mails do (``search_schema`` version 2, which the contact field
list generates; the SQL here is frozen and a test compares the two).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from colearn_desktop.core.storage import search_schema

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The contacts' search view of revision 0004 (frozen there), reading the links beside the
# e-mail addresses.
_EMAILS_V1 = """COALESCE((SELECT group_concat(address, ' ') FROM (
               SELECT address FROM contact_email WHERE contact_id = c.id
               ORDER BY position, id)), '') AS emails,"""
_EMAILS_V2 = """COALESCE((SELECT group_concat(value, ' ') FROM (
               SELECT address AS value, 0 AS list, position, id FROM contact_email
               WHERE contact_id = c.id
               UNION ALL SELECT url AS value, 1 AS list, position, id FROM contact_link
               WHERE contact_id = c.id
               ORDER BY list, position, id)), '') AS emails,"""
_CONTACT_VIEW_V1 = search_schema.VIEWS_V1[0]
_CONTACT_VIEW_V2 = _CONTACT_VIEW_V1.replace(_EMAILS_V1, _EMAILS_V2)
_REINDEX = (
    "DELETE FROM search_contact WHERE rowid IN ({ids});\n"
    "INSERT INTO search_contact (rowid, name, company, emails, tags, how_met, notes) "
    "SELECT id, name, company, emails, tags, how_met, notes FROM search_contact_source "
    "WHERE id IN ({ids});"
)
_LINK_TRIGGERS = {
    f"search_contact_link_{suffix}": (
        f"CREATE TRIGGER search_contact_link_{suffix} AFTER {event} ON contact_link BEGIN\n"
        f"{_REINDEX.format(ids=ids)}\nEND"
    )
    for suffix, event, ids in (
        ("ai", "INSERT", "new.contact_id"),
        ("ad", "DELETE", "old.contact_id"),
        ("au", "UPDATE", "old.contact_id, new.contact_id"),
    )
}


def _has_search_index() -> bool:
    """Without FTS5 revision 0004 made the views only; the triggers come with the index."""
    found = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_contact'"
    )
    return found.fetchone() is not None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_prefix", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("name_suffix", sa.String(), server_default="", nullable=False)
        )
    op.create_table(
        "contact_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), server_default="", nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("url_key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_link_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_link")),
    )
    with op.batch_alter_table("contact_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_link_url_key"), ["url_key"], unique=False)
        batch_op.create_index("ix_contact_link_owner", ["contact_id", "position"], unique=False)
    # No contact has a link yet: the index's entries stay as they are.
    op.execute("DROP VIEW search_contact_source")
    op.execute(_CONTACT_VIEW_V2)
    if _has_search_index():
        for trigger in _LINK_TRIGGERS.values():
            op.execute(trigger)


def downgrade() -> None:
    for name in _LINK_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP VIEW search_contact_source")
    op.execute(_CONTACT_VIEW_V1)
    op.drop_table("contact_link")
    # SQLite drops a column in place (3.35+); a batch rebuild of ``contact`` would lose the
    # triggers that keep its cached list values.
    op.execute("ALTER TABLE contact DROP COLUMN name_suffix")
    op.execute("ALTER TABLE contact DROP COLUMN name_prefix")
