"""Every data format, read back with a real parser and compared with the database."""

import csv
import io
from datetime import date
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from events.exports import neutralise
from events.models import Event
from tests.factories import CitationFactory, EventFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def published_slugs(**filters) -> list[str]:
    return list(
        Event.objects.published().filter(**filters).chronological().values_list("slug", flat=True)
    )


def body(response) -> bytes:
    """The whole body, whether the export was sent whole or streamed."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def read_ics(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body(response))


# The JSON API


def test_api_lists_published_events_with_everything_about_them(client, seeded):
    response = client.get("/api/events.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert [e["slug"] for e in data["events"]] == published_slugs()
    assert data["next"] is None
    pakistan = next(e for e in data["events"] if e["slug"] == "taliban-delegation-visits-pakistan")
    event = Event.objects.get(slug="taliban-delegation-visits-pakistan")
    citation = event.citations.get()
    assert pakistan == {
        "slug": event.slug,
        "title": event.title,
        "summary": event.summary,
        "date": "October 2020",
        "value": "2020-10",
        "start": "2020-10-01",
        "end": None,
        "precision": "month",
        "type": {"slug": "visit", "name": "Visit"},
        "place": {
            "slug": "pakistan",
            "name": "Pakistan",
            "country": "Pakistan",
            "latitude": None,
            "longitude": None,
        },
        "actors": [
            {"slug": "imran-khan", "name": "Imran Khan", "kind": "person"},
            {"slug": "pakistan", "name": "Pakistan", "kind": "state"},
            {"slug": "shah-mahmood-qureshi", "name": "Shah Mahmood Qureshi", "kind": "person"},
            {
                "slug": "taliban-political-office",
                "name": "Taliban political office",
                "kind": "organisation",
            },
        ],
        "sources": [
            {
                "title": citation.source.title,
                "publisher": "Daily Times",
                "url": "",
                "published": "2021-01-28",
                "quote": citation.quote,
            }
        ],
        "key_event": False,
        "url": "http://testserver/events/taliban-delegation-visits-pakistan/",
        "updated": event.updated.isoformat(),
    }


def test_api_honours_the_timelines_filters(client, seeded):
    data = client.get("/api/events.json?type=talks&place=moscow").json()
    assert [e["slug"] for e in data["events"]] == [
        "first-intra-afghan-talks-in-moscow",
        "second-intra-afghan-talks-in-moscow",
    ]


def test_api_pages_with_a_next_link_until_the_end(client, seeded):
    seen, url = [], "/api/events.json?limit=3"
    while url:
        data = client.get(url).json()
        assert len(data["events"]) <= 3
        seen += [e["slug"] for e in data["events"]]
        url = data["next"]
    assert seen == published_slugs()


def test_api_gives_one_event_by_its_slug(client, seeded):
    data = client.get("/api/events/doha-agreement-signed.json").json()
    assert (data["title"], data["value"]) == (
        "The United States and the Taliban sign the Doha agreement",
        "2020-02",
    )
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


def test_timelinejs_json_has_each_event_with_only_the_date_parts_it_knows(client, seeded):
    data = client.get("/api/timelinejs.json").json()
    by_id = {event["unique_id"]: event for event in data["events"]}
    assert list(by_id) == published_slugs()
    assert by_id["first-intra-afghan-talks-in-moscow"]["start_date"] == {"year": "2019"}
    assert by_id["doha-agreement-signed"]["start_date"] == {"year": "2020", "month": "2"}
    assert by_id["moscow-conference-of-regional-countries"]["start_date"] == {
        "year": "2018",
        "month": "11",
        "day": "9",
    }
    doha = by_id["doha-agreement-signed"]
    assert doha["display_date"] == "February 2020"
    assert doha["group"] == "Agreement"
    assert doha["text"]["headline"] == "The United States and the Taliban sign the Doha agreement"
    assert "<blockquote>The Taliban representatives have stepped up" in doha["text"]["text"]
    assert "end_date" not in doha


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
    api = {e["slug"]: e for e in client.get("/api/events.json").json()["events"]}
    for row in rows:
        record = api[row["slug"]]
        assert row["title"] == record["title"]
        assert row["value"] == record["value"]
        assert row["precision"] == record["precision"]
        assert row["actors"].split("; ") == [a["name"] for a in record["actors"]]
        assert row["quotes"].split("\n") == [s["quote"] for s in record["sources"]]
        assert row["url"] == record["url"]


def test_csv_honours_filters(client, seeded):
    rows = read_csv(client.get("/events.csv?actor=imran-khan"))
    assert [row["slug"] for row in rows] == ["taliban-delegation-visits-pakistan"]


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

    def span(uid: str) -> tuple[date, date]:
        event = events[f"{uid}@testserver"]
        return event.decoded("dtstart"), event.decoded("dtend")

    assert span("moscow-conference-of-regional-countries") == (
        date(2018, 11, 9),
        date(2018, 11, 10),
    )
    assert span("doha-agreement-signed") == (date(2020, 2, 1), date(2020, 3, 1))
    assert span("first-intra-afghan-talks-in-moscow") == (date(2019, 1, 1), date(2020, 1, 1))
    doha = events["doha-agreement-signed@testserver"]
    assert str(doha["summary"]) == "The United States and the Taliban sign the Doha agreement"
    description = str(doha["description"])
    assert "Daily Times" in description and "signed in February last year" in description
    assert str(doha["url"]) == "http://testserver/events/doha-agreement-signed/"


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
    doha = Event.objects.get(slug="doha-agreement-signed")
    doha.summary = "Revised."
    doha.save()
    feed = feedparser.parse(client.get("/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Peacetracker: the Afghan peace process"
    first = feed.entries[0]
    assert (
        first.title == "The United States and the Taliban sign the Doha agreement (February 2020)"
    )
    assert first.link == "http://testserver/events/doha-agreement-signed/"
    assert first.id == f"tag:testserver,2021:event:{doha.pk}"
    assert len(feed.entries) == Event.objects.published().count()


def test_feed_honours_filters(client, seeded):
    feed = feedparser.parse(client.get("/feed/?actor=iran").content)
    assert [entry.title for entry in feed.entries] == [
        "Taliban political envoys hold talks in Iran (January 2021)"
    ]


# Drafts, everywhere


def test_drafts_are_absent_from_every_format(client, seeded):
    CitationFactory(
        event=EventFactory(slug="secret-draft", title="Secret draft", status=Event.Status.DRAFT)
    )
    addresses = ["/api/events.json", "/api/timelinejs.json", "/feed/", "/sitemap-events.xml"]
    for address in addresses:
        assert "secret" not in client.get(address).content.decode().lower(), address
    for address in ("/events.csv", "/events.ics"):
        assert "secret" not in body(client.get(address)).decode().lower(), address
    assert client.get("/api/events/secret-draft.json").status_code == 404


# Search engines


def test_sitemap_lists_each_published_event_with_its_last_change(client, seeded):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", namespace)]
    assert pages == [
        "http://testserver/sitemap-timeline.xml",
        "http://testserver/sitemap-events.xml",
    ]
    urls = [
        url
        for page in pages
        for url in ElementTree.fromstring(
            client.get(page.removeprefix("http://testserver")).content
        ).findall("s:url", namespace)
    ]
    locations = [url.findtext("s:loc", namespaces=namespace) for url in urls]
    assert locations[0] == "http://testserver/"
    assert sorted(locations[1:]) == sorted(
        f"http://testserver/events/{slug}/" for slug in published_slugs()
    )
    changed = {
        f"http://testserver{e.get_absolute_url()}": e.updated.date().isoformat()
        for e in Event.objects.published()
    }
    for url in urls[1:]:
        location = url.findtext("s:loc", namespaces=namespace)
        assert url.findtext("s:lastmod", namespaces=namespace) == changed[location]


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
    html = BeautifulSoup(client.get("/?actor=iran&after=2019-01-01.1.1").content, "html.parser")
    links = {a.get_text(): a["href"] for a in html.select(".data-links a")}
    assert links == {
        "JSON": "/api/events.json?actor=iran",
        "CSV": "/events.csv?actor=iran",
        "iCalendar": "/events.ics?actor=iran",
        "Atom feed": "/feed/?actor=iran",
        "TimelineJS": "/api/timelinejs.json?actor=iran",
        "Embed": "/embed/?actor=iran",
    }


def test_each_listed_event_has_a_copy_link_control_with_its_address(client, seeded):
    html = BeautifulSoup(client.get("/").content, "html.parser")
    for article in html.select("#results article"):
        button = article.find("button", class_="copy-link")
        assert button.get_text() == "Copy link"
        assert button["data-copy"] == "http://testserver" + article.find("a")["href"]


def test_embed_may_be_framed_by_any_site_and_nothing_else_may(client, seeded):
    embed = client.get("/embed/?type=talks")
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    for address in ("/", "/events/doha-agreement-signed/"):
        response = client.get(address)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_embed_shows_the_filtered_timeline_with_links_to_the_top_window(client, seeded):
    html = BeautifulSoup(client.get("/embed/?type=talks").content, "html.parser")
    articles = html.select("article")
    assert len(articles) == 3
    assert all(article.find("a")["target"] == "_top" for article in articles)
    home = html.find("a", string="View on Peacetracker")
    assert (home["href"], home["target"]) == ("http://testserver/?type=talks", "_top")
    assert html.find("form", attrs={"role": "search"}) is None  # no filters in the embed


def test_embed_pages_within_itself(client, settings):
    settings.PEACETRACKER_PAGE_SIZE = 2
    for day in range(1, 6):
        EventFactory(start=date(2020, 1, day))
    html = BeautifulSoup(client.get("/embed/").content, "html.parser")
    later = html.find("a", string="Later events")
    assert later["href"].startswith("/embed/?after=")
    assert not later.get("target")


def test_site_url_setting_makes_links_absolute_to_the_public_address(client, seeded, settings):
    settings.PEACETRACKER_SITE_URL = "https://peacetracker.example"
    html = BeautifulSoup(client.get("/events/doha-agreement-signed/").content, "html.parser")
    assert html.find("link", rel="canonical")["href"] == (
        "https://peacetracker.example/events/doha-agreement-signed/"
    )
    record = client.get("/api/events/doha-agreement-signed.json").json()
    assert record["url"] == "https://peacetracker.example/events/doha-agreement-signed/"


def test_head_requests_are_answered(client, seeded):
    for address in ("/", "/events/doha-agreement-signed/", "/api/events.json", "/feed/"):
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
    client.get("/embed/?type=talks")
    again = client.get("/embed/?type=talks")  # from the cache this time
    assert "X-Frame-Options" not in again
    assert "frame-ancestors *" in again["Content-Security-Policy"]
