"""``colearn export WHAT ...``: one command, one sub-command per kind of export.

Each kind lives in its own module with ``register(subparsers, shared)`` (like a top-level
command) and is listed in ``TARGETS``; ``colearn export --help`` lists them in that order.
"""

from __future__ import annotations

import argparse
import importlib

# Modules of colearn_desktop.commands, e.g. "export_contacts" for `colearn export contacts`.
TARGETS: list[str] = ["export_contacts", "export_journal", "export_reminders"]


def register(subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[shared],
        help="write contacts, the journal or reminders to a file",
        description="Write data out of the journal. The journal itself is not changed.",
    )
    targets = parser.add_subparsers(dest="export_target", metavar="WHAT", required=True)
    for name in TARGETS:
        importlib.import_module(f"colearn_desktop.commands.{name}").register(targets, shared)
