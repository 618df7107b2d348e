"""The journal's name keys and phone numbers in memory, to check many new contacts at once.

An import plans thousands of rows; asking :meth:`DuplicateService.likely_duplicates_of` for
each would scan the contacts once per row.  This reads the active contacts' name keys (words
in any order, without accents or case) and their phone numbers by last digits once, some
100 bytes a contact, and answers each row from memory: the same name however it is written,
or the same phone once read as E.164 in the journal's region.  (Similar names with a shared
company are left to ``colearn duplicates`` and the Duplicates window after the import.)
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import NamedTuple

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.people.duplicates.keys import name_key, phone_e164, trailing_digits
from colearn_desktop.core.people.duplicates.matcher import Reason, Why
from colearn_desktop.core.text import display_name, phone_key

MIN_PHONE_DIGITS = 6


class Likely(NamedTuple):
    contact_id: int
    name: str
    reason: Reason


class JournalKeys:
    def __init__(self, connection: sqlite3.Connection, region: str):
        self._region = region
        self._names: dict[str, tuple[int, str]] = {}
        self._phones: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for contact_id, name in connection.execute(
            "SELECT id, display_name FROM contact WHERE archived_at IS NULL ORDER BY id"
        ):
            self._names.setdefault(name_key(name), (contact_id, name))
        self._names.pop("", None)
        for contact_id, number, name in connection.execute(
            "SELECT p.contact_id, p.number_key, c.display_name FROM contact_phone p "
            "JOIN contact c ON c.id = p.contact_id WHERE c.archived_at IS NULL ORDER BY c.id"
        ):
            self._phones[trailing_digits(number)].append((contact_id, number, name))

    def likely(self, data: ContactInput) -> Likely | None:
        """The journal contact ``data`` probably is: same phone first, then same name."""
        for phone in data.phones:
            number = phone_key(phone.value)
            if len(number.lstrip("+")) < MIN_PHONE_DIGITS:
                continue
            wanted = phone_e164(number, self._region)
            for contact_id, known, name in self._phones.get(trailing_digits(number), ()):
                if phone_e164(known, self._region) == wanted:
                    return Likely(contact_id, name, Reason(Why.SAME_PHONE, wanted))
        found = self._names.get(
            name_key(display_name(data.given_name, data.family_name, data.name))
        )
        if found is not None:
            return Likely(found[0], found[1], Reason(Why.SAME_NAME, ""))
        return None
