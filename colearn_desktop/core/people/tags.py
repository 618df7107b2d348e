"""Tags: free labels on contacts ("designer", "conference-2025"), matched case- and
accent-insensitively so "Café" and "cafe" are one tag, shown as first written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from colearn_desktop.core.records import TagView
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import ContactTag, Tag, row_id
from colearn_desktop.core.text import clean, fold
from colearn_desktop.core.validation import Problems


def normalise_tag_names(names: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, without empties or case/accent duplicates, in the order given."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in names:
        name = clean(raw)
        key = fold(name)
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)


def ensure_tags(session: Session, names: Iterable[str], now: datetime) -> list[int]:
    """Ids of the tags called ``names``, creating the missing ones."""
    wanted = {fold(name): name for name in names}
    if not wanted:
        return []
    found = dict(
        session.execute(
            select(col(Tag.name_key), row_id(Tag.id)).where(col(Tag.name_key).in_(wanted))
        ).all()
    )
    for key, name in wanted.items():
        if key not in found:
            found[key] = inserted_id(
                session, insert(Tag).values(name=name, name_key=key, created_at=now)
            )
    return [found[key] for key in wanted]


class TagService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def all(self) -> list[TagView]:
        """Every tag with how many active contacts carry it, by name."""
        from colearn_desktop.core.storage.models import Contact

        count = (
            select(func.count())
            .select_from(ContactTag)
            .join(Contact, col(Contact.id) == col(ContactTag.contact_id))
            .where(col(ContactTag.tag_id) == col(Tag.id), col(Contact.archived_at).is_(None))
            .scalar_subquery()
        )
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(col(Tag.id), col(Tag.name), count, col(Tag.cadence_days)).order_by(
                    col(Tag.name_key)
                )
            ).all()
        return [TagView(*row) for row in rows]

    def named(self, name: str) -> TagView:
        """The tag called ``name``, however it is capitalised or accented."""
        key = fold(clean(name))
        found = next((tag for tag in self.all() if fold(tag.name) == key), None)
        if found is None:
            raise NotFoundError(f"there is no tag called {clean(name)!r}")
        return found

    def rename(self, tag_id: int, name: str) -> Change:
        name = clean(name)
        if not name:
            raise ValidationError.single("name", "a tag needs a name")
        if "," in name or ";" in name:
            raise ValidationError.single("name", "a tag cannot contain a comma or semicolon")
        problems = Problems()
        problems.check_text("name", name, 80)
        problems.raise_if_any()
        with self._ctx.db.write(f"Rename a tag to {name}") as session:
            old = self._require(session, tag_id).name
            name_operation(session, f"Rename tag {old} to {name}")
            clash = session.scalar(
                select(col(Tag.id)).where(col(Tag.name_key) == fold(name), col(Tag.id) != tag_id)
            )
            if clash is not None:
                raise ValidationError.single("name", f"a tag called {name!r} already exists")
            session.execute(
                update(Tag).where(col(Tag.id) == tag_id).values(name=name, name_key=fold(name))
            )
        return self._ctx.changed(Topic.TAGS, tag_id)

    def set_cadence(self, tag_id: int, days: int | None) -> Change:
        """Keep in touch every ``days`` with everyone tagged so (unless they have their own)."""
        problems = Problems()
        problems.check_cadence("cadence_days", days)
        problems.raise_if_any()
        with self._ctx.db.write("Set a tag's keep in touch") as session:
            tag = self._require(session, tag_id)
            name_operation(session, f"Set keep in touch for tag {tag.name}")
            session.execute(update(Tag).where(col(Tag.id) == tag_id).values(cadence_days=days))
        return self._ctx.changed(Topic.TAGS, tag_id)

    def delete(self, tag_id: int) -> Change:
        """Remove the tag from everyone; the contacts themselves are untouched."""
        with self._ctx.db.write("Delete a tag") as session:
            name_operation(session, f"Delete tag {self._require(session, tag_id).name}")
            session.execute(delete(Tag).where(col(Tag.id) == tag_id))
        return self._ctx.changed(Topic.TAGS, tag_id, action=Action.DELETED)

    @staticmethod
    def _require(session: Session, tag_id: int) -> Tag:
        row = session.get(Tag, tag_id)
        if row is None:
            raise NotFoundError(f"tag {tag_id} does not exist")
        return row
