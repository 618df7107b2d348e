"""``write_vdir``: the selected contacts and the due reminders as a vdir.

One ``.vcf`` per contact, its UID the contact's stable id (named ``<uid>.vcf``, or the name
the file had when it came from the phone), and one ``.ics`` per calendar entry of the
reminders export (the same UIDs and SEQUENCE rules as ``colearn export reminders``: what is
due in the next :data:`DAYS` days, birthdays, recurring reminders).  Contacts and reminders
go to separate folders, as vdirsyncer syncs one folder with one address book or calendar.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Calendar

from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.interchange.vdir.cards import read_card, render
from colearn_desktop.core.interchange.vdir.files import hashed, sync_folder, without_stamp
from colearn_desktop.core.interchange.vdir.report import VdirReport
from colearn_desktop.core.interchange.vdir.state import VdirState, Written, sha256
from colearn_desktop.core.interchange.writers.export_query import ContactSelection, stream_contacts
from colearn_desktop.core.interchange.writers.ics import PRODID

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

DAYS = 90  # as ``colearn export reminders`` by default
_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]")


def check_folders(contacts_dir: Path, calendar_dir: Path) -> None:
    if contacts_dir.resolve() == calendar_dir.resolve():
        raise ValidationError.single(
            "calendar",
            f"the contacts and the calendar need two folders, but both are {contacts_dir}; "
            "nothing was written: pick another folder for one of them",
        )


def _check_tag(journal: Journal, tag: str) -> None:
    """A tag that is gone (renamed, deleted) would empty the vdir, and vdirsyncer would then
    delete every card from the phone: refused instead."""
    try:
        journal.tags.named(tag)
    except NotFoundError:
        raise ValidationError.single(
            "tag",
            f"there is no tag called {tag!r}; nothing was written (a tag renamed or deleted "
            "would otherwise empty the vdir, and the phone with it): pick an existing tag with "
            "--tag, or every contact with --all",
        ) from None


def write_vdir(
    journal: Journal, contacts_dir: Path, calendar_dir: Path, which: str | None
) -> VdirReport:
    """Bring both folders up to date; ``which`` is a tag (only its contacts) or None (every
    contact that is not archived).  Run :func:`read_vdir_changes` first: a card edited on
    the phone and not read yet is replaced here."""
    check_folders(contacts_dir, calendar_dir)
    if which:
        _check_tag(journal, which)
    state = VdirState.load(journal.path, contacts_dir)
    report = VdirReport()
    if state.calendar_dir != str(calendar_dir.resolve()):
        state.events = {}  # another folder: what we wrote in the old one is not here
    state.cards = _write_cards(journal, contacts_dir, which, state, report)
    state.events = _write_events(journal, calendar_dir, state, report)
    state.calendar_dir, state.tag = str(calendar_dir.resolve()), which
    state.save()
    return report


def _write_cards(
    journal: Journal, folder: Path, which: str | None, state: VdirState, report: VdirReport
) -> dict[str, Written]:
    name_of = {written.uid: name for name, written in state.cards.items() if written.uid}
    uid_of: dict[str, str] = {}
    wanted: dict[str, bytes] = {}
    settings = journal.settings.get()
    with journal.db.read_raw() as connection:
        rows = stream_contacts(connection, settings, ContactSelection(tag=which), with_photo=True)
        for row in rows:
            name = name_of.get(row.uid, f"{row.uid}.vcf")
            wanted[name] = render(row)
            uid_of[name] = row.uid
    today = journal.clock.today()

    def entry(name: str, data: bytes) -> Written:
        digest, known = sha256(data), state.cards.get(name)
        if known is not None and known.sha256 == digest and known.fields:
            return Written(digest, known.fields, uid_of[name])  # read before: not again
        return Written(digest, read_card(data, today).fields, uid_of[name])

    return sync_folder(folder, wanted, state.cards, report, entry)


def _write_events(
    journal: Journal, folder: Path, state: VdirState, report: VdirReport
) -> dict[str, Written]:
    from colearn_desktop.core.interchange.live.calendar_file import reminders_file

    data, _count, sequences = reminders_file(journal, DAYS)  # the export's, the live file's
    wanted = {}
    for component in Calendar.from_ical(data).subcomponents:
        one = Calendar()
        one.add("prodid", PRODID)
        one.add("version", "2.0")
        one.add_component(component)
        wanted[_UNSAFE.sub("_", str(component["uid"])) + ".ics"] = one.to_ical()
    written = sync_folder(folder, wanted, state.events, report, hashed, without_stamp)
    sequences.save(journal.db)  # kept once the files hold them, as the export does
    return written
