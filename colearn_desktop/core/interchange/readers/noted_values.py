"""Values our Outlook export had to put in the notes, read back into their fields.

Outlook's CSV has no year-less birthday, three e-mail addresses and a fixed set of phone
columns, so our Outlook export writes what does not fit as the last lines of the notes
("Birthday: --02-29", "E-mail (home): ana@example.com", "Phone (fax): +34 ...", "Link
(linkedin): https://..."; one form for each labelled list of the contact field list).  Reading
them back means that exporting to Outlook and importing the file again loses nothing and
changes nothing (a re-import used to merge a "Birthday: --02-29" line into every such
contact's notes).  Only trailing lines in exactly those forms, with a value that reads as
what it claims to be, are taken; anything else stays in the notes as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from colearn_desktop.core.contact_fields import (
    LABELLED_FIELDS,
    Birthday,
    ContactField,
    Labelled,
    children,
)
from colearn_desktop.core.interchange.values import parse_birthday

_BIRTHDAY = re.compile(r"Birthday: (.+)")


def _pattern(field: ContactField) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(children(field).note_word)}(?: \(([^()]*)\))?: (.+)")


_LINES = [(field, _pattern(field)) for field in LABELLED_FIELDS]


def noted_line(field: ContactField, value: Labelled) -> str:
    """The notes line for a labelled value Outlook has no column for:
    "E-mail (home): ana@example.com", "Link (linkedin): https://..."."""
    word = children(field).note_word
    return f"{word} ({value.label}): {value.value}" if value.label else f"{word}: {value.value}"


@dataclass
class NotedValues:
    notes: str
    birthday: Birthday | None = None
    # Per labelled list of the contact field list ("emails", "phones", "links").
    lists: dict[str, list[Labelled]] = field(default_factory=dict)


def _labelled_line(line: str) -> tuple[str, Labelled] | None:
    """The list and value of a line in one of the forms of :func:`noted_line`, when the value
    reads as what the line claims it is."""
    for listed, pattern in _LINES:
        if match := pattern.fullmatch(line):
            value = match[2].strip()
            if not children(listed).plausible(value):
                return None  # (the importer's own note for a value that is not valid)
            return listed.name, Labelled(value, match[1] or "")
    return None


def take_noted_values(notes: str, *, birthday_known: bool) -> NotedValues:
    """Split the trailing value lines off ``notes``.  With ``birthday_known`` (the file had a
    birthday column filled in) a "Birthday:" line is left in the notes."""
    lines = notes.split("\n")
    found = NotedValues(notes)
    while lines:
        line = lines[-1].strip()
        if match := _BIRTHDAY.fullmatch(line):
            birthday = parse_birthday(match[1])
            if birthday is None or birthday_known or found.birthday is not None:
                break
            found.birthday = birthday
        elif labelled := _labelled_line(line):
            name, value = labelled
            found.lists.setdefault(name, []).insert(0, value)
        else:
            break
        lines.pop()
    found.notes = "\n".join(lines).rstrip()
    return found
