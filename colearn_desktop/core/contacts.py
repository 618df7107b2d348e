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

from colearn_desktop.core.db import inserted_id
from colearn_desktop.core.models import row_id

from .context import ServiceContext
from .enums import Stage
from .errors import NotFoundError, ValidationError
from .models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactReferralState,
    ContactTag,
    Conversation,
    Tag,
)
from .models import ConversationContact as Participant
from .records import Birthday, ContactDetail, ContactInput, ContactRef, Labelled
from .tags import ensure_tags, normalise_tag_names
from .text import clean, clean_block, display_name, email_key, fold, phone_key
from .validation import Problems

MAX_NAME = 300
MAX_FIELD = 2000
EARLIEST_BIRTH_YEAR = 1900


def _normalise(data: ContactInput) -> ContactInput:
    return data.with_changes(
        given_name=clean(data.given_name),
        family_name=clean(data.family_name),
        name=clean(data.name),
        company=clean(data.company),
        job_title=clean(data.job_title),
        emails=tuple(
            Labelled(e.value.strip(), clean(e.label)) for e in data.emails if e.value.strip()
        ),
        phones=tuple(
            Labelled(clean(p.value), clean(p.label)) for p in data.phones if p.value.strip()
        ),
        address=clean_block(data.address),
        website=clean(data.website),
        how_met=clean_block(data.how_met),
        notes=clean_block(data.notes),
        tags=normalise_tag_names(data.tags),
    )


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


def validate_contact(data: ContactInput, today: date) -> None:
    """Check a normalised input; raise :class:`ValidationError` listing every problem."""
    problems = Problems()
    if not (data.given_name or data.family_name or data.name):
        problems.add("name", "a contact needs a name")
    for field in ("given_name", "family_name", "name"):
        problems.check_text(field, getattr(data, field), MAX_NAME)
    for field in ("company", "job_title", "website"):
        problems.check_text(field, getattr(data, field), MAX_FIELD)
    for field in ("address", "how_met", "notes"):
        problems.check_text(field, getattr(data, field))
    for index, email in enumerate(data.emails):
        problems.check_email(f"emails[{index}]", email.value)
        problems.check_characters(f"emails[{index}]", email.value + email.label)
    for index, phone in enumerate(data.phones):
        problems.check_phone(f"phones[{index}]", phone.value)
        problems.check_characters(f"phones[{index}]", phone.value + phone.label)
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
        "given_name": data.given_name,
        "family_name": data.family_name,
        "name": data.name,
        "display_name": shown,
        "sort_name": fold(shown),
        "company": data.company,
        "job_title": data.job_title,
        "address": data.address,
        "website": data.website,
        "birthday_month": birthday.month if birthday else None,
        "birthday_day": birthday.day if birthday else None,
        "birthday_year": birthday.year if birthday else None,
        "stage": Stage(data.stage).value,
        "cadence_days": data.cadence_days,
        "how_met": data.how_met,
        "referred_by_id": data.referred_by_id,
        "notes": data.notes,
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


def write_children(session: Session, contact_id: int, data: ContactInput, now: datetime) -> None:
    """Replace the emails, phones and tags of ``contact_id`` with those in ``data``."""
    session.execute(delete(ContactEmail).where(col(ContactEmail.contact_id) == contact_id))
    session.execute(delete(ContactPhone).where(col(ContactPhone.contact_id) == contact_id))
    session.execute(delete(ContactTag).where(col(ContactTag.contact_id) == contact_id))
    emails = _unique(data.emails, email_key)
    if emails:
        session.execute(
            insert(ContactEmail),
            [
                {
                    "contact_id": contact_id,
                    "label": e.label,
                    "address": e.value,
                    "address_key": email_key(e.value),
                    "position": i,
                }
                for i, e in enumerate(emails)
            ],
        )
    phones = _unique(data.phones, phone_key)
    if phones:
        session.execute(
            insert(ContactPhone),
            [
                {
                    "contact_id": contact_id,
                    "label": p.label,
                    "number": p.value,
                    "number_key": phone_key(p.value),
                    "position": i,
                }
                for i, p in enumerate(phones)
            ],
        )
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
        from .referrals.asks import answer_with_referral

        answer_with_referral(session, contact_id, after, today)


class ContactService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # -- writes ---------------------------------------------------------------------------

    def create(self, data: ContactInput) -> int:
        with self._ctx.db.write() as session:
            contact_id = self.insert(session, data)
        self._ctx.changed("contacts", contact_id)
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
            insert(Contact).values(
                **_columns(data), created_at=now, updated_at=now, added_on=self._ctx.clock.today()
            ),
        )
        write_children(session, contact_id, data, now)
        record_referral(session, contact_id, None, data.referred_by_id, self._ctx.clock.today())
        return contact_id

    def update(self, contact_id: int, data: ContactInput) -> None:
        data = _normalise(data)
        validate_contact(data, self._ctx.clock.today())
        with self._ctx.db.write() as session:
            previous = self._require(session, contact_id).referred_by_id
            self._check_referrer(session, data.referred_by_id, contact_id)
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Contact)
                .where(col(Contact.id) == contact_id)
                .values(**_columns(data), updated_at=now)
            )
            write_children(session, contact_id, data, now)
            record_referral(
                session, contact_id, previous, data.referred_by_id, self._ctx.clock.today()
            )
        self._ctx.changed("contacts", contact_id)

    def archive(self, contact_id: int) -> None:
        """Hide a contact from lists and reminders; everything about them is kept."""
        self._set_archived(contact_id, archived=True)

    def restore(self, contact_id: int) -> None:
        self._set_archived(contact_id, archived=False)

    def delete_permanently(self, contact_id: int) -> None:
        """Delete an archived contact with their favours, purchases and the conversations
        nobody else took part in.  Refused for a contact that is not archived, so one key
        press can never destroy history."""
        with self._ctx.db.write() as session:
            row = self._require(session, contact_id)
            if row.archived_at is None:
                raise ValidationError.single(
                    "contact", "only an archived contact can be deleted permanently"
                )
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
        self._ctx.changed("contacts", contact_id)

    def _set_archived(self, contact_id: int, *, archived: bool) -> None:
        with self._ctx.db.write() as session:
            self._require(session, contact_id)
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Contact)
                .where(col(Contact.id) == contact_id)
                .values(archived_at=now if archived else None, updated_at=now)
            )
        self._ctx.changed("contacts", contact_id)

    # -- reads ----------------------------------------------------------------------------

    def get(self, contact_id: int) -> ContactDetail:
        with self._ctx.db.read() as session:
            row = self._require(session, contact_id)
            emails = session.execute(
                select(col(ContactEmail.address), col(ContactEmail.label))
                .where(col(ContactEmail.contact_id) == contact_id)
                .order_by(col(ContactEmail.position))
            ).all()
            phones = session.execute(
                select(col(ContactPhone.number), col(ContactPhone.label))
                .where(col(ContactPhone.contact_id) == contact_id)
                .order_by(col(ContactPhone.position))
            ).all()
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
        data = ContactInput(
            given_name=row.given_name,
            family_name=row.family_name,
            name=row.name,
            company=row.company,
            job_title=row.job_title,
            emails=tuple(Labelled(a, label) for a, label in emails),
            phones=tuple(Labelled(n, label) for n, label in phones),
            address=row.address,
            website=row.website,
            birthday=birthday,
            stage=Stage(row.stage),
            cadence_days=row.cadence_days,
            how_met=row.how_met,
            referred_by_id=row.referred_by_id,
            notes=row.notes,
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
