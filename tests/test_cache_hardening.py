"""The page cache under abuse and failure: junk in an address neither changes a page nor grows
the cache; a cache that is down, hung or full makes the site slower, never an error page; the
public validators move only when the public may see a change; staff pages are private."""

import logging
import re
import shutil
import socket
import subprocess
import threading
from datetime import date

import pytest
import redis
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import Client

from events.caching import data_version, forget_version
from events.filters import TimelineFilterForm
from events.models import Actor, Citation, DataVersion, Event, EventType, Place, Source
from events.services.publishing import publish, unpublish
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    EventTypeFactory,
    PlaceFactory,
    SourceFactory,
    cite,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline(db, settings):
    """Five published events over three pages, in one place, and a draft."""
    settings.PEACETRACKER_PAGE_SIZE = 2
    place = PlaceFactory(slug="kabul", name="Kabul")
    kind = EventTypeFactory(slug="meeting", name="Meeting")
    actor = ActorFactory(slug="qatar", name="Qatar")
    events = [
        EventFactory(
            title=f"Meeting {n}",
            slug=f"meeting-{n}",
            start=date(2020, n, 1),
            place=place,
            type=kind,
            actors=[actor],
        )
        for n in range(1, 6)
    ]
    EventFactory(title="Secret draft", slug="secret-draft", status=Event.Status.DRAFT)
    return events


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def with_query(address: str, query: str) -> str:
    return address + ("&" if "?" in address else "?") + query


# Every public address, with the parameters it reads.
PUBLIC_ADDRESSES = [
    "/",
    "/?place=kabul",
    "/?place=kabul&at=2020-03",
    "/?latest=1",
    "/embed/",
    "/events/meeting-1/",
    "/api/events.json?limit=1",
    "/api/events/meeting-1.json",
    "/api/timelinejs.json",
    "/events.csv?actor=qatar",
    "/events.ics",
    "/feed/",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/actors/qatar/",
    "/actors/qatar/?zoom=year&at=2020&order=newest",
    "/places/kabul/?zoom=month&at=2020-03&lanes=type",
]


# Junk parameters: names no view reads change neither the page nor where it is kept


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_junk_parameters_get_the_page_without_them(client, timeline, address):
    clean = client.get(address)
    junk = client.get(with_query(address, "utm_source=x1&fbclid=IwAR0"))
    assert junk.status_code == clean.status_code == 200
    assert junk.content == clean.content
    # The ETag names the cached copy: one and the same.
    assert junk["ETag"] == clean["ETag"]


def stored_pages() -> int:
    """How many page variants the cache holds under the current data version."""
    marker = f"cache_page.pt.{data_version()[0]}."
    store = caches["default"]._cache
    if isinstance(store, dict):  # local memory
        keys = list(store)
    else:  # Redis
        keys = [key.decode() for key in store.get_client().keys(f"*{marker}*")]
    return sum(marker in key for key in keys)


@pytest.mark.parametrize(
    "address", ["/", "/events/meeting-1/", "/robots.txt", "/actors/qatar/?zoom=year&at=2020"]
)
def test_a_flood_of_junk_parameters_never_grows_the_cache(client, timeline, address):
    client.get(address)
    assert stored_pages() == 1
    for n in range(30):
        assert client.get(with_query(address, f"utm_source=x{n}")).status_code == 200
    assert stored_pages() == 1


def test_the_pages_links_never_carry_junk_parameters(client, timeline):
    response = client.get("/?place=kabul&utm_source=x1&ref=spam")
    html = page(response)
    links = [a["href"] for a in html.select("a[href]")]
    links += [a["data-hx-get"] for a in html.select("[data-hx-get]")]
    fields = [field["name"] for field in html.select("form input[type=hidden]")]
    assert any("place=kabul" in link for link in links), "the filter is still carried"
    assert html.find("a", string="Later events") is not None
    assert not [link for link in links if "utm_source" in link or "ref=" in link]
    assert "utm_source" not in fields and "ref" not in fields


def test_an_actors_axis_links_never_carry_junk_parameters(client, timeline):
    response = client.get("/actors/qatar/?zoom=year&at=2020&utm_source=x1&ref=spam")
    html = page(response)
    links = [a["href"] for a in html.select("#results a[href]")]
    links += [a["data-hx-get"] for a in html.select("#results [data-hx-get]")]
    fields = [field["name"] for field in html.select("#results form input[type=hidden]")]
    assert html.select("#axis a.mark"), "the axis is drawn"
    assert any(link.startswith("/actors/qatar/?") and "zoom=" in link for link in links)
    assert not [link for link in links if "utm_source" in link or "ref=" in link]
    assert "utm_source" not in fields and "ref" not in fields


def test_the_apis_next_link_never_carries_junk_parameters(client, timeline):
    body = client.get("/api/events.json?limit=2&place=kabul&utm_source=x1").json()
    assert body["next"].startswith("http://testserver/api/events.json?")
    assert "limit=2" in body["next"] and "place=kabul" in body["next"]
    assert "utm_source" not in body["next"]


# What the timeline's form reads, a value it refuses, and the message that shows it was read.
REFUSED = {
    "q": ("x" * 201, "Search for at most 200 characters."),
    "actor": ("nobody", "There is no actor “nobody”."),
    "place": ("nowhere", "There is no place “nowhere”."),
    "type": ("nothing", "There is no event type “nothing”."),
    "phase": ("nothing", "There is no phase “nothing”."),
    "status": ("later", "“later” is not a status"),
    "from": ("soon", "“soon”"),
    "to": ("later", "“later”"),
    "order": ("sideways", "“sideways” is not an order"),
    "match": ("both", "“both” is not a way to match actors"),
}


def test_every_filter_of_the_form_still_reaches_the_timeline(client, timeline):
    # A filter added to the form but not to what the timeline reads would be dropped.
    assert set(REFUSED) == set(TimelineFilterForm().fields)
    for name, (value, message) in REFUSED.items():
        for address in ("/", "/embed/"):
            text = " ".join(page(client.get(address, {name: value})).get_text().split())
            assert message in text, (address, name)
        assert client.get("/api/events.json", {name: value}).status_code == 400, name


# A cache that fails: down, hung or full. The site goes on without it.

REDIS_BACKEND = "peacetracker.cache.RedisCache"


def use_redis(settings, location: str) -> None:
    settings.CACHES = {"default": {"BACKEND": REDIS_BACKEND, "LOCATION": location}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down(settings):
    """A Redis that is not there: nothing listens on its port."""
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")


class SilentServer:
    """Accepts connections and never answers, as a Redis that has hung does."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.connections.append(self.listener.accept()[0])
            except OSError:  # closed
                return

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def cache_hung(settings):
    server = SilentServer()
    use_redis(settings, f"redis://127.0.0.1:{server.port}/0")
    yield server
    server.close()


@pytest.fixture(scope="module")
def own_redis():
    """A Redis server of the tests' own on a free port, so that its memory limit can be set
    without touching the shared one; stopped after the module's tests."""
    program = shutil.which("redis-server")
    if program is None:
        pytest.fail("These tests need redis-server: sudo apt-get install redis-server")
    port = free_port()
    process = subprocess.Popen(
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.PIPE,
        text=True,
    )
    # Wait for the server to say it is ready (its log line), or to exit having failed.
    for line in process.stdout:
        if "Ready to accept connections" in line:
            break
    else:
        process.wait(timeout=10)
        pytest.fail("redis-server did not start")
    # Its further log lines are not read: let them go nowhere rather than fill the pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    connection = redis.Redis(port=port)
    connection.ping()
    yield port, connection
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def cache_full(settings, own_redis):
    """A Redis with no room left that refuses to evict (maxmemory, noeviction)."""
    port, connection = own_redis
    connection.flushall()
    for n in range(64):  # a megabyte of other things
        connection.set(f"filler-{n}", b"x" * 16 * 1024)
    connection.config_set("maxmemory-policy", "noeviction")
    # Past its bound, as a Redis that filled up is: it refuses every write.
    connection.config_set("maxmemory", connection.info("memory")["used_memory"] // 2)
    with pytest.raises(redis.exceptions.OutOfMemoryError):
        connection.set("one-more", b"x")
    use_redis(settings, f"redis://127.0.0.1:{port}/0")
    yield connection
    connection.config_set("maxmemory", 0)
    connection.flushall()


FAILURES = ["cache_down", "cache_hung", "cache_full"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failing_cache_is_a_slower_site_not_an_error_page(
    client, timeline, failure, request, caplog
):
    request.getfixturevalue(failure)
    caplog.set_level(logging.WARNING)
    for address in PUBLIC_ADDRESSES:
        for _ in range(2):  # the second time, nothing came from the cache either
            response = client.get(address)
            assert response.status_code == 200, address
    assert "Meeting 1" in client.get("/").content.decode()
    assert "Meeting 1" in client.get("/events/meeting-1/").content.decode()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("cache" in message.lower() for message in warnings), warnings


@pytest.mark.parametrize("failure", FAILURES)
def test_editors_log_in_and_preview_drafts_while_the_cache_fails(
    timeline, admin_user, failure, request
):
    request.getfixturevalue(failure)
    editor = Client(enforce_csrf_checks=True)
    form = page(editor.get("/admin/login/?next=/admin/"))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    refused = editor.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert refused.status_code == 200
    assert "Please enter the correct username and password" in refused.content.decode()
    token = page(refused).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    admitted = editor.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "password", "csrfmiddlewaretoken": token},
    )
    assert admitted.status_code == 302 and admitted["Location"] == "/admin/"
    assert "Timeline curation" in editor.get("/admin/").content.decode()
    preview = editor.get("/events/secret-draft/")
    assert "This is a draft" in preview.content.decode()


def test_a_hung_cache_costs_one_wait_not_one_per_request(
    client, timeline, cache_hung, monkeypatch
):
    from peacetracker import cache as backend

    monkeypatch.setattr(backend, "PAUSE_SECONDS", 600)  # however slow this machine is
    client.get("/")
    asked = len(cache_hung.connections)
    assert asked >= 1
    for address in PUBLIC_ADDRESSES:
        assert client.get(address).status_code == 200
    # The site stopped asking the hung cache for a while, rather than waiting on every call.
    assert len(cache_hung.connections) == asked


def test_the_cache_is_used_again_once_it_has_room(client, timeline, cache_full, monkeypatch):
    from peacetracker import cache as backend

    monkeypatch.setattr(backend, "PAUSE_SECONDS", 0)
    assert client.get("/").status_code == 200
    assert stored_pages() == 0
    cache_full.config_set("maxmemory", 0)  # given room
    client.get("/")
    assert stored_pages() == 1


# The data version, and with it the public ETag and Last-Modified, moves only when the
# public may see a change: editors' work on drafts leaves readers' copies current.


def validators() -> tuple[str, str]:
    forget_version()  # read afresh from the database, as another app server would
    response = Client().get("/")
    return response["ETag"], response["Last-Modified"]


def draft(**fields) -> Event:
    source = SourceFactory()
    event = EventFactory(status=Event.Status.DRAFT, citations=[cite(source)], **fields)
    return Event.objects.get(pk=event.pk)


def rename(instance) -> None:
    instance.name = instance.name + " (renamed)"
    instance.save()


def edit_draft(timeline) -> None:
    event = draft(title="Plans")
    event.title = "Plans, revised"
    event.summary = "Still being written."
    event.save()


def add_draft_with_actors_and_related(timeline) -> None:
    event = draft(title="Plans")
    event.actors.add(ActorFactory(name="Newcomer"), timeline[0].actors.get())
    event.related.add(timeline[0])
    event.actors.remove(timeline[0].actors.get())


def edit_drafts_citations(timeline) -> None:
    event = draft(title="Plans")
    citation = event.citations.get()
    citation.quote = citation.source.text.split(". ")[1]
    citation.save()
    CitationFactory(event=event)
    citation.delete()


def delete_draft(timeline) -> None:
    draft(title="Plans").delete()


def add_unused_actor_place_and_source(timeline) -> None:
    rename(ActorFactory(name="Unnamed envoy"))
    rename(PlaceFactory(name="Somewhere"))
    SourceFactory(title="An article not yet used")


def rename_actor_only_drafts_name(timeline) -> None:
    actor = ActorFactory(name="Draft envoy")
    draft(title="Plans", actors=[actor])
    rename(Actor.objects.get(pk=actor.pk))


UNSEEN_CHANGES = [
    edit_draft,
    add_draft_with_actors_and_related,
    edit_drafts_citations,
    delete_draft,
    add_unused_actor_place_and_source,
    rename_actor_only_drafts_name,
]


@pytest.mark.parametrize("change", UNSEEN_CHANGES)
def test_work_on_drafts_keeps_readers_copies_current(client, timeline, change):
    before = validators()
    version = DataVersion.objects.get()
    change(timeline)
    assert DataVersion.objects.get().version == version.version
    assert validators() == before
    cached = client.get("/", headers={"If-None-Match": before[0]})
    assert cached.status_code == 304


def test_saving_a_draft_in_the_admin_keeps_readers_copies_current(admin_client, timeline):
    event = draft(title="Plans", actors=[timeline[0].actors.get()])
    citation = event.citations.get()
    before = validators()
    response = admin_client.post(
        f"/admin/events/event/{event.pk}/change/",
        {
            "title": "Plans, revised",
            "slug": event.slug,
            "status": "draft",
            "when": "February 2020",
            "summary": "Still being written.",
            "actors": [a.pk for a in event.actors.all()],
            "seen": event.updated.isoformat(),
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-MIN_NUM_FORMS": "0",
            "citations-MAX_NUM_FORMS": "1000",
            "citations-0-id": str(citation.pk),
            "citations-0-event": str(event.pk),
            "citations-0-source": str(citation.source.pk),
            "citations-0-quote": citation.quote,
            "redirects-TOTAL_FORMS": "0",
            "redirects-INITIAL_FORMS": "0",
            # Links to other events (none), and whether it took place.
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
            "occurrence": "held",
        },
    )
    assert response.status_code == 302, page(response).select(".errorlist")
    assert Event.objects.get(pk=event.pk).title == "Plans, revised"
    assert validators() == before


def publish_a_draft(timeline) -> None:
    publish(Event.objects.filter(pk=draft(title="Plans").pk), reason="test")


def unpublish_an_event(timeline) -> None:
    unpublish(Event.objects.filter(pk=timeline[0].pk), reason="test")


def edit_a_published_event(timeline) -> None:
    event = Event.objects.get(pk=timeline[0].pk)
    event.summary = "Envoys met, and said so."
    event.save()


def delete_a_published_event(timeline) -> None:
    Event.objects.get(pk=timeline[0].pk).delete()


def change_a_published_events_actors(timeline) -> None:
    Event.objects.get(pk=timeline[0].pk).actors.add(ActorFactory(name="Newcomer"))


def add_a_citation_to_a_published_event(timeline) -> None:
    CitationFactory(event=Event.objects.get(pk=timeline[0].pk))


def edit_a_published_events_citation(timeline) -> None:
    citation = Citation.objects.filter(event=timeline[0]).get()
    citation.quote = citation.source.text.split(". ")[1]
    citation.save()


def rename_a_shown_actor(timeline) -> None:
    rename(Actor.objects.get(slug="qatar"))


def rename_a_shown_place(timeline) -> None:
    rename(Place.objects.get(slug="kabul"))


def rename_a_type(timeline) -> None:
    rename(EventType.objects.get(slug="meeting"))


def retitle_a_cited_source(timeline) -> None:
    source = Source.objects.filter(citations__event=timeline[0]).get()
    source.title = "Envoys meet, a report"
    source.save()


SEEN_CHANGES = [
    publish_a_draft,
    unpublish_an_event,
    edit_a_published_event,
    delete_a_published_event,
    change_a_published_events_actors,
    add_a_citation_to_a_published_event,
    edit_a_published_events_citation,
    rename_a_shown_actor,
    rename_a_shown_place,
    rename_a_type,
    retitle_a_cited_source,
]


@pytest.mark.parametrize("change", SEEN_CHANGES)
def test_what_the_public_may_see_moves_the_validators(client, timeline, change):
    before = validators()
    change(timeline)
    after = validators()
    assert after[0] != before[0]
    assert client.get("/", headers={"If-None-Match": before[0]}).status_code == 200


# Staff see drafts on public addresses: no shared cache may keep what they are shown.


@pytest.mark.parametrize("address", ["/events/secret-draft/", "/events/meeting-1/", "/", "/feed/"])
def test_staff_answers_are_private(admin_client, timeline, address):
    response = admin_client.get(address)
    assert response.status_code == 200
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert "private" in directives and "public" not in directives


# Absolute links come from the site's configured address, never from a request's Host or
# scheme (production refuses to start without that address: tests/test_settings.py).

SITE = "https://peacetracker.example"
LINKED_ADDRESSES = [
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/sitemap-timeline.xml",
    "/feed/",
    "/events/meeting-1/",
    "/api/events.json?limit=1",
    "/api/events/meeting-1.json",
    "/api/timelinejs.json",
    "/events.csv",
    "/events.ics",
]
# Namespaces and schemas that name a format, not a page of ours.
FORMATS = ("http://www.sitemaps.org/", "http://www.w3.org/")


@pytest.mark.parametrize("address", LINKED_ADDRESSES)
@pytest.mark.parametrize("host", ["testserver", "127.0.0.1:1"])
def test_absolute_links_name_the_sites_address(client, timeline, settings, address, host):
    settings.PEACETRACKER_SITE_URL = SITE
    body = client.get(address, headers={"Host": host}).content.decode()
    links = [
        link
        for link in re.findall(r"https?://[^\s\"'<>\\]+", body)
        if not link.startswith(FORMATS)
    ]
    assert links, "the address should hold absolute links"
    assert all(link.startswith(f"{SITE}/") for link in links), sorted(set(links))
