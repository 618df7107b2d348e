"""Setting sync up on this computer, opening the folder it chose, and one exchange: what the
command line (``colearn sync``) and the window (Settings ▸ Sync, the status bar's keeper) both
do, kept here so the two never drift apart.

The setup lives in this computer's local settings (:mod:`core.storage.local_settings`), never
in the journal nor the folder: the folder, this device's name, a random token for this
installation and, with a passphrase, the folder's key (the passphrase itself is not kept).
Every failure is a :class:`SyncSetupError` whose text is a sentence for the person.
"""

from __future__ import annotations

import platform
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.core.sync.folder.files import FolderProblemError, check_place
from colearn_desktop.core.sync.folder.store import SyncFolder

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal
    from colearn_desktop.core.sync.exchange import DeviceSeen, ExchangeReport, Progress
    from colearn_desktop.core.sync.records import JournalSide


class SyncSetupError(ValueError):
    """Sync cannot be set up or used as it is; the text says why and what to do."""


def is_set_up(data_folder: Path) -> bool:
    return bool(LocalSettings(data_folder).sync.get("folder"))


def default_device_name() -> str:
    return platform.node() or "This computer"


def set_up(
    data_folder: Path, root: Path, device_name: str, passphrase: str | None
) -> tuple[SyncFolder, str]:
    """Make ``root`` this journal's sync folder (joining it when other devices use it);
    returns the folder and the sentence that says what was done."""
    root = root.expanduser().resolve()
    if not root.is_dir():
        raise SyncSetupError(
            f"The folder {root} does not exist; nothing was set up. Create it (or let your "
            "sync tool create it) and set sync up again."
        )
    name = device_name.strip()
    if not name:
        raise SyncSetupError("The device name is empty; nothing was set up. Give a name.")
    settings = LocalSettings(data_folder)
    kept = settings.sync
    if not passphrase and kept.get("key") and kept.get("folder") == str(root):
        # the same folder again (a new device name): the key kept here still opens it, and
        # the passphrase is asked once per device, not at every change
        folder, _ = open_folder(data_folder)
    else:
        try:
            check_place(root, data_folder)
            folder = SyncFolder.setup(root, passphrase or None)
        except FolderProblemError as error:
            raise SyncSetupError(str(error)) from None
    settings.set_sync(
        {
            "folder": str(root),
            "device_name": name,
            # one token per installation: kept when sync is set up again, so this computer
            # is not mistaken for a copy of itself (core/sync/exchange.py)
            "instance": kept.get("instance") or secrets.token_hex(16),
            "key": folder.key.to_text() if folder.key else None,
            "key_check": folder.key.check if folder.key else None,
        }
    )
    how = "encrypted with your passphrase" if folder.key else "not encrypted"
    return folder, (
        f"Sync is set up: this computer ({name}) exchanges through {folder.base} ({how}). "
        "Set up your other computers with the same folder"
        + (" and passphrase." if folder.key else ".")
    )


def leave(data_folder: Path) -> None:
    """Stop exchanging on this computer: its setup is forgotten; the journal and the files
    already in the folder stay as they are (the other devices keep what they received).

    The journal keeps noting its changes, and this installation's token is kept: set up
    again with the folder, the computer is the same device (not a copy of itself) and sends
    what changed meanwhile."""
    settings = LocalSettings(data_folder)
    instance = settings.sync.get("instance")
    settings.set_sync({"instance": instance} if instance else None)


def open_folder(data_folder: Path) -> tuple[SyncFolder, dict[str, Any]]:
    """The folder this computer set up, opened with its key, and the setup itself."""
    from colearn_desktop.core.sync.folder.crypto import FolderKey

    settings = LocalSettings(data_folder).sync
    if not settings.get("folder"):
        raise SyncSetupError(
            "Sync is not set up on this computer; nothing was exchanged. Choose the folder "
            "your sync tool shares in Settings ▸ Sync (or run colearn sync --setup FOLDER)."
        )
    try:
        check_place(Path(settings["folder"]), data_folder)  # the journal may have moved
        key = settings.get("key") and FolderKey.from_text(settings["key"], settings["key_check"])
        return SyncFolder.open(Path(settings["folder"]), key or None), settings
    except FolderProblemError as error:
        raise SyncSetupError(str(error)) from None
    except (TypeError, ValueError):
        raise SyncSetupError(
            "This computer's sync settings hold an unreadable key; nothing was exchanged. "
            "Set sync up again with the folder's passphrase."
        ) from None


def journal_side_for(journal: Journal) -> JournalSide:
    """The object that captures this journal's changes and applies the others'
    (core/sync/journal_side); capturing starts with the first exchange."""
    from colearn_desktop.core.sync.journal_side.service import JournalSync

    side = JournalSync.of(journal)
    if not side.enabled():
        side.enable()  # from now on this journal's changes are captured for the others
    return side


def exchange_now(journal: Journal, progress: Progress | None = None) -> ExchangeReport:
    """One exchange of ``journal`` through the folder this computer set up."""
    from colearn_desktop.core.storage.migrate import HEAD_REVISION
    from colearn_desktop.core.sync.exchange import ThisDevice, exchange

    folder, settings = open_folder(journal.path.parent)
    this = ThisDevice(str(settings.get("device_name") or ""), str(settings["instance"]))
    side = journal_side_for(journal)
    return exchange(side, folder, this, schema=HEAD_REVISION, progress=progress)


def devices(data_folder: Path) -> tuple[SyncFolder, dict[str, Any], list[DeviceSeen]]:
    """The folder, this computer's setup, and every device in the folder (this one marked)."""
    from colearn_desktop.core.sync.exchange import devices_seen

    folder, settings = open_folder(data_folder)
    mine = [
        device
        for device in folder.devices()
        if (info := folder.device_info(device) or {}).get("instance") == settings["instance"]
        and not info.get("retired_for")
    ]
    return folder, settings, devices_seen(folder, mine[0] if mine else "")
