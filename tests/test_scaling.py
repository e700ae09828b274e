"""Every public page and export runs a fixed number of queries, whatever the data's size or
the page's; and what can be cached is, until the data changes."""

from collections import Counter
from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Source
from tests.factories import ActorFactory, CitationFactory, EventFactory, PlaceFactory
from tests.responses import body

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/",
    "/?q=envoys",
    "/?actor=actor-a",
    "/?place=kabul",
    "/?from=2001&to=2030",
    "/?at=2020",
    "/?latest=1",
    "/embed/",
    "/events/probe/",
    "/api/events.json",
    "/api/events/probe.json",
    "/api/timelinejs.json",
    "/events.csv?actor=actor-a",
    "/events.ics",
    "/feed/",
    "/sitemap.xml",
    "/sitemap-events.xml",
]


def add_events(count: int, *, first_day: int) -> None:
    actors = [ActorFactory(name="Actor A", slug="actor-a"), *ActorFactory.create_batch(3)]
    place = PlaceFactory(name="Kabul", slug="kabul")
    for n in range(count):
        event = EventFactory(
            title=f"Envoys meet {first_day + n}",
            start=date(2020, 1, 1 + (first_day + n) % 28),
            place=place,
            actors=actors,
        )
        CitationFactory(event=event)
        CitationFactory(event=event)


def queries(client, address: str, **headers) -> int:
    cache.clear()  # the work itself, not the cache, is measured
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, headers=headers)
        assert response.status_code == 200, address
        body(response)  # a streamed export does its work as it is read
    return len(captured)


@pytest.mark.parametrize("address", ADDRESSES)
def test_queries_do_not_grow_with_the_data_or_the_page(client, settings, probe, address):
    settings.PEACETRACKER_PAGE_SIZE = 5
    add_events(3, first_day=0)
    few = queries(client, address)
    add_events(30, first_day=3)
    settings.PEACETRACKER_PAGE_SIZE = 50
    assert queries(client, address) == few
    # At most: the data version; the filter lists (busiest actors and places, types, the
    # chosen ones); a page with its actors and sources and whether there is more; the
    # overview's span (with how far its events reach, from the months' counts) and counts
    # (for a period, its kept months and its two edges); the time axis's counts, its marks
    # and its phases; for a search, its best matches.
    assert few <= 24, f"{address}: {few} queries"


def test_the_htmx_fragment_runs_no_more_queries_than_the_page(client, probe):
    add_events(10, first_day=0)
    assert queries(client, "/", **{"HX-Request": "true"}) <= queries(client, "/")


def test_a_cached_page_is_served_without_its_queries(client, probe):
    add_events(5, first_day=0)
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert len(captured) == 0  # not even the data version, read a moment ago


def test_a_change_to_the_data_is_seen_at_once(client, probe):
    assert "Envoys meet 0" not in client.get("/").content.decode()
    add_events(1, first_day=0)
    assert "Envoys meet 0" in client.get("/").content.decode()
    Event.objects.filter(slug="probe").first().delete()
    assert "/events/probe/" not in client.get("/").content.decode()


def test_unchanged_pages_answer_304(client, probe):
    for address in ("/", "/events/probe/", "/api/events.json", "/events.csv", "/feed/"):
        first = client.get(address)
        assert first["ETag"] and first["Last-Modified"], address
        again = client.get(address, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, address
        since = client.get(address, headers={"If-Modified-Since": first["Last-Modified"]})
        assert since.status_code == 304, address


def test_a_change_makes_the_old_etag_stale(client, probe):
    first = client.get("/")
    probe.title = "Renamed"
    probe.save()
    again = client.get("/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "Renamed" in again.content.decode()


def test_the_fragment_and_the_page_have_their_own_etags(client, probe):
    page = client.get("/")
    fragment = client.get("/", headers={"HX-Request": "true"})
    assert page["ETag"] != fragment["ETag"]
    assert "<html" not in fragment.content.decode()


def test_staff_always_get_a_fresh_page(client, admin_user, probe):
    client.get("/events/probe/")
    probe.status = Event.Status.DRAFT
    Event.objects.filter(pk=probe.pk).update(status="draft")  # no signal: the cache is stale
    client.force_login(admin_user)
    assert "This is a draft" in client.get("/events/probe/").content.decode()


def test_generate_events_makes_realistic_reproducible_data(db):
    call_command("generate_events", count=400, seed=3, verbosity=0)
    events = Event.objects.all()
    assert events.count() == 400
    assert {e.precision for e in events} == {1, 2, 3}
    assert events.filter(end__isnull=False).exists()
    assert 0 < events.filter(status="draft").count() < 60
    assert all(e.citations.count() == 1 for e in events[:50])
    assert all(
        c.quote in c.source.text for c in Event.objects.first().citations.select_related("source")
    )
    years = {e.start.year for e in events}
    assert max(years) - min(years) > 30  # spread over decades
    first = list(events.order_by("id").values_list("slug", "start", "precision")[:20])
    # Again, on a database as fresh as the first: the same events.
    Event.objects.all().delete()
    Source.objects.all().delete()
    call_command("generate_events", count=400, seed=3, verbosity=0)
    assert list(Event.objects.order_by("id").values_list("slug", "start", "precision")[:20]) == (
        first
    )


def test_generated_events_are_mostly_held_and_a_few_not(client, db):
    call_command("generate_events", count=2000, seed=3, verbosity=0)
    shares = Counter(Event.objects.values_list("occurrence", flat=True))
    assert set(shares) == {"held", "planned", "postponed", "cancelled"}
    assert 0.96 < shares["held"] / 2000 < 0.995
    assert 5 <= shares["postponed"] <= 40 and shares["planned"] >= 2 and shares["cancelled"] >= 2
    # The timeline's filter finds the published ones.
    postponed = Event.objects.published().filter(occurrence="postponed")
    response = client.get("/api/events.json?status=postponed&limit=100")
    assert {event["slug"] for event in response.json()["events"]} == {
        event.slug for event in postponed
    }
    # The same seed, the same statuses.
    first = list(Event.objects.order_by("id").values_list("slug", "occurrence"))
    Event.objects.all().delete()
    Source.objects.all().delete()
    call_command("generate_events", count=2000, seed=3, verbosity=0)
    assert list(Event.objects.order_by("id").values_list("slug", "occurrence")) == first


def test_generated_events_are_found_by_search(client, db):
    call_command("generate_events", count=200, seed=5, verbosity=0)
    response = client.get("/api/events.json?q=constructive&limit=200")
    published = Event.objects.published().count()
    assert len(response.json()["events"]) == min(published, 200)


def test_a_shared_redis_cache_serves_every_app_server(client, probe, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"peacetracker-tests-{probe.pk}",
        }
    }
    from django.core.cache import caches

    caches["default"].clear()
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert len(captured) == 0  # the page came from Redis
    caches["default"].clear()


def test_static_files_are_hashed_compressed_and_cached_for_good(client, settings, tmp_path, db):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    html = client.get("/").content.decode()
    stylesheet = next(
        part.split('"')[0] for part in html.split('href="/static/css/')[1:] if "site." in part
    )
    assert stylesheet.count(".") == 2  # site.<hash>.css
    for encoding in ("br", "gzip"):
        response = client.get(f"/static/css/{stylesheet}", headers={"Accept-Encoding": encoding})
        assert response["Content-Encoding"] == encoding
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"]
