"""The record from 2018 to 2025: every sourced passage (seeds/afghan_process_sources.jsonl, a
copy of the shared data file) is seeded as a citation of its source, quoted exactly, on a
published event; seeding stays idempotent and leaves editors' changes alone."""

import json
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User

from events.models import Citation, Event, Source
from events.services.seeds import load_seeds
from tests import seeds
from tests.responses import page
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

PASSAGES_FILE = seeds.DIRECTORY / "afghan_process_sources.jsonl"
PASSAGES = [
    json.loads(line) for line in PASSAGES_FILE.read_text(encoding="utf-8").splitlines() if line
]


def cited_as(passage: dict) -> Citation:
    """The published citation of `passage`: its exact words, from its source's address (or,
    for a mirror copy, from the original address its path shows, the mirror named as "via")."""
    address = passage["source"]["url"]
    for citation in Citation.objects.filter(
        quote=passage["quote"], event__status=Event.Status.PUBLISHED
    ).select_related("source", "event"):
        source = citation.source
        if source.url == address:
            return citation
        mirror = urlsplit(address)
        if source.via and mirror.hostname in source.via:
            assert urlsplit(source.url).path.strip("/") in mirror.path
            return citation
    raise AssertionError(f"Not cited verbatim: {passage['quote'][:60]}…")


def test_the_passages_file_is_the_record_the_seeds_were_drawn_from():
    assert len(PASSAGES) == 93
    assert {passage["when"][:4] for passage in PASSAGES} >= {"2018", "2025"}


def test_every_passage_is_cited_verbatim_with_its_address_after_seeding(seeded):
    for passage in PASSAGES:
        citation = cited_as(passage)
        source = citation.source
        assert source.published == date.fromisoformat(passage["source"]["published"])
        assert source.title == passage["source"]["title"] or not passage["source"]["title"]
        # Peacetracker keeps the passage, never the article.
        assert source.text == ""


def test_the_passages_of_one_event_are_cited_on_one_seeded_event(seeded):
    events: dict[str, set[str]] = {}
    for passage in PASSAGES:
        events.setdefault(passage["event"], set()).add(cited_as(passage).event.slug)
    assert all(len(slugs) == 1 for slugs in events.values()), events
    # Every event of the file is an event of its own on the timeline.
    assert len({slug for slugs in events.values() for slug in slugs}) == len(events) == 43


def test_a_mirror_copy_is_credited_to_its_publisher_at_the_original_address(seeded):
    mirror = next(p for p in PASSAGES if "mirror" in p["source"]["publisher"])
    source = cited_as(mirror).source
    assert source.publisher == "Deutsche Welle"
    assert source.url.startswith("https://www.dw.com/en/")
    assert "wufengqin.com" in source.via


def test_a_wire_copy_names_the_agency_as_publisher_and_the_outlet_as_via(seeded, client):
    passage = next(p for p in PASSAGES if p["source"]["publisher"] == "The Irish Times (Reuters)")
    citation = cited_as(passage)
    assert (citation.source.publisher, citation.source.via) == ("Reuters", "The Irish Times")
    html = page(client.get(citation.event.get_absolute_url()))
    captions = [figure.figcaption.get_text(" ", strip=True) for figure in html.select(".citation")]
    assert any("Reuters, via The Irish Times" in caption for caption in captions)


def test_the_timeline_runs_from_the_kabul_process_offer_to_russias_recognition(client, seeded):
    events = list(Event.objects.published().chronological())
    assert (events[0].start, events[-1].start) == (date(2018, 2, 28), date(2025, 7, 3))
    assert events[-1].title == SEEDS.event(events[-1].slug).title


def test_the_doha_agreement_is_dated_to_the_day_by_three_publishers_or_more(client, seeded):
    doha = Event.objects.get(slug="doha-agreement-signed")
    assert (doha.start, doha.get_precision_display(), doha.end) == (date(2020, 2, 29), "day", None)
    publishers = {citation.source.publisher for citation in doha.citations.all()}
    assert len(publishers) >= 3
    html = page(client.get("/events/doha-agreement-signed/"))
    assert html.find("main").time["datetime"] == "2020-02-29"
    assert html.find("main").time.get_text() == "29 February 2020"
    backed = html.select_one(".corroboration").get_text(" ", strip=True)
    assert backed == f"Backed by {len(publishers)} independent publishers"


def snapshot() -> dict[str, list]:
    return {
        "events": list(Event.objects.values().order_by("pk")),
        "history": Event.history.count(),
        "citations": list(Citation.objects.values().order_by("pk")),
        "sources": list(Source.objects.values().order_by("pk")),
    }


def test_seeding_twice_changes_nothing(seeded):
    first = snapshot()
    seeds.load()
    assert snapshot() == first


@pytest.fixture
def earlier_seeds(tmp_path: Path) -> Path:
    """The seed folder as it was before the record: the Doha agreement known only to the
    month, from the seed article alone."""
    shutil.copytree(seeds.DIRECTORY / "articles", tmp_path / "articles")
    data = json.loads((seeds.DIRECTORY / "timeline.json").read_text(encoding="utf-8"))
    doha = next(row for row in data["events"] if row["slug"] == "doha-agreement-signed")
    doha["date"] = "2020-02"
    doha["citations"] = [c for c in doha["citations"] if c["source"].startswith("articles/")]
    (tmp_path / "timeline.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_seeding_brings_an_event_only_the_seed_wrote_up_to_date(earlier_seeds):
    load_seeds(directory=earlier_seeds)
    assert Event.objects.get(slug="doha-agreement-signed").when == "February 2020"
    report = load_seeds(directory=seeds.DIRECTORY)
    doha = Event.objects.get(slug="doha-agreement-signed")
    assert (doha.when, doha.citations.count()) == (
        "29 February 2020",
        len(SEEDS.event("doha-agreement-signed").citations),
    )
    assert report.updated["events"] == 1
    assert doha.history.first().history_change_reason.startswith("Seeded")


def test_an_editors_change_survives_reseeding(earlier_seeds):
    load_seeds(directory=earlier_seeds)
    editor = User.objects.create_user("editor")
    doha = Event.objects.get(slug="doha-agreement-signed")
    doha.summary = "An editor's summary."
    doha._history_user = editor
    doha.save()
    load_seeds(directory=seeds.DIRECTORY)
    doha.refresh_from_db()
    # The editor's event stays as they left it: their summary, the date they had.
    assert (doha.summary, doha.when, doha.citations.count()) == (
        "An editor's summary.",
        "February 2020",
        1,
    )
