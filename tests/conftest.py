import os
import shutil
from collections.abc import Callable
from datetime import date

import pytest

from events.models import Actor
from tests import seeds
from tests.factories import ActorFactory, CitationFactory, EventFactory, PlaceFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made from
# that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time_against_sqlite():
    """The live server lets one request at a time use the database on SQLite. Its test
    database lives in memory, so the server's threads share one connection; two requests at
    once (a page and its autocomplete) used it together and failed ("bad parameter or other
    API misuse"). The server keeps its threads (a browser's idle preconnections would stall
    a server without them); only the application, response body included, takes turns.
    PostgreSQL gives each thread its own connection."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class TakingTurns(ThreadedWSGIServer):
        def set_app(self, application: Callable) -> None:
            turn = threading.Lock()

            def in_turn(environ: dict, start_response: Callable) -> list[bytes]:
                with turn:
                    result = application(environ, start_response)
                    try:
                        return list(result)  # a streamed body reads the database too
                    finally:
                        if hasattr(result, "close"):
                            result.close()

            super().set_app(in_turn)

    if connection.vendor == "sqlite":
        LiveServerThread.server_class = TakingTurns
    yield


@pytest.fixture
def seeded(db):
    """The curated seed data, loaded as `make run` loads it (what tests expect of it, they
    read from the seed file through tests/seeds.py)."""
    seeds.load()


@pytest.fixture
def site(live_server, transactional_db, settings) -> str:
    """The seeded site, served for a browser; its address."""
    seeds.load()
    # The site's configured address (absolute links are made from it) is the live server's.
    settings.PEACETRACKER_SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def paged_site(site, settings) -> str:
    """The seeded site, three events to a page."""
    settings.PEACETRACKER_PAGE_SIZE = 3
    return site


@pytest.fixture
def probe(db):
    """A published event at /events/probe/ with an actor and two sources, and a later one
    (so that a page of one event has a next page)."""
    event = EventFactory(
        slug="probe", title="Envoys meet in Doha", start=date(2020, 2, 2), actors=[ActorFactory()]
    )
    CitationFactory(event=event)
    later = EventFactory(slug="later", title="Envoys meet again", start=date(2020, 3, 3))
    CitationFactory(event=later)
    return event


@pytest.fixture
def behind_proxy(settings):
    """What DJANGO_BEHIND_PROXY=1 sets: the scheme from X-Forwarded-Proto, the client's
    address from X-Forwarded-For."""
    settings.BEHIND_PROXY = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def vocabulary(db) -> None:
    """The actors and places an importer recognises in the tests' articles, by name or alias
    (made here rather than seeded, so that the seed data may change)."""
    person, organisation = Actor.Kind.PERSON, Actor.Kind.ORGANISATION
    ActorFactory(
        name="Taliban political office",
        slug="taliban-political-office",
        kind=organisation,
        aliases="Taliban",
    )
    ActorFactory(name="Russia", slug="russia")
    ActorFactory(name="Zamir Kabulov", slug="zamir-kabulov", kind=person, aliases="Kabulov")
    ActorFactory(name="Pakistan", slug="pakistan")
    ActorFactory(name="Imran Khan", slug="imran-khan", kind=person)
    ActorFactory(name="Shah Mahmood Qureshi", slug="shah-mahmood-qureshi", kind=person)
    PlaceFactory(name="Moscow", slug="moscow", country="Russia")
    PlaceFactory(name="Pakistan", slug="pakistan", country="Pakistan")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Drive Debian's chromium; Playwright never downloads a browser here.
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("Browser tests need Chromium: sudo apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture
def console_errors(page):
    """Errors the page logs (CSP violations, script errors); a browser test asserts none."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(autouse=True)
def english_between_tests():
    """Each test starts in English, as a new thread does: a request to /fa/ leaves Dari
    active in the thread that made it (the test's own, under the test client)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, as a new server does."""
    from django.core.cache import cache

    from events.caching import forget_version

    cache.clear()
    forget_version()
    yield
    cache.clear()
    forget_version()
