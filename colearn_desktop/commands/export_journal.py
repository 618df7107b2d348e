"""``colearn export journal``: everything, as JSON that imports back losslessly."""

from __future__ import annotations

import argparse
from pathlib import Path

from colearn_desktop.commands.base import CommandContext


def register(subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "journal",
        parents=[shared],
        help="the whole journal as JSON (every table; imports back into an empty journal)",
        description="Write every table of the journal to one JSON file. Importing it into an "
        "empty journal ('colearn import FILE.json') gives back the same data.",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        counts = journal.interchange.export_journal(args.output)
    finally:
        journal.close()
    context.say(
        f"Wrote {counts.get('contact', 0):,} contacts, {counts.get('conversation', 0):,} "
        f"conversations and {sum(counts.values()):,} rows in all to {args.output}"
    )
    return 0
