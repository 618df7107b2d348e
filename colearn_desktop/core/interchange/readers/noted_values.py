"""Values our Outlook export had to put in the notes, read back into their fields.

Outlook's CSV has no year-less birthday, three e-mail addresses and a fixed set of phone
columns, so our Outlook export writes what does not fit as the last lines of the notes
("Birthday: --02-29", "E-mail (home): ana@example.com", "Phone (fax): +34 ...").  Reading
them back means that exporting to Outlook and importing the file again loses nothing and
changes nothing (a re-import used to merge a "Birthday: --02-29" line into every such
contact's notes).  Only trailing lines in exactly those forms, with a value that reads as
what it claims to be, are taken; anything else stays in the notes as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from colearn_desktop.core.interchange.values import parse_birthday
from colearn_desktop.core.records import Birthday, Labelled
from colearn_desktop.core.validation import EMAIL_PATTERN

_BIRTHDAY = re.compile(r"Birthday: (.+)")
_EMAIL = re.compile(r"E-mail(?: \(([^()]*)\))?: (\S+)")
_PHONE = re.compile(r"Phone(?: \(([^()]*)\))?: (.+)")


def email_line(value: Labelled) -> str:
    """The notes line for an e-mail address Outlook has no column for."""
    return f"E-mail ({value.label}): {value.value}" if value.label else f"E-mail: {value.value}"


def phone_line(value: Labelled) -> str:
    """The notes line for a phone number Outlook has no column for."""
    return f"Phone ({value.label}): {value.value}" if value.label else f"Phone: {value.value}"


@dataclass
class NotedValues:
    notes: str
    birthday: Birthday | None = None
    emails: list[Labelled] = field(default_factory=list)
    phones: list[Labelled] = field(default_factory=list)


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
        elif match := _EMAIL.fullmatch(line):
            if not EMAIL_PATTERN.match(match[2]):
                break
            found.emails.insert(0, Labelled(match[2], match[1] or ""))
        elif match := _PHONE.fullmatch(line):
            if sum(ch.isdigit() for ch in match[2]) < 3:
                break  # (the importer's own note for a value that is not a number)
            found.phones.insert(0, Labelled(match[2].strip(), match[1] or ""))
        else:
            break
        lines.pop()
    found.notes = "\n".join(lines).rstrip()
    return found
