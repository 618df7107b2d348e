"""Which encoding a file is in, decided in a fixed order, and a streaming way to read it.

1. A byte-order mark says it outright (UTF-8, UTF-16, UTF-32).
2. UTF-16 without a mark shows as zero bytes in every other position.
3. A file that decodes as UTF-8 from start to end *is* UTF-8 (other encodings almost never
   form valid multi-byte sequences by accident).  Checked in chunks, so a big file is never
   held in memory.
4. Otherwise charset-normalizer guesses from the first 256 KiB (Shift_JIS, GBK, cp1251, ...).
   For Western single-byte text it often says cp1250 where the file is the far more common
   cp1252 (Excel and Outlook on Windows); when cp1252 decodes the file we prefer it.
5. The guess is checked against the whole file; Latin-1, which decodes every byte, is the last
   resort, and the result says it was a guess so the preview can ask the user to look.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

from colearn_desktop.core.interchange.record import ImportFileError

SAMPLE_BYTES = 256 * 1024
# A stray NUL or two in a text file (one per 4 KB more) is damage the import strips with a
# warning; more zero bytes than that mean a binary file (a picture, a spreadsheet, a zip).
STRAY_NULS = 2
CHUNK_BYTES = 1024 * 1024

_BOMS = (
    # UTF-32 LE starts with the UTF-16 LE mark, so it is tested first.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte encodings for Latin script that charset-normalizer confuses with each other.
_WESTERN = {"cp1250", "cp1252", "cp1257", "latin_1", "iso8859_15", "iso8859_2", "mac_roman"}
_WESTERN_PREFIXES = ("iso8859_", "mac_")


@dataclass(frozen=True)
class Encoding:
    name: str  # a Python codec name
    bom_length: int = 0
    # True when the encoding was guessed from statistics rather than known for certain.
    guessed: bool = False

    @property
    def label(self) -> str:
        """How the preview names it: "UTF-8 (with BOM)", "cp1252 (detected)"."""
        pretty = {"utf-8": "UTF-8", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE"}.get(
            self.name, self.name
        )
        if self.bom_length:
            return f"{pretty} (with BOM)"
        return f"{pretty} (detected)" if self.guessed else pretty


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_zero = even.count(0) / len(even)
    odd_zero = odd.count(0) / len(odd)
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _decodes(path: Path, codec: str, skip: int = 0) -> bool:
    """Does the whole file decode with ``codec``?  Read in chunks: memory stays bounded."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        with path.open("rb") as handle:
            handle.seek(skip)
            while chunk := handle.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_western(name: str) -> bool:
    return name in _WESTERN or name.startswith(_WESTERN_PREFIXES)


def _guess(path: Path, head: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    candidates = [best.encoding] if best is not None else []
    if best is None or _is_western(best.encoding):
        candidates.insert(0, "cp1252")
    for name in candidates:
        if _decodes(path, name):
            return name
    return "latin_1"


def detect_encoding(path: Path) -> Encoding:
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Encoding(name, len(bom))
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return Encoding(utf16, 0, guessed=True)
    if head.count(b"\x00") > STRAY_NULS + len(head) // 4096:
        raise ImportFileError(
            f"{path.name} is not a text file (it contains binary data), so it cannot hold "
            "contacts in CSV, vCard or JSON form."
        )
    if _decodes(path, "utf-8"):
        return Encoding("utf-8")
    return Encoding(_guess(path, head), 0, guessed=True)


class CountingReader(io.RawIOBase):
    """A binary file that counts the bytes handed out, for progress bars."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer)
        data = self._raw.read(len(view))
        view[: len(data)] = data
        self.position += len(data)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_text(path: Path, encoding: Encoding) -> tuple[io.TextIOWrapper, CountingReader]:
    """The file as text (line endings untouched, for the csv module), and its byte counter."""
    raw = path.open("rb")
    raw.seek(encoding.bom_length)
    counter = CountingReader(raw)
    counter.position = encoding.bom_length
    text = io.TextIOWrapper(
        io.BufferedReader(counter, CHUNK_BYTES), encoding=encoding.name, newline=""
    )
    return text, counter


def decode_error_message(path: Path, encoding: Encoding, error: UnicodeDecodeError) -> str:
    return (
        f"{path.name} could not be read as {encoding.label}: some bytes are not valid text in "
        "that encoding. Save it again as UTF-8 (in Excel: CSV UTF-8) and import it again."
    )
