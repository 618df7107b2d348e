"""``colearn duplicates``: contacts that are probably the same person, best first, each
group with why; ``--not-same A B`` remembers that two contacts are different people."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from colearn_desktop.commands.base import CommandContext

if TYPE_CHECKING:
    from colearn_desktop.core.people.duplicates.service import DuplicateGroup, Member


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "duplicates",
        parents=[shared],
        help="list contacts that are probably the same person",
        description="List groups of active contacts that are probably one person, surest "
        "first, with why: the same e-mail or phone number (read in the journal's phone "
        "region), the same name in any order, accents and case, or a similar name with the "
        "same company or work e-mail domain. Nothing is changed; pairs marked with "
        "--not-same are never listed again.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--limit", type=_positive, metavar="N", help="at most N groups")
    parser.add_argument(
        "--not-same",
        nargs=2,
        type=_positive,
        metavar=("A", "B"),
        help="remember that contacts A and B (ids) are different people (colearn undo "
        "takes it back)",
    )
    parser.set_defaults(run=run)


def _member_line(member: Member) -> str:
    parts = [member.name, member.company, member.email]
    return f"  #{member.id}  " + ", ".join(part for part in parts if part)


def _group_json(group: DuplicateGroup) -> dict[str, Any]:
    return {
        "score": group.score,
        "contacts": [m.__dict__ for m in group.members],
        "pairs": [
            {
                "a": pair.a,
                "b": pair.b,
                "score": pair.score,
                "reasons": [{"why": str(r.why), "detail": r.detail} for r in pair.reasons],
            }
            for pair in group.pairs
        ],
    }


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        if args.not_same:
            first, second = args.not_same
            journal.duplicates.mark_not_same(first, second)
            context.say(
                f"Marked #{first} and #{second} as different people: they will not be "
                "listed together again (colearn undo takes it back)."
            )
            return 0
        groups = journal.duplicates.groups(limit=args.limit)
    finally:
        journal.close()
    if args.json:
        context.say_json([_group_json(group) for group in groups])
        return 0
    if not groups:
        context.say("No likely duplicates among the active contacts.")
        return 0
    for number, group in enumerate(groups, start=1):
        context.say(f"{number}. {group.score}% sure")
        for member in group.members:
            context.say(_member_line(member))
        for pair in group.pairs:
            reasons = ", ".join(str(reason) for reason in pair.reasons)
            context.say(f"  #{pair.a} and #{pair.b}: {reasons}")
    context.say("Different people? colearn duplicates --not-same A B")
    return 0
