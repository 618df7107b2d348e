"""Figure ``bulk``: tag every contact matching a filter (the contacts list's Ctrl+A, then
Selected ▸ Add a tag), on a copy of the journal.

App: ``journal.bulk.add_tag`` with the list's query (stage "network", active contacts),
which resolves the selection in SQL, writes the links in one transaction and records one undo
step — or, above the bulk bound of the undo log (250,000 contacts), makes a backup first and
keeps the step by name only (the note says which).  The notes add the time of one Ctrl+Z of
the last tagging (``undo_seconds``).  Baseline: the same rows written by hand on a raw
connection: one ``INSERT ... SELECT`` of the links in one ``BEGIN IMMEDIATE`` transaction;
the journal's cache and search triggers run for both (the list and search must show the tag
either way).
Each sample adds a new tag, so every sample writes the same number of links.
"""

from __future__ import annotations

import argparse
import shutil
from functools import partial
from typing import Any

from tests.perf import baseline
from tests.perf.journals import settled_copy
from tests.perf.measure import summary, timed

FILTER_STAGE = "network"


def bulk_figure(args: argparse.Namespace) -> dict[str, Any]:
    from colearn_desktop.core.enums import Stage
    from colearn_desktop.core.opening import open_journal
    from colearn_desktop.core.people.contact_list import ContactQuery

    copy = settled_copy(args.journal, args.work / "bulk" / args.journal.name)
    journal = open_journal(copy)
    connection = baseline.connect(copy)
    query = ContactQuery(stage=Stage(FILTER_STAGE))
    found: dict[str, Any] = {"matching": journal.contact_list.count(query), "backup_seconds": []}
    bulk = journal.bulk
    make_backup = bulk._backup

    def timed_backup(what: str) -> Any:  # how much of the app's time the backup takes
        seconds, path = timed(lambda: make_backup(what))
        found["backup_seconds"].append(seconds)
        return path

    bulk._backup = timed_backup
    app_times, base_times = [], []

    def app(i: int) -> None:
        outcome = bulk.add_tag(query, f"bulk app {i}")
        found["tagged"] = outcome.count
        found["undoable"] = outcome.backup is None

    def base(i: int) -> None:
        name = f"bulk raw {i}"
        connection.execute("BEGIN IMMEDIATE")
        tag = connection.execute(
            "INSERT INTO tag (name, name_key, created_at) VALUES (?, ?, datetime('now'))",
            (name, name),
        ).lastrowid
        cursor = connection.execute(
            "INSERT INTO contact_tag (contact_id, tag_id) SELECT id, ? FROM contact "
            "WHERE stage = ? AND archived_at IS NULL",
            (tag, FILTER_STAGE),
        )
        found["baseline_tagged"] = cursor.rowcount
        connection.execute("COMMIT")

    for i in range(args.repeat):  # interleaved, the app first on even samples
        if i % 2 == 0:
            app_times.append(timed(partial(app, i))[0])
            base_times.append(timed(partial(base, i))[0])
        else:
            base_times.append(timed(partial(base, i))[0])
            app_times.append(timed(partial(app, i))[0])
    if found.get("undoable"):
        found["undo_seconds"] = timed(journal.undo.undo)[0]
    found["check"] = journal.check(full=False)
    journal.close()
    connection.close()
    shutil.rmtree(copy.parent, ignore_errors=True)
    return {"app": summary(app_times), "baseline": summary(base_times), **found}
