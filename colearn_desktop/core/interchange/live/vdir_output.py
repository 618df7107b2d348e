"""The live vdir: the folders ``colearn vdir`` writes, kept in step after every change.

A vdir is two-way, unlike the calendar file: the user's vdirsyncer brings the phone's edits
into the contacts' folder.  So a refresh first reads those back
(:func:`~colearn_desktop.core.interchange.vdir.read_vdir_changes`: through the contact
service, one step of the undo log), then writes (``write_vdir``).

Reading back is itself a change of the journal, which asks for another refresh.  That one
finds nothing new (every card now hashes to what was read or written) and changes nothing, so
the chain ends there: a refresh only changes the journal when a file changed outside.  It is
listed before the calendar file (:mod:`.configured`), so the calendar of that same refresh
already shows what the phone changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from colearn_desktop.core.interchange.vdir import VdirReport
    from colearn_desktop.core.journal import Journal

NAME = "vdir"


@dataclass
class LiveVdir:
    """The vdir of ``contacts_dir`` and ``calendar_dir`` holding the contacts of ``tag`` (or
    every contact not archived), a :class:`~.outputs.LiveOutput`."""

    contacts_dir: Path
    calendar_dir: Path
    tag: str | None = None
    name: str = field(default=NAME, init=False)

    @property
    def path(self) -> Path:
        """The folder a failure names when the error itself names none."""
        return self.contacts_dir

    def refresh(self, journal: Journal) -> str:
        from colearn_desktop.core.interchange.vdir import read_vdir_changes, write_vdir

        came_back = read_vdir_changes(journal, self.contacts_dir)
        written = write_vdir(journal, self.contacts_dir, self.calendar_dir, self.tag)
        return report_sentence(came_back.merge(written))


def report_sentence(report: VdirReport) -> str:
    """What one pass did in one line: what came back from the phone, then what was written,
    then the pass's own sentences (an edited contact, a deleted card, a bad file)."""
    came_back = (
        f"{report.changed} contact(s) changed and {report.added} added from the phone"
        if report.changed or report.added
        else "Nothing came back from the phone"
    )
    written = (
        f"{report.written} file(s) written, {report.unchanged} unchanged, {report.removed} removed"
    )
    return " ".join([f"{came_back}; {written}.", *report.lines])
