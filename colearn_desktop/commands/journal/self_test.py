"""``colearn --self-test``: import every module, then walk every screen on a throw-away journal."""

from __future__ import annotations

import argparse

from colearn_desktop.commands.base import CommandContext


def run(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.commands.gui import check_qt_can_start, import_core_before_qt

    check_qt_can_start()
    import_core_before_qt()
    from colearn_desktop.ui.self_check.self_test import run_self_test

    return run_self_test()
