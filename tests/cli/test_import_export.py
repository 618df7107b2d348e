"""``colearn import``, ``imports``, ``undo-import``, ``export contacts`` and ``export journal``
from the outside: output, exit codes and failure messages."""

from __future__ import annotations

import json
from pathlib import Path

from colearn_desktop.cli import main

SAMPLES = Path(__file__).parents[1] / "samples"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_prints_the_report_and_a_second_import_adds_nothing(tmp_path, capsys):
    data = tmp_path / "d"
    sample = SAMPLES / "vcard/tine20_encoding_preamble_multi.vcf"
    code, out, _ = run(capsys, "--data-dir", data, "import", sample)
    assert code == 0
    assert "Imported tine20_encoding_preamble_multi.vcf (vCard, UTF-8) as import 1:" in out
    assert "new             2" in out
    # A journal that never held anything has nothing to lose: no backup is made for it.
    assert "A backup from just before" not in out
    code, out, _ = run(capsys, "--data-dir", data, "import", sample, "--json")
    report = json.loads(out)
    assert code == 0
    assert (report["new"], report["merged"], report["skipped"]) == (0, 0, 2)
    # Nothing new: no backup and no batch (see tests/cli/test_import_command_line.py).
    assert (report["up_to_date"], report["backup"], report["batch"]) == (True, None, None)
    code, out, _ = run(capsys, "--data-dir", data, "stats", "--json")
    assert json.loads(out)["contacts"] == 2


def test_dry_run_changes_nothing(tmp_path, capsys):
    data = tmp_path / "d"
    code, out, _ = run(
        capsys, "--data-dir", data, "import", SAMPLES / "csv/thunderbird_export.csv", "--dry-run"
    )
    assert code == 0
    assert "Dry run: thunderbird_export.csv (Thunderbird CSV, UTF-8) would import:" in out
    assert "warning: row 2 email: 'contact1@invalid' is not a valid e-mail address" in out
    assert not data.exists()  # not even an empty journal


def test_rejected_file_exits_non_zero_with_a_clear_message(tmp_path, capsys):
    data = tmp_path / "d"
    bad = tmp_path / "bad.csv"
    bad.write_text('Name,Email\nAna,ana@x.com\n"Bob,bob@x.com\n', encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data, "import", bad)
    assert code == 1
    assert "unbalanced quotes" in err
    assert "Traceback" not in err + out
    code, out, _ = run(capsys, "--data-dir", data, "import", bad, "--json")
    assert code == 1
    assert json.loads(out)["imported"] is False


def test_rows_with_errors_are_listed_and_nothing_is_imported(tmp_path, capsys):
    data = tmp_path / "d"
    bad = tmp_path / "ours.csv"
    bad.write_text(
        "Given name,Family name,Name,Stage\nAna,,,help\nBob,,,banana\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "--data-dir", data, "import", bad)
    assert code == 1
    assert "Nothing was imported from ours.csv" in out
    assert "error: row 3 stage: 'banana' is not one of: network, search, shop, help" in out


def test_map_option(tmp_path, capsys):
    data = tmp_path / "d"
    source = tmp_path / "mine.csv"
    source.write_text("Wer,Post\nAna Lima,ana@x.com\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", data, "import", source)
    assert code == 1
    assert "--map COLUMN=FIELD" in err
    code, out, _ = run(capsys, "--data-dir", data, "import", source, "--map", "Wer=name,Post=email")
    assert code == 0
    assert "new             1" in out


def test_imports_listing_and_undo(tmp_path, capsys):
    data = tmp_path / "d"
    run(capsys, "--data-dir", data, "import", SAMPLES / "csv/tine20_google_legacy_groups.csv")
    code, out, _ = run(capsys, "--data-dir", data, "imports")
    assert code == 0
    assert "tine20_google_legacy_groups.csv  (google-csv): 5 new, 0 merged" in out
    assert "[active]" in out
    code, out, _ = run(capsys, "--data-dir", data, "undo-import", "1")
    assert code == 0
    assert "Import 1 was undone" in out
    code, out, _ = run(capsys, "--data-dir", data, "imports", "--json")
    assert json.loads(out)[0]["undone"] is True
    code, _, err = run(capsys, "--data-dir", data, "undo-import", "1")
    assert code == 1
    assert "already undone" in err
    code, _, err = run(capsys, "--data-dir", data, "undo-import", "42")
    assert code == 1
    assert "there is no import 42" in err


def test_export_contacts_in_every_format_and_journal_json(tmp_path, capsys):
    data = tmp_path / "d"
    run(capsys, "--data-dir", data, "demo-data", "--contacts", "30")
    for fmt in ("csv", "google-csv", "outlook-csv", "vcard"):
        out_file = tmp_path / f"c.{fmt}"
        code, out, _ = run(
            capsys, "--data-dir", data, "export", "contacts", "--format", fmt, "-o", out_file
        )
        assert code == 0
        assert f"Wrote 30 contacts to {out_file}" in out
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    plain = tmp_path / "plain.csv"
    run(
        capsys,
        "--data-dir",
        data,
        "export",
        "contacts",
        "-o",
        plain,
        "--no-bom",
        "--no-excel-safety",
    )
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    v3 = tmp_path / "v3.vcf"
    run(
        capsys,
        "--data-dir",
        data,
        "export",
        "contacts",
        "--format",
        "vcard",
        "--vcard-version",
        "3.0",
        "-o",
        v3,
    )
    assert b"VERSION:3.0" in v3.read_bytes()
    code, out, err = run(
        capsys, "--data-dir", data, "export", "contacts", "--tag", "nobody-has-this", "-o", plain
    )
    assert code == 1
    assert f"{plain} already exists. Nothing was written; add --force" in err
    code, out, _ = run(capsys, "--data-dir", data, "export", "contacts", "--tag", "nobody-has-this",
                       "-o", plain, "--force")  # fmt: skip
    assert "Wrote 0 contacts" in out
    everything = tmp_path / "all.json"
    code, out, _ = run(capsys, "--data-dir", data, "export", "journal", "-o", everything)
    assert code == 0
    assert "Wrote 30 contacts, 300 conversations" in out
    empty = tmp_path / "empty"
    code, out, _ = run(capsys, "--data-dir", empty, "import", everything)
    assert code == 0
    assert "restored:" in out
    code, out, _ = run(capsys, "--data-dir", empty, "stats", "--json")
    assert json.loads(out)["conversations"] == 300


def test_export_without_a_journal_fails_cleanly(tmp_path, capsys):
    code, _, err = run(
        capsys, "--data-dir", tmp_path / "none", "export", "journal", "-o", tmp_path / "x.json"
    )
    assert code == 1
    assert "There is no journal" in err
