"""What a due rule is: one object that declares everything the app needs to know about one
kind of item, so that adding a rule is writing one module and listing it in
:mod:`.registry` (no table elsewhere dispatches on the kind).

A rule declares:

- its **kind** and **key**: the key prefix under which its items keep their snooze and done
  state in ``due_item_state`` (``"cadence:17"``) and how many ids follow it;
- its **query** (``query``): the rows of every item shown on or before ``window.until``,
  with counts; and how one row **reads** as an item (``read``: its key's ids, due day,
  snooze, contact and facts).  :meth:`DueRule.fetch` does the rest for every rule: a row
  with a stored value that cannot be read is left out and logged under the rule's
  ``table``, the others become items sorted for Today;
- what **done** means (``done``): what pressing D on Today or ``done`` does;
- its **phrase**: how an undo step names an item after "Done: " or "Snooze: " ("keep in
  touch with Ana García"), in English like every operation's name;
- its **description**: the group heading, the title and the reason, written once in English
  with Qt's conventions (``%1``, ``%2`` for values, ``%n`` and ``(s)`` for plurals) and worded
  through a :class:`Words`.  The command line, the brief and the calendar use
  :class:`EnglishWords`; the window translates the same strings through Qt
  (``ui/due_text.py``), since the core never imports Qt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from colearn_desktop.core.due.common import Days, Entry, Window, dates, entry
from colearn_desktop.core.due.records import KIND_ORDER, DueCount, DueItem, DueKind
from colearn_desktop.core.item_keys import ITEM_KEY_TABLES
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.models import DueItemState
from colearn_desktop.core.storage.settings import JournalSettings, SettingsService
from colearn_desktop.core.text import fill
from colearn_desktop.core.unreadable import left_out

if TYPE_CHECKING:
    from colearn_desktop.core.activity.favours import FavourService


class Words(Protocol):
    """How a description turns its English templates into text for one reader."""

    def text(self, template: str, *values: str) -> str:
        """``template`` (translated) with ``values`` in place of %1, %2 ..."""

    def count(self, template: str, n: int, *values: str) -> str:
        """A plural ``template`` ("%n day(s) ago") for ``n``, with ``values`` for %1 ..."""

    def day(self, day: date) -> str:
        """A calendar day: "2026-11-25" on the command line, "Wed 25 Nov" in the window."""

    def day_of_year(self, day: date) -> str:
        """A yearly day (a birthday): "25 November" in English, "Wed 25 Nov" in the window."""

    def aside(self, text: str) -> str:
        """A detail in brackets that the command line and the calendar show and the Today
        row, one line wide, leaves out ("" there)."""


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class EnglishWords:
    """The templates as they are written: plain English for the command line, the brief and
    the calendar export (whatever the system's language)."""

    def text(self, template: str, *values: str) -> str:
        return fill(template, *values)

    def count(self, template: str, n: int, *values: str) -> str:
        form = template.replace("(s)", "" if n == 1 else "s").replace("%n", str(n))
        return fill(form, *values)

    def day(self, day: date) -> str:
        return day.isoformat()

    def day_of_year(self, day: date) -> str:
        return f"{day.day} {_MONTHS[day.month - 1]}"

    def aside(self, text: str) -> str:
        return f" ({text})"


def ago(words: Words, days: int) -> str:
    """ "today", "yesterday", "3 days ago"."""
    if days == 0:
        return words.text("today")
    if days == 1:
        return words.text("yesterday")
    return words.count("%n day(s) ago", days)


def when(item: DueItem, today: date, words: Words) -> str:
    """ "due today", "3 days overdue", "in 2 days"."""
    late = item.days_overdue(today)
    if late == 0:
        return words.text("due today")
    if late > 0:
        return words.count("%n day(s) overdue", late)
    return words.count("in %n day(s)", -late)


class Acting:
    """What a rule's *done* may use: the journal's context and settings, the services that
    own a change (a favour is settled by the favour service, with its undo), and the
    item-state table where computed items keep their snooze and done state."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService, favours: FavourService):
        self.ctx = ctx
        self.settings = settings
        self.favours = favours

    def today(self) -> date:
        return self.ctx.clock.today()

    def save_state(self, session: Session, key: str, **values: object) -> None:
        """Write the snooze / done state of ``key`` (inside the caller's transaction)."""
        values["updated_at"] = self.ctx.clock.utcnow()
        session.execute(
            sqlite_insert(DueItemState)
            .values(key=key, **values)
            .on_conflict_do_update(index_elements=["key"], set_=values)
        )

    def mark(self, key: str, **values: object) -> None:
        """:meth:`save_state` in a transaction of its own."""
        with self.ctx.db.write() as session:
            self.save_state(session, key, **values)

    def snooze(self, item: DueItem, until: date) -> None:
        """The usual snooze: kept in the item's state row."""
        self.mark(item.key, snoozed_until=until)


def titled(title: Title) -> Phrase:
    """The phrase of a rule whose title already reads well after "Done: ": it starts with a
    name or the user's own text ("I owe Ana: the projector", "Ana: send the quote")."""
    words = EnglishWords()
    return lambda item: title(item, words)


def done_this_time(acting: Acting, item: DueItem) -> None:
    """Done for this occurrence (its due day); the next one comes back by itself."""
    acting.mark(item.key, snoozed_until=None, done_for=item.due_on)


class Found(NamedTuple):
    """What a rule reads from one row of its query (see :meth:`DueRule.fetch`)."""

    # The ids after the key's prefix (``cadence:17`` → ``(17,)``).
    parts: tuple[int, ...]
    due_on: date
    snoozed_until: date | None
    contact_id: int | None
    name: str
    facts: dict[str, object]
    # The first day on Today when it is not the due day or the snooze (a birthday's notice).
    shown_from: date | None = None


Row = tuple[Any, ...]
Query = Callable[[sqlite3.Connection, Window, JournalSettings], tuple[list[Row], DueCount]]
# Reads one row (dates through ``Days``); a ValueError means a stored value cannot be read.
Read = Callable[[Row, Days, Window, JournalSettings], Found]
Title = Callable[[DueItem, Words], str]
Reason = Callable[[DueItem, date, Words], str]
Act = Callable[[Acting, DueItem], None]
Phrase = Callable[[DueItem], str]
Snooze = Callable[[Acting, DueItem, date], None]


@dataclass(frozen=True)
class DueRule:
    kind: DueKind
    # The key: ``prefix:<id>[:<more>]``, ``parts`` numbers; the first is the row an item
    # comes from (what ``Window.entity_id`` narrows the query to).
    prefix: str
    parts: int
    # The heading of the rule's group on Today and in ``colearn due`` ("Keep in touch").
    label: str
    # The table an item's row comes from (its id is the row's first column): a row that
    # cannot be read is left out and logged by this name.
    table: str
    query: Query
    read: Read
    title: Title
    reason: Reason
    # What "done" does; it announces any topic besides "reminders" itself.
    done: Act
    # The item in the name of an undo step, after "Done: " or "Snooze: ".
    phrase: Phrase
    snooze: Snooze = Acting.snooze

    @property
    def keyed_by(self) -> str:
        """The table whose row the key's first number is (``core/item_keys.py``): sync names
        that row by its uid on other computers."""
        return ITEM_KEY_TABLES[self.prefix]

    def key(self, *parts: int) -> str:
        return ":".join([self.prefix, *(str(p) for p in parts)])

    def fetch(
        self, connection: sqlite3.Connection, window: Window, settings: JournalSettings
    ) -> tuple[list[Entry], DueCount]:
        """The rule's items in ``window``, each behind its place on Today, with the counts.

        An item is shown from its due day, or from the day it is snoozed to if that is
        later (unless the rule says otherwise: ``Found.shown_from``); a row with a value
        that cannot be read is left out, never the whole list."""
        rows, count = self.query(connection, window, settings)
        day = dates()
        kind, order, read = self.kind, KIND_ORDER[self.kind], self.read
        items: list[Entry] = []
        for row in rows:
            try:
                found = read(row, day, window, settings)
            except ValueError as error:  # a stored value that cannot be read
                left_out(self.table, row[0], error)
                continue
            due_on, snoozed_until = found.due_on, found.snoozed_until
            urgent = max(due_on, snoozed_until) if snoozed_until else due_on
            item = DueItem(
                self.key(*found.parts),
                kind,
                due_on,
                found.shown_from or urgent,
                snoozed_until,
                found.contact_id,
                found.name,
                found.facts,
            )
            items.append(entry(urgent, order, item))
        return items, count
