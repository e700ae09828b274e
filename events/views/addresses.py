"""Absolute addresses, for links that leave the site (canonical links, preview cards,
feeds, exports)."""

from django.conf import settings
from django.http import HttpRequest


def site_root(request: HttpRequest) -> str:
    """Scheme and host for absolute links: the configured site address, or this request's."""
    return settings.PEACETRACKER_SITE_URL or request.build_absolute_uri("/").rstrip("/")
