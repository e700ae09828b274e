"""Search reads the passages events cite, and matches whole words (issue 15)."""

from datetime import date

import pytest

from events import search
from events.models import Citation, Event
from tests.factories import ActorFactory, CitationFactory, EventFactory, SourceFactory
from tests.responses import listed

pytestmark = pytest.mark.django_db


def found(text: str) -> set[str]:
    """The titles of the events a search lists."""
    return set(Event.objects.filter(pk__in=search.matching(text)).values_list("title", flat=True))


@pytest.fixture
def moscow_talks() -> Event:
    event = EventFactory(title="Delegations meet in Moscow", summary="A second round.")
    CitationFactory(
        event=event,
        quote="The intra-Afghan negotiations resumed in the Russian capital on Tuesday.",
    )
    return event


def test_a_word_in_a_cited_passage_finds_the_event(client, moscow_talks):
    EventFactory(title="Envoys meet in Doha")
    assert found("negotiations") == {"Delegations meet in Moscow"}
    # Stemmed as the text is: the singular finds the plural.
    assert found("negotiation") == {"Delegations meet in Moscow"}
    assert listed(client.get("/", {"q": "negotiations"})) == ["Delegations meet in Moscow"]
    # Ranked too: it is among the best matches.
    assert search.best_ids("negotiations", limit=5) == [moscow_talks.pk]


def test_a_passage_cited_later_is_found_and_one_removed_is_not(moscow_talks):
    other = EventFactory(title="Envoys meet in Doha")
    assert found("ceasefire") == set()
    citation = CitationFactory(event=other, quote="Both sides agreed to a ceasefire for Eid.")
    assert found("ceasefire") == {"Envoys meet in Doha"}
    # An editor corrects the passage: the old word no longer finds it, the new one does.
    citation.quote = "Both sides agreed to a truce for Eid."
    citation.save()
    assert found("ceasefire") == set()
    assert found("truce") == {"Envoys meet in Doha"}
    citation.delete()
    assert found("truce") == set()


def test_a_whole_word_does_not_find_a_longer_one():
    kabulov = ActorFactory(name="Zamir Kabulov", slug="zamir-kabulov")
    EventFactory(title="Kabulov meets envoys", actors=[kabulov], start=date(2019, 2, 5))
    EventFactory(title="Talks in Kabul", start=date(2019, 3, 5))
    assert found("Kabul") == {"Talks in Kabul"}
    assert found("Kabulov") == {"Kabulov meets envoys"}
    # Nor a word only the start of one in a passage.
    event = EventFactory(title="A meeting", start=date(2019, 4, 5))
    CitationFactory(
        event=event, quote="Officials from Kabulistan attended.", source=SourceFactory()
    )
    assert "A meeting" not in found("Kabul")
    assert Citation.objects.filter(event=event).exists()
