"""Reading a whole file once, before anything is written: what each row would do.

The plan holds one small :class:`PlannedRow` per contact (number, name, e-mail, decision), in
a scratch database rather than in memory (see :mod:`.scratch`), and never the contacts
themselves; the rows are read again, one chunk at a time, when the import is applied.
Problems are kept up to ``MAX_PROBLEMS`` (the counts stay exact), so a file with a warning on
every row cannot fill the memory either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from colearn_desktop.core.interchange.formats import ImportFormat, Source
from colearn_desktop.core.interchange.matching import Match, Matcher, load_states, merge_delta
from colearn_desktop.core.interchange.plan_rows import Action, PlannedRow, PlannedRows
from colearn_desktop.core.interchange.readers.csv_reader import read_csv_records
from colearn_desktop.core.interchange.readers.json_import import contact_records, journal_is_empty
from colearn_desktop.core.interchange.readers.json_stream import JournalExport
from colearn_desktop.core.interchange.readers.vcard_reader import read_vcards
from colearn_desktop.core.interchange.record import (
    ImportCancelledError,
    ImportFileError,
    ImportProblem,
    ImportRecord,
    Severity,
)
from colearn_desktop.core.interchange.scratch import Scratch
from colearn_desktop.core.people.duplicates.journal_keys import JournalKeys
from colearn_desktop.core.people.duplicates.matcher import Why
from colearn_desktop.core.storage.db import Database
from colearn_desktop.core.text import display_name

CHUNK = 1000
# The photos a chunk of records may hold at most (see :func:`chunks`).
CHUNK_PHOTO_BYTES = 8 * 2**20
MAX_PROBLEMS = 1000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


__all__ = ["Action", "ImportPlan", "PlannedRow", "build_plan", "plan_summary"]


@dataclass
class ImportPlan:
    source: Source
    scratch: Scratch = field(default_factory=Scratch, repr=False)
    rows: PlannedRows = field(init=False, repr=False)
    problems: list[ImportProblem] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    # A JSON journal export going into an empty journal: every table is restored.
    restore: bool = False
    restore_rows: dict[str, int] = field(default_factory=dict)
    # Where phone numbers without a country code are from: matching and merging compare
    # numbers as E.164 read there.
    region: str = ""

    def __post_init__(self) -> None:
        self.rows = PlannedRows(self.scratch)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def add_problem(self, problem: ImportProblem) -> None:
        if problem.severity is Severity.ERROR:
            self.errors += 1
        else:
            self.warnings += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    @property
    def omitted_problems(self) -> int:
        return self.errors + self.warnings - len(self.problems)

    def counts(self) -> dict[str, int]:
        counts = self.rows.counts()
        return {
            "new": counts[Action.NEW],
            "merged": counts[Action.MERGE],
            "skipped": counts[Action.SKIP],
        }


def iter_records(
    source: Source,
    today: date,
    progress: Callable[[int], None] | None = None,
    filled: set[int] | None = None,
) -> Iterator[ImportRecord]:
    """Every record of the file, in order (empty rows included, flagged ``empty``).
    ``filled``: see :func:`read_csv_records`."""
    if source.format is ImportFormat.VCARD:
        yield from read_vcards(source.path, source.encoding, today, progress)
    elif source.format is ImportFormat.JSON:
        yield from contact_records(JournalExport(source.path), today)
    else:
        assert source.layout is not None
        yield from read_csv_records(
            source.path, source.encoding, source.layout, list(source.targets), today,
            strict=source.strict, progress=progress, filled=filled, order=source.dates.order,
            noted=source.format is ImportFormat.OUTLOOK_CSV,
        )  # fmt: skip


def chunks(records: Iterator[ImportRecord], size: int = CHUNK) -> Iterator[list[ImportRecord]]:
    """Records ``size`` at a time, or fewer when their photos add up to ``CHUNK_PHOTO_BYTES``:
    a chunk is held whole (and written in one go), so forty 2 MB photos must not be."""
    chunk: list[ImportRecord] = []
    photo_bytes = 0
    for record in records:
        if record.empty:
            continue
        chunk.append(record)
        photo_bytes += len(record.photo.data) if record.photo is not None else 0
        if len(chunk) == size or photo_bytes >= CHUNK_PHOTO_BYTES:
            yield chunk
            chunk, photo_bytes = [], 0
    if chunk:
        yield chunk


def record_name(record: ImportRecord) -> str:
    data = record.data
    return display_name(data.given_name, data.family_name, data.name)


def _detail(record: ImportRecord) -> str:
    data = record.data
    if data.emails:
        return data.emails[0].value
    return data.phones[0].value if data.phones else data.company


def build_plan(
    db: Database,
    source: Source,
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    region: str = "",
) -> ImportPlan:
    """``region``: where phone numbers without a country code are from (the journal's).
    Raises :class:`ImportFileError` when the file's dates could be day or month first and
    nobody said which."""
    if source.dates.must_ask:
        raise ImportFileError(
            f"{source.path.name}: its birthdays could be read day first or month first "
            f"({source.dates.ambiguous}), and neither the other dates nor the column names "
            "say which; nothing was imported. Say how they are written: --dates dmy (day "
            "first, 03/04/1980 is 3 April) or --dates mdy (month first, 4 March), or pick it "
            "in the import window."
        )
    plan = ImportPlan(source, region=region)
    report = (lambda done: progress(done, source.size)) if progress else None
    with db.read_raw() as connection:
        if source.format is ImportFormat.JSON and journal_is_empty(connection):
            return _restore_plan(plan, today)
        matcher = Matcher(connection, plan.scratch, region)
        likely = JournalKeys(connection, region)
        filled: set[int] = set()
        for chunk in chunks(iter_records(source, today, report, filled)):
            if cancelled is not None and cancelled():
                raise ImportCancelledError
            _plan_chunk(plan, chunk, matcher, connection, likely)
            del chunk  # (not held while the next one is read: see chunks)
    if filled:
        names = ", ".join(repr(source.header[i]) for i in sorted(filled))
        plan.add_problem(
            ImportProblem(
                0,
                "",
                f"columns not imported: {names}. Their values are not read; to keep one, "
                "choose a field for its column (the column step of the import window, or --map)",
                Severity.WARNING,
            )
        )
    if source.format is ImportFormat.JSON:
        plan.add_problem(
            ImportProblem(
                0,
                "",
                "the journal already has contacts, so only the contacts of this export are "
                "imported (conversations, favours, purchases and reminders are not)",
                Severity.WARNING,
            )
        )
    if source.encoding.warning:
        plan.add_problem(ImportProblem(0, "", source.encoding.warning, Severity.WARNING))
    if not plan.rows and plan.ok:
        plan.add_problem(ImportProblem(0, "", "the file holds no contacts", Severity.ERROR))
    return plan


def _plan_chunk(
    plan: ImportPlan,
    chunk: list[ImportRecord],
    matcher: Matcher,
    connection: sqlite3.Connection,
    likely: JournalKeys,
) -> None:
    matches = matcher.match(chunk)
    states = load_states(connection, {m.contact_id for m in matches if m and m.contact_id})
    for record in chunk:
        for problem in record.problems:
            plan.add_problem(problem)
        name, detail, error = record_name(record), _detail(record), record.has_error
        if record.rejected:
            reason = f"skipped: {record.rejected}"
            plan.rows.append(
                PlannedRow(record.number, name, detail, Action.SKIP, reason=reason, rejected=True)
            )
            continue
        match = matcher.resolve(record)
        likely_match = None if match else _likely(likely, record)
        hint = None if match else matcher.namesake(record) or likely_match
        if likely_match is not None and likely_match.reason.startswith(Why.SAME_PHONE):
            # The same number written another way is the same phone: a match, as when
            # written alike ("020 7946 0958" and "+44 20 7946 0958").
            match = Match(likely_match.contact_id, None, likely_match.name, Why.SAME_PHONE)
            assert match.contact_id is not None  # (JournalKeys answers journal contacts)
            states.update(load_states(connection, {match.contact_id}))
        if match is None:
            row = _new_row(record, name, detail, hint)
            matcher.remember(record, name)
        elif match.contact_id is None:
            row = PlannedRow(
                record.number, name, detail, Action.MERGE, None, match.row, match.name,
                f"{match.reason} as row {match.row}", error,
            )  # fmt: skip
        else:
            delta = merge_delta(states[match.contact_id], record, plan.region)
            action = Action.MERGE if delta else Action.SKIP
            reason = delta.summary() if delta else "nothing new: already in the journal"
            row = PlannedRow(
                record.number, name, detail, action, match.contact_id, None, match.name,
                f"{match.reason}; {reason}", error,
            )  # fmt: skip
        plan.rows.append(row)


def _new_row(record: ImportRecord, name: str, detail: str, namesake: Match | None) -> PlannedRow:
    """A new contact.  When someone of the same name exists with another e-mail or phone, the
    row stays new (two people are never merged on a name) but carries that someone as the
    target the user may choose to merge into."""
    error = record.has_error
    if namesake is None:
        return PlannedRow(record.number, name, detail, Action.NEW, reason="new", has_error=error)
    where = f"row {namesake.row}" if namesake.contact_id is None else "a contact in the journal"
    if namesake.reason == "same name":
        reason = f"new; same name as {where}, another e-mail or phone: merge if the same person"
    else:
        reason = f"new; looks like {where} ({namesake.reason}): merge if the same person"
    return PlannedRow(
        record.number, name, detail, Action.NEW, namesake.contact_id, namesake.row,
        namesake.name, reason, error,
    )  # fmt: skip


def _likely(keys: JournalKeys, record: ImportRecord) -> Match | None:
    """A journal contact the row probably is although neither its e-mails, phones nor name
    matched as written: its name in another order or spelling of accents, or its phone
    written another way ("020 7946 0958" and "+44 20 7946 0958")."""
    found = keys.likely(record.data)
    if found is None:
        return None
    # (Not "same name": that reason is the importer's own, for a name written the same way.)
    words = str(found.reason) if found.reason.detail else "same name, written another way"
    return Match(found.contact_id, None, found.name, words)


def _restore_plan(plan: ImportPlan, today: date) -> ImportPlan:
    export = JournalExport(plan.source.path)
    plan.restore = True
    counts: dict[str, int] = {}
    for record in contact_records(export, today, counts):
        plan.rows.append(
            PlannedRow(
                record.number, record_name(record), _detail(record), Action.NEW, reason="restore"
            )
        )
    plan.restore_rows = counts  # (counted while the contacts were read)
    return plan


def plan_summary(plan: ImportPlan) -> dict[str, Any]:
    return {
        "file": plan.source.path.name,
        "format": plan.source.title,
        "encoding": plan.source.encoding.label,
        **plan.counts(),
        "errors": plan.errors,
        "warnings": plan.warnings,
    }
