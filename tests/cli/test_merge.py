"""``colearn merge KEEP OTHER...``: one undoable step; ``--dry-run`` changes nothing; mistakes
are one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
from datetime import datetime

from colearn_desktop.cli import main
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.helpers import add_contact, email, log_call


def run(capsys, data, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def make_journal(tmp_path):
    data = tmp_path / "d"
    journal = open_journal(data / JOURNAL_FILE_NAME)
    kept = add_contact(journal, "Freja", "Dahl", company="Nordlys", emails=(email("f@n.dk"),))
    other = add_contact(journal, "Freja", "D.", company="Acme", emails=(email("F@n.dk"),))
    third = add_contact(journal, "F.", "Dahl", tags=("client",))
    log_call(journal, other, when=datetime(2026, 11, 1, 10))
    with journal.db.read_raw() as connection:
        uid = connection.execute("SELECT uid FROM contact WHERE id = ?", (other,)).fetchone()[0]
    journal.close()
    return data, kept, other, third, uid


def contacts(data) -> int:
    journal = open_journal(data / JOURNAL_FILE_NAME, create=False)
    try:
        return journal.stats().contacts
    finally:
        journal.close()


def test_dry_run_prints_the_plan_and_changes_nothing(tmp_path, capsys):
    data, kept, other, _, uid = make_journal(tmp_path)
    code, out, err = run(
        capsys, data, "merge", str(kept), uid, "--prefer", f"#{other}:company", "--dry-run"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Merge into Freja Dahl (#{kept}): Freja D. (#{other})",
        f"  Name: Freja Dahl   [#{kept} Freja Dahl, #{other} Freja D.]",
        f"  Company: Acme   [#{kept} Nordlys, #{other} Acme]",
        "  E-mails: f@n.dk",
        "  Moves: 1 conversation",
        "Nothing was changed (--dry-run).",
    ]
    assert contacts(data) == 3


def test_merge_then_undo(tmp_path, capsys):
    data, kept, other, third, _ = make_journal(tmp_path)
    code, out, err = run(capsys, data, "merge", str(kept), str(other), str(third), "--json")
    assert (code, err) == (0, "")
    plan = json.loads(out)
    assert plan["merged"] is True
    assert plan["backup"]  # more than one other: a bulk merge takes a backup
    assert plan["tags"] == ["client"]
    assert plan["moves"]["conversations"] == 1
    assert contacts(data) == 1
    assert run(capsys, data, "check")[0] == 0
    code, out, _ = run(capsys, data, "undo")
    assert (code, out) == (0, "Undone: Merge Freja Dahl and 2 others.\n")
    assert contacts(data) == 3
    assert run(capsys, data, "check")[0] == 0


def test_mistakes_are_one_line_and_nothing_changes(tmp_path, capsys):
    data, kept, other, _, _ = make_journal(tmp_path)
    cases = [
        (("merge", str(kept), str(kept)), 1, f"#{kept} was named twice"),
        (("merge", str(kept), "99"), 1, "#99 is not a contact of this journal"),
        (("merge", str(kept), "nobody"), 1, "'nobody' is not a contact number or id"),
        (("merge", str(kept), str(other), "--prefer", "company"), 2, "must read OTHER:field"),
        (
            ("merge", str(kept), str(other), "--prefer", f"{other}:colour"),
            1,
            "'colour' is not a field",
        ),
    ]
    for argv, exit_code, words in cases:
        code, out, err = run(capsys, data, *argv)
        assert (code, out) == (exit_code, ""), argv
        assert err.count("\n") == 1, err
        assert words in err
    assert contacts(data) == 3
