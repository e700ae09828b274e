"""A flood of odd htmx headers: each odd value is the plain page, kept once, so that sending
`HX-Request: 1`, `false`, `0`… cannot make the workers build and keep a page per value."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

ODD_VALUES = ["false", "1", "0", "TRUE", "", "yes"]


def is_whole_page(response) -> bool:
    return "<html" in response.content.decode()


@pytest.mark.parametrize("address", ["/", "/embed/", "/events/probe/"])
def test_odd_htmx_header_values_are_answered_from_the_plain_pages_cache_entry(
    client, probe, address
):
    cache.clear()
    plain = client.get(address)
    assert plain.status_code == 200 and is_whole_page(plain)
    for name in ("HX-Request", "HX-History-Restore-Request"):
        for value in ODD_VALUES:
            with CaptureQueriesContext(connection) as queries:
                odd = client.get(address, headers={name: value})
            assert is_whole_page(odd)
            # The same cached answer: the same validator, and no page built again.
            assert odd["ETag"] == plain["ETag"]
            assert not [q for q in queries if "events_event" in q["sql"]], (name, value)
    fragment = client.get(address, headers={"HX-Request": "true"})
    assert not is_whole_page(fragment)
    assert fragment["ETag"] != plain["ETag"]
