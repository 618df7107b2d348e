"""``colearn check``: is the journal healthy?  Prints ``ok`` or every problem found.

The check opens the journal read-only and changes nothing (see ``core.integrity``): a
read-only or locked journal is not called damaged, and checking leaves no change behind that
the next backup would have to copy."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "check",
        parents=[shared],
        help="check the journal's integrity and schema revision",
        description="Run SQLite's integrity check, the foreign-key check and the journal's "
        "own consistency checks (cached values, search index, stored dates and numbers) "
        "without changing the journal. Prints 'ok' and exits 0 when all pass; exits 1 for "
        "damage or problems, 3 when another program keeps the journal locked, 4 when it "
        "cannot be read (permissions), 5 when a newer CoLearn wrote it.",
    )
    parser.add_argument(
        "--rebuild-index",
        action="store_true",
        help="rebuild the full-text search index and the contacts list's cached values first "
        "(triggers keep both in step; this repairs them after damage, and switches the "
        "search index on or off for the SQLite in use)",
    )
    parser.set_defaults(run=run)


RESTORE_HINT = (
    "To put back the newest backup that passes its check (the damaged journal is kept): "
    "colearn restore --latest"
)
# One exit code per answer, so a script can tell "restore a backup" from "try again later".
EXIT_OK, EXIT_PROBLEMS, EXIT_LOCKED, EXIT_UNREADABLE, EXIT_TOO_NEW = 0, 1, 3, 4, 5


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.integrity import Verdict, check_journal

    if getattr(args, "rebuild_index", False):
        _rebuild_index(context)  # an explicit repair: the one way this command writes
    report = check_journal(context.paths.journal)
    codes = {
        Verdict.HEALTHY: EXIT_OK,
        Verdict.LOCKED: EXIT_LOCKED,
        Verdict.UNREADABLE: EXIT_UNREADABLE,
        Verdict.TOO_NEW: EXIT_TOO_NEW,
    }
    if report.verdict is Verdict.HEALTHY:
        context.say("ok")
    elif report.verdict is Verdict.PROBLEMS:
        print(f"{context.paths.journal} has problems:", file=context.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=context.stderr)
    else:
        print(f"colearn: {report.message}", file=context.stderr)
    if report.verdict is Verdict.DAMAGED:
        print(RESTORE_HINT, file=context.stderr)
    for note in report.notes:
        print(f"colearn: {note}", file=context.stderr)
    warn_about_sync(context)  # (warnings, not damage: the exit code stays the checks')
    return codes.get(report.verdict, EXIT_PROBLEMS)


def _rebuild_index(context: CommandContext) -> None:
    from colearn_desktop.core.text import counted

    journal = context.open_journal(create=False)
    try:
        journal.contact_list.rebuild_cache()
        context.say("contacts list values recomputed")
        report = journal.search.rebuild_index()
        if report.indexed:
            context.say(f"search index rebuilt ({counted(sum(report.rows.values()), 'row')})")
        else:
            context.say("this SQLite has no full-text search (FTS5): search works without it")
    finally:
        journal.close()


def warn_about_sync(context: CommandContext) -> None:
    """Conflict copies beside the journal, or a journal in a synced folder (see
    :mod:`core.sync_conflicts`), on stderr so that ``ok`` stays alone on stdout."""
    from colearn_desktop.core.storage.files.sync_conflicts import find

    for warning in find(context.paths.journal).warnings():
        print(f"colearn: warning: {warning}", file=context.stderr)
