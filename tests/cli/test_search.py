"""`colearn search` and `colearn check --rebuild-index` from the outside."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.opening import open_journal
from tests.helpers import add_contact, log_call


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path, new_journal_file):
    folder = tmp_path / "d"
    journal = open_journal(new_journal_file(folder / "journal.sqlite3"))
    zoe = add_contact(journal, "Zoë", "Ørsted", company="Nordlys")
    log_call(journal, zoe, when=datetime(2026, 3, 4, 10), notes="Talked about the <b>bakery</b>")
    log_call(journal, zoe, when=datetime(2026, 3, 5, 10), learned="They love the bakery's bread")
    journal.close()
    return str(folder)


def test_search_prints_groups_with_their_contact(data, capsys):
    code, out, err = run(capsys, "--data-dir", data, "search", "bakery")
    assert (code, err) == (0, "")
    assert out == (
        "Conversations (1)\n"
        "  2026-03-04  Zoë Ørsted: Talked about the <b>bakery</b>\n"
        "Learnings (1)\n"
        "  2026-03-05  Zoë Ørsted: They love the bakery's bread\n"
    )


def test_search_joins_several_words_and_finds_by_prefix(data, capsys):
    code, out, _ = run(capsys, "--data-dir", data, "search", "zo", "nord")
    assert code == 0
    assert out == "Contacts (1)\n  Zoë Ørsted, Nordlys: Zoë Ørsted\n"


def test_search_json(data, capsys):
    code, out, _ = run(capsys, "--data-dir", data, "search", "bakery", "--json", "--limit", "5")
    assert code == 0
    document = json.loads(out)
    assert document["query"] == "bakery"
    assert document["indexed"] is True
    assert list(document["groups"]) == [
        "contacts",
        "conversations",
        "learnings",
        "favours",
        "purchases",
    ]
    hit = document["groups"]["conversations"]["hits"][0]
    assert hit["contact"] == "Zoë Ørsted"
    assert hit["date"] == "2026-03-04"
    assert hit["snippet"] == "Talked about the <b>bakery</b>"
    start, end = hit["matches"][0]
    assert hit["snippet"][start:end] == "bakery"
    assert document["groups"]["contacts"] == {"more": False, "hits": []}


@pytest.mark.parametrize("query", ['"', "NEAR(", "a:b", "-x", "(((", "AND", "*"])
def test_any_query_is_accepted(data, capsys, query):
    code, _, err = run(capsys, "--data-dir", data, "search", "--", query)
    assert code == 0
    assert "Traceback" not in err


def test_nothing_found(data, capsys):
    code, out, _ = run(capsys, "--data-dir", data, "search", "xylophone")
    assert (code, out) == (0, "Nothing found for 'xylophone'.\n")


def test_limit_must_be_sensible(data, capsys):
    with pytest.raises(SystemExit):
        main(["--data-dir", data, "search", "x", "--limit", "0"])


def test_check_rebuild_index_then_ok(data, capsys):
    code, out, _ = run(capsys, "--data-dir", data, "check", "--rebuild-index")
    assert code == 0
    assert out == "contacts list values recomputed\nsearch index rebuilt (4 rows)\nok\n"
    code, out, _ = run(capsys, "--data-dir", data, "check")
    assert (code, out) == (0, "ok\n")
