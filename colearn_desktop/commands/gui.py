"""``colearn`` without a command: open the app (on the demo journal with ``--demo``)."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext

DEMO_CONTACTS = 300


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.ui.application import run_app

    return run_app(context.paths, demo=context.demo, demo_contacts=DEMO_CONTACTS)
