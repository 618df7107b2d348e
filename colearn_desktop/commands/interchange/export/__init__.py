"""``colearn export WHAT ...``: one command, one sub-command per kind of export.

Each kind lives in its own module with ``register(subparsers, shared)`` (like a top-level
command) and is listed in ``TARGETS``; ``colearn export --help`` lists them in that order.
Every kind takes its file the same way (:func:`add_output`, :func:`output_path`): never the
journal, a backup or anything that is not a regular file, and an existing file only with
``--force``.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from colearn_desktop.commands.base import CommandContext, CommandError

# Modules of this package, e.g. "contacts" for `colearn export contacts`.
TARGETS: list[str] = ["contacts", "journal", "reminders"]


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[shared],
        help="write contacts, the journal or reminders to a file",
        description="Write data out of the journal. The journal itself is not changed.",
    )
    targets = parser.add_subparsers(dest="export_target", metavar="WHAT", required=True)
    for name in TARGETS:
        importlib.import_module(f"colearn_desktop.commands.interchange.export.{name}").register(
            targets, shared
        )


def add_output(parser: argparse.ArgumentParser, metavar: str) -> None:
    """``-o FILE`` (kept as typed, so ``-o ""`` is reported instead of becoming ".") and
    ``--force``."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar, help="the file to write")
    parser.add_argument(
        "--force", action="store_true", help="replace the file if it exists (never the journal)"
    )


def output_path(args: argparse.Namespace, context: CommandContext) -> Path:
    """The file to write ``args.output`` to, checked before the journal is even opened."""
    from colearn_desktop.core.interchange.writers.export_target import check_export_target

    target = check_export_target(args.output, context.paths.journal, context.paths.backups)
    if target.exists and not args.force:
        raise CommandError(
            f"{target.path} already exists. Nothing was written; add --force to replace it, "
            "or choose another file name."
        )
    return target.path
