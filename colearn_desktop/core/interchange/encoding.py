"""Which encoding a file is in, decided in a fixed order, and a streaming way to read it.

1. A byte-order mark says it outright (UTF-8, UTF-16, UTF-32).
2. UTF-16 without a mark shows as zero bytes in every other position.
3. A file that decodes as UTF-8 from start to end *is* UTF-8 (other encodings almost never
   form valid multi-byte sequences by accident).  Checked in chunks, so a big file is never
   held in memory.
4. Otherwise every plausible code page reads the first 256 KiB and the one whose names read
   best wins (readers/charset_guess: Windows code pages before ISO and Mac ones, DOS code
   pages last; charset-normalizer breaks ties between Shift_JIS, GBK, Big5 ...).
5. The guess is checked against the whole file; Latin-1, which decodes every byte, is the last
   resort.  A guess that is not clearly better than another reading is marked unsure: the
   preview and the import report say so, and the user picks another encoding from
   :data:`CHOICES` (the import window's list, ``colearn import --encoding``).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

from colearn_desktop.core.interchange.readers.charset_guess import guess
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
# The encodings a user can pick (the import window's list; examples for --encoding), by
# Python codec name, with the name a person knows them by.
CHOICES = {
    "utf-8": "UTF-8", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE",
    "cp1252": "Windows-1252 (Western European)", "latin_1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15 (Western European with €)", "mac_roman": "Mac Roman",
    "cp1250": "Windows-1250 (Central European)", "iso8859_2": "ISO-8859-2 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)", "koi8_r": "KOI8-R (Russian)",
    "cp1253": "Windows-1253 (Greek)", "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)", "shift_jis": "Shift_JIS (Japanese)",
    "gb18030": "GB18030 (Chinese, simplified)", "big5": "Big5 (Chinese, traditional)",
    "euc_kr": "EUC-KR (Korean)", "cp932": "Windows-932 (Japanese)", "cp437": "DOS 437 (US)",
    "cp850": "DOS 850 (Western European)", "cp852": "DOS 852 (Central European)",
    "cp866": "DOS 866 (Cyrillic)", "cp775": "DOS 775 (Baltic)", "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
}  # fmt: skip


def codec_name(name: str) -> str:
    """Python's name for an encoding a person typed ("Windows-1252", "latin1", "UTF8"), or
    ValueError with a sentence that names some that work."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        info = None
    # (base64, zlib ... are codecs too, but not text encodings: str.encode refuses them alike)
    if info is None or not getattr(info, "_is_text_encoding", True):
        examples = "utf-8, cp1252 (Windows Western European), cp1250, cp1251, iso-8859-2, "
        raise ValueError(
            f"{name!r} is not an encoding this program knows; use a name such as "
            f"{examples}mac_roman or shift_jis."
        )
    found = info.name.replace("-", "_")
    return next((c for c in CHOICES if codecs.lookup(c).name.replace("-", "_") == found), found)


@dataclass(frozen=True)
class Encoding:
    name: str  # a Python codec name
    bom_length: int = 0
    # True when the encoding was guessed from statistics rather than known for certain.
    guessed: bool = False
    # False when another encoding would read the file almost as well: the user should look.
    sure: bool = True
    # True when the user picked it.
    chosen: bool = False
    # vCard quoted-printable values without a CHARSET, when they are not in ``name``.
    quoted: str = ""

    @property
    def title(self) -> str:
        """The name a person knows it by: "Windows-1252 (Western European)"."""
        return CHOICES.get(self.name, self.name)

    @property
    def label(self) -> str:
        """How the preview and the report name it: "UTF-8 (with BOM)", "Windows-1252
        (Western European), detected"; and how quoted-printable values were read."""
        how = " (with BOM)" if self.bom_length else ""
        if self.chosen or self.guessed:
            how += ", chosen" if self.chosen else ", detected"
        quoted = f"; quoted-printable text as {CHOICES.get(self.quoted, self.quoted)}"
        return self.title + how + (quoted if self.quoted else "")

    @property
    def warning(self) -> str:
        """What to say when the guess is unsure ('' when it is not)."""
        if self.sure:
            return ""
        read = CHOICES.get(self.quoted or self.name, self.quoted or self.name)
        return (
            f"the file was read as {read}, a guess; if names look wrong, pick another "
            "encoding (the list in the import window, or --encoding) and read it again"
        )


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


def guess_encoding(sample: bytes, fits: Callable[[str], bool] = lambda _: True) -> Encoding:
    """The code page ``sample`` (not UTF-8) reads best in: see readers/charset_guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    found = guess(sample, best.encoding if best is not None else None, fits)
    return Encoding(found.codec, 0, guessed=True, sure=found.sure)


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SAMPLE_BYTES)


def chosen_encoding(path: Path, name: str) -> Encoding:
    """The encoding the user picked (a byte-order mark of that encoding is skipped)."""
    codec = codec_name(name)
    head = _read_head(path)
    python_name = codecs.lookup(codec).name
    bom = next((b for b, n in _BOMS if head.startswith(b) and n == python_name), b"")
    return Encoding(codec, len(bom), chosen=True)


def detect_encoding(path: Path) -> Encoding:
    head = _read_head(path)
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
    return guess_encoding(head, lambda codec: _decodes(path, codec))


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
    fix = (
        "Pick another encoding"
        if encoding.chosen
        else "Save it again as UTF-8 (in Excel: CSV UTF-8) and import it again"
    )
    return (
        f"{path.name} could not be read as {encoding.label}: some bytes are not valid text in "
        f"that encoding. {fix}."
    )
