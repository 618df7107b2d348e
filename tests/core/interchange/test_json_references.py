"""An edited JSON journal whose row points to a contact that is not in the file is refused
with the table and row named, and nothing is imported (issue #15): no IntegrityError from
the commit, no traceback on the command line."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.interchange.record import ImportFileError
from tests.helpers import add_contact, log_call


@pytest.fixture
def edited(journal, tmp_path):
    ana = add_contact(journal, "Ana", "García")
    bo = add_contact(journal, "Bo", "Lind")
    log_call(journal, ana, when=datetime(2026, 11, 1, 10), notes="Coffee")
    talk = log_call(journal, bo, when=datetime(2026, 11, 2, 10), notes="Lunch")
    path = tmp_path / "journal.json"
    journal.interchange.export_journal(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    # Bo deleted by hand from the file; his conversation still names him.
    document["tables"]["contact"] = [r for r in document["tables"]["contact"] if r["id"] != bo]
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, bo, talk


def test_a_row_pointing_at_a_missing_contact_is_named_and_nothing_imported(edited, fresh):
    path, bo, _talk = edited
    other = fresh("other")
    with pytest.raises(ImportFileError) as caught:
        other.interchange.import_file(path)
    message = str(caught.value)
    assert message.startswith("The file's conversation_contact row with id ")
    assert f"points to contact {bo} (contact_id), which is not in the file" in message
    assert "nothing was imported" in message
    assert other.stats().contacts == 0
    assert other.interchange.batches() == []
    other.close()


def test_the_command_line_says_it_in_one_line(edited, tmp_path, capsys):
    path, _bo, _talk = edited
    code = main(["--data-dir", str(tmp_path / "cli"), "import", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    assert "conversation_contact row with id" in err
