"""``colearn import FILE``: bring contacts in from CSV, vCard or our JSON, as one undoable batch.

Prints the report (counts and every problem with its row or card number); exits 0 when the
file was imported, would be (``--dry-run``) or held nothing new, 1 when it was rejected.

The file is inspected before the journal is opened: a file that cannot be imported at all
never creates, upgrades or touches a journal, and its refusal has the report's JSON shape.
With no journal yet, the plan is made against a throw-away empty one, so a dry run or a
rejected file leaves no file behind.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext, add_later

if TYPE_CHECKING:
    from colearn_desktop.core.interchange.apply import ImportReport
    from colearn_desktop.core.interchange.formats import Source
    from colearn_desktop.core.interchange.record import ImportFileError

EXIT_REJECTED = 1


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=[shared],
        help="import contacts from a CSV, vCard or CoLearn JSON file",
        description="Import contacts. Everything is read and checked first; then the journal "
        "is backed up and the whole file is imported in one step, or nothing is. People "
        "already in the journal (same e-mail, phone or name) are merged: empty fields are "
        "filled, nothing you wrote is overwritten. Undo with 'colearn undo-import BATCH'.",
    )
    add_later(parser, _add_arguments)
    parser.set_defaults(run=run)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    from colearn_desktop.core.interchange.formats import ImportFormat
    from colearn_desktop.core.interchange.targets import mapping_names

    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--format",
        choices=[f.value for f in ImportFormat],
        default=ImportFormat.AUTO.value,
        help="what the file is (default: detected from its content)",
    )
    parser.add_argument(
        "--map",
        metavar="COLUMN=FIELD,...",
        help="which column holds what, for a CSV no known program wrote; COLUMN is the header "
        "text or a column number, FIELD one of: " + ", ".join(mapping_names()),
    )
    parser.add_argument(
        "--dates",
        choices=["dmy", "mdy"],
        help="how a CSV writes dates such as 03/04/1980, when its other dates and column names "
        "do not say: dmy (day first: 3 April) or mdy (month first: 4 March)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's text encoding when the detected one reads names wrong (utf-8, "
        "cp1252, cp1250, cp1251, iso-8859-2, mac_roman, shift_jis ...; default: detected)",
    )
    parser.add_argument("--dry-run", action="store_true", help="check and report; change nothing")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _print(context: CommandContext, report: ImportReport) -> None:
    if report.up_to_date:
        held = (
            f"the one contact of {report.file} is"
            if report.skipped == 1
            else f"all {report.skipped:,} contacts of {report.file} are"
        )
        context.say(
            f"Nothing to import: {held} already in your journal; nothing was changed and no "
            "backup was made."
        )
        return
    if report.imported:
        what = f"{report.file} ({report.format}, {report.encoding})"
        head = f"Imported {what} as import {report.batch_id}:"
    elif report.dry_run and not report.errors:
        head = f"Dry run: {report.file} ({report.format}, {report.encoding}) would import:"
    else:
        head = f"Nothing was imported from {report.file} ({report.format}, {report.encoding}):"
    context.say(head)
    context.say(f"  new      {report.new:>8,}")
    context.say(f"  merged   {report.merged:>8,}")
    context.say(f"  skipped  {report.skipped:>8,}  (already in the journal, or chosen so)")
    if report.restored:
        tables = ", ".join(f"{name} {count:,}" for name, count in report.restored.items())
        context.say(f"  restored: {tables}")
    for problem in report.problems:
        context.say(f"  {problem.severity}: {problem}")
    if report.omitted_problems:
        context.say(f"  ... and {report.omitted_problems:,} more problems")
    if report.backup:
        context.say(f"A backup from just before is at {report.backup}")


def _refused(args: argparse.Namespace, context: CommandContext, error: ImportFileError) -> int:
    """A file refused as a whole: one line on stderr, or (``--json``) the report's shape."""
    from colearn_desktop.core.interchange.apply import ImportReport
    from colearn_desktop.core.interchange.record import ImportProblem

    if args.json:
        problem = ImportProblem(error.number, "", str(error))
        report = ImportReport(
            args.file.name, "", "", errors=1, problems=(problem,), dry_run=args.dry_run
        )
        context.say_json(report.as_dict())
    else:
        print(f"colearn: {error}", file=context.stderr)
    return EXIT_REJECTED


def _into_new_journal(
    args: argparse.Namespace, context: CommandContext, source: Source
) -> ImportReport:
    """Import into a journal that does not exist yet.  The plan is made against an empty
    throw-away journal (what the new one will hold), so a dry run or a rejected file leaves
    no file at all; the journal is created only to apply a plan that imports something."""
    from colearn_desktop.core.interchange.apply import plan_report
    from colearn_desktop.core.opening import open_journal

    with tempfile.TemporaryDirectory(prefix="colearn-plan-") as folder:
        empty = open_journal(Path(folder) / "journal.sqlite3")
        try:
            plan = empty.interchange.plan(source)
        finally:
            empty.close()
    if args.dry_run or not plan.ok:
        return plan_report(plan, dry_run=args.dry_run)
    journal = context.open_journal()
    try:
        return journal.interchange.apply(plan)
    finally:
        journal.close()


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.interchange.formats import ImportFormat, inspect_file
    from colearn_desktop.core.interchange.record import ImportFileError
    from colearn_desktop.core.interchange.values import DateOrder

    try:
        source = inspect_file(
            args.file,
            ImportFormat(args.format),
            args.map,
            dates=DateOrder(args.dates) if args.dates else None,
            encoding_name=args.encoding,
        )
        if not context.paths.journal.exists():
            report = _into_new_journal(args, context, source)
        else:
            journal = context.open_journal()
            try:
                report = journal.interchange.import_source(source, dry_run=args.dry_run)
            finally:
                journal.close()
    except ImportFileError as error:
        return _refused(args, context, error)
    if args.json:
        context.say_json(report.as_dict())
    else:
        _print(context, report)
    succeeded = report.imported or report.up_to_date or (report.dry_run and not report.errors)
    return 0 if succeeded else EXIT_REJECTED
