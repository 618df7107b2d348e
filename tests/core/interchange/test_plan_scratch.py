"""A big file's plan lives in the scratch database, not in memory: the rows read back exactly
as planned, page by page, and duplicates are still found across chunk boundaries."""

from __future__ import annotations

import pytest

from colearn_desktop.core.interchange.plan import CHUNK, Action
from colearn_desktop.core.interchange.plan_rows import PAGE, PlannedRow, PlannedRows
from colearn_desktop.core.interchange.scratch import Scratch


def test_planned_rows_behave_as_a_sequence_across_pages():
    rows = PlannedRows(Scratch())
    planned = [
        PlannedRow(n + 2, f"Person {n}", f"p{n}@x.com", Action.NEW, reason="new")
        if n % 3
        else PlannedRow(
            n + 2, f"Person {n}", "", Action.MERGE, None, 2, "Person 0", "same e-mail", n == 9
        )
        for n in range(PAGE * 2 + 7)
    ]
    for row in planned:
        rows.append(row)
    assert len(rows) == len(planned)
    assert rows[0] == planned[0]
    assert rows[PAGE] == planned[PAGE]  # a second page
    assert rows[-1] == planned[-1]  # still buffered when written, read back all the same
    assert rows[3:6] == planned[3:6]
    assert list(rows) == planned
    assert rows[9].has_error
    assert rows[9].can_merge
    assert not rows[1].can_merge
    with pytest.raises(IndexError):
        rows[len(planned)]
    expected = {a: sum(r.action is a for r in planned) for a in Action}
    assert rows.counts() == expected
    assert rows.merge_targets() == {2}


def test_duplicates_within_the_file_are_found_across_chunks(journal, tmp_path):
    lines = ["Name,Email,Phone"]
    lines += [f"Person {n},p{n}@example.com,+44 20 7946 {n:04d}" for n in range(CHUNK + 200)]
    lines.append("Person Again,p3@example.com,")  # the e-mail of row 5, one chunk later
    lines.append("Same Phone,,+44 20 7946 0010")  # the phone of row 12
    lines.append("Person 1,,")  # a bare name: the name of row 3
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    last = CHUNK + 201  # the file row of the last person before the repeats
    tail = {row.number: row for row in plan.rows[-3:]}
    assert (tail[last + 1].action, tail[last + 1].target_row) == (Action.MERGE, 5)
    assert tail[last + 1].reason == "same e-mail as row 5"
    assert (tail[last + 2].action, tail[last + 2].target_row) == (Action.MERGE, 12)
    assert (tail[last + 3].action, tail[last + 3].target_row) == (Action.MERGE, 3)
    assert plan.counts() == {"new": CHUNK + 200, "merged": 3, "skipped": 0}
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged) == (CHUNK + 200, 3)
    assert journal.stats().contacts == CHUNK + 200
    hits = [r for r in journal.contact_list.rows() if r.display_name == "Person 3"]
    emails = [e.value for e in journal.contacts.get(hits[0].id).data.emails]
    assert emails == ["p3@example.com"]
    names = [p.value for p in journal.contacts.get(hits[0].id).data.phones]
    assert len(names) == 1
