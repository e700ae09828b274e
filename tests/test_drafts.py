"""Drafts never leak: not on any public page, fragment, count, search, export or feed."""

from datetime import date

import pytest

from events.models import Actor, Event, Place
from tests.factories import CitationFactory, EventFactory

pytestmark = pytest.mark.django_db

MARKS = ("zanzibarian", "secret envoy", "secret-envoy", "hidden harbour", "draft-only")


@pytest.fixture
def draft(seeded):
    envoy = Actor.objects.create(name="Secret Envoy", slug="secret-envoy", kind="person")
    harbour = Place.objects.create(name="Hidden Harbour", slug="hidden-harbour")
    event = EventFactory(
        title="Zanzibarian accord drafted",
        slug="draft-only",
        summary="Zanzibarian envoys meet.",
        body="Zanzibarian body.",
        start=date(2017, 3, 14),
        status=Event.Status.DRAFT,
        actors=[envoy],
        place=harbour,
        is_key=True,
    )
    CitationFactory(event=event)
    # A published event that relates to it, and the draft's neighbours in time.
    Event.objects.get(slug="doha-agreement-signed").related.add(event)
    return event


ADDRESSES = [
    "/",
    "/?q=zanzibarian",
    "/?q=envoys",
    "/?actor=secret-envoy",
    "/?place=hidden-harbour",
    "/?from=2017&to=2017",
    "/?at=2017-03",
    "/?latest=1",
    "/embed/",
    "/embed/?q=zanzibarian",
    "/events/moscow-conference-of-regional-countries/",  # the draft's neighbour in time
    "/events/doha-agreement-signed/",  # relates to the draft
    "/api/events.json",
    "/api/events.json?q=zanzibarian",
    "/api/timelinejs.json",
    "/events.csv",
    "/events.ics",
    "/feed/",
    "/feed/?q=zanzibarian",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/sitemap-timeline.xml",
    "/robots.txt",
]


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode().lower()


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("htmx", [False, True])
def test_no_public_surface_shows_a_trace_of_a_draft(client, draft, address, htmx):
    response = client.get(address, headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == 200, address
    text = body(response)
    # What the reader typed into the address may come back (in the search box, say).
    typed = address.lower().replace("+", " ")
    assert not [mark for mark in MARKS if mark in text and mark not in typed], address
    if "2017" not in typed:
        assert "march 2017" not in text and "2017-03" not in text, address


def test_the_overview_counts_no_draft(client, draft):
    html = client.get("/").content.decode()
    assert "in March 2017" not in html
    assert "2017" not in [label.split()[-1] for label in html.split('aria-label="')[1:]]


def test_the_drafts_own_addresses_are_not_found(client, draft):
    for address in ("/events/draft-only/", "/api/events/draft-only.json"):
        assert client.get(address).status_code == 404, address
