"""``colearn`` without a command: open the app (on the demo journal with ``--demo``)."""

from __future__ import annotations

import argparse
import builtins
import importlib

from colearn_desktop.commands.base import CommandContext, CommandError

DEMO_CONTACTS = 300


def import_core_before_qt() -> None:
    """Import what the start-up checks need of the core (the journal's facade, opening,
    recovery: sqlite3 only) before PySide6; the ORM comes after the first paint."""
    for name in ("colearn_desktop.core.recovery", "colearn_desktop.core.storage.drafts"):
        importlib.import_module(name)


def import_qt_without_its_import_hook() -> None:
    """Import PySide6, then put Python's own ``__import__`` back.

    PySide6 replaces ``__import__`` with a hook for its ``from __feature__ import`` switches
    (snake_case names), which the app does not use; the hook reads the source of every module
    imported after it, and the lines stay cached: the window's modules and, after the first
    paint, the ORM took 20-30% longer and 23 MB more memory.  (When Qt was imported before,
    as in the test suite, ``__import__`` is already the hook and stays.)"""
    plain = builtins.__import__
    importlib.import_module("PySide6.QtWidgets")
    builtins.__import__ = plain


def check_qt_can_start() -> None:
    """Stop with what to install, before Qt aborts the process for a missing library."""
    from colearn_desktop.ui.shell.launch.qt_platform import platform_problem

    problem = platform_problem()
    if problem is not None:
        raise CommandError(problem)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    check_qt_can_start()
    import_core_before_qt()
    import_qt_without_its_import_hook()
    from colearn_desktop.ui.shell.application import run_app

    tray = bool(getattr(args, "tray", False))  # the login entry starts in the tray
    return run_app(context.paths, demo=context.demo, demo_contacts=DEMO_CONTACTS, tray=tray)
