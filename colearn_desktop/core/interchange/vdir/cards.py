"""A contact's card in the vdir, and what a card says field by field.

Cards are vCard 3.0: what iOS and most CardDAV servers and clients expect (DAVx5 reads both).
A card read back is turned into a contact exactly as an import would read it
(:func:`card_to_record`); comparing two cards compares those readings, field by field, so a
phone that refolds lines, reorders properties or writes ``TYPE=CELL`` for ``TYPE=cell``
changes nothing.  Phones drop properties they do not know: a card without one of our
``X-COLEARN-*`` properties says nothing about that field (it is left out of the reading),
rather than asking to clear it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from colearn_desktop.core.contact_fields import FIELDS, Kind
from colearn_desktop.core.interchange.readers.vcard_lines import read_cards
from colearn_desktop.core.interchange.readers.vcard_reader import card_to_record
from colearn_desktop.core.interchange.record import ImportRecord
from colearn_desktop.core.interchange.writers.export_query import ExportRow
from colearn_desktop.core.interchange.writers.ics_sequence import digest
from colearn_desktop.core.interchange.writers.vcard_export import card

VERSION = "3.0"
# The referrer is read as a stable id (or a name), not the ContactInput's row id.
REFERRER = next(f.name for f in FIELDS if f.kind is Kind.REFERRER)


def render(row: ExportRow) -> bytes:
    return card(row, VERSION).encode("utf-8")


@dataclass(frozen=True)
class CardReading:
    """One card as an import reads it, and a digest per field it speaks about."""

    record: ImportRecord
    fields: dict[str, str]


def read_card(data: bytes, today: date) -> CardReading:
    """The first card of a ``.vcf`` file's bytes; raises ValueError for a file that is no
    UTF-8 or holds no card (the caller names the file)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"it is not UTF-8 text (byte {error.start + 1} is not), as a vCard in a vdir must be"
        ) from None
    first = next(read_cards(io.StringIO(text, newline="")), None)
    if first is None:
        raise ValueError("it holds no vCard (no BEGIN:VCARD line)")
    record = card_to_record(first, today)
    present = {prop.name for prop in first.properties}
    fields = {}
    for field in FIELDS:
        if field.vcard.startswith("X-COLEARN") and field.vcard not in present:
            continue  # dropped by a phone that does not know it: no edit
        value = getattr(record.data, field.name)
        if field.name == REFERRER:
            value = record.referred_by_uid or record.referred_by
        fields[field.name] = digest(value)
    return CardReading(record, fields)
