"""``colearn calendar --file PATH``: keep a calendar file up to date on every change.

The reminders export (``colearn export reminders``) is a one-off file that goes stale; a
calendar program subscribed to this one (Thunderbird, Evolution, Outlook, khal) always sees
what is due, because the app and every ``colearn`` command that changed the journal rewrite
it (:mod:`core.interchange.live`).  The choice is kept on this computer, not in the journal.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext, CommandError

if TYPE_CHECKING:
    from colearn_desktop.core.storage.local_settings import LocalSettings


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "calendar",
        parents=[shared],
        help="keep a calendar (.ics) file up to date on every change",
        description="Keep an .ics file of what is due (overdue on today, the next 90 days), "
        "birthdays and recurring reminders up to date after every change made in the app or "
        "by a colearn command, for a calendar program subscribed to it. The same entries and "
        "UIDs as 'colearn export reminders'. Kept on this computer only.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--file", metavar="PATH", help="write the calendar to PATH from now on")
    what.add_argument("--off", action="store_true", help="stop updating the calendar file")
    what.add_argument("--status", action="store_true", help="say which file is kept, and when")
    parser.add_argument(
        "--force",
        action="store_true",
        help="with --file: replace an existing file that CoLearn did not write",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.storage.local_settings import LocalSettings

    settings = LocalSettings(context.paths.root)
    if args.status:
        context.say(status_text(settings.calendar_file))
        return 0
    if args.off:
        kept = settings.calendar_file
        settings.set_calendar_file(None)
        context.say(
            "The calendar file is no longer updated."
            + (f" {kept} was left as it is; delete it if you no longer need it." if kept else "")
        )
        return 0
    return _turn_on(args.file, context, settings, force=args.force)


def _turn_on(chosen: str, context: CommandContext, settings: LocalSettings, *, force: bool) -> int:
    from colearn_desktop.core.interchange.live.calendar_file import LiveCalendar, written_by_us
    from colearn_desktop.core.interchange.live.outputs import refresh_outputs
    from colearn_desktop.core.interchange.writers.export_target import check_export_target

    journal = context.open_journal(create=False)
    try:
        checked = check_export_target(chosen, journal.path, journal.backups_dir)
        target = checked.path
        if checked.exists and not force and not written_by_us(target):
            raise CommandError(
                f"{target} already exists and is not a calendar CoLearn wrote; it was left as "
                "it is and the calendar file was not turned on. Choose another file, or add "
                "--force to replace it."
            )
        (result,) = refresh_outputs([LiveCalendar(target)], journal)
    finally:
        journal.close()
    if not result.ok:
        raise CommandError(f"{result.message} The calendar file was not turned on.")
    settings.set_calendar_file(target)
    context.say(f"{result.message} It is kept up to date after every change from now on.")
    return 0


def status_text(path: Path | None) -> str:
    """Which calendar file is kept and when it was last written, in one sentence."""
    if path is None:
        return "No calendar file is kept; turn one on with: colearn calendar --file PATH."
    try:
        written = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return (
            f"The calendar file {path} is kept but is missing now; it is written again after "
            "the next change (or turn it on again to write it now)."
        )
    return f"The calendar file {path} is kept up to date; last written {written}."
