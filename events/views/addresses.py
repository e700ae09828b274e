"""Absolute addresses, for links that leave the site (canonical links, preview cards,
feeds, exports)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponsePermanentRedirect


def site_root(request: HttpRequest) -> str:
    """Scheme and host for absolute links: the configured site address, or this request's."""
    return settings.PEACETRACKER_SITE_URL or request.build_absolute_uri("/").rstrip("/")


def moved_permanently(request: HttpRequest, url: str) -> HttpResponsePermanentRedirect:
    """A 301 to `url` that keeps the query string the reader sent, parameters the page does
    not read included (a shared link's `utm_source` goes on to the new address)."""
    query = getattr(request, "query_as_sent", None)
    if query is None:
        query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
