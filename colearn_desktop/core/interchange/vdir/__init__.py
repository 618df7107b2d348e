"""A vdir (one ``.vcf`` per contact, one ``.ics`` per reminder, as vdirsyncer, khard and khal
define it) that a user's own vdirsyncer brings to a server and a phone.

:func:`write_vdir` writes it, :func:`read_vdir_changes` reads back what the phone edited.
Which files are ours, and what they held when written, is kept on this computer
(:mod:`.state`), never in the vdir: a synced folder must hold nothing but the items.
"""

from colearn_desktop.core.interchange.vdir.read import read_vdir_changes
from colearn_desktop.core.interchange.vdir.report import VdirReport
from colearn_desktop.core.interchange.vdir.write import write_vdir

__all__ = ["VdirReport", "read_vdir_changes", "write_vdir"]
