"""Creating the app's folders without changing anyone else's.

A folder CoLearn creates holds client notes, so it is made readable by its owner only (0700,
set explicitly: ``mkdir``'s mode is cut by the umask).  A folder that already exists is the
user's: a shared ``2775`` folder keeps its setgid bit and group access, a ``0500`` folder stays
read-only.  Changing those behind the user's back broke shared setups and made a folder the
user had locked writable again.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FOLDER_MODE = 0o700


def make_private_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and whichever of its parents are missing, each 0700 (as the XDG
    base-directory spec asks of folders an application creates); returns the folders made,
    outermost first.  Existing folders are left exactly as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    made: list[Path] = []
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue  # made at the same moment by another process: theirs to keep as it is
        if os.name == "posix":
            os.chmod(path, PRIVATE_FOLDER_MODE)
        made.append(path)
    return made
