"""Creating, editing, archiving and reading contacts.

Every write validates the whole input first, then changes the contact and its emails, phones
and tags in one transaction, keeping the derived ``display_name``/``sort_name`` in step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.contact_fields import (
    LABELLED_FIELDS,
    TEXT_FIELDS,
    Birthday,
    ContactField,
    ContactInput,
    Labelled,
    children,
    contact_input,
)
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from colearn_desktop.core.people.contact_ids import resolve_contact_uid
from colearn_desktop.core.people.tags import ensure_tags, normalise_tag_names
from colearn_desktop.core.records import ContactDetail, ContactRef
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import (
    Contact,
    ContactReferralState,
    ContactTag,
    Conversation,
    Tag,
    metadata,
    row_id,
)
from colearn_desktop.core.storage.models import ConversationContact as Participant
from colearn_desktop.core.storage.undo_log import forget
from colearn_desktop.core.text import display_name, fold
from colearn_desktop.core.validation import Problems

EARLIEST_BIRTH_YEAR = 1900
# The contact table with every column, the ones only the field list declares included.
CONTACT = metadata.tables["contact"]


def _normalise(data: ContactInput) -> ContactInput:
    """Each text and labelled list tidied as its field says (see ``contact_fields``)."""
    changes = {f.name: f.normalise(getattr(data, f.name)) for f in (*TEXT_FIELDS, *LABELLED_FIELDS)}
    return data.with_changes(**changes, tags=normalise_tag_names(data.tags))


def _check_birthday(problems: Problems, birthday: Birthday | None, today: date) -> None:
    if birthday is None:
        return
    # 2000 is a leap year: 29 February is a valid birthday when the year is unknown.
    year = birthday.year if birthday.year is not None else 2000
    try:
        born = date(year, birthday.month, birthday.day)
    except ValueError:
        problems.add("birthday", f"{birthday.as_text()} is not a real date")
        return
    if birthday.year is None:
        return
    if birthday.year < EARLIEST_BIRTH_YEAR:
        problems.add("birthday", f"{birthday.as_text()} is not a plausible birthday")
    elif born > today:
        problems.add("birthday", "is in the future")


def _check_labelled(problems: Problems, field: ContactField, items: tuple[Labelled, ...]) -> None:
    child = children(field)
    for index, item in enumerate(items):
        where = f"{field.name}[{index}]"
        if not child.plausible(item.value):
            problems.add(where, f"{item.value!r} {child.problem}")
        if field.max_length is not None:
            problems.check_length(where, item.value, field.max_length)
        problems.check_characters(where, item.value + item.label)


def validate_contact(data: ContactInput, today: date) -> None:
    """Check a normalised input; raise :class:`ValidationError` listing every problem."""
    problems = Problems()
    if not (data.given_name or data.family_name or data.name):
        problems.add("name", "a contact needs a name")
    for field in TEXT_FIELDS:
        if field.max_length is None:
            problems.check_text(field.name, getattr(data, field.name))
        else:
            problems.check_text(field.name, getattr(data, field.name), field.max_length)
    for field in LABELLED_FIELDS:
        _check_labelled(problems, field, getattr(data, field.name))
    problems.check_enum("stage", data.stage, Stage)
    problems.check_cadence("cadence_days", data.cadence_days)
    _check_birthday(problems, data.birthday, today)
    for tag in data.tags:
        if "," in tag or ";" in tag:
            problems.add("tags", f"tag {tag!r} cannot contain a comma or semicolon")
        problems.check_text("tags", tag, 80)
    problems.raise_if_any()


def _columns(data: ContactInput) -> dict[str, object]:
    shown = display_name(data.given_name, data.family_name, data.name)
    birthday = data.birthday
    return {
        **{field.column: getattr(data, field.name) for field in TEXT_FIELDS},
        "display_name": shown,
        "sort_name": fold(shown),
        "birthday_month": birthday.month if birthday else None,
        "birthday_day": birthday.day if birthday else None,
        "birthday_year": birthday.year if birthday else None,
        "stage": Stage(data.stage).value,
        "cadence_days": data.cadence_days,
        "referred_by_id": data.referred_by_id,
    }


def _unique(values: tuple[Labelled, ...], key: Callable[[str], str]) -> list[Labelled]:
    seen: set[str] = set()
    kept = []
    for item in values:
        k = key(item.value)
        if k not in seen:
            seen.add(k)
            kept.append(item)
    return kept


def labelled_rows(
    field: ContactField,
    contact_id: int,
    items: tuple[Labelled, ...] | list[Labelled],
    start: int = 0,
) -> list[dict[str, object]]:
    """The child-table rows of a labelled list, from ``start`` in position order."""
    child = children(field)
    return [
        {
            "contact_id": contact_id,
            "label": item.label,
            child.value_column: item.value,
            child.key_column: child.key(item.value),
            "position": position,
        }
        for position, item in enumerate(items, start=start)
    ]


def write_children(session: Session, contact_id: int, data: ContactInput, now: datetime) -> None:
    """Replace the e-mails, phones, links and tags of ``contact_id`` with those in ``data``."""
    for field in LABELLED_FIELDS:
        table = metadata.tables[children(field).table]
        session.execute(delete(table).where(table.c.contact_id == contact_id))
        items = _unique(getattr(data, field.name), children(field).key)
        if items:
            session.execute(insert(table), labelled_rows(field, contact_id, items))
    session.execute(delete(ContactTag).where(col(ContactTag.contact_id) == contact_id))
    tag_ids = ensure_tags(session, data.tags, now)
    if tag_ids:
        session.execute(
            insert(ContactTag), [{"contact_id": contact_id, "tag_id": t} for t in tag_ids]
        )


def record_referral(
    session: Session, contact_id: int, before: int | None, after: int | None, today: date
) -> None:
    """Note the day "referred by" was filled in (or changed), which starts the thank-you
    reminder for the referrer; clearing it stops the reminder.  The referrer's unanswered
    referral ask, if any, becomes "referred" in the same transaction."""
    if before == after:
        return
    referred_on = today if after is not None else None
    session.execute(
        sqlite_insert(ContactReferralState)
        .values(contact_id=contact_id, referred_on=referred_on, thanked_on=None)
        .on_conflict_do_update(
            index_elements=["contact_id"], set_={"referred_on": referred_on, "thanked_on": None}
        )
    )
    if after is not None:
        from colearn_desktop.core.referrals.asks import answer_with_referral

        answer_with_referral(session, contact_id, after, today)


def _read_labelled(session: Session, field: ContactField, contact_id: int) -> tuple[Labelled, ...]:
    child = children(field)
    table = metadata.tables[child.table]
    rows = session.execute(
        select(table.c[child.value_column], table.c.label)
        .where(table.c.contact_id == contact_id)
        .order_by(table.c.position)
    ).all()
    return tuple(Labelled(value, label) for value, label in rows)


class ContactService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def resolve_uid(self, uid: str) -> int | None:
        """The contact a stable id names, following the ids of contacts merged into others."""
        with self._ctx.db.read() as session:
            return resolve_contact_uid(session, uid)

    # -- writes ---------------------------------------------------------------------------

    def create(self, data: ContactInput) -> int:
        with self._ctx.db.write("Add a contact") as session:
            contact_id = self.insert(session, data)
            tidy = _normalise(data)  # the name as stored, without reading it back
            name_operation(
                session, f"Add {display_name(tidy.given_name, tidy.family_name, tidy.name)}"
            )
        self._ctx.changed(Topic.CONTACTS, contact_id, action=Action.CREATED)
        return contact_id

    def insert(self, session: Session, data: ContactInput) -> int:
        """Validate and insert a contact inside the caller's transaction (for operations
        that create a contact as one step of something bigger, like a quick log)."""
        data = _normalise(data)
        validate_contact(data, self._ctx.clock.today())
        self._check_referrer(session, data.referred_by_id, None)
        now = self._ctx.clock.utcnow()
        contact_id = inserted_id(
            session,
            insert(CONTACT).values(
                **_columns(data), created_at=now, updated_at=now, added_on=self._ctx.clock.today()
            ),
        )
        write_children(session, contact_id, data, now)
        record_referral(session, contact_id, None, data.referred_by_id, self._ctx.clock.today())
        return contact_id

    def update(self, contact_id: int, data: ContactInput) -> Change:
        data = _normalise(data)
        validate_contact(data, self._ctx.clock.today())
        with self._ctx.db.write("Edit a contact") as session:
            name_operation(session, f"Edit {self._require(session, contact_id).display_name}")
            self.rewrite(session, contact_id, data)
        return self._ctx.changed(Topic.CONTACTS, contact_id)

    def rewrite(self, session: Session, contact_id: int, data: ContactInput) -> None:
        """Validate ``data`` and write it over contact ``contact_id`` inside the caller's
        transaction (an edit, or the kept contact of a merge)."""
        data = _normalise(data)
        validate_contact(data, self._ctx.clock.today())
        previous = self._require(session, contact_id).referred_by_id
        self._check_referrer(session, data.referred_by_id, contact_id)
        now = self._ctx.clock.utcnow()
        session.execute(
            update(CONTACT)
            .where(CONTACT.c.id == contact_id)
            .values(**_columns(data), updated_at=now)
        )
        write_children(session, contact_id, data, now)
        record_referral(session, contact_id, previous, data.referred_by_id, self._ctx.clock.today())

    def archive(self, contact_id: int) -> Change:
        """Hide a contact from lists and reminders; everything about them is kept."""
        return self._set_archived(contact_id, archived=True)

    def restore(self, contact_id: int) -> Change:
        return self._set_archived(contact_id, archived=False)

    def delete_permanently(self, contact_id: int) -> Change:
        """Delete an archived contact with their favours, purchases and the conversations
        nobody else took part in.  Refused for a contact that is not archived, so one key
        press can never destroy history."""
        with self._ctx.db.write() as session:
            row = self._require(session, contact_id)
            if row.archived_at is None:
                raise ValidationError.single(
                    "contact", "only an archived contact can be deleted permanently"
                )
            # Gone means gone: the undo log must not keep a copy of what was deleted.
            forget(session.connection().connection.driver_connection)  # type: ignore[arg-type]
            others = select(col(Participant.conversation_id)).where(
                col(Participant.contact_id) != contact_id
            )
            mine = select(col(Participant.conversation_id)).where(
                col(Participant.contact_id) == contact_id
            )
            session.execute(
                delete(Conversation).where(
                    col(Conversation.id).in_(mine), ~col(Conversation.id).in_(others)
                )
            )
            session.execute(delete(Contact).where(col(Contact.id) == contact_id))
        return self._ctx.changed(Topic.CONTACTS, contact_id, action=Action.DELETED)

    def _set_archived(self, contact_id: int, *, archived: bool) -> Change:
        verb = "Archive" if archived else "Restore"
        with self._ctx.db.write(f"{verb} a contact") as session:
            name = self._require(session, contact_id).display_name
            name_operation(session, f"{verb} {name}")
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Contact)
                .where(col(Contact.id) == contact_id)
                .values(archived_at=now if archived else None, updated_at=now)
            )
        return self._ctx.changed(Topic.CONTACTS, contact_id)

    # -- reads ----------------------------------------------------------------------------

    def get(self, contact_id: int) -> ContactDetail:
        with self._ctx.db.read() as session:
            row = session.execute(select(CONTACT).where(CONTACT.c.id == contact_id)).first()
            if row is None:
                raise NotFoundError(f"contact {contact_id} does not exist")
            lists = {
                field.name: _read_labelled(session, field, contact_id) for field in LABELLED_FIELDS
            }
            tags = session.scalars(
                select(col(Tag.name))
                .join(ContactTag, col(ContactTag.tag_id) == col(Tag.id))
                .where(col(ContactTag.contact_id) == contact_id)
                .order_by(Tag.name_key)
            ).all()
            referrer = None
            if row.referred_by_id is not None:
                name = session.scalar(
                    select(col(Contact.display_name)).where(col(Contact.id) == row.referred_by_id)
                )
                referrer = ContactRef(row.referred_by_id, name or "")
            referrals = session.execute(
                select(row_id(Contact.id), col(Contact.display_name))
                .where(col(Contact.referred_by_id) == contact_id)
                .order_by(Contact.sort_name)
            ).all()
        birthday = (
            Birthday(row.birthday_month, row.birthday_day, row.birthday_year)
            if row.birthday_month is not None and row.birthday_day is not None
            else None
        )
        data = contact_input(
            {field.name: row._mapping[field.column] for field in TEXT_FIELDS},
            lists,
            birthday=birthday,
            stage=Stage(row.stage),
            cadence_days=row.cadence_days,
            referred_by_id=row.referred_by_id,
            tags=tuple(tags),
        )
        return ContactDetail(
            id=contact_id,
            display_name=row.display_name,
            data=data,
            created_at=row.created_at,
            updated_at=row.updated_at,
            archived_at=row.archived_at,
            last_contact_at=row.last_contact_at,
            referred_by=referrer,
            referrals=tuple(ContactRef(i, n) for i, n in referrals),
        )

    def exists(self, contact_id: int) -> bool:
        with self._ctx.db.read() as session:
            return session.get(Contact, contact_id) is not None

    # -- helpers --------------------------------------------------------------------------

    @staticmethod
    def _require(session: Session, contact_id: int) -> Contact:
        row = session.get(Contact, contact_id)
        if row is None:
            raise NotFoundError(f"contact {contact_id} does not exist")
        return row

    @staticmethod
    def _check_referrer(session: Session, referrer_id: int | None, contact_id: int | None) -> None:
        if referrer_id is None:
            return
        if referrer_id == contact_id:
            raise ValidationError.single("referred_by_id", "a contact cannot refer themselves")
        if session.get(Contact, referrer_id) is None:
            raise ValidationError.single(
                "referred_by_id", f"the referring contact {referrer_id} does not exist"
            )
