"""``colearn merge KEEP OTHER...``: merge contacts that are one person into the first one.

Contacts are named by number (``12`` or ``#12``, as ``colearn duplicates`` lists them) or by
stable id.  ``--prefer OTHER:field`` makes another contact's value of a single field win;
``--dry-run`` prints the plan and changes nothing.  The merge is one step of ``colearn undo``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from colearn_desktop.commands.base import CommandContext, CommandError

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal
    from colearn_desktop.core.people.merge.plan import MergePlan
    from colearn_desktop.core.people.merge.service import MergeResult


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "merge",
        parents=[shared],
        help="merge contacts that are one person",
        description="Merge OTHER contacts into KEEP: KEEP's value of each single field wins "
        "(or the other's when KEEP has none; --prefer picks another), e-mails, phones, links "
        "and tags are united, notes are joined, and every conversation, favour, purchase, "
        "reminder, referral ask and referral moves to KEEP. The others' ids keep naming KEEP. "
        "One step of colearn undo; a backup is taken first when more than one contact is "
        "merged into KEEP.",
    )
    parser.add_argument("keep", metavar="KEEP", help="the contact to keep (number or id)")
    parser.add_argument("others", metavar="OTHER", nargs="+", help="contacts merged into KEEP")
    parser.add_argument(
        "--prefer",
        action="append",
        default=[],
        metavar="OTHER:field,...",
        help="let OTHER's value of field win (name, company, job_title, birthday, stage, "
        "cadence, how_met, referred_by ...)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.set_defaults(run=run)


def _contact(journal: Journal, ref: str) -> int:
    """The contact ``ref`` names: a number (``12``, ``#12``) or a stable id."""
    number = ref.strip().removeprefix("#")
    if number.isdigit():
        return int(number)
    found = journal.contacts.resolve_uid(ref)
    if found is None:
        raise CommandError(
            f"{ref!r} is not a contact number or id of this journal; nothing was merged. "
            "colearn duplicates lists contacts by number."
        )
    return found


def _preferences(journal: Journal, texts: list[str]) -> dict[str, int]:
    prefer: dict[str, int] = {}
    for text in texts:
        ref, colon, fields = text.partition(":")
        if not colon or not ref or not fields.strip(","):
            raise CommandError(
                f"--prefer {text!r} must read OTHER:field,field (e.g. 12:company); "
                "nothing was merged.",
                exit_code=2,
            )
        contact = _contact(journal, ref)
        for field in fields.split(","):
            if field.strip():
                prefer[field.strip().replace("-", "_")] = contact
    return prefer


def _plan_json(plan: MergePlan, result: MergeResult | None) -> dict[str, Any]:
    merged = plan.merged()
    return {
        "kept": {"id": plan.kept.id, "name": plan.kept.display_name},
        "others": [{"id": o.id, "name": o.display_name} for o in plan.others],
        "fields": [
            {
                "field": field.key,
                "values": {str(i): value for i, value in plan.values(field)},
                "chosen": plan.winners[field.key],
            }
            for field in plan.differing()
        ],
        "emails": [e.value for e in merged.emails],
        "phones": [p.value for p in merged.phones],
        "links": [link.value for link in merged.links],
        "tags": list(merged.tags),
        "notes": merged.notes,
        "moves": plan.moves.__dict__,
        "merged": result is not None,
        "backup": str(result.backup) if result is not None and result.backup else None,
    }


def _say_plan(context: CommandContext, plan: MergePlan) -> None:
    others = ", ".join(f"{o.display_name} (#{o.id})" for o in plan.others)
    context.say(f"Merge into {plan.kept.display_name} (#{plan.kept.id}): {others}")
    for field in plan.differing():
        values = plan.values(field)
        chosen = dict(values)[plan.winners[field.key]]
        rest = ", ".join(f"#{i} {v or '(empty)'}" for i, v in values)
        context.say(f"  {field.title}: {chosen or '(empty)'}   [{rest}]")
    merged = plan.merged()
    for title, items in (
        ("E-mails", [e.value for e in merged.emails]),
        ("Phones", [p.value for p in merged.phones]),
        ("Links", [link.value for link in merged.links]),
        ("Tags", list(merged.tags)),
    ):
        if items:
            context.say(f"  {title}: {', '.join(items)}")
    context.say(f"  Moves: {', '.join(plan.moves.phrases()) or 'no history'}")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        kept = _contact(journal, args.keep)
        others = [_contact(journal, ref) for ref in args.others]
        plan = journal.merge.plan(kept, others, _preferences(journal, args.prefer))
        result = None if args.dry_run else journal.merge.merge(plan)
    finally:
        journal.close()
    if args.json:
        context.say_json(_plan_json(plan, result))
        return 0
    _say_plan(context, plan)
    if result is None:
        context.say("Nothing was changed (--dry-run).")
        return 0
    if result.backup is not None:
        context.say(f"A backup from before the merge: {result.backup}")
    context.say(f"Merged: {plan.label}. colearn undo brings them back.")
    return 0
