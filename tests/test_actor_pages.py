"""An actor's page (/actors/<slug>/) and its JSON: who the actor is (kind, description, other
names, roles over time), their events on the time axis and a page at a time in a list, and
who they met, each leading to the events of both. Also the kinds an actor may be, and the
migration that made states governments."""

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from events.dates.values import Precision
from events.models import Actor, ActorRole, Event
from events.services.seeds import load_seeds
from tests.factories import ActorFactory, EventFactory, PhaseFactory, PlaceFactory
from tests.migrating import latest_migrations, migrate
from tests.responses import body, errors, listed, page
from tests.seeds import SEEDS
from tests.test_html_valid import VNU

pytestmark = pytest.mark.django_db


@pytest.fixture
def envoy() -> Actor:
    """Zalmay Khalilzad, in four published events (with others) and a draft."""
    khalilzad = ActorFactory(
        name="Zalmay Khalilzad",
        slug="zalmay-khalilzad",
        kind=Actor.Kind.PERSON,
        description="The US envoy who negotiated the Doha agreement.",
        aliases="Khalilzad\nZal",
    )
    ActorRole.objects.create(
        actor=khalilzad,
        role="US Special Representative for Afghanistan Reconciliation",
        start=date(2018, 9, 1),
        precision=Precision.MONTH,
        end=date(2021, 10, 1),
    )
    baradar = ActorFactory(name="Abdul Ghani Baradar", slug="baradar", kind=Actor.Kind.PERSON)
    qatar = ActorFactory(name="Qatar", slug="qatar")
    kabulov = ActorFactory(name="Zamir Kabulov", slug="kabulov", kind=Actor.Kind.PERSON)
    abdullah = ActorFactory(name="Abdullah Abdullah", slug="abdullah", kind=Actor.Kind.PERSON)
    ghani = ActorFactory(name="Ashraf Ghani", slug="ghani", kind=Actor.Kind.PERSON)
    doha = PlaceFactory(name="Doha", slug="doha", country="Qatar")
    for title, day, precision, present in (
        ("First Doha round", date(2019, 1, 21), Precision.DAY, [baradar]),
        ("Fifth Doha round", date(2019, 2, 25), Precision.DAY, [baradar, qatar]),
        ("Talks in Moscow", date(2019, 5, 1), Precision.MONTH, [kabulov, abdullah]),
        ("The Doha agreement", date(2020, 2, 29), Precision.DAY, [baradar, qatar]),
    ):
        EventFactory(
            title=title,
            start=day,
            precision=precision,
            actors=[khalilzad, *present],
            place=doha if "Doha" in title else None,
        )
    EventFactory(title="Ghani alone", start=date(2020, 3, 10), actors=[ghani])
    EventFactory(
        title="A draft with Ghani",
        start=date(2020, 4, 1),
        actors=[khalilzad, ghani],
        status=Event.Status.DRAFT,
    )
    return khalilzad


HIS = ["First Doha round", "Fifth Doha round", "Talks in Moscow", "The Doha agreement"]


def met(response) -> list[tuple[str, str, str]]:
    """Who they met, as listed: each name, where its link leads, and the count beside it."""
    return [
        (item.a.get_text(strip=True), item.a["href"], item.select_one(".ranked-count").get_text())
        for item in page(response).select(".met li")
    ]


# The page -------------------------------------------------------------------------------------


def test_the_page_says_who_the_actor_is(client, envoy):
    response = client.get("/actors/zalmay-khalilzad/")
    assert response.status_code == 200
    html = page(response)
    assert html.h1.get_text(strip=True) == "Zalmay Khalilzad"
    assert html.select_one(".profile-kind").get_text(strip=True) == "Person"
    assert html.select_one(".lead").get_text() == envoy.description
    facts = {
        div.dt.get_text(strip=True): " ".join(div.dd.get_text().split())
        for div in html.select(".profile-facts > div")
    }
    assert facts == {
        "Also known as": "Khalilzad, Zal",
        "Roles": "US Special Representative for Afghanistan Reconciliation, "
        "September 2018 – October 2021",
    }
    assert html.select_one(".roles time")["datetime"] == "2018-09"
    link = html.find("a", string="All events with Zalmay Khalilzad on the timeline")
    assert link["href"] == "/?actor=zalmay-khalilzad"
    assert html.title.get_text() == "Zalmay Khalilzad · Peacetracker"


def test_the_page_lists_the_actors_published_events_in_time_order(client, envoy):
    response = client.get("/actors/zalmay-khalilzad/")
    assert listed(response) == HIS
    heading = page(response).find(id="events-heading")
    assert heading.get_text(strip=True) == "4 events"
    # Each as the timeline shows it: its permalink, its date value.
    first = page(response).select("#results article")[0]
    assert first.h4.a["href"] == "/events/first-doha-round/"
    assert first.time["datetime"] == "2019-01-21"


def test_newest_first_as_on_the_timeline(client, envoy):
    response = client.get("/actors/zalmay-khalilzad/?order=newest")
    assert listed(response) == HIS[::-1]
    back = page(response).find("a", string="Oldest first")
    assert listed(client.get(back["href"])) == HIS


def test_the_events_page_by_keyset_and_keep_their_order(client, envoy, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    first = client.get("/actors/zalmay-khalilzad/")
    assert listed(first) == HIS[:3]
    later = page(first).find("a", string="Later events")["href"]
    assert later.startswith("/actors/zalmay-khalilzad/?after=")
    second = client.get(later)
    assert listed(second) == HIS[3:]
    earlier = page(second).find("a", string="Earlier events")["href"]
    assert listed(client.get(earlier)) == HIS[:3]
    newest = client.get("/actors/zalmay-khalilzad/?order=newest")
    assert listed(newest) == HIS[::-1][:3]
    onwards = page(newest).find("a", string="Earlier events")["href"]
    assert "order=newest" in onwards
    assert listed(client.get(onwards)) == HIS[::-1][3:]


def test_a_bad_page_address_or_order_is_reported_not_failed(client, envoy):
    response = client.get("/actors/zalmay-khalilzad/?after=yesterday")
    assert response.status_code == 200
    assert errors(response) == [
        "That page address is not valid; showing the start of the timeline."
    ]
    assert listed(response) == HIS
    odd = client.get("/actors/zalmay-khalilzad/?order=sideways")
    assert odd.status_code == 200
    assert errors(odd) == ["“sideways” is not an order: choose one offered."]
    assert listed(odd) == HIS


def test_who_they_met_ranks_the_actors_sharing_published_events(client, envoy):
    both = "/?actor=zalmay-khalilzad&actor={}&match=all"
    assert met(client.get("/actors/zalmay-khalilzad/")) == [
        ("Abdul Ghani Baradar", both.format("baradar"), "3 shared events"),
        ("Qatar", both.format("qatar"), "2 shared events"),
        # The same count: by name.
        ("Abdullah Abdullah", both.format("abdullah"), "one shared event"),
        ("Zamir Kabulov", both.format("kabulov"), "one shared event"),
    ]
    # Ghani shares only a draft: not met, publicly.
    note = page(client.get("/actors/zalmay-khalilzad/")).select_one(".met .ranked-note")
    assert "events with both of them" in note.get_text()


def test_a_who_they_met_link_lists_the_events_of_both(client, envoy):
    (_, address, count), *_ = met(client.get("/actors/zalmay-khalilzad/"))
    assert listed(client.get(address)) == [HIS[0], HIS[1], HIS[3]]
    assert count == "3 shared events"


def test_the_actor_of_one_event_met_its_others(client, envoy):
    assert met(client.get("/actors/kabulov/")) == [
        ("Abdullah Abdullah", "/?actor=kabulov&actor=abdullah&match=all", "one shared event"),
        (
            "Zalmay Khalilzad",
            "/?actor=kabulov&actor=zalmay-khalilzad&match=all",
            "one shared event",
        ),
    ]
    # Alone in their events: no one met.
    assert page(client.get("/actors/ghani/")).select(".met") == []


def test_an_unknown_actor_or_one_only_in_drafts_is_not_found(client, envoy):
    ActorFactory(name="Secret envoy", slug="secret-envoy")
    EventFactory(title="Secret", actors=[Actor.objects.get(slug="secret-envoy")], status="draft")
    for address in ("/actors/no-one/", "/actors/secret-envoy/", "/actors/Bad%20Slug/"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "Secret envoy" not in body(response).decode()


def test_event_pages_link_their_actors_and_place_to_their_pages(client, envoy):
    html = page(client.get("/events/fifth-doha-round/"))
    facts = {a.get_text(strip=True): a["href"] for a in html.select(".event-facts a")}
    assert facts == {
        "Doha, Qatar": "/places/doha/",
        "Abdul Ghani Baradar": "/actors/baradar/",
        "Qatar": "/actors/qatar/",
        "Zalmay Khalilzad": "/actors/zalmay-khalilzad/",
    }
    # And the timeline's rows do the same.
    fifth = Event.objects.get(slug="fifth-doha-round")
    row = page(client.get("/")).find(id=f"event-{fifth.pk}-item")
    assert "/actors/qatar/" in [a["href"] for a in row.select(".event-facts a")]


def test_the_page_carries_canonical_and_preview_card_tags(client, envoy):
    html = page(client.get("/actors/zalmay-khalilzad/?order=newest&utm_source=x"))
    assert html.find("link", rel="canonical")["href"] == (
        "http://testserver/actors/zalmay-khalilzad/"
    )
    card = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in html.select("meta[property^=og], meta[name^=twitter]")
    }
    assert card == {
        "og:type": "profile",
        "og:site_name": "Peacetracker",
        "og:title": "Zalmay Khalilzad",
        "og:description": "The US envoy who negotiated the Doha agreement.",
        "og:url": "http://testserver/actors/zalmay-khalilzad/",
        "twitter:card": "summary",
        "twitter:title": "Zalmay Khalilzad",
        "twitter:description": "The US envoy who negotiated the Doha agreement.",
    }
    # Without a description, the card says what the page holds.
    qatar = page(client.get("/actors/qatar/"))
    assert qatar.find("meta", property="og:type")["content"] == "website"
    assert qatar.find("meta", property="og:description")["content"] == (
        "Qatar in 2 events of the Afghan peace process, with their sources."
    )


def test_htmx_paging_gets_the_list_alone(client, envoy, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    first = client.get("/actors/zalmay-khalilzad/")
    later = page(first).find("a", string="Later events")["href"]
    fragment = client.get(later, headers={"HX-Request": "true"})
    assert "HX-Request" in fragment["Vary"]
    html = page(fragment)
    assert html.find("html") is None and html.find("h1") is None
    assert html.section["id"] == "results"
    assert listed(fragment) == HIS[3:]


def test_the_page_is_cached_and_a_new_role_shows_at_once(client, envoy):
    assert "Envoy to Kabul" not in body(client.get("/actors/zalmay-khalilzad/")).decode()
    ActorRole.objects.create(
        actor=envoy, role="Envoy to Kabul", start=date(2003, 11, 1), precision=Precision.MONTH
    )
    roles = page(client.get("/actors/zalmay-khalilzad/")).select(".roles li")
    assert [" ".join(role.get_text().split()) for role in roles] == [
        "Envoy to Kabul, November 2003",
        "US Special Representative for Afghanistan Reconciliation, September 2018 – October 2021",
    ]


# The time axis ----------------------------------------------------------------------------------


def axis_marks(response) -> dict[str, str]:
    """The events the wide drawing of the axis marks: each one's name and where it leads."""
    return {
        link["aria-label"]: link["href"]
        for link in page(response).select("#axis .axis-wide a.mark")
    }


def axis_control(response, action: str) -> str:
    return page(response).select_one(f'#axis a[data-axis-action="{action}"]')["href"]


def address(href: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(href)
    return parts.path, parse_qs(parts.query)


def caption(response) -> str:
    return page(response).select_one("#axis-caption").get_text(" ", strip=True)


def test_the_axis_marks_the_actors_published_events_only(client, envoy):
    whole = client.get("/actors/zalmay-khalilzad/")
    assert caption(whole) == "Time axis: 2019–2020"
    year = client.get("/actors/zalmay-khalilzad/?zoom=year&at=2020")
    assert caption(year) == "Time axis: 2020"
    # Not "Ghani alone" (2020, without him), nor the draft he is in.
    marks = axis_marks(year)
    assert list(marks) == ["The Doha agreement, 29 February 2020"]
    agreement = Event.objects.get(title="The Doha agreement")
    assert marks["The Doha agreement, 29 February 2020"] == (
        f"/actors/zalmay-khalilzad/?at=2020-02-29&zoom=year#event-{agreement.pk}-item"
    )
    assert set(axis_marks(client.get("/actors/zalmay-khalilzad/?zoom=year&at=2019"))) == {
        "First Doha round, 21 January 2019",
        "Fifth Doha round, 25 February 2019",
        "Talks in Moscow, May 2019",
    }


def test_a_mark_opens_the_actors_list_at_its_event(client, envoy, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    marks = axis_marks(client.get("/actors/zalmay-khalilzad/"))
    agreement = Event.objects.get(title="The Doha agreement")
    href = marks["The Doha agreement, 29 February 2020"]
    assert href == f"/actors/zalmay-khalilzad/?at=2020-02-29#event-{agreement.pk}-item"
    opened = client.get(href.split("#")[0])
    assert page(opened).select("#results article")[0]["id"] == f"event-{agreement.pk}-item"
    assert listed(opened) == ["The Doha agreement"]


def test_the_zoom_controls_lead_to_the_actors_page(client, envoy):
    zoom_in = axis_control(client.get("/actors/zalmay-khalilzad/"), "in")
    assert address(zoom_in) == ("/actors/zalmay-khalilzad/", {"at": ["2019"], "zoom": ["year"]})
    year = client.get(zoom_in)
    assert caption(year) == "Time axis: 2019"
    assert listed(year) == HIS
    assert address(axis_control(year, "in")) == (
        "/actors/zalmay-khalilzad/",
        {"at": ["2019-01"], "zoom": ["month"]},
    )
    assert address(axis_control(year, "out")) == ("/actors/zalmay-khalilzad/", {})
    assert address(axis_control(year, "later")) == (
        "/actors/zalmay-khalilzad/",
        {"at": ["2020"], "zoom": ["year"]},
    )


def test_the_list_and_axis_share_the_order_and_the_axis_drops_the_page_position(
    client, envoy, settings
):
    settings.PEACETRACKER_PAGE_SIZE = 1
    # The window holds the events listed: oldest first his first, newest first his latest.
    assert caption(client.get("/actors/zalmay-khalilzad/?zoom=year")) == "Time axis: 2019"
    newest = client.get("/actors/zalmay-khalilzad/?order=newest&zoom=year")
    assert listed(newest) == HIS[-1:]
    assert caption(newest) == "Time axis: 2020"
    assert address(axis_control(newest, "earlier")) == (
        "/actors/zalmay-khalilzad/",
        {"order": ["newest"], "zoom": ["year"], "at": ["2019"]},
    )
    # The next page of the list keeps the order and the zoom; the axis's controls then
    # open the list afresh, at their window.
    onwards = page(newest).find("a", string="Earlier events")["href"]
    assert {"order", "zoom", "before"} == set(address(onwards)[1])
    second = client.get(onwards)
    assert listed(second) == HIS[-2:-1]
    assert caption(second) == "Time axis: 2019"
    for action in ("out", "in", "later"):
        control = address(axis_control(second, action))
        assert control[0] == "/actors/zalmay-khalilzad/"
        assert control[1]["order"] == ["newest"]
        assert not {"before", "after", "latest"} & set(control[1])
    # Changing the order keeps the axis as it is, from the start of the list.
    oldest = page(second).find("a", string="Oldest first")["href"]
    assert address(oldest) == ("/actors/zalmay-khalilzad/", {"zoom": ["year"]})


def test_a_phase_band_leads_to_the_timeline_of_the_actors_events_in_it(client, envoy):
    PhaseFactory(
        name="US–Taliban talks",
        slug="us-taliban-talks",
        start=date(2018, 10, 12),
        end=date(2020, 2, 29),
    )
    bands = page(client.get("/actors/zalmay-khalilzad/?zoom=year&at=2019")).select(
        "#axis .axis-wide a.phase"
    )
    assert [band["href"] for band in bands] == ["/?actor=zalmay-khalilzad&phase=us-taliban-talks"]
    newest = page(client.get("/actors/zalmay-khalilzad/?zoom=year&at=2019&order=newest"))
    assert newest.select_one("#axis .axis-wide a.phase")["href"] == (
        "/?actor=zalmay-khalilzad&phase=us-taliban-talks&order=newest"
    )


def test_htmx_gets_the_axis_and_list_alone(client, envoy):
    fragment = client.get(
        "/actors/zalmay-khalilzad/?zoom=year&at=2019", headers={"HX-Request": "true"}
    )
    assert "HX-Request" in fragment["Vary"]
    html = page(fragment)
    assert html.find("html") is None and html.find("h1") is None
    assert html.section["id"] == "results"
    assert caption(fragment) == "Time axis: 2019"
    assert axis_control(fragment, "later").startswith("/actors/zalmay-khalilzad/?")
    assert listed(fragment) == HIS


def test_a_shared_zoomed_address_opens_that_view_for_everyone(client, envoy):
    """The cache reads the axis's parameters: a zoomed address is a page of its own, and
    parameters no one reads make none."""
    plain = client.get("/actors/zalmay-khalilzad/")
    shared = client.get("/actors/zalmay-khalilzad/?zoom=year&at=2019")
    again = client.get("/actors/zalmay-khalilzad/?zoom=year&at=2019&utm_source=x1")
    assert caption(plain) == "Time axis: 2019–2020"
    assert caption(shared) == caption(again) == "Time axis: 2019"
    assert shared["ETag"] == again["ETag"] != plain["ETag"]
    assert body(shared) == body(again)
    assert "utm_source" not in body(again).decode()


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/actors/zalmay-khalilzad/?zoom=century", "“century” is not a zoom level"),
        ("/actors/zalmay-khalilzad/?at=yesterday", "That period is not a date"),
    ],
)
def test_a_bad_axis_address_is_named_not_failed(client, envoy, address, message):
    response = client.get(address)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors(response)), errors(response)
    assert caption(response) == "Time axis: 2019–2020"
    assert listed(response) == HIS


# JSON -----------------------------------------------------------------------------------------


def test_the_json_gives_the_actor_counts_and_who_they_met(client, envoy):
    response = client.get("/api/actors/zalmay-khalilzad.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert {key: data[key] for key in ("slug", "name", "kind", "kind_name", "aliases")} == {
        "slug": "zalmay-khalilzad",
        "name": "Zalmay Khalilzad",
        "kind": "person",
        "kind_name": "Person",
        "aliases": ["Khalilzad", "Zal"],
    }
    assert data["url"] == "http://testserver/actors/zalmay-khalilzad/"
    assert data["roles"] == [
        {
            "role": "US Special Representative for Afghanistan Reconciliation",
            "date": "September 2018 – October 2021",
            "value": "2018-09/2021-10",
            "start": "2018-09-01",
            "end": "2021-10-01",
            "precision": "month",
        }
    ]
    assert data["events"] == {
        "count": 4,
        "url": "http://testserver/api/events.json?actor=zalmay-khalilzad",
        "timeline_url": "http://testserver/?actor=zalmay-khalilzad",
    }
    assert [(m["slug"], m["shared_events"]) for m in data["met"]] == [
        ("baradar", 3),
        ("qatar", 2),
        ("abdullah", 1),
        ("kabulov", 1),
    ]
    assert data["met"][0]["events_url"] == (
        "http://testserver/api/events.json?actor=zalmay-khalilzad&actor=baradar&match=all"
    )
    assert data["met"][0]["url"] == "http://testserver/actors/baradar/"
    assert data["met_more"] is False
    # The address of their events gives those events.
    both = data["met"][0]["events_url"].removeprefix("http://testserver")
    events = json.loads(client.get(both).content)["events"]
    assert len(events) == 3


def test_the_json_of_an_unknown_actor_is_a_404_in_json(client, envoy):
    response = client.get("/api/actors/no-one.json")
    assert response.status_code == 404
    assert json.loads(response.content) == {"error": "No actor at “no-one”."}


def test_the_sitemap_lists_the_pages_of_actors_in_published_events(client, envoy):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", namespace)]
    assert "http://testserver/sitemap-actors.xml" in pages
    sitemap = ElementTree.fromstring(client.get("/sitemap-actors.xml").content)
    # Each page in English; its Dari and Pashto addresses are tests/test_languages.py's.
    locations = {
        loc.text
        for loc in sitemap.findall("s:url/s:loc", namespace)
        if not loc.text.startswith(("http://testserver/fa/", "http://testserver/ps/"))
    }
    public = ["zalmay-khalilzad", "baradar", "qatar", "kabulov", "abdullah", "ghani"]
    assert locations == {f"http://testserver/actors/{slug}/" for slug in public}


# Costs ----------------------------------------------------------------------------------------


def queries(client, address: str, **headers: str) -> list[str]:
    cache.clear()  # the work itself, not the cache, is measured
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, headers=headers)
        assert response.status_code == 200, address
        body(response)
    return [query["sql"] for query in captured]


@pytest.mark.parametrize(
    ("address", "headers"),
    [
        ("/actors/zalmay-khalilzad/", {}),
        ("/actors/zalmay-khalilzad/?order=newest", {}),
        ("/actors/zalmay-khalilzad/?latest=1", {"HX-Request": "true"}),
        ("/actors/zalmay-khalilzad/?zoom=year&at=2019", {}),
        ("/actors/zalmay-khalilzad/?zoom=month&at=2020-02&lanes=type", {"HX-Request": "true"}),
        ("/api/actors/zalmay-khalilzad.json", {}),
    ],
)
def test_queries_do_not_grow_with_the_events_or_whom_they_met(
    client, envoy, settings, address, headers
):
    settings.PEACETRACKER_PAGE_SIZE = 50
    few = queries(client, address, **headers)
    for n in range(40):
        EventFactory(
            title=f"Round {n}",
            start=date(2019 + n % 4, 1 + n % 12, 1 + n % 28),
            actors=[envoy, ActorFactory(name=f"Delegate {n}"), ActorFactory(name=f"Aide {n}")],
            place=PlaceFactory(name=f"Venue {n % 5}"),
        )
    many = queries(client, address, **headers)
    assert len(many) == len(few), address


def test_who_they_met_is_cut_at_the_busiest_and_says_so(client, envoy):
    for n in range(45):
        EventFactory(title=f"Meeting {n}", actors=[envoy, ActorFactory(name=f"Guest {n:02d}")])
    response = client.get("/actors/zalmay-khalilzad/")
    listed_met = met(response)
    assert len(listed_met) == 40
    assert listed_met[0][0] == "Abdul Ghani Baradar"
    assert "The 40 they share most events with" in page(response).select_one(".ranked-more").text
    assert json.loads(client.get("/api/actors/zalmay-khalilzad.json").content)["met_more"]


# Kinds and roles ------------------------------------------------------------------------------


def test_an_actor_is_one_of_five_kinds(db):
    assert [label for _, label in Actor.Kind.choices] == [
        "Person",
        "Government",
        "Armed group",
        "Organisation",
        "Delegation",
    ]
    with pytest.raises(ValidationError):
        Actor(name="Old", slug="old", kind="state").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="Old", slug="old", kind="state")


def test_a_role_keeps_the_date_rules(envoy):
    role = ActorRole(
        actor=envoy,
        role="Ambassador to Iraq",
        start=date(2007, 4, 1),
        precision=Precision.MONTH,
        end=date(2005, 6, 1),
    )
    with pytest.raises(ValidationError, match="A role cannot end before it starts"):
        role.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorRole.objects.create(actor=envoy, role="", start=date(2005, 6, 1))


def actor_form(actor: Actor, **roles: str) -> dict[str, str]:
    data = {
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "aliases": actor.aliases,
        "description": actor.description,
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    data.update({f"roles-0-{name}": value for name, value in roles.items()})
    return data


def test_editors_add_a_role_in_the_actor_admin_typing_its_period(admin_client, db):
    actor = ActorFactory(name="Zalmay Khalilzad", slug="zalmay-khalilzad", kind="person")
    address = f"/admin/events/actor/{actor.pk}/change/"
    form = page(admin_client.get(address))
    assert form.find(attrs={"name": "roles-__prefix__-when"}) is not None
    response = admin_client.post(
        address,
        actor_form(
            actor,
            role="US Special Representative for Afghanistan Reconciliation",
            when="September 2018 – October 2021",
        ),
    )
    assert response.status_code == 302
    role = actor.roles.get()
    assert (role.start, role.precision, role.end) == (
        date(2018, 9, 1),
        Precision.MONTH,
        date(2021, 10, 1),
    )
    # Shown again as written when the actor is opened.
    shown = page(admin_client.get(address)).find(attrs={"name": "roles-0-when"})
    assert shown["value"] == "September 2018 – October 2021"


def test_a_role_whose_period_cannot_be_read_is_refused_and_nothing_saved(admin_client, db):
    actor = ActorFactory(name="Zalmay Khalilzad", slug="zalmay-khalilzad", kind="person")
    response = admin_client.post(
        f"/admin/events/actor/{actor.pk}/change/",
        actor_form(actor, role="Envoy", when="not a date at all") | {"name": "Renamed"},
    )
    assert response.status_code == 200
    assert page(response).select(".errorlist")
    actor.refresh_from_db()
    assert actor.name == "Zalmay Khalilzad" and not actor.roles.exists()


def test_a_seed_file_may_give_roles_and_still_say_state(tmp_path, db):
    (tmp_path / "timeline.json").write_text(
        json.dumps(
            {
                "types": [],
                "actors": [
                    {"slug": "pakistan", "name": "Pakistan", "kind": "state"},
                    {
                        "slug": "khalilzad",
                        "name": "Zalmay Khalilzad",
                        "kind": "person",
                        "roles": [{"role": "Envoy", "date": "2018-09", "end": "2021-10"}],
                    },
                ],
                "places": [],
                "sources": [],
                "events": [],
            }
        ),
        encoding="utf-8",
    )
    load_seeds(directory=tmp_path)
    assert Actor.objects.get(slug="pakistan").kind == Actor.Kind.GOVERNMENT
    role = ActorRole.objects.get()
    assert (role.role, role.when) == ("Envoy", "September 2018 – October 2021")
    load_seeds(directory=tmp_path)  # again: nothing more
    assert ActorRole.objects.count() == 1


# The migration: states become governments ---------------------------------------------------

BEFORE, AFTER = ("events", "0013_phase"), ("events", "0014_actor_kinds_roles")


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_states_into_governments_and_back():
    latest = latest_migrations()
    try:
        apps = migrate(BEFORE)
        OldActor = apps.get_model("events", "Actor")
        OldActor.objects.create(name="Pakistan", slug="pakistan", kind="state")
        OldActor.objects.create(name="Imran Khan", slug="imran-khan", kind="person")
        OldActor.objects.create(name="Taliban", slug="taliban", kind="organisation")
        source = apps.get_model("events", "Source").objects.create(
            title="T", published=date(2021, 2, 10), text="Turkey and the UN met on Monday."
        )
        apps.get_model("events", "Suggestion").objects.create(
            source=source,
            sentence_start=0,
            sentence_end=32,
            mention="Monday",
            position=25,
            start=date(2021, 2, 8),
            precision=3,
            proposed_actors=[
                {"name": "Turkey", "kind": "state"},
                {"name": "United Nations", "kind": "organisation"},
            ],
        )

        apps = migrate(AFTER)
        kinds = dict(apps.get_model("events", "Actor").objects.values_list("slug", "kind"))
        assert kinds == {
            "pakistan": "government",
            "imran-khan": "person",
            "taliban": "organisation",
        }
        suggestion = apps.get_model("events", "Suggestion").objects.get()
        assert suggestion.proposed_actors == [
            {"name": "Turkey", "kind": "government"},
            {"name": "United Nations", "kind": "organisation"},
        ]
        NewActor = apps.get_model("events", "Actor")
        NewActor.objects.create(name="Taliban delegation", slug="delegation", kind="delegation")
        with pytest.raises(IntegrityError), transaction.atomic():
            NewActor.objects.create(name="Iran", slug="iran", kind="state")

        apps = migrate(BEFORE)
        kinds = dict(apps.get_model("events", "Actor").objects.values_list("slug", "kind"))
        assert kinds == {
            "pakistan": "state",
            "imran-khan": "person",
            "taliban": "organisation",
            # The old rule knows no delegations: the nearest kind it does.
            "delegation": "organisation",
        }
        suggestion = apps.get_model("events", "Suggestion").objects.get()
        assert suggestion.proposed_actors[0] == {"name": "Turkey", "kind": "state"}
    finally:
        migrate(latest[0])


# Valid HTML -----------------------------------------------------------------------------------


def test_the_new_pages_are_valid_html(client, seeded, tmp_path, settings):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("The Nu Html Checker needs `npm ci` (make test runs it) and Java.")
    settings.PEACETRACKER_PAGE_SIZE = 3  # with paging links
    actor = max(SEEDS.actors, key=lambda slug: len(SEEDS.with_actor(slug)))
    place = max(SEEDS.places, key=lambda slug: len(SEEDS.at_place(slug)))
    other = next(slug for slug in SEEDS.with_actor(actor)[0].actors if slug != actor)
    addresses = [
        f"/actors/{actor}/",
        f"/actors/{actor}/?order=newest&after=bad",
        f"/places/{place}/",
        f"/?actor={actor}&actor={other}&match=all",
        f"/?actor={actor}&actor={other}&match=both",
    ]
    files = []
    for n, address in enumerate(addresses):
        response = client.get(address)
        assert response.status_code == 200, address
        path = tmp_path / f"page-{n}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
    ] == []
