"""Which value of each field a merged contact keeps.

A contact's fields come in three shapes, each merged its own way:

- a *single* field (name, company, stage, cadence, birthday, how we met, referred by ...)
  holds one value: one contact's value wins.  By default the kept contact's, or the first
  other's when the kept one has none; the user may pick any contact's.
- a *list* (e-mails, phones, links, tags) is united: the kept contact's first, then each
  other's that is not already there.  Phones are compared as E.164 numbers in the journal's
  region (``duplicates.keys.phone_e164``), so "07700 900123" and "+44 7700 900123" are one.
- the *notes* are joined: the kept contact's, then each other's under a line naming them.
  A single value that lost (a birthday that disagrees, another company) is written there
  too, so nothing the user typed disappears with the merged contact.

The single fields are read from the contact field list (``core/contact_fields.py``): a field
added there is merged without a change here.  The name's parts travel together as one
field, "name": a merged contact never gets one contact's given name and another's family name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from colearn_desktop.core.contact_fields import (
    FIELDS,
    LABELLED_FIELDS,
    Birthday,
    ContactField,
    ContactInput,
    Kind,
    Labelled,
    children,
)
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.people.duplicates.keys import phone_e164
from colearn_desktop.core.people.tags import normalise_tag_names
from colearn_desktop.core.text import display_name, phone_key

NAME_PARTS = ("given_name", "family_name", "name", "name_prefix", "name_suffix")
# Fields whose losing value is not worth a line in the notes: the name is on the heading
# line already, and stage, cadence and referrer are the journal's bookkeeping.
_NOT_NOTED = frozenset({"name", "stage", "cadence", "referred_by"})


@dataclass(frozen=True)
class MergeField:
    """One single field as a merge offers it: ``key`` is what ``--prefer`` names it by,
    ``label`` what a screen calls it (English, with its access key), ``parts`` the
    :class:`ContactInput` attributes it carries."""

    key: str
    label: str
    parts: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.label.replace("&", "")

    def value(self, data: ContactInput) -> tuple[object, ...]:
        return tuple(getattr(data, part) for part in self.parts)

    def is_empty(self, data: ContactInput) -> bool:
        return all(v in ("", None, ()) for v in self.value(data))


def _key(field: ContactField) -> str:
    return field.name.removesuffix("_days").removesuffix("_id")


def _single_fields() -> tuple[MergeField, ...]:
    found = [MergeField("name", "&Name", NAME_PARTS)]
    for field in FIELDS:
        if field.name in NAME_PARTS or field.name == "notes":
            continue
        if field.kind in (Kind.LABELLED, Kind.TAGS):
            continue
        found.append(MergeField(_key(field), field.label, (field.name,)))
    return tuple(found)


SINGLE_FIELDS: tuple[MergeField, ...] = _single_fields()
BY_KEY: dict[str, MergeField] = {field.key: field for field in SINGLE_FIELDS}


def shown_value(field: MergeField, data: ContactInput, names: dict[int, str]) -> str:
    """The field's value as one line of text (``names``: contact names, for "referred by")."""
    if field.key == "name":
        return display_name(data.given_name, data.family_name, data.name)
    (value,) = field.value(data)
    if value is None or value == "":
        return ""
    if isinstance(value, Birthday):
        return value.as_text()
    if field.key == "stage":
        return Stage(str(value)).value
    if field.key == "cadence":
        return f"every {value} days"
    if field.key == "referred_by" and isinstance(value, int):
        return names.get(value, f"#{value}")
    return str(value).replace("\n", ", ")


def default_winner(field: MergeField, contacts: Sequence[tuple[int, ContactInput]]) -> int:
    """The kept contact (first) unless its value is empty and another's is not."""
    for contact_id, data in contacts:
        if not field.is_empty(data):
            return contact_id
    return contacts[0][0]


def _phone_key(region: str) -> Callable[[str], str]:
    return lambda number: phone_e164(phone_key(number), region)


def unite_labelled(
    field: ContactField, lists: Sequence[tuple[Labelled, ...]], region: str
) -> tuple[Labelled, ...]:
    """Every value of ``lists`` once, in order (phones once per E.164 number)."""
    child = children(field)
    key = _phone_key(region) if child.table == "contact_phone" else child.key
    seen: set[str] = set()
    united: list[Labelled] = []
    for items in lists:
        for item in items:
            if key(item.value) not in seen:
                seen.add(key(item.value))
                united.append(item)
    return tuple(united)


def unite_lists(datas: Sequence[ContactInput], region: str) -> dict[str, object]:
    """The united e-mails, phones, links and tags, by :class:`ContactInput` attribute."""
    united: dict[str, object] = {
        field.name: unite_labelled(field, [getattr(d, field.name) for d in datas], region)
        for field in LABELLED_FIELDS
    }
    united["tags"] = normalise_tag_names(tag for data in datas for tag in data.tags)
    return united


def join_notes(kept: str, sections: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """The kept contact's notes, then per section (heading, notes, lost values) its heading
    line ("From Freja D. (merged 2026-12-04):") and what it holds, when it holds anything."""
    parts = [kept] if kept else []
    for heading, notes, lost in sections:
        body = [line for line in (notes, *lost) if line]
        if body:
            parts.append("\n".join([heading, *body]))
    return "\n\n".join(parts)


def lost_lines(chosen: ContactInput, other: ContactInput, names: dict[int, str]) -> list[str]:
    """The other's single values the merged contact does not keep, as "Company: Nordlys"."""
    lines = []
    for field in SINGLE_FIELDS:
        if field.key in _NOT_NOTED or field.is_empty(other):
            continue
        if field.value(other) != field.value(chosen):
            lines.append(f"{field.title}: {shown_value(field, other, names)}")
    return lines
