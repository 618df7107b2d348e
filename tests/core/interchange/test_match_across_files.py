"""An import finds the person already in the journal however another program wrote them
(issue #15): a phone number in national or international form is one number (E.164 in the
journal's region), and a card whose structured name is the contact's is that contact, in
whatever order its formatted name puts the words."""

from __future__ import annotations

from pathlib import Path

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.interchange.plan import Action

SAMPLES = Path(__file__).parents[2] / "samples"


def _phones(journal) -> list[str]:
    with journal.db.read_raw() as connection:
        return [row[0] for row in connection.execute("SELECT number FROM contact_phone")]


def test_a_national_number_merges_into_the_international_one_and_stays_one_phone(journal, tmp_path):
    journal.settings.update(phone_region="GB")
    bo = journal.contacts.create(
        ContactInput(name="Bo Lind", phones=(Labelled("+44 20 7946 0958", "work"),))
    )
    path = tmp_path / "people.csv"
    path.write_text("Name,E-mail,Phone\nBo Lind,bo@lind.example,020 7946 0958\n", encoding="utf-8")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    [row] = list(plan.rows)
    assert (row.action, row.target_id, row.reason) == (
        Action.MERGE,
        bo,
        "same phone; adds 1 e-mail(s)",
    )
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged) == (0, 1)
    assert _phones(journal) == ["+44 20 7946 0958"]


def _assert_the_file_merges_into_emile(journal, path, emile: int) -> None:
    """The file's one row merges into Émile Zola-Durand and adds his job title."""
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    [row] = list(plan.rows)
    assert (row.action, row.target_id) == (Action.MERGE, emile)
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged) == (0, 1)
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT id, display_name, job_title FROM contact").fetchall() == [
            (emile, "Émile Zola-Durand", "Writer")
        ]


def test_vcard_with_the_name_in_another_order_matches_by_its_structured_name(journal, tmp_path):
    emile = journal.contacts.create(ContactInput(given_name="Émile", family_name="Zola-Durand"))
    path = tmp_path / "emile.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zola-Durand\\, Émile\r\nN:Zola-Durand;Émile;;;\r\n"
        "TITLE:Writer\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    _assert_the_file_merges_into_emile(journal, path, emile)


def test_two_rows_of_one_file_with_one_number_in_two_forms_are_one_person(journal, tmp_path):
    journal.settings.update(phone_region="GB")
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,E-mail,Phone\nBo Lind,,020 7946 0958\nBo Lind,bo@lind.example,+44 20 7946 0958\n",
        encoding="utf-8",
    )
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    first, second = list(plan.rows)
    assert first.action is Action.NEW
    assert (second.action, second.target_row, second.reason) == (
        Action.MERGE,
        first.number,
        f"same phone as row {first.number}",
    )
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged) == (1, 1)
    assert _phones(journal) == ["020 7946 0958"]


def test_a_csv_name_in_family_comma_given_form_matches_the_contact(journal, tmp_path):
    """One Name column written "Family, Given" (as address books sorted by family name
    export it) is the journal's "Given Family"."""
    emile = journal.contacts.create(ContactInput(name="Émile Zola-Durand"))
    path = tmp_path / "people.csv"
    path.write_text('Name,Job title\n"Zola-Durand, Émile",Writer\n', encoding="utf-8")
    _assert_the_file_merges_into_emile(journal, path, emile)


def test_a_comma_before_a_suffix_or_company_form_is_not_read_as_family_given(journal, tmp_path):
    """ "King, Jr." and "Acme, Inc." are not "Jr. King" or "Inc. Acme": no merge, a new row."""
    journal.contacts.create(ContactInput(name="Jr. King"))
    journal.contacts.create(ContactInput(name="Inc. Acme"))
    path = tmp_path / "people.csv"
    path.write_text('Name,Job title\n"King, Jr.",Pastor\n"Acme, Inc.",Shop\n', encoding="utf-8")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    assert [row.action for row in plan.rows] == [Action.NEW, Action.NEW]


def test_family_comma_given_and_given_family_rows_of_one_file_are_one_person(journal, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        'Name,Job title\n"Zola-Durand, Émile",Writer\nÉmile Zola-Durand,\n', encoding="utf-8"
    )
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    first, second = list(plan.rows)
    assert (first.action, second.action, second.target_row) == (
        Action.NEW,
        Action.MERGE,
        first.number,
    )


def test_the_sample_with_one_person_written_two_ways_imports_each_person_once(journal):
    journal.settings.update(phone_region="GB")
    sample = SAMPLES / "csv" / "crafted_same_person_two_forms.csv"
    plan = journal.interchange.plan(journal.interchange.inspect(sample))
    assert [(row.action, row.target_row) for row in plan.rows] == [
        (Action.NEW, None),
        (Action.MERGE, plan.rows[0].number),
        (Action.NEW, None),
        (Action.MERGE, plan.rows[2].number),
        (Action.NEW, None),
    ]
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged) == (3, 2)
