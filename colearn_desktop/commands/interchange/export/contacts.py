"""``colearn export contacts``: contacts as CSV (ours, Google, Outlook) or vCard."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext, add_later
from colearn_desktop.commands.interchange.export import add_output, output_path


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "contacts",
        parents=[shared],
        help="contacts as CSV (every field), Google or Outlook CSV, or vCard",
        description="Write contacts to a file. CSV is UTF-8 with a byte-order mark and "
        "Excel-safe (a cell starting with = + - @ gets a leading apostrophe) unless told "
        "otherwise. In our CSV, several e-mails or phones share a cell, separated by '; ', "
        "each with its label in brackets.",
    )
    add_later(parser, _add_arguments)
    parser.set_defaults(run=run)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    from colearn_desktop.core.interchange.service import EXPORT_FORMATS

    add_output(parser, "FILE")
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    parser.add_argument("--vcard-version", choices=("4.0", "3.0"), default="4.0")
    parser.add_argument("--tag", metavar="T", help="only contacts with this tag")
    parser.add_argument("--include-archived", action="store_true", help="archived contacts too")
    parser.add_argument(
        "--no-excel-safety",
        action="store_true",
        help="write cells exactly as stored (for programs that are not spreadsheets)",
    )
    parser.add_argument("--no-bom", action="store_true", help="UTF-8 without a byte-order mark")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.interchange.writers.csv_export import CsvOptions
    from colearn_desktop.core.interchange.writers.export_query import ContactSelection
    from colearn_desktop.core.text import counted

    target = output_path(args, context)
    journal = context.open_journal(create=False)
    try:
        count = journal.interchange.export_contacts(
            target,
            args.format,
            ContactSelection(tag=args.tag, include_archived=args.include_archived),
            CsvOptions(excel_safe=not args.no_excel_safety, bom=not args.no_bom),
            vcard_version=args.vcard_version,
        )
    finally:
        journal.close()
    context.say(f"Wrote {counted(count, 'contact')} to {target}")
    return 0
