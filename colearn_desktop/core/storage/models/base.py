"""What every table module shares: the naming convention, the metadata and the column
helpers that carry the journal's conventions (see the package docstring)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import DateTime, MetaData, text
from sqlalchemy.orm import Mapped
from sqlmodel import Field, SQLModel, col

# Named constraints let Alembic's batch mode (SQLite's copy-and-move ALTER) find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata: MetaData = SQLModel.metadata

EMPTY = {"server_default": ""}


def row_id(column: int | None) -> Mapped[int]:
    """A primary key selected in a query.  SQLModel types ``id`` as ``int | None`` because a
    row not yet inserted has none, but every row read back from the journal has one."""
    return cast("Mapped[int]", col(column))


def user_text(**kwargs: Any) -> str:
    """A user-typed text column: never NULL, empty when unknown."""
    column: str = Field(default="", sa_column_kwargs=dict(EMPTY), **kwargs)
    return column


def stamp(**kwargs: Any) -> datetime:
    """A naive timestamp column.  Declared explicitly because SQLModel's default for
    ``datetime`` differs between versions (newer ones demand aware UTC values), and a local
    wall-clock time must be stored as the user entered it."""
    column: datetime = Field(sa_type=DateTime(), **kwargs)
    return column


def maybe_stamp(**kwargs: Any) -> datetime | None:
    column: datetime | None = Field(default=None, sa_type=DateTime(), **kwargs)
    return column


# A random UUID (version 4) as 36 characters of text, made by SQLite itself: the default that
# gives every row inserted by plain SQL (triggers, bulk fills, revisions) its stable id.
# Revision 0011 holds the same text, frozen (a test compares the two).
NEW_UID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


def new_uid() -> str:
    """A new stable id.  Random (122 bits), so an id is never given twice, not even the id of
    a deleted row: nothing has to remember which ids were used."""
    return str(uuid.uuid4())


def uid_field() -> str:
    """The stable id beside a row's number: what exports, imports and other devices name the
    row by (numbers differ from journal to journal; the uid travels with the row)."""
    column: str = Field(
        default_factory=new_uid,
        unique=True,
        index=True,
        sa_column_kwargs={"server_default": text(f"({NEW_UID_SQL})")},
    )
    return column
