"""Which 8-bit code page a file that is not UTF-8 was written in, decided by how its names read.

charset-normalizer alone is not enough for contact files: their text is short (names, not
prose), and it often ranked a Baltic DOS code page (cp775) first for a German Outlook CSV in
Windows-1252 ("Günther" read as "G³nther").  So every plausible code page decodes the sample,
and each reading is scored by what a person would notice:

* a symbol, control character or box-drawing character *inside a word* ("Bl³mchen",
  "Spa▀lund", "£ukasz") is a misreading, and so is a capital letter inside a lower-case word
  ("GŸnther") or a Greek or Cyrillic word without vowels ("Рбрбдьрпхлпт");
* the letters that remain should belong to one language's alphabet: Czech read as
  Windows-1252 turns into letters of Danish, Italian and Icelandic at once ("Dvoøák",
  "Nìmec"), read as Windows-1250 into Czech alone.

The best score wins; on a tie the more common code page does (Windows before ISO before Mac,
DOS code pages last).  When the winner is not clearly better than a reading that differs, the
guess is *unsure* and the import says so and lets the user pick.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# Tried in this order; on an equal score the earlier one wins.
PREFERENCE = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_15", "iso8859_2",
    "koi8_r", "mac_roman", "shift_jis", "gb18030", "big5", "euc_kr", "euc_jp",
    "cp437", "cp850", "cp852", "cp866", "cp775",
)  # fmt: skip
# Enough non-ASCII characters to judge (a few hundred names); more only costs time.
MAX_JUDGED = 3000
# A reading must beat a more common one by this much to win; a sure guess reads this well.
MARGIN = 0.02
SURE_SCORE = 0.6

_LATIN_ALPHABETS = {
    "German": "äöüß", "French": "àâæçéèêëîïôœùûüÿ", "Spanish": "áéíñóúü",
    "Portuguese": "áàâãçéêíóôõú", "Italian": "àèéìíîòóùú", "Dutch": "áéèëïóöü",
    "Nordic": "åäöæøé", "Icelandic": "áðéíóúýþæö", "Catalan": "àçéèíïòóúü",
    "Polish": "ąćęłńóśźż", "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Hungarian": "áéíóöőúüű", "Croatian": "čćđšž", "Slovene": "čšž", "Romanian": "ăâîșțşţ",
    "Turkish": "çğıöşüâîûi̇", "Lithuanian": "ąčęėįšųūž", "Latvian": "āčēģīķļņšūž",
    "Estonian": "äõöüšž", "Albanian": "çë",
}  # fmt: skip
# Other scripts count as one "language" each, by the first word of the character's name.
_SCRIPTS = {
    "Cyrillic": ("CYRILLIC",), "Greek": ("GREEK",), "Japanese": ("CJK", "HIRAGANA", "KATAKANA"),
    "Chinese": ("CJK",), "Korean": ("HANGUL", "CJK"), "Arabic": ("ARABIC",),
    "Hebrew": ("HEBREW",), "Thai": ("THAI",),
}  # fmt: skip
_OTHER_SCRIPTS = {"CYRILLIC", "GREEK", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "ARABIC", "HEBREW"}
# The Greek and Cyrillic words of one letter ("и", "в", "η"); any other lone letter is a
# misread symbol.
_ONE_LETTER_WORDS = set("авиксуояій") | set("οηα")
_VOWELS = {"CYRILLIC": set("аеёиоуыэюяіїєў"), "GREEK": set("αεηιουωάέήίόύώϊϋΐΰ")}
# Apostrophes, dashes and the middle dot sit between the letters of real names ("O’Brien");
# opening quotes and brackets before them.
_JOINERS = "’‘´‐‑–—·"
_WORD_END = {"Pd", "Pe", "Pf", "Po"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A word with at least one letter outside ASCII: the only words a code page changes.
_FOREIGN_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")


@dataclass(frozen=True)
class Reading:
    codec: str
    score: float  # 1.0: every non-ASCII character reads as a letter of one language
    judged: int  # non-ASCII characters
    text: str


@dataclass(frozen=True)
class Guess:
    codec: str
    sure: bool


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script ``char`` belongs to: LATIN, CYRILLIC, KATAKANA (of "KATAKANA-HIRAGANA
    PROLONGED SOUND MARK") ..."""
    return unicodedata.name(char, "").split(" ", 1)[0].split("-", 1)[0]


@lru_cache(maxsize=4096)
def _languages(char: str) -> list[str]:
    lower = char.lower()
    found = [name for name, letters in _LATIN_ALPHABETS.items() if lower in letters]
    script = _script(char)
    found += [name for name, scripts in _SCRIPTS.items() if script in scripts]
    return found


def _misread_words(text: str) -> set[int]:
    """Positions of the letters of words that no language writes: Latin letters mixed with
    letters of another script ("Hйlиne", "G黱ther"), Greek or Cyrillic words (4 letters or
    more) with hardly a vowel ("Рбрбдьрпхлпт") and lone letters that are no word: a code page
    of another script read as this one."""
    bad: set[int] = set()
    for word in _FOREIGN_WORD.finditer(text):
        letters = word.group()
        scripts = {"LATIN" if ch.isascii() else _script(ch) for ch in letters}
        if "LATIN" in scripts and scripts & _OTHER_SCRIPTS:
            bad.update(range(word.start(), word.end()))
            continue
        vowels = _VOWELS.get(_script(letters[0]))
        if vowels is None:
            continue
        if len(letters) == 1 and letters.lower() not in _ONE_LETTER_WORDS:
            bad.add(word.start())  # "Ђ 12" is "€ 12"
        elif len(letters) >= 4 and sum(ch.lower() in vowels for ch in letters) < len(letters) / 5:
            bad.update(range(word.start(), word.end()))
    return bad


def _misread(text: str, at: int) -> bool:
    """Is the non-ASCII character at ``at`` one a real name would not hold there?"""
    char = text[at]
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    category = unicodedata.category(char)
    if category in {"Cc", "Co", "Cn", "Cs"} or "\u2500" <= char <= "\u259f" or char == "\ufffd":
        return True
    if not category.startswith("L"):
        # A symbol right before a letter ("£ukasz", "Bl³mchen") is a misread letter; after
        # one, only the punctuation that ends a word ("Spaß…", "Müller”) is at home.
        if char in _JOINERS or category in {"Pi", "Ps"}:
            return False
        if after.isalpha():
            return True
        return before.isalpha() and (category not in _WORD_END or char in "¿¡§¶")
    if (before.isdigit() or after.isdigit()) and char not in "ºª":
        return True  # "Ђ100" is "€100" ("2º" is Spanish for "2nd")
    if char.isupper() and before.isalpha():
        return after.islower() or before.islower()
    return char == "ñ" and after.isalpha() and after.lower() not in "aeiouáéíóú"


def _coverage(votes: dict[str, set[int]]) -> float:
    """How many characters one language covers, plus half of those a second one adds (a
    contact list mixes German and French names; Turkish read as Windows-1252 would need
    Icelandic and French at once)."""
    best = 0.0
    for first, mine in votes.items():
        added = max(
            (len(other - mine) for name, other in votes.items() if name != first), default=0
        )
        best = max(best, len(mine) + added / 2)
    return best


def score(text: str) -> tuple[float, int]:
    """How much ``text`` reads like names (1.0 at best: see the module docstring), and how
    many characters were judged."""
    found = itertools.islice(_NON_ASCII.finditer(text), MAX_JUDGED)
    positions = [m.start() for m in found]
    if not positions:
        return 1.0, 0
    text = text[: positions[-1] + 2]  # what was judged, and the character after it
    misread = _misread_words(text)
    votes: dict[str, set[int]] = {}
    bad = 0
    neutral = 0
    for at in positions:
        if at in misread or _misread(text, at):
            bad += 1
            continue
        languages = _languages(text[at])
        if not languages:
            neutral += not text[at].isalpha()  # punctuation, €, a no-break space
            continue
        for name in languages:
            votes.setdefault(name, set()).add(at)
    return (neutral + _coverage(votes) - 2 * bad) / len(positions), len(positions)


def _decode(sample: bytes, codec: str) -> str | None:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        return decoder.decode(sample, final=False)  # a character cut at the sample's end
    except UnicodeDecodeError:
        return None


def readings(sample: bytes, first: str | None = None) -> list[Reading]:
    """Every code page that decodes ``sample``, best first (``first`` wins ties)."""
    found: list[Reading] = []
    for codec in dict.fromkeys((*([first] if first else []), *PREFERENCE)):
        text = _decode(sample, codec)
        if text is not None:
            found.append(Reading(codec, *score(text), text))
    ranked: list[Reading] = []
    for reading in found:  # in preference order: a later one must be clearly better
        place = next(
            (i for i, r in enumerate(ranked) if reading.score > r.score + MARGIN), len(ranked)
        )
        ranked.insert(place, reading)
    return ranked


def single_byte(codec: str) -> bool:
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256


def guess(
    sample: bytes, favourite: str | None = None, fits: Callable[[str], bool] = lambda _: True
) -> Guess:
    """The best code page for ``sample`` that ``fits`` (decodes the whole file) and whether
    that is sure; latin_1, which reads every byte, when none does.
    ``favourite``: charset-normalizer's pick; when it is a multi-byte encoding it stands for
    all of them (this scoring cannot tell Shift_JIS from GB18030; its statistics can)."""
    if favourite is not None and single_byte(favourite):
        favourite = None
    ranked = readings(sample, favourite)
    if favourite is not None:
        ranked = [r for r in ranked if r.codec == favourite or single_byte(r.codec)]
    best = next((r for r in ranked if fits(r.codec)), None)  # (fits reads the whole file)
    if best is None:
        return Guess("latin_1", sure=False)
    # Sure when ahead of every other reading of the file by at least one letter a second
    # language has to explain.
    close = [
        r for r in ranked if r.text != best.text and (best.score - r.score) * best.judged < 0.5
    ]
    sure = best.score >= SURE_SCORE and (
        best.codec == favourite or not any(fits(r.codec) for r in close)
    )
    return Guess(best.codec, sure)
