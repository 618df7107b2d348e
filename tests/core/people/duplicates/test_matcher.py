"""The matcher finds the pairs a person would call duplicates, says why, joins them into
groups, and stays linear however many contacts share a company or a name."""

from __future__ import annotations

import random

from colearn_desktop.core.people.duplicates.keys import name_key, phone_e164
from colearn_desktop.core.people.duplicates.matcher import WINDOW, Person, Why, find_groups
from colearn_desktop.core.text import phone_key


def whys(people: list[Person], region: str = "GB") -> list[tuple[tuple[int, ...], set[Why]]]:
    return [
        (group.ids, {r.why for pair in group.pairs for r in pair.reasons})
        for group in find_groups(people, region).groups
    ]


def test_names_match_whatever_the_order_accents_case_and_punctuation():
    assert name_key("Zola-Durand, Émile") == name_key("émile ZOLA DURAND") != ""
    people = [Person(1, "Zola-Durand, Émile"), Person(2, "Émile Zola-Durand"), Person(3, "Émile")]
    assert whys(people) == [((1, 2), {Why.SAME_NAME})]


def test_email_matches_ignoring_case_and_spaces_as_stored_keys():
    people = [
        Person(1, "Ana García", emails=("ana@example.org",)),
        Person(2, "A. G.", emails=("other@example.org", "ana@example.org")),
    ]
    [group] = find_groups(people).groups
    assert [str(r) for r in group.pairs[0].reasons] == ["same e-mail (ana@example.org)"]
    assert group.score == 100


def test_phones_match_as_e164_in_the_journal_region():
    assert phone_e164("02079460958", "GB") == phone_e164("+442079460958", "GB") == "+442079460958"
    people = [
        Person(1, "Ana", phones=("02079460958",)),
        Person(2, "Bo", phones=("+442079460958",)),
        Person(3, "Cy", phones=("+12079460958",)),  # same last digits, another country
    ]
    assert whys(people, "GB") == [((1, 2), {Why.SAME_PHONE})]
    # Read in the United States, the national number is another one.
    assert whys(people, "US") == []


def test_similar_names_need_a_shared_company_or_work_domain():
    people = [
        Person(1, "Jon Smith", company="Acme Ltd"),
        Person(2, "John Smith", company="ACME ltd"),
        Person(3, "Jonh Smith", emails=("j@gmail.com",)),
        Person(4, "John Smyth", emails=("jsmyth@gmail.com",)),  # free mail: says nothing
        Person(5, "Johnny Smith", emails=("js@acme.co.uk",)),
        Person(6, "John Smith", emails=("john@acme.co.uk",)),  # same name as 2 as well
    ]
    groups = find_groups(people).groups
    assert [g.ids for g in groups] == [(1, 2, 5, 6)]
    reasons = {(p.a, p.b): {str(r) for r in p.reasons} for p in groups[0].pairs}
    assert reasons[1, 2] == {"similar name (95%)", "same company (Acme Ltd)"}  # as #1 has it
    assert reasons[5, 6] == {"similar name (91%)", "same e-mail domain (acme.co.uk)"}
    assert reasons[2, 6] == {"same name"}


def test_pairs_join_transitively_and_the_surest_group_comes_first():
    people = [
        Person(1, "Ana García", emails=("ana@x.org",)),
        Person(2, "Ana Garcia Lopez", emails=("ana@x.org",), phones=("+34600111222",)),
        Person(3, "AG", phones=(phone_key("+34 600 111 222"),)),
        Person(4, "Bo Lind"),
        Person(5, "Lind, Bo"),
    ]
    groups = find_groups(people).groups
    assert [g.ids for g in groups] == [(1, 2, 3), (4, 5)]
    assert [g.score for g in groups] == [100, 50]


def test_a_pair_marked_not_the_same_is_never_suggested():
    people = [Person(1, "Ana García"), Person(2, "Ana Garcia"), Person(3, "Bo")]
    assert find_groups(people, excluded=frozenset({(1, 2)})).groups == []


def test_comparisons_grow_linearly_with_the_contacts_not_quadratically():
    """A few thousand generated contacts where everyone shares a company, a free mail
    domain and a handful of first and family names: all-pairs would be millions."""
    rng = random.Random(7)
    given = ["Ana", "Bo", "Chen", "Dee", "Emil", "Fatima", "Goran", "Hana"]
    family = ["García", "Smith", "Kaya", "Lind", "Okafor", "Ng"]

    def people(count: int) -> list[Person]:
        return [
            Person(
                i,
                f"{rng.choice(given)} {rng.choice(family)}",
                company="Acme",
                emails=(f"p{i}@gmail.com", f"p{i}@acme.example"),
                phones=(f"+4420{rng.randrange(10**6, 10**7)}",),
            )
            for i in range(1, count + 1)
        ]

    small, large = find_groups(people(1000), "GB"), find_groups(people(4000), "GB")
    # Each contact sits in at most (words x (company + domains)) + 3 blocks and meets at most
    # WINDOW neighbours in each: bounded per contact, whatever the blocks' sizes.
    assert large.comparisons <= 4000 * WINDOW * (2 * 2 + 3)
    assert large.comparisons < 4000 * 3999 // 2 // 10
    assert large.comparisons <= 5 * small.comparisons
    assert large.groups  # the shared names are still found
