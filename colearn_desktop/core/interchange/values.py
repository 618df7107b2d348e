"""Reading single values the way real exports write them: dates, labels, lists in one cell.

Also the two conventions of our own CSV: several e-mails or phones in one cell (``MULTI_SEP``,
each with an optional label in brackets) and the Excel-safety apostrophe, which is removed
again on import so that an export and re-import give back exactly what was written.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from colearn_desktop.core.contact_fields import Birthday, Labelled

# Several e-mail addresses or phone numbers in one cell of our CSV:
#   "ana@example.com (work); ana@home.example (home)"
MULTI_SEP = "; "
# Google's own separator for several values in one cell ("a@x.com ::: b@y.com").
GOOGLE_SEP = " ::: "
# Apple writes placeholder years for birthdays without one (1604; some tools use 1900 or 0000).
YEARLESS_PLACEHOLDERS = {1604, 0}
# Cells that a spreadsheet would run as a formula (OWASP CSV injection guidance).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

_LABEL_SUFFIX = re.compile(r"^(.*\S)\s+\(([^()]*)\)$", re.DOTALL)
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r\n]")
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet would treat as a formula with an apostrophe.  Cells that
    already start with apostrophes before a trigger get one more, so :func:`unneutralise`
    can always tell ours from the user's."""
    if cell.startswith(FORMULA_TRIGGERS) or _NEUTRALISED.match(cell):
        return "'" + cell
    return cell


# What a cell may start with + or - and still be plain data to a spreadsheet: a number
# ("-12", "+3.5"), a phone number (+ and at least six digits: "+44 20 7946 0958",
# "+1 (905) 555-1234"), a year-less date ("--05-21"), a sign alone (a "-" for "none").
_PLAIN_SIGNED = re.compile(
    r"[+-](?:\d+(?:[.,]\d+)?)?"
    r"|\+(?=(?:[^\d]*\d){6})\d[\d ().\-/]*\d"
    r"|--\d\d-\d\d"
)


def neutralise_formula(cell: str) -> str:
    """An apostrophe before what a spreadsheet could run as a formula, and only that: ``=``
    and ``@`` (also after a leading tab or line break), ``+`` or ``-`` unless the cell is a plain
    number, phone number or date.  For files other programs import (Google, Outlook), which
    would keep an apostrophe before every phone number as part of it; our own CSV keeps the
    wider :func:`neutralise`.  A cell that already starts with apostrophes before a trigger
    gets one more, as there, so our importer's :func:`unneutralise` gives it back whole."""
    start = cell.lstrip("\t\r\n")
    if _NEUTRALISED.match(cell) or start.startswith(("=", "@")):
        return "'" + cell
    if start.startswith(("+", "-")) and not _PLAIN_SIGNED.fullmatch(cell):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def clean_label(label: str) -> str:
    """ "* Home" (Google's primary mark), "_$!<HomePage>!$_" (Apple) -> "home", "homepage"."""
    label = label.strip().lstrip("*").strip()
    apple = _APPLE_LABEL.match(label)
    if apple:
        label = apple.group(1)
    return label.casefold()


def split_multi(cell: str) -> list[str]:
    """Values of a cell that may hold several: ours (``; ``), Google's (`` ::: ``), newlines."""
    parts = cell.split(GOOGLE_SEP) if GOOGLE_SEP in cell else re.split(r"[;\n]", cell)
    return [p.strip() for p in parts if p.strip()]


def parse_labelled(item: str) -> Labelled:
    """ "ana@example.com (work)" -> Labelled("ana@example.com", "work")."""
    match = _LABEL_SUFFIX.match(item.strip())
    if match:
        return Labelled(match.group(1).strip(), match.group(2).strip())
    return Labelled(item.strip())


def format_labelled(items: tuple[Labelled, ...] | list[Labelled]) -> str:
    return MULTI_SEP.join(f"{i.value} ({i.label})" if i.label else i.value for i in items)


def split_tags(cell: str) -> list[str]:
    """Tags or groups: ours (``, ``), Outlook categories (``;``), Google groups (`` ::: ``);
    Google's system groups ("* My Contacts", "* starred") are not tags."""
    parts = re.split(r"\s*:::\s*|[,;]", cell)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("*")]


def _birthday(year: int | None, month: int, day: int) -> Birthday | None:
    if year in YEARLESS_PLACEHOLDERS:
        year = None
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return Birthday(month, day, year)


# Outlook's "no date" in its languages' spellings (and Outlook 2003's far-future one).
NO_DATES = frozenset(
    {"0/0/00", "0/0/0000", "00/00/0000", "0.0.00", "0.0.0000", "00.00.00", "00.00.0000",
     "1/1/4501", "01/01/4501", "1.1.4501", "01.01.4501"}
)  # fmt: skip
# A date written with slashes or dashes, day and month in an order the file decides.
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})")


class DateOrder(StrEnum):
    """How a file writes ``03/04/1980``: day first (most of Europe) or month first (US)."""

    DMY = "dmy"
    MDY = "mdy"


def is_no_date(text: str) -> bool:
    return text.strip() in NO_DATES


def order_evidence(text: str) -> DateOrder | None:
    """The order a date shows: DMY ("28/12/1969"), MDY ("12/28/1969"), else ``None``."""
    match = _SLASHED.fullmatch(text.strip())
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 >= second:
        return DateOrder.DMY
    if second > 12 >= first:
        return DateOrder.MDY
    return None


def is_ambiguous_date(text: str) -> bool:
    """``03/04/1980``: the 3rd of April or the 4th of March, depending on the file."""
    match = _SLASHED.fullmatch(text.strip())
    if not match or is_no_date(text):
        return False
    first, second = int(match.group(1)), int(match.group(2))
    return first != second and 1 <= first <= 12 and 1 <= second <= 12


def parse_birthday(text: str, order: DateOrder | None = None) -> Birthday | None:
    """Read the birthday formats exports use; ``None`` when unreadable (the caller warns).

    ISO ``1990-05-17``, year-less ``--05-17`` / ``--0517``, basic ``19900517``, ``1604``
    placeholder years, ISO with a time, European ``17.05.1990``, ``5/17/1990`` and
    ``17/5/1990`` (``order``: the file's order, decided by its other dates or its language;
    without one, a first part over 12 is the day, else the month), ``17 May 1990``.
    Outlook's "no birthday" (``0/0/00``) reads as empty.
    """
    text = text.strip()
    if not text or is_no_date(text):
        return None
    text = text.split("T")[0]
    patterns: tuple[tuple[str, tuple[int, int, int]], ...] = (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", (1, 2, 3)),
        (r"(\d{4})(\d{2})(\d{2})", (1, 2, 3)),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", (3, 2, 1)),
        (r"(\d{4})/(\d{1,2})/(\d{1,2})", (1, 2, 3)),
    )
    for pattern, (y, m, d) in patterns:
        match = re.fullmatch(pattern, text)
        if match:
            return _birthday(int(match.group(y)), int(match.group(m)), int(match.group(d)))
    match = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    if match:
        return _birthday(None, int(match.group(1)), int(match.group(2)))
    match = _SLASHED.fullmatch(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if year < 100:
            year += 1900 if year > 30 else 2000
        day_first = first > 12 or (order is DateOrder.DMY and second <= 12)
        month, day = (second, first) if day_first else (first, second)
        return _birthday(year, month, day)
    match = re.fullmatch(r"(\d{1,2})[ .-]+([A-Za-z]+)\.?[ .-]+(\d{4})", text)
    if match and match.group(2).casefold() in _MONTHS:
        return _birthday(
            int(match.group(3)), _MONTHS[match.group(2).casefold()], int(match.group(1))
        )
    return None


def parse_int(text: str) -> int | None:
    text = text.strip()
    return int(text) if re.fullmatch(r"\d{1,6}", text) else None
