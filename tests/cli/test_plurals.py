"""The command line counts in plain English: "1 contact", "2 contacts"."""

from __future__ import annotations

from colearn_desktop.core.text import counted
from tests.cli.test_import_export import run


def test_counted_says_one_and_many():
    assert counted(1, "contact") == "1 contact"
    assert counted(0, "contact") == "0 contacts"
    assert counted(1200, "entry", "entries") == "1,200 entries"


def test_one_contact_is_said_in_the_singular(tmp_path, capsys):
    data = tmp_path / "d"
    code, out, _ = run(
        capsys, "--data-dir", data, "demo-data", "--contacts", "1",
        "--conversations-per-contact", "1",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("Added 1 contact, 1 conversation, ")
    target = tmp_path / "one.csv"
    code, out, _ = run(capsys, "--data-dir", data, "export", "contacts", "-o", target)
    assert code == 0
    assert out.strip() == f"Wrote 1 contact to {target}"
