"""``colearn search QUERY``: find contacts, conversations, learnings, favours and purchases."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from colearn_desktop.commands.base import CommandContext, add_later

if TYPE_CHECKING:
    from colearn_desktop.core.fulltext.search import SearchHit

# By SearchKind (a StrEnum: its members look up their values).
GROUP_TITLES = {
    "contact": "Contacts",
    "conversation": "Conversations",
    "learning": "Learnings",
    "favour": "Favours",
    "purchase": "Purchases",
}


def _limit(text: str) -> int:
    from colearn_desktop.core.fulltext.search import MAX_LIMIT

    value = int(text)
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_LIMIT}")
    return value


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "search",
        parents=[shared],
        help="find contacts, conversations, learnings, favours and purchases",
        description="Every word must appear (as the start of a word, ignoring case and "
        "accents). Any text is a valid query: quotes, operators and punctuation are just text. "
        "Archived contacts are found and marked; the trash is not searched.",
    )
    add_later(parser, _add_arguments)
    parser.set_defaults(run=run)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    from colearn_desktop.core.fulltext.search import DEFAULT_LIMIT

    parser.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N results of each kind (default {DEFAULT_LIMIT})",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")


def hit_json(hit: SearchHit) -> dict[str, Any]:
    from colearn_desktop.core.fulltext.search import SearchKind

    value: dict[str, Any] = {
        "kind": hit.kind.value,
        "id": hit.item_id,
        "contact_id": hit.contact_id,
        "contact": hit.contact_name,
        "archived": hit.contact_archived,
        "date": hit.when.isoformat() if hit.when else None,
        "field": hit.snippet.field,
        "snippet": hit.snippet.text,
        "matches": hit.snippet.matches(),
    }
    if hit.kind is SearchKind.CONTACT:
        value["company"] = hit.company
    if hit.channel is not None:
        value["channel"] = hit.channel.value
    if hit.direction is not None:
        value["direction"] = hit.direction.value
        value["favour_kind"] = hit.favour_kind.value if hit.favour_kind else None
        value["status"] = hit.status.value if hit.status else None
    if hit.kind is SearchKind.PURCHASE:
        value["amount"] = str(hit.amount) if hit.amount is not None else None
        value["currency"] = hit.currency
    return value


def _line(hit: SearchHit, bold: bool) -> str:
    from colearn_desktop.core.fulltext.search import SearchKind

    who = hit.contact_name + (" (archived)" if hit.contact_archived else "")
    if hit.kind is SearchKind.CONTACT and hit.company:
        who += f", {hit.company}"
    when = f"{hit.when.isoformat()}  " if hit.when else ""
    snippet = hit.snippet.marked("\033[1m", "\033[0m") if bold else hit.snippet.text
    return f"  {when}{who}: {snippet}"


def run(args: argparse.Namespace, context: CommandContext) -> int:
    text = " ".join(args.query)
    journal = context.open_journal(create=False)
    try:
        results = journal.search.search(text, limit=args.limit)
    finally:
        journal.close()
    if results.notice:
        print(f"colearn: {results.notice}", file=context.stderr)
    if args.json:
        context.say_json(
            {
                "query": text,
                "indexed": results.indexed,
                "groups": {
                    group.kind.value + "s": {
                        "more": group.more,
                        "hits": [hit_json(hit) for hit in group.hits],
                    }
                    for group in results.groups
                },
            }
        )
        return 0
    if not results.total:
        context.say(f"Nothing found for {text!r}.")
        return 0
    bold = bool(getattr(context.stdout, "isatty", lambda: False)())
    for group in results.groups:
        if not group.hits:
            continue
        count = f"{len(group.hits)}+" if group.more else str(len(group.hits))
        context.say(f"{GROUP_TITLES[group.kind]} ({count})")
        for hit in group.hits:
            context.say(_line(hit, bold))
    return 0
