"""SEQUENCE of each calendar entry, from what the entry shows (RFC 5545, issue #15).

A calendar program re-importing our file replaces an entry only when its SEQUENCE is higher
than the copy it holds.  Numbering by the entry's day missed every change that keeps the day
(a renamed contact, an edited reminder note: the calendar kept the old text), and numbering
by the clock marked every entry as changed on every export.  So each export compares a digest
of everything an entry shows with the one the journal kept for its UID (table
``calendar_entry``): the same digest keeps the number; another one bumps it.  The number never
goes down: a new entry, or one first written before the journal kept digests, starts at what
the earlier rule gave (days from 2020-01-01 to its day), and a bump is at least that too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from colearn_desktop.core.storage.db import Database


def digest(*shown: object) -> str:
    """A stable digest of an entry's visible values (their ``repr``, in the order given)."""
    return hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()[:32]


@dataclass
class EntrySequences:
    """The journal's last digest and SEQUENCE per UID, and the ones this export changes."""

    known: dict[str, tuple[str, int]] = field(default_factory=dict)
    changed: dict[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, db: Database) -> EntrySequences:
        with db.read_raw() as connection:
            rows = connection.execute("SELECT uid, digest, sequence FROM calendar_entry")
            return cls({uid: (shown, number) for uid, shown, number in rows})

    def sequence(self, uid: str, shown: str, floor: int) -> int:
        """The SEQUENCE of entry ``uid`` showing ``shown`` (a :func:`digest`); ``floor`` is
        the number the day-based rule gave, which a calendar may hold already."""
        before = self.known.get(uid)
        if before is None:
            number = floor
        elif before[0] == shown:
            return before[1]
        else:
            number = max(before[1] + 1, floor)
        self.changed[uid] = (shown, number)
        return number

    def save(self, db: Database) -> None:
        """Keep this export's new digests (a journal opened read-only keeps the old ones:
        the next export then bumps from them again, which still never goes down)."""
        if not self.changed or db.read_only:
            return
        with db.write() as session:
            raw = session.connection().connection.driver_connection
            assert raw is not None
            raw.executemany(
                "INSERT INTO calendar_entry (uid, digest, sequence) VALUES (?, ?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET digest = excluded.digest, "
                "sequence = excluded.sequence",
                [(uid, shown, number) for uid, (shown, number) in self.changed.items()],
            )
        self.known.update(self.changed)
        self.changed.clear()
