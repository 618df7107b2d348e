"""Where each value of a file goes: the importer's names of fields (:class:`Field`, or a key
of the contact field list) and a column's :class:`Target`.

Every reader, the column-mapping screen and ``colearn import --map`` speak this vocabulary;
builder.py turns the ``(Target, text)`` pairs into records. Kept apart from the builder so
the readers and the window can name fields without the whole record-building machinery."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from colearn_desktop.core.contact_fields import FIELDS, ContactField, Kind


class Field(StrEnum):
    GIVEN = "given_name"
    MIDDLE = "middle_name"
    FAMILY = "family_name"
    NAME = "name"
    COMPANY = "company"
    DEPARTMENT = "department"
    JOB_TITLE = "job_title"
    EMAIL = "email"
    EMAIL_LABEL = "email_label"
    PHONE = "phone"
    PHONE_LABEL = "phone_label"
    ADDRESS = "address"
    ADDRESS_LABEL = "address_label"
    STREET = "street"
    PO_BOX = "po_box"
    CITY = "city"
    REGION = "region"
    POSTCODE = "postcode"
    COUNTRY = "country"
    WEBSITE = "website"
    WEBSITE_LABEL = "website_label"
    BIRTHDAY = "birthday"
    BIRTH_YEAR = "birth_year"
    BIRTH_MONTH = "birth_month"
    BIRTH_DAY = "birth_day"
    NOTES = "notes"
    NOTE_LINE = "note_line"  # kept in the notes as "label: value"
    TAGS = "tags"
    STAGE = "stage"
    CADENCE = "cadence_days"
    HOW_MET = "how_met"
    REFERRED_BY = "referred_by"
    CONNECTED_ON = "connected_on"  # LinkedIn
    UID = "uid"  # our stable id of the contact (CoLearn ID, vCard UID)
    REFERRED_BY_UID = "referred_by_uid"  # the referrer's stable id (our exports write it)
    IGNORE = "ignore"


# The vCard property our exports name the referrer's stable id in (next to the name in
# X-COLEARN-REFERRED-BY): vCard 3.0 has no RELATED, and RELATED's types say nothing of referrals.
REFERRER_UID_PROPERTY = "X-COLEARN-REFERRED-BY-UID"


def field_of(key: str) -> Field | str:
    """The importer's own member for a field name, else the name itself (a field
    of the contact field list that needs no code of its own here)."""
    return Field(key) if key in Field._value2member_map_ else key


def field_for(field: ContactField) -> Field | str:
    """Where a reader puts a value of ``field`` of the contact field list: its importer name
    (:func:`field_of`); who referred them is read as a name, matched to a contact later."""
    return Field.REFERRED_BY if field.kind is Kind.REFERRER else field_of(field.key)


def mappable_fields() -> list[tuple[str, ContactField]]:
    """What a column can be said to hold besides "ignore" (the column-mapping screen and
    ``--map`` share this list): every field of the contact field list, by its importer name,
    so a field added to the list can be mapped without a line here."""
    return [(str(field_for(field)), field) for field in FIELDS]


def mapping_names() -> list[str]:
    """The names ``--map COLUMN=FIELD`` offers (and a wrong one's message lists)."""
    return [Field.IGNORE.value, *(name for name, _ in mappable_fields())]


@dataclass(frozen=True)
class Target:
    field: Field | str  # a Field, or the ``key`` of a field of the contact field list
    group: str = ""  # pairs "E-mail 1 - Type" with "E-mail 1 - Value"; address parts
    label: str = ""  # a fixed label ("Mobile Phone" -> "mobile")


Cells = list[tuple[Target, str]]
