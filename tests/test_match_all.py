"""`match=all`: with several actors chosen, the events with every one of them (the default
stays any of them), on the timeline, in its filter bar and in the exports."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from events.models import Actor, Event
from tests.factories import ActorFactory, EventFactory
from tests.responses import body, errors, listed, page
from tests.test_indexes import analysed, filtered, full_scans  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def envoys() -> dict[str, Actor]:
    """Three actors and events with one, two or all three of them, in time order; and a
    draft with two of them, which no one sees."""
    actors = {
        slug: ActorFactory(name=name, slug=slug)
        for slug, name in (("kabulov", "Zamir Kabulov"), ("baradar", "Abdul Ghani Baradar"))
    }
    actors["khalilzad"] = ActorFactory(
        name="Zalmay Khalilzad", slug="khalilzad", kind=Actor.Kind.PERSON
    )
    kabulov, baradar, khalilzad = actors["kabulov"], actors["baradar"], actors["khalilzad"]
    for title, day, present in (
        ("Kabulov and Baradar in Moscow", date(2019, 2, 5), [kabulov, baradar]),
        ("Kabulov alone", date(2019, 3, 1), [kabulov]),
        ("Baradar alone", date(2019, 4, 1), [baradar]),
        ("All three in Doha", date(2020, 2, 29), [kabulov, baradar, khalilzad]),
        ("Khalilzad and Baradar", date(2020, 9, 12), [baradar, khalilzad]),
    ):
        EventFactory(title=title, start=day, actors=present)
    EventFactory(
        title="A draft with both",
        start=date(2020, 1, 1),
        actors=[kabulov, baradar],
        status=Event.Status.DRAFT,
    )
    return actors


BOTH = ["Kabulov and Baradar in Moscow", "All three in Doha"]
EITHER = [
    "Kabulov and Baradar in Moscow",
    "Kabulov alone",
    "Baradar alone",
    "All three in Doha",
    "Khalilzad and Baradar",
]


# The timeline ---------------------------------------------------------------------------


def test_match_all_lists_only_the_events_with_every_chosen_actor(client, envoys):
    response = client.get("/?actor=kabulov&actor=baradar&match=all")
    assert response.status_code == 200
    assert listed(response) == BOTH
    assert errors(response) == []


@pytest.mark.parametrize("match", ["", "&match=any", "&match="])
def test_without_match_all_repeated_actors_still_mean_any_of_them(client, envoys, match):
    assert listed(client.get(f"/?actor=kabulov&actor=baradar{match}")) == EITHER


def test_match_all_with_three_actors_and_with_one(client, envoys):
    three = client.get("/?actor=kabulov&actor=baradar&actor=khalilzad&match=all")
    assert listed(three) == ["All three in Doha"]
    # With one actor chosen, "all" of them is that one.
    one = client.get("/?actor=khalilzad&match=all")
    assert listed(one) == ["All three in Doha", "Khalilzad and Baradar"]


def test_match_all_keeps_the_other_filters_and_the_order(client, envoys):
    response = client.get("/?actor=baradar&actor=khalilzad&match=all&from=2020-06")
    assert listed(response) == ["Khalilzad and Baradar"]
    newest = client.get("/?actor=kabulov&actor=baradar&match=all&order=newest")
    assert listed(newest) == BOTH[::-1]


def test_the_filter_bar_offers_match_all_as_a_labelled_checkbox(client, envoys):
    html = page(client.get("/?actor=kabulov&actor=baradar&match=all"))
    form = html.find("form", role="search")
    checkbox = form.find("input", attrs={"name": "match"})
    assert checkbox["type"] == "checkbox" and checkbox["value"] == "all"
    assert checkbox.has_attr("checked")
    label = form.find("label", attrs={"for": checkbox["id"]})
    assert label.get_text(strip=True) == "Events with all chosen actors"
    # Without a choice it is there too (a form without JavaScript needs it), unticked.
    plain = (
        page(client.get("/")).find("form", role="search").find("input", attrs={"name": "match"})
    )
    assert plain is not None and not plain.has_attr("checked")
    # Marked idle with fewer than two actors (hidden then by the stylesheet, with JavaScript).
    assert "match-idle" in plain.find_parent("div")["class"]
    assert "match-idle" not in checkbox.find_parent("div")["class"]


def chips(response) -> dict[str, str]:
    """The filters named above the results: what each says, and where removing it leads."""
    return {
        " ".join(link.select_one(".chip-text").get_text().replace("×", "").split()): link["href"]
        for link in page(response).select(".chosen-filters a.chip")
    }


def test_the_named_filters_say_all_of_the_chosen_actors(client, envoys):
    named = chips(client.get("/?actor=kabulov&actor=baradar&match=all"))
    assert list(named) == [
        "Actor: Abdul Ghani Baradar",
        "Actor: Zamir Kabulov",
        "All of the chosen actors",
    ]
    # Removing it leaves both actors, any of them.
    assert named["All of the chosen actors"] == "/?actor=kabulov&actor=baradar"
    assert listed(client.get(named["All of the chosen actors"])) == EITHER
    # With one actor, "all" narrows nothing and is not named.
    assert list(chips(client.get("/?actor=kabulov&match=all"))) == ["Actor: Zamir Kabulov"]


def test_paging_links_keep_match_all(client, envoys, settings):
    settings.PEACETRACKER_PAGE_SIZE = 1
    first = client.get("/?actor=kabulov&actor=baradar&match=all")
    assert listed(first) == BOTH[:1]
    later = page(first).find("a", string="Later events")["href"]
    assert "match=all" in later
    assert listed(client.get(later)) == BOTH[1:]


@pytest.mark.parametrize("value", ["both", "ALL", "<b>every</b>", "x" * 500])
def test_a_bad_match_is_reported_on_the_page_and_left_out(client, envoys, value):
    response = client.get("/", {"actor": ["kabulov", "baradar"], "match": value})
    assert response.status_code == 200
    shown = value if len(value) <= 20 else value[:20] + "…"
    assert errors(response) == [
        f"Events with all chosen actors: “{shown}” is not a way to match actors: give “all” "
        "for events with every chosen actor, or “any” (or nothing) for events with any of "
        "them."
    ]
    # Left out: the actors still filter, any of them.
    assert listed(response) == EITHER
    assert "<b>every</b>" not in body(response).decode()


def test_the_cached_counts_of_any_and_all_are_kept_apart(client, envoys):
    def status(address: str) -> str:
        return " ".join(page(client.get(address)).select_one("#results-status").get_text().split())

    assert status("/?actor=kabulov&actor=baradar").startswith("Showing 5 events")
    assert status("/?actor=kabulov&actor=baradar&match=all").startswith("Showing 2 events")
    assert status("/?actor=kabulov&actor=baradar").startswith("Showing 5 events")


# Exports and the API ----------------------------------------------------------------------


def test_the_api_and_exports_take_match_all(client, envoys):
    query = "actor=kabulov&actor=baradar&match=all"
    api = json.loads(client.get(f"/api/events.json?{query}").content)
    assert [event["title"] for event in api["events"]] == BOTH
    rows = list(csv.DictReader(io.StringIO(body(client.get(f"/events.csv?{query}")).decode())))
    assert [row["title"] for row in rows] == BOTH
    timelinejs = json.loads(client.get(f"/api/timelinejs.json?{query}").content)
    assert len(timelinejs["events"]) == len(BOTH)
    any_of_them = json.loads(client.get("/api/events.json?actor=kabulov&actor=baradar").content)
    assert [event["title"] for event in any_of_them["events"]] == EITHER


def test_the_api_pages_keep_match_all(client, envoys):
    first = json.loads(
        client.get("/api/events.json?actor=kabulov&actor=baradar&match=all&limit=1").content
    )
    assert [event["title"] for event in first["events"]] == BOTH[:1]
    assert "match=all" in first["next"]
    second = json.loads(client.get(first["next"].removeprefix("http://testserver")).content)
    assert [event["title"] for event in second["events"]] == BOTH[1:]
    assert second["next"] is None


@pytest.mark.parametrize("address", ["/api/events.json", "/events.csv", "/api/timelinejs.json"])
def test_a_bad_match_answers_400_naming_it(client, envoys, address):
    response = client.get(f"{address}?actor=kabulov&actor=baradar&match=both")
    assert response.status_code == 400
    answer = json.loads(response.content)
    assert [parameter["name"] for parameter in answer["parameters"]] == ["match"]
    assert "“both” is not a way to match actors" in answer["parameters"][0]["messages"][0]


# Costs ----------------------------------------------------------------------------------------


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
        "/?actor=kabulov&actor=baradar&match=all",
        "/?actor=kabulov&actor=baradar&actor=khalilzad&match=all&order=newest",
        "/api/events.json?actor=kabulov&actor=baradar&match=all",
        "/events.csv?actor=kabulov&actor=baradar&match=all",
    ],
)
def test_queries_do_not_grow_with_the_events(client, envoys, settings, address):
    settings.PEACETRACKER_PAGE_SIZE = 50
    few = queries(client, address)
    everyone = list(envoys.values())
    for n in range(40):
        others = [ActorFactory(name=f"Delegate {n}")]
        EventFactory(
            title=f"Round {n}",
            start=date(2019 + n % 4, 1 + n % 12, 1 + n % 28),
            actors=everyone[: 1 + n % 3] + others,
        )
    many = queries(client, address)
    assert len(many) == len(few), address


@pytest.mark.usefixtures("analysed")
def test_match_all_reads_an_index():
    # Two actors of one event, so that the events with both are a few among many.
    event = (
        Event.objects.published()
        .annotate(present=Count("actors"))
        .filter(present__gte=2)
        .order_by("pk")
        .first()
    )
    first, second = event.actors.order_by("pk").values_list("slug", flat=True)[:2]
    plan = filtered(f"actor={first}&actor={second}&match=all").explain()
    assert not full_scans(plan), plan
