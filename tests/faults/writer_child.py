"""Writers that go on through the journal service until they are killed.

``python -m tests.faults.writer_child JOURNAL PREFIX`` imports everything once, then, for each
``run START`` line on its stdin, forks a writer (so each run costs no start-up time).  The
writer prints ``pid <pid>`` and then creates contacts named ``PREFIX<n>`` from ``START`` on
(e-mail addresses, tags and a conversation: several tables per change), printing
``committed <n>`` after the service calls have returned, i.e. after the commits.  The test kills
the writer with SIGKILL at a moment of its choosing; this process then prints ``ended`` (after
the writer is gone, so every line the writer printed comes before it).  Nothing is opened before
the fork: each writer opens the journal itself, as a freshly started app would.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ConversationInput


def write_forever(path: Path, prefix: str, number: int) -> None:
    journal = open_journal(path)
    base = datetime(2026, 1, 1, 9, 0)
    while True:
        name = f"{prefix}{number}"
        contact = journal.contacts.create(
            ContactInput(
                name=name,
                emails=(Labelled(f"{name}@example.com", "work"), Labelled(f"{name}@home.example")),
                tags=(f"batch-{number % 7}", "fault-test"),
                notes="n" * (number % 5) * 900,  # some changes spill over several pages
            )
        )
        journal.conversations.log(
            ConversationInput(
                contact_ids=(contact,),
                happened_at=base + timedelta(minutes=number),
                notes=f"note {name}",
                learned="l" * 300,
            )
        )
        print(f"committed {number}", flush=True)
        number += 1


def main() -> None:
    path, prefix = Path(sys.argv[1]), sys.argv[2]
    print("ready", flush=True)
    for line in sys.stdin:
        start = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                print(f"pid {os.getpid()}", flush=True)
                write_forever(path, prefix, start)
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        print("ended", flush=True)


if __name__ == "__main__":
    main()
