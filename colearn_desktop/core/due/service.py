"""``journal.reminders``: what is due, and acting on it (snooze, done), plus the user's own
reminders.

Reading is a handful of SQL queries in one read transaction (one per rule), so Today stays
fast at 100,000 contacts.  Every change is validated, written in one transaction and announced
with ``ctx.changed("reminders", ...)`` (plus the topic of the row it touched).
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from operator import itemgetter

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.db import inserted_id

from ..context import ServiceContext
from ..errors import NotFoundError, ValidationError
from ..favours import FavourService
from ..models import Contact, ContactReferralState, Conversation, DueItemState, Reminder
from ..settings import JournalSettings, SettingsService
from ..validation import MAX_CADENCE_DAYS
from . import birthdays, checkins, favours, followups, keep_in_touch, reminders, thanks
from .common import Entry, Window, parse_key
from .records import DueCount, DueItem, DueKind, DueReport, ReminderInput, ReminderView

Rule = Callable[[sqlite3.Connection, Window, JournalSettings], tuple[list[Entry], DueCount]]

_ITEM = itemgetter(4)

RULES: dict[DueKind, Rule] = {
    DueKind.KEEP_IN_TOUCH: keep_in_touch.fetch,
    DueKind.FOLLOW_UP: followups.fetch,
    DueKind.CHECK_IN: checkins.fetch,
    DueKind.FAVOUR: favours.fetch,
    DueKind.THANKS: thanks.fetch,
    DueKind.BIRTHDAY: birthdays.fetch,
    DueKind.REMINDER: reminders.fetch,
}

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


class DueService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService, favours: FavourService):
        self._ctx = ctx
        self._settings = settings
        self._favours = favours

    # -- reading --------------------------------------------------------------------------

    def due(self, days: int = 0, limit: int | None = None) -> DueReport:
        """Overdue, due today and (``days`` > 0) due in the next ``days`` days, most overdue
        first; ``report.on_today`` is what the Today screen lists.  With ``limit``, at most
        that many items of each kind (the most overdue) and ``report.counts`` for the rest."""
        if not 0 <= days <= MAX_HORIZON_DAYS:
            raise ValidationError.single("days", f"must be between 0 and {MAX_HORIZON_DAYS}")
        if limit is not None and limit < 1:
            raise ValidationError.single("limit", "must be at least 1")
        today = self._ctx.clock.today()
        settings = self._settings.get()
        window = Window(today, today + timedelta(days=days), limit=limit)
        items, counts = self._fetch(window, settings, RULES)
        return DueReport(today, window.until, settings.grace_days, items, counts)

    def counts(self) -> tuple[int, int]:
        """(overdue, due today) for a digest: counts only, no items read."""
        today = self._ctx.clock.today()
        _, counts = self._fetch(Window(today, today, limit=0), self._settings.get(), RULES)
        report = DueReport(today, today, 0, (), counts)
        return report.overdue_count, report.due_today_count

    def items_for_contact(self, contact_id: int, days: int = FAR_AHEAD_DAYS) -> list[DueItem]:
        """Everything due or coming up for one contact, most overdue (or soonest) first."""
        today = self._ctx.clock.today()
        window = Window(today, today + timedelta(days=days), contact_id=contact_id)
        return list(self._fetch(window, self._settings.get(), RULES)[0])

    def next_due_for_contact(self, contact_id: int) -> DueItem | None:
        items = self.items_for_contact(contact_id)
        return items[0] if items else None

    def get(self, key: str) -> DueItem:
        """The current occurrence behind ``key`` (due, overdue or upcoming)."""
        kind, parts = parse_key(key)
        today = self._ctx.clock.today()
        window = Window(today, today + timedelta(days=FAR_AHEAD_DAYS), entity_id=parts[0])
        for item in self._fetch(window, self._settings.get(), {kind: RULES[kind]})[0]:
            if item.key == key:
                return item
        raise NotFoundError(f"nothing is due for {key}")

    def _fetch(
        self, window: Window, settings: JournalSettings, rules: dict[DueKind, Rule]
    ) -> tuple[tuple[DueItem, ...], dict[DueKind, DueCount]]:
        # Sorted by DueItem.sort_key, which each rule hands back with its items (Entry).
        ordered: list[Entry] = []
        counts: dict[DueKind, DueCount] = {}
        with _collector_paused():
            with self._ctx.db.read_raw() as connection:
                for kind, rule in rules.items():
                    found, counts[kind] = rule(connection, window, settings)
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
        items = self._fetch(
            window, self._settings.get(), {DueKind.REMINDER: RULES[DueKind.REMINDER]}
        )
        return [i for i in items[0] if i.facts["repeat_unit"]]

    # -- acting on an item ----------------------------------------------------------------

    def snooze(self, key: str, until: date) -> None:
        """Keep the item off Today until ``until`` (a day after today)."""
        today = self._ctx.clock.today()
        if not isinstance(until, date) or until <= today:
            raise ValidationError.single("until", "pick a day after today")
        latest = today + timedelta(days=FAR_AHEAD_DAYS)
        if until > latest:
            raise ValidationError.single(
                "until", f"{until.isoformat()} is too far ahead; pick a day up to {latest}"
            )
        item = self.get(key)
        with self._ctx.db.write() as session:
            if item.kind is DueKind.REMINDER:
                self._update_reminder(session, item.facts["reminder_id"], snoozed_until=until)
            else:
                self._save_state(session, key, snoozed_until=until)
        self._ctx.changed("reminders")

    def done(self, key: str) -> None:
        """Mark the item done; what that means depends on its kind (see the README):
        keep in touch restarts the clock today, a follow-up ticks the conversation's next
        step, a favour is settled fully, a thank-you records the day, a recurring reminder
        moves to its next date, anything else is done for this occurrence."""
        item = self.get(key)
        today = self._ctx.clock.today()
        if item.kind is DueKind.FAVOUR:
            # The favour service owns settling (and its undo); clear any snooze with it.
            self._favours.settle(
                item.facts["favour_id"], fully=True, on=max(today, item.facts["started_on"])
            )
            with self._ctx.db.write() as session:
                self._save_state(session, key, snoozed_until=None)
            self._ctx.changed("reminders")
            return
        ids: tuple[int, ...] = ()
        topic = "reminders"
        with self._ctx.db.write() as session:
            if item.kind is DueKind.KEEP_IN_TOUCH:
                self._save_state(session, key, snoozed_until=None, done_for=today)
            elif item.kind is DueKind.FOLLOW_UP:
                conversation_id = item.facts["conversation_id"]
                session.execute(
                    update(Conversation)
                    .where(Conversation.id == conversation_id)
                    .values(
                        next_step_done_at=self._ctx.clock.now(), updated_at=self._ctx.clock.utcnow()
                    )
                )
                self._save_state(session, key, snoozed_until=None)
                topic, ids = "conversations", (conversation_id,)
            elif item.kind is DueKind.THANKS:
                referred = item.facts["referred_id"]
                session.execute(
                    update(ContactReferralState)
                    .where(ContactReferralState.contact_id == referred)
                    .values(thanked_on=today)
                )
                self._save_state(session, key, snoozed_until=None)
                topic, ids = "referrals", (referred,)
            elif item.kind is DueKind.REMINDER:
                self._complete_reminder(session, item, today)
            else:  # check-ins and birthdays: done for this occurrence
                self._save_state(session, key, snoozed_until=None, done_for=item.due_on)
        if topic != "reminders":
            self._ctx.changed(topic, *ids)
        self._ctx.changed("reminders")

    def _save_state(self, session: Session, key: str, **values: object) -> None:
        values["updated_at"] = self._ctx.clock.utcnow()
        session.execute(
            sqlite_insert(DueItemState)
            .values(key=key, **values)
            .on_conflict_do_update(index_elements=["key"], set_=values)
        )

    def _complete_reminder(self, session: Session, item: DueItem, today: date) -> None:
        f = item.facts
        following = f["repeat_unit"] and reminders.next_due(
            f["anchor_on"] or item.due_on, f["repeat_unit"], f["repeat_every"], item.due_on, today
        )
        if not following:  # a one-off, or a series with no date left in the calendar
            self._update_reminder(session, f["reminder_id"], done_at=self._ctx.clock.now())
            return
        self._update_reminder(session, f["reminder_id"], due_on=following, snoozed_until=None)

    def _update_reminder(self, session: Session, reminder_id: int, **values: object) -> None:
        session.execute(
            update(Reminder)
            .where(col(Reminder.id) == reminder_id)
            .values(**values, updated_at=self._ctx.clock.utcnow())
        )

    # -- the user's own reminders ---------------------------------------------------------

    def add(self, data: ReminderInput) -> int:
        data = reminders.normalise(data)
        with self._ctx.db.write() as session:
            self._validate(session, data)
            now = self._ctx.clock.utcnow()
            reminder_id = inserted_id(
                session,
                sqlite_insert(Reminder).values(
                    **reminders.columns(data), created_at=now, updated_at=now
                ),
            )
        self._ctx.changed("reminders", reminder_id)
        return reminder_id

    def update(self, reminder_id: int, data: ReminderInput) -> None:
        """Rewrite a reminder; a new date or repeat starts its series (and any snooze) over."""
        data = reminders.normalise(data)
        with self._ctx.db.write() as session:
            self._require_reminder(session, reminder_id)
            self._validate(session, data)
            self._update_reminder(
                session, reminder_id, **reminders.columns(data), snoozed_until=None, done_at=None
            )
        self._ctx.changed("reminders", reminder_id)

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
        from ..enums import RepeatUnit

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
        with self._ctx.db.write() as session:
            self._require_reminder(session, reminder_id)
            now = self._ctx.clock.utcnow()
            self._update_reminder(session, reminder_id, deleted_at=now if deleted else None)
        self._ctx.changed("reminders", reminder_id)

    def _validate(self, session: Session, data: ReminderInput) -> None:
        exists = data.contact_id is None or session.get(Contact, data.contact_id) is not None
        reminders.validate(data, exists, self._ctx.clock.today())

    @staticmethod
    def _require_reminder(session: Session, reminder_id: int) -> Reminder:
        row = session.get(Reminder, reminder_id)
        if row is None:
            raise NotFoundError(f"reminder {reminder_id} does not exist")
        return row
