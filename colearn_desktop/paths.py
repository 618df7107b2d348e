"""Where the journal, its backups, drafts and logs live.

The location is decided once, by the composition root, in this order: the ``--data-dir``
option, then the ``COLEARN_DATA_DIR`` environment variable, then the folder the user moved the
journal to (remembered in ``location.json`` in the platform's per-user config folder), then the
platform's per-user data folder.  Nothing here touches the disk until :meth:`DataPaths.ensure`
is called, so importing the package (or running ``colearn --version``) never creates a folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "CoLearn"
ENV_DATA_DIR = "COLEARN_DATA_DIR"
JOURNAL_FILE_NAME = "journal.sqlite3"


def resolve_data_dir(option: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """Return the data folder chosen by option > environment > moved-to folder > default."""
    if option:
        return Path(option).expanduser().resolve()
    from_env = environ.get(ENV_DATA_DIR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    moved = read_location()
    if moved is not None:
        return moved
    return default_data_dir()


def data_dir_to_name(folder: Path) -> Path | None:
    """``folder`` when CoLearn would not find it by itself (an option or the environment
    chose it), so a command that starts CoLearn later (the login entry) must name it; None
    for the folder it looks in anyway, or that folder's demo journal."""
    usual = DataPaths(resolve_data_dir(None, {}))
    return None if folder.resolve() in (usual.root, usual.demo().root) else folder.resolve()


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def location_file() -> Path:
    """Where the app remembers a data folder the user moved the journal to."""
    from colearn_desktop.core.storage.local_settings import user_config_folder

    return user_config_folder() / "location.json"


def read_location() -> Path | None:
    try:
        stored = json.loads(location_file().read_text("utf-8")).get("data_dir", "")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(stored) if stored else None


def write_location(folder: Path | None) -> None:
    """Remember ``folder`` as the data folder (None: back to the platform default).  Written
    through a temporary file, so a crash leaves the old pointer, never half of a new one."""
    from colearn_desktop.core.storage.files.folders import make_private_dirs

    target = location_file()
    if folder is None:
        target.unlink(missing_ok=True)
        return
    make_private_dirs(target.parent)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(json.dumps({"data_dir": str(folder)}), "utf-8")
    os.replace(temporary, target)


@dataclass(frozen=True)
class DataPaths:
    """The files of one journal.  The demo journal is a separate ``DataPaths`` below ``demo/``
    so that trying the app can never mix invented people into the user's real journal."""

    root: Path

    @property
    def journal(self) -> Path:
        return self.root / JOURNAL_FILE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def demo(self) -> DataPaths:
        return DataPaths(self.root / "demo")

    def ensure(self) -> None:
        """Create the folders that are missing, readable by the owner only (client notes are
        private).  Folders that exist keep their mode (see :mod:`core.folders`).

        When the journal exists but a subfolder cannot be made (a read-only folder, a full
        disk), that subfolder is left out: the journal still opens (read-only, saying why),
        and whatever needs the folder later says so when it tries."""
        from colearn_desktop.core.storage.files.folders import make_private_dirs

        make_private_dirs(self.root)
        for folder in (self.backups, self.drafts, self.logs):
            try:
                make_private_dirs(folder)
            except OSError:
                if not self.journal.exists():
                    raise


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (installed as the ``colearn_desktop.resources``
    package, so it is found the same way from a checkout, a wheel or the frozen app)."""
    from importlib.resources import files

    return Path(str(files("colearn_desktop.resources").joinpath(*parts)))
