"""The map of a view narrowed to a type, a status or both reads its places' counts from those
kept per place, type and status (issue 19), not by grouping the view's events: what it
shows is what counting the events finds, for every such combination, and for the views
still counted (a period, words, actors) too."""

from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from events.filters import TimelineFilters
from events.models import Event, EventType, OccurrenceStatus, Place, PlaceTypeCount
from events.selectors import filter_events, places_counted
from events.translations import place_label
from tests.migrating import latest_migrations, migrate

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    call_command("generate_events", count=400, seed=11, verbosity=0)
    return Event.objects.published()


def by_counting(events, filters: TimelineFilters, limit: int) -> tuple:
    """The busiest places of the view, the events with no place and what the others hold,
    counted event by event (ties broken by the place's key)."""
    selected = list(filter_events(events, filters).values_list("place", flat=True))
    at_place = Counter(pk for pk in selected if pk is not None)
    busiest = sorted(at_place.items(), key=lambda row: (-row[1], row[0]))
    beyond = busiest[limit:]
    shown = sorted(busiest[:limit], key=lambda row: (-row[1], Place.objects.get(pk=row[0]).name))
    unplaced = sum(1 for pk in selected if pk is None)
    return shown, unplaced, len(beyond), sum(n for _, n in beyond)


def as_read(events, filters: TimelineFilters, limit: int) -> tuple:
    counted = places_counted(filter_events(events, filters), filters, limit=limit)
    shown = [(place.pk, n) for place, n in counted.places]
    return shown, counted.unplaced, counted.more_places, counted.more_events


def test_every_type_and_status_shows_what_counting_finds(events):
    types = [None, *EventType.objects.order_by("pk")]
    statuses = ["", *OccurrenceStatus.values]
    views = [
        TimelineFilters(type=kind, occurrence=status) for kind in types for status in statuses
    ]
    assert sum(1 for kind in types for status in statuses if kind or status) == len(views) - 1
    for filters in views:
        for limit in (3, 500):  # places beyond the limit, and none
            assert as_read(events, filters, limit) == by_counting(events, filters, limit), (
                filters,
                limit,
            )


def test_periods_and_their_combinations_show_what_counting_finds(events):
    kind = EventType.objects.order_by("pk").first()
    place = Place.objects.filter(event_count__gt=0).first()
    views = [
        TimelineFilters(start=date(2001, 1, 1), end=date(2003, 6, 30)),
        TimelineFilters(start=date(2010, 1, 1)),
        TimelineFilters(end=date(1985, 2, 3)),
        TimelineFilters(start=date(2010, 1, 1), type=kind),
        TimelineFilters(start=date(1990, 5, 1), end=date(2015, 1, 1), occurrence="held"),
        TimelineFilters(start=date(1990, 5, 1), type=kind, occurrence="held"),
        TimelineFilters(places=(place,), type=kind),
    ]
    for filters in views:
        for limit in (3, 500):
            assert as_read(events, filters, limit) == by_counting(events, filters, limit), (
                filters,
                limit,
            )


def grouped_reads_of_events(client, address: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "events_event"' in query["sql"] and "GROUP BY" in query["sql"]
    ]


def test_the_map_of_a_type_or_a_status_groups_no_events(client, events):
    kind = EventType.objects.filter(events__isnull=False).order_by("pk").first()
    for address in (
        f"/map/?type={kind.slug}",
        "/map/?status=postponed",
        "/map/?status=held",
        f"/map/?type={kind.slug}&status=held",
        f"/fa/map/?type={kind.slug}",
    ):
        assert grouped_reads_of_events(client, address) == [], address
    # A period is still counted over its events.
    assert grouped_reads_of_events(client, "/map/?from=2001&to=2003-06")


def test_the_map_of_a_type_lists_its_busiest_places(client, events):
    kind = EventType.objects.filter(events__isnull=False).order_by("pk").first()
    filters = TimelineFilters(type=kind)
    (busiest, n), *_ = by_counting(events, filters, 1)[0]
    response = client.get(f"/map/?type={kind.slug}")
    name = place_label(Place.objects.get(pk=busiest)).text  # "Kabul, Afghanistan"
    assert f"{name}: {n} event" in response.content.decode()


def test_a_place_holds_one_row_per_type_and_status(events):
    row = PlaceTypeCount.objects.filter(type__isnull=False).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceTypeCount.objects.create(
            place_id=row.place_id, type_id=row.type_id, occurrence=row.occurrence, count=1
        )
    untyped = dict(place_id=row.place_id, type=None, occurrence="held", count=1)
    PlaceTypeCount.objects.filter(place_id=row.place_id, type=None).delete()
    PlaceTypeCount.objects.create(**untyped)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceTypeCount.objects.create(**untyped)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceTypeCount.objects.create(place_id=row.place_id, occurrence="held", count=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceTypeCount.objects.create(place_id=row.place_id, occurrence="rumoured", count=1)


BEFORE, AFTER = (
    ("events", "0025_counts_by_type_and_status"),
    (
        "events",
        "0026_counts_by_place_type_and_status",
    ),
)


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_events_already_there_and_goes_back():
    latest = latest_migrations()
    try:
        apps = migrate(BEFORE)
        OldEvent = apps.get_model("events", "Event")
        kabul = apps.get_model("events", "Place").objects.create(name="Kabul", slug="kabul")
        doha = apps.get_model("events", "Place").objects.create(name="Doha", slug="doha")
        talks = apps.get_model("events", "EventType").objects.create(name="Talks", slug="talks")
        for n, (place, kind, status, occurrence) in enumerate(
            [
                (kabul, talks, "published", "held"),
                (kabul, talks, "published", "held"),
                (kabul, None, "published", "postponed"),
                (kabul, talks, "draft", "held"),  # a draft: not counted
                (doha, talks, "published", "cancelled"),
                (None, talks, "published", "held"),  # no place: no row
            ]
        ):
            OldEvent.objects.create(
                title=f"Event {n}", slug=f"event-{n}", start=date(2020, 1, 1), precision=3,
                place=place, type=kind, status=status, occurrence=occurrence,
            )  # fmt: skip

        apps = migrate(AFTER)
        rows = apps.get_model("events", "PlaceTypeCount").objects.values_list(
            "place__slug", "type__slug", "occurrence", "count"
        )
        assert set(rows) == {
            ("kabul", "talks", "held", 2),
            ("kabul", None, "postponed", 1),
            ("doha", "talks", "cancelled", 1),
        }

        apps = migrate(BEFORE)
        assert "events_placetypecount" not in connection.introspection.table_names()
    finally:
        migrate(latest[0])
        Event.objects.all().delete()
