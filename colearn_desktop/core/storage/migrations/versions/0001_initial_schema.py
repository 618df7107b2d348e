"""The initial journal: contacts and their emails, phones, photos and tags; conversations;
favours with their settlements; purchases; reminders the user writes.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Marks the file as a CoLearn journal ("CoLn"), so another program's SQLite file is
    # recognised and refused instead of being "upgraded".
    op.execute("PRAGMA application_id = 1131367534")
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(), server_default="", nullable=False),
        sa.Column("family_name", sa.String(), server_default="", nullable=False),
        sa.Column("name", sa.String(), server_default="", nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("sort_name", sa.String(), nullable=False),
        sa.Column("company", sa.String(), server_default="", nullable=False),
        sa.Column("job_title", sa.String(), server_default="", nullable=False),
        sa.Column("address", sa.String(), server_default="", nullable=False),
        sa.Column("website", sa.String(), server_default="", nullable=False),
        sa.Column("birthday_month", sa.Integer(), nullable=True),
        sa.Column("birthday_day", sa.Integer(), nullable=True),
        sa.Column("birthday_year", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(), server_default="network", nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("how_met", sa.String(), server_default="", nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), server_default="", nullable=False),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "stage IN ('network', 'search', 'shop', 'help')", name=op.f("ck_contact_stage")
        ),
        sa.CheckConstraint(
            "(birthday_month IS NULL) = (birthday_day IS NULL)",
            name=op.f("ck_contact_birthday_month_and_day"),
        ),
        sa.CheckConstraint(
            "birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31",
            name=op.f("ck_contact_birthday_day"),
        ),
        sa.CheckConstraint(
            "birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12",
            name=op.f("ck_contact_birthday_month"),
        ),
        sa.CheckConstraint(
            "birthday_year IS NULL OR birthday_month IS NOT NULL",
            name=op.f("ck_contact_birthday_year_needs_day"),
        ),
        sa.CheckConstraint(
            "cadence_days IS NULL OR cadence_days > 0", name=op.f("ck_contact_cadence_positive")
        ),
        sa.CheckConstraint(
            "referred_by_id IS NULL OR referred_by_id <> id",
            name=op.f("ck_contact_not_self_referred"),
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["contact.id"],
            name=op.f("fk_contact_referred_by_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index("ix_contact_active_sort", ["archived_at", "sort_name"], unique=False)
        batch_op.create_index(
            "ix_contact_birthday", ["birthday_month", "birthday_day"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_company"), ["company"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_display_name"), ["display_name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_last_contact_at"), ["last_contact_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contact_referred_by_id"), ["referred_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_sort_name"), ["sort_name"], unique=False)

    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("happened_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(), server_default="call", nullable=False),
        sa.Column("notes", sa.String(), server_default="", nullable=False),
        sa.Column("learned", sa.String(), server_default="", nullable=False),
        sa.Column("they_asked", sa.String(), server_default="", nullable=False),
        sa.Column("next_step", sa.String(), server_default="", nullable=False),
        sa.Column("next_step_due", sa.Date(), nullable=True),
        sa.Column("next_step_done_at", sa.DateTime(), nullable=True),
        sa.Column("praise", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "channel IN ('call', 'meeting', 'email', 'message', 'event', 'other')",
            name=op.f("ck_conversation_channel"),
        ),
        sa.CheckConstraint(
            "next_step_due IS NULL OR next_step_due >= date(happened_at)",
            name=op.f("ck_conversation_next_step_after"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
    )
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_happened_at"), ["happened_at"], unique=False
        )
        batch_op.create_index("ix_conversation_next_step_due", ["next_step_due"], unique=False)

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "cadence_days IS NULL OR cadence_days > 0", name=op.f("ck_tag_cadence_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name_key", name=op.f("uq_tag_name_key")),
    )
    op.create_table(
        "contact_email",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), server_default="", nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("address_key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_email_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_email")),
    )
    with op.batch_alter_table("contact_email", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_email_address_key"), ["address_key"], unique=False
        )
        batch_op.create_index("ix_contact_email_owner", ["contact_id", "position"], unique=False)

    op.create_table(
        "contact_phone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), server_default="", nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("number_key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_phone_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_phone")),
    )
    with op.batch_alter_table("contact_phone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_phone_number_key"), ["number_key"], unique=False
        )
        batch_op.create_index("ix_contact_phone_owner", ["contact_id", "position"], unique=False)

    op.create_table(
        "contact_photo",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("mime_type", sa.String(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_photo_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_photo")),
    )
    op.create_table(
        "contact_tag",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_tag_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_contact_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contact_id", "tag_id", name=op.f("pk_contact_tag")),
    )
    with op.batch_alter_table("contact_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "conversation_contact",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_conversation_contact_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_contact_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "conversation_id", "contact_id", name=op.f("pk_conversation_contact")
        ),
    )
    with op.batch_alter_table("conversation_contact", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversation_contact_contact", ["contact_id", "conversation_id"], unique=False
        )

    op.create_table(
        "favour",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(), server_default="", nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), server_default="open", nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("direction IN ('i_owe', 'they_owe')", name=op.f("ck_favour_direction")),
        sa.CheckConstraint(
            "kind IN ('intro', 'referral', 'advice', 'testimonial', 'loan', 'money', 'other')",
            name=op.f("ck_favour_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'partly_done', 'done', 'forgiven')", name=op.f("ck_favour_status")
        ),
        sa.CheckConstraint(
            "amount_cents IS NULL OR amount_cents >= 0", name=op.f("ck_favour_amount_not_negative")
        ),
        sa.CheckConstraint(
            "due_on IS NULL OR due_on >= started_on", name=op.f("ck_favour_due_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_favour_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_favour")),
    )
    with op.batch_alter_table("favour", schema=None) as batch_op:
        batch_op.create_index("ix_favour_contact", ["contact_id", "status"], unique=False)
        batch_op.create_index("ix_favour_status_due", ["status", "due_on"], unique=False)

    op.create_table(
        "purchase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("purchased_on", sa.Date(), nullable=False),
        sa.Column("what", sa.String(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(), server_default="", nullable=False),
        sa.Column("notes", sa.String(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "amount_cents IS NULL OR amount_cents >= 0",
            name=op.f("ck_purchase_amount_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_purchase_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase")),
    )
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.create_index("ix_purchase_contact", ["contact_id", "purchased_on"], unique=False)
        batch_op.create_index("ix_purchase_date", ["purchased_on"], unique=False)

    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("anchor_on", sa.Date(), nullable=True),
        sa.Column("repeat_unit", sa.String(), nullable=True),
        sa.Column("repeat_every", sa.Integer(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "repeat_unit IS NULL OR repeat_unit IN ('day', 'week', 'month', 'year')",
            name=op.f("ck_reminder_repeat_unit"),
        ),
        sa.CheckConstraint(
            "(repeat_unit IS NULL) = (repeat_every IS NULL)",
            name=op.f("ck_reminder_repeat_complete"),
        ),
        sa.CheckConstraint(
            "repeat_every IS NULL OR repeat_every > 0",
            name=op.f("ck_reminder_repeat_every_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_reminder_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_reminder_due", ["done_at", "due_on"], unique=False)

    op.create_table(
        "favour_settlement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("favour_id", sa.Integer(), nullable=False),
        sa.Column("settled_on", sa.Date(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "action IN ('partial', 'done', 'forgiven')", name=op.f("ck_favour_settlement_action")
        ),
        sa.CheckConstraint(
            "amount_cents IS NULL OR amount_cents > 0",
            name=op.f("ck_favour_settlement_amount_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["favour_id"],
            ["favour.id"],
            name=op.f("fk_favour_settlement_favour_id_favour"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_favour_settlement")),
    )
    with op.batch_alter_table("favour_settlement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_favour_settlement_favour_id"), ["favour_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("favour_settlement")
    op.drop_table("reminder")
    op.drop_table("purchase")
    op.drop_table("favour")
    op.drop_table("conversation_contact")
    op.drop_table("contact_tag")
    op.drop_table("contact_photo")
    op.drop_table("contact_phone")
    op.drop_table("contact_email")
    op.drop_table("tag")
    op.drop_table("conversation")
    op.drop_table("contact")
