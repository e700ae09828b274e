"""Slug addresses written without `reverse` are the addresses `reverse` writes."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from events.routes import slug_address

ROUTES = ("events:detail", "events:actor", "events:place", "events:agreement")


@pytest.mark.parametrize("language", ["en", "fa", "ps"])
@pytest.mark.parametrize("name", ROUTES)
def test_a_slug_address_is_what_reverse_writes(name: str, language: str) -> None:
    with translation.override(language):
        for slug in ("doha-talks", "a", "s1-376-qatar-envoys-host", "UPPER_and_9"):
            assert slug_address(name, slug) == reverse(name, kwargs={"slug": slug})


def test_each_language_has_its_own_prefix() -> None:
    with translation.override("fa"):
        dari = slug_address("events:actor", "taliban")
    with translation.override("en"):
        english = slug_address("events:actor", "taliban")
    assert dari == "/fa/actors/taliban/"
    assert english == "/actors/taliban/"


def test_a_script_prefix_is_kept() -> None:
    # Served under a sub-path (SCRIPT_NAME), as reverse would write it.
    set_script_prefix("/tracker/")
    try:
        assert slug_address("events:place", "kabul") == "/tracker/places/kabul/"
        assert slug_address("events:place", "kabul") == reverse(
            "events:place", kwargs={"slug": "kabul"}
        )
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("slug", ["", "has space", "slash/inside", "کابل", "a?b=c"])
def test_what_is_not_a_slug_is_refused_as_reverse_refuses_it(slug: str) -> None:
    with pytest.raises(NoReverseMatch):
        slug_address("events:detail", slug)
