"""``colearn restore FILE | --latest``: put a backup back, keeping what is replaced.

A healthy journal is backed up first, then the backup is copied into it.  A journal that is
damaged (or missing) is moved aside under a dated name and kept, never overwritten.  A journal
written by a newer version of CoLearn is refused and left as it is.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.commands.base import CommandContext, CommandError

if TYPE_CHECKING:
    from colearn_desktop.core.storage.backups.restore import RestoreOutcome


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "restore",
        parents=[shared],
        help="restore a backup (the current journal is backed up first)",
        description="Replace the journal with a backup. The current journal is backed up "
        "first; a damaged one is moved aside with a date in its name and kept. FILE may be a "
        "path or the name of a file in the backups folder (see 'colearn backups').",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", metavar="FILE", help="the backup to restore")
    which.add_argument(
        "--latest", action="store_true", help="the newest backup that passes its check"
    )
    parser.set_defaults(run=run)


def _choose(args: argparse.Namespace, context: CommandContext) -> Path:
    from colearn_desktop.core.recovery import backup_folders
    from colearn_desktop.core.storage.backups.catalog import newest_good_backup

    paths = context.paths
    if args.latest:
        info = newest_good_backup(backup_folders(paths.journal, paths.backups))
        if info is None:
            raise CommandError(f"There is no backup that passes its check in {paths.backups}.")
        return info.path
    given = Path(args.file).expanduser()
    if not given.exists() and (paths.backups / given).exists():
        given = paths.backups / given
    return given.resolve()


def _replace(context: CommandContext, backup: Path, problem: str) -> RestoreOutcome:
    """Restore over a missing or damaged journal; ``problem`` is the sentence that says what
    was wrong with it."""
    from colearn_desktop.core.clock import SystemClock
    from colearn_desktop.core.opening import open_journal
    from colearn_desktop.core.storage.backups.restore import restore_replacing

    paths = context.paths
    paths.ensure()
    clock = SystemClock()
    outcome = restore_replacing(paths.journal, backup, clock.now())
    open_journal(paths.journal, backups_dir=paths.backups, clock=clock).close()  # upgrades
    context.journal_changed = True  # replaced whole: the calendar file follows (see cli)
    if outcome.damaged_kept is not None:
        context.say(f"{problem} The journal is kept unchanged at {outcome.damaged_kept}.")
    return outcome


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.commands.journal.backups import counts_text
    from colearn_desktop.core.errors import (
        DamagedJournalError,
        JournalMissingError,
        NotAJournalError,
    )
    from colearn_desktop.core.integrity import describe_damage, is_damage
    from colearn_desktop.core.recovery import integrity_problems

    backup = _choose(args, context)
    journal_path = context.paths.journal
    try:
        journal = context.open_journal(create=False)
    except JournalMissingError:
        outcome = _replace(context, backup, f"There was no journal at {journal_path}.")
    except (DamagedJournalError, NotAJournalError) as error:
        if not is_damage(error):
            raise  # locked, or not readable for another reason: left exactly as it is
        outcome = _replace(context, backup, str(error))
    else:
        try:
            problems = integrity_problems(journal, full=False)
        except DamagedJournalError as error:  # too broken for the check itself to run
            problems = [str(error)]
        try:
            if not problems:
                outcome = journal.backups.restore(backup)
        finally:
            journal.close()
        if problems:
            outcome = _replace(context, backup, describe_damage(journal_path, problems))
    context.say(
        f"Restored the backup from {outcome.taken_at:%Y-%m-%d %H:%M} ({backup}) into "
        f"{context.paths.journal}: {counts_text(outcome.counts)}."
    )
    if outcome.previous_backup is not None:
        context.say(
            f"The journal as it was ({counts_text(outcome.previous_counts)}) is backed up at "
            f"{outcome.previous_backup}; restore that file to undo."
        )
    return 0
