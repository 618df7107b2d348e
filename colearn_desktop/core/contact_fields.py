"""The one list of what a contact is made of, and the record a form or importer fills in.

Adding a field to a contact used to mean editing some twenty modules, each with its own copy
of the names: the service's normalisation and validation, the columns written, every
exporter and importer, matching, the editor.  Each :class:`ContactField` below says, once,
what a field is and where it travels; those modules read :data:`FIELDS` (and the lookups at
the end) instead of naming the fields themselves.  Fields with a meaning of their own
(birthday, stage, cadence, tags, who referred them) are declared here too, so the list is
complete, but keep their bespoke code (:class:`Kind` says which).

Core knows nothing of Qt: ``label`` is English, and the editor translates it with
``QCoreApplication.translate(LABEL_CONTEXT, label)``.  Adding a field: its attribute on
:class:`ContactInput`, its entry in :data:`FIELDS`, one migration, its place in the editor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.text import clean, clean_block, email_key, phone_key
from colearn_desktop.core.validation import EMAIL_PATTERN

# The translation context of the field labels (the UI passes it to ``translate``).
LABEL_CONTEXT = "ContactField"
MAX_NAME = 300
MAX_FIELD = 2000
MAX_LINK = 2000


@dataclass(frozen=True)
class Labelled:
    """An e-mail address, phone number or link with its label ("work", "linkedin", ...)."""

    value: str
    label: str = ""


@dataclass(frozen=True)
class Birthday:
    month: int
    day: int
    year: int | None = None

    def as_text(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class ContactInput:
    """What a form or an importer hands to the contact service: one attribute per field of
    :data:`FIELDS` (a test checks that the two agree)."""

    given_name: str = ""
    family_name: str = ""
    name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""
    company: str = ""
    job_title: str = ""
    emails: tuple[Labelled, ...] = ()
    phones: tuple[Labelled, ...] = ()
    links: tuple[Labelled, ...] = ()
    website: str = ""
    birthday: Birthday | None = None
    address: str = ""  # the street lines of the postal address
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    address_label: str = ""  # "home", "work"
    stage: Stage = Stage.NETWORK
    cadence_days: int | None = None
    tags: tuple[str, ...] = ()
    how_met: str = ""
    referred_by_id: int | None = None
    notes: str = ""

    def with_changes(self, **changes: object) -> ContactInput:
        return replace(self, **changes)  # type: ignore[arg-type]


class Kind(StrEnum):
    LINE = "line"  # one line of text, a column of ``contact``
    BLOCK = "block"  # several lines of text, a column of ``contact``
    LABELLED = "labelled"  # several labelled values, rows of a child table
    # Fields with code of their own (their entries still say where they travel):
    BIRTHDAY = "birthday"
    STAGE = "stage"
    CADENCE = "cadence"
    TAGS = "tags"
    REFERRER = "referrer"


def _is_email(value: str) -> bool:
    return bool(EMAIL_PATTERN.match(value))


def _is_phone(value: str) -> bool:
    return sum(ch.isdigit() for ch in value) >= 3


def _is_link(value: str) -> bool:
    return "." in value and not any(ch.isspace() for ch in value)


def link_key(url: str) -> str:
    """A link as compared for duplicates: case and a trailing slash do not matter."""
    return url.strip().rstrip("/").casefold()


@dataclass(frozen=True)
class ChildTable:
    """Where a labelled list lives: ``table (contact_id, label, <value>, <key>, position)``."""

    table: str
    value_column: str
    key_column: str  # what matching and duplicates compare
    key: Callable[[str], str]
    # Does an imported value read as what it claims to be?  (Otherwise kept in the notes.)
    plausible: Callable[[str], bool]
    problem: str  # what validation says of an implausible value, after the quoted value
    import_problem: str  # what an import's warning says of it (the value goes to the notes)
    note_word: str  # "E-mail" in the notes line "E-mail (home): ana@example.com"
    clean_value: Callable[[str], str]


@dataclass(frozen=True)
class ContactField:
    """One field of a contact.  Empty strings mean "does not travel there"."""

    name: str  # the ContactInput attribute, the error key, the JSON key of the column
    kind: Kind
    # What the form calls it, in English, with "&" before the form's access key; the UI
    # translates it (context LABEL_CONTEXT), other uses read :attr:`title`.
    label: str
    max_length: int | None = None
    ours_csv: str = ""  # our CSV's column
    # Google Contacts CSV columns (the first is written); for a labelled list, the name of
    # Google's numbered columns ("E-mail" for "E-mail 1 - Value"), which it continues after a
    # text field that has the first of them (the website is "Website 1", links "Website 2"...).
    google_csv: tuple[str, ...] = ()
    # Outlook CSV columns (the first is written); a labelled list without any is written at
    # the end of the notes ("Link (linkedin): ...") and read back from there.
    outlook_csv: tuple[str, ...] = ()
    vcard: str = ""  # the vCard property; "N.3" is the fourth component of N
    # The column of the contacts' search index that holds it ("" for none): "name",
    # "company", "emails" (every labelled list indexed: e-mails, links), "tags", "how_met", "notes".
    search: str = ""
    on_page: bool = False  # the contact page lists it (in this order) under the name
    fillable: bool = False  # an import's merge fills it when the contact has it empty
    children: ChildTable | None = None
    # What importers call it (builder targets, ``--map``), when not ``name``.
    import_name: str = ""
    # A labelled list that takes the values of this text field beyond the first, when a file
    # has several (a vCard's second URL, Google's "Website 2"); without one they go to the notes.
    overflow_of: str = ""
    # Thunderbird's and LinkedIn's CSV columns (read only), and the words a hand-made CSV uses
    # for its column (the first guess of the column-mapping screen), as written in a header.
    # Where the pre-call brief shows it (0: not at all), in this order: a one-line field on
    # its heading ("Founder, Nordlys"), a longer one on a line of its own ("How we met: ...").
    brief: int = 0
    thunderbird_csv: tuple[str, ...] = ()
    linkedin_csv: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The label without its access-key marker ("Given name")."""
        return self.label.replace("&", "")

    @property
    def key(self) -> str:
        """The importers' name of the field; its labels travel as ``<key>_label``."""
        return self.import_name or self.name

    @property
    def column(self) -> str:
        """The ``contact`` column of a text field."""
        return self.name if self.kind in (Kind.LINE, Kind.BLOCK) else ""

    def normalise(self, value: object) -> object:
        if self.kind is Kind.LINE:
            return clean(value)  # type: ignore[arg-type]
        if self.kind is Kind.BLOCK:
            return clean_block(value)  # type: ignore[arg-type]
        if self.children is not None:
            tidy = self.children.clean_value
            items = (Labelled(tidy(i.value), clean(i.label)) for i in value)  # type: ignore[attr-defined]
            return tuple(i for i in items if i.value)
        return value


def _strip(text: str) -> str:
    return text.strip()


EMAILS = ChildTable(
    "contact_email",
    "address",
    "address_key",
    email_key,
    _is_email,
    "is not a valid e-mail address",
    "is not a valid e-mail address",
    "E-mail",
    _strip,
)
PHONES = ChildTable(
    "contact_phone",
    "number",
    "number_key",
    phone_key,
    _is_phone,
    "does not look like a phone number",
    "is not a phone number",
    "Phone",
    clean,
)
LINKS = ChildTable(
    "contact_link",
    "url",
    "url_key",
    link_key,
    _is_link,
    "is not a web address",
    "is not a web address",
    "Link",
    _strip,
)

L, B = Kind.LINE, Kind.BLOCK
FIELDS: tuple[ContactField, ...] = (
    ContactField(
        "given_name", L, "&Given name", MAX_NAME, "Given name", vcard="N.1",
        search="name", fillable=True,
        thunderbird_csv=("First Name",), linkedin_csv=("First Name",),
        synonyms=("first name", "given name", "first", "forename", "prénom"),
    ),
    ContactField(
        "family_name", L, "&Family name", MAX_NAME, "Family name", vcard="N.0",
        search="name", fillable=True,
        thunderbird_csv=("Last Name",), linkedin_csv=("Last Name",),
        synonyms=("last name", "family name", "surname", "last"),
    ),
    ContactField(
        "name", L, "Or one &name", MAX_NAME, "Name", vcard="FN", search="name",
        thunderbird_csv=("Display Name",),
        synonyms=("name", "full name", "display name", "contact", "nom"),
    ),
    ContactField(
        "name_prefix", L, "Na&me prefix", MAX_NAME, "Name prefix", ("Name Prefix",),
        ("Title",), "N.3", fillable=True,
    ),
    ContactField(
        "name_suffix", L, "Name suffi&x", MAX_NAME, "Name suffix", ("Name Suffix",),
        ("Suffix",), "N.4", fillable=True,
    ),
    ContactField(
        "company", L, "&Company", MAX_FIELD, "Company", ("Organization Name",), ("Company",),
        "ORG", search="company", fillable=True, brief=2,
        thunderbird_csv=("Organization",), linkedin_csv=("Company",),
        synonyms=("company", "organisation", "organization", "employer"),
    ),
    ContactField(
        "job_title", L, "&Job title", MAX_FIELD, "Job title", ("Organization Title",),
        ("Job Title",), "TITLE", search="company", fillable=True, brief=1,
        thunderbird_csv=("Job Title",), linkedin_csv=("Position",),
        synonyms=("job title", "title", "position", "role"),
    ),
    ContactField(
        "emails", Kind.LABELLED, "&E-mail", None, "E-mails", ("E-mail",),
        ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"), "EMAIL", search="emails",
        on_page=True, children=EMAILS, import_name="email", brief=4,
        thunderbird_csv=("Primary Email", "Secondary Email"), linkedin_csv=("Email Address",),
        synonyms=("email", "e-mail", "mail", "email address", "e-mail address", "emails"),
    ),
    ContactField(
        "phones", Kind.LABELLED, "&Phone", None, "Phones", ("Phone",),
        ("Mobile Phone", "Home Phone", "Business Phone", "Other Phone"), "TEL", on_page=True,
        children=PHONES, import_name="phone", brief=5,
        synonyms=("phone", "telephone", "tel", "mobile", "phone number"),
    ),
    ContactField(
        "links", Kind.LABELLED, "Lin&k", MAX_LINK, "Links", ("Website",), (), "X-SOCIALPROFILE",
        search="emails", on_page=True, children=LINKS, import_name="link", overflow_of="website",
    ),
    ContactField(
        "website", L, "&Website", MAX_FIELD, "Website", ("Website 1 - Value",), ("Web Page",),
        "URL", on_page=True, fillable=True,
        thunderbird_csv=("Web Page 1", "Web Page 2"),
        synonyms=("website", "web site", "url", "homepage", "web"),
    ),
    ContactField(
        "birthday", Kind.BIRTHDAY, "Birthday", None, "Birthday", vcard="BDAY", on_page=True,
        synonyms=("birthday", "date of birth", "birth date", "dob"),
    ),
    # One postal address in parts ("ADR.2": the third component of vCard's ADR); the page and
    # the brief show it formatted the way its country writes it (core/postal_address.py).
    ContactField(
        "address", B, "A&ddress", None, "Address", ("Address 1 - Street",), vcard="ADR.2",
        on_page=True, fillable=True, brief=4,
        synonyms=("address", "postal address", "adresse", "street", "straße", "strasse"),
    ),
    ContactField(
        "city", L, "Cit&y", MAX_FIELD, "City", ("Address 1 - City",), vcard="ADR.3",
        fillable=True, synonyms=("city", "town", "ort", "ville", "stadt", "ciudad", "città"),
    ),
    ContactField(
        "region", L, "Reg&ion", MAX_FIELD, "Region", ("Address 1 - Region",), vcard="ADR.4",
        fillable=True, synonyms=("region", "state", "province", "county", "bundesland"),
    ),
    ContactField(
        "postal_code", L, "Postal code / &ZIP", MAX_FIELD, "Postal code",
        ("Address 1 - Postal Code",), vcard="ADR.5", fillable=True, import_name="postcode",
        synonyms=("postal code", "postcode", "zip", "zip code", "plz", "postleitzahl"),
    ),
    ContactField(
        "country", L, "Co&untry", MAX_FIELD, "Country", ("Address 1 - Country",), vcard="ADR.6",
        fillable=True, synonyms=("country", "land", "pays", "país", "paese"),
    ),
    ContactField(
        "address_label", L, "Address &label", MAX_FIELD, "Address label", ("Address 1 - Label",),
        vcard="ADR.TYPE", fillable=True,
    ),
    ContactField("stage", Kind.STAGE, "Stage", None, "Stage", vcard="X-COLEARN-STAGE"),
    ContactField(
        "cadence_days", Kind.CADENCE, "Keep in touch every", None,
        "Keep in touch every (days)", vcard="X-COLEARN-CADENCE",
    ),
    ContactField(
        "tags", Kind.TAGS, "Tags", 80, "Tags", vcard="CATEGORIES", search="tags",
        synonyms=("tags", "tag", "groups", "labels", "categories"),
    ),
    ContactField(
        "how_met", B, "&How we met", None, "How we met", vcard="X-COLEARN-HOW-MET",
        search="how_met", on_page=True, fillable=True, brief=3,
    ),
    ContactField(
        "referred_by_id", Kind.REFERRER, "Referred by", None, "Referred by",
        vcard="X-COLEARN-REFERRED-BY",
    ),
    ContactField(
        "notes", B, "N&otes", None, "Notes", vcard="NOTE", search="notes",
        thunderbird_csv=("Notes",),
        synonyms=("notes", "note", "comments", "comment", "remarks"),
    ),
)  # fmt: skip
del L, B

BY_NAME: dict[str, ContactField] = {f.name: f for f in FIELDS}
# The plain text fields (columns of ``contact``) and the labelled lists (child tables).
TEXT_FIELDS: tuple[ContactField, ...] = tuple(f for f in FIELDS if f.column)
LABELLED_FIELDS: tuple[ContactField, ...] = tuple(f for f in FIELDS if f.children is not None)
FILLABLE: tuple[str, ...] = tuple(f.name for f in TEXT_FIELDS if f.fillable)
# The fields that make up the one postal address (vCard's ADR and its TYPE): a merge fills
# them together or not at all, so no address mixes two places.
ADDRESS_PARTS: tuple[str, ...] = tuple(f.name for f in TEXT_FIELDS if f.vcard.startswith("ADR"))


def children(field: ContactField) -> ChildTable:
    """The child table of a labelled list (for code that only handles those)."""
    assert field.children is not None, field.name
    return field.children


def contact_input(
    texts: Mapping[str, str], lists: Mapping[str, tuple[Labelled, ...]], **rest: Any
) -> ContactInput:
    """A :class:`ContactInput` from values named by the field list (what readers, the service
    and the editor build by looping over :data:`TEXT_FIELDS` and :data:`LABELLED_FIELDS`),
    plus the fields that have their own code (birthday, stage, cadence, tags ...)."""
    values: dict[str, Any] = {**texts, **lists, **rest}
    return ContactInput(**values)
