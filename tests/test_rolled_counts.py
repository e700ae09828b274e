"""A view narrowed to a type, a status or a period reads its overview and its axis from the
counts kept per month (issue 19): what they give is what counting the view's events gives,
for every such combination, a period that cuts months at either end included."""

from datetime import date
from unittest import mock

import pytest
from django.core.management import call_command

from events.filters import TimelineFilters
from events.models import Event, EventType, Phase
from events.selectors import filter_events
from events.timeline import overview as counting
from events.timeline.overview import month_counts, overview

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    call_command("generate_events", count=400, seed=7, verbosity=0)
    return Event.objects.published()


def by_counting(events, filters, first=None, last=None):
    """The counts of the view's events, month by month, counted one by one."""
    selected = filter_events(events, filters)
    return counting._counted(counting._starting_in_months(selected, first, last))


def views() -> list[TimelineFilters]:
    agreement = EventType.objects.order_by("pk").first()
    other = EventType.objects.order_by("-pk").first()
    phase = Phase.objects.create(name="Talks", slug="talks", start=date(1990, 3, 12), precision=3,
                                 end=date(1996, 8, 20))  # fmt: skip
    return [
        TimelineFilters(type=agreement),
        TimelineFilters(type=other),
        TimelineFilters(occurrence="postponed"),
        TimelineFilters(type=agreement, occurrence="held"),
        # Whole months, and months cut at either end.
        TimelineFilters(start=date(2001, 1, 1), end=date(2003, 6, 30)),
        TimelineFilters(start=date(2001, 1, 15), end=date(2003, 6, 10)),
        TimelineFilters(start=date(2010, 5, 20)),
        TimelineFilters(end=date(1985, 2, 3)),
        TimelineFilters(start=date(2004, 3, 3), end=date(2004, 3, 25)),  # inside one month
        TimelineFilters(start=date(2001, 1, 15), end=date(2008, 6, 10), type=other),
        TimelineFilters(phase=phase),
        TimelineFilters(phase=phase, start=date(1992, 7, 9), occurrence="held"),
    ]


def test_each_view_reads_from_the_kept_counts_what_counting_finds(events):
    for filters in views():
        selected = filter_events(events, filters)
        assert month_counts(selected, filters) == by_counting(events, filters), filters
        # And within a stretch of months, as the axis asks for its window.
        first, last = date(1995, 1, 1), date(2012, 7, 1)
        assert month_counts(selected, filters, first=first, last=last) == by_counting(
            events, filters, first, last
        ), filters
        assert overview(selected, filters) == overview(selected)


def test_views_the_kept_counts_cannot_serve_are_counted(events):
    # Words, actors and places select their events through their own indexes: counted.
    event = events.filter(place__isnull=False).first()
    filters = TimelineFilters(places=(event.place,), type=event.type)
    selected = filter_events(events, filters)
    assert month_counts(selected, filters) == by_counting(events, filters)
    assert sum(n for n, _ in month_counts(selected, filters).values()) >= 1


def test_a_period_is_counted_only_at_its_edges(events):
    """The months wholly inside the period are not counted over the events: the counting
    reads only the events of the cut months at the edges."""
    filters = TimelineFilters(start=date(2001, 1, 15), end=date(2003, 6, 10))
    selected = filter_events(events, filters)
    read = []
    original = counting._counted

    def watched(edge):
        read.append(list(edge.values_list("start", flat=True)))
        return original(edge)

    with mock.patch.object(counting, "_counted", watched):
        month_counts(selected, filters)
    counted_days = [day for edge in read for day in edge]
    assert counted_days, "the cut months' events are counted"
    assert all(day < date(2001, 2, 1) or day >= date(2003, 6, 1) for day in counted_days)
