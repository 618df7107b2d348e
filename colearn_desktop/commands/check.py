"""``colearn check``: is the journal healthy?  Prints ``ok`` or every problem found."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def register(subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "check",
        parents=[shared],
        help="check the journal's integrity and schema revision",
        description="Run SQLite's integrity check, the foreign-key check and the journal's "
        "own consistency checks. Prints 'ok' and exits 0 when all pass.",
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


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.errors import DamagedJournalError, NotAJournalError
    from colearn_desktop.core.recovery import is_damage

    try:
        journal = context.open_journal(create=False)
    except (DamagedJournalError, NotAJournalError) as error:
        if not is_damage(error):
            raise
        print(f"colearn: {error}", file=context.stderr)
        print(RESTORE_HINT, file=context.stderr)
        return 1
    try:
        if getattr(args, "rebuild_index", False):
            journal.contact_list.rebuild_cache()
            context.say("contacts list values recomputed")
            report = journal.search.rebuild_index()
            if report.indexed:
                context.say(f"search index rebuilt ({sum(report.rows.values()):,} rows)")
            else:
                context.say("this SQLite has no full-text search (FTS5): search works without it")
        try:
            problems = journal.check(full=True)
        except DamagedJournalError as error:  # pages so broken that the checks cannot run
            problems = [f"integrity: {error}"]
    finally:
        journal.close()
    warn_about_sync(context)  # (warnings, not damage: the exit code stays the checks')
    if problems:
        print(f"{context.paths.journal} has problems:", file=context.stderr)
        for problem in problems:
            print(f"  - {problem}", file=context.stderr)
        if any(problem.startswith("integrity:") for problem in problems):
            print(RESTORE_HINT, file=context.stderr)
        return 1
    context.say("ok")
    return 0


def warn_about_sync(context: CommandContext) -> None:
    """Conflict copies beside the journal, or a journal in a synced folder (see
    :mod:`core.sync_conflicts`), on stderr so that ``ok`` stays alone on stdout."""
    from colearn_desktop.core.sync_conflicts import find

    for warning in find(context.paths.journal).warnings():
        print(f"colearn: warning: {warning}", file=context.stderr)
