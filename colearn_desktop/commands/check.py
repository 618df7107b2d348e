"""``colearn check``: is the journal healthy?  Prints ``ok`` or every problem found."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "check",
        parents=[shared],
        help="check the journal's integrity and schema revision",
        description="Run SQLite's integrity check, the foreign-key check and the journal's "
        "own consistency checks. Prints 'ok' and exits 0 when all pass.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        problems = journal.check(full=True)
    finally:
        journal.close()
    if problems:
        print(f"{context.paths.journal} has problems:", file=context.stderr)
        for problem in problems:
            print(f"  - {problem}", file=context.stderr)
        return 1
    context.say("ok")
    return 0
