"""The rows selected in the contacts list, as a query the core resolves in SQL.

The list has a row for every matching contact but reads only the pages on screen.  Qt's
selection is row ranges (Ctrl+A is one range over all 100,000 rows), so counting it reads
nothing, and turning it into contacts reads only the rows the user picked one by one: a
selection of most of the list becomes "the list's filter minus the rows left out", a small
one the ids of its rows.  Either way the core gets a :class:`ContactQuery`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QItemSelection

from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.ui.contacts.contacts_model import ContactsModel

Span = tuple[int, int]  # first and last row, both included


def selected_spans(selection: QItemSelection) -> list[Span]:
    """The selected rows as sorted, non-overlapping spans (Qt may hand out one range per
    cell column, or ranges that touch after a Ctrl+click)."""
    ranges = (selection.at(i) for i in range(selection.count()))  # (the stubs lack __iter__)
    spans = sorted((r.top(), r.bottom()) for r in ranges if r.isValid())
    merged: list[Span] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def span_count(spans: Iterable[Span]) -> int:
    return sum(bottom - top + 1 for top, bottom in spans)


def _gaps(spans: list[Span], total: int) -> list[Span]:
    """The rows of ``0..total-1`` outside ``spans``."""
    gaps, start = [], 0
    for top, bottom in spans:
        if top > start:
            gaps.append((start, top - 1))
        start = bottom + 1
    if start < total:
        gaps.append((start, total - 1))
    return gaps


def _ids(model: ContactsModel, spans: list[Span]) -> tuple[int, ...]:
    rows = (model.contact_at(row) for top, bottom in spans for row in range(top, bottom + 1))
    return tuple(row.id for row in rows if row is not None)


def selection_query(model: ContactsModel, selection: QItemSelection) -> ContactQuery | None:
    """The contacts ``selection`` holds in ``model``'s list (None: nothing is selected).
    Reads only the pages of the rows named one by one: those selected when they are fewer
    than half the list, those left out otherwise (none after Ctrl+A)."""
    spans = selected_spans(selection)
    count = span_count(spans)
    if not count:
        return None
    whole = replace(model.query, limit=None)
    if count * 2 > model.total:
        return replace(whole, except_ids=_ids(model, _gaps(spans, model.total)))
    return replace(whole, ids=_ids(model, spans))
