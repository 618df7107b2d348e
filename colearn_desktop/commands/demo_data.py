"""``colearn demo-data``: fill a journal with realistic invented people and history."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "demo-data",
        parents=[shared],
        help="fill an empty journal with realistic demo data",
        description="Fill an empty journal with invented contacts and three years of history. "
        "The same seed gives the same journal (for the same day).",
    )
    parser.add_argument("--contacts", type=_count, default=200, metavar="N")
    parser.add_argument("--conversations-per-contact", type=_count, default=10, metavar="K")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument(
        "--append", action="store_true", help="add to a journal that already has contacts"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.demo_journal.demo import generate_demo
    from colearn_desktop.core.text import counted

    journal = context.open_journal()
    try:
        report = generate_demo(
            journal,
            contacts=args.contacts,
            conversations_per_contact=args.conversations_per_contact,
            seed=args.seed,
            append=args.append,
        )
    finally:
        journal.close()
    context.say(
        f"Added {counted(report.contacts, 'contact')}, "
        f"{counted(report.conversations, 'conversation')}, "
        f"{counted(report.favours, 'favour')}, {counted(report.purchases, 'purchase')} and "
        f"{counted(report.reminders, 'reminder')} to {context.paths.journal} "
        f"in {report.seconds:.1f} s."
    )
    return 0
