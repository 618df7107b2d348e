"""A JSON journal export is read row by row: memory stays small whatever the file's size, and
a file that stops being an export mid-way is refused with nothing imported."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.interchange.readers.json_stream import JournalExport
from colearn_desktop.core.interchange.record import ImportFileError
from tests.helpers import add_contact


@pytest.fixture
def export(journal, tmp_path):
    generate_demo(journal, contacts=40, conversations_per_contact=4, seed=3)
    path = tmp_path / "all.json"
    journal.interchange.export_journal(path)
    return path


def rejected(journal, path) -> str:
    with pytest.raises(ImportFileError) as caught:
        journal.interchange.import_file(path)
    assert journal.interchange.batches() == []
    return str(caught.value)


@pytest.mark.slow  # 8,000 conversations restored under tracemalloc: ~9 s of CPU
def test_restoring_holds_rows_not_the_file(journal, tmp_path, fresh):
    # Modules loaded and caches made by a small file of every table, so that the peak below
    # is what reading the big file holds (restoring the big file twice cost ~4 s of CPU).
    warm_up = fresh("warm-up")
    generate_demo(warm_up, contacts=4, conversations_per_contact=2, seed=5)
    small = tmp_path / "small.json"
    warm_up.interchange.export_journal(small)
    fresh("warmed-up").interchange.import_file(small)
    generate_demo(journal, contacts=400, conversations_per_contact=20, seed=5)
    path = tmp_path / "big.json"
    journal.interchange.export_journal(path)
    other = fresh("empty")
    tracemalloc.start()
    report = other.interchange.import_file(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.restored["conversation"] == 8_000
    tracemalloc.start()
    with path.open(encoding="utf-8") as handle:
        json.load(handle)
    whole = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # Reading the whole document (as before) takes several times the file's size; reading
    # rows takes a fixed few megabytes, whatever the size.
    assert peak < whole / 3, (peak, whole, path.stat().st_size)
    other.close()


def test_rows_come_table_by_table_and_counts_match(export):
    document = json.loads(export.read_text(encoding="utf-8"))
    reader = JournalExport(export)
    expected = {name: len(rows) for name, rows in document["tables"].items() if rows}
    assert reader.count_rows() == expected
    contacts = [row for _, row in reader.rows({"contact"})]
    assert contacts == document["tables"]["contact"]


def test_a_file_in_another_table_order_restores_the_same(export, tmp_path, fresh):
    document = json.loads(export.read_text(encoding="utf-8"))
    document["tables"] = dict(reversed(list(document["tables"].items())))
    shuffled = tmp_path / "reversed.json"
    shuffled.write_text("\ufeff" + json.dumps(document), encoding="utf-8")  # and with a BOM
    other = fresh("other")
    report = other.interchange.import_file(shuffled)
    assert report.imported
    again = tmp_path / "again.json"
    other.interchange.export_journal(again)
    assert (
        json.loads(again.read_text(encoding="utf-8"))["tables"]
        == json.loads(export.read_text(encoding="utf-8"))["tables"]
    )
    other.close()


def test_a_file_cut_short_imports_nothing(export, tmp_path, fresh):
    data = export.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) * 2 // 3])
    other = fresh("other")
    assert "cut short" in rejected(other, cut)
    assert other.stats().contacts == 0
    add_contact(other, "Zoë", "Ørsted")  # not empty: only contacts are read, still refused
    assert "cut short" in rejected(other, cut)
    assert other.stats().contacts == 1
    other.close()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["tables"].update(contact={"id": 1}), "'contact' is not a list of rows"),
        (lambda d: d["tables"]["conversation"].append([1, 2]), "a row of table 'conversation'"),
        (lambda d: d.update(version=99), "newer CoLearn"),
        (lambda d: d.update(tables=[]), "no readable tables"),
        (lambda d: d.pop("tables"), "no readable tables"),
    ],
)
def test_what_is_not_an_export_is_named(export, tmp_path, change, expected, fresh):
    document = json.loads(export.read_text(encoding="utf-8"))
    change(document)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    other = fresh("other")
    assert expected in rejected(other, broken)
    assert other.stats().contacts == 0
    other.close()


def test_bytes_that_are_not_utf8(export, tmp_path):
    data = export.read_bytes().replace(b'"notes": "', b'"notes": "\xff\xfe', 1)
    broken = tmp_path / "latin.json"
    broken.write_bytes(data)
    with pytest.raises(ImportFileError, match=r"UTF-8|not valid JSON"):
        list(JournalExport(broken).rows())
