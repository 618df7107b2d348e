"""Issue #17's story: the same people come in from a Google CSV, a vCard file and the quick
log; the duplicate finder groups them; merging keeps every conversation, favour, purchase and
referral (counts and sums compared before, after, and after undo; ``colearn check`` ok each
time); a later import that names a merged contact's id lands on the kept contact."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import ConversationInput, FavourInput, PurchaseInput
from colearn_desktop.core.referrals.asks import AskInput
from tests.helpers import log_call

GOOGLE_CSV = (
    "Name,Given Name,Family Name,Organization 1 - Name,E-mail 1 - Value,Phone 1 - Value\n"
    "Freja Dahl,Freja,Dahl,Nordlys,freja@nordlys.dk,\n"
    "Ola Berg,Ola,Berg,,ola@berg.no,\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Freja Dahl\r\nN:Dahl;Freja;;;\r\nORG:Acme\r\n"
    "EMAIL:freja@gmail.com\r\nTEL:+45 20 12 34 56\r\nEND:VCARD\r\n"
)

SUMS = """SELECT
  (SELECT count(*) FROM conversation WHERE deleted_at IS NULL),
  (SELECT count(*) FROM conversation_contact),
  (SELECT group_concat(currency || ' ' || total) FROM (SELECT currency, sum(amount_cents) total
     FROM favour GROUP BY currency ORDER BY currency)),
  (SELECT group_concat(currency || ' ' || total) FROM (SELECT currency, sum(amount_cents) total
     FROM purchase GROUP BY currency ORDER BY currency)),
  (SELECT count(*) FROM favour_settlement),
  (SELECT count(*) FROM contact WHERE referred_by_id IS NOT NULL),
  (SELECT count(*) FROM referral_ask),
  (SELECT count(*) FROM reminder)"""


def sums(journal) -> tuple:
    with journal.db.read_raw() as connection:
        return tuple(connection.execute(SUMS).fetchone())


def participants(journal) -> int:
    with journal.db.read_raw() as connection:
        return connection.execute("SELECT count(*) FROM conversation_contact").fetchone()[0]


def test_three_sources_one_person_merged_and_back(journal, tmp_path):
    journal.settings.update(phone_region="DK")
    (tmp_path / "google.csv").write_text(GOOGLE_CSV, encoding="utf-8")
    (tmp_path / "phone.vcf").write_text(VCARD, encoding="utf-8")
    assert journal.interchange.import_file(tmp_path / "google.csv").new == 2
    assert journal.interchange.import_file(tmp_path / "phone.vcf").new == 1  # another e-mail
    quick = journal.conversations.log(
        ConversationInput((), datetime(2026, 11, 20, 9), notes="Coffee."),
        new_contacts=(ContactInput(name="Freja Dahl"),),
    )
    [group] = journal.duplicates.groups()
    csv_freja, vcf_freja, quick_freja = (m.id for m in group.members)
    assert {m.company for m in group.members} == {"Nordlys", "Acme", ""}
    ola = next(c.id for c in journal.contact_list.rows() if c.display_name == "Ola Berg")

    # Their history, spread over the three records.
    log_call(journal, csv_freja, vcf_freja, ola, when=datetime(2026, 10, 1, 10))  # a group call
    log_call(journal, vcf_freja, when=datetime(2026, 10, 5, 10))
    for owner, amount, currency in ((csv_freja, "20", "EUR"), (vcf_freja, "150", "DKK")):
        journal.favours.add(
            FavourInput(
                owner, FavourDirection.THEY_OWE, FavourKind.MONEY, "Lent", Decimal(amount), currency
            )
        )
    journal.favours.settle(journal.favours.for_contact(vcf_freja)[0].id, amount=Decimal("50"))
    journal.purchases.add(
        PurchaseInput(quick_freja, date(2026, 9, 1), "Logo", Decimal("300"), "EUR")
    )
    journal.purchases.add(PurchaseInput(vcf_freja, date(2026, 6, 1), "Card", Decimal("80"), "DKK"))
    journal.contacts.update(
        ola, journal.contacts.get(ola).data.with_changes(referred_by_id=vcf_freja)
    )
    journal.referrals.asks.record(AskInput(quick_freja, "Do you know anyone?"))
    with journal.db.read_raw() as connection:
        vcf_uid = connection.execute(
            "SELECT uid FROM contact WHERE id = ?", (vcf_freja,)
        ).fetchone()[0]
    before, contacts_before = sums(journal), journal.stats().contacts
    assert journal.check() == []

    plan = journal.merge.plan(csv_freja, [vcf_freja, quick_freja])
    journal.merge.merge(plan)

    after = sums(journal)
    assert after[0] == before[0]  # every conversation
    assert after[1] == before[1] - 1  # the group call has Freja once, not twice
    assert after[2:] == before[2:]  # favours and purchases per currency, steps, referrals ...
    assert journal.stats().contacts == contacts_before - 2
    kept = journal.contacts.get(csv_freja)
    assert kept.data.company == "Nordlys"
    assert [e.value for e in kept.data.emails] == ["freja@nordlys.dk", "freja@gmail.com"]
    assert journal.contacts.get(ola).data.referred_by_id == csv_freja
    assert len(journal.conversations.for_contact(csv_freja)) == 3
    assert quick in {c.id for c in journal.conversations.for_contact(csv_freja)}
    balance = journal.favours.balance(csv_freja)
    assert balance == journal.favours.balance_of(journal.favours.for_contact(csv_freja))
    assert journal.purchases.totals(csv_freja) == {"EUR": Decimal("300"), "DKK": Decimal("80")}
    assert journal.check() == []
    assert journal.duplicates.groups() == []

    journal.undo.undo()
    assert sums(journal) == before
    assert journal.stats().contacts == contacts_before
    assert journal.check() == []

    journal.undo.redo()
    assert journal.check() == []
    # A vCard naming the merged record's id lands on the kept contact.
    (tmp_path / "again.vcf").write_text(
        VCARD.replace("END:VCARD", f"UID:{vcf_uid}\r\nEMAIL:freja@acme.io\r\nEND:VCARD"),
        encoding="utf-8",
    )
    report = journal.interchange.import_file(tmp_path / "again.vcf")
    assert (report.new, report.merged) == (0, 1)
    emails = [e.value for e in journal.contacts.get(csv_freja).data.emails]
    assert "freja@acme.io" in emails
    assert journal.check() == []
