"""A search counts its matches only so far (PEACETRACKER_SEARCH_COUNT_LIMIT): below the limit a
reader sees the exact count, beyond it "more than" the limit, and the page still lists the
right events in order; the search index is asked a fixed, small number of times a page."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import search
from events.filters import TimelineFilters
from events.models import Event
from events.selectors import filter_events
from tests.factories import EventFactory
from tests.responses import listed, page

pytestmark = pytest.mark.django_db

# Days out of the order the events are made in: the list's order is the dates', not the ids'.
DAYS = [date(2020, 3, 9), date(2019, 5, 1), date(2021, 7, 4), date(2018, 1, 2), date(2020, 3, 2)]
DAYS += [date(2022, 11, 5), date(2019, 5, 20), date(2023, 2, 14)]


@pytest.fixture
def ceasefires(db, settings) -> list[Event]:
    """Eight published events about a ceasefire, at most three to a page, and two that are
    not about one."""
    settings.PEACETRACKER_PAGE_SIZE = 3
    made = [EventFactory(title=f"Ceasefire talks {n}", start=day) for n, day in enumerate(DAYS)]
    EventFactory(title="Prisoner release", start=date(2018, 1, 1))
    EventFactory(title="Ceasefire draft", start=date(2018, 1, 1), status=Event.Status.DRAFT)
    return sorted(made, key=lambda event: (event.start, event.pk))


def status_of(response) -> str:
    return " ".join(page(response).select_one("#results-status").get_text().split())


def legends(response) -> list[str]:
    return [" ".join(p.get_text().split()) for p in page(response).select(".axis-legend")]


def test_a_search_matching_more_than_the_limit_says_so_and_lists_the_first_page(
    client, settings, ceasefires
):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    response = client.get("/", {"q": "ceasefire"})
    assert listed(response) == [event.title for event in ceasefires[:3]]
    assert "More than 5 events match in all" in status_of(response)
    # The axis counts nothing it has not counted: no columns, and a sentence saying why.
    assert not page(response).select(".axis .bin")
    assert all("More than 5 events match these words" in text for text in legends(response))
    # Ranking would score every match: no "best matches" beside the list.
    assert not page(response).select(".best-matches")


def test_newest_first_beyond_the_limit_lists_the_latest_matches(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    response = client.get("/", {"q": "ceasefire", "order": "newest"})
    assert listed(response) == [event.title for event in ceasefires[::-1][:3]]
    assert "More than 5 events match in all" in status_of(response)


def test_later_pages_beyond_the_limit_follow_in_order(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    seen = []
    address = "/?q=ceasefire"
    while address:
        response = client.get(address)
        seen += listed(response)
        more = page(response).select_one("a[rel=next]")
        address = more["href"] if more else None
    assert seen == [event.title for event in ceasefires]


def test_a_search_matching_fewer_than_the_limit_counts_them_exactly(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 20
    response = client.get("/", {"q": "ceasefire"})
    assert listed(response) == [event.title for event in ceasefires[:3]]
    assert "8 events match in all" in status_of(response)
    assert "More than" not in response.content.decode()
    assert page(response).select(".best-matches li")


def test_the_limit_counts_the_events_the_other_filters_keep(client, settings, ceasefires):
    # Eight match the word, three of them in 2019 and 2020 (with the period's own edges).
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    response = client.get("/", {"q": "ceasefire", "from": "2019", "to": "2020"})
    in_period = [event for event in ceasefires if event.start.year in (2019, 2020)]
    assert listed(response) == [event.title for event in in_period[:3]]
    assert "4 events match in all" in status_of(response)


def test_the_axis_zoomed_in_draws_the_few_matches_of_its_window(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    response = client.get("/", {"q": "ceasefire", "zoom": "month", "at": "2020-03"})
    marks = page(response).select(".axis-wide .mark title")
    assert sorted(mark.get_text() for mark in marks) == [
        "Ceasefire talks 0, 9 March 2020",
        "Ceasefire talks 4, 2 March 2020",
    ]


def test_the_dari_page_says_more_than_in_dari(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    status = status_of(client.get("/fa/", {"q": "ceasefire"}))
    assert "۵" in status and "More than" not in status


def search_statements(address: str, client) -> list[str]:
    """The statements a cold request for `address` runs that ask the search index."""
    cache.clear()  # the work itself, not the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return [query["sql"] for query in captured if "events_search" in query["sql"]]


@pytest.mark.parametrize("limit", [5, 20])
@pytest.mark.parametrize(
    "address",
    ["/?q=ceasefire", "/?q=ceasefire&order=newest", "/fa/?q=ceasefire", "/embed/?q=ceasefire"],
)
def test_the_search_index_is_asked_at_most_three_times_a_page(
    client, settings, ceasefires, address, limit
):
    """Once for the matches (all of them, or the limit's worth), once for the first page when
    there are more (in time order, through the timeline's index), once to rank the best."""
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = limit
    statements = search_statements(address, client)
    assert len(statements) <= (3 if limit == 5 else 2), statements
    # Each asks it once, not once per condition a page repeats.
    assert all(sql.count("FROM events_search") <= 2 for sql in statements), statements


def test_filters_with_a_search_ask_the_index_no_more(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    statements = search_statements("/?q=ceasefire&from=2019&to=2022&zoom=year&at=2020", client)
    # The matches, the page, the ranking, and the axis's events one by one in its window
    # (three parts of the timeline's index: those running into it, those known only to its
    # year, those in it).
    assert len(statements) <= 6, statements


def test_the_htmx_fragment_says_more_than_too(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5
    response = client.get("/", {"q": "ceasefire"}, headers={"HX-Request": "true"})
    assert listed(response) == [event.title for event in ceasefires[:3]]
    assert "More than 5 events match in all" in status_of(response)
    assert "<html" not in response.content.decode()


def test_queries_beyond_the_limit_do_not_grow_with_the_matches(client, settings, ceasefires):
    settings.PEACETRACKER_SEARCH_COUNT_LIMIT = 5

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/", {"q": "ceasefire"}).status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        EventFactory(title=f"Ceasefire monitors {n}", start=date(2015 + n % 9, 1 + n % 12, 3))
    assert queries() == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own planner")
def test_postgresql_tests_each_match_rather_than_hashing_them_all(settings, ceasefires):
    # As a join, PostgreSQL hashed every match before taking the first 2,001 (0.7 s for a
    # common word at a million events); tested one by one through the events' key, the read
    # stops at the limit.
    among = filter_events(Event.objects.published(), TimelineFilters())
    with CaptureQueriesContext(connection) as queries:
        found = search.found_ids("ceasefire", among=among, limit=5)
    assert found is not None and found.more
    (statement,) = [q["sql"] for q in queries.captured_queries if "events_search" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "SubPlan" in plan and "Join" not in plan, plan


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "More than 2,000 events"), ("fa", "۲٬۰۰۰"), ("ps", "۲٬۰۰۰")],
)
def test_a_large_count_is_grouped_in_thousands_as_the_language_writes_it(language, shown):
    # The sentence a reader sees over a search too broad to count, with the default limit.
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n translations %}{% blocktranslate with number=limit|count %}More than "
        "{{ number }} events match in all; add a word to narrow the search."
        "{% endblocktranslate %}"
    )
    with translation.override(language):
        text = template.render(Context({"limit": 2000}))
    assert shown in text
    assert "2000" not in text and "۲۰۰۰" not in text
