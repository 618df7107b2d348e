"""Preferences that belong to this computer, not to the journal.

The backup mirror folder is one: a path like ``/media/usb`` or ``D:\\Sync`` only means something
on the machine where it was chosen.  Kept in the journal, it would travel with a copied journal
to another computer (and start writing there into a folder that is missing or someone else's),
and restoring an older backup would silently switch mirroring off or point it elsewhere.  So it
lives in ``local-settings.json`` beside the journal, written atomically and owner-only.

Backup retention, by contrast, is a journal setting (:mod:`core.settings`): how much history to
keep is a property of the journal, the same on every computer.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from .folders import make_private_dirs

FILE_NAME = "local-settings.json"


class LocalSettings:
    def __init__(self, folder: Path):
        self.path = folder / FILE_NAME

    def _read(self) -> dict[str, Any]:
        try:
            value = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

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

    @property
    def mirror_dir(self) -> Path | None:
        value = self._read().get("backup_mirror_dir")
        return Path(value) if isinstance(value, str) and value else None

    def set_mirror_dir(self, folder: Path | None) -> None:
        values = self._read()  # keys this version does not know are kept
        if folder is None:
            values.pop("backup_mirror_dir", None)
        else:
            values["backup_mirror_dir"] = str(Path(folder).expanduser().resolve())
        self._write(values)
