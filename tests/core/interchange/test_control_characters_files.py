"""Control characters in files: imports strip them with a warning naming the row and field,
exports never write them, and a vCard line starting with NUL is just text.

The vCard reader once marked a line too long to keep with a NUL-prefixed string, so a real
line starting with NUL after the first 256 KB (the binary-file check reads no further)
crashed the import, and NUL followed by digits was silently counted as dropped text.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.interchange.record import Severity
from colearn_desktop.core.interchange.writers.ics import reminders_calendar
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.text import UNWANTED

BIG = 300 * 1024  # past the 256 KB the binary-file check reads


def _filler_cards(count: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Filler {n}\r\nNOTE:{'x' * 900}\r\nEND:VCARD\r\n"
        for n in range(count)
    )


def _vcard_with_late_nul(path, late_lines: str) -> int:
    filler = _filler_cards(BIG // 950 + 1)
    assert len(filler) > BIG
    path.write_text(
        filler + f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\r\n{late_lines}END:VCARD\r\n",
        encoding="utf-8",
        newline="",
    )
    return filler.count("BEGIN:VCARD") + 1


def test_a_vcard_line_starting_with_nul_after_256_kb_imports(journal, tmp_path):
    path = tmp_path / "late.vcf"
    cards = _vcard_with_late_nul(path, "NOTE:first\r\n\x00NOTE:second\r\n")
    report = journal.interchange.import_file(path)
    assert report.imported, report.problems
    assert journal.stats().contacts == cards
    for problem in report.problems:
        assert not UNWANTED.search(problem.message)


def _contact(journal, name: str) -> ContactInput:
    row = next(r for r in journal.contact_list.rows() if r.display_name == name)
    return journal.contacts.get(row.id).data


def test_nul_followed_by_digits_is_text_not_a_dropped_count(journal, tmp_path):
    path = tmp_path / "digits.vcf"
    cards = _vcard_with_late_nul(path, "NOTE:kept\r\n\x0042\r\nTITLE:Boss\x00 1\r\n")
    report = journal.interchange.import_file(path)
    assert report.imported, report.problems
    eve = _contact(journal, "Eve")
    # The NUL line is a stray line like any other; nothing is counted as "too long".
    assert (eve.notes, eve.job_title) == ("kept", "Boss 1")
    assert not any("too long" in p.message for p in report.problems)
    warning = next(p for p in report.problems if p.field == "job_title")
    assert (warning.number, warning.severity) == (cards, Severity.WARNING)
    assert "U+0000" in warning.message


def test_a_csv_with_a_stray_nul_imports_and_names_row_and_field(journal, tmp_path):
    path = tmp_path / "nul.csv"
    rows = "".join(f"Person {n},p{n}@example.com,\r\n" for n in range(40))
    path.write_text(
        "Name,E-mail Address,Notes\r\n" + rows + "Eve\x00,eve@example.com,a\x1bb\r\n",
        encoding="utf-8",
        newline="",
    )
    report = journal.interchange.import_file(path)
    assert report.imported, report.problems
    assert journal.stats().contacts == 41
    warned = {(p.number, p.field) for p in report.problems if p.severity is Severity.WARNING}
    assert {(42, "name"), (42, "notes")} <= warned
    assert not any(UNWANTED.search(str(p)) for p in report.problems)


def _old_journal_with_control_characters(journal) -> int:
    """What a journal typed before the rule holds: written behind the services' back."""
    contact = journal.contacts.create(
        ContactInput(
            given_name="Eve",
            family_name="Adams",
            notes="notes",
            emails=(Labelled("eve@example.com", "work"),),
            phones=(Labelled("+44 20 7946 0000", "mobile"),),
        )
    )
    with sqlite3.connect(journal.path) as raw:
        raw.execute(
            "UPDATE contact SET family_name = ?, notes = ?, company = ? WHERE id = ?",
            ("Ad\x00ams", "a\x00b\x1fc\x1ed", "Acme\x07", contact),
        )
        raw.execute(
            "UPDATE contact_email SET label = ? WHERE contact_id = ?", ("wo\x1frk", contact)
        )
    return contact


def test_exports_carry_no_control_characters_and_reimport(journal, tmp_path, new_journal_file):
    _old_journal_with_control_characters(journal)
    for fmt, name in (("csv", "x.csv"), ("vcard", "x.vcf"), ("google-csv", "g.csv")):
        path = tmp_path / name
        assert journal.interchange.export_contacts(path, fmt) == 1
        text = path.read_text(encoding="utf-8-sig")
        assert not UNWANTED.search(text), fmt
        target = open_journal(new_journal_file(tmp_path / fmt / "j.sqlite3"), clock=journal.clock)
        try:
            report = target.interchange.import_file(path)
            assert report.imported, report.problems
            data = _contact(target, "Eve Adams")
            assert (data.family_name, data.company) == ("Adams", "Acme")
            assert data.emails == (Labelled("eve@example.com", "work"),)
        finally:
            target.close()


def test_the_calendar_carries_no_control_characters(journal):
    from colearn_desktop.core.due.records import ReminderInput

    journal.reminders.add(ReminderInput("Call Eve", date(2024, 6, 1)))
    with sqlite3.connect(journal.path) as raw:
        raw.execute("UPDATE reminder SET text = ?", ("Call\x00 Eve\x1b",))
    data, count = reminders_calendar(
        journal.reminders.due(366),
        journal.reminders.birthdays(),
        journal.reminders.recurring(),
        now_utc=journal.clock.utcnow(),
        calendar_id=journal.settings.calendar_id(),
    )
    assert count >= 1
    assert b"Call Eve" in data.replace(b"\r\n ", b"")
    assert not UNWANTED.search(data.decode("utf-8"))
