"""What each row of an import would do, kept in the scratch database rather than in memory.

:class:`PlannedRows` is a read-only sequence: the preview indexes it row by row (a page at a
time is read and kept, so scrolling costs one query per few hundred rows), applying walks it in
file order, and its counts come from SQL.  Appending buffers a page and writes it in one go.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, overload

from colearn_desktop.core.interchange.scratch import Scratch

PAGE = 500
PAGES_KEPT = 4


class Action(StrEnum):
    NEW = "new"
    MERGE = "merge"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class PlannedRow:
    number: int
    name: str
    detail: str  # first e-mail (or phone), for the preview
    action: Action
    target_id: int | None = None  # merge into this contact ...
    target_row: int | None = None  # ... or into the contact an earlier row creates
    target_name: str = ""
    reason: str = ""
    has_error: bool = False
    # Nothing to make a contact of (see ImportRecord.rejected): skipped, no other choice.
    rejected: bool = False

    @property
    def can_merge(self) -> bool:
        return self.target_id is not None or self.target_row is not None


_COLUMNS = (
    "number, name, detail, action, target_id, target_row, target_name, reason, has_error, rejected"
)


def _row(values: tuple[Any, ...]) -> PlannedRow:
    number, name, detail, action, target_id, target_row, target_name, reason, error, rejected = (
        values
    )
    return PlannedRow(
        number, name, detail, Action(action), target_id, target_row, target_name, reason,
        bool(error), bool(rejected),
    )  # fmt: skip


class PlannedRows(Sequence[PlannedRow]):
    def __init__(self, scratch: Scratch, rows: Iterable[PlannedRow] = ()):
        self._scratch = scratch
        self._pending: list[PlannedRow] = []
        self._count = 0
        self._pages: OrderedDict[int, list[PlannedRow]] = OrderedDict()
        with scratch.use() as db:
            db.execute(
                "CREATE TABLE planned_row (position INTEGER PRIMARY KEY, number INTEGER, "
                "name TEXT, detail TEXT, action TEXT, target_id INTEGER, target_row INTEGER, "
                "target_name TEXT, reason TEXT, has_error INTEGER, rejected INTEGER)"
            )
        for row in rows:
            self.append(row)

    def append(self, row: PlannedRow) -> None:
        self._pending.append(row)
        self._count += 1
        if len(self._pending) >= PAGE:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        start = self._count - len(self._pending)
        values = [
            (start + i, r.number, r.name, r.detail, r.action.value, r.target_id, r.target_row,
             r.target_name, r.reason, int(r.has_error), int(r.rejected))
            for i, r in enumerate(self._pending)
        ]  # fmt: skip
        with self._scratch.use() as db:
            db.execute("BEGIN")
            db.executemany(
                f"INSERT INTO planned_row (position, {_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            db.execute("COMMIT")
        self._pending = []

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> PlannedRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[PlannedRow]: ...
    def __getitem__(self, index: int | slice) -> PlannedRow | list[PlannedRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("planned row index out of range")
        page = index // PAGE
        if page not in self._pages:
            self._pages[page] = self._read(page * PAGE, PAGE)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return self._pages[page][index % PAGE]

    def _read(self, start: int, count: int) -> list[PlannedRow]:
        self._flush()
        with self._scratch.use() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM planned_row WHERE position >= ? AND position < ? "
                "ORDER BY position",
                (start, start + count),
            ).fetchall()
        return [_row(values) for values in rows]

    def __iter__(self) -> Iterator[PlannedRow]:
        """In file order, a page at a time (never the whole plan in memory)."""
        for start in range(0, self._count, PAGE):
            yield from self._read(start, PAGE)

    def counts(self) -> dict[Action, int]:
        self._flush()
        counts = dict.fromkeys(Action, 0)
        with self._scratch.use() as db:
            for action, count in db.execute(
                "SELECT action, count(*) FROM planned_row GROUP BY action"
            ):
                counts[Action(action)] = count
        return counts

    def merge_targets(self) -> set[int]:
        """File rows that later rows merge into (the writer remembers only their contacts)."""
        self._flush()
        with self._scratch.use() as db:
            return {
                row
                for (row,) in db.execute(
                    "SELECT DISTINCT target_row FROM planned_row WHERE target_row IS NOT NULL"
                )
            }
