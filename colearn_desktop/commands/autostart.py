"""``colearn autostart``: start CoLearn in the tray when you log in to this computer."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "autostart",
        parents=[shared],
        help="start CoLearn in the tray when you log in (on this computer)",
        description="Add or remove the login entry that starts CoLearn in the tray, so "
        "reminders arrive without opening the app: an XDG autostart entry on Linux, the Run "
        "key on Windows, a LaunchAgent on macOS.  Without an option, say whether it is on.",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--enable", action="store_true", help="start CoLearn at login")
    group.add_argument("--disable", action="store_true", help="stop starting it at login")
    group.add_argument("--status", action="store_true", help="say whether it starts (default)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.commands.base import CommandError
    from colearn_desktop.desktop.autostart import Autostart, launch_command
    from colearn_desktop.paths import data_dir_to_name

    if context.demo:
        raise CommandError(
            "The demo journal does not start at login; run colearn autostart without --demo."
        )
    autostart = Autostart(command=launch_command(data_dir=data_dir_to_name(context.paths.root)))
    if args.enable:
        status = autostart.enable()
    elif args.disable:
        status = autostart.disable()
    else:
        status = autostart.status()
    if status.enabled:
        context.say(f"CoLearn starts in the tray when you log in ({status.where}).")
    else:
        context.say(f"CoLearn does not start when you log in (no {status.where}).")
    return 0
