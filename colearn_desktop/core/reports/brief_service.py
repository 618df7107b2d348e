"""Building the pre-call brief (:class:`~.brief.Brief`) from the journal's services.

Every list is capped so the brief fits on one printed page for a typical contact; which of the
contact's own fields it shows comes from the contact field list (``ContactField.brief``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, TEXT_FIELDS, Kind
from colearn_desktop.core.enums import FavourDirection, Stage
from colearn_desktop.core.people.cadence import (
    TAG_CADENCE_JOIN,
    keep_in_touch_due_sql,
    stage_cadence_params,
)
from colearn_desktop.core.postal_address import address_of, format_address
from colearn_desktop.core.reports.brief import (
    Brief,
    BriefConversation,
    BriefDetail,
    BriefDue,
    BriefFavour,
    BriefNote,
    BriefPurchase,
)
from colearn_desktop.core.reports.brief import short as _short
from colearn_desktop.core.unreadable import left_out

if TYPE_CHECKING:
    from colearn_desktop.core.contact_fields import ContactInput
    from colearn_desktop.core.journal import Journal
    from colearn_desktop.core.records import ContactDetail

CONVERSATIONS = 3
NOTES = 4
FAVOURS = 4
PURCHASES = 4
REFERRALS = 8
COMING_UP = 3
DETAIL_LIMIT = 160  # a field on a line of its own ("How we met: ...")


def brief_details(data: ContactInput) -> tuple[BriefDetail, ...]:
    """The contact's fields the brief shows, in the order the field list gives them
    (``ContactField.brief``): one-line fields on the heading, longer ones and labelled lists
    (e-mails, phones: "ana@example.com (work), ...") on lines of their own, shortened."""
    shown = sorted((f for f in (*TEXT_FIELDS, *LABELLED_FIELDS) if f.brief), key=lambda f: f.brief)
    details = []
    for field in shown:
        value, heading = getattr(data, field.name), field.kind is Kind.LINE
        if field.kind is Kind.LABELLED:
            value = ", ".join(f"{i.value} ({i.label})" if i.label else i.value for i in value)
        elif field.vcard.startswith("ADR"):  # the whole address, as its country writes it
            value = format_address(address_of(data), sep=", ")
        shown_text = value if heading else _short(value, DETAIL_LIMIT)
        details.append(BriefDetail(field.name, field.title, shown_text, heading))
    return tuple(details)


_NOTES_SQL = """
SELECT cv.id, cv.happened_at, {column}, cv.next_step_due,
       cv.next_step <> '' AND cv.next_step_done_at IS NULL
FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
WHERE cc.contact_id = ? AND cv.deleted_at IS NULL AND {column} <> '' {extra}
ORDER BY {order} LIMIT ?
"""

_KEEP_IN_TOUCH_SQL = f"""
SELECT {keep_in_touch_due_sql()} FROM contact c {TAG_CADENCE_JOIN}
WHERE c.id = :contact_id AND c.archived_at IS NULL
"""


class BriefService:
    """Builds briefs from the journal's services (and its reminders, when it has them)."""

    def __init__(self, journal: Journal):
        self._journal = journal

    def for_contact(self, contact_id: int, detail: ContactDetail | None = None) -> Brief:
        """The brief of ``contact_id``; ``detail``: the contact as its page just read it
        (not read again: six queries through the ORM)."""
        journal = self._journal
        today = journal.clock.today()
        if detail is None or detail.id != contact_id:
            detail = journal.contacts.get(contact_id)
        views = journal.conversations.for_contact(contact_id, limit=CONVERSATIONS)
        conversations = tuple(
            BriefConversation(
                id=v.id,
                happened_at=v.data.happened_at,
                channel=v.data.channel,
                notes=_short(v.data.notes),
                learned=_short(v.data.learned),
                they_asked=_short(v.data.they_asked),
                next_step=_short(v.data.next_step),
                next_step_due=v.data.next_step_due,
                next_step_done=v.next_step_done_at is not None,
                others=tuple(p.display_name for p in v.participants if p.id != contact_id),
            )
            for v in views
        )
        favours = [f for f in journal.favours.for_contact(contact_id) if f.is_open]

        def favour(view: Any) -> BriefFavour:
            return BriefFavour(
                id=view.id,
                direction=view.data.direction,
                kind=view.data.kind,
                description=_short(view.data.description, 160),
                status=view.status,
                due_on=view.data.due_on,
                outstanding=view.outstanding,
                currency=view.data.currency,
            )

        purchases = journal.purchases.for_contact(contact_id)
        with journal.db.read_raw() as connection:
            count = connection.execute(
                "SELECT count(*) FROM conversation_contact cc JOIN conversation cv "
                "ON cv.id = cc.conversation_id WHERE cc.contact_id = ? AND cv.deleted_at IS NULL",
                (contact_id,),
            ).fetchone()[0]
            learnings = self._notes(connection, contact_id, "cv.learned")
            asks = self._notes(connection, contact_id, "cv.they_asked")
            steps = self._notes(
                connection,
                contact_id,
                "cv.next_step",
                extra="AND cv.next_step_done_at IS NULL",
                order="cv.next_step_due IS NULL, cv.next_step_due, cv.happened_at DESC",
            )
        coming_up, source = self._coming_up(contact_id, today)
        return Brief(
            contact_id=contact_id,
            name=detail.display_name,
            details=brief_details(detail.data),
            stage=Stage(detail.data.stage),
            archived=detail.archived,
            tags=detail.data.tags,
            today=today,
            last_contact_at=detail.last_contact_at,
            conversation_count=count,
            conversations=conversations,
            learnings=learnings,
            asks=asks,
            open_steps=steps,
            i_owe=tuple(favour(f) for f in favours if f.data.direction == FavourDirection.I_OWE)[
                :FAVOURS
            ],
            they_owe=tuple(
                favour(f) for f in favours if f.data.direction == FavourDirection.THEY_OWE
            )[:FAVOURS],
            purchases=tuple(
                BriefPurchase(
                    p.id,
                    p.data.purchased_on,
                    _short(p.data.what, 120),
                    p.data.amount,
                    p.data.currency,
                )
                for p in purchases[:PURCHASES]
            ),
            purchase_count=len(purchases),
            purchase_totals=journal.purchases.totals_of(purchases),
            referred_by=detail.referred_by,
            referrals=detail.referrals[:REFERRALS],
            coming_up=coming_up,
            due_source=source,
        )

    @staticmethod
    def _notes(
        connection: Any,
        contact_id: int,
        column: str,
        *,
        extra: str = "",
        order: str = "cv.happened_at DESC, cv.id DESC",
    ) -> tuple[BriefNote, ...]:
        sql = _NOTES_SQL.format(column=column, extra=extra, order=order)
        notes = []
        for row in connection.execute(sql, (contact_id, NOTES)):
            try:
                on = datetime.fromisoformat(row[1]).date()
                due = date.fromisoformat(row[3]) if row[3] else None
            except ValueError as error:  # a stored value that cannot be read
                left_out("conversation", row[0], error, "the contact's brief")
                continue
            notes.append(BriefNote(row[0], on, _short(row[2], 200), due, bool(row[4])))
        return tuple(notes)

    def _coming_up(self, contact_id: int, today: date) -> tuple[tuple[BriefDue, ...], str]:
        reminders = getattr(self._journal, "reminders", None)
        if reminders is not None and hasattr(reminders, "items_for_contact"):
            from colearn_desktop.core.due import describe

            items = reminders.items_for_contact(contact_id)[:COMING_UP]
            return (
                tuple(
                    BriefDue(
                        item.urgent_on,
                        str(item.kind),
                        describe.title(item),
                        describe.reason(item, today),
                    )
                    for item in items
                ),
                "reminders",
            )
        # Without the reminders engine: the keep-in-touch date from the cadence.
        params: dict[str, object] = {
            **stage_cadence_params(self._journal.settings.get()),
            "contact_id": contact_id,
        }
        with self._journal.db.read_raw() as connection:
            row = connection.execute(_KEEP_IN_TOUCH_SQL, params).fetchone()
        if row is None or row[0] is None:
            return (), "cadence"
        return (BriefDue(date.fromisoformat(row[0]), "keep_in_touch", "Keep in touch"),), "cadence"
