"""The map at /map/: a marker for each place with published events matching the timeline's
filters, sized by their number and linking to them; places without coordinates named under
it; regions; bad addresses named, never a server error; a fixed number of queries. And the
world outline it is drawn from, read from the TopoJSON file."""

import gzip
import json
import math
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.caching import forget_version
from events.geo import atlas
from events.geo.drawing import WIDTH, outline
from events.models import Event
from tests.factories import ActorFactory, EventFactory, EventTypeFactory, PlaceFactory
from tests.responses import body, errors, page
from tests.test_html_valid import VNU

pytestmark = pytest.mark.django_db

KABUL = (Decimal("34.52813"), Decimal("69.17233"))
DOHA = (Decimal("25.28540"), Decimal("51.53100"))
WASHINGTON = (Decimal("38.89511"), Decimal("-77.03637"))


def place(name: str, country: str, point: tuple[Decimal, Decimal] | None):
    latitude, longitude = point or (None, None)
    return PlaceFactory(name=name, country=country, latitude=latitude, longitude=longitude)


@pytest.fixture
def places(db):
    """Three events in Doha (two of them meetings in 2020), one in Kabul, one in Washington,
    one in Murree (no coordinates), one with no place, and a draft in Kabul."""
    meeting = EventTypeFactory(name="Meeting", slug="meeting")
    doha, kabul = place("Doha", "Qatar", DOHA), place("Kabul", "Afghanistan", KABUL)
    washington = place("Washington", "United States", WASHINGTON)
    murree = place("Murree", "Pakistan", None)
    EventFactory(title="Talks open in Doha", start=date(2020, 9, 12), place=doha, type=meeting)
    EventFactory(title="Talks go on in Doha", start=date(2020, 10, 1), place=doha, type=meeting)
    EventFactory(title="Agreement signed in Doha", start=date(2020, 2, 29), place=doha)
    EventFactory(title="Jirga in Kabul", start=date(2020, 8, 7), place=kabul, type=meeting)
    EventFactory(title="Envoy named in Washington", start=date(2018, 9, 5), place=washington)
    EventFactory(title="Talks in Murree", start=date(2015, 7, 7), place=murree, type=meeting)
    EventFactory(title="A statement", start=date(2020, 3, 1))
    EventFactory(title="Draft in Kabul", place=kabul, status=Event.Status.DRAFT)


def markers(response) -> dict[str, dict]:
    """Each marker's accessible name, with where it links, its centre and its radius."""
    found = {}
    for link in page(response).select("svg.map-chart a.map-marker"):
        dot = link.select_one("circle.map-dot")
        found[link["aria-label"]] = {
            "href": link["href"],
            "x": float(dot["cx"]),
            "y": float(dot["cy"]),
            "r": float(dot["r"]),
        }
    return found


def view_box(response) -> list[float]:
    # html.parser lowercases attribute names.
    return [float(n) for n in page(response).select_one("svg.map-chart")["viewbox"].split()]


def notes(response) -> list[str]:
    return [" ".join(note.get_text().split()) for note in page(response).select(".map-note")]


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_a_marker_per_place_with_published_events_its_area_their_number(client, places):
    response = client.get("/map/")
    assert response.status_code == 200
    found = markers(response)
    assert set(found) == {
        "Doha, Qatar: 3 events",
        "Kabul, Afghanistan: 1 event",  # the draft is not counted
        "Washington, United States: 1 event",
    }
    doha, kabul = found["Doha, Qatar: 3 events"], found["Kabul, Afghanistan: 1 event"]
    assert doha["href"] == "/?place=doha"
    assert kabul["href"] == "/?place=kabul"
    assert (doha["r"] / kabul["r"]) ** 2 == pytest.approx(3, rel=0.02)
    # Drawn where they are: Doha south-west of Kabul, Washington far west of both.
    assert doha["x"] < kabul["x"] and doha["y"] > kabul["y"]
    assert found["Washington, United States: 1 event"]["x"] < doha["x"] - 200


def test_the_table_lists_every_place_with_its_count_and_the_others_are_named(client, places):
    response = client.get("/map/")
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in page(response).select(".map-table tbody tr")
    ]
    assert [row[:2] for row in rows] == [
        ["Doha, Qatar", "3"],
        ["Kabul, Afghanistan", "1"],
        ["Murree, Pakistan", "1"],
        ["Washington, United States", "1"],
    ]
    # Each place's name opens its page; beside it, its events on the timeline.
    links = [a["href"] for a in page(response).select(".map-table tbody a")]
    assert links == [
        "/places/doha/",
        "/?place=doha",
        "/places/kabul/",
        "/?place=kabul",
        "/places/murree/",
        "/?place=murree",
        "/places/washington/",
        "/?place=washington",
    ]
    assert "Not on the map (no coordinates): Murree, Pakistan: 1 event." in notes(response)
    assert "One event names no place." in notes(response)
    assert "Murree, Pakistan: 1 event" not in markers(response)


def test_the_filters_narrow_the_markers_and_travel_with_their_links(client, places):
    response = client.get("/map/?type=meeting&from=2020&q=")
    found = markers(response)
    assert set(found) == {"Doha, Qatar: 2 events", "Kabul, Afghanistan: 1 event"}
    assert query(found["Doha, Qatar: 2 events"]["href"]) == {
        "type": ["meeting"],
        "from": ["2020"],
        "place": ["doha"],
    }
    assert urlsplit(found["Doha, Qatar: 2 events"]["href"]).path == "/"
    regions = {a.get_text(): a["href"] for a in page(response).select(".map-regions a")}
    assert query(regions["Gulf"]) == {"type": ["meeting"], "from": ["2020"], "region": ["gulf"]}
    assert query(regions["World"]) == {"type": ["meeting"], "from": ["2020"]}
    chips = [chip.get_text(" ", strip=True) for chip in page(response).select(".chip-text")]
    assert chips == ["Type: Meeting ×", "From: 2020 ×"]
    back = page(response).select_one(".map-timeline-link a")
    assert back.get_text() == "See these events on the timeline"
    assert query(back["href"]) == {"type": ["meeting"], "from": ["2020"]}


def test_a_place_filter_is_replaced_by_the_marker_s_own_place(client, places):
    response = client.get("/map/?place=doha&place=kabul&region=gulf")
    found = markers(response)
    assert query(found["Doha, Qatar: 3 events"]["href"]) == {"place": ["doha"]}
    form = page(response).select_one("form[role=search]")
    assert form.select_one("input[name=region]")["value"] == "gulf"
    assert {o["value"] for o in form.select("select[name=place] option[selected]")} == {
        "doha",
        "kabul",
    }


@pytest.mark.parametrize(
    ("address", "message", "marked"),
    [
        ("/map/?from=2020-13", "From:", 3),
        ("/map/?place=nowhere", "There is no place “nowhere”.", 3),
        # "From" stands (2018 on: every place), "To" is left out.
        ("/map/?from=2018&to=2017", "“To” comes before “From”", 3),
        ("/map/?type=%00", "There is no event type", 3),
    ],
)
def test_a_bad_filter_is_named_and_left_out(client, places, address, message, marked):
    response = client.get(address)
    assert response.status_code == 200
    assert any(message in error for error in errors(response)), errors(response)
    assert len(markers(response)) == marked


def test_a_region_zooms_the_view_and_keeps_markers_their_size(client, places):
    world = client.get("/map/")
    gulf = client.get("/map/?region=gulf")
    assert view_box(world) != view_box(gulf)
    assert view_box(world)[2] == view_box(gulf)[2] == WIDTH
    # Zoomed in, the world's width would be many times the drawing's.
    (left, top, width, height), doha = view_box(gulf), markers(gulf)["Doha, Qatar: 3 events"]
    assert left < doha["x"] < left + width and top < doha["y"] < top + height
    assert doha["r"] == markers(world)["Doha, Qatar: 3 events"]["r"]
    # Sized against every place, in view or not.
    kabul = markers(client.get("/map/?region=afghanistan"))["Kabul, Afghanistan: 1 event"]
    assert kabul["r"] == markers(world)["Kabul, Afghanistan: 1 event"]["r"] < doha["r"]
    # Only what the view holds is drawn; the rest is named.
    assert set(markers(gulf)) == {"Doha, Qatar: 3 events"}
    assert (
        "Outside this view: Kabul, Afghanistan: 1 event; Washington, United States: 1 event."
        in notes(gulf)
    )
    current = page(gulf).select_one(".map-regions a[aria-current=page]")
    assert current.get_text() == "Gulf"
    assert page(gulf).select_one("#map-caption").get_text().startswith("Gulf: one place")


def test_a_zoomed_region_draws_only_the_countries_near_it(client, places):
    world = page(client.get("/map/")).select(".map-countries path")
    region = page(client.get("/map/?region=afghanistan")).select(".map-countries path")
    assert len(world) > 150
    assert 10 < len(region) < 40


def test_an_unknown_region_is_named_and_the_world_shown(client, places):
    response = client.get("/map/?region=atlantis")
    assert response.status_code == 200
    assert any("There is no map region “atlantis”" in error for error in errors(response))
    assert view_box(response) == view_box(client.get("/map/"))


def test_the_map_costs_the_same_queries_at_any_size(client):
    def count(address: str) -> int:
        cache.clear()  # the work itself, not the cache, is measured
        forget_version()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    actor = ActorFactory(name="Envoy", slug="envoy")
    addresses = ["/map/", "/map/?actor=envoy&region=gulf", "/map/?q=talks&from=2019"]

    def add(first: int, last: int) -> None:
        for i in range(first, last):
            spot = place(f"Town {i}", "Qatar", (Decimal("25.3") + Decimal(i) / 100, DOHA[1]))
            EventFactory(title=f"Talks {i}", start=date(2020, 1, 1 + i % 28), place=spot)
            EventFactory(title=f"More talks {i}", place=spot, actors=[actor])

    add(0, 2)
    few = {address: count(address) for address in addresses}
    add(2, 27)
    assert {address: count(address) for address in addresses} == few
    # The data version, the filters' choices (busiest actors and places, phases, types, and
    # the ones the address names) and the places counted in one query.
    assert max(few.values()) <= 10, few


def test_the_timeline_links_to_the_same_events_on_the_map(client, places):
    response = client.get("/?type=meeting&from=2020&zoom=year")
    link = page(response).select_one(".map-link a")
    assert link.get_text() == "See these events on a map"
    assert urlsplit(link["href"]).path == "/map/"
    assert query(link["href"]) == {"type": ["meeting"], "from": ["2020"]}


def test_the_site_navigation_leads_to_the_map(client, places):
    nav = page(client.get("/")).select_one(".site-nav")
    assert [(a.get_text(), a["href"]) for a in nav.select("a")] == [
        ("Timeline", "/"),
        ("Map", "/map/"),
    ]
    current = page(client.get("/map/")).select_one(".site-nav a[aria-current=page]")
    assert current.get_text() == "Map"


def test_the_map_is_light(client, places):
    response = client.get("/map/")
    compressed = len(gzip.compress(body(response)))
    # The world's countries at 1:110 million, simplified to what a pixel shows.
    assert compressed < 60_000, compressed


# The world outline, decoded from TopoJSON.


def test_a_known_point_lies_in_its_country_and_not_in_another():
    afghanistan, qatar = atlas.country_named("Afghanistan"), atlas.country_named("Qatar")
    kabul = (69.17, 34.53)  # longitude, latitude
    doha = (51.531, 25.2854)
    assert afghanistan.contains(*kabul) and not qatar.contains(*kabul)
    assert qatar.contains(*doha) and not afghanistan.contains(*doha)
    assert atlas.country_at(*kabul) is afghanistan
    assert atlas.country_at(0.0, 0.0) is None  # the Gulf of Guinea


def test_the_outline_holds_the_countries_with_their_natural_earth_names():
    names = atlas.countries()
    assert {"Afghanistan", "Pakistan", "Iran", "Qatar", "Russia", "Norway"} <= set(names)
    assert len(names) > 170
    assert atlas.country_named("United States") is names["United States of America"]
    assert atlas.country_named("  qatar ") is names["Qatar"]
    assert atlas.country_named("Atlantis") is None
    # Degrees, as the file's transform gives them back.
    west, south, east, north = names["Afghanistan"].bounds
    assert 60 < west < 61.5 and 74.5 < east < 75.5 and 29 < south < 30 and 38 < north < 39


def test_arcs_are_decoded_from_their_deltas_and_stitched_backwards_when_negative():
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]],
    }
    arcs = atlas.decode_arcs(topology)
    assert arcs == [[(10, 20), (11, 20), (11, 21)], [(11, 21), (10, 20)]]
    assert atlas.stitch([0, 1], arcs) == ((10, 20), (11, 20), (11, 21), (10, 20))
    assert atlas.stitch([~1, ~0], arcs) == ((10, 20), (11, 21), (11, 20), (10, 20))


def test_a_hole_is_outside():
    square = ((0, 0), (10, 0), (10, 10), (0, 10), (0, 0))
    hole = ((4, 4), (6, 4), (6, 6), (4, 6), (4, 4))
    country = atlas.Country(name="Ring", polygons=((square, hole),))
    assert country.contains(2, 2)
    assert not country.contains(5, 5)
    assert not country.contains(11, 5)
    # About a degree of longitude at the equator.
    assert country.distance_km(11, 5) == pytest.approx(111.2, rel=0.01)
    assert math.isclose(country.distance_km(2, 2), 0)


def test_a_region_draws_the_countries_around_it():
    def drawn(region: str) -> set[str]:
        return {shape.name for shape in outline(region)}

    assert {"Qatar", "United Arab Emirates", "Saudi Arabia"} <= drawn("gulf")
    assert "Norway" not in drawn("gulf")
    assert {"Afghanistan", "Pakistan", "Iran", "Tajikistan"} <= drawn("afghanistan")
    assert {"Norway", "Belgium", "Turkey"} <= drawn("europe")
    assert "Antarctica" not in drawn("world")


def test_the_map_is_valid_html(client, places, tmp_path):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("The Nu Html Checker needs `npm ci` (make test runs it) and Java.")
    files = []
    for name, address in {"world": "/map/?type=meeting", "gulf": "/map/?region=x"}.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(body(client.get(address)))
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('lastLine')}: {m['message']}" for m in messages] == []


@pytest.mark.parametrize("query", ["", "?type=meeting"])
def test_beyond_the_busiest_places_the_map_says_how_many_more_there_are(
    client, places, monkeypatch, query
):
    """A map of thousands of places draws and lists the busiest (a page that stays light
    at any size) and says honestly what it leaves out, kept counts and counted alike."""
    from events import selectors

    monkeypatch.setattr(selectors, "MAP_PLACES", 1)
    response = client.get("/map/" + query)
    text = " ".join(page(response).get_text().split())
    if query:
        # Meetings: two in Doha, one in Kabul and one in Murree; Doha alone is listed.
        assert list(markers(response)) == ["Doha, Qatar: 2 events"]
        assert "2 more places, with 2 events between them, are not drawn or listed" in text
    else:
        # Doha (3) is listed; Kabul, Washington and Murree (1 each) are not.
        assert list(markers(response)) == ["Doha, Qatar: 3 events"]
        assert "3 more places, with 3 events between them, are not drawn or listed" in text
        assert "One event names no place." in text
    assert "Kabul, Afghanistan: 1 event" not in text
