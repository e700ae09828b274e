"""Imports that know who and where: names the timeline does not know yet are proposed (from a
gazetteer for countries and cities, by cue for people and organisations), common shortenings
match the actors they shorten, and a suggestion's place comes from the clause of its date.

The sentences are written for these tests, not taken from articles.
"""

from datetime import date
from decimal import Decimal

import pytest

from events.ingest.articles import Article
from events.ingest.recognise import Recogniser
from events.models import Actor, Event, Place, Suggestion
from events.services.articles import import_article
from events.services.suggestions import accept_suggestion, keep_proposals
from events.text import clause
from tests.factories import ActorFactory, PlaceFactory
from tests.responses import page

PUBLISHED = date(2021, 3, 16)


def suggest(text: str) -> list[Suggestion]:
    import_article(Article(published=PUBLISHED, text=text, name="test.txt"))
    return list(Suggestion.objects.order_by("position"))


def proposed(suggestion: Suggestion) -> tuple[set, set]:
    return (
        {(p["name"], p["kind"]) for p in suggestion.proposed_actors},
        {p["name"] for p in suggestion.proposed_places},
    )


def new_names(text: str, known_actors=(), known_places=()) -> tuple[list, list]:
    names = Recogniser(known_actors, known_places).names_in(text)
    return (
        [(p.name, p.kind) for _, _, p in names.new_actors],
        [p.name for _, _, p in names.new_places],
    )


# Proposing what the timeline does not know ---------------------------------------------------


def test_an_article_naming_turkey_the_united_nations_and_istanbul_proposes_them(db):
    (suggestion,) = suggest(
        "Turkey and the United Nations will hold a meeting on the peace process in Istanbul "
        "in April."
    )
    actors, places = proposed(suggestion)
    assert actors == {("Turkey", "government"), ("United Nations", "organisation")}
    assert places == {"Istanbul"}
    (istanbul,) = suggestion.proposed_places
    # From the gazetteer: the city's country and coordinates.
    assert istanbul["country"] == "Turkey"
    assert 40 < istanbul["latitude"] < 42 and 28 < istanbul["longitude"] < 30
    # Proposed, not made: the timeline has no new rows until an editor accepts.
    assert (Actor.objects.count(), Place.objects.count()) == (0, 0)


def test_known_names_are_matched_and_not_proposed_again(db):
    ActorFactory(name="Turkey", slug="turkey")
    PlaceFactory(name="Istanbul", slug="istanbul", country="Turkey")
    (suggestion,) = suggest("Turkey will host envoys in Istanbul in April.")
    assert [a.name for a in suggestion.actors.all()] == ["Turkey"]
    assert [p.name for p in suggestion.places.all()] == ["Istanbul"]
    assert (suggestion.proposed_actors, suggestion.proposed_places) == ([], [])


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The special envoy Harlan Brightwater arrived on Monday.", "Harlan Brightwater"),
        ("President Odile Marchetti-Vance spoke on Monday.", "Odile Marchetti-Vance"),
        ("Talks were led by Foreign Minister Kemal Arslanoglu on Monday.", "Kemal Arslanoglu"),
        ("A spokesman, spokesman Idris bin Rashid Tarawneh said on Monday.", "Idris bin Rashid"),
    ],
)
def test_a_person_is_proposed_after_a_title(text, person):
    actors, _ = new_names(text)
    assert (person, "person") in actors or any(
        name.startswith(person) and kind == "person" for name, kind in actors
    )


@pytest.mark.parametrize(
    "text",
    [
        "President Mbeki spoke.",  # one word: too little to make a person of
        "The envoy met Harlan Brightwater on Monday.",  # no title before the name
        "The President said on Monday that talks would resume.",
    ],
)
def test_no_person_is_proposed_without_a_title_and_two_names(text):
    actors, _ = new_names(text)
    assert not [name for name, kind in actors if kind == "person"]


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "The High Council for Tribal Reconciliation met.",
            "High Council for Tribal Reconciliation",
        ),
        ("The Organisation of Islamic Cooperation met.", "Organisation of Islamic Cooperation"),
        ("The UN Security Council met.", "UN Security Council"),
        (
            "Director of the Kandahar Water Commission Ali Zaheer spoke.",
            "Kandahar Water Commission",
        ),
    ],
)
def test_an_organisation_is_proposed_by_the_word_that_makes_it_one(text, organisation):
    actors, _ = new_names(text)
    assert (organisation, "organisation") in actors


@pytest.mark.parametrize(
    "text",
    [
        # Whose ministry? A body named only by what kind it is is no one in particular.
        "The Foreign Ministry said talks would resume.",
        "The Ministry of Foreign Affairs said so.",
        "The Security Council met.",
    ],
)
def test_a_body_named_only_by_its_kind_is_not_proposed(text):
    actors, _ = new_names(text)
    assert not [name for name, kind in actors if kind == "organisation"]


def test_a_new_name_that_overlaps_a_known_one_gives_way():
    pakistan = Actor(name="Pakistan", kind="government")
    actors, _ = new_names("The Foreign Ministry of Pakistan said so.", known_actors=[pakistan])
    assert actors == []


def test_a_city_needs_a_place_word_unless_it_is_large_or_a_capital():
    # "Nice" opens a sentence as a word; "in Nice" is the city.
    _, places = new_names("Nice words were said. Envoys met in Nice.")
    assert places == ["Nice"]
    # A capital needs no place word, but not before another name ("Victoria Nuland").
    _, places = new_names("Kabul welcomed the news. Victoria Hartley spoke.")
    assert places == ["Kabul"]


def test_a_country_that_is_also_a_first_name_is_not_taken_for_the_person():
    actors, _ = new_names("Jordan Pemberton met envoys. Jordan hosted the talks.")
    assert actors == [("Jordan", "government")]


# Shortenings and aliases ---------------------------------------------------------------------


@pytest.mark.parametrize("written", ["U.S.", "US", "USA", "United States", "America"])
def test_shortenings_of_the_united_states_match_the_actor(db, written):
    ActorFactory(name="United States", slug="united-states")
    (suggestion,) = suggest(f"The {written} envoy arrived in Doha on Monday.")
    assert [a.name for a in suggestion.actors.all()] == ["United States"]
    assert suggestion.proposed_actors == []


@pytest.mark.parametrize("written", ["UN", "U.N.", "United Nations"])
def test_the_un_is_one_actor_however_it_is_written(db, written):
    (suggestion,) = suggest(f"The {written} welcomed the talks on Monday.")
    assert suggestion.proposed_actors == [{"name": "United Nations", "kind": "organisation"}]


def test_a_known_actor_matches_by_an_alias_and_its_shortenings(db):
    ActorFactory(name="Washington administration", slug="us", aliases="U.S.")
    (suggestion,) = suggest("An American delegation and the UK arrived on Monday.")
    assert [a.name for a in suggestion.actors.all()] == ["Washington administration"]
    assert suggestion.proposed_actors == [{"name": "United Kingdom", "kind": "government"}]


def test_lower_case_words_are_not_taken_for_shortenings(db):
    (suggestion,) = suggest("Let us meet on Monday, they said.")
    assert suggestion.proposed_actors == []


# The place of a date is in its clause ----------------------------------------------------------


def test_a_date_takes_its_place_from_its_own_clause_not_another(db):
    suggestions = suggest(
        "Delegates prepared the Istanbul conference in April, after talks in Doha in March."
    )
    april, march = suggestions
    assert proposed(april)[1] == {"Istanbul"}
    assert proposed(march)[1] == {"Doha"}


def test_a_known_place_is_also_taken_only_from_the_clause(db):
    PlaceFactory(name="Doha", slug="doha", country="Qatar")
    PlaceFactory(name="Moscow", slug="moscow", country="Russia")
    (suggestion, _) = suggest("Envoys met in Moscow on Monday, and will go to Doha in June.")
    assert [p.name for p in suggestion.places.all()] == ["Moscow"]


@pytest.mark.parametrize(
    ("sentence", "date_words", "expected"),
    [
        # A clause of nothing but the date takes in the one before it…
        ("Envoys met in Kabul, on Monday.", "Monday", "Envoys met in Kabul, on Monday"),
        # …and a short one before that (a name in apposition).
        (
            "Envoys met in Doha, Qatar, on Monday.",
            "Monday",
            "Envoys met in Doha, Qatar, on Monday",
        ),
        # First in its sentence, it stands for the main clause, past a subordinate one.
        ("In April, after talks in Doha, Turkey hosted envoys.", "April", "Turkey hosted envoys"),
        # A conjunction ends the clause.
        (
            "Envoys visited Herat in May and later flew to Kabul.",
            "May",
            "Envoys visited Herat in May",
        ),
    ],
)
def test_clauses(sentence, date_words, expected):
    start = sentence.index(date_words)
    begin, end = clause(
        sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        start=start,
        end=start + len(date_words),
    )
    assert sentence[begin:end].strip(" .") == expected


# Keeping and accepting proposals ---------------------------------------------------------------


def test_accepting_makes_the_proposed_actors_and_places_the_editor_kept(db):
    (suggestion,) = suggest(
        "Turkey and the United Nations will hold a meeting on the peace process in Istanbul "
        "in April."
    )
    keep_proposals(suggestion, actors=["Turkey"], places=["Istanbul"])
    event = accept_suggestion(suggestion)
    assert [a.name for a in event.actors.all()] == ["Turkey"]
    assert not Actor.objects.filter(name="United Nations").exists()
    istanbul = Place.objects.get(name="Istanbul")
    assert (event.place, istanbul.country) == (istanbul, "Turkey")
    assert Decimal("40") < istanbul.latitude < Decimal("42")
    assert Actor.objects.get(name="Turkey").kind == "government"


def test_accepting_twice_does_not_make_an_actor_twice(db):
    first, second = suggest("Turkey hosted envoys in Istanbul in April. Turkey did so in May.")
    accept_suggestion(first)
    accept_suggestion(second)
    assert Actor.objects.filter(name="Turkey").count() == 1
    assert Event.objects.filter(actors__name="Turkey").count() == 2


def test_the_admin_lists_proposals_and_lets_an_editor_drop_some(admin_client):
    (suggestion,) = suggest(
        "Turkey and the United Nations will hold a meeting on the peace process in Istanbul "
        "in April."
    )
    listing = page(admin_client.get("/admin/events/suggestion/")).get_text(" ", strip=True)
    assert "Turkey, United Nations, Istanbul" in listing
    change = f"/admin/events/suggestion/{suggestion.pk}/change/"
    form = page(admin_client.get(change))
    ticked = {box["value"] for box in form.select("input[type=checkbox][checked]")}
    assert ticked == {"Turkey", "United Nations", "Istanbul"}
    response = admin_client.post(change, {"keep_actors": ["Turkey"], "keep_places": []})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert proposed(suggestion) == ({("Turkey", "government")}, set())
    admin_client.post(
        "/admin/events/suggestion/", {"action": "accept", "_selected_action": [suggestion.pk]}
    )
    event = Event.objects.get()
    assert [a.name for a in event.actors.all()] == ["Turkey"]
    assert event.place is None and not Place.objects.exists()
