"""Hostile input never breaks a page: whatever goes into an address, no 5xx, nothing echoed
unescaped, and an answer in bounded time (inputs are capped)."""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.caching import forget_version
from tests.responses import body

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/embed/",
    "/api/events.json",
    "/api/timelinejs.json",
    "/events.csv",
    "/events.ics",
    "/feed/",
]
PARAMETERS = ["q", "actor", "place", "type", "from", "to", "after", "before", "at", "latest",
              "limit"]  # fmt: skip

# What attackers and accidents send: markup, template and SQL syntax, control characters
# (NUL included), long runs, odd unicode; and plain text of any kind.
NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "{{ 7*7 }}{% debug %}",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "\r\n",
        "%00",
        "../../etc/passwd",
        "2020-02-30",
        "99999-01",
        "2019.0.0",
        "-1",
        "9" * 400,
        "x" * 5000,
        "\u202e\u0644\u0627",
        "😀" * 50,
        "*",
        '"',
        "NEAR(",
        "title:doha",
    ]
)
VALUES = st.one_of(NASTY, st.text(max_size=300))
QUERIES = st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), min_size=1, max_size=6)


@settings(
    max_examples=150,
    deadline=5000,  # generous on a busy machine: this guards against runaway work
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PATHS), query=QUERIES, htmx=st.booleans())
def test_hostile_addresses_never_break_a_page(client, seeded, path, query, htmx):
    cache.clear()
    forget_version()
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(path, data=_multi(query), headers=headers)
    assert response.status_code < 500, (path, query)
    text = body(response).decode("utf-8", errors="replace")
    for _, value in query:
        if "<" in value and any(tag in value.lower() for tag in ("<script", "<img")):
            assert value not in text, (path, value)


def _multi(query: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in query:
        data.setdefault(name, []).append(value)  # repeated parameters, as addresses allow
    return data


@settings(
    max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(slug=st.one_of(NASTY, st.text(max_size=200)))
def test_hostile_event_addresses_never_break(client, seeded, slug):
    for address in (f"/events/{slug}/", f"/api/events/{slug}.json"):
        response = client.get(address)
        assert response.status_code < 500
