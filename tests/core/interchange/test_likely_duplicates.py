"""An import's plan flags a row that is probably a contact already in the journal although
its name, e-mail and phone were written differently (issue #17): the row stays new, says
which contact and why, and the user may merge it by hand."""

from __future__ import annotations

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.interchange.plan import Action


def test_another_name_order_or_phone_format_is_flagged_with_the_contact(journal, tmp_path):
    journal.settings.update(phone_region="GB")
    emile = journal.contacts.create(ContactInput(given_name="Émile", family_name="Zola-Durand"))
    bo = journal.contacts.create(
        ContactInput(name="Bo Lind", phones=(Labelled("+44 20 7946 0958"),))
    )
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Phones\nZola-Durand Emile,\nRobert Lind,020 7946 0958\nDee New,\n",
        encoding="utf-8",
    )
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    rows = {row.name: row for row in plan.rows}
    assert all(row.action is Action.NEW for row in rows.values())
    assert (rows["Zola-Durand Emile"].target_id, rows["Zola-Durand Emile"].reason) == (
        emile,
        "new; looks like a contact in the journal (same name, written another way): merge if "
        "the same person",
    )
    assert rows["Robert Lind"].target_id == bo
    assert rows["Robert Lind"].reason == (
        "new; looks like a contact in the journal (same phone (+442079460958)): merge if the "
        "same person"
    )
    assert (rows["Dee New"].target_id, rows["Dee New"].reason) == (None, "new")
    report = journal.interchange.apply(plan, {rows["Robert Lind"].number: Action.MERGE})
    assert (report.new, report.merged) == (2, 1)
