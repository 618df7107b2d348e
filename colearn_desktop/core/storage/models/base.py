"""What every table module shares: the naming convention, the metadata and the column
helpers that carry the journal's conventions (see the package docstring)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import DateTime, MetaData
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

