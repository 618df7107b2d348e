"""Issue #19's promise: after any sequence of changes here, phone edits there and passes in
between (by hand, or the kept vdir's refresh after every change), the vdir holds exactly what
a fresh write into empty folders would."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.interchange.live.configured import configured_outputs
from colearn_desktop.core.interchange.live.outputs import refresh_outputs
from colearn_desktop.core.interchange.vdir import read_vdir_changes, write_vdir
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.local_settings import LocalSettings
from tests.core.interchange.conftest import TODAY

TEXT = st.text(alphabet="abcdefgh", min_size=1, max_size=12)
WHO = st.integers(min_value=0, max_value=5)
OPERATIONS = st.one_of(
    st.tuples(st.just("add"), TEXT, st.booleans()),
    st.tuples(st.just("note"), WHO, TEXT),
    st.tuples(st.just("archive"), WHO),
    st.tuples(st.just("tag"), WHO),
    st.tuples(st.just("remind"), WHO, st.integers(min_value=-3, max_value=100)),
    st.tuples(st.just("phone"), WHO, TEXT),
    st.tuples(st.just("pass"), st.sampled_from([None, "phone"])),
)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def _phone_edits_note(journal: Journal, contacts: Path, contact_id: int, note: str) -> None:
    """As a phone would: the card's NOTE replaced, everything else as it was."""
    with journal.db.read_raw() as connection:
        uid = connection.execute("SELECT uid FROM contact WHERE id = ?", (contact_id,)).fetchone()[
            0
        ]
    card = contacts / f"{uid}.vcf"
    if not card.exists():
        return
    kept, in_note = [], False
    for line in card.read_text(encoding="utf-8").split("\r\n"):
        in_note = line.startswith("NOTE:") or (in_note and line.startswith(" "))
        if not in_note and line != "END:VCARD":
            kept.append(line)
    card.write_text("\r\n".join([*kept[:-1], f"NOTE:{note}", "END:VCARD", ""]), encoding="utf-8")


Pass = Callable[[str | None], None]


def _folders(journal: Journal) -> tuple[Path, Path]:
    """The vdir's folders, beside the journal's data folder."""
    root = journal.path.parent.parent
    return root / "contacts", root / "calendar"


def _run(
    journal: Journal, operations: list[tuple], one_pass: Pass, after: Callable[[], None]
) -> None:
    """Apply ``operations`` (a "pass" is ``one_pass(which)``), ``after()`` each one."""
    # The tag exists from the start (a vdir of a tag that does not exist is refused); its
    # first holder is archived, so never in the vdir.
    journal.contacts.archive(journal.contacts.create(ContactInput(name="Old", tags=("phone",))))
    people: list[int] = []
    for operation in operations:
        _apply(journal, operation, people, one_pass)
        after()


def _apply(journal: Journal, operation: tuple, people: list[int], one_pass: Pass) -> None:
    kind, *args = operation
    if kind == "add":
        tags = ("phone",) if args[1] else ()
        people.append(journal.contacts.create(ContactInput(given_name=args[0], tags=tags)))
        return
    if kind == "pass":
        one_pass(args[0])
        return
    if not people:
        return
    who = people[args[0] % len(people)]
    data = journal.contacts.get(who).data
    if kind == "note":
        journal.contacts.update(who, data.with_changes(notes=args[1]))
    elif kind == "archive":
        journal.contacts.archive(who)
    elif kind == "tag":
        tags = () if data.tags else ("phone",)
        journal.contacts.update(who, data.with_changes(tags=tags))
    elif kind == "remind":
        due = TODAY.date() + timedelta(days=args[1])
        journal.reminders.add(ReminderInput(f"Call {data.given_name}", due, who))
    elif kind == "phone":
        _phone_edits_note(journal, _folders(journal)[0], who, args[1])


def _assert_fresh(journal: Journal, which: str | None) -> None:
    """The vdir holds what a write into empty folders holds (DTSTAMP aside: same clock)."""
    contacts, calendar = _folders(journal)
    root = contacts.parent
    write_vdir(journal, root / "fresh-contacts", root / "fresh-calendar", which)
    assert _files(contacts) == _files(root / "fresh-contacts")
    assert _files(calendar) == _files(root / "fresh-calendar")


@contextmanager
def _journal(new_journal_file: Callable[[Path], Path]) -> Iterator[Journal]:
    with tempfile.TemporaryDirectory() as folder:
        path = new_journal_file(Path(folder) / "data" / "journal.sqlite3")
        journal = open_journal(path, clock=FixedClock(TODAY))
        try:
            yield journal
        finally:
            journal.close()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(OPERATIONS, max_size=12), which=st.sampled_from([None, "phone"]))
def test_the_vdir_equals_a_fresh_write(new_journal_file, operations, which) -> None:
    with _journal(new_journal_file) as journal:
        contacts, calendar = _folders(journal)

        def one_pass(tag: str | None) -> None:
            read_vdir_changes(journal, contacts)
            write_vdir(journal, contacts, calendar, tag)

        _run(journal, operations, one_pass, lambda: None)
        one_pass(which)
        _assert_fresh(journal, which)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(OPERATIONS, max_size=12), which=st.sampled_from([None, "phone"]))
def test_the_kept_vdir_equals_a_fresh_write_after_every_change(
    new_journal_file, operations, which
) -> None:
    """Kept up to date (``colearn vdir --keep``): the live outputs' refresh after every
    change, as each ``colearn`` command runs it; a "pass" here picks which contacts."""
    with _journal(new_journal_file) as journal:
        local = LocalSettings(journal.path.parent)
        local.set_vdir_folders(_folders(journal))
        local.set_vdir_tag(which)

        def refresh() -> None:
            results = refresh_outputs(configured_outputs(journal.path.parent), journal)
            assert [result.ok for result in results] == [True], results

        _run(journal, operations, local.set_vdir_tag, refresh)
        refresh()
        _assert_fresh(journal, local.vdir_tag)


def test_a_reminder_done_leaves_the_calendar_folder(journal: Journal, tmp_path: Path) -> None:
    ana = journal.contacts.create(ContactInput(given_name="Ana"))
    journal.reminders.add(ReminderInput("Send the quote", date(2026, 11, 25), ana))
    write_vdir(journal, tmp_path / "c", tmp_path / "k", None)
    [event] = [p for p in (tmp_path / "k").iterdir() if p.name.startswith("reminder-")]
    journal.reminders.done(event.name.split("@")[0].replace("-", ":", 1))
    report = write_vdir(journal, tmp_path / "c", tmp_path / "k", None)
    assert not event.exists()
    assert report.removed == 1
