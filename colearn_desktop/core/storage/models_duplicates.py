"""The table of pairs the user said are not the same person (kept apart from ``models``,
which is being split; imported at its end so the metadata holds it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime
from sqlmodel import Field, SQLModel


class NotSamePerson(SQLModel, table=True):
    """Two contacts the duplicate finder must never suggest again, smaller id first (the
    CHECK makes each pair one row however it was marked)."""

    __tablename__ = "not_same_person"
    __table_args__ = (CheckConstraint("contact_a < contact_b", name="ordered"),)

    contact_a: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    contact_b: int = Field(
        foreign_key="contact.id", ondelete="CASCADE", primary_key=True, index=True
    )
    marked_at: datetime = Field(sa_type=DateTime())
