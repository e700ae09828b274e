"""A place's page (/places/<slug>/) and its JSON: where it is, the events held there on the
time axis and a page at a time in a list, and the actors most often there, each leading to
their events at the place."""

import json
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Place
from tests.factories import ActorFactory, EventFactory, PlaceFactory
from tests.responses import body, listed, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def doha() -> Place:
    """Doha, where four published events were held (and a draft); Moscow, where one was."""
    doha = PlaceFactory(
        name="Doha",
        slug="doha",
        country="Qatar",
        latitude=Decimal("25.28540"),
        longitude=Decimal("51.53100"),
    )
    moscow = PlaceFactory(name="Moscow", slug="moscow", country="Russia")
    khalilzad = ActorFactory(name="Zalmay Khalilzad", slug="khalilzad", kind="person")
    baradar = ActorFactory(name="Abdul Ghani Baradar", slug="baradar", kind="person")
    qatar = ActorFactory(name="Qatar", slug="qatar")
    pompeo = ActorFactory(name="Mike Pompeo", slug="pompeo", kind="person")
    kabulov = ActorFactory(name="Zamir Kabulov", slug="kabulov", kind="person")
    for title, day, place, present in (
        ("First Doha round", date(2019, 1, 21), doha, [khalilzad, baradar]),
        ("Moscow meeting", date(2019, 2, 5), moscow, [kabulov, baradar]),
        ("Fifth Doha round", date(2019, 2, 25), doha, [khalilzad, baradar, qatar]),
        ("The Doha agreement", date(2020, 2, 29), doha, [khalilzad, baradar, qatar, pompeo]),
        ("Talks open in Doha", date(2020, 9, 12), doha, [pompeo, baradar]),
    ):
        EventFactory(title=title, start=day, place=place, actors=present)
    EventFactory(
        title="A draft in Doha",
        start=date(2021, 1, 1),
        place=doha,
        actors=[kabulov],
        status=Event.Status.DRAFT,
    )
    return doha


HELD = ["First Doha round", "Fifth Doha round", "The Doha agreement", "Talks open in Doha"]


def regulars(response) -> list[tuple[str, str, str]]:
    """The actors most often there, as listed: name, where its link leads, the count."""
    return [
        (item.a.get_text(strip=True), item.a["href"], item.select_one(".ranked-count").get_text())
        for item in page(response).select(".regulars li")
    ]


def test_the_page_says_where_the_place_is(client, doha):
    response = client.get("/places/doha/")
    assert response.status_code == 200
    html = page(response)
    assert html.h1.get_text(strip=True) == "Doha"
    facts = {
        div.dt.get_text(strip=True): " ".join(div.dd.get_text().split())
        for div in html.select(".profile-facts > div")
    }
    assert facts == {"Country": "Qatar", "Coordinates": "latitude 25.28540, longitude 51.53100"}
    link = html.find("a", string="All events in Doha on the timeline")
    assert link["href"] == "/?place=doha"


def test_a_place_without_coordinates_shows_none(client, doha):
    facts = page(client.get("/places/moscow/")).select(".profile-facts dt")
    assert [dt.get_text(strip=True) for dt in facts] == ["Country"]


def test_the_page_lists_the_events_held_there_in_time_order(client, doha):
    response = client.get("/places/doha/")
    assert listed(response) == HELD
    assert page(response).find(id="events-heading").get_text(strip=True) == "4 events"
    assert listed(client.get("/places/doha/?order=newest")) == HELD[::-1]
    assert listed(client.get("/places/moscow/")) == ["Moscow meeting"]
    assert page(client.get("/places/moscow/")).find(id="events-heading").get_text(strip=True) == (
        "One event"
    )


def test_the_events_page_by_keyset(client, doha, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    first = client.get("/places/doha/")
    assert listed(first) == HELD[:3]
    later = page(first).find("a", string="Later events")["href"]
    assert later.startswith("/places/doha/?after=")
    assert listed(client.get(later)) == HELD[3:]


def test_the_axis_marks_the_events_held_there_and_stays_on_the_page(client, doha):
    year = page(client.get("/places/doha/?zoom=year&at=2019"))
    assert year.select_one("#axis-caption").get_text(" ", strip=True) == "Time axis: 2019"
    marks = year.select("#axis .axis-wide a.mark")
    # Not the meeting in Moscow, between the two rounds.
    assert [mark["aria-label"] for mark in marks] == [
        "First Doha round, 21 January 2019",
        "Fifth Doha round, 25 February 2019",
    ]
    assert all(mark["href"].startswith("/places/doha/?at=2019-") for mark in marks)
    later = year.select_one('#axis a[data-axis-action="later"]')["href"]
    assert later == "/places/doha/?at=2020&zoom=year"
    # The axis ends with the last event held there, not with the draft of 2021.
    last = page(client.get(later))
    assert last.select_one('#axis a[data-axis-action="later"]') is None


def test_the_actors_most_often_there_are_ranked_and_lead_to_their_events_there(client, doha):
    there = "/?place=doha&actor={}"
    assert regulars(client.get("/places/doha/")) == [
        ("Abdul Ghani Baradar", there.format("baradar"), "4 events here"),
        ("Zalmay Khalilzad", there.format("khalilzad"), "3 events here"),
        ("Mike Pompeo", there.format("pompeo"), "2 events here"),
        ("Qatar", there.format("qatar"), "2 events here"),
    ]
    # Kabulov was in Doha only in a draft; Baradar's Moscow meeting is not counted here.
    assert listed(client.get(there.format("baradar"))) == HELD
    assert listed(client.get(there.format("pompeo"))) == HELD[2:]


def test_an_unknown_place_or_one_only_in_drafts_is_not_found(client, doha):
    hidden = PlaceFactory(name="Hidden harbour", slug="hidden-harbour")
    EventFactory(title="Secret", place=hidden, status=Event.Status.DRAFT)
    PlaceFactory(name="Nowhere", slug="nowhere")
    for address in ("/places/atlantis/", "/places/hidden-harbour/", "/places/nowhere/"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "Hidden harbour" not in body(response).decode()
    assert client.get("/api/places/hidden-harbour.json").status_code == 404


def test_the_page_carries_canonical_and_preview_card_tags(client, doha):
    html = page(client.get("/places/doha/"))
    assert html.find("link", rel="canonical")["href"] == "http://testserver/places/doha/"
    assert html.find("meta", property="og:title")["content"] == "Doha, Qatar"
    assert html.find("meta", property="og:url")["content"] == "http://testserver/places/doha/"
    assert html.find("meta", property="og:description")["content"] == (
        "4 events of the Afghan peace process held in Doha, Qatar, with their sources."
    )
    assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_the_json_gives_the_place_counts_and_its_actors(client, doha):
    response = client.get("/api/places/doha.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert {key: data[key] for key in ("slug", "name", "country", "latitude", "longitude")} == {
        "slug": "doha",
        "name": "Doha",
        "country": "Qatar",
        "latitude": 25.2854,
        "longitude": 51.531,
    }
    assert data["url"] == "http://testserver/places/doha/"
    assert data["events"] == {
        "count": 4,
        "url": "http://testserver/api/events.json?place=doha",
        "timeline_url": "http://testserver/?place=doha",
    }
    assert [(actor["slug"], actor["events_here"]) for actor in data["actors"]] == [
        ("baradar", 4),
        ("khalilzad", 3),
        ("pompeo", 2),
        ("qatar", 2),
    ]
    assert data["actors"][0]["events_url"] == (
        "http://testserver/api/events.json?place=doha&actor=baradar"
    )
    assert data["actors_more"] is False
    moscow = json.loads(client.get("/api/places/moscow.json").content)
    assert (moscow["latitude"], moscow["longitude"]) == (None, None)


def test_the_json_of_an_unknown_place_is_a_404_in_json(client, doha):
    response = client.get("/api/places/atlantis.json")
    assert response.status_code == 404
    assert json.loads(response.content) == {"error": "No place at “atlantis”."}


def test_the_sitemap_lists_the_pages_of_places_with_published_events(client, doha):
    PlaceFactory(name="Nowhere", slug="nowhere")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ElementTree.fromstring(client.get("/sitemap-places.xml").content)
    # Each page in English; its Dari and Pashto addresses are tests/test_languages.py's.
    locations = {
        loc.text
        for loc in sitemap.findall("s:url/s:loc", namespace)
        if not loc.text.startswith(("http://testserver/fa/", "http://testserver/ps/"))
    }
    assert locations == {"http://testserver/places/doha/", "http://testserver/places/moscow/"}


def queries(client, address: str) -> list[str]:
    cache.clear()  # the work itself, not the cache, is measured
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200, address
        body(response)
    return [query["sql"] for query in captured]


@pytest.mark.parametrize(
    "address",
    [
        "/places/doha/",
        "/places/doha/?order=newest",
        "/places/doha/?zoom=year&at=2019",
        "/api/places/doha.json",
    ],
)
def test_queries_do_not_grow_with_the_events_or_the_actors(client, doha, settings, address):
    settings.PEACETRACKER_PAGE_SIZE = 50
    few = queries(client, address)
    for n in range(40):
        EventFactory(
            title=f"Round {n}",
            start=date(2019 + n % 4, 1 + n % 12, 1 + n % 28),
            place=doha,
            actors=[ActorFactory(name=f"Delegate {n}"), ActorFactory(name=f"Aide {n % 7}")],
        )
    many = queries(client, address)
    assert len(many) == len(few), address
