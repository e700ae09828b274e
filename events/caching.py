"""Conditional GET and caching for the public pages and exports.

Everything cached is filed under the data version (`DataVersion`), which every change to the
timeline's data moves on. A new version makes old entries unreachable, on every app server
at once, whatever cache they share or not; they then expire by themselves.
"""

import functools
import hashlib
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import get_cache_key, learn_cache_key, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import condition

from events.languages import CALENDAR_PARAMETER, asked_calendar
from events.models import DataVersion

View = Callable[..., HttpResponse]


# Each process reads the version at most this often: a cached page then costs no database
# work at all. A change made in another process is seen within this time.
VERSION_CHECK_SECONDS = 1.0
_known: dict[str, Any] = {"version": None, "read": 0.0}


def data_version() -> tuple[str, datetime]:
    """The current data version and when the data last changed.

    The version names the change time too, so a database made afresh (its counter back at
    1) never meets what a shared cache kept for the old one."""
    now = time.monotonic()
    if _known["version"] is not None and now - _known["read"] < VERSION_CHECK_SECONDS:
        return _known["version"]
    _known["version"], _known["read"] = _read_version(), now
    return _known["version"]


def forget_version() -> None:
    """Read the version afresh next time (tests, which start new databases, need this)."""
    _known["version"] = None


def _read_version() -> tuple[str, datetime]:
    row = DataVersion.objects.filter(pk=1).values_list("version", "changed").first()
    if row is None:
        try:
            with transaction.atomic():
                DataVersion.objects.create(pk=1)
        except IntegrityError:
            pass  # another request made it first
        row = DataVersion.objects.values_list("version", "changed").get(pk=1)
    version, changed = row
    return f"{version}.{changed.timestamp():.6f}", changed


def data_changed() -> None:
    """Note that published data may have changed: cached pages and counts are done with."""
    updated = DataVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed=timezone.now()
    )
    if not updated:
        _read_version()
    forget_version()  # this process sees its own change at once


def cached(key: str, compute: Callable[[], Any], *, version: str) -> Any:
    """`compute()`, or what it gave before under the same key and data version."""
    full_key = f"pt:{version}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, settings.PEACETRACKER_CACHE_SECONDS)
    return value


def public(view: View | None = None, *, reads: Collection[str] = (), daily: bool = False) -> Any:
    """For a public page or export: readers without an account get 304 when their copy is
    current, or else the page from the cache when it is there. Staff, who may preview
    drafts, always get a fresh page, for them alone. A view that answers differently by a
    request header says so with `vary_on_headers`, and each answer is then kept and
    validated apart.

    `reads` names the query parameters the view reads; it sees no others, and neither does
    the cache: `/?utm_source=x` is the page for `/`, kept once (`@public(reads=[...])`).
    `daily`: the page also depends on the day (an agreement's page says when a deadline has
    passed), so neither the cache nor a reader's copy outlives the day it was made on."""
    if view is None:
        return functools.partial(public, reads=reads, daily=daily)
    shared = condition(etag_func=_etag, last_modified_func=_last_modified)(_page_cache(view))
    known = frozenset(reads)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _keep_only(request, known)
        _only_true_htmx_headers(request)
        request.data_version, request.data_changed = data_version()
        if daily:
            # Under the version, so the cache key and the ETag name the day too.
            request.data_version += f".{timezone.localdate().isoformat()}"
        if request.method not in {"GET", "HEAD"} or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            # It may show drafts, or be shaped by the account: no shared cache may keep it.
            patch_cache_control(response, private=True)
            return response
        response = shared(request, *args, **kwargs)
        if response.status_code == 304:
            patch_cache_control(response, public=True, no_cache=True)
        return response

    return wrapper


def _keep_only(request: HttpRequest, names: frozenset[str]) -> None:
    """Leave the request only the query parameters its view reads, in their usual spelling.

    Parameters nobody reads (`utm_source`, `fbclid`, or junk meant to fill the cache) then
    neither change the page, nor travel on in its links, nor make a cache key of their own.
    Such an address is answered, not redirected to its clean form: a link shared with
    tracking parameters opens with no extra round trip, a script adding a cache-buster to
    an API address gets its data rather than a redirect it may not follow, and an event's
    page names its clean address for search engines (rel=canonical) all the same."""
    # As sent, for a redirect to carry on whole (a renamed event's old address, shared with
    # `?utm_source=…`, leads to the new one with it).
    request.query_as_sent = request.META.get("QUERY_STRING", "")
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in names:
            kept.setlist(name, values)
    # Every page may be asked for in another calendar (events.languages); only a calendar
    # it writes is kept, once.
    if calendar := asked_calendar(request):
        kept.setlist(CALENDAR_PARAMETER, [calendar])
    query = kept.urlencode()
    request.GET = QueryDict(query)
    # Cache keys are made from the address, so it becomes the address the view answers.
    request.META["QUERY_STRING"] = query


# What htmx sends, and the pages read: "true", or the header is not there at all.
_HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_HISTORY_RESTORE_REQUEST")


def _only_true_htmx_headers(request: HttpRequest) -> None:
    """Drop an htmx header with any value but "true": the page is the one without it.

    The cache key holds each varying header's value as sent, so `HX-Request: false`, `1`, `0`
    and so on would each be a page of their own, built afresh (a second or so at 100,000
    events) and kept apart: a flood of odd values would keep every worker building pages."""
    for name in _HTMX_HEADERS:
        if name in request.META and request.META[name] != "true":
            del request.META[name]


# Pages are kept under Django's own cache keys (those of its cache middleware), prefixed with
# the data version. A key names the absolute address, so the scheme and host too, and the
# value of each header that the view's response varies on (`Vary`): a request with an odd
# header or a forged Host only ever shapes the answer to requests exactly like it. The
# middleware adds `Vary: Cookie` later (the account check reads the session); readers
# without an account all get the same page whatever their cookies, and staff never use the
# cache, so cookies stay out of the key.


def _key_prefix(request: HttpRequest) -> str:
    return f"pt.{request.data_version}"


def _page_key(request: HttpRequest) -> str | None:
    """The cache key of the answer this request asks for, or None while no page at this
    address has yet said which headers it varies on (read once per request)."""
    if not hasattr(request, "page_cache_key"):
        request.page_cache_key = get_cache_key(request, _key_prefix(request), "GET", cache)
    return request.page_cache_key


def _etag_of(key: str) -> str:
    return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    # The ETag names the cached variant, so a copy of one variant is never confirmed as
    # another (the page for the fragment, one host's links for another's).
    key = _page_key(request)
    return _etag_of(key) if key else None


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime:
    return request.data_changed


def _page_cache(view: View) -> View:
    @functools.wraps(view)
    def from_cache(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = _page_key(request)
        response = cache.get(key) if key else None
        if response is not None:
            return response
        # The page changed with the data and another server (or worker) is building it:
        # the last version serves meanwhile, for a few seconds after the change.
        earlier = _while_another_builds(request)
        if earlier is not None:
            return earlier
        try:
            return _build(view, request, *args, **kwargs)
        finally:
            if lock := getattr(request, "page_build_lock", None):
                cache.delete(lock)

    return from_cache


def _build(view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The page, built by this thread, or by another of this worker that was asked first."""
    with _building(request):
        # Another thread may have built it while this one waited: ask again.
        if hasattr(request, "page_cache_key"):
            del request.page_cache_key
        key = _page_key(request)
        response = cache.get(key) if key else None
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if getattr(response, "is_rendered", True):
                _keep(request, response)
            else:  # a TemplateResponse (the sitemap's) is kept once it is rendered
                response.render()
                _keep(request, response)
        return response


# A worker's threads that miss the same page at once build it once: the first builds, the
# others wait for it and then read it from the cache. Without this, the first moments after
# a start or a change had every thread of every worker building the same few pages (a
# second each at 100,000 events), each slowing the others. Per process: pages are built
# from the same data wherever they are, so another server building one too costs time,
# never correctness.
_BUILD_WAIT_SECONDS = 10.0  # past this a waiting thread builds the page itself
_builds: dict[tuple[str, ...], "_Build"] = {}
_builds_lock = threading.Lock()


class _Build:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0  # the threads building or waiting; the entry goes when none are left


def _build_key(request: HttpRequest) -> tuple[str, ...]:
    # What the cache key is made from, known before the first answer says what it varies on.
    headers = tuple(request.META.get(name, "") for name in _HTMX_HEADERS)
    return (request.data_version, request.build_absolute_uri(), *headers)


# Building a page is mostly Python work, and a process's threads share one interpreter lock:
# sixteen builds at once each take sixteen times as long, and all finish late. A few at a
# time finish in turn, while the other threads go on answering from the cache.
class _Slots:
    """How many pages this process may build at once (a setting, so tests may change it)."""

    def __init__(self) -> None:
        self.count = 0
        self.semaphore = threading.BoundedSemaphore(1)
        self.waiting = 0  # threads waiting for a slot

    def get(self) -> threading.BoundedSemaphore:
        count = settings.PEACETRACKER_CONCURRENT_BUILDS
        with _builds_lock:
            if count != self.count:
                self.count, self.semaphore = count, threading.BoundedSemaphore(count)
            return self.semaphore


_slots = _Slots()


@contextmanager
def _building(request: HttpRequest) -> Iterator[None]:
    key = _build_key(request)
    with _builds_lock:
        build = _builds.setdefault(key, _Build())
        build.users += 1
    acquired = build.lock.acquire(timeout=_BUILD_WAIT_SECONDS)
    slots = _slots.get()
    with _builds_lock:
        _slots.waiting += 1
    slotted = slots.acquire(timeout=_BUILD_WAIT_SECONDS)
    with _builds_lock:
        _slots.waiting -= 1
    try:
        yield
    finally:
        if slotted:
            slots.release()
        if acquired:
            build.lock.release()
        with _builds_lock:
            build.users -= 1
            if not build.users:
                del _builds[key]


def waiting_for_a_slot() -> int:
    """How many threads of this process wait for their turn to build a page."""
    with _builds_lock:
        return _slots.waiting


def waiting_builds() -> int:
    """How many threads of this process wait for a page another thread is building."""
    with _builds_lock:
        return sum(max(build.users - 1, 0) for build in _builds.values())


# Stale while revalidating, for the whole cluster: when the data changes, every page's key
# changes with it, and every worker of every server used to build the same pages at once.
# Now the first to miss a page takes a short lock in the shared cache and builds it; the
# others serve the page's last version (kept under a key without the data version) for as
# long as the lock is held, at most PEACETRACKER_STALE_SECONDS. The window is the build's,
# not the change's: after a change every page is rebuilt, in turns, and one first asked
# for a while after it is no less built once. The lock is only a courtesy between builders:
# if it is lost (an evicted key, a crashed worker, a build past its time), two build the
# same page, as before; nothing depends on it for correctness.
_STALE_PREFIX = "pt.stale"


def _stale_key(request: HttpRequest) -> str | None:
    # Django's own key for the address and the values of the headers it varies on, as for
    # the versioned copy: a request with odd headers only meets pages kept for its like.
    return get_cache_key(request, _STALE_PREFIX, "GET", cache)


def _while_another_builds(request: HttpRequest) -> HttpResponse | None:
    """The page's last version, if another builder holds the lock on this one; None when
    this request is the one to build it (it then holds the lock) or must build it anyway
    (there is no last version)."""
    stale_key = _stale_key(request)
    if stale_key is None:
        return None  # never built: nothing to serve meanwhile, and nothing to lock for
    # One lock for each version of each page.
    lock = f"pt.lock.{hashlib.sha256(f'{request.data_version}:{stale_key}'.encode()).hexdigest()}"
    if cache.add(lock, "building", settings.PEACETRACKER_STALE_SECONDS):
        request.page_build_lock = lock
        return None
    kept = cache.get(stale_key)
    if kept is None:
        return None
    response = kept
    changed = getattr(request, "data_changed", None) or timezone.now()
    # Its validators name the old version (its ETag, and a time before the change): a
    # reader's copy of it is never confirmed as the new page, which it gets next time.
    patch_cache_control(response, public=True, no_cache=True)
    response["Last-Modified"] = http_date(changed.timestamp() - 1)
    response["Age"] = str(max(0, int((timezone.now() - changed).total_seconds())))
    return response


def _keep(request: HttpRequest, response: HttpResponse) -> None:
    """Give a fresh 200 its public validators and keep it, unless it is for its reader alone."""
    if _personal(request, response):
        patch_cache_control(response, private=True)
        return
    # Readers may keep a copy, but must ask whether it is still current.
    patch_cache_control(response, public=True, no_cache=True)
    prefix, seconds = _key_prefix(request), settings.PEACETRACKER_CACHE_SECONDS
    learn_cache_key(request, response, seconds, prefix, cache)
    key = get_cache_key(request, prefix, "GET", cache)  # a HEAD is answered as its GET
    if key is None:  # already gone from a full cache: the next request learns it again
        return
    response["ETag"] = _etag_of(key)
    if request.method == "GET" and not response.streaming:
        cache.set(key, response, seconds)
        # The page's last version, for the moments after the next change.
        learn_cache_key(request, response, seconds, _STALE_PREFIX, cache)
        stale_key = _stale_key(request)
        if stale_key is not None:
            cache.set(stale_key, response, seconds)


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether a response is for its reader alone: it sets a cookie, or the middleware will
    (a CSRF token in the page, a changed session)."""
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
    )
