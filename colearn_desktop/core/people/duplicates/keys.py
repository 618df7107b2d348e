"""The keys two records of one person share however they were typed.

A name key ignores accents, case, punctuation and word order, so "Zola-Durand, Émile" and
"Émile Zola-Durand" are one key.  Phone numbers are compared as E.164 (``phonenumbers``, the
journal's region for numbers written without a country code), and only numbers whose last
digits agree are parsed at all: parsing costs ~30 µs a number, which at 100,000 contacts is
most of the run, while two numbers with different trailing digits are never the same number.
"""

from __future__ import annotations

import locale
import re
from functools import lru_cache

from colearn_desktop.core.text import fold

# Digits compared before a number is parsed: a national number ends with the same digits
# however it is written ("020 7946 0958", "+44 20 7946 0958").
TRAILING_DIGITS = 7
_NOT_WORD = re.compile(r"[\W_]+")
# Mail services whose users share nothing but the provider: a shared domain there says nothing.
_FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
        "pm.me", "zoho.com", "mail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "yandex.ru",
        "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "orange.fr",
        "free.fr", "laposte.net", "libero.it", "t-online.de", "btinternet.com", "fastmail.com",
        "hey.com", "tutanota.com", "example.com", "example.org", "example.net",
    }
)  # fmt: skip
_FREE_MAIL_PREFIXES = ("yahoo.", "hotmail.", "outlook.", "live.", "gmx.", "ymail.")


def name_key(name: str) -> str:
    """The name as a sorted list of folded words: order, case, accents and punctuation do
    not matter ("Zola-Durand, Émile" → "durand emile zola")."""
    return " ".join(sorted(name_words(name)))


def name_words(name: str) -> list[str]:
    return [word for word in _NOT_WORD.split(fold(name)) if word]


def email_domain(address_key: str) -> str:
    """The domain of a (folded) address when it says where someone works; empty for free
    mail services and addresses without one."""
    domain = address_key.rpartition("@")[2].strip().rstrip(".")
    if not domain or domain in _FREE_MAIL or domain.startswith(_FREE_MAIL_PREFIXES):
        return ""
    return domain


def company_key(company: str) -> str:
    return " ".join(name_words(company))


def default_region() -> str:
    """The region of this computer's locale ("en_GB" → "GB"), or "" when it names none."""
    try:
        language = locale.getlocale()[0] or ""
    except ValueError:
        language = ""
    region = language.partition("_")[2][:2].upper()
    return region if region.isalpha() and len(region) == 2 else ""


def trailing_digits(number_key: str) -> str:
    """The last digits of a stored number key (``core.text.phone_key``: digits, maybe a +)."""
    return number_key.lstrip("+")[-TRAILING_DIGITS:]


@lru_cache(maxsize=65536)
def phone_e164(number_key: str, region: str) -> str:
    """``number_key`` (digits with a leading ``+`` kept) as E.164, read in ``region`` when
    it has no country code; the digits themselves when it cannot be read as a number."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number_key, region or None)
    except phonenumbers.NumberParseException:
        return number_key
    if not phonenumbers.is_possible_number(parsed):
        return number_key
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# What follows a comma without being a given name: "King, Jr.", "Acme, Inc.".
_NOT_GIVEN = frozenset((
    "jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "dds", "esq", "mba", "msc", "bsc",
    "inc", "ltd", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas", "srl", "bv", "nv", "co",
    "corp", "kg", "oy", "ab", "as",
))  # fmt: skip


def family_comma_given(name: str) -> str | None:
    """ "Zola-Durand, Émile" as "Émile Zola-Durand" when it clearly is "Family, Given": one
    comma, words on both sides, and after it no suffix or company form.  Anything else gives
    None: the name is then matched only as written (and a namesake is a hint, not a merge)."""
    family, comma, given = name.partition(",")
    family, given = family.strip(), given.strip()
    if not comma or not family or not given or "," in given:
        return None
    if any(word.strip(".").casefold() in _NOT_GIVEN for word in given.split()):
        return None
    return f"{given} {family}"
