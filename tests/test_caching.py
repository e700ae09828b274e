"""The public page cache and conditional GET: every reader gets the variant they asked for
(page or htmx fragment, host and scheme), never one another reader's request shaped, and
nothing personal (a cookie, a staff preview) is kept for anyone else."""

import itertools
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from events.caching import forget_version, public
from events.models import DataVersion, Event
from tests.responses import page

pytestmark = pytest.mark.django_db


def is_whole_page(response) -> bool:
    return "<html" in response.content.decode()


# htmx: the fragment and the whole page are different answers at one address

# Where a view gives its fragment to htmx, and so answers plain and htmx requests apart.
FRAGMENT_ADDRESSES = ["/", "/embed/", "/events/probe/"]


@pytest.mark.parametrize("address", FRAGMENT_ADDRESSES)
def test_a_history_restore_never_fills_the_fragments_place(client, probe, address):
    # htmx restoring history it no longer holds asks for the whole page, with HX-Request too.
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    restored = client.get(address, headers=restore)
    assert is_whole_page(restored)
    assert {"HX-Request", "HX-History-Restore-Request"} <= {
        name.strip() for name in restored["Vary"].split(",")
    }
    fragment = client.get(address, headers={"HX-Request": "true"})
    assert not is_whole_page(fragment), "a whole page would land inside the list"
    assert fragment["ETag"] != restored["ETag"]
    # A browser holding the restored page never hears that the fragment is the same thing.
    again = client.get(address, headers={"HX-Request": "true", "If-None-Match": restored["ETag"]})
    assert again.status_code == 200 and not is_whole_page(again)
    assert is_whole_page(client.get(address, headers=restore))


@pytest.mark.parametrize("value", ["false", "1", "True"])
@pytest.mark.parametrize("address", FRAGMENT_ADDRESSES)
def test_an_htmx_header_htmx_never_sends_does_not_fill_the_fragments_place(
    client, probe, address, value
):
    # htmx sends exactly "true"; the views go by that value, so anything else is a page.
    odd = client.get(address, headers={"HX-Request": value})
    assert is_whole_page(odd)
    fragment = client.get(address, headers={"HX-Request": "true"})
    assert not is_whole_page(fragment), "a whole page would land inside the list"
    assert fragment["ETag"] != odd["ETag"]
    again = client.get(address, headers={"HX-Request": "true", "If-None-Match": odd["ETag"]})
    assert again.status_code == 200 and not is_whole_page(again)
    assert is_whole_page(client.get(address))


def test_a_fragment_is_never_served_as_the_page(client, probe):
    fragment = client.get("/", headers={"HX-Request": "true"})
    assert not is_whole_page(fragment)
    assert is_whole_page(client.get("/", headers={"HX-Request": "false"}))
    plain = client.get("/", headers={"If-None-Match": fragment["ETag"]})
    assert plain.status_code == 200 and is_whole_page(plain)


# Host and scheme: a forged request may get its own answer, never shape another reader's


def robots_links(response) -> list[str]:
    return re.findall(r"^Sitemap: (\S+)$", response.content.decode(), re.MULTILINE)


def page_links(response) -> list[str]:
    html = page(response)
    return [
        html.find("link", rel="canonical")["href"],
        html.find("meta", property="og:url")["content"],
    ]


def sitemap_links(response) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def api_links(response) -> list[str]:
    body = response.json()
    assert body["next"], "the page should have a next link"
    return [body["next"], *(event["url"] for event in body["events"])]


SURFACES = [
    ("/robots.txt", robots_links),
    ("/events/probe/", page_links),
    ("/sitemap.xml", sitemap_links),
    ("/sitemap-events.xml", sitemap_links),
    ("/api/events.json?limit=1", api_links),
]

FORGERIES = {
    # Any port of an allowed host passes ALLOWED_HOSTS.
    "host": ({"Host": "127.0.0.1:1"}, {}, "http://testserver/"),
    # Behind a proxy that ends TLS (and passes the Host on): a request reaching it over HTTP.
    "scheme": (
        {"Host": "testserver", "X-Forwarded-Proto": "http"},
        {"Host": "testserver", "X-Forwarded-Proto": "https"},
        "https://testserver/",
    ),
}


@pytest.fixture
def behind_a_proxy(behind_proxy, settings):
    settings.PEACETRACKER_SITE_URL = ""  # links come from the request: what is at stake


@pytest.mark.parametrize("forgery", FORGERIES)
@pytest.mark.parametrize(("address", "links"), SURFACES)
def test_a_forged_host_or_scheme_never_reaches_another_readers_links(
    client, probe, behind_a_proxy, address, links, forgery
):
    forged, reader, origin = FORGERIES[forgery]
    for _ in range(6):
        client.get(address, headers=forged)
    served = links(client.get(address, headers=reader))
    assert served
    assert all(link.startswith(origin) for link in served), served


@pytest.mark.parametrize("forgery", FORGERIES)
@pytest.mark.parametrize(("address", "links"), SURFACES)
def test_a_forged_host_or_scheme_has_its_own_etag(
    client, probe, behind_a_proxy, address, links, forgery
):
    forged, reader, origin = FORGERIES[forgery]
    forged_etag = client.get(address, headers=forged)["ETag"]
    answer = client.get(address, headers={**reader, "If-None-Match": forged_etag})
    assert answer.status_code == 200, "a 304 would keep the reader on another origin's copy"
    assert all(link.startswith(origin) for link in links(answer))
    assert answer["ETag"] != forged_etag


# Cookies: a response that sets one is for its reader alone

_readers = itertools.count(1)


def remembers_the_reader(request: HttpRequest) -> HttpResponse:
    number = next(_readers)
    response = HttpResponse(f"Welcome, reader {number}.")
    response.set_cookie("reader", str(number))
    return response


def carries_a_form(request: HttpRequest) -> HttpResponse:
    # A form that posts (a language switcher, say) carries the reader's own CSRF token; its
    # cookie is set by the middleware, after the view.
    token = get_token(request)
    return HttpResponse(
        f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        '<button type="submit">Go</button></form>'
    )


urlpatterns = [
    path("remembers/", public(remembers_the_reader)),
    path("form/", public(carries_a_form)),
]


@pytest.mark.urls("tests.test_caching")
def test_a_response_setting_a_cookie_is_never_served_to_another_reader(client):
    first = client.get("/remembers/")
    second = Client().get("/remembers/")
    assert first.cookies["reader"].value != second.cookies["reader"].value
    assert second.content.decode() != first.content.decode()
    for response in (first, second):
        assert "public" not in response.get("Cache-Control", "")


@pytest.mark.urls("tests.test_caching")
def test_a_page_carrying_a_csrf_token_is_never_served_to_another_reader(client):
    first = client.get("/form/")
    second = Client().get("/form/")
    assert "csrftoken" in first.cookies
    # The second reader needs a token of their own, and the cookie that goes with it.
    assert "csrftoken" in second.cookies
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    for response in (first, second):
        assert "public" not in response.get("Cache-Control", "")


# What stays as it was


def test_staff_neither_read_nor_fill_the_page_cache(client, admin_user, probe):
    anonymous = Client()
    cached = anonymous.get("/events/later/")
    # Changes made without the signals that move the data version: the cache is now stale.
    Event.objects.filter(slug="later").update(title="Envoys meet a third time")
    Event.objects.filter(pk=probe.pk).update(status=Event.Status.DRAFT)
    client.force_login(admin_user)
    fresh = client.get("/events/later/")
    assert "Envoys meet a third time" in fresh.content.decode()
    # Staff sending the public copy's ETag still get the page as it is now.
    again = client.get("/events/later/", headers={"If-None-Match": cached["ETag"]})
    assert again.status_code == 200 and "Envoys meet a third time" in again.content.decode()
    preview = client.get("/events/probe/")
    assert "This is a draft" in preview.content.decode()
    assert "public" not in preview.get("Cache-Control", "")
    # Nor does a staff preview reach the public.
    assert anonymous.get("/events/probe/").status_code == 404


def test_pages_and_304s_tell_browsers_to_check_every_time(client, probe):
    first = client.get("/")
    assert first["Cache-Control"] == "public, no-cache"
    again = client.get("/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, no-cache"
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    ("address", "listed"),
    [("/sitemap.xml", "/sitemap-events.xml"), ("/sitemap-events.xml", "/events/probe/")],
)
def test_the_sitemap_is_cached_once_rendered(client, probe, address, listed):
    first = client.get(address)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(address)
    assert len(captured) == 0
    assert again.content == first.content
    assert listed in again.content.decode()


def test_a_cached_export_keeps_its_headers(client, probe):
    first = client.get("/events.csv")
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/events.csv")
    assert len(captured) == 0
    assert again.content == first.content
    assert again["Content-Disposition"] == 'attachment; filename="peacetracker-events.csv"'
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Content-Type"] == "text/csv; charset=utf-8"


def test_a_data_change_retires_every_cached_variant(client, probe):
    addresses = ["/", "/embed/", "/events/later/", "/api/events.json", "/robots.txt"]
    etags = {address: client.get(address)["ETag"] for address in addresses}
    etags["fragment"] = client.get("/", headers={"HX-Request": "true"})["ETag"]
    probe.title = "Envoys meet in Doha, renamed"
    probe.save()
    for address in addresses:
        answer = client.get(address, headers={"If-None-Match": etags[address]})
        assert answer.status_code == 200, address
        assert answer["ETag"] != etags[address], address
    fragment = client.get("/", headers={"HX-Request": "true"})
    assert "renamed" in fragment.content.decode()
    assert fragment["ETag"] != etags["fragment"]


def test_the_feed_states_the_time_its_copies_are_checked_against(client, probe):
    # A later change the feed's items do not date (a source renamed, say) moves the data
    # version's time past the latest item's: a reader's If-Modified-Since must still match.
    DataVersion.objects.update(changed=F("changed") + timedelta(seconds=5))
    forget_version()
    first = client.get("/feed/")
    again = client.get("/feed/", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
