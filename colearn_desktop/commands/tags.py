"""``colearn tags``: everything about tags in one command.

- ``colearn tags [--json]``: the tags, how many contacts carry each and their cadence;
- ``colearn tags --cadence TAG DAYS``: keep in touch every DAYS days with everyone tagged TAG
  who has no cadence of their own (``none`` removes it);
- ``colearn tags --add NAME | --remove NAME [--filter TEXT | --ids 1,2,3]``: tag (or untag)
  many contacts at once, as the contacts list's Selected menu does.

One command rather than ``tag`` and ``tags`` (one letter apart, easy to mix up); every change
is one step of ``colearn undo``.
"""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext, CommandError


def _days(text: str) -> int | None:
    if text.strip().lower() in ("none", "0", "-"):
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (or none)") from None


def _ids(text: str) -> tuple[int, ...]:
    try:
        ids = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of contact numbers such as 1,2,3"
        ) from None
    if not ids:
        raise argparse.ArgumentTypeError("name at least one contact number, such as 1,2,3")
    return ids


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "tags",
        parents=[shared],
        help="list tags; set a tag's cadence; add or remove a tag on many contacts",
        description="List the tags, how many active contacts carry each and how often to keep "
        "in touch with them (a contact's own cadence comes first, then the shortest of their "
        "tags', then their stage's); set a tag's cadence; or add a tag to, or remove it from, "
        "every active contact the filter matches (name, company, e-mail or tag, as the "
        "contacts list's filter) or the contacts numbered in --ids (without either, every "
        "active contact). Each change is one step of colearn undo.",
    )
    change = parser.add_mutually_exclusive_group()
    change.add_argument(
        "--cadence",
        nargs=2,
        metavar=("TAG", "DAYS"),
        help="keep in touch every DAYS days with everyone tagged TAG (none: remove it)",
    )
    change.add_argument("--add", metavar="NAME", help="add the tag NAME to many contacts")
    change.add_argument("--remove", metavar="NAME", help="remove the tag NAME from many contacts")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--filter", metavar="TEXT", default="", help="with --add/--remove: contacts matching TEXT"
    )
    which.add_argument(
        "--ids", type=_ids, help="with --add/--remove: these contacts, by number (1,2,3)"
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    if args.add is not None or args.remove is not None:
        return _tag_many(args, context)
    if args.filter or args.ids:
        raise CommandError("--filter and --ids choose contacts for --add or --remove; add one.")
    if args.cadence:
        return _set_cadence(args, context)
    return _list(args, context)


def _list(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.text import counted

    journal = context.open_journal(create=False)
    try:
        tags = journal.tags.all()
    finally:
        journal.close()
    if args.json:
        context.say_json([tag.__dict__ for tag in tags])
        return 0
    if not tags:
        context.say("No tags yet: add them to contacts in the app or with an import.")
    for tag in tags:
        cadence = f"every {counted(tag.cadence_days, 'day')}" if tag.cadence_days else "-"
        context.say(f"{tag.name}  ({counted(tag.contact_count, 'contact')})  {cadence}")
    return 0


def _set_cadence(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.text import counted

    try:
        days = _days(args.cadence[1])
    except argparse.ArgumentTypeError as error:
        raise CommandError(f"--cadence: {error}") from None
    journal = context.open_journal(create=False)
    try:
        tag = journal.tags.named(args.cadence[0])
        journal.tags.set_cadence(tag.id, days)
    finally:
        journal.close()
    if days:
        context.say(f"Tag {tag.name}: keep in touch every {counted(days, 'day')}.")
    else:
        context.say(
            f"Tag {tag.name}: no keep-in-touch cadence any more; its contacts follow "
            "their own or their stage's."
        )
    return 0


def _tag_many(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.people.contact_list import ContactQuery, Scope

    selection = ContactQuery(
        text=args.filter, ids=args.ids, scope=Scope.ALL if args.ids else Scope.ACTIVE
    )
    journal = context.open_journal(create=False)
    try:
        if journal.bulk.count(selection) == 0:
            raise CommandError(
                "No contact matches, so nothing was changed. Check the filter or the numbers "
                "(colearn search NAME shows who is in the journal)."
            )
        if args.add is not None:
            outcome = journal.bulk.add_tag(selection, args.add)
        else:
            outcome = journal.bulk.remove_tag(selection, args.remove)
    finally:
        journal.close()
    context.say(f"{outcome.label}.")
    if outcome.backup is not None:
        context.say(f"Too many to undo; a backup from just before is {outcome.backup}.")
    else:
        context.say("colearn undo takes it back.")
    return 0
