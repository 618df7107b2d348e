"""Every row of a file is counted (issue #15): as new, merged or skipped, a skipped row with
the reason, so the counts add up to the rows of the file; a row with no name but something in
it no longer vanishes from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from colearn_desktop.core.interchange.formats import ImportFormat
from colearn_desktop.core.interchange.readers.csv_source import read_rows
from colearn_desktop.core.interchange.values import DateOrder

SAMPLES = Path(__file__).parents[2] / "samples"
SAMPLE_FILES = sorted(str(p.relative_to(SAMPLES)) for p in SAMPLES.glob("*/*") if p.is_file())


def _rows_in(source) -> int:
    """The rows of the file that hold anything, counted without our importer's rules: CSV
    rows with a non-empty cell, vCard BEGIN lines."""
    if source.format is ImportFormat.VCARD:
        return len(re.findall(rb"(?im)^BEGIN:VCARD", source.path.read_bytes()))
    rows = read_rows(source.path, source.encoding, source.layout)
    return sum(1 for _number, cells in rows if any(cell.strip() for cell in cells))


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_the_counts_add_up_to_the_rows_of_every_sample(journal, name):
    # The order of dates does not change what is counted (one sample cannot tell it alone).
    source = journal.interchange.inspect(SAMPLES / name, dates=DateOrder.DMY)
    plan = journal.interchange.plan(source)
    counts = plan.counts()
    assert counts["new"] + counts["merged"] + counts["skipped"] == _rows_in(source)
    report = journal.interchange.apply(plan)
    assert report.new + report.merged + report.skipped == _rows_in(source)


def test_a_row_with_no_name_but_a_note_is_skipped_with_the_reason(journal):
    plan = journal.interchange.plan(
        journal.interchange.inspect(SAMPLES / "csv/crafted_outlook_nameless_row.csv")
    )
    assert plan.counts() == {"new": 3, "merged": 0, "skipped": 1}
    [skipped] = [row for row in plan.rows if row.rejected]
    assert (skipped.number, skipped.action.value) == (4, "skip")
    assert skipped.reason == (
        "skipped: no name, e-mail, phone or company, so it was not imported (it holds notes)"
    )
    assert "row 4 name: no name, e-mail, phone or company, so it was not imported" in [
        str(p).partition(" (")[0] for p in plan.problems
    ]
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged, report.skipped) == (3, 0, 1)
    assert sorted(row.display_name for row in journal.contact_list.rows()) == [
        "Acme Ltd",
        "Ana García",
        "Bo Lind",
    ]
