"""Reads with rules: which events (and actors, places) a question about the timeline selects.

Views, exports, the admin, seeds and imports ask here rather than each writing its own
query, so that "the events these filters select" or "the event at this address" means the
same thing everywhere.
"""

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from events import search
from events.dates.values import Precision, dates_disagree, truncate
from events.filters import TimelineFilters
from events.models import (
    Citation,
    Dated,
    Event,
    EventRedirect,
    MonthCount,
    OccurrenceStatus,
    Phase,
    Place,
    PlaceTypeCount,
    TypeMonthCount,
)
from events.script import romanised, sort_key
from events.timeline.paging import Cursor
from events.translations import Shown, choice_label


def filter_events(events: QuerySet[Event], filters: TimelineFilters) -> QuerySet[Event]:
    found = filters.matches
    if found is not None and not found.more:
        # Every match, read once for the request: looked up by id.
        events = events.filter(pk__in=found.ids)
    elif (matches := search.matching(filters.q)) is not None:
        # Too many to list (`found.more`): each query walks its own index in order (the
        # timeline's, a type's), testing each event against the matches, and stops when it
        # has read what it needs, rather than read every match and sort them.
        walk = found is not None
        events = _walked(events, matches) if walk else events.filter(pk__in=matches)
    if filters.every_actor:
        # Every chosen actor: one subquery each, each read from that actor's own index
        # entries; the query grows with the actors chosen, never with the events.
        for actor in filters.actors:
            with_actor = Event.actors.through.objects.filter(actor=actor)
            events = events.filter(pk__in=with_actor.values("event_id"))
    elif filters.actors:
        # Any of the chosen actors. A subquery rather than a join, so no event is listed
        # twice; it starts from the actors' own index entries, not from every event.
        with_actor = Event.actors.through.objects.filter(actor__in=filters.actors)
        events = events.filter(pk__in=with_actor.values("event_id"))
    if filters.places:
        events = events.filter(place__in=filters.places)
    if filters.type:
        events = events.filter(type=filters.type)
    if filters.occurrence:
        events = events.filter(occurrence=filters.occurrence)
        if filters.occurrence != OccurrenceStatus.HELD:
            # Said as the partial index of the events not held says it, so that the
            # database sees that the index holds them (SQLite matches the words only).
            events = events.exclude(occurrence=OccurrenceStatus.HELD)
    first, last = filters.period
    if first and last and first > last:
        return events.none()  # a phase and a `from`/`to` that share no day
    since = earliest_reaching(first) if first else None
    return overlapping(events, first=first, last=last, since=since)


def with_matches(filters: TimelineFilters) -> TimelineFilters:
    """The filters with the published events their words find read once, at most
    `PEACETRACKER_SEARCH_COUNT_LIMIT` + 1 of them (`search.Matches`): a page's list,
    overview, axis and count then read those ids rather than each search the index again,
    and say "more than" the limit rather than count further."""
    if not filters.q or filters.matches is not None:
        return filters
    limit = settings.PEACETRACKER_SEARCH_COUNT_LIMIT
    others = filter_events(Event.objects.published(), replace(filters, q=""))
    matches = search.matching(filters.q)
    if matches is None:
        return filters  # no words but too common ones: nothing is searched
    if filters.places or filters.actors:
        # Their events are read through their own index, each tested against the words'
        # matches: a rare place and a common word would otherwise test every match.
        ids = _walked(others, matches).order_by().values_list("pk", flat=True)[: limit + 1]
        return replace(filters, matches=search.Matches(ids=tuple(ids), limit=limit))
    return replace(filters, matches=search.found_ids(filters.q, among=others, limit=limit))


def _walked(events: QuerySet[Event], matches: RawSQL) -> QuerySet[Event]:
    """`events` that are among `matches`, read through the index their other conditions or
    order choose (search.WalkedInOrder), not looked up match by match."""
    return events.alias(walked_id=search.WalkedInOrder("pk")).filter(walked_id__in=matches)


def without_words(filters: TimelineFilters) -> TimelineFilters:
    """The same filters but the words: the view a search narrows."""
    return replace(filters, q="", matches=None)


def earliest_reaching(day: date) -> date:
    """A day on or before the start of every published event that reaches `day` or later:
    the first day of the earliest month whose events reach it (as the counts kept per month
    say). The events of a period are then read from that day on through the index of
    starts, rather than from the first event of the timeline."""
    month = (
        MonthCount.objects.filter(reaches__gte=day)
        .order_by("year", "month")
        .values_list("year", "month")
        .first()
    )
    return date(month[0], month[1], 1) if month else day


def furthest_reach(day: date) -> date:
    """A day on or after the last day of every published event that starts on or before
    `day`: where the counts kept per month say the furthest of them runs to."""
    months = MonthCount.objects.filter(
        Q(year__lt=day.year) | Q(year=day.year, month__lte=day.month)
    )
    return max(months.aggregate(furthest=Max("reaches"))["furthest"] or day, day)


def overlapping[T: Dated](
    rows: QuerySet[T],
    *,
    first: date | None,
    last: date | None,
    since: date | None = None,
) -> QuerySet[T]:
    """The dated rows (events, phases) any part of which may fall between the days `first`
    and `last`, both included (None: no bound at that end). `since`: a day no such row
    starts before (`earliest_reaching`), which lets the index of starts find them."""
    if since:
        rows = rows.filter(start__gte=since)
    if first:
        # A row belongs to the period if any part of it may fall inside: "February 2020"
        # overlaps a period that begins on 15 February 2020.
        rows = (
            rows.alias(last_day=Coalesce("end", "start"))
            .filter(
                # The first line alone is served by the index on Coalesce(end, start).
                last_day__gte=truncate(first, Precision.YEAR)
            )
            .filter(
                Q(precision=Precision.DAY, last_day__gte=first)
                | Q(precision=Precision.MONTH, last_day__gte=truncate(first, Precision.MONTH))
                | Q(precision=Precision.YEAR, last_day__gte=truncate(first, Precision.YEAR))
            )
        )
    if last:
        rows = rows.filter(start__lte=last)
    return rows


def phases_between(first: date, last: date) -> list[Phase]:
    """The phases any part of which falls between `first` and `last` (both included), in
    order of their start: what a time axis from `first` to `last` draws as bands."""
    return list(overlapping(Phase.objects.all(), first=first, last=last))


@dataclass(frozen=True)
class Found:
    event: Event
    # Found through a slug it no longer has: its address answers with a redirect.
    moved: bool


def find_event(slug: str, *, among: QuerySet[Event] | None = None) -> Found | None:
    """The event at /events/<slug>/: the one with this slug, or the one that had it before
    it was renamed. `among` narrows where to look (the published events, for the public)."""
    events = Event.objects.all() if among is None else among
    event = events.filter(slug=slug).first()
    if event is not None:
        return Found(event, moved=False)
    redirect = (
        EventRedirect.objects.filter(old_slug=slug, event__in=events.values("pk"))
        .select_related("event")
        .first()
    )
    return Found(redirect.event, moved=True) if redirect is not None else None


def unique_slug(text: str, *, words: int = 8) -> str:
    """A slug from the first words of `text` that no event, nor an old address, uses yet:
    `base`, or else `base-2`, `base-3`… the first one free, found in one query however many
    are taken."""
    # A title in Dari or Pashto alone is romanised: "دوحه" gives "doha", not "event".
    base = slugify(romanised(" ".join(text.split()[:words])))[:80].strip("-") or "event"
    # Unordered, parts and whole: the models' own orders name columns a union leaves out.
    events = Event.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-")).order_by()
    old_slugs = EventRedirect.objects.filter(
        Q(old_slug=base) | Q(old_slug__startswith=f"{base}-")
    ).order_by()
    taken = (
        events.values_list("slug", flat=True)
        .union(old_slugs.values_list("old_slug", flat=True))
        .order_by()
    )
    numbered = re.compile(rf"{re.escape(base)}-([1-9][0-9]*)")
    numbers, base_taken = set(), False
    for slug in taken:
        base_taken |= slug == base
        if match := numbered.fullmatch(slug):
            numbers.add(int(match[1]))
    if not base_taken:
        return base
    return f"{base}-{next(n for n in itertools.count(2) if n not in numbers)}"


def neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The published events just before and just after `event` in timeline order."""
    others = Event.objects.published().exclude(pk=event.pk)
    position = Cursor.of(event)
    return (
        others.filter(position.earlier_q()).reverse_chronological().first(),
        others.filter(position.later_q()).chronological().first(),
    )


FILTER_CHOICES = 60


@dataclass(frozen=True)
class PlacesCounted:
    # Each place with its number of events, the busiest first (at most `limit` of them).
    places: list[tuple[Place, int]]
    # How many of the events name no place.
    unplaced: int
    # The places beyond the limit, and how many events they hold between them.
    more_places: int = 0
    more_events: int = 0


# A place's names as every language shows them ("Kabul, Afghanistan").
NAMES = ("name", "name_fa", "name_ps", "country", "country_fa", "country_ps")
_PLACE_FIELDS = ["id", "slug", "latitude", "longitude", *NAMES]

# The busiest places a map draws and lists; the others are counted, not drawn.
MAP_PLACES = 500


def places_counted(
    events: QuerySet[Event], filters: TimelineFilters, *, limit: int | None = None
) -> PlacesCounted:
    """The busiest places of the published `events` that `filters` select, at most `limit`,
    with how many of them each holds, and what the others hold between them. Unfiltered,
    read from the counts kept on each place; narrowed to a type, a status or both, from
    those kept per place, type and status; otherwise one grouped query."""
    limit = MAP_PLACES if limit is None else limit
    if not filters.active:
        return _places_kept(limit)
    if _only_type_or_status(filters):
        return _places_kept_by_type(filters, limit)
    # Grouped by the key alone, the places then read by it: no join over every event. The
    # key is grouped as an expression (0 for none: no place has it), so that no planner
    # walks the index of places in its order, reading every event to check the filters,
    # where the filters' own index finds their events.
    rows = list(
        events.order_by()
        .annotate(key=Coalesce("place_id", Value(0)))
        .values_list("key")
        .annotate(count=Count("pk"))
    )
    unplaced = next((n for pk, n in rows if not pk), 0)
    return _busiest_of([(pk, n) for pk, n in rows if pk], unplaced, limit)


def _only_type_or_status(filters: TimelineFilters) -> bool:
    """Whether the filters narrow to nothing but a type, a status or both: what the counts
    kept per place, type and status answer. (A period is counted over its events: see
    PlaceTypeCount for why no count per place is kept by time.)"""
    first, last = filters.period
    return bool(
        (filters.type or filters.occurrence)
        and not (filters.q or filters.actors or filters.places or first or last)
    )


def _places_kept_by_type(filters: TimelineFilters, limit: int) -> PlacesCounted:
    rows, months = PlaceTypeCount.objects.all(), TypeMonthCount.objects.all()
    if filters.type:
        rows, months = rows.filter(type=filters.type), months.filter(type=filters.type)
    if filters.occurrence:
        rows = rows.filter(occurrence=filters.occurrence)
        months = months.filter(occurrence=filters.occurrence)
    # The busiest chosen and the others summed by the database: some 20,000 places' sums at
    # a million events, which fetched one by one would cost more than reading them.
    by_place = rows.order_by().values("place_id").annotate(n=Sum("count"))
    busiest = list(by_place.order_by("-n", "place_id").values_list("place_id", "n")[:limit])
    placed = rows.aggregate(places=Count("place_id", distinct=True), events=Sum("count"))
    shown = sum(n for _, n in busiest)
    # The events with no place are kept in no row of their own (a change to one would
    # recount every such event): what the months hold beyond the places' rows.
    selected = months.aggregate(events=Sum("count"))["events"] or 0
    return PlacesCounted(
        places=_with_places(busiest),
        unplaced=selected - (placed["events"] or 0),
        more_places=placed["places"] - len(busiest),
        more_events=(placed["events"] or 0) - shown,
    )


def _busiest_of(counts: list[tuple[int, int]], unplaced: int, limit: int) -> PlacesCounted:
    """The `limit` busiest of these (place id, events) counts, with their places, and what
    the others hold between them."""
    # Ties broken by the key, as the kept counts are read: which places make the limit is
    # the same however the counts were found.
    busiest = sorted(counts, key=lambda row: (-row[1], row[0]))
    beyond = busiest[limit:]
    return PlacesCounted(
        _with_places(busiest[:limit]), unplaced, len(beyond), sum(n for _, n in beyond)
    )


def _with_places(counts: list[tuple[int, int]]) -> list[tuple[Place, int]]:
    """These (place id, events) counts with their places, the busiest first."""
    shown = dict(counts)
    found = Place.objects.filter(pk__in=shown).only(*_PLACE_FIELDS)
    return sorted(
        ((place, shown[place.pk]) for place in found), key=lambda row: (-row[1], row[0].name)
    )


def _places_kept(limit: int) -> PlacesCounted:
    counted = Place.objects.filter(event_count__gt=0)
    busiest = counted.order_by("-event_count", "name").only(*_PLACE_FIELDS, "event_count")
    places = [(place, place.event_count) for place in busiest[:limit]]
    totals = counted.aggregate(places=Count("pk"), events=Sum("event_count"))
    published = MonthCount.objects.aggregate(events=Sum("count"))["events"] or 0
    shown = sum(n for _, n in places)
    return PlacesCounted(
        places=places,
        unplaced=published - (totals["events"] or 0),
        more_places=totals["places"] - len(places),
        more_events=(totals["events"] or 0) - shown,
    )


def busiest(
    model: type, *, language: str | None = None, limit: int = FILTER_CHOICES
) -> list[tuple[str, Shown]]:
    """The (slug, name) of the actors or places with the most published events, named in
    `language` (the page's when None) and in the order its readers look names up."""
    # Counts kept current on every write (events.services.counts), read through an index:
    # no count over every event, however many there are.
    ids = list(
        model.objects.filter(event_count__gt=0)
        .order_by("-event_count", "name")
        .values_list("pk", flat=True)[:limit]
    )
    return sorted(
        ((row.slug, choice_label(row, language)) for row in model.objects.filter(pk__in=ids)),
        key=lambda choice: sort_key(choice[1].text),
    )


@dataclass(frozen=True)
class Corroboration:
    """How well an event's sources back it."""

    # How many independent publishers cite it: copies of one publisher's story (a wire story
    # reprinted by several newspapers, named in each source's `via`) count once.
    publishers: int
    # The citations whose source gives a date for the event, in the order they are cited.
    dated: list[Citation]
    # Whether those dates contradict each other (see `dates_disagree`).
    disagree: bool


def corroboration(event: Event) -> Corroboration:
    """How well `event`'s sources back it, read from its citations and their sources as they
    were fetched with it: the timeline, the event's page and the exports fetch them with the
    event (`for_listing`; the exports read the same rule from plain rows in
    `events.exports.records`), so this adds no query to a page however
    many events it lists."""
    citations = list(event.citations.all())
    dated = [citation for citation in citations if citation.stated is not None]
    return Corroboration(
        publishers=len({citation.source.publisher_key for citation in citations}),
        dated=dated,
        disagree=dates_disagree([citation.stated for citation in dated]),
    )
