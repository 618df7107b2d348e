"""``colearn`` without a command: open the app (on the demo journal with ``--demo``)."""

from __future__ import annotations

import argparse
import importlib

from colearn_desktop.commands.base import CommandContext, CommandError

DEMO_CONTACTS = 300


def import_core_before_qt() -> None:
    """Import the journal's code (SQLAlchemy, SQLModel, pydantic ...) before PySide6.

    Once PySide6 is imported, its ``__feature__`` import hook reads the source of every module
    imported after it (looking for the word "PySide6"), and the lines stay cached: imported
    after Qt, the core took about twice as long and 20 MB more memory.
    """
    # recovery: the start-up checks, the journal and everything it imports.
    for name in ("colearn_desktop.core.recovery", "colearn_desktop.core.storage.drafts"):
        importlib.import_module(name)


def check_qt_can_start() -> None:
    """Stop with what to install, before Qt aborts the process for a missing library."""
    from colearn_desktop.ui.shell.qt_platform import platform_problem

    problem = platform_problem()
    if problem is not None:
        raise CommandError(problem)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    check_qt_can_start()
    import_core_before_qt()
    from colearn_desktop.ui.shell.application import run_app

    return run_app(context.paths, demo=context.demo, demo_contacts=DEMO_CONTACTS)
