"""Reading on past a row whose stored value cannot be read back (a date ``2026-11-3x`` after bit
rot or another program's edit): that one row is left out, with a warning naming its table and
id, instead of the whole list failing.  ``colearn check`` names every such row
(:mod:`stored_values`), so it can be put right or restored.

Nothing here costs a thing on a healthy journal: the due rules wrap each row in a ``try`` (free
in Python 3.11 until it raises), and :func:`readable_rows` reads row by row only after the list
as a whole failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the ORM is imported by whoever hands a statement in
    from sqlalchemy import Select
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
T = TypeVar("T")


def left_out(table: str, row_id: object, error: Exception, of: str = "the due items") -> None:
    """Log a row left out of ``of`` because a stored value in it cannot be read."""
    log.warning(
        "%s %s is left out of %s: it holds a value that cannot be read (%s); "
        "colearn check lists every such row",
        table,
        row_id,
        of,
        error,
    )


def readable_rows(session: Session, statement: Select[Any], entity: Any) -> list[Any]:
    """``session.scalars(statement).all()``, leaving out the rows that cannot be read."""
    try:
        return list(session.scalars(statement).all())
    except ValueError:  # SQLAlchemy's date and time types raise it for a malformed value
        pass
    rows = []
    for row_id in session.scalars(statement.with_only_columns(entity.id)).all():
        try:
            rows.append(session.scalars(statement.where(entity.id == row_id)).one())
        except ValueError as error:
            left_out(entity.__tablename__, row_id, error, "the list")
    return rows


def each_readable(
    raws: list[Any],
    make: Callable[[Any], T],
    table: str,
    of: str,
    salvage: tuple[Callable[[Any], T], str] | None = None,
) -> list[T]:
    """``[make(raw) for raw in raws]`` (``raw[0]`` being the row's id), leaving out the rows
    with a value that cannot be read: only after the whole list failed is it made row by
    row.  With ``salvage`` (a way to make the row without its unreadable values, and what the
    warning says of it), a row whose value is malformed (ValueError) is kept that way."""
    try:
        return [make(raw) for raw in raws]
    except (ValueError, KeyError):
        pass
    made = []
    for raw in raws:
        try:
            made.append(make(raw))
        except ValueError as error:
            if salvage is None:
                left_out(table, raw[0], error, of)
                continue
            make_without, salvaged_of = salvage
            left_out(table, raw[0], error, salvaged_of)
            made.append(make_without(raw))
        except KeyError as error:
            left_out(table, raw[0], error, of)
    return made
