"""The referral templates shipped with the app, one JSON file per language.

``resources/referral_templates/<language>.json`` holds ``{"language": "en", "templates":
[{"key", "name", "subject", "body"}]}``; ``body`` is a list of lines (or one string), so a
translator never has to write ``\\n``.  Each default is copied into the journal once, under
``builtin_key = "<language>:<key>"``: after that it is the user's template, to edit or
archive, and an archived default never comes back.  A later version that ships a new default
adds just that one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from importlib.resources.abc import Traversable

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.referrals.templates import parse
from colearn_desktop.core.storage.models import ReferralTemplate

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class DefaultTemplate:
    builtin_key: str
    name: str
    subject: str
    body: str


def _folder() -> Traversable:
    return files("colearn_desktop.resources").joinpath("referral_templates")


def available_languages() -> tuple[str, ...]:
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in _folder().iterdir()
            if entry.name.endswith(".json")
        )
    )


def language_for(locale_name: str) -> str:
    """The shipped language for a locale name such as ``"pt_BR"`` or ``"de"`` (English when
    there is none)."""
    languages = available_languages()
    name = locale_name.replace("-", "_")
    for candidate in (name, name.split("_")[0].lower()):
        if candidate in languages:
            return candidate
    return FALLBACK_LANGUAGE


def load_defaults(language: str) -> list[DefaultTemplate]:
    """The defaults for ``language`` (a shipped language, see :func:`language_for`).

    Raises ``ValueError`` for a malformed file: a shipped template with a bad placeholder is a
    bug that a test catches, not something to hand to a user."""
    raw = json.loads(_folder().joinpath(f"{language}.json").read_text(encoding="utf-8"))
    found = []
    for entry in raw["templates"]:
        body = entry["body"]
        body = "\n".join(body) if isinstance(body, list) else str(body)
        template = DefaultTemplate(
            builtin_key=f"{language}:{entry['key']}",
            name=str(entry["name"]),
            subject=str(entry.get("subject", "")),
            body=body,
        )
        for text in (template.subject, template.body):
            problems = parse(text).problems
            if problems:
                raise ValueError(f"{template.builtin_key}: {problems[0].describe()}")
        found.append(template)
    return found


def insert_missing(session: Session, defaults: list[DefaultTemplate], now: datetime) -> int:
    """Insert the defaults whose ``builtin_key`` the journal has never had; returns how many."""
    keys = [d.builtin_key for d in defaults]
    present = set(
        session.scalars(
            select(col(ReferralTemplate.builtin_key)).where(
                col(ReferralTemplate.builtin_key).in_(keys)
            )
        ).all()
    )
    added = 0
    for default in defaults:
        if default.builtin_key in present:
            continue
        session.execute(
            sqlite_insert(ReferralTemplate)
            .values(
                name=default.name,
                subject=default.subject,
                body=default.body,
                builtin_key=default.builtin_key,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["builtin_key"])
        )
        added += 1
    return added
