"""Headless commands, one module each; ``COMMANDS`` is the order ``colearn --help`` lists them."""

from colearn_desktop.commands import check, demo_data, export, stats

COMMANDS = [demo_data, check, stats, export]
