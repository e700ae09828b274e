"""Conditional GET and caching for the public pages and exports.

Everything cached is filed under the data version (`DataVersion`), which every change to the
timeline's data moves on. A new version makes old entries unreachable, on every app server
at once, whatever cache they share or not; they then expire by themselves.
"""

import functools
import hashlib
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

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


def public(view: View) -> View:
    """For a public page or export: answer 304 when the reader's copy is current (ETag and
    Last-Modified from the data version), and serve readers without an account from the
    cache. Staff, who may preview drafts, always get a fresh page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        version, changed = data_version()
        request.data_version = version
        if request.method not in {"GET", "HEAD"} or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        variant = f"{request.get_full_path()}|htmx={bool(request.headers.get('HX-Request'))}"
        digest = hashlib.sha256(variant.encode()).hexdigest()[:16]
        etag = f'"{version}-{digest}"'
        last_modified = changed.timestamp()
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified)
        )
        if not_modified is not None:
            return _validators(not_modified, etag, last_modified)
        key = f"page:{version}:{variant}"
        response = cache.get(_key(key))
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                keep = functools.partial(_keep, _key(key))
                if getattr(response, "is_rendered", True):
                    keep(response)
                else:  # a TemplateResponse (the sitemap's) is kept once it is rendered
                    response.add_post_render_callback(keep)
        return _validators(response, etag, last_modified)

    return wrapper


def _keep(key: str, response: HttpResponse) -> None:
    cache.set(key, response, settings.PEACETRACKER_CACHE_SECONDS)


def _key(text: str) -> str:
    return "pt:" + hashlib.sha256(text.encode()).hexdigest()[:40]


def _validators(response: HttpResponse, etag: str, last_modified: float) -> HttpResponse:
    if response.status_code in {200, 304}:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        # Readers may keep a copy, but must ask whether it is still current.
        patch_cache_control(response, public=True, no_cache=True)
    return response
