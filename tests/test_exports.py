"""Every data format, read back with a real parser and compared with the database."""

import csv
import html
import io
from datetime import date, timedelta
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest

from events.dates import display
from events.dates.values import dates_disagree
from events.exports.spreadsheet import neutralise
from events.models import Event
from events.views.data import EventFeed
from tests.factories import CitationFactory, EventFactory, PlaceFactory, SourceFactory
from tests.responses import body, page
from tests.seeds import SEEDS, SeedEvent, first_day, slugs

pytestmark = pytest.mark.django_db


def published_slugs(**filters) -> list[str]:
    return list(
        Event.objects.published().filter(**filters).chronological().values_list("slug", flat=True)
    )


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


def read_ics(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body(response))


def api_records(client, address: str = "/api/events.json") -> list[dict]:
    """Every record the API lists at `address`, page after page."""
    records = []
    while address:
        data = client.get(address).json()
        records += data["events"]
        address = data["next"]
    return records


def coordinate(place: dict, name: str) -> float | None:
    return float(place[name]) if place.get(name) is not None else None


# The JSON API


def test_api_lists_published_events_with_everything_about_them(client, seeded):
    response = client.get("/api/events.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    listed = api_records(client)
    assert [e["slug"] for e in listed] == published_slugs()
    records = {record["slug"]: record for record in listed}
    for seeded in SEEDS.events:
        event = Event.objects.get(slug=seeded.slug)
        assert records[seeded.slug] == expected_record(seeded, updated=event.updated), seeded.slug


def expected_record(seeded: SeedEvent, *, updated) -> dict:
    """An event's JSON record, as the seed file describes it."""
    event_type = SEEDS.types[seeded.type] if seeded.type else None
    place = SEEDS.places[seeded.place] if seeded.place else None
    sources = [SEEDS.sources[citation.source] for citation in seeded.citations]
    actors = sorted(
        (SEEDS.actors[slug] for slug in seeded.actors), key=lambda actor: actor["name"]
    )
    return {
        "slug": seeded.slug,
        "title": seeded.title,
        "summary": seeded.summary,
        "date": seeded.written,
        "solar_hijri": display.written_alone(seeded.span, calendar=display.SOLAR_HIJRI),
        "value": seeded.value,
        "start": seeded.start.isoformat(),
        "end": first_day(seeded.end).isoformat() if seeded.end else None,
        "precision": seeded.precision.label,
        "status": seeded.status,
        "type": {"slug": seeded.type, "name": event_type["name"]} if event_type else None,
        "place": {
            "slug": seeded.place,
            "name": place["name"],
            "country": place.get("country", ""),
            "latitude": coordinate(place, "latitude"),
            "longitude": coordinate(place, "longitude"),
        }
        if place
        else None,
        "actors": [
            {"slug": actor["slug"], "name": actor["name"], "kind": actor["kind"]}
            for actor in actors
        ],
        "sources": [
            {
                "title": source.title,
                "date_given": citation.value,
                "publisher": source.publisher,
                "via": source.via,
                "url": source.url,
                "published": source.published.isoformat(),
                "quote": citation.quote,
                "archive_url": "",  # seeds carry none; archive_sources adds them
            }
            for source, citation in zip(sources, seeded.citations, strict=True)
        ],
        "key_event": seeded.key,
        "independent_publishers": len({source.publisher_key for source in sources}),
        "sources_disagree": dates_disagree([c.span for c in seeded.citations if c.span]),
        "date_note": seeded.date_note,
        "url": f"http://testserver/events/{seeded.slug}/",
        "updated": updated.isoformat(),
    }


def test_api_honours_the_timelines_filters(client, seeded):
    chosen = SEEDS.pick("of a type, at a place", lambda event: event.type and event.place)
    data = client.get("/api/events.json", {"type": chosen.type, "place": chosen.place}).json()
    expected = [event for event in SEEDS.of_type(chosen.type) if event.place == chosen.place]
    assert [e["slug"] for e in data["events"]] == slugs(expected)


def test_api_pages_with_a_next_link_until_the_end(client, seeded):
    seen, url = [], "/api/events.json?limit=3"
    while url:
        data = client.get(url).json()
        assert len(data["events"]) <= 3
        seen += [e["slug"] for e in data["events"]]
        url = data["next"]
    assert seen == published_slugs()


def test_api_gives_one_event_by_its_slug(client, seeded):
    event = SEEDS.events[0]
    data = client.get(f"/api/events/{event.slug}.json").json()
    assert (data["title"], data["value"]) == (event.title, event.value)
    missing = client.get("/api/events/no-such-event.json")
    assert missing.status_code == 404
    assert missing.json() == {"error": "No published event at “no-such-event”."}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("from=2020-13", "from"),
        ("to=soon", "to"),
        ("actor=nobody", "actor"),
        ("type=%00", "type"),
        ("after=garbage", "after"),
        ("limit=0", "limit"),
        ("limit=5000", "limit"),
        ("q=the", "q"),  # too common a word to search for
    ],
)
def test_api_answers_bad_parameters_with_400_naming_them(client, seeded, query, parameter):
    response = client.get(f"/api/events.json?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert [p["name"] for p in response.json()["parameters"]] == [parameter]


# TimelineJS


def date_parts(value: str) -> dict[str, str]:
    """TimelineJS's form of an ISO value: "2020-02" is {"year": "2020", "month": "2"}."""
    parts = [str(int(part)) for part in value.split("-")]
    return dict(zip(("year", "month", "day")[: len(parts)], parts, strict=True))


def test_timelinejs_json_has_each_event_with_only_the_date_parts_it_knows(client, seeded):
    data = client.get("/api/timelinejs.json").json()
    by_id = {event["unique_id"]: event for event in data["events"]}
    assert list(by_id) == published_slugs()
    for seeded in SEEDS.events:
        slide = by_id[seeded.slug]
        assert slide["start_date"] == date_parts(seeded.date), seeded.slug
        if seeded.end:
            assert slide["end_date"] == date_parts(seeded.end), seeded.slug
        else:
            assert "end_date" not in slide, seeded.slug
        assert slide["display_date"] == seeded.written
        assert slide["text"]["headline"] == html.escape(seeded.title)
        assert slide.get("group") == (SEEDS.types[seeded.type]["name"] if seeded.type else None)
        for citation in seeded.citations:
            assert f"<blockquote>{html.escape(citation.quote)}" in slide["text"]["text"]


def test_timelinejs_ranges_have_an_end_date_and_text_is_escaped(client):
    CitationFactory(
        event=EventFactory(
            slug="talks",
            title="Talks <b>resume</b> & end",
            start=date(2019, 5, 28),
            end=date(2019, 5, 30),
        ),
        source=SourceFactory(text="They said <script>alert(1)</script> twice."),
        quote="They said <script>alert(1)</script> twice.",
    )
    (event,) = client.get("/api/timelinejs.json").json()["events"]
    assert event["end_date"] == {"year": "2019", "month": "5", "day": "30"}
    assert event["text"]["headline"] == "Talks &lt;b&gt;resume&lt;/b&gt; &amp; end"
    assert "<script>" not in event["text"]["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in event["text"]["text"]


# CSV


def test_csv_has_a_row_per_event_with_the_jsons_fields(client, seeded):
    response = client.get("/events.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="peacetracker-events.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row["slug"] for row in rows] == published_slugs()
    api = {e["slug"]: e for e in api_records(client)}
    for row in rows:
        record = api[row["slug"]]
        assert row["title"] == record["title"]
        assert row["value"] == record["value"]
        assert row["precision"] == record["precision"]
        assert row["actors"] == "; ".join(a["name"] for a in record["actors"])
        assert row["quotes"] == "\n".join(s["quote"] for s in record["sources"])
        assert row["url"] == record["url"]


def test_csv_honours_filters(client, seeded):
    actor = SEEDS.fewest(SEEDS.actors, SEEDS.with_actor)
    rows = read_csv(client.get("/events.csv", {"actor": actor}))
    assert [row["slug"] for row in rows] == slugs(SEEDS.with_actor(actor))


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(client, payload):
    CitationFactory(event=EventFactory(title=payload, summary=payload))
    (row,) = read_csv(client.get("/events.csv"))
    assert row["title"] == "'" + payload
    assert row["summary"] == "'" + payload
    assert neutralise("Peace talks") == "Peace talks"


def test_bad_filters_on_files_answer_400_naming_the_parameter(client, seeded):
    for address in ("/events.csv", "/events.ics", "/feed/", "/api/timelinejs.json"):
        response = client.get(f"{address}?from=2020-13")
        assert response.status_code == 400, address
        assert "from" in response.content.decode()


# iCalendar


def test_calendar_has_all_day_events_spanning_their_precision(client, seeded):
    response = client.get("/events.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = read_ics(response)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert list(events) == [f"{slug}@testserver" for slug in published_slugs()]
    for seeded in SEEDS.events:
        event = events[f"{seeded.slug}@testserver"]
        # All day, from the first day the date may be to the day after the last.
        assert (event.decoded("dtstart"), event.decoded("dtend")) == (
            seeded.first_day,
            seeded.last_day + timedelta(days=1),
        ), seeded.slug
        assert str(event["summary"]) == seeded.title
        assert str(event["url"]) == f"http://testserver/events/{seeded.slug}/"
        description = " ".join(str(event["description"]).split())
        for citation in seeded.citations:
            assert SEEDS.sources[citation.source].publisher in description
            assert " ".join(citation.quote.split()) in description, seeded.slug


def test_calendar_ranges_end_after_their_last_day_and_honour_filters(client):
    place = PlaceFactory(slug="moscow", name="Moscow")
    EventFactory(slug="talks", start=date(2019, 5, 28), end=date(2019, 5, 30), place=place)
    EventFactory(slug="elsewhere")
    (event,) = read_ics(client.get("/events.ics?place=moscow")).walk("VEVENT")
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        date(2019, 5, 28),
        date(2019, 5, 31),
    )


# Atom


def test_feed_lists_recently_updated_events_first(client, seeded):
    # The first one seeded: updated no later than any other until this edit.
    seeded_event = min(SEEDS.events, key=lambda event: event.line)
    event = Event.objects.get(slug=seeded_event.slug)
    event.summary = "Revised."
    event.save()
    feed = feedparser.parse(client.get("/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Peacetracker: the Afghan peace process"
    first = feed.entries[0]
    assert first.title == feed_title(seeded_event)
    assert first.link == f"http://testserver/events/{seeded_event.slug}/"
    assert first.id == f"tag:testserver,2021:event:{event.pk}"
    assert len(feed.entries) == min(Event.objects.published().count(), EventFeed.ITEMS)


def test_feed_honours_filters(client, seeded):
    actor = SEEDS.fewest(SEEDS.actors, SEEDS.with_actor)
    feed = feedparser.parse(client.get("/feed/", {"actor": actor}).content)
    # All seeded at once, they are listed as recently updated in no order to rely on.
    assert sorted(entry.title for entry in feed.entries) == sorted(
        feed_title(event) for event in SEEDS.with_actor(actor)
    )


def feed_title(event: SeedEvent) -> str:
    """An event's title in the feed: with its date, and first its status when not held."""
    title = f"{event.title} ({event.written})"
    return title if event.status == "held" else f"{event.status.capitalize()}: {title}"


# Drafts, everywhere


def test_drafts_are_absent_from_every_format(client, seeded):
    CitationFactory(
        event=EventFactory(slug="secret-draft", title="Secret draft", status=Event.Status.DRAFT)
    )
    addresses = ["/api/events.json", "/api/timelinejs.json", "/feed/", "/sitemap-events.xml"]
    # The draft's own words ("secret" alone appears in the record: a secret meeting).
    marks = ("secret draft", "secret-draft")
    for address in addresses:
        shown = client.get(address).content.decode().lower()
        assert not any(mark in shown for mark in marks), address
    for address in ("/events.csv", "/events.ics"):
        shown = body(client.get(address)).decode().lower()
        assert not any(mark in shown for mark in marks), address
    assert client.get("/api/events/secret-draft.json").status_code == 404


# Search engines


def test_sitemap_lists_each_published_event_with_its_last_change(client, seeded):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", namespace)]
    assert pages == [
        "http://testserver/sitemap-timeline.xml",
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-actors.xml",
        "http://testserver/sitemap-places.xml",
        "http://testserver/sitemap-agreements.xml",
    ]
    # The actors' and places' pages are the business of tests/test_actor_pages.py.
    urls = [
        url
        for page in pages[:2]
        for url in ElementTree.fromstring(
            client.get(page.removeprefix("http://testserver")).content
        ).findall("s:url", namespace)
    ]
    # Each page in English; its Dari and Pashto addresses are tests/test_languages.py's.
    urls = [
        url
        for url in urls
        if not url.findtext("s:loc", namespaces=namespace).startswith(
            ("http://testserver/fa/", "http://testserver/ps/")
        )
    ]
    locations = [url.findtext("s:loc", namespaces=namespace) for url in urls]
    # The timeline and its map, then the events.
    assert locations[:2] == ["http://testserver/", "http://testserver/map/"]
    assert sorted(locations[2:]) == sorted(
        f"http://testserver/events/{slug}/" for slug in published_slugs()
    )
    changed = {
        f"http://testserver{e.get_absolute_url()}": e.updated.date().isoformat()
        for e in Event.objects.published()
    }
    for url in urls[2:]:
        location = url.findtext("s:loc", namespaces=namespace)
        assert url.findtext("s:lastmod", namespaces=namespace) == changed[location]


def test_the_map_is_listed_beside_the_timeline_changed_when_an_event_last_was(
    client, seeded, django_assert_max_num_queries
):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    # The data's version (for the cache), and the latest change once for both pages.
    with django_assert_max_num_queries(2):
        response = client.get("/sitemap-timeline.xml")
    urls = ElementTree.fromstring(response.content).findall("s:url", namespace)
    listed = {
        url.findtext("s:loc", namespaces=namespace): url.findtext(
            "s:lastmod", namespaces=namespace
        )
        for url in urls
    }
    latest = max(event.updated for event in Event.objects.published()).date().isoformat()
    # Each in English, Dari and Pashto.
    assert listed == {
        f"http://testserver{prefix}{path}": latest
        for prefix in ("", "/fa", "/ps")
        for path in ("/", "/map/")
    }
    assert client.get("/map/").status_code == 200


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


# Sharing and embedding


def test_timeline_links_to_each_format_with_the_current_filters(client, seeded):
    actor = next(iter(SEEDS.actors))
    timeline = page(client.get("/", {"actor": actor, "after": "2019-01-01.1.1"}))
    links = {a.get_text(): a["href"] for a in timeline.select(".data-links a")}
    assert links == {
        "JSON": f"/api/events.json?actor={actor}",
        "CSV": f"/events.csv?actor={actor}",
        "iCalendar": f"/events.ics?actor={actor}",
        "Atom feed": f"/feed/?actor={actor}",
        "TimelineJS": f"/api/timelinejs.json?actor={actor}",
        "Embed": f"/embed/?actor={actor}",
    }


def test_each_listed_event_has_a_copy_link_control_with_its_address(client, seeded):
    for article in page(client.get("/")).select("#results article"):
        button = article.find("button", class_="copy-link")
        assert button.get_text() == "Copy link"
        assert button["data-copy"] == "http://testserver" + article.find("a")["href"]


def test_embed_may_be_framed_by_any_site_and_nothing_else_may(client, seeded):
    embed = client.get("/embed/")
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    for address in ("/", f"/events/{SEEDS.events[0].slug}/"):
        response = client.get(address)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_embed_shows_the_filtered_timeline_with_links_to_the_top_window(client, seeded):
    event_type = SEEDS.fewest(SEEDS.types, SEEDS.of_type)
    embed = page(client.get("/embed/", {"type": event_type}))
    articles = embed.select("article")
    assert [article.find("a")["href"] for article in articles] == [
        f"/events/{slug}/" for slug in slugs(SEEDS.of_type(event_type))
    ]
    assert all(article.find("a")["target"] == "_top" for article in articles)
    home = embed.find("a", string="View on Peacetracker")
    assert (home["href"], home["target"]) == (f"http://testserver/?type={event_type}", "_top")
    assert embed.find("form", attrs={"role": "search"}) is None  # no filters in the embed


def test_embed_pages_within_itself(client, settings):
    settings.PEACETRACKER_PAGE_SIZE = 2
    for day in range(1, 6):
        EventFactory(start=date(2020, 1, day))
    later = page(client.get("/embed/")).find("a", string="Later events")
    assert later["href"].startswith("/embed/?after=")
    assert not later.get("target")


def test_site_url_setting_makes_links_absolute_to_the_public_address(client, seeded, settings):
    settings.PEACETRACKER_SITE_URL = "https://peacetracker.example"
    slug = SEEDS.events[0].slug
    event_page = page(client.get(f"/events/{slug}/"))
    assert event_page.find("link", rel="canonical")["href"] == (
        f"https://peacetracker.example/events/{slug}/"
    )
    record = client.get(f"/api/events/{slug}.json").json()
    assert record["url"] == f"https://peacetracker.example/events/{slug}/"


def test_head_requests_are_answered(client, seeded):
    for address in ("/", f"/events/{SEEDS.events[0].slug}/", "/api/events.json", "/feed/"):
        assert client.head(address).status_code == 200, address


def test_large_exports_stream_rather_than_build_in_memory(client, settings, monkeypatch):
    monkeypatch.setattr("events.views.data.EXPORT_CACHE_LIMIT", 2)
    for day in range(1, 5):
        CitationFactory(event=EventFactory(start=date(2020, 1, day)))
    for address in ("/events.csv", "/events.ics"):
        response = client.get(address)
        assert response.streaming, address
    assert len(read_csv(client.get("/events.csv"))) == 4


def test_a_cached_embed_still_may_be_framed(client, seeded):
    client.get("/embed/")
    again = client.get("/embed/")  # from the cache this time
    assert "X-Frame-Options" not in again
    assert "frame-ancestors *" in again["Content-Security-Policy"]
