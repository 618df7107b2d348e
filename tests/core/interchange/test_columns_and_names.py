"""A CSV that is not recognised as ours still reads our own columns, names every column it
does not import, and never merges people of the same name who have different e-mails.

A file with our "E-mails" and "Phones" headers but not all of ours (edited in a spreadsheet)
once lost both columns without a word; rows were then matched by name only and 20 people
became 3.
"""

from __future__ import annotations

from colearn_desktop.cli import main
from colearn_desktop.core.interchange.csv_profiles import OURS_HEADER, guess_targets
from colearn_desktop.core.interchange.targets import Field

NAMES = ("Ana García", "Bo Li", "Cy Ng")


def write_twenty_people(path, extra_header: str = "", extra=lambda n: "") -> None:
    rows = [
        f'"{NAMES[n % 3]}",p{n}@example.com (work),+44 20 7946 {n:04d},Firm {n}{extra(n)}'
        for n in range(20)
    ]
    header = f"Name,E-mails,Phones,Company{extra_header}"
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8", newline="")


def test_every_column_of_our_export_is_recognised_in_any_csv():
    fields = [target.field for target in guess_targets(list(OURS_HEADER))]
    unread = [h for h, f in zip(OURS_HEADER, fields, strict=True) if f is Field.IGNORE]
    # What the export works out from other data (and cannot be typed) is all that is left.
    assert unread == ["Last contact", "Next due", "Added", "Archived"]
    assert fields[OURS_HEADER.index("E-mails")] is Field.EMAIL
    assert fields[OURS_HEADER.index("Phones")] is Field.PHONE


def testwrite_twenty_people_sharing_three_names_stay_twenty(journal, tmp_path):
    path = tmp_path / "people.csv"
    write_twenty_people(path)
    report = journal.interchange.import_file(path)
    assert report.imported, report.problems
    assert (report.new, report.merged) == (20, 0)
    assert journal.stats().contacts == 20
    ana = [r for r in journal.contact_list.rows() if r.display_name == "Ana García"]
    assert len(ana) == 7
    emails = {journal.contacts.get(r.id).data.emails[0].value for r in ana}
    assert len(emails) == 7

    again = journal.interchange.import_file(path)
    assert (again.new, again.merged, again.skipped) == (0, 0, 20)
    assert journal.stats().contacts == 20


def test_same_name_different_email_is_not_merged_into_the_journal(journal, tmp_path):
    from colearn_desktop.core.contact_fields import ContactInput, Labelled

    journal.contacts.create(ContactInput(name="Ana García", emails=(Labelled("ana@old.example"),)))
    path = tmp_path / "one.csv"
    path.write_text("Name,E-mails\r\nAna García,ana@new.example\r\n", encoding="utf-8")
    report = journal.interchange.import_file(path)
    assert (report.new, report.merged) == (1, 0)
    assert journal.stats().contacts == 2


def test_unmapped_columns_with_values_are_named(journal, tmp_path):
    path = tmp_path / "extra.csv"
    write_twenty_people(path, ",Shoe size,Fax", lambda n: f",{40 + n % 5 if n == 3 else ''},")
    report = journal.interchange.import_file(path)
    assert report.imported
    unread = [p for p in report.problems if p.number == 0 and "not imported" in p.message]
    assert len(unread) == 1
    assert "'Shoe size'" in unread[0].message
    assert "Fax" not in unread[0].message  # empty everywhere: nothing is lost


def test_the_command_line_names_the_columns_not_imported(tmp_path, capsys):
    path = tmp_path / "extra.csv"
    write_twenty_people(path, ",Shoe size", lambda n: f",{n}")
    code = main(["--data-dir", str(tmp_path / "d"), "import", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "columns not imported: 'Shoe size'" in out
    assert "new            20" in out


def test_our_own_export_names_what_it_does_not_read_back(journal, tmp_path):
    from tests.helpers import add_contact

    add_contact(journal, "Ana", "García")
    path = tmp_path / "ours.csv"
    journal.interchange.export_contacts(path, "csv")
    report = journal.interchange.import_file(path, dry_run=True)
    (unread,) = [p.message for p in report.problems if "not imported" in p.message]
    assert "'Added'" in unread
    assert "'Display name'" in unread


def test_a_namesake_is_flagged_and_can_be_merged_by_hand(journal, tmp_path):
    from colearn_desktop.core.contact_fields import ContactInput, Labelled
    from colearn_desktop.core.interchange.plan import Action

    bo = journal.contacts.create(ContactInput(name="Bo Li", emails=(Labelled("bo@old.example"),)))
    path = tmp_path / "people.csv"
    write_twenty_people(path)
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    rows = {row.number: row for row in plan.rows}
    assert all(row.action is Action.NEW for row in rows.values())
    # Row 2 is the first Ana; row 5 the second, flagged against row 2; Bo (row 3) against
    # the journal's Bo Li.
    assert rows[2].reason == "new"
    assert (rows[5].target_row, rows[5].target_name) == (2, "Ana García")
    assert "same name as row 2, another e-mail or phone" in rows[5].reason
    assert (rows[3].target_id, rows[3].target_name) == (bo, "Bo Li")
    report = journal.interchange.apply(plan, {5: Action.MERGE})
    assert (report.new, report.merged) == (19, 1)
    assert journal.stats().contacts == 20  # 19 new + the journal's Bo Li
