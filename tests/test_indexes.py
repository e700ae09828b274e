"""Every filter the timeline offers is served by an index: the database's own query plan for
each one reads an index, never the whole table, so a filter costs the same at 100,000 events
as at 100."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, QuerySet
from django.test import RequestFactory

from events.filters import TimelineFilterForm
from events.models import Actor, Event, EventType, Place
from events.selectors import filter_events
from events.timeline.axis.content import carried_in, starting_in
from events.timeline.axis.window import Zoom, aligned

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(db) -> None:
    """Realistic data, with the statistics a planner chooses by."""
    call_command("generate_events", count=1500, seed=11, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            # A table this small fits in a few pages, where reading it all is honestly
            # cheapest; forbid that, so the plan shows whether an index *could* serve the
            # filter. If none can, PostgreSQL still scans, and the test fails. Plain index
            # scans go too: reading all of a primary key index and filtering each row is a
            # full scan in disguise, while a bitmap scan needs a condition its index answers.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")


def least_used(model: type, field: str) -> str:
    """The slug of the rarest actor, place or type in use, so the filter is selective."""
    return (
        model.objects.annotate(uses=Count(field))
        .filter(uses__gt=0)
        .order_by("uses", "pk")
        .values_list("slug", flat=True)
        .first()
    )


def filtered(query: str) -> QuerySet[Event]:
    form = TimelineFilterForm(RequestFactory().get("/?" + query).GET)
    assert form.is_valid(), form.errors
    # Unordered: the plan then shows how rows are found, not how they are sorted.
    return filter_events(Event.objects.published(), form.filters()).order_by()


def full_scans(plan: str) -> list[str]:
    if connection.vendor == "sqlite":
        # "SCAN events_event" reads every row; "SEARCH ... USING INDEX" does not, and an
        # FTS5 table is read through its own index ("VIRTUAL TABLE INDEX").
        return [
            line
            for line in plan.splitlines()
            if re.search(r"\bSCAN \w+", line) and "VIRTUAL TABLE INDEX" not in line
        ]
    return [line for line in plan.splitlines() if "Seq Scan" in line]


def test_each_timeline_filter_reads_an_index(analysed):
    latest = Event.objects.published().order_by("-start").values_list("start", flat=True)[0]
    earliest = Event.objects.published().order_by("start").values_list("start", flat=True)[0]
    word = Event.objects.published().order_by("pk").values_list("title", flat=True)[0].split()[0]
    filters = {
        "actor": f"actor={least_used(Actor, 'events')}",
        "place": f"place={least_used(Place, 'events')}",
        "type": f"type={least_used(EventType, 'events')}",
        "from": f"from={latest.year}",
        "to": f"to={earliest.year}",
        "q": f"q={word}",
    }
    expected_index = {
        "actor": "actor_id",
        "place": "place_id",
        "type": "type_id",
        # The starts from the earliest month whose events reach the period (the months'
        # kept counts say which), or the index of each event's last day.
        "from": ("event_timeline_idx", "event_last_day_idx"),
        "to": "event_timeline_idx",
        # FTS5 reads its own index; PostgreSQL the GIN index on the search documents.
        "q": "VIRTUAL TABLE INDEX" if connection.vendor == "sqlite" else "events_search_document",
    }
    for name, query in filters.items():
        plan = filtered(query).explain()
        assert not full_scans(plan), f"{name}: {plan}"
        expected = expected_index[name]
        assert any(
            index in plan for index in (expected if isinstance(expected, tuple) else [expected])
        ), f"{name}: {plan}"


def test_the_time_axis_reads_its_window_through_indexes(analysed):
    """Every query the axis makes for a window (its counts, its marks, the ranges running
    into it) reads an index, at every zoom: the axis costs the window, not the timeline."""
    middle = Event.objects.published().order_by("start").values_list("start", flat=True)[700]
    events = Event.objects.published()
    for zoom in (Zoom.DECADE, Zoom.YEAR, Zoom.MONTH, Zoom.WEEK):
        window = aligned(zoom, middle)
        plans = {
            "counts": starting_in(events, window).values("start", "precision"),
            "carried": carried_in(events, window).values("id"),
            "marks": events.filter(start__gte=window.first, start__lte=window.last).values("id"),
        }
        for name, query in plans.items():
            plan = query.order_by().explain()
            assert not full_scans(plan), f"{zoom} {name}: {plan}"
            assert "event_" in plan, f"{zoom} {name}: {plan}"


@pytest.mark.parametrize("model", [Actor, Place])
def test_the_busiest_actors_and_places_are_read_through_an_index(analysed, model):
    # The filter lists' busiest (events.selectors.busiest), from counts kept on each row:
    # read in the index's order, never by counting every event or sorting every row.
    busiest = model.objects.filter(event_count__gt=0).order_by("-event_count", "name")[:60]
    plan = busiest.values_list("pk", flat=True).explain()
    assert full_scans(plan) == [], plan
    assert "busiest_idx" in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan  # no sort: the index gives the order


@pytest.mark.parametrize(("parameter", "model", "field", "index"), [
    ("place", Place, "events", "event_place_idx"),
    ("type", EventType, "events", "event_type_idx"),
])  # fmt: skip
def test_a_place_or_type_page_reads_its_own_events_in_order(
    analysed, parameter, model, field, index
):
    # The first page of `?place=` or `?type=`: the place's (type's) own index gives its
    # events in the timeline's order, where the timeline's index would read every event of
    # every place until it had found a page of this one's (seconds at a million).
    page = filtered(f"{parameter}={least_used(model, field)}").order_by(*Event.TIMELINE_ORDER)
    plan = page[:51].explain()
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan


def test_the_events_either_side_of_a_position_are_read_in_index_order(analysed):
    """An event's neighbours (its page's previous and next, a page after a cursor) are read
    from the timeline index in order from the position: no gathering of every event on one
    side to sort them (which, with statistics, SQLite chose, at 3 s for a million events)."""
    from events.timeline.paging import Cursor

    middle = Event.objects.published().order_by("start", "precision", "id")[700]
    position = Cursor.of(middle)
    for condition, order in ((position.earlier_q(), "-"), (position.later_q(), "")):
        nearest = (
            Event.objects.published()
            .filter(condition)
            .order_by(f"{order}start", f"{order}precision", f"{order}id")[:1]
        )
        plan = nearest.explain()
        assert not full_scans(plan), plan
        if connection.vendor == "sqlite":
            assert "MULTI-INDEX OR" not in plan and "TEMP B-TREE" not in plan, plan
            assert "event_timeline_idx" in plan, plan
