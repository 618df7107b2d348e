"""``colearn export journal``: everything, as JSON that imports back losslessly."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext
from colearn_desktop.commands.export import add_output, output_path


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "journal",
        parents=[shared],
        help="the whole journal as JSON (every table; imports back into an empty journal)",
        description="Write every table of the journal to one JSON file. Importing it into an "
        "empty journal ('colearn import FILE.json') gives back the same data.",
    )
    add_output(parser, "FILE.json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    target = output_path(args, context)
    journal = context.open_journal(create=False)
    try:
        counts = journal.interchange.export_journal(target)
    finally:
        journal.close()
    context.say(
        f"Wrote {counts.get('contact', 0):,} contacts, {counts.get('conversation', 0):,} "
        f"conversations and {sum(counts.values()):,} rows in all to {target}"
    )
    return 0
