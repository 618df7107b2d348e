"""Which live outputs this computer keeps for a journal.

Where a file goes only means something on the computer where it was chosen, so the choice
lives in :class:`~colearn_desktop.core.storage.local_settings.LocalSettings`, never in the
journal (a copied journal must not start writing into someone else's folders).
"""

from __future__ import annotations

from pathlib import Path

from colearn_desktop.core.interchange.live.calendar_file import LiveCalendar
from colearn_desktop.core.interchange.live.outputs import LiveOutput
from colearn_desktop.core.interchange.live.vdir_output import LiveVdir
from colearn_desktop.core.storage.local_settings import LocalSettings


def configured_outputs(data_folder: Path) -> list[LiveOutput]:
    """The live outputs turned on for the journal in ``data_folder`` (empty: none).  The
    vdir comes first: what it reads back from the phone is then in the calendar file too."""
    outputs: list[LiveOutput] = []
    settings = LocalSettings(data_folder)
    folders = settings.vdir_folders
    if folders is not None:
        outputs.append(LiveVdir(*folders, settings.vdir_tag))
    calendar = settings.calendar_file
    if calendar is not None:
        outputs.append(LiveCalendar(calendar))
    return outputs
