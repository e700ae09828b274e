import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Actor, Citation, Event, EventRedirect, EventType, Place, Source
from tests import seeds
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

SEED_DIRECTORY = seeds.DIRECTORY
# The first source, which the seed data was drawn from.
ARTICLE = SEED_DIRECTORY / "articles" / "000_23d8dcd0da77bbd4.txt"


def snapshot() -> dict[str, list]:
    """Every seeded row, as values, to compare one load with another."""
    return {
        "types": list(EventType.objects.values()),
        "actors": list(Actor.objects.values()),
        "places": list(Place.objects.values()),
        "sources": list(Source.objects.values()),
        "events": list(Event.objects.values().order_by("pk")),
        "event_actors": list(Event.actors.through.objects.values("event", "actor")),
        "related": list(Event.related.through.objects.values("from_event", "to_event")),
        "citations": list(Citation.objects.values()),
    }


def test_seed_article_is_the_dated_seed_text():
    assert ARTICLE.read_text(encoding="utf-8").lstrip().startswith("date 2021-01-28 A day after")


def test_seed_loads_each_event_with_the_date_and_precision_the_file_gives(seeded):
    stored = {
        event.slug: (event.start, event.get_precision_display(), event.end, event.when_value)
        for event in Event.objects.published()
    }
    assert stored == {
        event.slug: (
            event.start,
            event.precision.label,
            seeds.first_day(event.end) if event.end else None,
            event.date,
        )
        for event in SEEDS.events
    }


def test_seed_stores_each_event_as_the_file_describes_it(seeded):
    for seeded_event in SEEDS.events:
        event = Event.objects.get(slug=seeded_event.slug)
        stored = (
            event.title,
            event.summary,
            event.body,
            event.date_note,
            event.type.slug if event.type else None,
            event.place.slug if event.place else None,
            set(event.actors.values_list("slug", flat=True)),
            event.is_key,
        )
        assert stored == (
            seeded_event.title,
            seeded_event.summary,
            seeded_event.body,
            seeded_event.date_note,
            seeded_event.type,
            seeded_event.place,
            set(seeded_event.actors),
            seeded_event.key,
        ), seeded_event.slug


def test_seed_defines_the_actors_places_and_types_the_file_names(seeded):
    assert set(Actor.objects.values_list("slug", "name", "kind")) == {
        (slug, actor["name"], actor["kind"]) for slug, actor in SEEDS.actors.items()
    }
    assert set(Place.objects.values_list("slug", "name")) == {
        (slug, place["name"]) for slug, place in SEEDS.places.items()
    }
    assert set(EventType.objects.values_list("slug", "name")) == {
        (slug, event_type["name"]) for slug, event_type in SEEDS.types.items()
    }


def test_seed_relates_the_events_the_file_relates_both_ways(seeded):
    for seeded_event in SEEDS.events:
        event = Event.objects.get(slug=seeded_event.slug)
        related = event.related.chronological().values_list("slug", flat=True)
        assert list(related) == seeds.slugs(SEEDS.related(seeded_event.slug)), event.slug


def test_every_seeded_event_cites_its_articles_with_verbatim_sentences(seeded):
    for seeded_event in SEEDS.events:
        event = Event.objects.get(slug=seeded_event.slug)
        citations = [
            (citation.source.title, citation.source.published, citation.quote)
            for citation in event.citations.order_by("pk")
        ]
        expected = [
            (SEEDS.sources[c.source].title, SEEDS.sources[c.source].published, c.quote)
            for c in seeded_event.citations
        ]
        assert citations == expected, event.slug
        for citation in event.citations.all():
            # A linked source keeps no text: its passages are checked against the sourced
            # passages file in test_record.py.
            if citation.source.text:
                assert citation.quote in citation.source.text, event.slug
        for citation in seeded_event.citations:
            if SEEDS.sources[citation.source].file:
                assert citation.quote in SEEDS.sources[citation.source].text, event.slug


def test_each_seeded_source_is_its_article_dated_by_its_dateline(seeded):
    assert Source.objects.count() == len(SEEDS.sources)
    for seeded_source in SEEDS.sources.values():
        source = Source.objects.get(title=seeded_source.title)
        assert (source.publisher, source.url, source.published) == (
            seeded_source.publisher,
            seeded_source.url,
            seeded_source.published,
        )
        if seeded_source.file:
            # The article's text, its dateline ("date YYYY-MM-DD") left out.
            assert source.text == seeded_source.text.split(None, 2)[2].strip()
        else:
            # Peacetracker keeps the passages it cites, never a linked article's text.
            assert (source.text, source.via) == ("", seeded_source.via)


def test_seed_run_twice_leaves_the_same_rows():
    seeds.load()
    first = snapshot()
    seeds.load()
    assert snapshot() == first
    assert len(first["events"]) == len(SEEDS.events)


def test_seed_never_overwrites_an_editors_changes(seeded):
    event = Event.objects.get(slug=SEEDS.events[0].slug)
    event.title = "Edited by an editor"
    event.status = Event.Status.DRAFT
    event.save()
    seeds.load()
    event.refresh_from_db()
    assert (event.title, event.status) == ("Edited by an editor", Event.Status.DRAFT)


def test_seed_does_not_recreate_an_event_an_editor_renamed(seeded):
    slug = SEEDS.events[0].slug
    event = Event.objects.get(slug=slug)
    event.slug = "renamed-by-an-editor"
    event.save()
    seeds.load()
    assert not Event.objects.filter(slug=slug).exists()
    assert EventRedirect.objects.get(old_slug=slug).event == event
    assert Event.objects.count() == len(SEEDS.events)


def test_seed_with_a_broken_file_writes_nothing(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("date 2021-01-28 Envoys met.", encoding="utf-8")
    data = json.loads((SEED_DIRECTORY / "timeline.json").read_text(encoding="utf-8"))
    data["sources"] = [{"file": "articles/a.txt", "title": "A", "publisher": "", "url": ""}]
    data["events"] = data["events"][:1]
    data["events"][0]["citations"] = [{"source": "articles/a.txt", "quote": "Talks resumed."}]
    data["events"][0]["related"] = []
    (tmp_path / "timeline.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="does not appear in the source's text"):
        call_command("seed", directory=tmp_path, verbosity=0)
    assert (Event.objects.count(), Source.objects.count(), Actor.objects.count()) == (0, 0, 0)


def test_seed_reports_an_unknown_reference(tmp_path):
    data = json.loads((SEED_DIRECTORY / "timeline.json").read_text(encoding="utf-8"))
    data["events"][0]["type"] = "summit"
    (tmp_path / "timeline.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "articles").symlink_to(SEED_DIRECTORY / "articles")
    with pytest.raises(CommandError, match="refers to 'summit'"):
        call_command("seed", directory=tmp_path, verbosity=0)
    assert EventType.objects.count() == 0


def test_seeded_events_are_in_timeline_order_with_coarser_dates_first(seeded):
    # (The order itself, on made-up dates, is test_models.py's.)
    assert list(Event.objects.published().values_list("slug", flat=True)) == seeds.slugs(
        SEEDS.events
    )
