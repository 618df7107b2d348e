"""Cache, on each contact row, what the lists sort by and Today selects on; index it.

Tag names, open favours each way, the effective keep-in-touch cadence and the day keeping in
touch shows up on Today are stored on the contact and kept right by triggers (see
``colearn_desktop.core.people.contact_cache``, which generates this SQL; the copy here is frozen),
so the contacts list sorts and filters 100,000 contacts through indexes instead of computing
every row.  A partial
index on open next steps lets the follow-up reminders skip the other conversations.  The stage
defaults the triggers read are stored whole in the ``stage_cadence`` setting.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The stage defaults of this release, written when the journal has none stored yet.
STAGE_CADENCE = '{"network": 90, "search": 21, "shop": 7, "help": 60}'

# The SQL is written out here, not imported from contact_cache: a revision must keep doing
# what it did when it was written, whatever that module becomes.
_TAGS = """tags_text = COALESCE((SELECT group_concat(t.name, ', ')
    FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
    WHERE ct.contact_id = contact.id), '')"""
_FAVOURS = """favours_i_owe = (SELECT count(*) FROM favour f
    WHERE f.contact_id = contact.id AND f.direction = 'i_owe'
      AND f.status IN ('open', 'partly_done') AND f.deleted_at IS NULL), favours_they_owe = (SELECT count(*) FROM favour f
    WHERE f.contact_id = contact.id AND f.direction = 'they_owe'
      AND f.status IN ('open', 'partly_done') AND f.deleted_at IS NULL)"""
_CADENCE = """cadence_effective = COALESCE(contact.cadence_days,
    (SELECT min(t.cadence_days) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
     WHERE ct.contact_id = contact.id),
    json_extract((SELECT value FROM setting WHERE key = 'stage_cadence'),
                 '$.' || contact.stage))"""
_KEEP_IN_TOUCH = """keep_in_touch_on = CASE WHEN contact.cadence_effective IS NULL THEN NULL ELSE max(
    date(max(date(COALESCE(contact.last_contact_at, contact.created_at)),
             COALESCE((SELECT done_for FROM due_item_state
                       WHERE key = 'cadence:' || contact.id), '')),
         '+' || contact.cadence_effective || ' days'),
    COALESCE((SELECT snoozed_until FROM due_item_state
              WHERE key = 'cadence:' || contact.id), '')) END"""


def _update(where: str, *sets: str) -> str:
    return f"UPDATE contact SET {', '.join(sets)} WHERE {where};"


def _refresh(where: str, *sets: str) -> list[str]:
    """Set ``sets`` on the contacts ``where`` says, then their keep-in-touch day (which reads
    the cadence just set)."""
    return [_update(where, *sets), _update(where, _KEEP_IN_TOUCH)]


def _trigger(name: str, event: str, statements: list[str]) -> str:
    body = "\n".join(statements)
    return f"\nCREATE TRIGGER {name} {event} BEGIN\n{body}\nEND\n"


_TAGGED = "id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id)"
_STATE = "WHEN {row}.key LIKE 'cadence:%'"
_STATE_CONTACT = "id = CAST(substr({row}.key, 9) AS INTEGER)"
_STAGE_SETTING = "ON setting WHEN NEW.key = 'stage_cadence'"

TRIGGERS = {
    name: _trigger(name, event, statements)
    for name, event, statements in (
        (
            "contact_cache_insert",
            "AFTER INSERT ON contact",
            _refresh("id = NEW.id", _TAGS, _FAVOURS, _CADENCE),
        ),
        (
            "contact_cache_update",
            "AFTER UPDATE OF cadence_days, stage, last_contact_at, created_at ON contact",
            _refresh("id = NEW.id", _CADENCE),
        ),
        (
            "contact_cache_tag_added",
            "AFTER INSERT ON contact_tag",
            _refresh("id = NEW.contact_id", _TAGS, _CADENCE),
        ),
        (
            "contact_cache_tag_removed",
            "AFTER DELETE ON contact_tag",
            _refresh("id = OLD.contact_id", _TAGS, _CADENCE),
        ),
        (
            "contact_cache_tag_changed",
            "AFTER UPDATE OF name, cadence_days ON tag",
            _refresh(_TAGGED, _TAGS, _CADENCE),
        ),
        (
            "contact_cache_favour_added",
            "AFTER INSERT ON favour",
            [_update("id = NEW.contact_id", _FAVOURS)],
        ),
        (
            "contact_cache_favour_changed",
            "AFTER UPDATE OF contact_id, direction, status, deleted_at ON favour",
            [_update("id = OLD.contact_id", _FAVOURS), _update("id = NEW.contact_id", _FAVOURS)],
        ),
        (
            "contact_cache_favour_removed",
            "AFTER DELETE ON favour",
            [_update("id = OLD.contact_id", _FAVOURS)],
        ),
        (
            "contact_cache_state_added",
            "AFTER INSERT ON due_item_state " + _STATE.format(row="NEW"),
            _refresh(_STATE_CONTACT.format(row="NEW"), _CADENCE),
        ),
        (
            "contact_cache_state_changed",
            "AFTER UPDATE ON due_item_state " + _STATE.format(row="NEW"),
            _refresh(_STATE_CONTACT.format(row="NEW"), _CADENCE),
        ),
        (
            "contact_cache_state_removed",
            "AFTER DELETE ON due_item_state " + _STATE.format(row="OLD"),
            _refresh(_STATE_CONTACT.format(row="OLD"), _CADENCE),
        ),
        (
            "contact_cache_stage_defaults",
            "AFTER UPDATE " + _STAGE_SETTING,
            _refresh("1", _CADENCE),
        ),
        (
            "contact_cache_stage_defaults_added",
            "AFTER INSERT " + _STAGE_SETTING,
            _refresh("1", _CADENCE),
        ),
    )
}

FILL = _refresh("1", _TAGS, _FAVOURS, _CADENCE)

_STAGE_ORDER = "CASE stage WHEN 'network' THEN 0 WHEN 'search' THEN 1 WHEN 'shop' THEN 2 WHEN 'help' THEN 3 END"

# One index per sort of the contacts list and direction (an empty value sorts last both
# ways), so a page of any sort is read from an index; keep_in_touch also serves Today.
INDEXES = {
    "ix_contact_list_company": "contact (archived_at, company = '', company COLLATE NOCASE, sort_name)",
    "ix_contact_list_company_desc": "contact (archived_at, company COLLATE NOCASE, sort_name)",
    "ix_contact_list_stage": f"contact (archived_at, {_STAGE_ORDER}, sort_name)",
    "ix_contact_list_last": "contact (archived_at, COALESCE(last_contact_at, '9999-12-31'), sort_name)",
    "ix_contact_list_last_desc": "contact (archived_at, last_contact_at, sort_name)",
    "ix_contact_list_due": "contact (archived_at, COALESCE(keep_in_touch_on, '9999-12-31'), sort_name)",
    "ix_contact_list_keep_in_touch": "contact (archived_at, keep_in_touch_on, sort_name)",
    "ix_contact_list_balance": "contact (archived_at, (favours_i_owe - favours_they_owe), sort_name)",
    "ix_contact_list_tags": "contact (archived_at, tags_text = '', tags_text COLLATE NOCASE, sort_name)",
    "ix_contact_list_tags_desc": "contact (archived_at, tags_text COLLATE NOCASE, sort_name)",
    # Open next steps only (a few percent of conversations): what the follow-up rule reads.
    "ix_conversation_open_steps": "conversation (next_step_due) "
    "WHERE next_step_done_at IS NULL AND deleted_at IS NULL",
}


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tags_text", sa.String(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("favours_i_owe", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("favours_they_owe", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("cadence_effective", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("keep_in_touch_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    stored = bind.exec_driver_sql("SELECT value FROM setting WHERE key = 'stage_cadence'").scalar()
    merged = {**json.loads(STAGE_CADENCE), **(json.loads(stored) if stored else {})}
    bind.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES ('stage_cadence', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (json.dumps(merged),),
    )
    for statement in FILL:
        op.execute(statement)
    for sql in TRIGGERS.values():
        op.execute(sql)
    for name, target in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        for column in (
            "keep_in_touch_on",
            "cadence_effective",
            "favours_they_owe",
            "favours_i_owe",
            "tags_text",
        ):
            batch_op.drop_column(column)
