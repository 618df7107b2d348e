"""The journal's backups: making them when something changed, listing, thinning, mirroring.

How "nothing changed since the last backup" is known, across processes
-----------------------------------------------------------------------
Every write transaction that changed at least one row also stores a fresh random *change tag*
in the database header (``PRAGMA user_version``), inside the same transaction, so the tag is
exactly as durable as the change itself, whichever process (app, command line, importer) made
it.  The backup API copies the header, so every backup carries the tag of the state it holds.
The journal is unchanged since the newest backup when its tag and schema revision equal that
backup's.  Random tags rather than a counter: after a restore a counter would repeat values
that older backups carry for other content.  A fresh journal has tag 0 (never changed).
Changes made by other programs (an SQLite browser) do not set the tag; they are backed up with
the next change made through CoLearn.  The hook counts rows written on the connection in any
schema, temporary tables included, so reads must never write (not even to ``temp``): the FTS5
probe runs on a connection of its own for that reason (``search_schema.fts5_available``).
"""

from __future__ import annotations

import builtins
import json
import logging
import os
import secrets
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.events import Action, Topic
from colearn_desktop.core.storage.backups.policy import Retention, to_delete
from colearn_desktop.core.storage.backups.restore import RestoreOutcome, restore_into_open
from colearn_desktop.core.storage.backups.verified_copy import (
    BackupError,
    Counts,
    backup_into,
    check_backup,
    copy_verified,
    file_counts,
    parse_backup_name,
    read_counts,
    read_revision,
    read_tag,
)
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.core.storage.migrate import known_revisions, read_only_uri

if TYPE_CHECKING:  # (imported with the ORM, after the window has painted)
    from sqlalchemy import Connection, Engine

    from colearn_desktop.core.storage.settings import SettingsService

log = logging.getLogger(__name__)

INDEX_FILE = "index.json"
_BEFORE_KEY = "colearn_changes_before"


def _begin(connection: Connection) -> None:
    raw = connection.connection.driver_connection
    assert raw is not None
    connection.info[_BEFORE_KEY] = raw.total_changes


def _commit(connection: Connection) -> None:
    raw = connection.connection.driver_connection
    assert raw is not None
    if raw.total_changes != connection.info.pop(_BEFORE_KEY, None):
        tag = secrets.randbelow(2**31 - 1) + 1  # an int we made: safe to put in a PRAGMA
        raw.execute(f"PRAGMA user_version = {tag}")


def track_changes(engine: Engine) -> None:
    """Stamp a new change tag in every transaction that changes rows (see the module doc)."""
    from sqlalchemy import event

    if not event.contains(engine, "commit", _commit):
        event.listen(engine, "begin", _begin)
        event.listen(engine, "commit", _commit)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    counts: Counts | None = None  # None when the file cannot be read
    revision: str | None = None
    tag: int = 0


@dataclass(frozen=True)
class BackupOutcome:
    """``path`` holds the journal as it is now: a new backup (``made``) or, when nothing had
    changed, the newest existing one (``None`` for a journal that was never changed, which
    needs no backup).  ``problems``: what went wrong with mirroring or thinning (the backup
    itself is fine)."""

    path: Path | None
    made: bool
    problems: tuple[str, ...] = field(default_factory=tuple)


def _describe(path: Path, cache: dict[str, dict[str, Any]]) -> BackupInfo | None:
    parsed = parse_backup_name(path.name)
    if parsed is None:
        return None
    taken_at, reason = parsed
    try:
        stat = path.stat()
    except OSError:
        return None
    key = f"{stat.st_size}:{stat.st_mtime_ns}"
    cached = cache.get(path.name)
    if cached and cached.get("key") == key:
        counts = Counts(**cached["counts"]) if cached.get("counts") else None
        return BackupInfo(
            path, taken_at, reason, stat.st_size, counts, cached.get("revision"), cached["tag"]
        )
    counts, revision, tag = None, None, 0
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            revision, tag = read_revision(connection), read_tag(connection)
        finally:
            connection.close()
        counts = file_counts(path)
    except (sqlite3.Error, ValueError):  # ValueError: a damaged file's bytes are not text
        pass
    cache[path.name] = {
        "key": key,
        "counts": asdict(counts) if counts else None,
        "revision": revision,
        "tag": tag,
    }
    return BackupInfo(path, taken_at, reason, stat.st_size, counts, revision, tag)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, with their counts (cached in ``index.json``
    so that listing stays fast however big the journal grows)."""
    if not folder.is_dir():
        return []
    index = folder / INDEX_FILE
    try:
        cache = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    before = json.dumps(cache, sort_keys=True)
    infos = [info for path in folder.iterdir() if (info := _describe(path, cache))]
    infos.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    names = {info.path.name for info in infos}
    cache = {name: value for name, value in cache.items() if name in names}
    if json.dumps(cache, sort_keys=True) != before:
        try:
            index.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
            if os.name == "posix":
                os.chmod(index, 0o600)
        except OSError:
            pass  # only a cache
    return infos


class BackupService:
    """``journal.backups``: what the app, the commands and other services call."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService, folder: Path):
        self._ctx = ctx
        self._settings = settings
        self.folder = folder
        self.local = LocalSettings(ctx.db.path.parent)
        track_changes(ctx.db.engine)

    # -- state ----------------------------------------------------------------------------

    def list(self) -> list[BackupInfo]:
        return list_backups(self.folder)

    def newest(self) -> BackupInfo | None:
        backups = self.list()
        return backups[0] if backups else None

    def current_tag(self) -> tuple[int, str | None]:
        with self._ctx.db.read_raw() as connection:
            return read_tag(connection), read_revision(connection)

    def current_counts(self) -> Counts:
        with self._ctx.db.read_raw() as connection:
            return read_counts(connection)

    def has_changes(self, newest: BackupInfo | None = None) -> bool:
        """Whether the journal holds anything its newest backup does not."""
        newest = newest or self.newest()
        tag, revision = self.current_tag()
        if newest is None:
            return tag != 0
        return (tag, revision) != (newest.tag, newest.revision)

    def due(self, every: timedelta = timedelta(days=1)) -> bool:
        """A periodic backup is due: something changed and the newest backup is older than
        ``every`` (or there is none)."""
        newest = self.newest()
        if not self.has_changes(newest):
            return False
        return newest is None or self._ctx.clock.now() - newest.taken_at >= every

    def retention(self) -> Retention:
        settings = self._settings.get()
        return Retention(
            daily=settings.backup_keep_daily,
            weekly=settings.backup_keep_weekly,
            monthly=settings.backup_keep_monthly,
        )

    # -- making ---------------------------------------------------------------------------

    def make(self, reason: str, *, force: bool = False) -> BackupOutcome:
        """Back the journal up (verified, atomic) unless nothing changed since the newest
        backup (``force`` backs up anyway), then thin and mirror.  Raises
        :class:`BackupError` when the backup itself fails; earlier backups are untouched."""
        newest = self.newest()
        if not force and not self.has_changes(newest):
            return BackupOutcome(newest.path if newest else None, made=False)
        path = backup_into(self._ctx.db.path, self.folder, self._ctx.clock.now(), reason)
        problems: list[str] = []
        try:
            self.thin()
        except OSError as error:
            problems.append(f"Old backups could not be thinned: {error}")
        problem = self._mirror(path)
        if problem:
            problems.append(problem)
        for text in problems:
            log.warning("%s", text)
        return BackupOutcome(path, made=True, problems=tuple(problems))

    def before(self, what: str) -> Path | None:
        """A backup holding the journal as it is now, made before ``what`` ("import",
        "bulk-delete", "restore" ...); returns its path for the message that says so
        (``None``: the journal was never changed, there is nothing to lose)."""
        return self.make(f"before-{what}").path

    def thin(self) -> builtins.list[Path]:
        """Delete the backups the retention settings no longer keep; returns them."""
        now, retention = self._ctx.clock.now(), self.retention()
        doomed = to_delete([(i.taken_at, i.path) for i in self.list()], now, retention)
        for path in doomed:
            path.unlink(missing_ok=True)
        mirror = self.local.mirror_dir
        if mirror is not None and mirror.is_dir():
            copies = [(i.taken_at, i.path) for i in list_backups(mirror)]
            for path in to_delete(copies, now, retention):
                path.unlink(missing_ok=True)
        return doomed

    def _mirror(self, backup: Path) -> str:
        mirror = self.local.mirror_dir
        if mirror is None or mirror.resolve() == self.folder.resolve():
            return ""
        if not mirror.is_dir():
            return f"The mirror folder {mirror} is not available; the backup is only in {backup}."
        try:
            copy_verified(backup, mirror / backup.name)
        except (OSError, BackupError) as error:
            return f"The backup could not be copied to {mirror}: {error}"
        return ""

    def set_mirror_dir(self, folder: Path | None) -> None:
        self.local.set_mirror_dir(folder)

    # -- checking and restoring --------------------------------------------------------------

    def _keep_before_restore(self) -> Path:
        outcome = self.make("before-restore")
        if outcome.path is None:  # never changed: keep it anyway, to have a way back
            outcome = self.make("before-restore", force=True)
        assert outcome.path is not None
        return outcome.path

    def restore(self, backup: Path) -> RestoreOutcome:
        """Replace the journal's content with ``backup`` after backing the journal up (see
        :mod:`core.restore`); every screen is told that everything changed."""
        try:
            outcome = restore_into_open(self._ctx.db, backup, self._keep_before_restore)
        finally:
            # Even a failed restore may have put the old journal back.
            self._ctx.changed(Topic.JOURNAL, action=Action.ANY)
        return outcome


def newest_good_backup(folders: list[Path | None]) -> BackupInfo | None:
    candidates: list[BackupInfo] = []
    for folder in folders:
        if folder is not None:
            candidates.extend(list_backups(folder))
    candidates.sort(key=lambda info: info.taken_at, reverse=True)
    for info in candidates:
        check = check_backup(info.path)
        if check.ok and check.revision in known_revisions():
            return info
    return None
