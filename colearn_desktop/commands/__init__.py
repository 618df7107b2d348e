"""Headless commands, one module each; ``COMMANDS`` is the order ``colearn --help`` lists them."""

from colearn_desktop.commands import (
    autostart,
    calendar,
    demo_data,
    due,
    duplicates,
    merge,
    search,
    sync,
    tags,
    vdir,
)
from colearn_desktop.commands.interchange import export, import_contacts, imports
from colearn_desktop.commands.journal import backup, backups, check, restore, stats, undo

COMMANDS = [
    demo_data,
    check,
    stats,
    search,
    due,
    duplicates,
    merge,
    tags,
    import_contacts,
    imports,
    export,
    vdir,
    calendar,
    backup,
    backups,
    restore,
    undo,
    sync,
    autostart,
]
