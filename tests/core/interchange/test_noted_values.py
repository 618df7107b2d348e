"""What Outlook's CSV has no column for travels in the notes and comes back into its field."""

from __future__ import annotations

from datetime import datetime

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import Birthday, Labelled
from colearn_desktop.core.interchange.readers.noted_values import take_noted_values
from colearn_desktop.core.opening import open_journal
from tests.helpers import add_contact, email

TODAY = datetime(2026, 11, 22, 9, 30)

EMAILS = tuple(email(f"ana{n}@example.com", label) for n, label in enumerate("wh  o", 1))
PHONES = (
    Labelled("+34 600 000 001", "mobile"),
    Labelled("+34 600 000 002", "mobile"),  # the second mobile has no Outlook column
    Labelled("+34 900 000 003", "fax"),
    Labelled("+34 900 000 004", "work"),
    Labelled("+34 900 000 005", ""),
    Labelled("+34 900 000 006", "home"),
    Labelled("+34 900 000 007", "car"),
    Labelled("+34 900 000 008", "boat"),
    Labelled("+34 900 000 009", ""),
)


def many_values(journal) -> int:
    return add_contact(
        journal,
        "Ana",
        "García",
        emails=EMAILS,
        phones=PHONES,
        birthday=Birthday(2, 29),
        notes="Prefers mornings.\nPhone: call after 10",
    )


def test_an_outlook_export_imports_back_with_every_value_in_its_field(
    journal, tmp_path, new_journal_file
):
    ana = journal.contacts.get(many_values(journal)).data
    path = tmp_path / "outlook.csv"
    journal.interchange.export_contacts(path, "outlook-csv")
    exported = path.read_text(encoding="utf-8-sig")
    assert "Birthday: --02-29" in exported  # Outlook has no year-less birthday
    assert "E-mail (o): ana5@example.com" in exported  # nor a fourth address

    other = open_journal(
        new_journal_file(tmp_path / "other" / "journal.sqlite3"), clock=FixedClock(TODAY)
    )
    report = other.interchange.import_file(path)
    assert report.new == 1
    back = other.contacts.get(other.contact_list.rows()[0].id).data
    assert back.birthday == Birthday(2, 29)
    assert back.notes == ana.notes  # the user's own lines stay, even one that looks alike
    assert [e.value for e in back.emails] == [e.value for e in EMAILS]
    assert back.emails[-1].label == "o"
    assert sorted(p.value for p in back.phones) == sorted(p.value for p in PHONES)
    other.close()

    again = journal.interchange.import_file(path)
    assert (again.new, again.merged) == (0, 0)


def test_only_trailing_lines_that_read_as_their_field_are_taken():
    found = take_noted_values(
        "Birthday: --03-04 is when we met\nE-mail: not-an-address\n"
        "Birthday: --05-17\nE-mail (work): a@example.com\nPhone (fax): +1 555 0100",
        birthday_known=False,
    )
    assert found.birthday == Birthday(5, 17)
    assert found.lists.get("emails", []) == [Labelled("a@example.com", "work")]
    assert found.lists.get("phones", []) == [Labelled("+1 555 0100", "fax")]
    assert found.notes == "Birthday: --03-04 is when we met\nE-mail: not-an-address"


def test_a_birthday_line_stays_when_the_file_has_a_birthday():
    found = take_noted_values("Birthday: --05-17", birthday_known=True)
    assert (found.birthday, found.notes) == (None, "Birthday: --05-17")


def test_our_own_csv_keeps_such_lines_in_the_notes(journal, tmp_path, new_journal_file):
    notes = "Spoke at length.\nE-mail: ana.private@example.com\nBirthday: --05-17"
    add_contact(journal, "Ana", "García", notes=notes)
    path = tmp_path / "ours.csv"
    journal.interchange.export_contacts(path, "csv")
    other = open_journal(
        new_journal_file(tmp_path / "other" / "journal.sqlite3"), clock=FixedClock(TODAY)
    )
    other.interchange.import_file(path)
    back = other.contacts.get(other.contact_list.rows()[0].id).data
    assert (back.notes, back.emails, back.birthday) == (notes, (), None)
    other.close()
