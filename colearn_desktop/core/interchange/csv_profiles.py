"""Which column of a contacts CSV holds what, for each program that writes one.

Columns are always found by *name*, never by position, so a file with columns reordered,
added or removed still reads right.  Outlook writes its header in the language of its user
interface; its German, French, Spanish, Italian, Dutch and Japanese names of the columns that
matter are mapped to the English ones (readers/outlook_headers.py).  Google numbers its repeated
columns ("E-mail 2 - Value" with "E-mail 2 - Type"); the number becomes the group that
pairs a value with its label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from colearn_desktop.core.contact_fields import (
    FIELDS,
    LABELLED_FIELDS,
    TEXT_FIELDS,
    ContactField,
)
from colearn_desktop.core.interchange.readers.outlook_headers import DAY_FIRST, LANGUAGES
from colearn_desktop.core.interchange.targets import (
    Field,
    Target,
    field_for,
    field_of,
    mapping_names,
)

F = Field


def _key(header: str) -> str:
    """A header as compared: spaces collapsed, case folded ("Straße" and "STRASSE" alike: the
    tables are folded the same way), composed (a Mac's "ü" in two code points is one)."""
    text = unicodedata.normalize("NFC", header.strip().strip("\ufeff"))
    return re.sub(r"\s+", " ", text).casefold()


def _target(field: ContactField) -> Target:
    return Target(field_for(field))


def _listed(program: str) -> dict[str, Target]:
    """The columns the contact field list names for ``program`` (``<program>_csv``, or
    ``synonyms`` for a hand-made CSV), by their compared form."""
    attribute = "synonyms" if program == "generic" else f"{program}_csv"
    # Google's and Outlook's names of a labelled list are numbered columns, read below.
    fields = TEXT_FIELDS if program in {"google", "outlook"} else FIELDS
    return {_key(header): _target(f) for f in fields for header in getattr(f, attribute)}


# -- our own CSV (the export writes exactly these) -------------------------------------------
# Our CSV's columns: every field of the list, the name shown after the names, and what the
# journal computes at the end (all read back as nothing: they are derived).
_DERIVED_AFTER_NAME = "Display name"
_COMPUTED = ("Last contact", "Next due", "Added", "Archived")
# The contact's stable id, last: an import of the file finds the contact by it first.
UID_COLUMN = "CoLearn ID"
# The referrer's stable id, after it: "Referred by" is a name, and two people may share it.
REFERRER_UID_COLUMN = "Referred by CoLearn ID"


def _ours_columns() -> dict[str, Target]:
    columns: dict[str, Target] = {}
    for field in FIELDS:
        columns[field.ours_csv] = _target(field)
        if field.name == "name":
            columns[_DERIVED_AFTER_NAME] = Target(F.IGNORE)
    columns.update(dict.fromkeys(_COMPUTED, Target(F.IGNORE)))
    columns[UID_COLUMN] = Target(F.UID)
    columns[REFERRER_UID_COLUMN] = Target(F.REFERRED_BY_UID)
    return columns


_OURS_COLUMNS = _ours_columns()
OURS_HEADER = tuple(_OURS_COLUMNS)
_OURS = {_key(name): target for name, target in _OURS_COLUMNS.items()}


# -- Outlook (desktop, Outlook.com), Thunderbird, LinkedIn: plain names ------------------------
def _address_columns(prefix: str, group: str, *, suffix: bool = False) -> dict[str, Target]:
    def name(part: str) -> str:
        return f"{part} {prefix}" if suffix else f"{prefix} {part}"

    return {
        name("street"): Target(F.STREET, group, group),
        name("street 2"): Target(F.STREET, group, group),
        name("street 3"): Target(F.STREET, group, group),
        name("city"): Target(F.CITY, group, group),
        name("state"): Target(F.REGION, group, group),
        name("postal code"): Target(F.POSTCODE, group, group),
        name("country/region"): Target(F.COUNTRY, group, group),
        name("country"): Target(F.COUNTRY, group, group),
    }


_OUTLOOK: dict[str, Target] = {
    **_listed("outlook"),
    "first name": Target(F.GIVEN),
    "middle name": Target(F.MIDDLE),
    "last name": Target(F.FAMILY),
    "department": Target(F.DEPARTMENT),
    "e-mail address": Target(F.EMAIL, "e1"),
    "e-mail 2 address": Target(F.EMAIL, "e2"),
    "e-mail 3 address": Target(F.EMAIL, "e3"),
    "business phone": Target(F.PHONE, label="work"),
    "business phone 2": Target(F.PHONE, label="work"),
    "company main phone": Target(F.PHONE, label="company"),
    "home phone": Target(F.PHONE, label="home"),
    "home phone 2": Target(F.PHONE, label="home"),
    "mobile phone": Target(F.PHONE, label="mobile"),
    "other phone": Target(F.PHONE, label="other"),
    "primary phone": Target(F.PHONE, label="main"),
    "car phone": Target(F.PHONE, label="car"),
    "pager": Target(F.PHONE, label="pager"),
    "business fax": Target(F.PHONE, label="work fax"),
    "home fax": Target(F.PHONE, label="home fax"),
    "other fax": Target(F.PHONE, label="other fax"),
    "assistant's phone": Target(F.PHONE, label="assistant"),
    "callback": Target(F.PHONE, label="callback"),
    "radio phone": Target(F.PHONE, label="radio"),
    "isdn": Target(F.PHONE, label="isdn"),
    "personal web page": Target(F.WEBSITE, label="personal"),
    "birthday": Target(F.BIRTHDAY),
    "notes": Target(F.NOTES),
    "categories": Target(F.TAGS),
    "referred by": Target(F.REFERRED_BY),
    # Our Outlook export's own two columns at the end (Outlook ignores them).
    _key(UID_COLUMN): Target(F.UID),
    _key(REFERRER_UID_COLUMN): Target(F.REFERRED_BY_UID),
    "nickname": Target(F.NOTE_LINE, label="Nickname"),
    "spouse": Target(F.NOTE_LINE, label="Spouse"),
    "manager's name": Target(F.NOTE_LINE, label="Manager"),
    "assistant's name": Target(F.NOTE_LINE, label="Assistant"),
    "business address po box": Target(F.PO_BOX, "work", "work"),
    "home address po box": Target(F.PO_BOX, "home", "home"),
    **_address_columns("business", "work"),
    **_address_columns("home", "home"),
    **_address_columns("other", "other"),
}

# Outlook in another language: the same columns, translated (readers/outlook_headers.py).
_LOCALISED = {_key(name): english for language in LANGUAGES for name, english in language.items()}
_DAY_FIRST_HEADERS = {_key(name) for language in DAY_FIRST for name in language}


def day_first_header(header: list[str]) -> bool:
    """Does the header speak a language that writes dates day first (a German, French,
    Spanish, Italian or Dutch Outlook)?  Outlook writes its dates as its language does."""
    return sum(_key(name) in _DAY_FIRST_HEADERS for name in header) >= 3


# Besides the columns the field list names (``thunderbird_csv``): labels, parts, the notes.
_THUNDERBIRD: dict[str, Target] = {
    **_listed("thunderbird"),
    "nickname": Target(F.NOTE_LINE, label="Nickname"),
    "screen name": Target(F.NOTE_LINE, label="Screen name"),
    "work phone": Target(F.PHONE, label="work"),
    "home phone": Target(F.PHONE, label="home"),
    "fax number": Target(F.PHONE, label="fax"),
    "pager number": Target(F.PHONE, label="pager"),
    "mobile number": Target(F.PHONE, label="mobile"),
    "home address": Target(F.STREET, "home", "home"),
    "home address 2": Target(F.STREET, "home", "home"),
    "home city": Target(F.CITY, "home", "home"),
    "home state": Target(F.REGION, "home", "home"),
    "home zipcode": Target(F.POSTCODE, "home", "home"),
    "home country": Target(F.COUNTRY, "home", "home"),
    "work address": Target(F.STREET, "work", "work"),
    "work address 2": Target(F.STREET, "work", "work"),
    "work city": Target(F.CITY, "work", "work"),
    "work state": Target(F.REGION, "work", "work"),
    "work zipcode": Target(F.POSTCODE, "work", "work"),
    "work country": Target(F.COUNTRY, "work", "work"),
    "department": Target(F.DEPARTMENT),
    "birth year": Target(F.BIRTH_YEAR),
    "birth month": Target(F.BIRTH_MONTH),
    "birth day": Target(F.BIRTH_DAY),
    "custom 1": Target(F.NOTE_LINE, label="Custom 1"),
    "custom 2": Target(F.NOTE_LINE, label="Custom 2"),
    "custom 3": Target(F.NOTE_LINE, label="Custom 3"),
    "custom 4": Target(F.NOTE_LINE, label="Custom 4"),
}

# Besides the columns the field list names (``linkedin_csv``): the profile's own address.
_LINKEDIN: dict[str, Target] = {
    **_listed("linkedin"),
    "url": Target(F.WEBSITE, label="linkedin"),
    "connected on": Target(F.CONNECTED_ON),
}

# Words a hand-made CSV uses for its columns (the guess behind the column-mapping screen).
_SYNONYMS: dict[str, Target] = _listed("generic")


def _google(header: str) -> Target | None:
    key = _key(header)
    numbered = re.fullmatch(
        r"(e-mail|phone|address|website|organization|relation) (\d+) - (.+)", key
    )
    simple = {
        **_listed("google"),
        "name": Target(F.NAME),
        "given name": Target(F.GIVEN),
        "first name": Target(F.GIVEN),
        "additional name": Target(F.MIDDLE),
        "middle name": Target(F.MIDDLE),
        "family name": Target(F.FAMILY),
        "last name": Target(F.FAMILY),
        "nickname": Target(F.NOTE_LINE, label="Nickname"),
        "file as": Target(F.NAME),
        "birthday": Target(F.BIRTHDAY),
        "notes": Target(F.NOTES),
        "group membership": Target(F.TAGS),
        "labels": Target(F.TAGS),
        "organization department": Target(F.DEPARTMENT),
    }
    if not numbered:
        return simple.get(key)
    kind, number, part = numbered.groups()
    group = f"{kind}{number}"
    label_part = part in {"type", "label"}
    if kind == "e-mail":
        return Target(F.EMAIL_LABEL if label_part else F.EMAIL, group) if part != "yomi" else None
    if kind == "phone":
        return Target(F.PHONE_LABEL if label_part else F.PHONE, group)
    if kind == "website":
        return Target(F.WEBSITE_LABEL if label_part else F.WEBSITE, group)
    if kind == "relation":
        return None if label_part else Target(F.NOTE_LINE, label="Relation")
    if kind == "organization":
        return {
            "name": Target(F.COMPANY),
            "title": Target(F.JOB_TITLE),
            "department": Target(F.DEPARTMENT),
        }.get(part)
    parts = {
        "type": F.ADDRESS_LABEL,
        "label": F.ADDRESS_LABEL,
        "formatted": F.ADDRESS,
        "street": F.STREET,
        "city": F.CITY,
        "po box": F.PO_BOX,
        "extended address": F.STREET,
        "region": F.REGION,
        "postal code": F.POSTCODE,
        "country": F.COUNTRY,
    }
    return Target(parts[part], group) if part in parts else None


def _outlook(header: str) -> Target | None:
    key = _key(header)
    return _OUTLOOK.get(_LOCALISED.get(key, key))


@dataclass(frozen=True)
class Profile:
    key: str  # the --format name
    title: str  # what the preview says
    strict: bool = False

    def targets(self, header: list[str]) -> list[Target]:
        lookup = _LOOKUPS[self.key]
        return [lookup(name) or Target(F.IGNORE) for name in header]


_LOOKUPS: dict[str, Callable[[str], Target | None]] = {
    "csv": lambda h: _OURS.get(_key(h)),
    "google-csv": _google,
    "outlook-csv": _outlook,
    "thunderbird-csv": lambda h: _THUNDERBIRD.get(_key(h)),
    "linkedin-csv": lambda h: _LINKEDIN.get(_key(h)),
    "generic-csv": lambda h: _SYNONYMS.get(_key(h)),
}

OURS = Profile("csv", "CoLearn CSV", strict=True)
GOOGLE = Profile("google-csv", "Google Contacts CSV")
OUTLOOK = Profile("outlook-csv", "Outlook CSV")
OUTLOOK_COM = Profile("outlook-csv", "Outlook.com CSV")
THUNDERBIRD = Profile("thunderbird-csv", "Thunderbird CSV")
LINKEDIN = Profile("linkedin-csv", "LinkedIn connections")
GENERIC = Profile("generic-csv", "CSV (columns chosen by you)")
PROFILES = {p.key: p for p in (OURS, GOOGLE, OUTLOOK, THUNDERBIRD, LINKEDIN, GENERIC)}


def recognise(header: list[str]) -> Profile | None:
    """The program that wrote this header, or ``None``."""
    keys = {_key(h) for h in header}
    if {"given name", "family name", "name", "stage"} <= keys:
        return OURS
    if {"first name", "last name", "connected on"} <= keys:
        return LINKEDIN
    if {"primary email", "display name"} <= keys:
        return THUNDERBIRD
    google = sum(1 for h in header if _google(h) is not None and " - " in h)
    if google >= 2 and ({"given name", "first name"} & keys or "name" in keys):
        return GOOGLE
    outlook = sum(1 for h in header if _outlook(h) is not None)
    if outlook >= 4:
        return OUTLOOK_COM if {"given yomi", "surname yomi"} & keys else OUTLOOK
    return None


def _ours(header: str) -> Target | None:
    """A column of our own export, in a CSV that is not all ours (edited in a spreadsheet):
    "E-mails" and "Phones" must not be lost, or people of the same name would be merged."""
    target = _OURS.get(_key(header))
    return target if target is not None and target.field is not F.IGNORE else None


def guess_targets(header: list[str]) -> list[Target]:
    """A first guess for a CSV no program is known for; the user confirms or changes it."""
    return [
        _SYNONYMS.get(_key(h)) or _ours(h) or _outlook(h) or _google(h) or Target(F.IGNORE)
        for h in header
    ]


def parse_mapping(text: str, header: list[str]) -> list[Target]:
    """``--map "Vorname=given_name,Mail=email"``: columns by header name (or 1-based number).
    Columns not named are ignored.  Raises ValueError with a message for the user."""
    chosen: dict[int, Target] = {}
    valid = {f.key: field_of(f.key) for f in (*TEXT_FIELDS, *LABELLED_FIELDS)}
    valid.update({f.value: f for f in Field})
    keys = [_key(h) for h in header]
    for item in filter(None, (part.strip() for part in text.split(","))):
        column, sep, field = item.rpartition("=")
        if not sep:
            raise ValueError(f"{item!r} should look like COLUMN=FIELD")
        field = field.strip().casefold()
        if field not in valid:
            offered = ", ".join(mapping_names())
            raise ValueError(f"{field!r} is not a field; use one of: {offered}")
        column = column.strip()
        if column.isdigit() and 1 <= int(column) <= len(header):
            index = int(column) - 1
        elif _key(column) in keys:
            index = keys.index(_key(column))
        else:
            raise ValueError(f"there is no column {column!r} in the file's first row")
        chosen[index] = Target(valid[field])
    return [chosen.get(i, Target(F.IGNORE)) for i in range(len(header))]
