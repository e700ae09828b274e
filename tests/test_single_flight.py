"""A worker's threads that miss the same page at once build it once (issue 13, found by the
soak's flood: with threaded workers every thread built the same cold pages, each slowing the
others past readers' time-outs). Different pages are still built side by side."""

import threading

import pytest
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from events.caching import _page_cache, waiting_builds, waiting_for_a_slot

WAIT = 10  # seconds any step may take before the test fails instead of hanging


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def until(condition) -> bool:
    """Whether `condition` holds within WAIT seconds (asked every hundredth of a second)."""
    pause = threading.Event()
    for _ in range(WAIT * 100):
        if condition():
            return True
        pause.wait(0.01)
    return condition()


def asking(page, address: str, answers: list[bytes]) -> threading.Thread:
    def ask() -> None:
        request = RequestFactory().get(address)
        request.data_version = "v1"
        answers.append(page(request).content)

    thread = threading.Thread(target=ask)
    thread.start()
    return thread


def test_threads_missing_the_same_page_build_it_once():
    entered, release, builds = threading.Event(), threading.Event(), []

    def view(request: HttpRequest) -> HttpResponse:
        builds.append(request.get_full_path())
        entered.set()
        release.wait(WAIT)
        return HttpResponse(b"the page")

    page, answers = _page_cache(view), []
    first = asking(page, "/?actor=russia", answers)
    assert entered.wait(WAIT)
    others = [asking(page, "/?actor=russia", answers) for _ in range(4)]
    assert until(lambda: waiting_builds() == 4), "the others did not wait for the build"
    release.set()
    for thread in [first, *others]:
        thread.join(WAIT)
    assert builds == ["/?actor=russia"]
    assert answers == [b"the page"] * 5
    assert waiting_builds() == 0


def test_different_pages_are_built_side_by_side(settings):
    settings.PEACETRACKER_CONCURRENT_BUILDS = 2  # where a worker is given two slots
    started = {"/?actor=a": threading.Event(), "/?actor=b": threading.Event()}
    release = threading.Event()

    def view(request: HttpRequest) -> HttpResponse:
        started[request.get_full_path()].set()
        release.wait(WAIT)
        return HttpResponse(request.get_full_path().encode())

    page, answers = _page_cache(view), []
    threads = [asking(page, address, answers) for address in started]
    # Both builds are under way at once: neither waits for the other.
    assert all(event.wait(WAIT) for event in started.values())
    release.set()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(answers) == [b"/?actor=a", b"/?actor=b"]


def test_a_worker_builds_only_a_few_pages_at_once(settings):
    """Builds beyond PEACETRACKER_CONCURRENT_BUILDS wait their turn (page building is
    Python work that the process's threads would otherwise only share)."""
    settings.PEACETRACKER_CONCURRENT_BUILDS = 1
    started = {"/?actor=a": threading.Event(), "/?actor=b": threading.Event()}
    release = threading.Event()
    building: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        building.append(request.get_full_path())
        started[request.get_full_path()].set()
        release.wait(WAIT)
        building.remove(request.get_full_path())
        return HttpResponse(request.get_full_path().encode())

    page, answers = _page_cache(view), []
    first = asking(page, "/?actor=a", answers)
    assert started["/?actor=a"].wait(WAIT)
    second = asking(page, "/?actor=b", answers)
    # The second is under way but not building: it waits for the one slot.
    assert until(lambda: waiting_for_a_slot() == 1)
    assert building == ["/?actor=a"]
    assert not started["/?actor=b"].is_set()
    release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert sorted(answers) == [b"/?actor=a", b"/?actor=b"]
