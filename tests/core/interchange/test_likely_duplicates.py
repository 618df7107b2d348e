"""An import's plan flags a row that is probably a contact already in the journal although
its name was written differently (issue #17): the row stays new, says which contact and why,
and the user may merge it by hand.  (A phone written differently is the same phone: a match.)"""

from __future__ import annotations

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.interchange.plan import Action


def test_another_name_order_is_flagged_with_the_contact(journal, tmp_path):
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
    assert rows["Zola-Durand Emile"].action is Action.NEW
    assert (rows["Zola-Durand Emile"].target_id, rows["Zola-Durand Emile"].reason) == (
        emile,
        "new; looks like a contact in the journal (same name, written another way): merge if "
        "the same person",
    )
    # The same number written another way is the same phone (issue #15): a match.
    assert (rows["Robert Lind"].action, rows["Robert Lind"].target_id) == (Action.SKIP, bo)
    assert rows["Robert Lind"].reason == "same phone; nothing new: already in the journal"
    assert (rows["Dee New"].target_id, rows["Dee New"].reason) == (None, "new")
    report = journal.interchange.apply(plan, {rows["Zola-Durand Emile"].number: Action.MERGE})
    assert (report.new, report.merged) == (1, 1)
