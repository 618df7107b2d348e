"""``colearn backup [--to FILE]``: a verified backup of the journal, now."""

from __future__ import annotations

import argparse
from pathlib import Path

from colearn_desktop.commands.base import CommandContext, CommandError


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "backup",
        parents=[shared],
        help="make a verified backup of the journal",
        description="Back the journal up with SQLite's backup API into a temporary file, check "
        "it, then rename it into place: into the backups folder beside the journal (thinned "
        "and mirrored like the automatic backups), or to FILE with --to. Safe while the app "
        "is running.",
    )
    parser.add_argument("--to", metavar="FILE", help="write the backup to FILE (a new file)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.commands.journal.backups import counts_text, size_text
    from colearn_desktop.core.storage.backups.verified_copy import backup_file, file_counts

    journal = context.open_journal(create=False)
    problems: tuple[str, ...] = ()
    try:
        if args.to:
            target = Path(args.to).expanduser().resolve()
            if target.exists():
                raise CommandError(f"{target} already exists; choose a new file name.")
            path = backup_file(journal.path, target)
        else:
            outcome = journal.backups.make("manual", force=True)
            assert outcome.path is not None  # forced: always made
            path, problems = outcome.path, outcome.problems
    finally:
        journal.close()
    context.say(
        f"Backed up {context.paths.journal} to {path} "
        f"({size_text(path.stat().st_size)}: {counts_text(file_counts(path))})."
    )
    for problem in problems:
        print(f"colearn: warning: {problem}", file=context.stderr)
    return 0
