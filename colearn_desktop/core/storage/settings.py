"""Preferences that belong to the journal itself.

They travel with the journal file (and its backups), unlike window sizes, which belong to the
machine and live in Qt's settings.  Each preference is one row of JSON; a key this version
does not know is kept untouched, so an older app never erases a newer app's settings.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import FieldProblem, ValidationError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.models import Setting
from colearn_desktop.core.validation import MAX_CADENCE_DAYS, Problems

DEFAULT_STAGE_CADENCE: dict[str, int | None] = {
    Stage.NETWORK.value: 90,  # peers and referrers: once a quarter
    Stage.SEARCH.value: 21,  # looking around: every three weeks, not pushy
    Stage.SHOP.value: 7,  # deciding: weekly while it matters to them
    Stage.HELP.value: 60,  # bought: between purchases, every two months
}


@dataclass(frozen=True)
class JournalSettings:
    my_name: str = ""
    my_signature: str = ""
    my_offer: str = ""
    stage_cadence: dict[str, int | None] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_CADENCE)
    )
    # Days after the due date before a keep-in-touch item turns from amber to red.
    grace_days: int = 7
    # Check-ins after each purchase ("how is it going?", "anything new?").
    checkin_offsets: tuple[int, ...] = (14, 90)
    # A conversation this many days either side of a check-in date satisfies it.
    checkin_window_days: int = 7
    birthday_notice_days: int = 3
    owed_favour_stale_days: int = 30
    referral_ask_interval_days: int = 90
    referral_no_answer_days: int = 30
    # Days an ask waits for an answer before Today says "ask again or close the ask".
    referral_ask_nudge_days: int = 14
    # Backups kept: the newest of each of the last N days, ISO weeks and months that have one
    # (plus everything from the last two days); see core/backup_policy.py.
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    # Where phone numbers written without a country code are from ("GB", "US"), for finding
    # duplicates; empty: the region of this computer's locale.
    phone_region: str = ""


def _validate(settings: JournalSettings) -> None:
    problems: list[str] = []
    for stage in Stage:
        days = settings.stage_cadence.get(stage.value)
        if days is not None and not 1 <= days <= MAX_CADENCE_DAYS:
            problems.append(f"stage_cadence.{stage.value}")
    for name in (
        "grace_days",
        "checkin_window_days",
        "birthday_notice_days",
        "owed_favour_stale_days",
        "referral_ask_interval_days",
        "referral_no_answer_days",
        "referral_ask_nudge_days",
    ):
        if not 0 <= getattr(settings, name) <= MAX_CADENCE_DAYS:
            problems.append(name)
    if any(not 1 <= d <= MAX_CADENCE_DAYS for d in settings.checkin_offsets):
        problems.append("checkin_offsets")
    found = [FieldProblem(p, f"must be between 0 and {MAX_CADENCE_DAYS} days") for p in problems]
    found += _backup_problems(settings)
    found += _region_problems(settings.phone_region)
    typed = Problems()
    for name in ("my_name", "my_signature", "my_offer"):
        typed.check_text(name, getattr(settings, name))
    found += typed.items
    if found:
        raise ValidationError(found)


def _backup_problems(settings: JournalSettings) -> list[FieldProblem]:
    from colearn_desktop.core.storage.backups.policy import MAX_DAILY, MAX_MONTHLY, MAX_WEEKLY

    return [
        FieldProblem(name, f"must be between {low} and {high}")
        for name, low, high in (
            ("backup_keep_daily", 1, MAX_DAILY),  # the newest backup is always kept
            ("backup_keep_weekly", 0, MAX_WEEKLY),
            ("backup_keep_monthly", 0, MAX_MONTHLY),
        )
        if not low <= getattr(settings, name) <= high
    ]


def _region_problems(region: str) -> list[FieldProblem]:
    import phonenumbers  # only when settings change: its import costs at start-up

    if not region or region in phonenumbers.SUPPORTED_REGIONS:
        return []
    return [FieldProblem("phone_region", "must be a two-letter region code such as GB or US")]


# The row holding :meth:`SettingsService.calendar_id` (not a field of JournalSettings).
CALENDAR_ID_KEY = "calendar_id"


class SettingsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def get(self) -> JournalSettings:
        # A raw read: every screen asks for the settings on each refresh, and an ORM session
        # around two dozen rows cost more than the rows.
        with self._ctx.db.read_raw() as connection:
            stored = dict(connection.execute("SELECT key, value FROM setting").fetchall())
        values: dict[str, Any] = {}
        for f in fields(JournalSettings):
            if f.name in stored:
                try:
                    value = json.loads(stored[f.name])
                except ValueError:
                    continue
                if f.name == "checkin_offsets":
                    value = tuple(value)
                if f.name == "stage_cadence":
                    value = {**DEFAULT_STAGE_CADENCE, **value}
                values[f.name] = value
        return JournalSettings(**values)

    def calendar_id(self) -> str:
        """This journal's random identifier, made on first use and kept in the ``setting`` table
        (not a preference: never shown or changed).  Calendar UIDs carry it, so the demo
        journal's and the real journal's reminders never replace each other in a calendar."""
        query = select(col(Setting.value)).where(col(Setting.key) == CALENDAR_ID_KEY)
        with self._ctx.db.read() as session:
            found = session.scalar(query)
        if found is not None:
            known: str = json.loads(found)
            return known
        with self._ctx.db.write() as session:
            session.execute(
                sqlite_insert(Setting)
                .values(key=CALENDAR_ID_KEY, value=json.dumps(secrets.token_hex(8)))
                .on_conflict_do_nothing(index_elements=["key"])
            )
            found = session.scalar(query)  # another process may have made it first
        self._ctx.changed(Topic.SETTINGS)
        assert found is not None  # written just above, or by the process that won
        return str(json.loads(found))

    def update(self, **changes: Any) -> JournalSettings:
        """Change some settings; all are validated before any is written."""
        unknown = set(changes) - {f.name for f in fields(JournalSettings)}
        if unknown:
            raise ValidationError.single(sorted(unknown)[0], "is not a setting")
        current = self.get()
        if "stage_cadence" in changes:
            # Stored whole: the contact caches' triggers read every stage from this row.
            changes["stage_cadence"] = {**current.stage_cadence, **changes["stage_cadence"]}
        new = replace(current, **changes)
        _validate(new)
        with self._ctx.db.write("Change settings") as session:
            for name in changes:
                value = getattr(new, name)
                encoded = json.dumps(list(value) if isinstance(value, tuple) else value)
                session.execute(
                    sqlite_insert(Setting)
                    .values(key=name, value=encoded)
                    .on_conflict_do_update(index_elements=["key"], set_={"value": encoded})
                )
        self._ctx.changed(Topic.SETTINGS)
        return new
