"""Logging conversations: the heart of the journal.

Logging one resets the keep-in-touch clock of everyone who took part: ``contact.last_contact_at``
is a cache of the newest conversation per contact, recomputed in the same transaction as every
change to conversations, so a list sorted by "last contact" can never disagree with history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.due.stale_snoozes import clear_stale_snoozes
from colearn_desktop.core.enums import Channel
from colearn_desktop.core.errors import NotFoundError
from colearn_desktop.core.events import Action, Change, Topic, trash_action
from colearn_desktop.core.people.contacts import ContactService
from colearn_desktop.core.records import ContactRef, ConversationInput, ConversationView
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import Contact, Conversation, row_id
from colearn_desktop.core.storage.models import ConversationContact as Participant
from colearn_desktop.core.text import clean, clean_block
from colearn_desktop.core.unreadable import readable_rows
from colearn_desktop.core.validation import Problems

_REFRESH_LAST_CONTACT = text(
    """
    UPDATE contact SET last_contact_at = (
        SELECT max(cv.happened_at)
        FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
        WHERE cc.contact_id = contact.id AND cv.deleted_at IS NULL
    )
    WHERE id IN (SELECT value FROM json_each(:ids))
    """
)


# Whose newest conversation is now later than the cached one (before the refresh).
_MOVED_LATER = text(
    """
    SELECT c.id FROM contact c
    WHERE c.id IN (SELECT value FROM json_each(:ids)) AND COALESCE(c.last_contact_at, '') < (
        SELECT max(cv.happened_at)
        FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
        WHERE cc.contact_id = c.id AND cv.deleted_at IS NULL
    )
    """
)


def refresh_last_contact(
    session: Session, contact_ids: Iterable[int], now: datetime | None = None
) -> None:
    """Recompute the cached last-contact time of ``contact_ids`` from their conversations.
    With ``now`` (the service's UTC time), the snoozes a later conversation has answered are
    cleared too (see ``core/stale_snoozes.py``)."""
    import json

    ids = sorted(set(contact_ids))
    if not ids:
        return
    params = {"ids": json.dumps(ids)}
    moved = [row[0] for row in session.execute(_MOVED_LATER, params)] if now else []
    session.execute(_REFRESH_LAST_CONTACT, params)
    if moved and now is not None:
        clear_stale_snoozes(session, moved, now)


def _normalise(data: ConversationInput) -> ConversationInput:
    return ConversationInput(
        contact_ids=tuple(dict.fromkeys(data.contact_ids)),
        happened_at=data.happened_at.replace(microsecond=0)
        if data.happened_at
        else data.happened_at,
        channel=data.channel,
        notes=clean_block(data.notes),
        learned=clean_block(data.learned),
        they_asked=clean_block(data.they_asked),
        next_step=clean(data.next_step),
        next_step_due=data.next_step_due,
        praise=bool(data.praise),
    )


class ConversationService:
    def __init__(self, ctx: ServiceContext, contacts: ContactService):
        self._ctx = ctx
        self._contacts = contacts

    def _validate(self, session: Session, data: ConversationInput) -> None:
        problems = Problems()
        if not data.contact_ids:
            problems.add("contacts", "pick who the conversation was with")
        else:
            found = set(
                session.scalars(
                    select(col(Contact.id)).where(col(Contact.id).in_(data.contact_ids))
                ).all()
            )
            missing = [str(i) for i in data.contact_ids if i not in found]
            if missing:
                problems.add("contacts", f"contact {', '.join(missing)} does not exist")
        today = self._ctx.clock.today()
        if data.happened_at is None:
            problems.add("happened_at", "say when the conversation happened")
        else:
            # Any time today is fine (a call logged before it ends); tomorrow is not, or the
            # keep-in-touch text would read "last talked -1 days ago".
            problems.check_past("happened_at", data.happened_at.date(), today)
        problems.check_enum("channel", data.channel, Channel)
        for field in ("notes", "learned", "they_asked", "next_step"):
            problems.check_text(field, getattr(data, field))
        if data.happened_at is not None:
            problems.check_dates_ordered(
                "next_step_due", data.happened_at.date(), data.next_step_due
            )
        problems.check_plan("next_step_due", data.next_step_due, today)
        if data.next_step_due is not None and not data.next_step:
            problems.add("next_step", "say what the next step is, or clear its due date")
        problems.raise_if_any()

    @staticmethod
    def _columns(data: ConversationInput) -> dict[str, object]:
        return {
            "happened_at": data.happened_at,
            "channel": Channel(data.channel).value,
            "notes": data.notes,
            "learned": data.learned,
            "they_asked": data.they_asked,
            "next_step": data.next_step,
            "next_step_due": data.next_step_due,
            "praise": data.praise,
        }

    # -- writes ---------------------------------------------------------------------------

    def log(self, data: ConversationInput, new_contacts: tuple[ContactInput, ...] = ()) -> int:
        """Record a conversation and reset the keep-in-touch clock of its participants.

        ``new_contacts`` are created in the same transaction and join the participants, so
        logging a call with someone not yet in the journal is one step that either happens
        whole or not at all."""
        data = _normalise(data)
        with self._ctx.db.write("Log a conversation") as session:
            if new_contacts:
                created = tuple(self._contacts.insert(session, c) for c in new_contacts)
                data = replace(data, contact_ids=data.contact_ids + created)
            self._validate(session, data)
            now = self._ctx.clock.utcnow()
            conversation_id = inserted_id(
                session,
                insert(Conversation).values(**self._columns(data), created_at=now, updated_at=now),
            )
            session.execute(
                insert(Participant),
                [{"conversation_id": conversation_id, "contact_id": c} for c in data.contact_ids],
            )
            refresh_last_contact(session, data.contact_ids, now)
            name_operation(session, f"Log conversation {_with(session, data.contact_ids)}")
        self._ctx.changed(
            Topic.CONVERSATIONS, conversation_id, action=Action.CREATED, contacts=data.contact_ids
        )
        return conversation_id

    def update(self, conversation_id: int, data: ConversationInput) -> Change:
        data = _normalise(data)
        with self._ctx.db.write("Edit a conversation") as session:
            self._require(session, conversation_id)
            self._validate(session, data)
            before = self._participant_ids(session, conversation_id)
            name_operation(session, f"Edit conversation {_with(session, data.contact_ids)}")
            session.execute(
                update(Conversation)
                .where(col(Conversation.id) == conversation_id)
                .values(**self._columns(data), updated_at=self._ctx.clock.utcnow())
            )
            session.execute(
                delete(Participant).where(col(Participant.conversation_id) == conversation_id)
            )
            session.execute(
                insert(Participant),
                [{"conversation_id": conversation_id, "contact_id": c} for c in data.contact_ids],
            )
            concerned = set(before) | set(data.contact_ids)
            refresh_last_contact(session, concerned, self._ctx.clock.utcnow())
        return self._ctx.changed(Topic.CONVERSATIONS, conversation_id, contacts=concerned)

    def delete(self, conversation_id: int) -> Change:
        """Move to the trash (recoverable with :meth:`restore`)."""
        return self._set_deleted(conversation_id, deleted=True)

    def restore(self, conversation_id: int) -> Change:
        return self._set_deleted(conversation_id, deleted=False)

    def set_next_step_done(self, conversation_id: int, done: bool = True) -> Change:
        with self._ctx.db.write("Tick a next step") as session:
            row = self._require(session, conversation_id)
            name_operation(session, f"{'Tick' if done else 'Untick'} next step: {row.next_step}")
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Conversation)
                .where(col(Conversation.id) == conversation_id)
                .values(next_step_done_at=self._ctx.clock.now() if done else None, updated_at=now)
            )
        return self._ctx.changed(Topic.CONVERSATIONS, conversation_id)

    def _set_deleted(self, conversation_id: int, *, deleted: bool) -> Change:
        verb = "Delete" if deleted else "Restore"
        with self._ctx.db.write(f"{verb} a conversation") as session:
            self._require(session, conversation_id)
            people = _with(session, self._participant_ids(session, conversation_id))
            name_operation(session, f"{verb} conversation {people}")
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Conversation)
                .where(col(Conversation.id) == conversation_id)
                .values(deleted_at=now if deleted else None, updated_at=now)
            )
            concerned = self._participant_ids(session, conversation_id)
            refresh_last_contact(session, concerned, now)
        return self._ctx.changed(
            Topic.CONVERSATIONS, conversation_id, action=trash_action(deleted), contacts=concerned
        )

    # -- reads ----------------------------------------------------------------------------

    def get(self, conversation_id: int) -> ConversationView:
        with self._ctx.db.read() as session:
            self._require(session, conversation_id)
            views = self._views(session, [conversation_id])
        return views[0]

    def for_contact(self, contact_id: int, limit: int | None = None) -> list[ConversationView]:
        """The contact's timeline, newest first, without the trash."""
        with self._ctx.db.read() as session:
            query = (
                select(row_id(Conversation.id))
                .join(Participant, col(Participant.conversation_id) == col(Conversation.id))
                .where(
                    col(Participant.contact_id) == contact_id,
                    col(Conversation.deleted_at).is_(None),
                )
                .order_by(col(Conversation.happened_at).desc(), col(Conversation.id).desc())
                .limit(limit)
            )
            ids = list(session.scalars(query).all())
            return self._views(session, ids)

    @staticmethod
    def _views(session: Session, ids: list[int]) -> list[ConversationView]:
        if not ids:
            return []
        query = select(Conversation).where(col(Conversation.id).in_(ids))
        rows = {row.id: row for row in readable_rows(session, query, Conversation)}
        ids = [i for i in ids if i in rows]
        people: dict[int, list[ContactRef]] = {i: [] for i in ids}
        for conversation_id, contact_id, name in session.execute(
            select(col(Participant.conversation_id), row_id(Contact.id), col(Contact.display_name))
            .join(Contact, col(Contact.id) == col(Participant.contact_id))
            .where(col(Participant.conversation_id).in_(ids))
            .order_by(Contact.sort_name)
        ).all():
            people[conversation_id].append(ContactRef(contact_id, name))
        views = []
        for conversation_id in ids:
            row = rows[conversation_id]
            data = ConversationInput(
                contact_ids=tuple(ref.id for ref in people[conversation_id]),
                happened_at=row.happened_at,
                channel=Channel(row.channel),
                notes=row.notes,
                learned=row.learned,
                they_asked=row.they_asked,
                next_step=row.next_step,
                next_step_due=row.next_step_due,
                praise=bool(row.praise),
            )
            views.append(
                ConversationView(
                    id=conversation_id,
                    data=data,
                    participants=tuple(people[conversation_id]),
                    next_step_done_at=row.next_step_done_at,
                    created_at=row.created_at,
                    updated_at=row.updated_at,
                    deleted_at=row.deleted_at,
                )
            )
        return views

    @staticmethod
    def _participant_ids(session: Session, conversation_id: int) -> list[int]:
        return list(
            session.scalars(
                select(col(Participant.contact_id)).where(
                    col(Participant.conversation_id) == conversation_id
                )
            ).all()
        )

    @staticmethod
    def _require(session: Session, conversation_id: int) -> Conversation:
        row = session.get(Conversation, conversation_id)
        if row is None:
            raise NotFoundError(f"conversation {conversation_id} does not exist")
        return row


def _with(session: Session, contact_ids: Iterable[int]) -> str:
    """ "with Ana García", "with Ana García and Bo Li", "with Ana García and 3 others"."""
    ids = list(contact_ids)
    names = session.scalars(
        select(col(Contact.display_name))
        .where(col(Contact.id).in_(ids))
        .order_by(col(Contact.sort_name))
    ).all()
    if not names:
        return ""
    if len(names) == 1:
        return f"with {names[0]}"
    if len(names) == 2:
        return f"with {names[0]} and {names[1]}"
    return f"with {names[0]} and {len(names) - 1} others"
