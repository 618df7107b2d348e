"""``colearn backups``: the journal's backups, newest first, with date, size and counts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext

if TYPE_CHECKING:
    from colearn_desktop.core.storage.backups.verified_copy import Counts


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "backups",
        parents=[shared],
        help="list the journal's backups with date, size and counts",
        description="List the backups in the backups folder beside the journal (and in the "
        "mirror folder, if one is set), newest first. The journal is not opened.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.set_defaults(run=run)


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def counts_text(counts: Counts | None) -> str:
    from colearn_desktop.core.text import counted

    if counts is None:
        return "unreadable"
    return (
        f"{counted(counts.contacts, 'contact')}, "
        f"{counted(counts.conversations, 'conversation')}, "
        f"{counted(counts.favours, 'favour')}, {counted(counts.purchases, 'purchase')}"
    )


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.storage.backups.catalog import list_backups
    from colearn_desktop.core.storage.backups.verified_copy import Counts
    from colearn_desktop.core.storage.local_settings import LocalSettings
    from colearn_desktop.core.text import counted

    folder = context.paths.backups
    mirror = LocalSettings(context.paths.root).mirror_dir
    backups = list_backups(folder)
    copies = list_backups(mirror) if mirror is not None else []
    if args.json:
        context.say_json(
            [
                {
                    "path": str(info.path),
                    "taken_at": info.taken_at.isoformat(),
                    "reason": info.reason,
                    "size": info.size,
                    "revision": info.revision,
                    **(info.counts.__dict__ if info.counts else {}),
                }
                for info in backups + copies
            ]
        )
        return 0
    if not backups:
        context.say(f"No backups yet in {folder}. Make one with: colearn backup")
    else:
        context.say(f"Backups of {context.paths.journal}, newest first, in {folder}:")
        header = ("taken", "why", "size", "contacts", "conversations", "favours", "purchases")
        context.say("  {:<16}  {:<18}  {:>9}  {:>8}  {:>13}  {:>7}  {:>9}".format(*header))
        for info in backups:
            counts = info.counts or Counts()
            unreadable = "  (unreadable)" if info.counts is None else ""
            context.say(
                f"  {info.taken_at:%Y-%m-%d %H:%M}  {info.reason:<18}  "
                f"{size_text(info.size):>9}  {counts.contacts:>8,}  "
                f"{counts.conversations:>13,}  {counts.favours:>7,}  "
                f"{counts.purchases:>9,}{unreadable}"
            )
    if mirror is not None:
        context.say(f"Mirrored to {mirror} ({counted(len(copies), 'copy', 'copies')}).")
    return 0
