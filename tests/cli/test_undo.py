"""``colearn undo`` undoes the journal's most recent operation, whoever made it (the window
or a command), and says which; ``--redo`` and ``--list`` work on the same history."""

from __future__ import annotations

import json
from datetime import datetime

from colearn_desktop.cli import main
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.helpers import add_contact, log_call


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_undo_redo_and_list_share_the_journals_history(tmp_path, capsys, new_journal_file):
    data = tmp_path / "d"
    journal = open_journal(new_journal_file(data / JOURNAL_FILE_NAME))
    ana = add_contact(journal, "Ana", "García")
    log_call(journal, ana, when=datetime(2026, 11, 20, 10, 0), notes="Quote")
    journal.close()

    code, out, err = run(capsys, "--data-dir", str(data), "undo")
    assert (code, out, err) == (0, "Undone: Log conversation with Ana García.\n", "")
    code, out, _ = run(capsys, "--data-dir", str(data), "stats", "--json")
    assert json.loads(out)["conversations"] == 0
    code, out, _ = run(capsys, "--data-dir", str(data), "check")
    assert (code, out) == (0, "ok\n")

    code, out, _ = run(capsys, "--data-dir", str(data), "undo", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("  Log conversation with Ana García  [undone (colearn undo --redo)]")
    assert lines[1].endswith("  Add Ana García  [done]")

    code, out, _ = run(capsys, "--data-dir", str(data), "undo", "--redo")
    assert (code, out) == (0, "Redone: Log conversation with Ana García.\n")
    code, out, _ = run(capsys, "--data-dir", str(data), "stats", "--json")
    assert json.loads(out)["conversations"] == 1


def test_nothing_to_undo_is_one_line_on_stderr(tmp_path, capsys, new_journal_file):
    data = tmp_path / "d"
    open_journal(new_journal_file(data / JOURNAL_FILE_NAME)).close()
    code, out, err = run(capsys, "--data-dir", str(data), "undo")
    assert (code, out, err) == (1, "", "colearn: There is nothing to undo.\n")
    code, out, err = run(capsys, "--data-dir", str(data), "undo", "--list")
    assert (code, out) == (0, "Nothing to undo yet.\n")
