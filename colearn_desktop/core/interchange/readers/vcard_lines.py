"""vCard text to cards of properties, tolerant of what real exporters write.

Handled here, because real files do it: CR CR LF line endings (only LF ends a line; a bare CR
inside a value is kept), folded lines (one leading space or tab), vCard 2.1 quoted-printable
soft line breaks whose continuation is *not* indented, a soft break followed by the next
property (a KDE bug), base64 photos ended by an empty line, stray lines before the first card,
bare 2.1 parameters (``TEL;CELL``), quoted parameter values, and groups (``item1.EMAIL``).

Memory stays bounded: a value longer than ``MAX_VALUE`` characters (a 50 MB photo) is not
collected; the property comes back marked ``too_long`` with its size, so the card can say so.
A card without ``END:VCARD`` is reported with its number and nothing is imported.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

MAX_VALUE = 3_000_000  # characters; a 2 MB photo is 2.8 million in base64
CHUNK = 64 * 1024

_PROPERTY_START = re.compile(
    r"^(?:[A-Za-z0-9-]+\.)?(?:BEGIN|END|VERSION|N|FN|ORG|TITLE|ROLE|TEL|EMAIL|ADR|LABEL|URL|NOTE"
    r"|BDAY|PHOTO|CATEGORIES|UID|REV|NICKNAME|IMPP|PRODID|X-[A-Za-z0-9-]+)[;:]",
    re.IGNORECASE,
)


@dataclass
class Property:
    group: str
    name: str  # upper case
    params: dict[str, list[str]]
    value: str  # raw: still escaped / encoded
    too_long: int = 0  # characters, when the value was too long to keep
    # What quoted-printable bytes are in when the property names no CHARSET (The Bat! writes
    # its Windows code page): see vcard_reader.quoted_printable_encoding.
    default_charset: str = "utf-8"

    def param(self, key: str) -> str:
        values = self.params.get(key, [])
        return values[0] if values else ""

    @property
    def types(self) -> list[str]:
        return [t.casefold() for t in self.params.get("TYPE", [])]

    @property
    def quoted_printable(self) -> bool:
        return self.param("ENCODING").upper() in {"QUOTED-PRINTABLE", "QP"}

    def quoted_bytes(self) -> bytes:
        return quopri.decodestring(self.value.encode("utf-8"))

    def text(self) -> str:
        """The value decoded (quoted-printable + charset) but not yet unescaped.  A line break
        encoded as ``=0D=0A`` (what phones write) comes back as ``\n``."""
        if not self.quoted_printable:
            return self.value
        raw = self.quoted_bytes()
        charset = self.param("CHARSET") or self.default_charset
        try:
            decoded = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            decoded = raw.decode("utf-8", errors="replace")
        return decoded.replace("\r\n", "\n")


@dataclass
class Card:
    number: int
    version: str = ""
    properties: list[Property] = field(default_factory=list)
    unterminated: bool = False


def _physical_lines(text: TextIO) -> Iterator[tuple[str, int]]:
    """``(line, characters cut)``: lines ended by LF (CR before it dropped); old Mac files
    ended by CR alone also work.  A line longer than MAX_VALUE comes back empty with its
    length as the count: the count travels beside the text, never inside it, so no content
    of the file (a NUL, digits) can pass for a cut line."""
    pending = ""
    separator = "\n"
    first = True
    skipped = 0
    while chunk := text.read(CHUNK):
        if first and "\n" not in chunk and "\r" in chunk:
            separator = "\r"
        first = False
        pending += chunk
        lines = pending.split(separator)
        pending = lines.pop()
        for line in lines:
            yield ("", skipped + len(line)) if skipped else (line.rstrip("\r"), 0)
            skipped = 0
        if len(pending) > MAX_VALUE:
            skipped += len(pending)
            pending = ""
    if pending or skipped:
        yield ("", skipped + len(pending)) if skipped else (pending.rstrip("\r"), 0)


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


_CARETS = {"^n": "\n", "^N": "\n", "^^": "^", "^'": '"'}


def _uncaret(value: str) -> str:
    """A parameter value's RFC 6868 caret encoding (vCard 4: ``LABEL="Hauptstr. 1^nBerlin"``)
    decoded: a newline, a caret, a double quote."""
    return re.sub(r"\^[nN^']", lambda m: _CARETS[m.group(0)], value) if "^" in value else value


def parse_property(line: str) -> Property | None:
    head_end = -1
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head_end = index
            break
    if head_end < 0 and quoted:
        # A parameter's quote never closed (``LABEL="Hauptstr. 1:…``): the head ends at the
        # first colon, so the property is read rather than lost.
        head_end = line.find(":")
    if head_end <= 0:
        return None
    head, value = line[:head_end], line[head_end + 1 :]
    name_part, *param_parts = _split_outside_quotes(head, ";")
    group, _, name = name_part.rpartition(".")
    params: dict[str, list[str]] = {}
    for part in param_parts:
        key, sep, raw = part.partition("=")
        if not sep:  # vCard 2.1 bare parameter: TEL;CELL;PREF
            key, raw = (
                ("ENCODING", part)
                if part.upper() in {"QUOTED-PRINTABLE", "BASE64", "B"}
                else (
                    "TYPE",
                    part,
                )
            )
        key = key.strip().upper()
        raw = raw.strip()
        values = (
            [_uncaret(raw.strip('"'))] if key != "TYPE" else [v.strip('"') for v in raw.split(",")]
        )
        params.setdefault(key, []).extend(v for v in values if v)
    return Property(group.strip(), name.strip().upper(), params, value)


def _ends_soft_break(parts: list[str]) -> bool:
    return bool(parts) and parts[-1].endswith("=") and "QUOTED-PRINTABLE" in parts[0].upper()


def _logical_lines(text: TextIO) -> Iterator[tuple[int, str, int]]:
    """``(line number, unfolded line, characters dropped)``."""
    parts: list[str] = []
    size = 0
    start = 0
    dropped = 0
    for number, (line, cut) in enumerate(_physical_lines(text), start=1):
        if cut:
            dropped += cut
            continue
        if _ends_soft_break(parts) and line and not _PROPERTY_START.match(line):
            # A soft break wins over folding: the continuation is taken whole, so a space at
            # its start is text ("parle de=" + " son projet"), as ez-vcard and vobject read it.
            parts[-1] = parts[-1][:-1]
            piece = line
        elif parts and line[:1] in {" ", "\t"}:
            piece = line[1:]
        else:
            if parts:
                yield start, "".join(parts), dropped
            parts, size, dropped, start = [], 0, 0, number
            if not line.strip():
                continue
            piece = line
        if dropped or size + len(piece) > MAX_VALUE:
            # Too long to be anything we keep: hold on to the property's first line only
            # (its name and parameters), count the rest.
            dropped += len(piece) + sum(len(p) for p in parts[1:])
            del parts[1:]
            size = len(parts[0]) if parts else 0
            continue
        parts.append(piece)
        size += len(piece)
    if parts:
        yield start, "".join(parts), dropped


def read_cards(text: TextIO, quoted_charset: str = "utf-8") -> Iterator[Card]:
    """Cards in file order, numbered from 1.  Lines outside a card are ignored.
    ``quoted_charset``: see :attr:`Property.default_charset`."""
    card: Card | None = None
    count = 0
    for _number, line, dropped in _logical_lines(text):
        prop = parse_property(line)
        if prop is None:
            continue
        if prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
            if card is not None:
                card.unterminated = True
                yield card
            count += 1
            card = Card(count)
            continue
        if card is None:
            continue
        if prop.name == "END" and prop.value.strip().upper() == "VCARD":
            yield card
            card = None
            continue
        if prop.name == "VERSION":
            card.version = prop.value.strip()
            continue
        prop.default_charset = quoted_charset
        if dropped:
            prop.value = ""
            prop.too_long = len(line) + dropped
        card.properties.append(prop)
    if card is not None:
        card.unterminated = True
        yield card


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":", '"': '"'}


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def components(text: str) -> list[str]:
    """A structured value (N, ADR, ORG) split on unescaped semicolons, each unescaped."""
    return [unescape(part) for part in re.split(r"(?<!\\);", text)]
