"""Preferences that belong to this computer, not to the journal.

The backup mirror folder is one: a path like ``/media/usb`` or ``D:\\Sync`` only means something
on the machine where it was chosen.  Kept in the journal, it would travel with a copied journal
to another computer (and start writing there into a folder that is missing or someone else's),
and restoring an older backup would silently switch mirroring off or point it elsewhere.  Kept
beside the journal (as it was until this version, in ``local-settings.json``), it travelled the
same way with a data folder that is synced or copied.  So it lives in the platform's per-user
config folder, in ``local-settings/<key>.json``, the key made from the data folder's path so two
journals keep their own; written atomically and owner-only.  The old file beside the journal is
read once, then removed.

Backup retention, by contrast, is a journal setting (:mod:`core.settings`): how much history to
keep is a property of the journal, the same on every computer.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from colearn_desktop.core.storage.files.digest import sha256_hex
from colearn_desktop.core.storage.files.folders import make_private_dirs

APP_NAME = "CoLearn"
LEGACY_FILE_NAME = "local-settings.json"
FOLDER_NAME = "local-settings"


def user_config_folder() -> Path:
    """The platform's per-user config folder for CoLearn (not created here)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=True))


def settings_file(data_folder: Path, config_folder: Path | None = None) -> Path:
    """Where the local settings of the journal in ``data_folder`` are kept."""
    key = sha256_hex(str(data_folder.resolve()).encode("utf-8"))[:16]
    return (config_folder or user_config_folder()) / FOLDER_NAME / f"{key}.json"


class LocalSettings:
    def __init__(self, data_folder: Path, config_folder: Path | None = None):
        self.data_folder = data_folder
        self.path = settings_file(data_folder, config_folder)
        self.legacy_path = data_folder / LEGACY_FILE_NAME

    def _read(self) -> dict[str, Any]:
        self._move_legacy_file()
        return _read_json(self.path)

    def _move_legacy_file(self) -> None:
        """Bring the settings kept beside the journal by earlier versions here, once."""
        if not self.legacy_path.exists():
            return
        if not self.path.exists():
            values = _read_json(self.legacy_path)
            if not values:
                return  # unreadable: left for a person to look at
            values["data_dir"] = str(self.data_folder.resolve())
            try:
                self._write(values)
            except OSError:
                return  # kept where it is, and still read from there next time
        with contextlib.suppress(OSError):
            self.legacy_path.unlink()

    def _write(self, values: dict[str, Any]) -> None:
        make_private_dirs(self.path.parent)
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            partial.write_text(json.dumps(values, indent=2, sort_keys=True), encoding="utf-8")
            if os.name == "posix":
                os.chmod(partial, 0o600)
            os.replace(partial, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()

    def carry_to(self, data_folder: Path) -> None:
        """The journal moved to ``data_folder`` (Move my journal...): its settings on this
        computer go with it, so the backup mirror keeps working after the move."""
        values = self._read()
        if not values:
            return
        moved = LocalSettings(data_folder, self.path.parent.parent)
        values["data_dir"] = str(data_folder.resolve())
        moved._write(values)
        with contextlib.suppress(OSError):
            self.path.unlink()

    @property
    def mirror_dir(self) -> Path | None:
        value = self._read().get("backup_mirror_dir")
        return Path(value) if isinstance(value, str) and value else None

    def set_mirror_dir(self, folder: Path | None) -> None:
        values = self._read()  # keys this version does not know are kept
        values["data_dir"] = str(self.data_folder.resolve())  # for a person reading the file
        if folder is None:
            values.pop("backup_mirror_dir", None)
        else:
            values["backup_mirror_dir"] = str(Path(folder).expanduser().resolve())
        self._write(values)

    @property
    def vdir_tag(self) -> str | None:
        """Which contacts the vdir holds on this computer: those of this tag, or (None) every
        contact that is not archived.  Local, as the vdir's folders are."""
        value = self._read().get("vdir_tag")
        return value if isinstance(value, str) and value else None

    def set_vdir_tag(self, tag: str | None) -> None:
        values = self._read()
        values["data_dir"] = str(self.data_folder.resolve())
        if tag:
            values["vdir_tag"] = tag
        else:
            values.pop("vdir_tag", None)
        self._write(values)

    @property
    def vdir_folders(self) -> tuple[Path, Path] | None:
        """The vdir kept up to date for this journal (issue #19): its contacts' folder and
        its calendar's folder, or None when none is kept.  Which contacts: :attr:`vdir_tag`."""
        values = self._read()
        contacts, calendar = values.get("vdir_contacts_dir"), values.get("vdir_calendar_dir")
        if isinstance(contacts, str) and contacts and isinstance(calendar, str) and calendar:
            return Path(contacts), Path(calendar)
        return None

    def set_vdir_folders(self, folders: tuple[Path, Path] | None) -> None:
        values = self._read()
        values["data_dir"] = str(self.data_folder.resolve())
        if folders is None:
            values.pop("vdir_contacts_dir", None)
            values.pop("vdir_calendar_dir", None)
        else:
            contacts, calendar = (str(Path(f).expanduser().resolve()) for f in folders)
            values["vdir_contacts_dir"], values["vdir_calendar_dir"] = contacts, calendar
        self._write(values)

    @property
    def keeps_live_outputs(self) -> bool:
        """Whether any live output (calendar file, vdir) is turned on, read without
        importing the export code (most people keep none)."""
        return self.calendar_file is not None or self.vdir_folders is not None

    @property
    def sync(self) -> dict[str, Any]:
        """This computer's sync setup (folder, device name, installation token, folder key):
        it names a folder on this machine and a key for it, so it never travels with the
        journal (see :mod:`colearn_desktop.core.sync`)."""
        value = self._read().get("sync")
        return dict(value) if isinstance(value, dict) else {}

    def set_sync(self, values: dict[str, Any] | None) -> None:
        current = self._read()
        current["data_dir"] = str(self.data_folder.resolve())
        if values is None:
            current.pop("sync", None)
        else:
            current["sync"] = values
        self._write(current)

    @property
    def calendar_file(self) -> Path | None:
        """The live calendar file kept up to date for this journal (issue #19), if any."""
        value = self._read().get("calendar_file")
        return Path(value) if isinstance(value, str) and value else None

    def set_calendar_file(self, path: Path | None) -> None:
        values = self._read()
        values["data_dir"] = str(self.data_folder.resolve())
        if path is None:
            values.pop("calendar_file", None)
        else:
            values["calendar_file"] = str(Path(path).expanduser().resolve())
        self._write(values)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
