"""Where a file dialog opens: the folder last used for the same purpose (importing, exporting,
backups...), else Documents, else home — never the working directory, which for an app
started from a menu is "/" or the install folder.  Remembered in this computer's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

IMPORT, EXPORT, BACKUP, JOURNAL = "import", "export", "backup", "journal"
_KEY = "folders/{}"


def start_folder(purpose: str, settings: QSettings | None = None) -> Path:
    """The folder a dialog for ``purpose`` opens in (one that exists)."""
    remembered = str((settings or QSettings()).value(_KEY.format(purpose), "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def in_start_folder(purpose: str, name: str, settings: QSettings | None = None) -> str:
    """``name`` in the start folder of ``purpose``; a path with a folder stays as it is."""
    return name if Path(name).parent != Path() else str(start_folder(purpose, settings) / name)


def remembered(purpose: str, chosen: str) -> str:
    """``chosen`` (a folder picked for ``purpose``, or "" when cancelled), remembered."""
    remember_folder(purpose, chosen)
    return chosen


def remember_folder(purpose: str, chosen: str | Path, settings: QSettings | None = None) -> None:
    """Remember where the user went: the folder chosen, or the folder of the file chosen."""
    if not chosen:
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    (settings or QSettings()).setValue(_KEY.format(purpose), str(folder))
