"""Which tables travel, and how a row is named on every device (its *key*).

A row with a ``uid`` is named by it.  A row without one is named by the uids it joins and its
own key columns, joined by ``/``: a contact's second e-mail is ``<contact uid>/1``, a tag link
``<contact uid>/<tag uid>``, a setting its key.  Integer references travel as the uid of the
row they point to, under the column's name without ``_id`` (``favour.contact_id`` travels as
``"contact": "<uid>"``).

What does not travel, on purpose: the caches the triggers compute (``DERIVED_COLUMNS``,
``contact.last_contact_at``: recomputed after every apply), the import history (it names
this journal's own row numbers; an import's undo stays on the computer that imported).
Today's snooze and done marks travel under the uid of the row their item comes from
(``due_keys.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, children
from colearn_desktop.core.storage.undo_log import DERIVED_COLUMNS

# Cached from the conversations, recomputed after an apply (like the trigger caches).
LOCAL_COLUMNS = {"contact": frozenset({"last_contact_at"})}


@dataclass(frozen=True)
class TableSpec:
    """How one table travels.

    ``refs``: integer columns that point at another table's row, and that table.
    ``key``: the columns whose values, joined by ``/``, name a row without a uid (references
    by the referenced row's uid); ``("uid",)`` for a table with stable ids.
    ``unordered``: the two key columns are one unordered pair (stored smaller id first)."""

    name: str
    key: tuple[str, ...] = ("uid",)
    refs: dict[str, str] = field(default_factory=dict)
    unordered: bool = False
    # Rows that belong to this computer, by the value of their single key column.
    local_keys: frozenset[str] = frozenset()
    # The single key column is a Today item's key, whose row number travels as a uid
    # (``due_keys.py``); the column itself travels only as the key.
    due_keys: bool = False

    @property
    def has_uid(self) -> bool:
        return self.key == ("uid",)

    def field_name(self, column: str) -> str:
        """The name a column travels under: a reference without its ``_id``."""
        return column[:-3] if column in self.refs and column.endswith("_id") else column

    def skipped(self) -> frozenset[str]:
        """Columns that never travel: the local number and the caches."""
        return (
            frozenset({"id"})
            | DERIVED_COLUMNS.get(self.name, frozenset())
            | LOCAL_COLUMNS.get(self.name, frozenset())
            | (frozenset(self.key) if self.due_keys else frozenset())
        )


_CONTACT = {"contact_id": "contact"}
# Journal settings that belong to one computer: how many of its own backups it keeps.
LOCAL_SETTINGS = frozenset({"backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly"})

# Parents before children: rows are written in this order, deleted in the reverse.
SPECS: tuple[TableSpec, ...] = (
    TableSpec("contact", refs={"referred_by_id": "contact"}),
    TableSpec("contact_alias", refs=_CONTACT),
    *(
        TableSpec(children(f).table, key=("contact_id", "position"), refs=_CONTACT)
        for f in LABELLED_FIELDS
    ),
    TableSpec("contact_photo", key=("contact_id",), refs=_CONTACT),
    TableSpec("tag"),
    TableSpec("contact_tag", key=("contact_id", "tag_id"), refs={**_CONTACT, "tag_id": "tag"}),
    TableSpec("conversation"),
    TableSpec(
        "conversation_contact",
        key=("conversation_id", "contact_id"),
        refs={"conversation_id": "conversation", **_CONTACT},
    ),
    TableSpec("favour", refs=_CONTACT),
    TableSpec("favour_settlement", refs={"favour_id": "favour"}),
    TableSpec("purchase", refs=_CONTACT),
    TableSpec("reminder", refs=_CONTACT),
    TableSpec("setting", key=("key",), local_keys=LOCAL_SETTINGS),
    TableSpec("referral_template"),
    TableSpec("referral_ask", refs={**_CONTACT, "template_id": "referral_template"}),
    TableSpec("contact_referral_state", key=("contact_id",), refs=_CONTACT),
    TableSpec(
        "not_same_person",
        key=("contact_a", "contact_b"),
        refs={"contact_a": "contact", "contact_b": "contact"},
        unordered=True,
    ),
    # Last: the rows a mark's item comes from (contacts, purchases, favours ...) come first.
    TableSpec("due_item_state", key=("key",), due_keys=True),
)
BY_NAME = {spec.name: spec for spec in SPECS}
ORDER = {spec.name: index for index, spec in enumerate(SPECS)}
