"""Favours can be gifts: a present given or received, owed back in kind or in thanks.

The kind is kept inside the favour table's CHECK ``ck_favour_kind``, which SQLite cannot alter,
so the table is rebuilt (its rows, indexes and the six triggers that name it are kept).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

from colearn_desktop.core.storage.migrations.rebuild import replace_check

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not made from the enum: a revision must keep doing what it did when written.
_BEFORE = "kind IN ('intro', 'referral', 'advice', 'testimonial', 'loan', 'money', 'other')"
_AFTER = "kind IN ('intro', 'referral', 'advice', 'testimonial', 'loan', 'money', 'gift', 'other')"


def upgrade() -> None:
    replace_check(op.get_bind().exec_driver_sql, "favour", "ck_favour_kind", _AFTER)


def downgrade() -> None:
    # The older schema has no gifts: they become "other" (their description says the rest).
    op.execute("UPDATE favour SET kind = 'other' WHERE kind = 'gift'")
    replace_check(op.get_bind().exec_driver_sql, "favour", "ck_favour_kind", _BEFORE)
