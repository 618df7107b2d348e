"""``colearn undo``: undo the journal's most recent operation, wherever it was made (the window
or a command); ``--redo`` does it again, ``--list`` shows the history, newest first."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "undo",
        parents=[shared],
        help="undo the most recent change (made here or in the window)",
        description="Undo the journal's most recent change, as Ctrl+Z in the window does: "
        "the same history, kept in the journal. Refused, with nothing changed, when what it "
        "changed was changed since by something outside that history.",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--redo", action="store_true", help="do the change undone last again")
    choice.add_argument(
        "--list", action="store_true", help="list the changes that can be undone or redone"
    )
    parser.add_argument("--json", action="store_true", help="with --list: print a JSON list")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        if args.list:
            history = journal.undo.history()
        else:
            step = journal.undo.redo() if args.redo else journal.undo.undo()
    finally:
        journal.close()
    if not args.list:
        context.say(f"{'Redone' if args.redo else 'Undone'}: {step.label}.")
        return 0
    if args.json:
        context.say_json([{**s.__dict__, "done_at": s.done_at.isoformat()} for s in history])
        return 0
    if not history:
        context.say("Nothing to undo yet.")
    for s in history:
        state = "undone (colearn undo --redo)" if s.undone else "done"
        context.say(f"{s.done_at.astimezone():%Y-%m-%d %H:%M}  {s.label}  [{state}]")
    return 0
