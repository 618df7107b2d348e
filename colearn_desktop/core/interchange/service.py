"""``journal.interchange``: import, undo and export, as the screens and commands call them.

An import is three calls so a screen can show each step: :meth:`inspect` (format, encoding,
columns), :meth:`plan` (every row read and checked; nothing written) and :meth:`apply` (the
plan, with the user's changed decisions, in one transaction after a backup).  ``plan`` and
``apply`` take ``progress(done, total)`` and ``cancelled()`` callbacks and may run on a worker
thread (each call borrows its own connection).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.core.interchange.apply import ImportReport, MakeBackup, apply_plan, plan_report
from colearn_desktop.core.interchange.formats import ImportFormat, Source, inspect_file
from colearn_desktop.core.interchange.plan import (
    Action,
    Cancelled,
    ImportPlan,
    Progress,
    build_plan,
)
from colearn_desktop.core.interchange.readers.vcard_reader import read_vcards
from colearn_desktop.core.interchange.record import (
    ImportCancelledError,
    ImportFileError,
    ImportRecord,
)
from colearn_desktop.core.interchange.undo import BatchView, list_batches, undo_batch
from colearn_desktop.core.interchange.values import DateOrder
from colearn_desktop.core.interchange.writers.csv_export import CsvOptions, write_csv
from colearn_desktop.core.interchange.writers.export_query import (
    ContactSelection,
    most_labelled,
    stream_contacts,
)
from colearn_desktop.core.interchange.writers.export_target import check_export_target, replacing
from colearn_desktop.core.interchange.writers.json_export import export_journal
from colearn_desktop.core.interchange.writers.ours_csv import write_ours
from colearn_desktop.core.interchange.writers.vcard_export import write_vcards
from colearn_desktop.core.people.duplicates.keys import default_region
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.settings import SettingsService

if TYPE_CHECKING:
    from colearn_desktop.core.people.contact_list import ContactRow

    pass

EXPORT_FORMATS = ("csv", "google-csv", "outlook-csv", "vcard")


class InterchangeService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService, backup: MakeBackup):
        self._ctx = ctx
        self._settings = settings
        self._backup = backup

    # -- import -----------------------------------------------------------------------------

    def inspect(
        self,
        path: Path,
        fmt: ImportFormat = ImportFormat.AUTO,
        mapping: str | None = None,
        *,
        allow_unmapped: bool = False,
        dates: DateOrder | None = None,
        encoding: str | None = None,
    ) -> Source:
        """``dates``: the user's day-or-month-first; ``encoding``: the one the user picked
        (a Python codec name); None to detect either."""
        return inspect_file(
            Path(path),
            fmt,
            mapping,
            allow_unmapped=allow_unmapped,
            dates=dates,
            encoding_name=encoding,
        )

    def preview_records(self, source: Source, count: int = 8) -> list[ImportRecord]:
        """The first ``count`` cards of a vCard file, read as the import will read them
        (quoted-printable and charsets decoded), for the preview; [] for other formats or when
        the file cannot be read (the plan then says why)."""
        if source.format is not ImportFormat.VCARD:
            return []
        records = read_vcards(source.path, source.encoding, self._ctx.clock.today())
        try:
            return list(itertools.islice(records, count))
        except (ImportFileError, OSError):
            return []
        finally:
            records.close()

    def plan(
        self, source: Source, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ImportPlan:
        region = self._settings.get().phone_region or default_region()
        return build_plan(
            self._ctx.db, source, self._ctx.clock.today(), progress, cancelled, region
        )

    def apply(
        self,
        plan: ImportPlan,
        decisions: dict[int, Action] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        return apply_plan(self._ctx, self._backup, plan, decisions, progress, cancelled)

    def import_file(
        self,
        path: Path,
        fmt: ImportFormat = ImportFormat.AUTO,
        mapping: str | None = None,
        *,
        dry_run: bool = False,
        dates: DateOrder | None = None,
        encoding: str | None = None,
    ) -> ImportReport:
        """Inspect, plan and (unless ``dry_run`` or the file has errors) apply.  ``dates``:
        day or month first, when the file cannot tell (``date_order.py``)."""
        source = self.inspect(path, fmt, mapping, dates=dates, encoding=encoding)
        return self.import_source(source, dry_run=dry_run)

    def import_source(self, source: Source, *, dry_run: bool = False) -> ImportReport:
        """Plan and (unless ``dry_run`` or the file has errors) apply a file already
        inspected (``colearn import`` inspects before it opens the journal)."""
        plan = self.plan(source)
        if dry_run or not plan.ok:
            return plan_report(plan, dry_run=dry_run)
        return self.apply(plan)

    def batches(self) -> list[BatchView]:
        return list_batches(self._ctx)

    def undo(self, batch_id: int) -> Path | None:
        """Undo an import batch; returns the backup made just before (None when the journal
        had never changed, so there was nothing to back up)."""
        return undo_batch(self._ctx, self._backup, batch_id)

    # -- export -----------------------------------------------------------------------------

    def export_contacts(
        self,
        path: Path,
        fmt: str = "csv",
        selection: ContactSelection | None = None,
        options: CsvOptions | None = None,
        *,
        vcard_version: str = "4.0",
        progress: Callable[[int], None] | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        """Write the selected contacts to ``path``; returns how many.  ``path`` must pass
        :func:`check_export_target` (never the journal, a backup, a FIFO ...; the caller asks
        before replacing an existing file); it is written owner-only through a temporary file
        renamed into place at the end (:func:`replacing`), so a cancelled or failed export
        leaves no half file behind and never damages an earlier export of the same name."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        selection = selection or ContactSelection()
        options = options or CsvOptions()
        ids = None
        if selection.query is not None:
            ids = [row.id for row in self._contact_ids(selection)]
        settings = self._settings.get()

        def tick(done: int) -> None:
            if cancelled is not None and cancelled():
                raise ImportCancelledError
            if progress is not None:
                progress(done)

        target = check_export_target(path, self._ctx.db.path).path
        encoding = "utf-8-sig" if options.bom and fmt != "vcard" else "utf-8"
        with self._ctx.db.read_raw() as connection, replacing(target, encoding=encoding) as out:
            rows = stream_contacts(connection, settings, selection, ids, with_photo=fmt == "vcard")
            if fmt == "csv":
                written = write_ours(out, connection, selection, ids, options.excel_safe, tick)
            elif fmt == "vcard":
                written = write_vcards(out, rows, vcard_version, tick)
            else:
                counts = most_labelled(connection)
                written = write_csv(out, fmt, rows, options, counts, tick)
        return written

    def _contact_ids(self, selection: ContactSelection) -> list[ContactRow]:
        from colearn_desktop.core.people.contact_list import ContactListService

        assert selection.query is not None
        return ContactListService(self._ctx).rows(selection.query)

    def export_journal(
        self, path: Path, progress: Callable[[int, int], None] | None = None
    ) -> dict[str, int]:
        """Every table to ``path`` as JSON; the same rules for ``path`` as
        :meth:`export_contacts`."""
        target = check_export_target(path, self._ctx.db.path).path
        return export_journal(self._ctx.db, target, self._ctx.clock.now(), progress)
