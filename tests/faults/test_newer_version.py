"""A journal written by a newer version is refused everywhere and left byte-identical."""

from __future__ import annotations

import sqlite3

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.errors import JournalTooNewError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.recovery import Outcome, open_at_startup
from tests.helpers import add_contact, sha256


@pytest.fixture
def newer(tmp_path, clock):
    path = tmp_path / "data" / "journal.sqlite3"
    journal = open_journal(path, clock=clock)
    add_contact(journal)
    journal.backups.make("manual")
    journal.close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    return path


def test_refused_by_the_core_the_startup_and_every_command(newer, clock, capsys):
    before = sha256(newer)
    backups = sorted((newer.parent / "backups").iterdir())

    with pytest.raises(JournalTooNewError, match="newer version"):
        open_journal(newer, clock=clock)
    assert open_at_startup(newer, newer.parent / "backups", clock).outcome is Outcome.TOO_NEW
    for command in (["check"], ["stats"], ["backup"], ["restore", "--latest"], ["demo-data"]):
        # check has an exit code of its own for "too new" (5): a script can tell it from damage
        expected = 5 if command == ["check"] else 1
        assert main(["--data-dir", str(newer.parent), *command]) == expected, command
        err = capsys.readouterr().err
        assert "newer version of CoLearn" in err, command
        assert "Traceback" not in err

    assert sha256(newer) == before
    assert sorted((newer.parent / "backups").iterdir()) == backups
    assert not list(newer.parent.glob("*damaged*"))
