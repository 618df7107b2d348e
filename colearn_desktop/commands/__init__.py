"""Headless commands, one module each; :func:`all_commands` lists them in the order
``colearn --help`` shows them.  The package imports none of them by itself: opening the app
needs only ``base`` and ``gui`` (issue 14, start-up)."""

from __future__ import annotations

from types import ModuleType


def all_commands() -> list[ModuleType]:
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

    return [
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
