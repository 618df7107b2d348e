"""``colearn export journal``: everything, as JSON that imports back losslessly."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext
from colearn_desktop.commands.interchange.export import add_output, output_path


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
    from colearn_desktop.core.text import counted

    target = output_path(args, context)
    journal = context.open_journal(create=False)
    try:
        counts = journal.interchange.export_journal(target)
    finally:
        journal.close()
    context.say(
        f"Wrote {counted(counts.get('contact', 0), 'contact')}, "
        f"{counted(counts.get('conversation', 0), 'conversation')} and "
        f"{counted(sum(counts.values()), 'row')} in all to {target}"
    )
    return 0
