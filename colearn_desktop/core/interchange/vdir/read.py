"""``read_vdir_changes``: cards edited elsewhere (a phone, a server) back into the journal.

A card whose bytes differ from what we last wrote (:mod:`.state`) is read as an import reads
it, and only the fields it changed since then are written over the contact: the phone's
edit of the phone number never undoes a note edited here meanwhile.  A card with a UID no
contact has becomes a new contact (taking that UID when it is a UUID, so the phone's card
and ours stay one).  A deleted card deletes nothing: a slip on the phone must not cost a
person's history; the contact's card is written again by the next :func:`write_vdir`.
Every change of one pass is one step of the undo log, made through the contact service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from colearn_desktop.core.contact_fields import FIELDS, ContactInput
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Action, Topic
from colearn_desktop.core.interchange.vdir.cards import REFERRER, CardReading, read_card, render
from colearn_desktop.core.interchange.vdir.report import VdirReport
from colearn_desktop.core.interchange.vdir.state import VdirState, Written, sha256
from colearn_desktop.core.interchange.writers.export_query import ContactSelection, stream_contacts
from colearn_desktop.core.people.contact_ids import parse_uid
from colearn_desktop.core.people.contacts import validate_contact
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import name_operation, scalar
from colearn_desktop.core.text import fold

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

_TITLES = {field.name: field.title for field in FIELDS}
_SET_UID = text("UPDATE contact SET uid = :uid WHERE id = :id")


@dataclass
class _Edit:
    name: str  # the file
    data: bytes
    reading: CardReading
    contact_id: int | None  # None: a new contact
    contact: ContactInput
    changed: list[str]  # the fields the card changed
    uid: str = ""
    new: bool = False  # a card no contact has: a new contact


def read_vdir_changes(journal: Journal, contacts_dir: Path) -> VdirReport:
    """Read every card edited or added in ``contacts_dir`` since the last pass, apply them
    as one undoable change, and say per contact what changed."""
    state = VdirState.load(journal.path, contacts_dir)
    report = VdirReport()
    today = journal.clock.today()
    present = sorted(contacts_dir.glob("*.vcf")) if contacts_dir.is_dir() else []
    edits = []
    for path in present:
        try:
            data = path.read_bytes()
        except OSError as error:
            report.say(f"{path} could not be read ({error.strerror}); no contact changed.")
            continue
        known = state.cards.get(path.name)
        if known is not None and known.sha256 == sha256(data):
            continue
        edit = _edit(journal, path, data, known, today, report, state.tag)
        if edit is not None:
            edits.append(edit)
    _deleted(journal, state, {path.name for path in present}, report)
    if any(edit.new or edit.changed for edit in edits):
        _apply(journal, [edit for edit in edits if edit.new or edit.changed], report)
    for edit in edits:  # read: the next pass compares with these
        state.cards[edit.name] = Written(sha256(edit.data), edit.reading.fields, edit.uid)
    if edits:
        state.save()
    return report


def _edit(
    journal: Journal,
    path: Path,
    data: bytes,
    known: Written | None,
    today: date,
    report: VdirReport,
    tag: str | None,
) -> _Edit | None:
    try:
        reading = read_card(data, today)
    except ValueError as error:
        report.say(
            f"{path} was not read ({error}); the file and the journal were left as they were."
        )
        return None
    record = reading.record
    problems = "; ".join(p.message for p in record.problems if p.severity.value == "error")
    if problems or record.rejected:
        report.say(f"{path} was not read ({problems or record.rejected}); no contact changed.")
        return None
    contact_id = journal.contacts.resolve_uid(record.uid) if record.uid else None
    if contact_id is None and known is not None and known.uid:
        contact_id = journal.contacts.resolve_uid(known.uid)  # the phone gave it a new UID
    if contact_id is None:
        tags = record.data.tags
        if tag and fold(tag) not in {fold(t) for t in tags}:
            record.data = record.data.with_changes(tags=(*tags, tag))  # stays in the vdir
        edit = _Edit(
            path.name, data, reading, None, record.data, [], parse_uid(record.uid) or "", new=True
        )
    else:
        base = known.fields if known is not None else _our_fields(journal, contact_id, today)
        current = journal.contacts.get(contact_id)
        changed = [name for name, shown in reading.fields.items() if base.get(name) != shown]
        contact = current.data.with_changes(
            **{name: _value(journal, reading, name) for name in changed}
        )
        edit = _Edit(
            path.name, data, reading, contact_id, contact, changed, current_uid(journal, contact_id)
        )
    try:
        validate_contact(edit.contact, today)
    except ValidationError as error:
        report.say(f"{path} was not read ({error}); no contact changed: correct the card.")
        return None
    return edit


def _value(journal: Journal, reading: CardReading, name: str) -> object:
    """The value field ``name`` takes from the card; the referrer by their stable id."""
    if name != REFERRER:
        return getattr(reading.record.data, name)
    uid = reading.record.referred_by_uid
    return journal.contacts.resolve_uid(uid) if uid else None


def _our_fields(journal: Journal, contact_id: int, today: date) -> dict[str, str]:
    """What our own card of the contact says, field by field: the base of a card found in
    the vdir that we have no record of writing (the state was lost, or the server renamed
    the file)."""
    settings = journal.settings.get()
    with journal.db.read_raw() as connection:
        rows = stream_contacts(
            connection, settings, ContactSelection(include_archived=True), [contact_id]
        )
        row = next(rows)
    return read_card(render(row), today).fields


def current_uid(journal: Journal, contact_id: int) -> str:
    with journal.db.read() as session:
        return str(scalar(session, "SELECT uid FROM contact WHERE id = :id", id=contact_id))


def _deleted(journal: Journal, state: VdirState, present: set[str], report: VdirReport) -> None:
    for name in sorted(state.cards.keys() - present):
        contact_id = journal.contacts.resolve_uid(state.cards[name].uid)
        if contact_id is None:
            continue
        person = journal.contacts.get(contact_id).display_name
        report.say(
            f"{name} was deleted in the vdir; {person} was kept in the journal and the card "
            "is written again. To take a contact off the phone, archive them or remove the "
            "vdir's tag."
        )


def _apply(journal: Journal, edits: list[_Edit], report: VdirReport) -> None:
    """All edits in one transaction: one step of the undo log."""
    touched = []
    with journal.db.write("Changes from the vdir") as session:
        for edit in edits:
            if edit.contact_id is None:
                contact_id = journal.contacts.insert(session, edit.contact)
                if edit.uid:  # the card's UUID: the phone's card stays this contact's
                    session.execute(_SET_UID, {"uid": edit.uid, "id": contact_id})
                edit.uid = str(
                    scalar(session, "SELECT uid FROM contact WHERE id = :id", id=contact_id)
                )
                edit.contact_id = contact_id
                report.added += 1
            else:
                journal.contacts.rewrite(session, edit.contact_id, edit.contact)
                report.changed += 1
            touched.append(edit.contact_id)
        name_operation(session, f"Read {len(edits)} contact(s) changed in the vdir")
    for edit in edits:
        assert edit.contact_id is not None
        person = journal.contacts.get(edit.contact_id).display_name
        if edit.new:
            report.say(f"{person} was added from {edit.name}, a new card in the vdir.")
        else:
            what = ", ".join(_TITLES[name] for name in edit.changed)
            report.say(f"{person}: {what} changed in the vdir ({edit.name}).")
    ServiceContext(journal.db, journal.clock, journal.events).changed(
        Topic.CONTACTS, *touched, action=Action.UPDATED, contacts=touched
    )
