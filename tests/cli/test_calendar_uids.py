"""Calendar UIDs belong to one journal: exporting reminders from the demo journal and from the
real one into the same calendar never makes one overwrite the other's events, and exporting
again from the same journal updates its events (the same UIDs)."""

from __future__ import annotations

import shutil

from icalendar import Calendar

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.cli.test_due import data_dir, run  # noqa: F401 (data_dir is a fixture)


def uids(path) -> set[str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(c["uid"]) for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}


def export(capsys, folder, target, *extra: str) -> set[str]:
    code, _, err = run(
        capsys, "--data-dir", str(folder), "export", "reminders", "-o", str(target), *extra
    )
    assert code == 0, err
    return uids(target)


def test_uids_are_stable_per_journal_and_differ_between_journals(
    data_dir,  # noqa: F811
    tmp_path,
    capsys,
):
    # Another journal with the very same items (the same contact and reminder ids), as the
    # demo journal and the real one can have: a copy made before either was ever exported.
    other = tmp_path / "other"
    shutil.copytree(data_dir, other)
    first = export(capsys, data_dir, tmp_path / "a.ics")
    assert len(first) == 4
    assert export(capsys, data_dir, tmp_path / "b.ics") == first  # updates, never duplicates
    assert export(capsys, data_dir, tmp_path / "c.ics", "--todos") == first
    theirs = export(capsys, other, tmp_path / "d.ics")
    assert len(theirs) == 4
    assert not theirs & first  # importing both into one calendar keeps both
    # Same item keys, another journal's identifier.
    assert {u.split("@")[0] for u in theirs} == {u.split("@")[0] for u in first}
    assert export(capsys, other, tmp_path / "e.ics") == theirs


def sequences(path) -> dict[str, tuple[str, int]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(c["uid"]): (str(c["summary"]), int(c["sequence"]))
        for c in calendar.walk()
        if c.name in ("VEVENT", "VTODO")
    }


def test_a_renamed_contact_is_exported_with_a_higher_sequence(data_dir, tmp_path, capsys):  # noqa: F811
    """Issue #15: a calendar takes a re-imported entry only when its SEQUENCE is higher; a
    rename keeps the entry's day, and the calendar kept the old name."""
    export(capsys, data_dir, tmp_path / "a.ics")
    before = sequences(tmp_path / "a.ics")
    journal = open_journal(data_dir / JOURNAL_FILE_NAME)
    try:
        with journal.db.read_raw() as connection:
            [(ben,)] = connection.execute("SELECT id FROM contact WHERE given_name = 'Ben'")
        journal.contacts.update(
            ben, ContactInput(given_name="Ben", family_name="Eze", cadence_days=10)
        )
    finally:
        journal.close()
    export(capsys, data_dir, tmp_path / "b.ics")
    after = sequences(tmp_path / "b.ics")
    [renamed] = [uid for uid, (summary, _) in after.items() if "Ben Eze" in summary]
    assert after[renamed][1] > before[renamed][1]
    assert {u: n for u, (_, n) in after.items() if u != renamed} == {
        u: n for u, (_, n) in before.items() if u != renamed
    }
