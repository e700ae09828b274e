"""The address of a page named by a slug (an event's, an actor's, a place's), written quickly.

A timeline page links each of its fifty events, their places and actors, and the map five
hundred places: `reverse` for each (about 30 µs: the resolver's lookups, the language's
prefix, quoting) was a tenth of what such a page cost to draw. The address of a slug route
is the same text around the slug for every slug, so it is reversed once per route, language,
script prefix and URL configuration, and the slug put in its place. A slug is letters,
digits, "-" and "_" (Django's `slug` converter), which an address carries as they are; any
other value goes through `reverse`, which refuses it as before.
"""

import functools
import re
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's `slug` path converter matches.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# A slug no route could confuse with its surroundings.
_MARK = "slug-route-mark"


@functools.lru_cache(maxsize=256)
def _around(name: str, language: str | None, prefix: str, urlconf: str | None) -> tuple[str, str]:
    """The text before and after the slug in route `name`'s address."""
    address = reverse(name, kwargs={"slug": _MARK}, urlconf=urlconf)
    before, after = address.split(_MARK)
    return before, after


def slug_address(name: str, slug: str) -> str:
    """`reverse(name, kwargs={"slug": slug})`, for a route whose only argument is a slug."""
    if not _SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _around(name, get_language(), get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    # As Django's own resolver caches are forgotten when a test changes the routes.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _around.cache_clear()
