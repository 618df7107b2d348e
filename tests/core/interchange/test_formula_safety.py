"""Google and Outlook CSV exports are for Google and Outlook, which keep an apostrophe as part
of the value (issue #15): only a cell that could run as a formula gets one; phone numbers and
year-less birthdays stay as written.  Checked in LibreOffice Calc with formula evaluation on:
no cell of either file becomes a formula and the phone number is the text written."""

from __future__ import annotations

import csv
import shutil
import subprocess
from xml.etree import ElementTree

import pytest

from colearn_desktop.core.contact_fields import Birthday, ContactInput, Labelled

PHONE = "+44 20 7946 0958"
RUNNABLE = ('=HYPERLINK("http://evil.example","x")', "-2+3", "@SUM(1)", "+1-1")
# Calc's CSV filter: comma, double quote, UTF-8, from line 1, default cell formats, en-US,
# quoted fields not forced to text, special numbers detected, ..., token 13 "evaluate
# formulas" on (what a user ticks in the import dialog to see a formula run).
CSV_FILTER = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@pytest.fixture
def exported(journal, tmp_path):
    journal.contacts.create(
        ContactInput(
            given_name="Ana",
            family_name=RUNNABLE[3],
            company=RUNNABLE[0],
            job_title=RUNNABLE[1],
            notes=RUNNABLE[2],
            phones=(Labelled(PHONE, "mobile"),),
            birthday=Birthday(5, 21),
        )
    )
    paths = {}
    for fmt in ("google-csv", "outlook-csv"):
        paths[fmt] = tmp_path / f"{fmt}.csv"
        journal.interchange.export_contacts(paths[fmt], fmt)
    return paths


def _cells(path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in list(csv.reader(handle))[1:] for cell in row if cell]


@pytest.mark.parametrize("fmt", ["google-csv", "outlook-csv"])
def test_only_what_could_run_gets_an_apostrophe(exported, fmt):
    cells = _cells(exported[fmt])
    assert PHONE in cells
    assert f"'{PHONE}" not in cells
    for runnable in RUNNABLE:
        assert not any(cell.startswith(runnable) for cell in cells), runnable
        assert any(cell.startswith(f"'{runnable}") for cell in cells), runnable
    if fmt == "google-csv":
        assert "--05-21" in cells


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
@pytest.mark.parametrize("fmt", ["google-csv", "outlook-csv"])
def test_libreoffice_evaluating_formulas_runs_none_and_keeps_the_phone(exported, tmp_path, fmt):
    out = tmp_path / "calc"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile}", "--headless",
            f"--infilter={CSV_FILTER}", "--convert-to", "fods", "--outdir", str(out),
            str(exported[fmt]),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    sheet = ElementTree.parse(out / f"{fmt}.fods")
    cells = list(sheet.iter(f"{{{TABLE}}}table-cell"))
    assert [c for c in cells if c.get(f"{{{TABLE}}}formula")] == []
    texts = {
        "".join(p.itertext()): c.get(f"{{{OFFICE}}}value-type")
        for c in cells
        for p in c.iter(f"{{{TEXT}}}p")
    }
    assert texts[PHONE] == "string"
    assert texts[f"'{RUNNABLE[0]}"] == "string"
