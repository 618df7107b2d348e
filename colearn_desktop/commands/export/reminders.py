"""``colearn export reminders -o FILE.ics``: due items, birthdays and recurring reminders as
an iCalendar file to import into a calendar (importing again updates, never duplicates)."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext
from colearn_desktop.commands.export import add_output, output_path


def _days(text: str) -> int:
    from colearn_desktop.core.due.service import MAX_HORIZON_DAYS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= MAX_HORIZON_DAYS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_HORIZON_DAYS}")
    return value


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "reminders",
        parents=[shared],
        help="write reminders to an iCalendar (.ics) file",
        description="Write what is due (overdue items on today), birthdays as yearly events "
        "and recurring reminders with their repeat rule to an .ics file. Entries keep the "
        "same UID from one export to the next, so importing again updates them.",
    )
    add_output(parser, "FILE.ics")
    parser.add_argument(
        "--days",
        type=_days,
        default=90,
        metavar="N",
        help="include what is due in the next N days (default 90)",
    )
    parser.add_argument(
        "--todos", action="store_true", help="write to-dos (VTODO) instead of events"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.interchange.writers.export_target import replacing
    from colearn_desktop.core.interchange.writers.ics import reminders_calendar

    target = output_path(args, context)
    journal = context.open_journal(create=False)
    try:
        data, count = reminders_calendar(
            journal.reminders.due(args.days),
            journal.reminders.birthdays(),
            journal.reminders.recurring(),
            now_utc=journal.clock.utcnow(),
            calendar_id=journal.settings.calendar_id(),
            todos=args.todos,
        )
    finally:
        journal.close()
    with replacing(target, encoding=None) as out:
        out.write(data)
    context.say(f"Wrote {count:,} calendar entries to {target}.")
    return 0
