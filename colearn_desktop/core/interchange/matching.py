"""Is this person already in the journal (or earlier in the same file)?

Matched in the order the issue asks: the contact's stable id when the file carries one (our
exports do: a contact renamed since is still the same contact, and the id of a contact merged
into another leads to the kept one), then case-folded e-mail address, then normalised phone
number (at least six digits, so "123" matches nobody), then the folded name.  Lookups go to SQL a
chunk of records at a time through the indexed key columns, so matching 100,000 rows against
a 100,000-contact journal is a few hundred indexed queries, not a Python loop over the journal.

A match is only a *merge* when it would add something; a row that adds nothing new (the same
file imported twice) is planned as *skip* — which is how a second import adds nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import partial

from colearn_desktop.core.contact_fields import (
    ADDRESS_PARTS,
    FILLABLE,
    LABELLED_FIELDS,
    ContactInput,
    Labelled,
    children,
)
from colearn_desktop.core.interchange.record import ImportRecord
from colearn_desktop.core.interchange.scratch import Scratch
from colearn_desktop.core.people.contact_ids import parse_uid
from colearn_desktop.core.people.duplicates.keys import family_comma_given, phone_e164
from colearn_desktop.core.text import display_name, email_key, fold, phone_key

MIN_PHONE_DIGITS = 6
# Fields a merge may fill when the contact has them empty come from the contact field list
# ("name" never: it would change the name the user sees for the contact); notes are long.
FILLABLE_LONG = ("notes",)


@dataclass
class Match:
    contact_id: int | None  # an existing contact
    row: int | None  # or an earlier row of the file
    name: str
    reason: str  # "same e-mail", "same phone", "same name"


@dataclass
class TargetState:
    """What an existing contact holds, as far as a merge needs to know."""

    id: int
    columns: dict[str, object]
    # The keys of the values of each labelled list ("emails", "phones", "links").
    list_keys: dict[str, set[str]] = field(default_factory=dict)
    tag_keys: set[str] = field(default_factory=set)
    has_photo: bool = False


@dataclass
class Delta:
    fills: dict[str, object] = field(default_factory=dict)
    # New values per labelled list ("emails", "phones", "links").
    lists: dict[str, list[Labelled]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    photo: bool = False

    def __bool__(self) -> bool:
        return bool(self.fills or any(self.lists.values()) or self.tags or self.photo)

    def summary(self) -> str:
        parts = [name.replace("_", " ") for name in self.fills]
        for listed in LABELLED_FIELDS:
            if self.lists.get(listed.name):
                parts.append(f"{len(self.lists[listed.name])} {listed.title.casefold()}(s)")
        if self.tags:
            parts.append(f"{len(self.tags)} tag(s)")
        if self.photo:
            parts.append("photo")
        return "adds " + ", ".join(parts)


def record_keys(data: ContactInput, region: str = "") -> tuple[list[str], list[str], list[str]]:
    """The keys a row is matched by: e-mails, phones, and its name — the name only when the
    row has neither e-mail nor phone.  Two people of the same name with different addresses
    are two people (a journal of years has several "Ana García"); the preview still lets the
    user merge them by hand.  A phone is keyed as written (digits, as the journal stores it)
    and as E.164 in ``region``, so two rows of one file that write one number in national and
    international form ("020 7946 0958", "+44 20 7946 0958") meet on the second key."""
    emails = [email_key(e.value) for e in data.emails]
    phones: list[str] = []
    for written in (phone_key(p.value) for p in data.phones):
        if len(written.lstrip("+")) >= MIN_PHONE_DIGITS:
            for key in (written, phone_e164(written, region)):
                if key not in phones:
                    phones.append(key)
    return emails, phones, [] if emails or phones else _name_keys(data)


def _name_keys(data: ContactInput) -> list[str]:
    """The folded name the row shows, then its structured name when that reads otherwise: a
    vCard "FN:Zola-Durand, Émile" with "N:Zola-Durand;Émile" is the journal's "Émile
    Zola-Durand" (the name as sorted words would also join "Lee Kim" and "Kim Lee")."""
    shown = fold(display_name(data.given_name, data.family_name, data.name))
    structured = fold(display_name(data.given_name, data.family_name, ""))
    keys = [shown] if shown else []
    if data.name and data.given_name and data.family_name and structured != shown:
        keys.append(structured)
    swapped = family_comma_given(data.name) if not data.given_name else None
    if swapped and fold(swapped) not in keys:
        keys.append(fold(swapped))
    return keys


def phone_match_key(number: str, region: str) -> str:
    """A phone number as the merge compares it: E.164 in ``region`` when it reads as a number
    ("020 7946 0958" in GB and "+44 20 7946 0958" are one), else its digits."""
    return phone_e164(phone_key(number), region)


def _lookup(connection: sqlite3.Connection, sql: str, keys: set[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for key, contact_id, name in connection.execute(sql.format(marks=marks), chunk):
            found.setdefault(key, (contact_id, name))
    return found


_BY_EMAIL = (
    "SELECT e.address_key, c.id, c.display_name FROM contact_email e "
    "JOIN contact c ON c.id = e.contact_id WHERE e.address_key IN ({marks}) ORDER BY c.id"
)
_BY_PHONE = (
    "SELECT p.number_key, c.id, c.display_name FROM contact_phone p "
    "JOIN contact c ON c.id = p.contact_id WHERE p.number_key IN ({marks}) ORDER BY c.id"
)
_BY_UID = "SELECT uid, id, display_name FROM contact WHERE uid IN ({marks})"
_BY_ALIAS = (
    "SELECT a.uid, c.id, c.display_name FROM contact_alias a "
    "JOIN contact c ON c.id = a.contact_id WHERE a.uid IN ({marks})"
)
SAME_ID = "same CoLearn ID"


def uid_keys(record: ImportRecord) -> list[str]:
    """The record's stable id as stored, when it has one that is ours to match."""
    key = parse_uid(record.uid) if record.uid else None
    return [key] if key else []


_BY_NAME = (
    "SELECT sort_name, id, display_name FROM contact WHERE sort_name IN ({marks}) ORDER BY id"
)


def _first(keys: list[str], found: dict[str, tuple[int, str]], reason: str) -> Match | None:
    for key in keys:
        if key in found:
            contact_id, name = found[key]
            return Match(contact_id, None, name, reason)
    return None


_KINDS = ("email", "phone", "name")


class Matcher:
    """Matches records chunk by chunk; remembers the new rows of the file seen so far.

    The keys of the rows planned as new go to the plan's scratch database (a 100,000-row file
    would otherwise hold ~200,000 keys in memory); the rows of the chunk being planned stay in
    a small dictionary until the next chunk, and each chunk looks up the earlier rows' keys it
    needs in one query per kind."""

    def __init__(self, connection: sqlite3.Connection, scratch: Scratch, region: str = ""):
        self._connection = connection
        self._region = region  # where a phone number without a country code is from
        self._scratch = scratch
        with scratch.use() as db:
            db.execute(
                "CREATE TABLE file_key (kind TEXT, key TEXT, row INTEGER, name TEXT, "
                "PRIMARY KEY (kind, key)) WITHOUT ROWID"
            )
        empty: dict[str, dict[str, tuple[int, str]]] = {kind: {} for kind in _KINDS}
        self._found = empty  # in the journal, for the current chunk
        self._earlier: dict[str, dict[str, tuple[int, str]]] = {kind: {} for kind in _KINDS}
        # ^ rows of earlier chunks
        self._current: dict[str, dict[str, tuple[int, str]]] = {kind: {} for kind in _KINDS}

    def match(self, records: list[ImportRecord]) -> list[Match | None]:
        """Matches in the journal, for a chunk at once (rows of the file: :meth:`resolve`)."""
        self._keep_current()
        keys = [record_keys(r.data, self._region) for r in records]
        wanted = {
            "email": {k for e, _, _ in keys for k in e},
            "phone": {k for _, p, _ in keys for k in p},
            # Every row's name, also of rows matched otherwise: see :meth:`namesake`.
            "name": {key for r in records for key in _name_keys(r.data)},
        }
        emails = _lookup(self._connection, _BY_EMAIL, wanted["email"])
        phones = _lookup(self._connection, _BY_PHONE, wanted["phone"])
        names = _lookup(self._connection, _BY_NAME, wanted["name"])
        uids = {key for record in records for key in uid_keys(record)}
        # A contact's own id before an alias (an id is either, never both).
        by_uid = _lookup(self._connection, _BY_ALIAS, uids)
        by_uid.update(_lookup(self._connection, _BY_UID, uids))
        self._found = {"uid": by_uid, "email": emails, "phone": phones, "name": names}
        self._earlier = {kind: self._remembered(kind, wanted[kind]) for kind in _KINDS}
        return [
            _first(uid_keys(record), by_uid, SAME_ID)
            or _first(e, emails, "same e-mail")
            or _first(p, phones, "same phone")
            or _first(n, names, "same name")
            for record, (e, p, n) in zip(records, keys, strict=True)
        ]

    def _remembered(self, kind: str, keys: set[str]) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        ordered = sorted(keys)
        with self._scratch.use() as db:
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, row, name in db.execute(
                    f"SELECT key, row, name FROM file_key WHERE kind = ? AND key IN ({marks})",
                    (kind, *chunk),
                ):
                    found[key] = (row, name)
        return found

    def _keep_current(self) -> None:
        rows = [
            (kind, key, *value) for kind in _KINDS for key, value in self._current[kind].items()
        ]
        if rows:
            with self._scratch.use() as db:
                db.execute("BEGIN")
                db.executemany("INSERT OR IGNORE INTO file_key VALUES (?,?,?,?)", rows)
                db.execute("COMMIT")
        self._current = {kind: {} for kind in _KINDS}

    def resolve(self, record: ImportRecord) -> Match | None:
        """The match for ``record`` (of the last chunk given to :meth:`match`), in the order
        e-mail, phone, name; for each, the journal first, then earlier rows of the file.
        Call in file order: rows planned as new are remembered as they come."""
        by_uid = _first(uid_keys(record), self._found.get("uid", {}), SAME_ID)
        if by_uid is not None:
            return by_uid
        email_keys, phone_keys, name_keys = record_keys(record.data, self._region)
        for kind, keys, reason in (
            ("email", email_keys, "same e-mail"),
            ("phone", phone_keys, "same phone"),
            ("name", name_keys, "same name"),
        ):
            found = _first(keys, self._found[kind], reason)
            if found is not None:
                return found
            for key in keys:
                earlier = self._earlier[kind].get(key) or self._current[kind].get(key)
                if earlier is not None:
                    row, name = earlier
                    return Match(None, row, name, reason)
        return None

    def namesake(self, record: ImportRecord) -> Match | None:
        """For a row planned as new although someone of its name exists (in the journal or
        earlier in the file) with another e-mail or phone: that someone, so the preview can
        say "check it is not the same person" instead of merging two people on a name."""
        keys = _name_keys(record.data)
        found = _first(keys, self._found["name"], "same name")
        if found is not None:
            return found
        for key in keys:
            earlier = self._earlier["name"].get(key) or self._current["name"].get(key)
            if earlier is not None:
                return Match(None, earlier[0], earlier[1], "same name")
        return None

    def remember(self, record: ImportRecord, name: str) -> None:
        """A row planned as new: later rows with its e-mail, phone or name merge into it (by
        name only those without an e-mail or phone, as in the journal)."""
        email_keys, phone_keys, _ = record_keys(record.data, self._region)
        for kind, keys in (
            ("email", email_keys),
            ("phone", phone_keys),
            ("name", [fold(name), *_name_keys(record.data)]),
        ):
            for key in keys:
                if key and key not in self._earlier[kind]:
                    self._current[kind].setdefault(key, (record.number, name))


_STATE_COLUMNS = (*FILLABLE, *FILLABLE_LONG, "birthday_month", "cadence_days", "referred_by_id")


def load_states(connection: sqlite3.Connection, ids: set[int]) -> dict[int, TargetState]:
    states: dict[int, TargetState] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        columns = ", ".join(("id", "name", *_STATE_COLUMNS))
        for row in connection.execute(
            f"SELECT {columns} FROM contact WHERE id IN ({marks})", chunk
        ):
            states[row[0]] = TargetState(
                row[0], dict(zip(("name", *_STATE_COLUMNS), row[1:], strict=True))
            )
        for listed in LABELLED_FIELDS:
            child = children(listed)
            sql = (
                f"SELECT contact_id, {child.key_column} FROM {child.table} "
                f"WHERE contact_id IN ({marks})"
            )
            for contact_id, key in connection.execute(sql, chunk):
                states[contact_id].list_keys.setdefault(listed.name, set()).add(key)
        sql = (
            "SELECT ct.contact_id, t.name_key FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.contact_id IN ({marks})"
        )
        for contact_id, key in connection.execute(sql, chunk):
            states[contact_id].tag_keys.add(key)
        sql = f"SELECT contact_id FROM contact_photo WHERE contact_id IN ({marks})"
        for (contact_id,) in connection.execute(sql, chunk):
            states[contact_id].has_photo = True
    return states


def merge_delta(state: TargetState, record: ImportRecord, region: str = "") -> Delta:
    """What merging ``record`` into the contact would add: empty fields filled, new e-mails,
    phones and tags, a photo where there is none.  Never a change to a filled field.  Phone
    numbers are compared as E.164 in ``region`` (see :func:`phone_match_key`)."""
    data = record.data
    delta = Delta()
    # Given and family name stay as they are when the contact goes by a free-form name that
    # already reads like the incoming one (exports without a full-name column split it).
    same_name = fold(str(state.columns.get("name") or "")) == fold(
        display_name(data.given_name, data.family_name, data.name)
    )
    # The address is filled whole or not at all: a street of one place and a town of another
    # would be no address.
    has_address = any(state.columns.get(part) for part in ADDRESS_PARTS)
    for column in (*FILLABLE, *FILLABLE_LONG):
        if same_name and column in {"given_name", "family_name"}:
            continue
        if has_address and column in ADDRESS_PARTS:
            continue
        value = getattr(data, column)
        if value and not state.columns.get(column):
            delta.fills[column] = value
    if data.birthday is not None and state.columns.get("birthday_month") is None:
        delta.fills["birthday_month"] = data.birthday.month
        delta.fills["birthday_day"] = data.birthday.day
        delta.fills["birthday_year"] = data.birthday.year
    if data.cadence_days is not None and state.columns.get("cadence_days") is None:
        delta.fills["cadence_days"] = data.cadence_days
    for listed in LABELLED_FIELDS:
        key = children(listed).key
        seen = set(state.list_keys.get(listed.name, ()))
        if listed.name == "phones":
            key = partial(phone_match_key, region=region)
            seen = {phone_e164(number, region) for number in seen}
        for item in getattr(data, listed.name):
            if key(item.value) not in seen:
                seen.add(key(item.value))
                delta.lists.setdefault(listed.name, []).append(item)
    delta.tags = [t for t in data.tags if fold(t) not in state.tag_keys]
    delta.photo = record.photo is not None and not state.has_photo
    return delta
