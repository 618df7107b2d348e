"""Search finds what the user typed, whatever they typed, and the index stays in step."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.fulltext.search import SearchKind
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ConversationInput, FavourInput, PurchaseInput
from tests.conftest import TODAY
from tests.helpers import add_contact, log_call

WHEN = datetime(2026, 11, 20, 10, 0)
CONTACT = SearchKind.CONTACT
CONVERSATION = SearchKind.CONVERSATION
LEARNING = SearchKind.LEARNING
FAVOUR = SearchKind.FAVOUR
PURCHASE = SearchKind.PURCHASE


def ids(journal, text, kind):
    return [hit.item_id for hit in journal.search.search(text).hits(kind)]


@pytest.fixture
def people(journal):
    zoe = add_contact(
        journal,
        "Zoë",
        "Ørsted",
        company="Nordlys Café",
        emails=(Labelled("zoe@aurora.example"),),
        tags=("designer", "vip"),
        how_met="Met at a conference in Lisbon",
    )
    ana = add_contact(journal, "Ana", "García", company="Studio Fjord")
    call = log_call(
        journal,
        zoe,
        when=WHEN,
        notes="Talked about the rebranding of the bakery",
        learned="Clients prefer fixed prices",
        they_asked="A quote for the catalogue translation",
        next_step="Send the proposal",
    )
    return {"zoe": zoe, "ana": ana, "call": call}


def test_diacritics_and_case_are_ignored(journal, people):
    for text in ("zoe", "ZOE", "Zoë", "zoë", "ZOË"):
        assert ids(journal, text, CONTACT) == [people["zoe"]], text
    assert ids(journal, "garcia", CONTACT) == [people["ana"]]
    assert ids(journal, "cafe", CONTACT) == [people["zoe"]]
    # Ø is a letter of its own, not an O with a mark: typed as it is written, it is found.
    assert ids(journal, "ørsted", CONTACT) == [people["zoe"]]


def test_every_word_is_a_prefix_and_all_are_required(journal, people):
    assert ids(journal, "z", CONTACT) == [people["zoe"]]
    assert ids(journal, "zo", CONTACT) == [people["zoe"]]
    assert ids(journal, "gar", CONTACT) == [people["ana"]]
    assert ids(journal, "ana gar", CONTACT) == [people["ana"]]
    assert ids(journal, "ana ørs", CONTACT) == []
    assert ids(journal, "rebrand", CONVERSATION) == [people["call"]]
    assert ids(journal, "bakery rebrand", CONVERSATION) == [people["call"]]


def test_contacts_are_found_by_company_email_tag_and_how_they_met(journal, people):
    for text in ("nordlys", "zoe@aurora.example", "designer", "vip", "lisbon", "fjord"):
        assert ids(journal, text, CONTACT), text
    hit = journal.search.search("lisbon").hits(CONTACT)[0]
    assert hit.snippet.field == "how_met"
    assert hit.snippet.text == "Met at a conference in Lisbon"
    assert hit.snippet.matches() == [(23, 29)]


def test_each_kind_of_row_is_its_own_group_with_its_contact(journal, people):
    favour = journal.favours.add(
        FavourInput(
            people["ana"],
            FavourDirection.I_OWE,
            FavourKind.INTRO,
            "Introduce them to my accountant",
            notes="She asked twice",
        )
    )
    purchase = journal.purchases.add(
        PurchaseInput(
            people["ana"], date(2026, 3, 1), "Catalogue translation", Decimal(1200), "EUR"
        )
    )
    results = journal.search.search("catalogue")
    assert [h.item_id for h in results.hits(CONVERSATION)] == [people["call"]]
    assert [h.item_id for h in results.hits(PURCHASE)] == [purchase]
    purchase_hit = results.hits(PURCHASE)[0]
    assert (purchase_hit.contact_id, purchase_hit.contact_name) == (people["ana"], "Ana García")
    assert purchase_hit.amount == Decimal("1200.00")
    assert ids(journal, "accountant", FAVOUR) == [favour]
    assert ids(journal, "twice", FAVOUR) == [favour]
    conversation_hit = results.hits(CONVERSATION)[0]
    assert conversation_hit.contact_name == "Zoë Ørsted"
    assert conversation_hit.when == WHEN.date()
    assert conversation_hit.snippet.field == "they_asked"


def test_learnings_are_their_own_group(journal, people):
    results = journal.search.search("prices")
    assert [h.item_id for h in results.hits(LEARNING)] == [people["call"]]
    assert results.hits(CONVERSATION) == []
    hit = results.hits(LEARNING)[0]
    assert hit.snippet.text == "Clients prefer fixed prices"
    assert hit.contact_id == people["zoe"]


SPECIAL = [
    '"',
    '""',
    '"zoe',
    'zoe"',
    "'",
    "*",
    "zoe*",
    "*zoe",
    "-",
    "-zoe",
    "zoe -cafe",
    "+",
    "^",
    "^zoe",
    "NEAR",
    "NEAR(",
    "NEAR(zoe cafe)",
    "NEAR(zoe cafe, 2)",
    "(",
    ")",
    "(zoe",
    "zoe)",
    "((()))",
    ":",
    "zoe:",
    ":zoe",
    "name:zoe",
    "{name}:zoe",
    "- : zoe",
    "AND",
    "OR",
    "NOT",
    "zoe AND",
    "OR zoe",
    "NOT zoe",
    "zoe NOT cafe",
    "zoe OR ana",
    "and or not near",
    "\\",
    "%",
    "_",
    "%zoe%",
    "zoe_",
    "\x00",
    "\x00zoe",
    "   ",
    "\n\t",
    "🙂",
    "zoe 🙂",
    "e\u0301",
    "\u0301",
    "\ue000",
    "١٢٣",
    "佐藤",
    "<b>zoe</b>",
    "zoe' OR '1'='1",
    "zoe; DROP TABLE contact; --",
    "a" * 5000,
    " ".join(["zoe"] * 100),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One journal for the many read-only query tests (opening one per test is slow)."""
    journal = open_journal(
        tmp_path_factory.mktemp("search") / "journal.sqlite3", clock=FixedClock(TODAY)
    )
    zoe = add_contact(journal, "Zoë", "Ørsted", company="Nordlys Café")
    log_call(journal, zoe, when=WHEN, notes="Zoë at the café")
    yield journal, zoe
    journal.close()


@pytest.mark.parametrize("text", SPECIAL)
def test_any_text_is_a_valid_query(shared, text):
    journal, zoe = shared
    results = journal.search.search(text)
    assert results.text == text
    assert journal.contacts.exists(zoe)


@pytest.mark.parametrize(
    "text",
    ['"zoe', 'zoe"', "zoe*", "*zoe", "-zoe", "^zoe", "(zoe", "zoe)", "zoe:", ":zoe", "%zoe%"],
)
def test_operators_typed_around_a_word_are_just_punctuation(shared, text):
    journal, zoe = shared
    assert ids(journal, text, CONTACT) == [zoe]
    assert len(ids(journal, text, CONVERSATION)) == 1


@pytest.mark.parametrize("text", ["AND", "OR", "NOT", "NEAR"])
def test_operator_words_are_searched_as_words(journal, text):
    someone = add_contact(journal, "Nora", notes=f"Said {text.lower()} twice")
    assert ids(journal, text, CONTACT) == [someone]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=60))
def test_arbitrary_text_never_breaks_search(shared, text):
    results = shared[0].search.search(text, limit=3)
    assert all(len(group.hits) <= 3 for group in results.groups)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(word=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéèñçøåß", min_size=2, max_size=12))
def test_a_word_in_a_note_is_found_by_any_of_its_beginnings(journal, people, word):
    conversation = log_call(journal, people["ana"], when=WHEN, notes=f"Notes: {word}.")
    try:
        for end in range(1, len(word) + 1):
            assert conversation in ids(journal, word[:end], CONVERSATION), word[:end]
    finally:
        journal.conversations.delete(conversation)


def test_html_looking_content_stays_text_in_snippets(journal, people):
    log_call(
        journal,
        people["ana"],
        when=WHEN,
        notes='<script>alert("zoe")</script> <b>bold</b> & <img src=x onerror=alert(1)> marker',
    )
    hit = journal.search.search("marker").hits(CONVERSATION)[0]
    html = hit.snippet.html()
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in html
    assert html.endswith("<b>marker</b>")
    script_hit = journal.search.search("script").hits(CONVERSATION)[0]
    assert script_hit.snippet.html().startswith("&lt;<b>script</b>&gt;")


def test_edits_are_reflected_at_once_and_the_index_stays_consistent(journal, people):
    zoe, call = people["zoe"], people["call"]
    view = journal.conversations.get(call)
    journal.conversations.update(
        call, ConversationInput(**{**view.data.__dict__, "notes": "Spoke about the harbour"})
    )
    assert ids(journal, "bakery", CONVERSATION) == []
    assert ids(journal, "harbour", CONVERSATION) == [call]
    detail = journal.contacts.get(zoe)
    journal.contacts.update(
        zoe,
        detail.data.with_changes(
            family_name="Lindqvist", emails=(Labelled("z@fjell.example"),), tags=("mentor",)
        ),
    )
    assert ids(journal, "ørsted", CONTACT) == []
    assert ids(journal, "lindqvist", CONTACT) == [zoe]
    assert ids(journal, "aurora", CONTACT) == []
    assert ids(journal, "fjell", CONTACT) == [zoe]
    assert ids(journal, "designer", CONTACT) == []
    assert ids(journal, "mentor", CONTACT) == [zoe]
    tag = next(t for t in journal.tags.all() if t.name == "mentor")
    journal.tags.rename(tag.id, "Adviser")
    assert ids(journal, "mentor", CONTACT) == []
    assert ids(journal, "adviser", CONTACT) == [zoe]
    journal.tags.delete(tag.id)
    assert ids(journal, "adviser", CONTACT) == []
    assert journal.check() == []


def test_archived_contacts_are_found_and_marked(journal, people):
    zoe = people["zoe"]
    journal.contacts.archive(zoe)
    hit = journal.search.search("zoe").hits(CONTACT)[0]
    assert (hit.item_id, hit.contact_archived) == (zoe, True)
    conversation = journal.search.search("bakery").hits(CONVERSATION)[0]
    assert conversation.contact_archived is True
    journal.contacts.restore(zoe)
    assert journal.search.search("zoe").hits(CONTACT)[0].contact_archived is False
    assert journal.check() == []


def test_active_contacts_come_before_archived_ones_and_name_matches_first(journal):
    old = add_contact(journal, "Maria", "Lopez")
    journal.contacts.archive(old)
    mentions = add_contact(journal, "Ben", "Smith", notes="Maria's brother")
    maria = add_contact(journal, "Maria", "Sanz")
    assert ids(journal, "maria", CONTACT) == [maria, old, mentions]


def test_the_trash_is_not_searched_and_restoring_brings_rows_back(journal, people):
    call = people["call"]
    favour = journal.favours.add(
        FavourInput(people["ana"], FavourDirection.THEY_OWE, FavourKind.TESTIMONIAL, "Testimonial")
    )
    purchase = journal.purchases.add(PurchaseInput(people["ana"], date(2026, 1, 5), "Logo"))
    journal.conversations.delete(call)
    journal.favours.delete(favour)
    journal.purchases.delete(purchase)
    assert ids(journal, "bakery", CONVERSATION) == []
    assert ids(journal, "prices", LEARNING) == []
    assert ids(journal, "testimonial", FAVOUR) == []
    assert ids(journal, "logo", PURCHASE) == []
    assert journal.check() == []
    journal.conversations.restore(call)
    journal.favours.restore(favour)
    journal.purchases.restore(purchase)
    assert ids(journal, "bakery", CONVERSATION) == [call]
    assert ids(journal, "prices", LEARNING) == [call]
    assert ids(journal, "testimonial", FAVOUR) == [favour]
    assert ids(journal, "logo", PURCHASE) == [purchase]
    assert journal.check() == []


def test_deleting_a_contact_for_good_removes_them_from_the_index(journal, people):
    zoe = people["zoe"]
    journal.favours.add(FavourInput(zoe, FavourDirection.I_OWE, FavourKind.ADVICE, "Pitch deck"))
    journal.contacts.archive(zoe)
    journal.contacts.delete_permanently(zoe)
    for text in ("zoe", "bakery", "prices", "pitch"):
        assert journal.search.search(text).total == 0, text
    assert journal.check() == []


def test_limit_and_more(journal):
    someone = add_contact(journal, "Kim")
    for day in range(1, 8):
        log_call(journal, someone, when=datetime(2026, 10, day, 9), notes=f"Workshop day {day}")
    group = journal.search.search("workshop", limit=5).group(CONVERSATION)
    assert len(group.hits) == 5
    assert group.more is True
    # Newest first.
    assert [h.when.day for h in group.hits] == [7, 6, 5, 4, 3]
    assert journal.search.search("workshop", limit=7).group(CONVERSATION).more is False


def test_a_conversation_belongs_to_its_first_active_participant(journal):
    bea = add_contact(journal, "Bea", "Zapata")
    abe = add_contact(journal, "Abe", "Young")
    journal.contacts.archive(abe)
    log_call(journal, bea, abe, when=WHEN, notes="Three-way planning")
    hit = journal.search.search("planning").hits(CONVERSATION)[0]
    assert (hit.contact_id, hit.participants) == (bea, 2)


def test_empty_query_finds_nothing_quickly(journal, people):
    results = journal.search.search("  ")
    assert results.total == 0
    assert [g.kind for g in results.groups] == list(SearchKind)


def test_searching_never_counts_as_a_change_even_the_first_time_in_a_process(
    journal, people, monkeypatch
):
    """The first search of a session checks whether this SQLite has FTS5; that check must
    not write to the journal's connection, or the commit hook stamps a new change tag and
    the journal is backed up on close although nothing changed."""
    from colearn_desktop.core.storage import search_schema

    journal.backups.make("manual")
    tag = journal.backups.current_tag()
    monkeypatch.setattr(search_schema, "_fts5", [])  # as in a process that never probed
    journal.search = type(journal.search)(journal.search._ctx)  # a fresh service, no state
    assert ids(journal, "zoe", CONTACT) == [people["zoe"]]
    assert journal.search.indexed
    journal.search.matching_ids(CONVERSATION, "bakery", 5)
    assert journal.backups.current_tag() == tag
    assert not journal.backups.has_changes()
    assert not journal.backups.make("on-close").made
    add_contact(journal, "Ben")  # a real change still counts
    assert journal.backups.has_changes()
