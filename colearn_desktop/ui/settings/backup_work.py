"""The worker backups are written on, shared by the Backups page and the automatic backups.

Apart from the page so that the automatic backups, made when the app starts, do not import the
page and the backup catalog before the window has painted (issue 14, "paint first")."""

from __future__ import annotations

from PySide6.QtCore import QObject

from colearn_desktop.ui.kit.background import Background

BACKUP_WORK = "in a backup"  # names backups among background work, to wait for them


def backup_worker(owner: QObject) -> Background:
    """Where a backup (daily or made by hand) is written, off the UI thread."""
    return Background(owner, latest_only=False, what=BACKUP_WORK)
