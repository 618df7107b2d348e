"""Referral templates kept in the journal: list, create, edit, archive.

Templates are the user's own words; the shipped defaults are copied in once (see
:mod:`.defaults`) and then belong to the user.  A template is never deleted, only archived, so
every recorded ask keeps pointing at the template it came from.  Saving a template with an
unknown placeholder or a stray brace is refused, naming each problem with its position.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.errors import NotFoundError, StorageError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.referrals.defaults import insert_missing, language_for, load_defaults
from colearn_desktop.core.referrals.templates import parse
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import ReferralTemplate
from colearn_desktop.core.text import clean
from colearn_desktop.core.validation import Problems

MAX_NAME = 200
MAX_BODY = 50_000


@dataclass(frozen=True)
class TemplateInput:
    name: str
    body: str
    subject: str = ""


@dataclass(frozen=True)
class TemplateView:
    id: int
    name: str
    subject: str
    body: str
    builtin_key: str | None
    archived_at: datetime | None
    updated_at: datetime

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


def validate_template(data: TemplateInput) -> None:
    problems = Problems()
    if not data.name:
        problems.add("name", "give the template a name")
    problems.check_text("name", data.name, MAX_NAME)
    if not data.body.strip():
        problems.add("body", "write the message")
    problems.check_text("body", data.body, MAX_BODY)
    problems.check_text("subject", data.subject, 2000)
    for field, text in (("subject", data.subject), ("body", data.body)):
        for problem in parse(text).problems:
            problems.add(field, problem.describe())
    problems.raise_if_any()


def _normalise(data: TemplateInput) -> TemplateInput:
    # The body keeps its lines and inner spacing: it is the message.  Trailing white space
    # at the very end (an extra blank line) is trimmed.
    return TemplateInput(
        name=clean(data.name), body=data.body.rstrip(), subject=clean(data.subject)
    )


def _view(row: ReferralTemplate) -> TemplateView:
    assert row.id is not None  # a row read back from the journal has its id
    return TemplateView(
        id=row.id,
        name=row.name,
        subject=row.subject,
        body=row.body,
        builtin_key=row.builtin_key,
        archived_at=row.archived_at,
        updated_at=row.updated_at,
    )


class TemplateStore:
    """``journal.referrals.templates``."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        self._ensured: set[str] = set()

    def ensure_defaults(self, locale_name: str = "en") -> int:
        """Copy the shipped defaults for the user's language into the journal, once (a
        default the journal already had, even archived, is never added again).  Returns how
        many were added.  Cheap after the first call; a read-only journal is left alone."""
        language = language_for(locale_name)
        if language in self._ensured:
            return 0
        defaults = load_defaults(language)
        keys = {d.builtin_key for d in defaults}
        with self._ctx.db.read() as session:
            present = set(
                session.scalars(
                    select(col(ReferralTemplate.builtin_key)).where(
                        col(ReferralTemplate.builtin_key).in_(keys)
                    )
                ).all()
            )
        added = 0
        if present != keys:
            try:
                with self._ctx.db.write() as session:
                    added = insert_missing(session, defaults, self._ctx.clock.utcnow())
            except StorageError:
                return 0
        self._ensured.add(language)
        if added:
            self._ctx.changed(Topic.REFERRALS)
        return added

    # -- writes ---------------------------------------------------------------------------

    def create(self, data: TemplateInput) -> int:
        data = _normalise(data)
        validate_template(data)
        with self._ctx.db.write(f"Add referral template {data.name}") as session:
            now = self._ctx.clock.utcnow()
            template_id = inserted_id(
                session,
                insert(ReferralTemplate).values(
                    name=data.name,
                    subject=data.subject,
                    body=data.body,
                    created_at=now,
                    updated_at=now,
                ),
            )
        self._ctx.changed(Topic.REFERRALS, template_id)
        return template_id

    def update(self, template_id: int, data: TemplateInput) -> None:
        data = _normalise(data)
        validate_template(data)
        with self._ctx.db.write(f"Edit referral template {data.name}") as session:
            self._require(session, template_id)
            session.execute(
                update(ReferralTemplate)
                .where(col(ReferralTemplate.id) == template_id)
                .values(
                    name=data.name,
                    subject=data.subject,
                    body=data.body,
                    updated_at=self._ctx.clock.utcnow(),
                )
            )
        self._ctx.changed(Topic.REFERRALS, template_id)

    def archive(self, template_id: int) -> None:
        self._set_archived(template_id, archived=True)

    def restore(self, template_id: int) -> None:
        self._set_archived(template_id, archived=False)

    def _set_archived(self, template_id: int, *, archived: bool) -> None:
        verb = "Archive" if archived else "Restore"
        with self._ctx.db.write(f"{verb} a referral template") as session:
            name = self._require(session, template_id).name
            name_operation(session, f"{verb} referral template {name}")
            now = self._ctx.clock.utcnow()
            session.execute(
                update(ReferralTemplate)
                .where(col(ReferralTemplate.id) == template_id)
                .values(archived_at=now if archived else None, updated_at=now)
            )
        self._ctx.changed(Topic.REFERRALS, template_id)

    # -- reads ----------------------------------------------------------------------------

    def all(self, *, include_archived: bool = False) -> list[TemplateView]:
        """By name (the shipped ones among them)."""
        query = select(ReferralTemplate).order_by(
            col(ReferralTemplate.name).collate("NOCASE"), col(ReferralTemplate.id)
        )
        if not include_archived:
            query = query.where(col(ReferralTemplate.archived_at).is_(None))
        with self._ctx.db.read() as session:
            return [_view(row) for row in session.scalars(query).all()]

    def get(self, template_id: int) -> TemplateView:
        with self._ctx.db.read() as session:
            return _view(self._require(session, template_id))

    @staticmethod
    def _require(session: Session, template_id: int) -> ReferralTemplate:
        row = session.get(ReferralTemplate, template_id)
        if row is None:
            raise NotFoundError(f"template {template_id} does not exist")
        return row
