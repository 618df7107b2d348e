"""One exchange of a data folder's journal through its sync folder, saying each batch applied.

``python -m tests.faults.sync_child DATA`` prints ``applied <device> <seq>`` (flushed) after each
batch the journal side has committed (``... part <n> of <count>`` for a snapshot's part), then
``ended`` when the exchange is over; the test kills it with SIGKILL at a moment of its choosing,
as a laptop losing power would.
"""

from __future__ import annotations

import sys
from pathlib import Path

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.sync.journal_side.service import JournalSync
from colearn_desktop.core.sync.setup import exchange_now
from colearn_desktop.paths import DataPaths


def main(data: Path) -> None:
    apply = JournalSync.apply

    def saying(self, batch, part=None):  # type: ignore[no-untyped-def]
        report = apply(self, batch, part)
        of = "" if part is None else f" part {part.number} of {part.count}"
        print(f"applied {batch.device} {batch.seq}{of}", flush=True)
        return report

    JournalSync.apply = saying  # type: ignore[method-assign]
    journal = open_journal(DataPaths(data).journal)
    try:
        exchange_now(journal)
    finally:
        journal.close()
    print("ended", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
