"""``colearn vdir --contacts DIR --calendar DIR [--tag TAG | --all] [--keep]``: one pass over
the vdir that the user's vdirsyncer syncs with a server and a phone; with ``--keep`` the app
and every ``colearn`` command that changes the journal make that pass again after each change
(:mod:`core.interchange.live`), until ``--off``.  ``--status`` says which vdir is kept.

First the cards edited (or added) there are read back into the journal, one undo step;
then both folders are brought up to date.  Which contacts the vdir holds is a setting of
this computer: ``--tag`` picks a tag's contacts and ``--all`` every contact, and the choice
is kept for the next pass (and the app).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext, CommandError

if TYPE_CHECKING:
    from colearn_desktop.core.storage.local_settings import LocalSettings


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "vdir",
        parents=[shared],
        help="keep a vdir of contacts and reminders for vdirsyncer (and a phone) up to date",
        description="Read back the contact cards edited or added in the contacts folder "
        "(a phone, a server, through vdirsyncer), as one step of colearn undo, then write "
        "one .vcf per contact and one .ics per reminder, changing only the files that "
        "changed. A deleted card deletes no contact. Files this command did not write are "
        "left alone. With --keep the vdir is kept up to date after every change from then "
        "on (kept on this computer only).",
    )
    parser.add_argument("--contacts", type=Path, metavar="DIR", help="the contacts' folder")
    parser.add_argument("--calendar", type=Path, metavar="DIR", help="the reminders' folder")
    keeping = parser.add_mutually_exclusive_group()
    keeping.add_argument(
        "--keep", action="store_true", help="keep these folders up to date after every change"
    )
    keeping.add_argument("--off", action="store_true", help="stop keeping the vdir up to date")
    keeping.add_argument("--status", action="store_true", help="say which vdir is kept")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tag", help="only the contacts with this tag (kept for next time)")
    which.add_argument(
        "--all", action="store_true", help="every contact that is not archived (kept for next time)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.interchange.vdir import read_vdir_changes, write_vdir
    from colearn_desktop.core.storage.local_settings import LocalSettings

    local = LocalSettings(context.paths.root)
    if args.status or args.off:
        context.say(_status(local) if args.status else _off(local))
        return 0
    if args.contacts is None or args.calendar is None:
        raise CommandError(
            "colearn vdir needs both --contacts DIR and --calendar DIR (or --off, --status); "
            "nothing was read or written."
        )
    if args.tag or args.all:
        local.set_vdir_tag(args.tag)
    tag = local.vdir_tag
    contacts, calendar = args.contacts.expanduser(), args.calendar.expanduser()
    journal = context.open_journal(create=False)
    try:
        report = read_vdir_changes(journal, contacts).merge(
            write_vdir(journal, contacts, calendar, tag)
        )
    finally:
        journal.close()
    if args.keep:  # only once a pass worked: a folder that fails is never kept
        local.set_vdir_folders((contacts, calendar))
    for line in report.lines:
        context.say(line)
    who = f"the contacts tagged {tag}" if tag else "every contact"
    kept = " It is kept up to date after every change from now on." if args.keep else ""
    context.say(f"{report.summary()} The vdir holds {who}.{kept}")
    return 0


def _status(local: LocalSettings) -> str:
    folders = local.vdir_folders
    if folders is None:
        return (
            "No vdir is kept up to date; turn it on with: "
            "colearn vdir --contacts DIR --calendar DIR --keep."
        )
    tag = local.vdir_tag
    who = f"the contacts tagged {tag}" if tag else "every contact"
    return (
        f"The vdir of contacts {folders[0]} and calendar {folders[1]} is kept up to date "
        f"after every change; it holds {who}."
    )


def _off(local: LocalSettings) -> str:
    folders = local.vdir_folders
    local.set_vdir_folders(None)
    if folders is None:
        return "No vdir was kept up to date; nothing changed."
    return (
        f"The vdir is no longer kept up to date; {folders[0]} and {folders[1]} were left as "
        "they are (vdirsyncer keeps syncing what they hold)."
    )
