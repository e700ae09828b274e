"""Reading the timeline: filtering published events and cutting them into keyset pages.

Shared by every view of the timeline (the page, and later the API and exports), so that a
filter or a page address means the same thing everywhere.
"""

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from events.dates import MONTH_NAMES, Precision, truncate
from events.models import Actor, Event, EventType, Place


@dataclass(frozen=True)
class TimelineFilters:
    """What a reader narrowed the timeline to; empty fields do not narrow it."""

    q: str = ""
    actors: Sequence[Actor] = ()
    places: Sequence[Place] = ()
    type: EventType | None = None
    # Inclusive bounds: the first day of the `from` period, the last day of the `to` period.
    start: date | None = None
    end: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.actors or self.places or self.type or self.start or self.end)


def filter_events(events: QuerySet[Event], filters: TimelineFilters) -> QuerySet[Event]:
    for word in filters.q.split():
        # Every word must match somewhere: title, summary, body, an actor's or the place's name.
        actor_named = Event.actors.through.objects.filter(
            event_id=OuterRef("pk"), actor__name__icontains=word
        )
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(place__name__icontains=word)
            | Exists(actor_named)
        )
    if filters.actors:
        # Any of the chosen actors; Exists rather than a join so no event is listed twice.
        with_actor = Event.actors.through.objects.filter(
            event_id=OuterRef("pk"), actor__in=filters.actors
        )
        events = events.filter(Exists(with_actor))
    if filters.places:
        events = events.filter(place__in=filters.places)
    if filters.type:
        events = events.filter(type=filters.type)
    if filters.start:
        # An event belongs to the period if any part of it may fall inside: "February 2020"
        # overlaps a period that begins on 15 February 2020.
        last = Coalesce("end", "start")
        events = events.alias(last=last).filter(
            Q(precision=Precision.DAY, last__gte=filters.start)
            | Q(precision=Precision.MONTH, last__gte=truncate(filters.start, Precision.MONTH))
            | Q(precision=Precision.YEAR, last__gte=truncate(filters.start, Precision.YEAR))
        )
    if filters.end:
        events = events.filter(start__lte=filters.end)
    return events


@dataclass(frozen=True)
class Cursor:
    """A position in timeline order, written into page addresses: "2020-02-01.2.17"."""

    start: date
    precision: int
    id: int

    @classmethod
    def of(cls, event: Event) -> "Cursor":
        return cls(start=event.start, precision=event.precision, id=event.pk)

    @classmethod
    def parse(cls, text: str) -> "Cursor":
        try:
            start, precision, pk = text.split(".")
            cursor = cls(start=date.fromisoformat(start), precision=int(precision), id=int(pk))
        except ValueError:
            raise ValueError(f"“{text}” is not a position on the timeline.") from None
        if cursor.precision not in Precision.values or cursor.id < 1:
            raise ValueError(f"“{text}” is not a position on the timeline.")
        return cursor

    def __str__(self) -> str:
        return f"{self.start.isoformat()}.{self.precision}.{self.id}"

    def later_q(self) -> Q:
        """Events after this position in timeline order."""
        return (
            Q(start__gt=self.start)
            | Q(start=self.start, precision__gt=self.precision)
            | Q(start=self.start, precision=self.precision, id__gt=self.id)
        )

    def earlier_q(self) -> Q:
        return (
            Q(start__lt=self.start)
            | Q(start=self.start, precision__lt=self.precision)
            | Q(start=self.start, precision=self.precision, id__lt=self.id)
        )


@dataclass(frozen=True)
class Page:
    events: list[Event]
    # Positions to continue from, or None where the timeline ends.
    earlier: Cursor | None
    later: Cursor | None


def page_of(
    events: QuerySet[Event],
    *,
    size: int,
    after: Cursor | None = None,
    before: Cursor | None = None,
    latest: bool = False,
) -> Page:
    """One page of `events` in timeline order: the first, the one after or before a cursor,
    or the latest. Keyset pagination: costs the same at the end of the timeline as at the
    start, and a page address keeps meaning the same page when events are added elsewhere."""
    forward = events.chronological()
    backward = events.reverse_chronological()
    if before is not None or latest:
        if before is not None:
            backward = backward.filter(before.earlier_q())
        rows = list(backward[: size + 1])
        has_earlier = len(rows) > size
        rows = rows[:size][::-1]
        has_later = (
            before is not None
            and bool(rows)
            and (forward.filter(Cursor.of(rows[-1]).later_q()).exists())
        )
    else:
        if after is not None:
            forward = forward.filter(after.later_q())
        rows = list(forward[: size + 1])
        has_later = len(rows) > size
        rows = rows[:size]
        has_earlier = (
            after is not None
            and bool(rows)
            and (backward.filter(Cursor.of(rows[0]).earlier_q()).exists())
        )
    return Page(
        events=rows,
        earlier=Cursor.of(rows[0]) if has_earlier else None,
        later=Cursor.of(rows[-1]) if has_later else None,
    )


@dataclass
class MonthGroup:
    year: int
    month: int
    events: list[Event] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def anchor(self) -> str:
        return f"m{self.year:04d}-{self.month:02d}"


@dataclass
class YearGroup:
    year: int
    # Events known only to the year come before the months, as they sort first.
    events: list[Event] = field(default_factory=list)
    months: list[MonthGroup] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"y{self.year:04d}"


def group_by_period(events: Iterable[Event]) -> list[YearGroup]:
    """Events in timeline order, grouped under their year and, below a year, their month."""
    years = []
    for year, in_year in itertools.groupby(events, key=lambda event: event.start.year):
        group = YearGroup(year=year)
        for event in in_year:
            if event.precision == Precision.YEAR:
                group.events.append(event)
                continue
            if not group.months or group.months[-1].month != event.start.month:
                group.months.append(MonthGroup(year=year, month=event.start.month))
            group.months[-1].events.append(event)
        years.append(group)
    return years
