"""A contacts CSV to import, in CoLearn's own format (the header ``colearn export contacts``
writes, read from the same list, so a new field is a new, empty column here), with every person
distinct: unique names, e-mail addresses and phone numbers, so an
import into an empty journal adds one contact per row (nothing is merged).  Deterministic for
a count and a seed.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from colearn_desktop.core.contact_fields import BY_NAME
from colearn_desktop.core.interchange.csv_profiles import OURS_HEADER

HEADER = OURS_HEADER
# Two of the columns the journal computes, written as an export would (an import ignores them).
DISPLAY_NAME, ADDED = "Display name", "Added"

GIVEN = (
    "Ana", "Ben", "Chloé", "Dara", "Emeka", "Freja", "Gökhan", "Hana", "Íñigo", "Jonas", "Kavya",
    "Lena", "Mateo", "Nour", "Olga", "Priya", "Quentin", "Rosa", "Søren", "Tomás", "Uma",
    "Vikram", "Wen", "Yusuf", "Zoë",
)  # fmt: skip
SYLLABLES = (
    "ka", "lo", "mi", "ser", "ta", "ven", "ro", "da", "bel", "ni", "qu", "har", "sol", "ze",
    "mor", "li", "gan", "pe", "vu", "tis",
)  # fmt: skip
COMPANIES = ("", "", "Northwind", "Lumen Studio", "Atelier Nord", "Kaya & Co", "Bright Forge")
TITLES = ("Founder", "CTO", "Designer", "Marketing lead", "Programme manager")
STAGES = ("network", "network", "search", "shop", "help", "help")
TAGS = ("agency", "designer", "developer", "local", "nonprofit", "referrer", "partner")
HOW_MET = ("Met at a conference", "Former colleague", "Referred by a client", "Cold e-mail")
NOTES = (
    "",
    "Prefers e-mail; busy on Mondays.",
    "Runs a small studio; interested in a redesign next year.",
    "Asked about workshops for their team.",
)


def family_name(number: int) -> str:
    """A distinct, pronounceable family name for every number below 20**4."""
    parts = []
    for _ in range(4):
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def column(field: str) -> str:
    """Our CSV's column of a field of the contact field list."""
    return BY_NAME[field].ours_csv


def write_contacts_csv(path: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, restval="")
        writer.writeheader()
        for i in range(count):
            given, family = GIVEN[i % len(GIVEN)], family_name(i)
            company = rng.choice(COMPANIES)
            handle_ = f"{given}.{family}".lower().encode("ascii", "ignore").decode()
            emails = [f"{handle_}{i}@example.com (work)"]
            if rng.random() < 0.2:
                emails.append(f"{handle_}{i}@home.example (home)")
            phones = [f"'+44 20 {i // 10000:04d} {i % 10000:04d} (mobile)"] if i % 3 else []
            birthday = f"19{rng.randint(55, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            # The random draws stay in this order: a seed gives the same people as before.
            row = {
                column("given_name"): given,
                column("family_name"): family,
                DISPLAY_NAME: f"{given} {family}",
                column("company"): company,
                column("job_title"): rng.choice(TITLES) if company else "",
                column("emails"): "; ".join(emails),
                column("phones"): "; ".join(phones),
                column("birthday"): birthday if rng.random() < 0.3 else "",
                column("stage"): rng.choice(STAGES),
                column("cadence_days"): rng.choice(("", "", "30", "60")),
                column("tags"): ", ".join(sorted(rng.sample(TAGS, rng.randint(0, 2)))),
                column("how_met"): rng.choice(HOW_MET),
                column("notes"): rng.choice(NOTES),
                ADDED: f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
            writer.writerow(row)
    return path
