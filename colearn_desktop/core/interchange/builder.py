"""From "this value belongs to that field" pairs to an :class:`ImportRecord`.

Every reader (each CSV dialect, vCard) only says where each value goes: a list of
``(Target, text)``.  This module does the rest the same way for all of them: name rules,
labels paired with their values, addresses assembled from parts, birthdays parsed, invalid
e-mail addresses and anything without a home in the journal kept in the notes (with a warning
saying so), and finally the contact service's own normalisation and validation.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from colearn_desktop.core.contact_fields import (
    ADDRESS_PARTS,
    LABELLED_FIELDS,
    TEXT_FIELDS,
    Birthday,
    ContactField,
    ContactInput,
    Labelled,
    children,
    contact_input,
)
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.interchange.readers.noted_values import take_noted_values
from colearn_desktop.core.interchange.record import ImportRecord, Photo
from colearn_desktop.core.interchange.targets import Cells, Field, Target
from colearn_desktop.core.interchange.values import (
    DateOrder,
    clean_label,
    is_no_date,
    parse_birthday,
    parse_int,
    parse_labelled,
    split_multi,
    split_tags,
)
from colearn_desktop.core.people.contacts import EARLIEST_BIRTH_YEAR, _normalise, validate_contact
from colearn_desktop.core.postal_address import PostalAddress, format_address
from colearn_desktop.core.text import clean, display_name

_PART_ORDER = (Field.STREET, Field.PO_BOX, Field.CITY, Field.REGION, Field.POSTCODE, Field.COUNTRY)


class _Row:
    def __init__(self, cells: Cells):
        self.by_field: dict[Field | str, list[tuple[Target, str]]] = defaultdict(list)
        for target, raw in cells:
            value = raw.strip()
            if value and target.field is not Field.IGNORE:
                self.by_field[target.field].append((target, value))

    def first(self, field: Field | str) -> str:
        values = self.by_field.get(field)
        return values[0][1] if values else ""

    def all(self, field: Field | str) -> list[tuple[Target, str]]:
        return self.by_field.get(field, [])

    def group_labels(self, field: Field | str) -> dict[str, str]:
        return {t.group: clean_label(v) for t, v in self.all(field)}


def _labelled(row: _Row, field: Field | str, label_field: Field | str) -> list[Labelled]:
    labels = row.group_labels(label_field)
    found = []
    for target, cell in row.all(field):
        for item in split_multi(cell):
            parsed = parse_labelled(item)
            label = parsed.label or target.label or labels.get(target.group, "")
            found.append(Labelled(parsed.value, label))
    return found


def _addresses(row: _Row) -> list[PostalAddress]:
    """The row's addresses, in file order.  Parts win over a one-block address (Google's
    "Formatted" cell repeats them, without the postal code's place); a block alone is the
    street lines, and so is our own "Address" column beside the other parts."""
    labels = row.group_labels(Field.ADDRESS_LABEL)
    by_group: dict[str, dict[Field, str]] = defaultdict(dict)
    fixed_labels: dict[str, str] = {}
    for field in (Field.ADDRESS, *_PART_ORDER):
        for target, value in row.all(field):
            key = target.group or target.label
            fixed_labels.setdefault(key, target.label)
            current = by_group[key]
            if field in (Field.STREET, Field.PO_BOX) and Field.STREET in current:
                current[Field.STREET] += "\n" + value  # "Street 2", "Street 3", the PO box
            else:
                current.setdefault(Field.STREET if field is Field.PO_BOX else field, value)
    result = []
    for key, parts in by_group.items():
        block = parts.get(Field.ADDRESS, "")
        street = parts.get(Field.STREET, "") or block
        label = labels.get(key, "") or fixed_labels.get(key, "")
        address = PostalAddress(
            street,
            parts.get(Field.CITY, ""),
            parts.get(Field.REGION, ""),
            parts.get(Field.POSTCODE, ""),
            parts.get(Field.COUNTRY, ""),
            clean_label(label),
        )
        if not address.empty:
            result.append(address)
    return result


def _first_address(row: _Row, record: ImportRecord, notes: list[str]) -> PostalAddress:
    """The journal keeps one address per contact: the first; any other is kept in the notes,
    and the import's report says so."""
    found = _addresses(row)
    for other in found[1:]:
        label = f" ({other.label})" if other.label else ""
        one_line = format_address(other, sep=", ")
        notes.append(f"Address{label}: {one_line}")
        record.warn(
            "address",
            f"a contact has one address of its own; the address{label} {one_line!r} "
            "was kept in the notes",
        )
    return found[0] if found else PostalAddress()


# Text fields with rules of their own above; every other one is read as it is.
_OWN_CODE = {"given_name", "family_name", "name", "website", "how_met", "notes", *ADDRESS_PARTS}


def _plausible(
    record: ImportRecord,
    field: ContactField,
    values: list[Labelled],
    extra: list[str],
    *,
    word: str = "",
) -> list[Labelled]:
    """The values that read as what the list holds (e-mail addresses, phone numbers, links);
    any other is kept in the notes, with a warning saying so."""
    child = children(field)
    kept = []
    for item in values:
        if child.plausible(item.value):
            kept.append(item)
            continue
        record.warn(field.key, f"{item.value!r} {child.import_problem}; kept in the notes")
        label = f" ({item.label})" if word and item.label else ""
        extra.append(f"{word or child.note_word}{label}: {item.value}")
    return kept


def _new_values(have: list[Labelled], more: list[Labelled]) -> list[Labelled]:
    seen = {item.value.casefold() for item in have}
    return [item for item in more if item.value.casefold() not in seen]


def _birthday(
    row: _Row, record: ImportRecord, notes: list[str], order: DateOrder | None
) -> Birthday | None:
    text = row.first(Field.BIRTHDAY)
    if is_no_date(text):  # Outlook's "no birthday": nothing to keep, nothing to say
        return None
    if text:
        birthday = parse_birthday(text, order)
        if birthday is None:
            record.warn("birthday", f"{text!r} is not a date we can read; kept in the notes")
            notes.append(f"Birthday: {text}")
        return birthday
    month = parse_int(row.first(Field.BIRTH_MONTH))
    day = parse_int(row.first(Field.BIRTH_DAY))
    if month and day:
        return parse_birthday(f"{parse_int(row.first(Field.BIRTH_YEAR)) or 0:04d}-{month}-{day}")
    return None


def _names(
    row: _Row, record: ImportRecord, emails: list[Labelled], phones: list[Labelled]
) -> tuple[str, str, str]:
    given = " ".join(v for v in (row.first(Field.GIVEN), row.first(Field.MIDDLE)) if v)
    family = row.first(Field.FAMILY)
    formatted = clean(row.first(Field.NAME))
    built = display_name(clean(given), clean(family), "")
    name = formatted if formatted and formatted != built else ""
    if not (given or family or name):
        company = row.first(Field.COMPANY)
        stand_in = (
            company or (emails[0].value if emails else "") or (phones[0].value if phones else "")
        )
        if stand_in:
            name = stand_in
            what = "company" if company else "e-mail address" if emails else "phone number"
            record.warn("name", f"no name given; the {what} is used as the name")
    return given, family, name


def build_record(
    number: int,
    cells: Cells,
    today: date,
    photo: Photo | None = None,
    *,
    strict: bool = False,
    noted: bool = False,
    order: DateOrder | None = None,
) -> ImportRecord:
    """``strict`` is for our own formats, where an unknown stage or cadence is an error
    rather than something to keep in the notes.  ``noted`` reads back the values our Outlook
    export writes at the end of the notes (see ``noted_values.py``).  ``order``: whether the
    file writes dates day or month first (``date_order.py``)."""
    row = _Row(cells)
    record = ImportRecord(number, ContactInput(), photo)
    extra: list[str] = []
    lists = {
        f.name: _plausible(record, f, _labelled(row, f.key, f"{f.key}_label"), extra)
        for f in LABELLED_FIELDS
    }
    websites = _labelled(row, Field.WEBSITE, Field.WEBSITE_LABEL)
    # One website has a field of its own; the list the field list names takes the others.
    overflow = next((f for f in LABELLED_FIELDS if f.overflow_of == Field.WEBSITE), None)
    if overflow is not None:
        more = _plausible(record, overflow, websites[1:], extra, word="Website")
        lists[overflow.name].extend(_new_values(lists[overflow.name], more))
    else:
        for site in websites[1:]:
            extra.append(f"Website{f' ({site.label})' if site.label else ''}: {site.value}")
    address = _first_address(row, record, extra)
    birthday = _birthday(row, record, extra, order)
    department = row.first(Field.DEPARTMENT)
    if department:
        extra.append(f"Department: {department}")
    for target, value in row.all(Field.NOTE_LINE):
        extra.append(f"{target.label}: {value}" if target.label else value)
    how_met = row.first(Field.HOW_MET)
    connected = row.first(Field.CONNECTED_ON)
    if connected and not how_met:
        how_met = f"Connected on LinkedIn on {connected}"
    stage, cadence = _stage_and_cadence(row, record, extra, strict)
    notes = "\n\n".join(v for _, v in row.all(Field.NOTES))
    if noted:
        found = take_noted_values(notes, birthday_known=bool(row.first(Field.BIRTHDAY)))
        notes, birthday = found.notes, birthday or found.birthday
        for name, values in found.lists.items():
            lists[name].extend(_new_values(lists[name], values))
    if extra:
        notes = "\n".join(filter(None, [notes, "", *extra])) if notes else "\n".join(extra)
    tags: list[str] = []
    for _, cell in row.all(Field.TAGS):
        tags.extend(split_tags(cell))
    given, family, name = _names(row, record, lists["emails"], lists["phones"])
    texts = {f.name: row.first(f.key) for f in TEXT_FIELDS if f.name not in _OWN_CODE}
    record.data = contact_input(
        texts,
        {name: tuple(values) for name, values in lists.items()},
        given_name=given,
        family_name=family,
        name=name,
        address=address.street,
        city=address.city,
        region=address.region,
        postal_code=address.postal_code,
        country=address.country,
        address_label=address.label,
        website=websites[0].value if websites else "",
        birthday=birthday,
        stage=stage,
        cadence_days=cadence,
        how_met=how_met,
        notes=notes,
        tags=tuple(tag.replace(",", " ").replace(";", " ") for tag in tags),
    )
    record.referred_by = clean(row.first(Field.REFERRED_BY))
    record.uid = row.first(Field.UID).strip()
    record.referred_by_uid = row.first(Field.REFERRED_BY_UID).strip()
    if not (given or family or name):
        _reject(record, row, cells)
        return record
    finish(record, today)
    return record


def _reject(record: ImportRecord, row: _Row, cells: Cells) -> None:
    """A row without anything to call the contact by: empty, or skipped with a reason that
    names what it holds (the report counts it, and says why it was not imported)."""
    if not any(value.strip() for _, value in cells):
        record.empty = True
        return
    held = sorted({str(field).replace("_", " ") for field in row.by_field})
    holds = f"it holds {', '.join(held)}" if held else "it holds only columns not imported"
    record.rejected = f"no name, e-mail, phone or company, so it was not imported ({holds})"
    record.warn("name", record.rejected)


def _stage_and_cadence(
    row: _Row, record: ImportRecord, extra: list[str], strict: bool
) -> tuple[Stage, int | None]:
    stage = Stage.NETWORK
    text = row.first(Field.STAGE)
    if text:
        try:
            stage = Stage(text.strip().casefold())
        except ValueError:
            allowed = ", ".join(s.value for s in Stage)
            if strict:
                record.error("stage", f"{text!r} is not one of: {allowed}")
            else:
                record.warn("stage", f"{text!r} is not one of: {allowed}; kept in the notes")
                extra.append(f"Stage: {text}")
    cadence = None
    text = row.first(Field.CADENCE)
    if text:
        cadence = parse_int(text)
        if cadence is None:
            if strict:
                record.error("cadence_days", f"{text!r} is not a number of days")
            else:
                record.warn("cadence_days", f"{text!r} is not a number of days; kept in the notes")
                extra.append(f"Keep in touch: {text}")
    return stage, cadence


def finish(record: ImportRecord, today: date) -> None:
    """Normalise like the contact service does and validate; problems go on the record.
    A birthday year nobody can have (before 1900, in the future) is dropped with a warning:
    the day and month are still worth a reminder."""
    record.remove_unwanted_characters()
    data = _normalise(record.data)
    born = data.birthday
    if born is not None and born.year is not None:
        try:
            real = date(born.year, born.month, born.day)
        except ValueError:
            real = None
        if real is not None and (born.year < EARLIEST_BIRTH_YEAR or real > today):
            record.warn("birthday", f"the year {born.year} is not plausible; it was dropped")
            data = data.with_changes(birthday=Birthday(born.month, born.day))
    record.data = data
    try:
        validate_contact(data, today)
    except ValidationError as error:
        for problem in error.problems:
            record.error(problem.field, problem.message)
