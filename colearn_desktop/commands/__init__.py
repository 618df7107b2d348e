"""Headless commands, one module each; ``COMMANDS`` is the order ``colearn --help`` lists them."""

from colearn_desktop.commands import (
    backup,
    backups,
    check,
    demo_data,
    due,
    duplicates,
    export,
    import_contacts,
    imports,
    restore,
    search,
    stats,
    undo,
)

COMMANDS = [
    demo_data,
    check,
    stats,
    search,
    due,
    duplicates,
    import_contacts,
    imports,
    export,
    backup,
    backups,
    restore,
    undo,
]
