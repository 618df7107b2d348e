"""Who referred whom survives a round trip through our CSV, vCard and Outlook CSV even when
people share a name (issue #15): every export carries the referrer's stable id and the import
resolves it by id first, then by name and e-mail, and says what it could not resolve."""

from __future__ import annotations

import pytest

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.demo_journal.demo import generate_demo


def _referrals(journal) -> set[tuple[str, str]]:
    """(contact uid, referrer uid) of every contact that has a referrer."""
    with journal.db.read_raw() as connection:
        rows = connection.execute(
            "SELECT c.uid, r.uid FROM contact c JOIN contact r ON r.id = c.referred_by_id"
        )
        return {tuple(row) for row in rows}


def _referred_by_namesakes(journal) -> None:
    """Every third referral goes to a newer namesake of the referrer (another person of the
    same name, with another e-mail address): found by name, the older one would be taken."""
    with journal.db.read_raw() as connection:
        referred = connection.execute(
            "SELECT c.id, r.display_name FROM contact c JOIN contact r ON r.id = c.referred_by_id "
            "ORDER BY c.id"
        ).fetchall()
    for n, (contact_id, name) in enumerate(referred[::3]):
        twin = journal.contacts.create(
            ContactInput(name=name, emails=(Labelled(f"namesake{n}@example.org"),))
        )
        with journal.db.raw() as connection:
            connection.execute(
                "UPDATE contact SET referred_by_id = ? WHERE id = ?", (twin, contact_id)
            )


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("csv", "csv"), ("vcard", "vcf"), ("outlook-csv", "csv")]
)
def test_demo_round_trip_keeps_every_referrer_on_the_right_person(
    journal, tmp_path, fresh, fmt, suffix
):
    generate_demo(journal, contacts=300, conversations_per_contact=0, seed=1)
    _referred_by_namesakes(journal)
    expected = _referrals(journal)
    assert len(expected) > 20
    path = tmp_path / f"demo.{suffix}"
    journal.interchange.export_contacts(path, fmt)
    other = fresh(fmt)
    report = other.interchange.import_file(path)
    assert report.imported
    assert _referrals(other) == expected
    assert not [p for p in report.problems if p.field == "referred_by"]
    other.close()


def test_a_referrer_name_two_people_share_is_reported_not_guessed(journal, tmp_path):
    for address in ("ana@one.example", "ana@two.example"):
        journal.contacts.create(ContactInput(name="Ana García", emails=(Labelled(address),)))
    path = tmp_path / "people.csv"
    path.write_text("Name,Referred by\nBo Lind,Ana García\n", encoding="utf-8")
    report = journal.interchange.import_file(path)
    assert [str(p) for p in report.problems if p.field == "referred_by"] == [
        "row 2 referred_by: several contacts are called 'Ana García', so none was chosen; "
        "noted in 'how we met': choose the referrer on the contact's page"
    ]
    with journal.db.read_raw() as connection:
        assert connection.execute(
            "SELECT referred_by_id, how_met FROM contact WHERE name = 'Bo Lind'"
        ).fetchone() == (None, "Referred by Ana García")


@pytest.mark.parametrize(("fmt", "suffix"), [("vcard", "vcf"), ("outlook-csv", "csv")])
def test_csv_then_journal_then_another_format_keeps_every_referrer(
    journal, tmp_path, fresh, fmt, suffix
):
    """The whole chain of #15's "Done when": our CSV into a new journal, that journal out as
    vCard or Outlook CSV, and into a third: every referrer still on the right person."""
    generate_demo(journal, contacts=300, conversations_per_contact=0, seed=1)
    _referred_by_namesakes(journal)
    expected = _referrals(journal)
    first = tmp_path / "demo.csv"
    journal.interchange.export_contacts(first, "csv")
    middle = fresh(f"from-csv-{fmt}")
    assert middle.interchange.import_file(first).imported
    second = tmp_path / f"again.{suffix}"
    middle.interchange.export_contacts(second, fmt)
    last = fresh(f"from-{fmt}")
    report = last.interchange.import_file(second)
    assert report.imported
    assert not [p for p in report.problems if p.field == "referred_by"]
    assert _referrals(middle) == _referrals(last) == expected
    middle.close()
    last.close()
