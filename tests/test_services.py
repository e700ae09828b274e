"""Writes with rules: every path that publishes an event keeps "a published event cites a
source", and every path that looks for an event by address finds it the same way."""

import json
import shutil
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from events.models import Citation, Event, EventRedirect, Source
from events.selectors import find_event, unique_slug
from events.services.publishing import Cited, publish, record_event, unpublish
from events.services.sources import source_for_text
from tests import seeds
from tests.factories import EventFactory, SourceFactory
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db


def test_an_event_cannot_be_recorded_as_published_without_a_source():
    with pytest.raises(ValidationError) as refused:
        record_event(
            Event(title="Rumoured talks", slug="rumoured", start=date(2021, 1, 1)),
            publish=True,
            reason="test",
        )
    assert refused.value.code == "no_source"
    assert not Event.objects.exists()


def test_a_recorded_event_keeps_its_actors_citations_and_reason():
    source = SourceFactory(text="Envoys met in Doha. They agreed.")
    event = record_event(
        Event(title="Talks", slug="talks", start=date(2020, 2, 29)),
        citations=[Cited(source, "Envoys met in Doha")],
        publish=True,
        reason="Recorded by a test",
    )
    assert Event.objects.published().get().pk == event.pk
    assert list(Citation.objects.values_list("source", "quote")) == [
        (source.pk, "Envoys met in Doha")
    ]
    assert event.history.first().history_change_reason == "Recorded by a test"


def test_a_quote_missing_from_its_source_writes_nothing():
    source = SourceFactory(text="Envoys met in Doha. They agreed.")
    with pytest.raises(ValidationError):
        record_event(
            Event(title="Talks", slug="talks", start=date(2020, 2, 29)),
            citations=[Cited(source, "Words the article never printed")],
            publish=True,
            reason="test",
        )
    assert (Event.objects.count(), Citation.objects.count()) == (0, 0)


def test_test_factories_publish_only_sourced_events():
    published = EventFactory()
    draft = EventFactory(status=Event.Status.DRAFT)
    assert published.is_published and published.citations.count() == 1
    assert not draft.is_published and draft.citations.count() == 0
    with pytest.raises(ValidationError):
        EventFactory(citations=[])


def test_publish_skips_unsourced_drafts_and_unpublish_returns_events_to_draft():
    sourced = EventFactory(title="Sourced", status=Event.Status.DRAFT)
    Citation.objects.create(event=sourced, source=SourceFactory(), quote="Article")
    unsourced = EventFactory(title="Unsourced", status=Event.Status.DRAFT)
    done = publish(Event.objects.all(), reason="test")
    assert [e.title for e in done.published] == ["Sourced"]
    assert [e.title for e in done.unsourced] == ["Unsourced"]
    assert set(Event.objects.published().values_list("title", flat=True)) == {"Sourced"}
    assert [e.title for e in unpublish(Event.objects.all(), reason="test")] == ["Sourced"]
    assert not Event.objects.published().exists()
    unsourced.refresh_from_db()
    assert unsourced.status == Event.Status.DRAFT


def test_a_seeded_event_without_a_citation_is_refused_and_nothing_is_written(tmp_path):
    shutil.copytree(seeds.DIRECTORY, tmp_path, dirs_exist_ok=True)
    data = json.loads((tmp_path / "timeline.json").read_text(encoding="utf-8"))
    data["events"][0]["citations"] = []
    (tmp_path / "timeline.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="cites at least one source"):
        call_command("seed", directory=tmp_path, verbosity=0)
    assert not Event.objects.exists() and not Source.objects.exists()


def test_a_source_is_found_by_its_text_whatever_its_white_space():
    first, made = source_for_text(
        text="Envoys met in Doha.\n\nThey agreed.", published=date(2021, 1, 28), title="One"
    )
    again, made_again = source_for_text(
        text="Envoys met  in Doha. They agreed.", published=date(2022, 1, 1), title="Two"
    )
    assert (made, made_again) == (True, False)
    assert again.pk == first.pk and again.title == "One"


def test_an_event_is_found_by_its_slug_or_an_old_one_and_only_among_those_asked():
    event = EventFactory(slug="talks-in-doha")
    event.slug = "doha-talks"
    event.save()
    assert find_event("doha-talks").event.pk == event.pk
    assert find_event("doha-talks").moved is False
    assert find_event("talks-in-doha").event.pk == event.pk
    assert find_event("talks-in-doha").moved is True
    assert find_event("elsewhere") is None
    assert find_event("talks-in-doha", among=Event.objects.drafts()) is None


def test_a_new_slug_avoids_current_and_old_addresses():
    EventFactory(slug="envoys-met-in-doha")
    EventRedirect.objects.create(old_slug="envoys-met-in-doha-2", event=EventFactory())
    assert unique_slug("Envoys met in Doha") == "envoys-met-in-doha-3"


def test_a_title_in_dari_or_pashto_alone_gives_a_readable_address():
    # Slugs are ASCII (the addresses' <slug:…>): Arabic script used to give "event", "event-2"…
    assert unique_slug("مذاکرات در دوحه آغاز شد") == "mzakrat-dr-doha-aghaz-shd"
    assert unique_slug("د ۱۳۹۸ کال د کب په ۱۰مه تړون") == "d-1398-kal-d-kb-pa-10ma-tron"
    assert unique_slug("؟؟") == "event"


def test_every_seeded_event_is_published_citing_what_it_rests_on(seeded):
    assert not Event.objects.published().filter(citations__isnull=True).exists()
    assert Event.objects.published().count() == len(SEEDS.events)
