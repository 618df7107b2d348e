"""What the reminders calendar last wrote per entry, so SEQUENCE follows the entry's changes.

The calendar export numbered an entry's SEQUENCE by the day it is on: a renamed contact or an
edited reminder note kept the number, and a calendar re-importing the file kept the old text.
One row per calendar UID keeps a digest of what the entry showed and the SEQUENCE it had; the
next export bumps the number when the digest differs (see
``core/interchange/writers/ics_sequence.py``).  Housekeeping of the export, not a user's
action: no undo triggers.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_entry",
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_calendar_entry")),
    )


def downgrade() -> None:
    op.drop_table("calendar_entry")
