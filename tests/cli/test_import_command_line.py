"""``colearn import`` as a script uses it (issue #15, "Command line"): a dry run or a refused
file leaves no file behind, every refusal has the report's JSON shape, a wrong ``--format``
says what the file is, ``--encoding`` picks the encoding, and a re-import that adds nothing
makes no backup and no batch."""

from __future__ import annotations

import json
from pathlib import Path

from colearn_desktop.cli import main

SAMPLES = Path(__file__).parents[1] / "samples"
CSV = "Name,Email\r\nAna Lima,ana@example.com\r\nBo Berg,bo@example.com\r\n"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_dry_run_with_no_journal_yet_creates_no_file(tmp_path, capsys):
    data = tmp_path / "data"
    path = people_csv(tmp_path)
    code, out, _ = run(capsys, "--data-dir", data, "import", path, "--dry-run")
    assert code == 0
    assert "Dry run: people.csv" in out
    assert "new             2" in out
    assert not data.exists()


def test_a_refused_file_creates_no_journal(tmp_path, capsys):
    data = tmp_path / "data"
    code, _, err = run(capsys, "--data-dir", data, "import", tmp_path / "missing.csv")
    assert code == 1
    assert err == f"colearn: {tmp_path / 'missing.csv'} does not exist or is not a file.\n"
    assert not data.exists()


def test_a_rejected_file_with_no_journal_yet_creates_no_journal(tmp_path, capsys):
    data = tmp_path / "data"
    bad = tmp_path / "bad.csv"
    bad.write_text("Given name,Family name,Name,Stage\r\nCy,,,banana\r\n", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", data, "import", bad)
    assert code == 1
    assert "error: row 2 stage: 'banana' is not one of" in out
    assert not data.exists()
    # The first import that does import something creates the journal.
    code, out, _ = run(capsys, "--data-dir", data, "import", people_csv(tmp_path))
    assert code == 0
    assert "Imported people.csv" in out
    assert (data / "journal.sqlite3").is_file()


def test_a_rejected_run_leaves_the_data_folder_as_it_was(tmp_path, capsys):
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", data, "import", people_csv(tmp_path))[0] == 0
    before = files_in(data)
    bad = tmp_path / "bad.csv"
    bad.write_text("Given name,Family name,Name,Stage\r\nCy,,,banana\r\n", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", data, "import", bad)
    assert code == 1
    assert "Nothing was imported from bad.csv" in out
    # No -wal or -shm, no backup, nothing else.
    assert files_in(data) == before


def test_early_refusals_have_the_report_s_json_shape(tmp_path, capsys):
    path = people_csv(tmp_path)
    code, out, _ = run(capsys, "--data-dir", tmp_path / "d", "import", path, "--json")
    report = json.loads(out)
    code, out, _ = run(
        capsys, "--data-dir", tmp_path / "d", "import", tmp_path / "nope.csv", "--json"
    )
    refused = json.loads(out)
    assert code == 1
    assert refused.keys() == report.keys()
    assert (refused["imported"], refused["errors"], refused["file"]) == (False, 1, "nope.csv")
    assert refused["problems"] == [
        {
            "number": 0,
            "field": "",
            "message": f"{tmp_path / 'nope.csv'} does not exist or is not a file.",
            "severity": "error",
        }
    ]


def test_a_wrong_format_says_what_the_file_looks_like(tmp_path, capsys):
    path = people_csv(tmp_path)
    code, _, err = run(capsys, "--data-dir", tmp_path / "d", "import", path, "--format", "vcard")
    assert code == 1
    assert err.startswith(
        "colearn: people.csv looks like a CSV file, not a vCard file; nothing was imported."
    )
    vcard = SAMPLES / "vcard/tine20_encoding_preamble_multi.vcf"
    code, _, err = run(
        capsys, "--data-dir", tmp_path / "d", "import", vcard, "--format", "google-csv"
    )
    assert code == 1
    assert "looks like a vCard file, not a CSV file" in err


def test_encoding_picks_how_the_file_is_read(tmp_path, capsys):
    data = tmp_path / "data"
    sample = SAMPLES / "csv/crafted_outlook_polish_cp1250.csv"
    code, out, _ = run(capsys, "--data-dir", data, "import", sample, "--encoding", "cp852")
    assert code == 0
    assert "(Outlook CSV, DOS 852 (Central European), chosen)" in out
    code, out, _ = run(capsys, "--data-dir", data, "search", "Ł")
    assert "Łukasz" not in out  # read as the user said, however wrong


def test_an_unknown_encoding_is_refused_with_examples(tmp_path, capsys):
    data = tmp_path / "data"
    path = people_csv(tmp_path)
    code, _, err = run(capsys, "--data-dir", data, "import", path, "--encoding", "klingon")
    assert code == 1
    assert err == (
        "colearn: 'klingon' is not an encoding this program knows; use a name such as utf-8, "
        "cp1252 (Windows Western European), cp1250, cp1251, iso-8859-2, mac_roman or "
        "shift_jis.\n"
    )
    assert not data.exists()


def test_a_re_import_that_adds_nothing_makes_no_backup_and_no_batch(tmp_path, capsys):
    data = tmp_path / "data"
    path = people_csv(tmp_path)
    assert run(capsys, "--data-dir", data, "import", path)[0] == 0
    backups = files_in(data / "backups")
    code, out, _ = run(capsys, "--data-dir", data, "import", path)
    assert code == 0
    assert out == (
        "Nothing to import: all 2 contacts of people.csv are already in your journal; nothing "
        "was changed and no backup was made.\n"
    )
    assert files_in(data / "backups") == backups
    code, out, _ = run(capsys, "--data-dir", data, "imports", "--json")
    assert len(json.loads(out)) == 1
