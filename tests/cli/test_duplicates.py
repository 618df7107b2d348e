"""``colearn duplicates`` lists likely duplicates best first with why, as text or JSON;
``--not-same A B`` remembers two different people; mistakes are one line and exit 1/2."""

from __future__ import annotations

import json

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.helpers import add_contact, email


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def make_journal(tmp_path):
    data = tmp_path / "d"
    journal = open_journal(data / JOURNAL_FILE_NAME)
    journal.settings.update(phone_region="GB")
    ids = [
        add_contact(journal, "Émile", "Zola-Durand", company="Acme"),
        add_contact(journal, "Zola-Durand,", "Emile"),
        add_contact(journal, "Ana", "García", emails=(email("ana@x.org"),)),
        add_contact(
            journal, "A.", "G.", emails=(email("ANA@x.org"),), phones=(Labelled("07700 900123"),)
        ),
        add_contact(journal, "Bo", "Lind"),
    ]
    journal.close()
    return data, ids


def test_groups_are_listed_surest_first_with_why(tmp_path, capsys):
    data, (emile, emile2, ana, ag, _) = make_journal(tmp_path)
    code, out, err = run(capsys, "--data-dir", str(data), "duplicates")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "1. 100% sure",
        f"  #{ana}  Ana García, ana@x.org",
        f"  #{ag}  A. G., ANA@x.org",
        f"  #{ana} and #{ag}: same e-mail (ana@x.org)",
        "2. 50% sure",
        f"  #{emile}  Émile Zola-Durand, Acme",
        f"  #{emile2}  Zola-Durand, Emile",
        f"  #{emile} and #{emile2}: same name",
        "Different people? colearn duplicates --not-same A B",
    ]
    code, out, _ = run(capsys, "--data-dir", str(data), "duplicates", "--json", "--limit", "1")
    assert code == 0
    assert json.loads(out) == [
        {
            "score": 100,
            "contacts": [
                {"id": ana, "name": "Ana García", "company": "", "email": "ana@x.org"},
                {"id": ag, "name": "A. G.", "company": "", "email": "ANA@x.org"},
            ],
            "pairs": [
                {
                    "a": ana,
                    "b": ag,
                    "score": 100,
                    "reasons": [{"why": "same e-mail", "detail": "ana@x.org"}],
                }
            ],
        }
    ]


def test_not_same_is_remembered_and_undone_by_colearn_undo(tmp_path, capsys):
    data, (emile, emile2, ana, ag, _) = make_journal(tmp_path)
    code, out, err = run(
        capsys, "--data-dir", str(data), "duplicates", "--not-same", str(ag), str(ana)
    )
    assert (code, err) == (0, "")
    assert out == (
        f"Marked #{ag} and #{ana} as different people: they will not be listed together "
        "again (colearn undo takes it back).\n"
    )
    code, out, _ = run(capsys, "--data-dir", str(data), "duplicates", "--json")
    assert [[c["id"] for c in g["contacts"]] for g in json.loads(out)] == [[emile, emile2]]
    code, out, _ = run(capsys, "--data-dir", str(data), "undo")
    assert (code, out) == (0, "Undone: Mark Ana García and A. G. as not the same person.\n")
    code, out, _ = run(capsys, "--data-dir", str(data), "duplicates", "--json")
    assert len(json.loads(out)) == 2


def test_mistakes_are_one_line_and_a_non_zero_exit(tmp_path, capsys):
    data, (emile, *_) = make_journal(tmp_path)
    code, out, err = run(
        capsys, "--data-dir", str(data), "duplicates", "--not-same", str(emile), "999"
    )
    assert (code, out) == (1, "")
    assert err == ("colearn: contacts: #999 is not a contact of this journal; nothing was marked\n")
    code, out, err = run(capsys, "--data-dir", str(data), "duplicates", "--not-same", "2", "2")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "named twice" in err
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(data), "duplicates", "--limit", "0"])
    assert stop.value.code == 2
    assert "--limit: must be 1 or more, not 0" in capsys.readouterr().err


def test_an_empty_journal_has_no_duplicates(tmp_path, capsys):
    data = tmp_path / "d"
    open_journal(data / JOURNAL_FILE_NAME).close()
    code, out, _ = run(capsys, "--data-dir", str(data), "duplicates")
    assert (code, out) == (0, "No likely duplicates among the active contacts.\n")
