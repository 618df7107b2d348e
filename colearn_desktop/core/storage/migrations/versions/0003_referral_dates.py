"""Remember when a contact was recorded as referred, so the thank-you reminder knows its date.

Existing referred contacts get the day they were added as their referral date, and count as
already thanked (the journal cannot know better, and a flood of old thank-you reminders after
an upgrade would be noise).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact_referral_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("referred_on", sa.Date(), nullable=True))
    op.execute(
        """
        INSERT INTO contact_referral_state (contact_id, never_ask, referred_on, thanked_on)
        SELECT id, 0, date(created_at), date(created_at) FROM contact
        WHERE referred_by_id IS NOT NULL
          AND id NOT IN (SELECT contact_id FROM contact_referral_state)
        """
    )
    op.execute(
        """
        UPDATE contact_referral_state
        SET referred_on = (SELECT date(created_at) FROM contact WHERE id = contact_id),
            thanked_on = COALESCE(thanked_on,
                                  (SELECT date(created_at) FROM contact WHERE id = contact_id))
        WHERE referred_on IS NULL
          AND contact_id IN (SELECT id FROM contact WHERE referred_by_id IS NOT NULL)
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("contact_referral_state", schema=None) as batch_op:
        batch_op.drop_column("referred_on")
