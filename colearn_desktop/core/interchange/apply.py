"""Applying a plan: all or nothing, after a backup, as one undoable batch.

Order of safety: the plan was made from the whole file and has no errors; the file has not
changed since; a verified backup of the journal is taken; then *one* transaction writes every
row and the batch that records them.  Cancelling or any failure rolls the transaction back,
so the journal is exactly as before.  Listeners hear about the change only after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from colearn_desktop.core.events import Action as ChangeAction
from colearn_desktop.core.events import Topic
from colearn_desktop.core.fulltext.search_index import bulk_insert
from colearn_desktop.core.interchange.formats import Source
from colearn_desktop.core.interchange.plan import (
    Action,
    Cancelled,
    ImportPlan,
    PlannedRow,
    Progress,
    chunks,
    iter_records,
)
from colearn_desktop.core.interchange.readers.json_import import journal_is_empty, restore
from colearn_desktop.core.interchange.readers.json_stream import JournalExport
from colearn_desktop.core.interchange.record import (
    ImportCancelledError,
    ImportFileError,
    ImportProblem,
)
from colearn_desktop.core.interchange.writer import ContactWriter, sql_stamp
from colearn_desktop.core.people.contact_cache import bulk_load
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.undo_log import MAX_IMPORT_ROWS

# Makes a backup before a change ("import" ...); None when there was nothing to lose.
MakeBackup = Callable[[str], Path | None]


@dataclass(frozen=True)
class ImportReport:
    file: str
    format: str
    encoding: str
    new: int = 0
    merged: int = 0
    skipped: int = 0
    errors: int = 0
    warnings: int = 0
    problems: tuple[ImportProblem, ...] = ()
    omitted_problems: int = 0
    imported: bool = False
    dry_run: bool = False
    batch_id: int | None = None
    backup: Path | None = None
    restored: dict[str, int] = field(default_factory=dict)
    # Every row was skipped (already in the journal, or chosen so): nothing was written, no
    # backup made, no batch recorded.
    up_to_date: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "encoding": self.encoding,
            "imported": self.imported,
            "dry_run": self.dry_run,
            "batch": self.batch_id,
            "new": self.new,
            "merged": self.merged,
            "skipped": self.skipped,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [p.as_dict() for p in self.problems],
            "problems_not_listed": self.omitted_problems,
            "backup": str(self.backup) if self.backup else None,
            "restored": self.restored,
            "up_to_date": self.up_to_date,
        }


def plan_report(plan: ImportPlan, *, dry_run: bool = False) -> ImportReport:
    counts = plan.counts()
    return ImportReport(
        plan.source.path.name,
        plan.source.title,
        plan.source.encoding.label,
        counts["new"],
        counts["merged"],
        counts["skipped"],
        plan.errors,
        plan.warnings,
        tuple(plan.problems),
        plan.omitted_problems,
        dry_run=dry_run,
        restored=dict(plan.restore_rows) if plan.restore else {},
    )


def apply_plan(
    ctx: ServiceContext,
    backup: MakeBackup,
    plan: ImportPlan,
    decisions: dict[int, Action] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    source = plan.source
    if not plan.ok:
        raise ImportFileError(
            f"{source.path.name} has {plan.errors} problem(s) to fix first; nothing was imported."
        )
    if not source.unchanged():
        raise ImportFileError(
            f"{source.path.name} changed since it was read; read it again before importing."
        )
    decisions = decisions or {}
    if not plan.restore and all(
        decisions.get(r.number, r.action) is Action.SKIP for r in plan.rows
    ):
        # A re-import that adds nothing: a backup (157 MB at 100,000 contacts) and an empty
        # batch to undo would only cost time and clutter the list of imports.
        skipped = len(plan.rows)
        return replace(plan_report(plan), new=0, merged=0, skipped=skipped, up_to_date=True)
    made = backup("import")
    now = ctx.clock.utcnow()
    counts = {"new": 0, "merged": 0, "skipped": 0}
    problems = list(plan.problems)
    size = sum(plan.counts().values())
    undoable = not plan.restore and size <= MAX_IMPORT_ROWS
    with ctx.db.raw(f"Import {source.path.name}", undoable=undoable) as connection:
        batch_id = connection.execute(
            "INSERT INTO import_batch (created_at, source_name, format) VALUES (?,?,?)",
            (sql_stamp(now), source.path.name, source.format.value),
        ).lastrowid
        assert batch_id is not None
        if plan.restore:
            if not journal_is_empty(connection):
                raise ImportFileError(
                    "The journal is no longer empty, so the export cannot be restored into it; "
                    "read the file again."
                )
            # The caches and the search index are filled once at the end, whatever order the
            # file's tables come in (a trigger per row would also be several times slower).
            with bulk_insert(connection), bulk_load(connection):
                inserted = restore(connection, JournalExport(source.path))
            for table, (_rows, low, high) in inserted.items():
                if high:
                    detail = f'{{"min": {low}, "max": {high}}}'
                    connection.execute(
                        "INSERT INTO import_batch_item (batch_id, entity, entity_id, action, "
                        "detail) VALUES (?,?,?,?,?)",
                        (batch_id, table, low, "restore", detail),
                    )
            counts["new"] = inserted.get("contact", (0, 0, 0))[0]
        else:
            writer = ContactWriter(
                connection,
                batch_id,
                now,
                ctx.clock.today(),
                plan.rows.merge_targets(),
                region=plan.region,
            )
            report = (lambda done: progress(done, source.size)) if progress else None
            _write_rows(
                source, plan.rows, decisions, writer, counts, report, cancelled, ctx.clock.today()
            )
            counts["new"], counts["merged"] = writer.new, writer.merged
            problems.extend(writer.problems)
        connection.execute(
            "UPDATE import_batch SET new_count = ?, merged_count = ?, skipped_count = ? "
            "WHERE id = ?",
            (counts["new"], counts["merged"], counts["skipped"], batch_id),
        )
    ctx.changed(Topic.CONTACTS, action=ChangeAction.CREATED | ChangeAction.UPDATED)
    ctx.changed(Topic.TAGS, action=ChangeAction.CREATED)
    ctx.changed(Topic.IMPORTS, batch_id, action=ChangeAction.CREATED)
    if plan.restore:
        for topic in (
            Topic.CONVERSATIONS,
            Topic.FAVOURS,
            Topic.PURCHASES,
            Topic.REMINDERS,
            Topic.REFERRALS,
            Topic.SETTINGS,
        ):
            ctx.changed(topic, action=ChangeAction.CREATED)
    return ImportReport(
        source.path.name,
        source.title,
        source.encoding.label,
        counts["new"],
        counts["merged"],
        counts["skipped"],
        plan.errors,
        plan.warnings + len(problems) - len(plan.problems),
        tuple(problems),
        plan.omitted_problems,
        imported=True,
        batch_id=batch_id,
        backup=made,
        restored=dict(plan.restore_rows) if plan.restore else {},
    )


def _write_rows(
    source: Source,
    planned: Iterable[PlannedRow],
    decisions: dict[int, Action],
    writer: ContactWriter,
    counts: dict[str, int],
    report: Callable[[int], None] | None,
    cancelled: Cancelled | None,
    today: date,
) -> None:
    """Write every planned row.  The search index and the contacts' cached list values are
    filled once at the end for the new and merged contacts (``writer.touched``) instead of by
    triggers firing for each row, e-mail and tag.  The file is read again in step with the
    plan (both in file order), so neither is ever whole in memory."""
    connection = writer.c
    rows = iter(planned)
    with bulk_insert(connection, writer.touched), bulk_load(connection, writer.touched):
        for chunk in chunks(iter_records(source, today, report)):
            if cancelled is not None and cancelled():
                raise ImportCancelledError
            for record in chunk:
                row = next(rows, None)
                if row is None or row.number != record.number or record.has_error:
                    raise ImportFileError(
                        f"{source.path.name} changed while it was imported; nothing was "
                        "imported. Read it again."
                    )
                action = decisions.get(record.number, row.action)
                target = row.target_id
                if row.target_row is not None:
                    target = writer.row_contact.get(row.target_row)
                if action is Action.SKIP or record.rejected:  # (a rejected row: always)
                    counts["skipped"] += 1
                elif action is Action.MERGE and target is not None:
                    writer.merge(record, target)
                else:
                    writer.add_new(record)
            writer.flush()
            del chunk  # (not held while the next chunk is read: see plan.chunks)
        if next(rows, None) is not None:
            raise ImportFileError(
                f"{source.path.name} changed while it was imported; nothing was imported. "
                "Read it again."
            )
        writer.resolve_referrals()
