"""``colearn import FILE``: bring contacts in from CSV, vCard or our JSON, as one undoable batch.

Prints the report (counts and every problem with its row or card number); exits 0 when the
file was imported (or, with ``--dry-run``, would be), 1 when it was rejected.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext, add_later

if TYPE_CHECKING:
    from colearn_desktop.core.interchange.apply import ImportReport

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
    from colearn_desktop.core.interchange.builder import MAPPABLE
    from colearn_desktop.core.interchange.formats import ImportFormat

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
        "text or a column number, FIELD one of: " + ", ".join(f.value for f in MAPPABLE),
    )
    parser.add_argument("--dry-run", action="store_true", help="check and report; change nothing")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _print(context: CommandContext, report: ImportReport) -> None:
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


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.interchange.formats import ImportFormat
    from colearn_desktop.core.interchange.record import ImportFileError

    journal = context.open_journal()
    try:
        try:
            report = journal.interchange.import_file(
                args.file, ImportFormat(args.format), args.map, dry_run=args.dry_run
            )
        except ImportFileError as error:
            if args.json:
                context.say_json({"imported": False, "error": str(error), "number": error.number})
            else:
                print(f"colearn: {error}", file=context.stderr)
            return EXIT_REJECTED
    finally:
        journal.close()
    if args.json:
        context.say_json(report.as_dict())
    else:
        _print(context, report)
    return 0 if report.imported or (report.dry_run and not report.errors) else EXIT_REJECTED
