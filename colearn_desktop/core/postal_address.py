"""A contact's postal address in parts, and written out the way its country writes it.

Every exporter writes the parts (Google's ``Address 1 - City``, Outlook's ``Home City``,
vCard's ADR components); people read the address as one block, whose order depends on the
country: "Springfield, IL 62701" in the United States, "10115 Berlin" in Germany and most of
Europe, the town and the postcode on lines of their own in the United Kingdom, and from the
largest place to the smallest, after the 〒 postcode, in Japan.  A country we do not know is
written the European way, which is also how an address typed as one block reads best.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class AddressStyle(Enum):
    NORTH_AMERICA = "north_america"  # City, ST 12345
    UNITED_KINGDOM = "united_kingdom"  # City / POSTCODE
    JAPAN = "japan"  # 〒100-0001 / 東京都千代田区千代田1-1
    EUROPE = "europe"  # 10115 Berlin (also the default)


# Country names and codes as address books write them, compared case-folded.
_COUNTRIES: dict[AddressStyle, frozenset[str]] = {
    AddressStyle.NORTH_AMERICA: frozenset(
        {
            "us", "usa", "u.s.", "u.s.a.", "united states", "united states of america",
            "vereinigte staaten", "vereinigte staaten von amerika", "états-unis", "etats-unis",
            "estados unidos", "stati uniti", "verenigde staten", "アメリカ合衆国", "米国",
            "ca", "canada", "kanada", "canadá",
        }
    ),
    AddressStyle.UNITED_KINGDOM: frozenset(
        {
            "uk", "gb", "united kingdom", "great britain", "england", "scotland", "wales",
            "northern ireland", "vereinigtes königreich", "royaume-uni", "reino unido",
            "regno unito", "verenigd koninkrijk", "イギリス", "英国",
        }
    ),
    AddressStyle.JAPAN: frozenset({"jp", "japan", "japon", "japón", "giappone", "日本"}),
}  # fmt: skip


@dataclass(frozen=True)
class PostalAddress:
    """One address; ``street`` may hold several lines (a building, a second street line)."""

    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    label: str = ""  # "home", "work"

    @property
    def empty(self) -> bool:
        parts = (self.street, self.city, self.region, self.postal_code, self.country)
        return not any(part.strip() for part in parts)


def address_of(holder: object) -> PostalAddress:
    """The address of anything with the contact field list's attributes (a ContactInput,
    an export row)."""
    return PostalAddress(
        str(getattr(holder, "address", "") or ""),
        str(getattr(holder, "city", "") or ""),
        str(getattr(holder, "region", "") or ""),
        str(getattr(holder, "postal_code", "") or ""),
        str(getattr(holder, "country", "") or ""),
        str(getattr(holder, "address_label", "") or ""),
    )


def address_style(country: str) -> AddressStyle:
    folded = " ".join(country.split()).casefold()
    for style, names in _COUNTRIES.items():
        if folded in names:
            return style
    return AddressStyle.EUROPE


def _cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def _joined(*parts: str, sep: str = " ") -> str:
    return sep.join(part for part in parts if part)


def address_lines(address: PostalAddress) -> list[str]:
    """The address as its country writes it, one line per item (the country last)."""
    street = [line.strip() for line in address.street.splitlines() if line.strip()]
    city, region = address.city.strip(), address.region.strip()
    code, country = address.postal_code.strip(), address.country.strip()
    style = address_style(country)
    if style is AddressStyle.JAPAN and _cjk(address.street + city + region):
        lines = [f"〒{code}" if code else "", region + city + "".join(street)]
        return [line for line in (*lines, country) if line]
    if style is AddressStyle.NORTH_AMERICA or (
        style is AddressStyle.JAPAN and not _cjk(address.street + city + region)
    ):
        locality = [_joined(_joined(city, region, sep=", "), code)]
    elif style is AddressStyle.UNITED_KINGDOM:
        locality = [city, region, code]
    else:
        locality = [_joined(code, city), region]
    return [line for line in (*street, *locality, country) if line]


def format_address(address: PostalAddress, *, sep: str = "\n") -> str:
    """The address as text: on several lines, or ``sep=", "`` on one."""
    return sep.join(address_lines(address))
