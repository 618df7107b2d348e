"""``colearn imports`` lists import batches; ``colearn undo-import BATCH`` undoes one."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    listing = subparsers.add_parser(
        "imports",
        parents=[shared],
        help="list past imports (newest first) with what each added",
        description="Every import is a batch that can be undone with 'colearn undo-import'.",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(run=run_list)
    undo = subparsers.add_parser(
        "undo-import",
        parents=[shared],
        help="undo an import: remove the contacts it added, take back what it merged",
        description="Undo import BATCH (see 'colearn imports'). Contacts it created are "
        "removed; fields, e-mails, phones and tags it added to existing contacts are taken "
        "back where you have not changed them since. Refused if a contact it created has "
        "conversations, favours or other history of its own. A backup is made first.",
    )
    undo.add_argument("batch", type=int, metavar="BATCH")
    undo.set_defaults(run=run_undo)


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        batches = journal.interchange.batches()
    finally:
        journal.close()
    if args.json:
        context.say_json([{**b.__dict__, "undone": b.undone} for b in batches])
        return 0
    if not batches:
        context.say("No imports yet.")
    for b in batches:
        state = f"undone {b.undone_at:%Y-%m-%d %H:%M}" if b.undone_at else "active"
        context.say(
            f"{b.id:>5}  {b.created_at:%Y-%m-%d %H:%M}  {b.source_name}  ({b.format}): "
            f"{b.new:,} new, {b.merged:,} merged, {b.skipped:,} skipped  [{state}]"
        )
    return 0


def run_undo(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        backup = journal.interchange.undo(args.batch)
    finally:
        journal.close()
    where = f" A backup from just before is at {backup}." if backup else ""
    context.say(f"Import {args.batch} was undone.{where}")
    return 0
