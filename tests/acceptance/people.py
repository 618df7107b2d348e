"""The people of the stories, written with the core API into the test's journal."""

from __future__ import annotations

from datetime import datetime, timedelta

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ContactInput, ConversationInput


def add_person(journal: Journal, given: str, family: str, **fields) -> int:
    return journal.contacts.create(ContactInput(given_name=given, family_name=family, **fields))


def talked(journal: Journal, contact_id: int, days_ago: int, **fields) -> int:
    """A call ``days_ago`` days ago (at 10:00)."""
    now = journal.clock.now()
    when = (now - timedelta(days=days_ago)).replace(hour=10, minute=0, second=0, microsecond=0)
    return journal.conversations.log(
        ConversationInput(contact_ids=(contact_id,), happened_at=min(when, now), **fields)
    )


def drifting_clients(journal: Journal) -> dict[str, int]:
    """Three people overdue for a touch, most overdue first: Freja, Sam, Ana."""
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    people = {
        "Freja": add_person(journal, "Freja", "Dahl", company="Nordlys", cadence_days=30),
        "Sam": add_person(journal, "Sam", "Okafor", cadence_days=30),
        "Ana": add_person(journal, "Ana", "García", cadence_days=14),
    }
    talked(journal, people["Freja"], 90, notes="Kick-off for the new brand.")
    talked(journal, people["Sam"], 60, notes="Coffee.")
    talked(journal, people["Ana"], 40, notes="Checked in.")
    return people


__all__ = ["add_person", "datetime", "drifting_clients", "talked"]


def client_with_history(journal: Journal) -> dict[str, int]:
    """Freja Dahl, a client with a past project, favours both ways, who referred Sam Okafor."""
    from datetime import date
    from decimal import Decimal

    from colearn_desktop.core.enums import FavourDirection, FavourKind, Stage
    from colearn_desktop.core.records import FavourInput, PurchaseInput

    freja = add_person(
        journal, "Freja", "Dahl", company="Nordlys", stage=Stage.HELP, cadence_days=30
    )
    sam = add_person(journal, "Sam", "Okafor", company="Okafor Print", referred_by_id=freja)
    talked(
        journal,
        freja,
        20,
        notes="Reviewed the launch.",
        learned="She decides with her co-founder on Fridays.",
        they_asked="A price for a second site.",
    )
    talked(journal, freja, 80, notes="Kick-off for the new brand.")
    journal.purchases.add(
        PurchaseInput(
            freja, date.today() - timedelta(days=70), "Brand identity", Decimal("4800"), "EUR"
        )
    )
    journal.favours.add(
        FavourInput(freja, FavourDirection.I_OWE, FavourKind.INTRO, "Intro to a printer in Oslo")
    )
    journal.favours.add(
        FavourInput(freja, FavourDirection.THEY_OWE, FavourKind.TESTIMONIAL, "A quote for my site")
    )
    return {"Freja": freja, "Sam": sam}


def sam_and_ana(journal: Journal) -> dict[str, int]:
    """Two people with no favours yet."""
    return {
        "Sam": add_person(journal, "Sam", "Okafor", company="Okafor Print"),
        "Ana": add_person(journal, "Ana", "García", company="Estudio Sol"),
    }


def happy_client(journal: Journal) -> dict[str, int]:
    """Freja Dahl, a client of a recent project who praised my work and was never asked."""
    from datetime import date
    from decimal import Decimal

    from colearn_desktop.core.enums import Stage
    from colearn_desktop.core.records import PurchaseInput

    journal.settings.update(my_name="Kim Berg", my_signature="Kim", my_offer="brand design")
    freja = add_person(journal, "Freja", "Dahl", company="Nordlys", stage=Stage.HELP)
    talked(journal, freja, 21, notes="Loved the new logo: it carried our launch.", praise=True)
    journal.purchases.add(
        PurchaseInput(
            freja, date.today() - timedelta(days=40), "Brand identity", Decimal(4800), "EUR"
        )
    )
    return {"Freja": freja}
