"""``journal.bulk``: one action on many contacts at once (tag, stage, cadence, archive, a
conversation with all of them).

The selection is a :class:`ContactQuery`: the contacts list's own filter, narrowed to the
rows the user picked (``ids``) or widened to all of it minus the rows they unticked
(``except_ids``).  So Ctrl+A on a filtered list of 100,000 contacts never reads those rows
into the window: the ids are resolved here, in SQL, inside the action's own write
transaction, and each action is one set-based statement over them.

Each action is one transaction and one undo step named with its count ("Add tag designer
to 212 contacts"); the cache and search triggers keep the list and the index in step, and
undo writes the rows back set-based too.  Each contact is recorded compactly (a tag link's
three values; a stage, cadence or archive mark with the contact's ``updated_at``:
``undo_log.record_columns``), so 100,000 contacts are one undo step that undo takes back in
seconds.  Only an action on more contacts than :data:`undo_log.MAX_BULK_ROWS` cannot be
undone row by row: a backup is made first and the step is kept by name only (undo then says
so), as a big import does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from colearn_desktop.core.activity.conversations import ConversationService
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Action, Topic
from colearn_desktop.core.people.contact_list import ContactListService, ContactQuery
from colearn_desktop.core.people.tag_links import index_once
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import name_operation, roomy_cache
from colearn_desktop.core.storage.undo_log import MAX_BULK_ROWS, forget, record_columns
from colearn_desktop.core.text import clean, fold
from colearn_desktop.core.validation import Problems

# A conversation lists its people one by one (the timeline, the brief): a "group" of more
# than this is a mailing, not a conversation, and its validation would outgrow SQLite's
# limit on bound values.
MAX_CONVERSATION_PEOPLE = 1000
MakeBackup = Callable[[str], Path | None]
# A tag's count in the filter changes with the contacts that carry it.
_TAG_TOPICS = (Topic.TAGS, Topic.CONTACTS)


@dataclass(frozen=True)
class BulkOutcome:
    """What one bulk action did: ``count`` contacts were selected (those that already had
    the value are counted too: the user sees their selection's size), ``label`` names the
    undo step, ``backup`` is the copy made first when the action is too big to undo."""

    count: int
    label: str
    backup: Path | None = None


def contacts_text(count: int) -> str:
    """ "1 contact", "212 contacts": how a label counts."""
    return f"{count} contact" if count == 1 else f"{count} contacts"


def _tag_name(name: str) -> str:
    name = clean(name)
    problems = Problems()
    if not name:
        problems.add("tag", "type the tag's name")
    elif "," in name or ";" in name:
        problems.add("tag", "a tag cannot contain a comma or semicolon")
    problems.check_text("tag", name, 80)
    problems.raise_if_any()
    return name


def _nobody() -> ValidationError:
    return ValidationError.single(
        "contacts", "no contact is selected any more (the list changed); nothing was changed"
    )


class BulkService:
    def __init__(
        self,
        ctx: ServiceContext,
        contact_list: ContactListService,
        conversations: ConversationService,
        backup: MakeBackup,
    ):
        self._ctx = ctx
        self._list = contact_list
        self._conversations = conversations
        self._backup = backup

    def count(self, selection: ContactQuery) -> int:
        """How many contacts ``selection`` holds (one count query, no rows read)."""
        return self._list.count(_whole(selection))

    # -- the actions ----------------------------------------------------------------------

    def add_tag(self, selection: ContactQuery, name: str) -> BulkOutcome:
        """Tag every selected contact ``name`` (the tag is made when new)."""
        name = _tag_name(name)

        def apply(connection: sqlite3.Connection, ids: list[int]) -> None:
            connection.execute(
                "INSERT INTO tag (name, name_key, created_at) SELECT ?, ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM tag WHERE name_key = ?)",
                (name, fold(name), self._now(), fold(name)),
            )
            with index_once(connection, ids):
                connection.execute(
                    "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) "
                    "SELECT value, (SELECT id FROM tag WHERE name_key = ?) FROM json_each(?)",
                    (fold(name), json.dumps(ids)),
                )

        label = lambda n: f"Add tag {name} to {contacts_text(n)}"  # noqa: E731
        return self._run(selection, label, apply, _TAG_TOPICS)

    def remove_tag(self, selection: ContactQuery, name: str) -> BulkOutcome:
        """Take the tag ``name`` off every selected contact (the tag itself stays)."""
        name = _tag_name(name)

        def apply(connection: sqlite3.Connection, ids: list[int]) -> None:
            found = connection.execute(
                "SELECT id FROM tag WHERE name_key = ?", (fold(name),)
            ).fetchone()
            if found is None:
                raise ValidationError.single("tag", f"there is no tag called {name}")
            with index_once(connection, ids):
                connection.execute(
                    "DELETE FROM contact_tag WHERE tag_id = ? "
                    "AND contact_id IN (SELECT value FROM json_each(?))",
                    (found[0], json.dumps(ids)),
                )

        label = lambda n: f"Remove tag {name} from {contacts_text(n)}"  # noqa: E731
        return self._run(selection, label, apply, _TAG_TOPICS)

    def set_stage(self, selection: ContactQuery, stage: Stage) -> BulkOutcome:
        problems = Problems()
        problems.check_enum("stage", stage, Stage)
        problems.raise_if_any()
        stage = Stage(stage)
        return self._set_column(
            selection, "stage", stage.value, lambda n: f"Set stage {stage.value} for {n}"
        )

    def set_cadence(self, selection: ContactQuery, days: int | None) -> BulkOutcome:
        """Keep in touch every ``days`` with each selected contact (None: their tags' and
        the default cadence apply again)."""
        problems = Problems()
        problems.check_cadence("cadence_days", days)
        problems.raise_if_any()
        every = f"every {days} days" if days else "by default"
        return self._set_column(
            selection, "cadence_days", days, lambda n: f"Keep in touch {every} with {n}"
        )

    def archive(self, selection: ContactQuery) -> BulkOutcome:
        return self._set_archived(selection, archived=True)

    def restore(self, selection: ContactQuery) -> BulkOutcome:
        return self._set_archived(selection, archived=False)

    def delete_permanently(self, selection: ContactQuery) -> BulkOutcome:
        """Delete the selected archived contacts for good, as ``contacts.delete_permanently``
        deletes one (their favours, purchases and the conversations nobody else took part
        in), in one transaction after a backup.  Contacts that are not archived are left
        alone, so one key press can never destroy an active contact; none archived: refused.
        Like the single delete, it empties the undo history (gone means gone)."""
        selection = _whole(selection)
        with self._ctx.db.read_raw() as reading:
            archived = _archived(reading, self._list.matching_ids(reading, selection))
        if not archived:
            raise ValidationError.single(
                "contacts",
                "only archived contacts can be deleted permanently, and none of the "
                "selected is; nothing was deleted",
            )
        backup = self._backup("delete")  # (a failed backup raises: nothing is deleted)
        label = f"Delete {contacts_text(len(archived))} permanently"
        with self._ctx.db.write() as session:  # (no undo step: the history is emptied)
            connection: sqlite3.Connection = session.connection().connection.driver_connection  # type: ignore[assignment]
            forget(connection)
            ids = _archived(connection, self._list.matching_ids(connection, selection))
            if not ids:
                raise _nobody()
            chosen = json.dumps(ids)
            connection.execute(
                "DELETE FROM conversation WHERE id IN (SELECT conversation_id FROM "
                "conversation_contact WHERE contact_id IN (SELECT value FROM json_each(?))) "
                "AND id NOT IN (SELECT conversation_id FROM conversation_contact WHERE "
                "contact_id NOT IN (SELECT value FROM json_each(?)))",
                (chosen, chosen),
            )
            connection.execute(
                "DELETE FROM contact WHERE id IN (SELECT value FROM json_each(?))", (chosen,)
            )
        self._ctx.changed(Topic.CONTACTS, action=Action.DELETED)
        return BulkOutcome(len(ids), label, backup)

    def log_conversation(self, selection: ContactQuery, data: ConversationInput) -> BulkOutcome:
        """One conversation with every selected contact (a meeting, a group call), as the
        quick log records a group: one conversation, each person once."""
        with self._ctx.db.read_raw() as connection:
            ids = self._list.matching_ids(connection, _whole(selection))
        if not ids:
            raise _nobody()
        if len(ids) > MAX_CONVERSATION_PEOPLE:
            raise ValidationError.single(
                "contacts",
                f"a conversation can have at most {MAX_CONVERSATION_PEOPLE} people and "
                f"{len(ids)} are selected; nothing was logged, select fewer people",
            )
        label = f"Log conversation with {contacts_text(len(ids))}"
        with self._ctx.db.operation(label):
            self._conversations.log(replace(data, contact_ids=tuple(ids)))
        return BulkOutcome(len(ids), label)

    # -- how every action runs ------------------------------------------------------------

    def _now(self) -> str:
        # As SQLAlchemy stores a DateTime, so every stamp of the journal reads alike.
        return self._ctx.clock.utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")

    def _set_column(
        self,
        selection: ContactQuery,
        column: str,
        value: object,
        label: Callable[[str], str],
    ) -> BulkOutcome:
        def apply(connection: sqlite3.Connection, ids: list[int]) -> None:
            pending = (f"{column} IS NOT ?", (value,))
            _update_contacts(connection, ids, column, value, self._now(), pending)

        return self._run(selection, lambda n: label(contacts_text(n)), apply)

    def _set_archived(self, selection: ContactQuery, *, archived: bool) -> BulkOutcome:
        verb = "Archive" if archived else "Restore"

        def apply(connection: sqlite3.Connection, ids: list[int]) -> None:
            now = self._now()
            pending = (f"archived_at IS {'' if archived else 'NOT '}NULL", ())
            _update_contacts(
                connection, ids, "archived_at", now if archived else None, now, pending
            )

        return self._run(selection, lambda n: f"{verb} {contacts_text(n)}", apply)

    def _run(
        self,
        selection: ContactQuery,
        label: Callable[[int], str],
        apply: Callable[[sqlite3.Connection, list[int]], None],
        topics: tuple[Topic, ...] = (Topic.CONTACTS,),
    ) -> BulkOutcome:
        """Resolve ``selection`` and ``apply`` the action to its ids in one write
        transaction recorded as one undo step named ``label(count)``."""
        selection = _whole(selection)
        count = self.count(selection)
        if not count:
            raise _nobody()
        # One compact recorded row per contact at most: beyond the log's bound the step
        # cannot be undone row by row, so the journal as it was is kept in a backup instead.
        undoable = count <= MAX_BULK_ROWS
        backup = None if undoable else self._backup("bulk-change")
        with self._ctx.db.write(label(count), undoable=undoable, bound=MAX_BULK_ROWS) as session:
            connection: sqlite3.Connection = session.connection().connection.driver_connection  # type: ignore[assignment]
            with roomy_cache(connection):
                ids = self._list.matching_ids(connection, selection)
                if not ids:
                    raise _nobody()
                apply(connection, ids)
            # Named by what it really changed (the list may have moved since the count).
            name_operation(session, label(len(ids)))
        for topic in topics:
            self._ctx.changed(topic, action=Action.UPDATED)
        return BulkOutcome(len(ids), label(len(ids)), backup)


def _update_contacts(
    connection: sqlite3.Connection,
    ids: list[int],
    column: str,
    value: object,
    now: str,
    pending: tuple[str, tuple[object, ...]],
) -> None:
    """Set ``column`` to ``value`` on the contacts of ``ids`` the condition ``pending`` still
    selects (those not set yet), in one statement recorded compactly (the column and
    ``updated_at``) for undo."""
    where = f"id IN (SELECT value FROM json_each(?)) AND {pending[0]}"
    params = (json.dumps(ids), *pending[1])
    with record_columns(connection, "contact", (column, "updated_at"), where, params):
        connection.execute(
            f"UPDATE contact SET {column} = ?, updated_at = ? WHERE {where}", (value, now, *params)
        )


def _whole(selection: ContactQuery) -> ContactQuery:
    """The selection without a page limit: a bulk action acts on all of it."""
    return replace(selection, limit=None)


def _archived(connection: sqlite3.Connection, ids: list[int]) -> list[int]:
    """The archived ones of ``ids``."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT id FROM contact WHERE id IN (SELECT value FROM json_each(?)) "
            "AND archived_at IS NOT NULL ORDER BY id",
            (json.dumps(ids),),
        )
    ]
