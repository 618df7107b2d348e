"""``colearn export reminders -o FILE.ics``: due items, birthdays and recurring reminders as
an iCalendar file to import into a calendar (importing again updates, never duplicates)."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext, add_days
from colearn_desktop.commands.interchange.export import add_output, output_path


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
    add_days(parser, default=90, help="include what is due in the next N days (default 90)")
    parser.add_argument(
        "--todos", action="store_true", help="write to-dos (VTODO) instead of events"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.interchange.live.calendar_file import reminders_file
    from colearn_desktop.core.interchange.writers.export_target import replacing

    target = output_path(args, context)
    journal = context.open_journal(create=False)
    try:
        data, count, sequences = reminders_file(journal, args.days, todos=args.todos)
        with replacing(target, encoding=None) as out:
            out.write(data)
        # Kept once the file holds them: the numbers a calendar may have seen.
        sequences.save(journal.db)
    finally:
        journal.close()
    context.say(f"Wrote {count:,} calendar entries to {target}.")
    return 0
