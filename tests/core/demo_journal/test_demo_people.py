"""The demo journal reads like a real one: people are told apart by name, addresses are valid.

Found by driving the app: the 200-contact demo held many exact duplicate full names (two
"Abena Mensah" in a picker cannot be told apart), and names in other scripts got addresses
like ``.19@example.net``.
"""

from __future__ import annotations

import re
from collections import Counter

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.journal import Journal

# RFC 5322 dot-atom, restricted to what the demo writes: no leading, trailing or double dots.
LOCAL_PART = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")


def _people(journal: Journal) -> list[tuple[str, str | None]]:
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT c.display_name, e.address FROM contact c"
            " LEFT JOIN contact_email e ON e.contact_id = c.id"
        ).fetchall()


def test_a_demo_journal_has_no_two_people_with_the_same_full_name(journal: Journal):
    generate_demo(journal, contacts=600, conversations_per_contact=1, seed=3)
    with journal.db.read_raw() as connection:
        names = [row[0] for row in connection.execute("SELECT display_name FROM contact")]
    repeated = {name: n for name, n in Counter(names).items() if n > 1}
    assert len(names) == 600
    assert repeated == {}


def test_every_demo_address_is_a_valid_one_even_for_names_in_other_scripts(journal: Journal):
    generate_demo(journal, contacts=600, conversations_per_contact=1, seed=3)
    rows = [(name, address) for name, address in _people(journal) if address]
    assert rows
    invalid = [a for _, a in rows if not LOCAL_PART.fullmatch(a.split("@")[0])]
    assert invalid == []
    other_scripts = [
        (n, a)
        for n, a in rows
        if not n.isascii() and not any(c.isascii() and c.isalpha() for c in n)
    ]
    assert other_scripts, "the demo should hold names written in other scripts"
    assert all(a[0].isalpha() for _, a in other_scripts)
