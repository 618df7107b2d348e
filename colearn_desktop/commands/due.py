"""``colearn due``: what is overdue, due today and due in the next days, with the reason."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext

if TYPE_CHECKING:
    from colearn_desktop.core.due import DueItem, DueReport


def _days(text: str) -> int:
    from colearn_desktop.core.due.service import MAX_HORIZON_DAYS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= MAX_HORIZON_DAYS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_HORIZON_DAYS}")
    return value


def register(subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "due",
        parents=[shared],
        help="list what is overdue, due today and due in the next days",
        description="Keep-in-touch cadences, check-ins after purchases, follow-ups, favours, "
        "thank-yous, birthdays and your own reminders: overdue first, each with why.",
    )
    parser.add_argument(
        "--days",
        type=_days,
        default=7,
        metavar="N",
        help="also list what is due in the next N days (default 7; 0 for today only)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(run=run)


def _line(item: DueItem, report: DueReport) -> str:
    from colearn_desktop.core.due.describe import reason, title, when

    return (
        f"  {when(item, report.today):<18} {title(item)}\n  {'':<18} {reason(item, report.today)}"
    )


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        report = journal.reminders.due(args.days)
    finally:
        journal.close()
    sections = (
        ("overdue", report.overdue),
        ("due_today", report.due_today),
        ("upcoming", report.upcoming),
    )
    if args.json:
        context.say_json(
            {
                "date": report.today.isoformat(),
                "until": report.until.isoformat(),
                **{
                    name: [i.as_json(report.today, report.grace_days) for i in items]
                    for name, items in sections
                },
            }
        )
        return 0
    headings = {
        "overdue": "Overdue",
        "due_today": "Due today",
        "upcoming": f"Next {args.days} days",
    }
    printed = False
    for name, items in sections:
        if not items or (name == "upcoming" and not args.days):
            continue
        if printed:
            context.say()
        context.say(f"{headings[name]} ({len(items)})")
        for item in items:
            context.say(_line(item, report))
        printed = True
    if not printed:
        context.say(f"Nothing is due until {report.until.isoformat()}.")
    return 0
