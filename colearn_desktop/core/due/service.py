"""``journal.reminders``: what is due, and acting on it (snooze, done), plus the user's own
reminders.

Reading is a handful of SQL queries in one read transaction (one per rule), so Today stays
fast at 100,000 contacts.  Every change is validated, written in one transaction and announced
with ``ctx.changed(Topic.REMINDERS, ...)`` (plus the topic of the row it touched).
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.activity.favours import FavourService
from colearn_desktop.core.due import registry
from colearn_desktop.core.due.common import Entry, Window
from colearn_desktop.core.due.records import (
    DueCount,
    DueItem,
    DueKind,
    DueReport,
    ReminderInput,
    ReminderView,
)
from colearn_desktop.core.due.registry import BY_KIND, parse_key
from colearn_desktop.core.due.rule import Acting, DueRule
from colearn_desktop.core.due.rules import reminders
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Topic, trash_action
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import Contact, Reminder
from colearn_desktop.core.storage.settings import JournalSettings, SettingsService
from colearn_desktop.core.validation import MAX_CADENCE_DAYS

_ITEM = itemgetter(4)

# How far ahead "everything for this contact" and "the item behind this key" look.
FAR_AHEAD_DAYS = MAX_CADENCE_DAYS + 366
MAX_HORIZON_DAYS = 366


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the items are built.

    Every item brings a few container objects (its row, its facts, itself) and none of
    them form cycles, but tens of thousands of new containers make the collector run over
    the whole heap: measured at 100,000 contacts, a full pass of ~50 ms plus ~15 ms of
    younger ones in every ``due(0)`` (~19,000 items).  Paused, the items are looked at
    once, later, as one young generation.  The collector is turned back on only if it was
    on (another thread's pause, or the application's own choice, is kept)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# Kinds whose snooze or done touches only the item's own contact: a follow-up's conversation
# may have other participants, and a thank-you's referral names two people.
_ONE_CONTACT = frozenset({DueKind.KEEP_IN_TOUCH, DueKind.CHECK_IN, DueKind.BIRTHDAY})


def _concerned(item: DueItem) -> tuple[int, ...]:
    """Whose pages show what acting on ``item`` changed (empty: perhaps anyone's)."""
    if item.kind in _ONE_CONTACT and item.contact_id is not None:
        return (item.contact_id,)
    return ()


def _concerned_all(items: Sequence[DueItem]) -> tuple[int, ...]:
    """Whose pages show what acting on all ``items`` changed: empty (perhaps anyone's) as
    soon as one item may concern anyone."""
    found: list[int] = []
    for item in items:
        one = _concerned(item)
        if not one:
            return ()
        found.extend(one)
    return tuple(dict.fromkeys(found))


class DueService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService, favours: FavourService):
        self._ctx = ctx
        self._settings = settings
        self._acting = Acting(ctx, settings, favours)

    # -- reading --------------------------------------------------------------------------

    def due(
        self,
        days: int = 0,
        limit: int | None = None,
        *,
        since: DueReport | None = None,
        changed: Collection[DueKind] = (),
    ) -> DueReport:
        """Overdue, due today and (``days`` > 0) due in the next ``days`` days, most overdue
        first; ``report.on_today`` is what the Today screen lists.  With ``limit``, at most
        that many items of each kind (the most overdue) and ``report.counts`` for the rest.

        ``since`` (a report of the same ``days`` and ``limit``) with ``changed``: only the
        items of those kinds changed since it, so only their rules run again and the other
        kinds' items are kept.  All eight rules take ~80 ms at 100,000 contacts; pressing D
        on a keep-in-touch item needs only its own rule (~6 ms).  A new day or a changed
        setting recomputes everything."""
        if not 0 <= days <= MAX_HORIZON_DAYS:
            raise ValidationError.single("days", f"must be between 0 and {MAX_HORIZON_DAYS}")
        if limit is not None and limit < 1:
            raise ValidationError.single("limit", "must be at least 1")
        today = self._ctx.clock.today()
        settings = self._settings.get()
        window = Window(today, today + timedelta(days=days), limit=limit)
        reusable = since is not None and (since.today, since.until, since.grace_days) == (
            today,
            window.until,
            settings.grace_days,
        )
        if since is None or not reusable or not changed:
            items, counts = self._fetch(window, settings, registry.RULES)
            return DueReport(today, window.until, settings.grace_days, items, counts)
        again = [rule for rule in registry.RULES if rule.kind in changed]
        fresh, fresh_counts = self._fetch(window, settings, again)
        kept = (item for item in since.items if item.kind not in changed)
        items = tuple(heapq.merge(kept, fresh, key=DueItem.sort_key))
        counts = {**since.counts, **fresh_counts}
        return DueReport(today, window.until, settings.grace_days, items, counts)

    def counts(self) -> tuple[int, int]:
        """(overdue, due today) for a digest: counts only, no items read."""
        today = self._ctx.clock.today()
        _, counts = self._fetch(Window(today, today, limit=0), self._settings.get(), registry.RULES)
        report = DueReport(today, today, 0, (), counts)
        return report.overdue_count, report.due_today_count

    def items_for_contact(self, contact_id: int, days: int = FAR_AHEAD_DAYS) -> list[DueItem]:
        """Everything due or coming up for one contact, most overdue (or soonest) first."""
        today = self._ctx.clock.today()
        window = Window(today, today + timedelta(days=days), contact_id=contact_id)
        return list(self._fetch(window, self._settings.get(), registry.RULES)[0])

    def next_due_for_contact(self, contact_id: int) -> DueItem | None:
        items = self.items_for_contact(contact_id)
        return items[0] if items else None

    def get(self, key: str) -> DueItem:
        """The current occurrence behind ``key`` (due, overdue or upcoming)."""
        kind, parts = parse_key(key)
        today = self._ctx.clock.today()
        window = Window(today, today + timedelta(days=FAR_AHEAD_DAYS), entity_id=parts[0])
        for item in self._fetch(window, self._settings.get(), (BY_KIND[kind],))[0]:
            if item.key == key:
                return item
        raise NotFoundError(f"nothing is due for {key}")

    def _fetch(
        self, window: Window, settings: JournalSettings, rules: Iterable[DueRule]
    ) -> tuple[tuple[DueItem, ...], dict[DueKind, DueCount]]:
        # Sorted by DueItem.sort_key, which each rule hands back with its items (Entry).
        ordered: list[Entry] = []
        counts: dict[DueKind, DueCount] = {}
        with _collector_paused():
            with self._ctx.db.read_raw() as connection:
                for rule in rules:
                    found, counts[rule.kind] = rule.fetch(connection, window, settings)
                    ordered += found
            # Sorted and dropped before the collector is back: it then finds the items
            # alone among the new objects, not the sort keys too.
            ordered.sort()
            items = tuple(map(_ITEM, ordered))
            del ordered, found
        return items, counts

    def birthdays(self) -> list[tuple[int, str, int, int, int | None]]:
        """(contact id, name, month, day, year or None) of every active contact with a
        birthday, by name: the calendar export writes them as yearly events."""
        with self._ctx.db.read_raw() as connection:
            return connection.execute(
                "SELECT id, display_name, birthday_month, birthday_day, birthday_year"
                " FROM contact WHERE archived_at IS NULL AND birthday_month IS NOT NULL"
                " ORDER BY sort_name, id"
            ).fetchall()

    def recurring(self) -> list[DueItem]:
        """Every open recurring reminder as its next occurrence (for the calendar export)."""
        today = self._ctx.clock.today()
        window = Window(today, date.max)
        items = self._fetch(window, self._settings.get(), (reminders.RULE,))
        return [i for i in items[0] if i.facts["repeat_unit"]]

    # -- acting on an item ----------------------------------------------------------------

    def snooze(self, key: str, until: date) -> None:
        """Keep the item off Today until ``until`` (a day after today)."""
        self.snooze_many((key,), until)

    def snooze_many(self, keys: Sequence[str], until: date) -> None:
        """Keep every item of ``keys`` off Today until ``until``, as one step for Ctrl+Z
        ("Snooze: 3 reminders")."""
        today = self._ctx.clock.today()
        if not isinstance(until, date) or until <= today:
            raise ValidationError.single("until", "pick a day after today")
        latest = today + timedelta(days=FAR_AHEAD_DAYS)
        if until > latest:
            raise ValidationError.single(
                "until", f"{until.isoformat()} is too far ahead; pick a day up to {latest}"
            )
        items = self._items(keys)
        # A rule may write in more than one transaction: the user did one thing, so one
        # operation for Ctrl+Z.
        with self._ctx.db.operation(f"Snooze: {_phrase(items)}"):
            for item in items:
                BY_KIND[item.kind].snooze(self._acting, item, until)
        self._changed_items(items)

    def snooze_everything(self, until: date) -> int:
        """Snooze everything on Today until ``until`` (the tray's "Snooze all until
        tomorrow"), as one undo step; how many items that was (0: nothing written)."""
        keys = [item.key for item in self.due(0).on_today]
        if keys:
            self.snooze_many(keys, until)
        return len(keys)

    def done(self, key: str) -> None:
        """Mark the item done: what that means is its rule's ``done`` (the README's table
        "done means" lists them), e.g. keep in touch restarts the clock today."""
        self.done_many((key,))

    def done_many(self, keys: Sequence[str]) -> None:
        """Mark every item of ``keys`` done, as one step for Ctrl+Z ("Done: 3 reminders")."""
        items = self._items(keys)
        with self._ctx.db.operation(f"Done: {_phrase(items)}"):
            for item in items:
                BY_KIND[item.kind].done(self._acting, item)
        self._changed_items(items)

    def _changed_items(self, items: Sequence[DueItem]) -> None:
        """Publish a done or snooze: it concerns the items' contacts and kinds only, since a
        rule's done and snooze write only rows its own kind reads (a done that goes through
        another service, settling a favour, also publishes that service's change, which
        names no kind: Today then runs every rule)."""
        kinds = {item.kind for item in items}
        self._ctx.changed(Topic.REMINDERS, contacts=_concerned_all(items), due_kinds=kinds)

    def _items(self, keys: Sequence[str]) -> list[DueItem]:
        """The items behind ``keys``, each once; all found before anything is written."""
        if not keys:
            raise ValidationError.single("items", "pick at least one item")
        return [self.get(key) for key in dict.fromkeys(keys)]

    def _update_reminder(self, session: Session, reminder_id: int, **values: object) -> None:
        reminders.update_row(self._ctx, session, reminder_id, **values)

    # -- the user's own reminders ---------------------------------------------------------

    def add(self, data: ReminderInput) -> int:
        data = reminders.normalise(data)
        with self._ctx.db.write(f"Add reminder: {data.text}") as session:
            self._validate(session, data)
            now = self._ctx.clock.utcnow()
            reminder_id = inserted_id(
                session,
                sqlite_insert(Reminder).values(
                    **reminders.columns(data), created_at=now, updated_at=now
                ),
            )
        self._ctx.changed(Topic.REMINDERS, reminder_id, action=Action.CREATED)
        return reminder_id

    def update(self, reminder_id: int, data: ReminderInput) -> None:
        """Rewrite a reminder; a new date or repeat starts its series (and any snooze) over."""
        data = reminders.normalise(data)
        with self._ctx.db.write(f"Edit reminder: {data.text}") as session:
            self._require_reminder(session, reminder_id)
            self._validate(session, data)
            self._update_reminder(
                session, reminder_id, **reminders.columns(data), snoozed_until=None, done_at=None
            )
        self._ctx.changed(Topic.REMINDERS, reminder_id)

    def delete(self, reminder_id: int) -> None:
        """Move a reminder to the trash (:meth:`restore` brings it back)."""
        self._set_deleted(reminder_id, deleted=True)

    def restore(self, reminder_id: int) -> None:
        self._set_deleted(reminder_id, deleted=False)

    def reminder(self, reminder_id: int) -> ReminderView:
        with self._ctx.db.read() as session:
            row = self._require_reminder(session, reminder_id)
            name = ""
            if row.contact_id is not None:
                name = (
                    session.scalar(
                        select(col(Contact.display_name)).where(col(Contact.id) == row.contact_id)
                    )
                    or ""
                )
        from colearn_desktop.core.enums import RepeatUnit

        return ReminderView(
            id=reminder_id,
            data=ReminderInput(
                text=row.text,
                due_on=row.due_on,
                contact_id=row.contact_id,
                repeat_unit=RepeatUnit(row.repeat_unit) if row.repeat_unit else None,
                repeat_every=row.repeat_every,
            ),
            anchor_on=row.anchor_on,
            snoozed_until=row.snoozed_until,
            done=row.done_at is not None,
            contact_name=name,
        )

    def _set_deleted(self, reminder_id: int, *, deleted: bool) -> None:
        verb = "Delete" if deleted else "Restore"
        with self._ctx.db.write(f"{verb} a reminder") as session:
            text = self._require_reminder(session, reminder_id).text
            name_operation(session, f"{verb} reminder: {text}")
            now = self._ctx.clock.utcnow()
            self._update_reminder(session, reminder_id, deleted_at=now if deleted else None)
        self._ctx.changed(Topic.REMINDERS, reminder_id, action=trash_action(deleted))

    def _validate(self, session: Session, data: ReminderInput) -> None:
        exists = data.contact_id is None or session.get(Contact, data.contact_id) is not None
        reminders.validate(data, exists, self._ctx.clock.today())

    @staticmethod
    def _require_reminder(session: Session, reminder_id: int) -> Reminder:
        row = session.get(Reminder, reminder_id)
        if row is None:
            raise NotFoundError(f"reminder {reminder_id} does not exist")
        return row


def _phrase(items: list[DueItem]) -> str:
    """How an undo step names what it acted on: the item's own phrase, or a count."""
    if len(items) == 1:
        return BY_KIND[items[0].kind].phrase(items[0])
    return f"{len(items)} reminders"
