"""``colearn stats``: how much the journal holds."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "stats",
        parents=[shared],
        help="count contacts, conversations, favours, purchases ...",
        description="Row counts per kind (archived contacts and trashed rows are not counted "
        "with the active ones).",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(run=run)


LABELS = {
    "contacts": "contacts",
    "archived_contacts": "archived contacts",
    "conversations": "conversations",
    "favours": "favours",
    "open_favours": "  of which open",
    "purchases": "purchases",
    "reminders": "open reminders",
    "tags": "tags",
    "referral_asks": "referral asks",
}


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        counts = journal.stats().as_dict()
    finally:
        journal.close()
    if args.json:
        context.say_json(counts)
        return 0
    context.say(str(context.paths.journal))
    width = max(len(label) for label in LABELS.values())
    for key, label in LABELS.items():
        context.say(f"  {label:<{width}}  {counts[key]:>10,}")
    return 0
