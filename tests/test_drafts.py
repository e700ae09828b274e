"""Drafts never leak: not on any public page, fragment, count, search, export or feed."""

from datetime import date

import pytest

from events.models import Actor, Event, Place
from tests.factories import CitationFactory, EventFactory
from tests.responses import body
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

MARKS = ("zanzibarian", "secret envoy", "secret-envoy", "hidden harbour", "draft-only")
# A year before the seeded events begin: any trace of that year on a page is the draft's.
DRAFT_DAY = date(SEEDS.years[0] - 1, 3, 14)
YEAR, MONTH = str(DRAFT_DAY.year), DRAFT_DAY.isoformat()[:7]
NEIGHBOUR, RELATED = SEEDS.events[0].slug, SEEDS.events[-1].slug


@pytest.fixture
def draft(seeded):
    envoy = Actor.objects.create(name="Secret Envoy", slug="secret-envoy", kind="person")
    harbour = Place.objects.create(name="Hidden Harbour", slug="hidden-harbour")
    event = EventFactory(
        title="Zanzibarian accord drafted",
        slug="draft-only",
        summary="Zanzibarian envoys meet.",
        body="Zanzibarian body.",
        start=DRAFT_DAY,
        status=Event.Status.DRAFT,
        actors=[envoy],
        place=harbour,
        is_key=True,
    )
    CitationFactory(event=event)
    # A published event that relates to it (the first seeded one is its neighbour in time).
    Event.objects.get(slug=RELATED).related.add(event)
    return event


ADDRESSES = [
    "/",
    "/?q=zanzibarian",
    "/?q=envoys",
    "/?actor=secret-envoy",
    "/?place=hidden-harbour",
    f"/?from={YEAR}&to={YEAR}",
    f"/?at={MONTH}",
    "/?latest=1",
    "/embed/",
    "/embed/?q=zanzibarian",
    f"/events/{NEIGHBOUR}/",  # the draft's neighbour in time
    f"/events/{RELATED}/",  # relates to the draft
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


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("htmx", [False, True])
def test_no_public_surface_shows_a_trace_of_a_draft(client, draft, address, htmx):
    response = client.get(address, headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == 200, address
    text = body(response).decode().lower()
    # What the reader typed into the address may come back (in the search box, say).
    typed = address.lower().replace("+", " ")
    assert not [mark for mark in MARKS if mark in text and mark not in typed], address
    if YEAR not in typed:
        assert f"march {YEAR}" not in text and MONTH not in text, address


def test_the_overview_counts_no_draft(client, draft):
    html = client.get("/").content.decode()
    assert f"in March {YEAR}" not in html
    assert YEAR not in [label.split()[-1] for label in html.split('aria-label="')[1:]]


def test_the_drafts_own_addresses_are_not_found(client, draft):
    for address in ("/events/draft-only/", "/api/events/draft-only.json"):
        assert client.get(address).status_code == 404, address
