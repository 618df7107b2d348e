"""``colearn due``: what is overdue, due today and due in the next days, with the reason."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext, add_days

if TYPE_CHECKING:
    from colearn_desktop.core.due import DueItem, DueReport


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "due",
        parents=[shared],
        help="list what is overdue, due today and due in the next days",
        description="Everything the Today screen lists (keep in touch, follow-ups, check-ins, "
        "favours, thank-yous, referral asks, birthdays, your own reminders ...): overdue "
        "first, each with why.",
    )
    add_days(
        parser,
        default=7,
        help="also list what is due in the next N days (default 7; 0 for today only)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON object")
    output.add_argument(
        "--notify",
        action="store_true",
        help="show today's digest as a desktop notification and exit (for a systemd timer "
        "or a Task Scheduler entry; nothing is shown when nothing is due)",
    )
    parser.set_defaults(run=run)


def _as_json(item: DueItem, report: DueReport) -> dict[str, object]:
    """The item's facts, plus the words Today shows, so a script that notifies need not
    rebuild them."""
    from colearn_desktop.core.due.describe import reason, title

    return {
        **item.as_json(report.today, report.grace_days),
        "title": title(item),
        "reason": reason(item, report.today),
    }


def _section(
    context: CommandContext, heading: str, items: tuple[DueItem, ...], report: DueReport
) -> None:
    """``heading``, then the items grouped by reason as on the Today screen (each group most
    overdue first): when and what on one line, why on the next."""
    from colearn_desktop.core.due import DueReport
    from colearn_desktop.core.due.describe import label, reason, title, when

    context.say(heading)
    for kind, group in DueReport.grouped(items):
        context.say(f"  {label(kind)} ({len(group)})")
        for item in group:
            context.say(f"    {when(item, report.today):<18} {title(item)}")
            context.say(f"    {'':<18} {reason(item, report.today)}")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    journal = context.open_journal(create=False)
    try:
        report = journal.reminders.due(args.days)
    finally:
        journal.close()
    if args.notify:
        return _notify(report, context)
    if args.json:
        sections = (
            ("overdue", report.overdue),
            ("due_today", report.due_today),
            ("upcoming", report.upcoming),
        )
        context.say_json(
            {
                "date": report.today.isoformat(),
                "until": report.until.isoformat(),
                **{name: [_as_json(i, report) for i in items] for name, items in sections},
            }
        )
        return 0
    on_today, upcoming = report.on_today, report.upcoming
    if on_today:
        overdue = len(report.overdue)
        heading = f"Today ({len(on_today)}): {overdue} overdue, {len(on_today) - overdue} due today"
        _section(context, heading, on_today, report)
    if upcoming:
        if on_today:
            context.say()
        _section(context, f"Next {args.days} days ({len(upcoming)})", upcoming, report)
    if not on_today and not upcoming:
        context.say(f"Nothing is due until {report.until.isoformat()}.")
    return 0


DIGEST_TITLE = "CoLearn reminders"


def _notify(report: DueReport, context: CommandContext) -> int:
    """The tray's digest, through the desktop's notification service, without a window."""
    from colearn_desktop.commands.base import CommandError
    from colearn_desktop.core.due.describe import digest
    from colearn_desktop.desktop import notifier

    text = digest(report)
    if not report.on_today:
        context.say(f"{text}: no notification was shown.")
        return 0
    try:
        notifier.send(DIGEST_TITLE, text)
    except notifier.NotifyError as error:
        raise CommandError(f"{error} The digest was: {text}") from error
    context.say(f"Notified: {text}")
    return 0
