"""What the axis holds in its window: the events one by one when they are few, and always
their counts per period (what it draws when they are many), per lane.

A fixed number of queries whatever the window or the number of events: the counts are
grouped in the database over the index on the events' dates, and at most `MAX_MARKS` + 1
events are read one by one. The view caches the result per filters, window and data
version.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.db.models import Count, QuerySet
from django.utils.translation import gettext, gettext_lazy, ngettext

from events.dates import display
from events.dates.values import DateSpan, Precision, iso_value, last_day, truncate
from events.filters import TimelineFilters
from events.models import Actor, Event, EventType, OccurrenceStatus
from events.selectors import earliest_reaching, filter_events
from events.timeline.axis.window import Window, Zoom
from events.timeline.overview import MonthOf, YearOf, month_counts
from events.translations import shown, shown_in_query

# More events than this in a window are drawn as counts per period, not one by one.
MAX_MARKS = 80


class Lanes(StrEnum):
    NONE = ""
    TYPE = "type"
    ACTOR = "actor"


LANE_CHOICES = (
    (Lanes.NONE, gettext_lazy("One line")),
    (Lanes.TYPE, gettext_lazy("By type")),
    (Lanes.ACTOR, gettext_lazy("By actor")),
)


def read_lanes(value: str | None) -> tuple[Lanes, str | None]:
    if not value:
        return Lanes.NONE, None
    try:
        return Lanes(value), None
    except ValueError:
        message = gettext("“%(value)s” is not a way to lay out the axis; showing one line.")
        return Lanes.NONE, message % {"value": value[:20]}


@dataclass(frozen=True)
class Lane:
    key: str
    name: str


@dataclass(frozen=True)
class Mark:
    """One event on the axis."""

    id: int
    slug: str
    title: str
    start: date
    precision: Precision
    end: date | None
    is_key: bool
    lanes: tuple[str, ...]
    # Whether it took place: drawn hollow, and said, when it did not (yet).
    occurrence: str = OccurrenceStatus.HELD

    @property
    def is_held(self) -> bool:
        return self.occurrence == OccurrenceStatus.HELD

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.start, self.precision, self.end)

    @property
    def last_day(self) -> date:
        return last_day(self.end or self.start, self.precision)

    @property
    def when(self) -> str:
        return display.written(self.span)

    @property
    def description(self) -> str:
        """The mark's name for a screen reader: its title and date, and its status when it
        was not held ("…, 24 April 2021 (Postponed)")."""
        if self.is_held:
            return f"{self.title}, {self.when}"
        return gettext("%(title)s, %(when)s (%(status)s)") % {
            "title": self.title,
            "when": self.when,
            "status": OccurrenceStatus(self.occurrence).label,
        }


@dataclass(frozen=True)
class Bin:
    """How many events of a lane start in a period. `coarse` bins count the events known
    only to that month or year, drawn faint across it."""

    lane: str
    start: date
    precision: Precision
    count: int
    coarse: bool = False
    # A bin of seven days (merged by the layout from days).
    week: bool = False

    @property
    def last(self) -> date:
        if self.week:
            return self.start + timedelta(days=6)
        return last_day(self.start, self.precision)

    @property
    def label(self) -> str:
        if self.week:
            return display.written(DateSpan(self.start, Precision.DAY, self.last))
        return display.written_period(self.start, self.precision)

    @property
    def value(self) -> str:
        return iso_value(self.start, self.precision)

    @property
    def zoom(self) -> Zoom:
        """The zoom that opens this bin's period."""
        return {Precision.YEAR: Zoom.YEAR, Precision.MONTH: Zoom.MONTH}.get(
            Precision(self.precision), Zoom.WEEK
        )

    @property
    def description(self) -> str:
        """The bin in words, its text alternative: "12 events in February 2020"."""
        counted = ngettext("%(count)s event", "%(count)s events", self.count)
        counted %= {"count": display.numerals(self.count)}
        if self.coarse:
            text = gettext("%(events)s dated only to %(period)s") % {
                "events": counted,
                "period": self.label,
            }
        else:
            text = gettext("%(events)s in %(period)s") % {"events": counted, "period": self.label}
        return text


@dataclass(frozen=True)
class Content:
    window: Window
    lanes: list[Lane]
    # The events one by one, or None when there are more than MAX_MARKS.
    marks: list[Mark] | None
    bins: list[Bin]
    # The unit the bins count in: YEAR, MONTH or DAY.
    unit: Precision
    # A search that found more events than this: they are not counted (no bins), and drawn
    # one by one only in a window of a year or less that holds few of them.
    more_than: int | None = None


def _bin_unit(window: Window) -> Precision:
    if window.zoom == Zoom.ALL and window.last.year - window.first.year >= 12:
        return Precision.YEAR
    if window.zoom in (Zoom.ALL, Zoom.DECADE):
        return Precision.MONTH
    return Precision.DAY


def starting_in(events: QuerySet[Event], window: Window) -> QuerySet[Event]:
    """The events that start in the window, or in the month or year it begins in (those
    known only to that month or year cover it). One range of the timeline index."""
    return events.filter(start__gte=truncate(window.first, Precision.YEAR), start__lte=window.last)


def carried_in(events: QuerySet[Event], window: Window) -> QuerySet[Event]:
    """The ranges that started before the year the window begins in and run into it: few,
    and read from the index of starts no further back than the earliest month whose events
    reach that year (as the counts kept per month tell)."""
    year = truncate(window.first, Precision.YEAR)
    return events.filter(
        end__isnull=False, end__gte=year, start__lt=year, start__gte=earliest_reaching(year)
    )


def _overlaps(row: dict, window: Window) -> bool:
    last = last_day(row["end"] or row["start"], Precision(row["precision"]))
    return row["start"] <= window.last and last >= window.first


def _month_rows(
    selected: QuerySet[Event], filters: TimelineFilters, window: Window, unit: Precision
) -> list[dict]:
    """The rows `starting_in` would count, by month or year, from `month_counts`."""
    counts = month_counts(
        selected, filters, first=truncate(window.first, Precision.YEAR), last=window.last
    )
    totals: dict[tuple[int, int, int], int] = defaultdict(int)
    for (year, month, precision), (n, _key) in counts.items():
        totals[(year, month if unit == Precision.MONTH else 0, precision)] += n
    return [
        {"y": year, **({"m": month} if month else {}), "precision": precision, "n": n}
        for (year, month, precision), n in totals.items()
    ]


def content(
    events: QuerySet[Event], filters: TimelineFilters, window: Window, lanes: Lanes
) -> Content:
    """What the axis draws in `window` for the events `filters` select."""
    chosen: Sequence[Actor] = filters.actors if lanes == Lanes.ACTOR else ()
    if lanes == Lanes.ACTOR and not chosen:
        lanes = Lanes.NONE
    # The reader's filters, their own period included; the window narrows further below.
    selected = filter_events(events, filters).order_by()
    unit = _bin_unit(window)
    more_than = filters.matches.limit if filters.matches and filters.matches.more else None

    # The lanes, in the order they are drawn.
    lane_list: list[Lane] = [Lane("", "")]
    if lanes == Lanes.TYPE and more_than:
        # Every type (few), rather than the types of every match.
        names = (
            EventType.objects.annotate(lane_name=shown_in_query("name"))
            .values_list("slug", "lane_name", "name")
            .order_by("name")
        )
        lane_list = [Lane(slug, name) for slug, name, _ in names]
    elif lanes == Lanes.TYPE:
        # Named in the page's language; in the same order in every language (the English).
        names = (
            selected.annotate(lane_name=shown_in_query("type__name"))
            .values_list("type__slug", "lane_name", "type__name")
            .distinct()
            .order_by("type__name")
        )
        lane_list = [Lane(slug or "", name or gettext("No type")) for slug, name, _ in names]
    elif lanes == Lanes.ACTOR:
        lane_list = [
            Lane(actor.slug, shown(actor, "name").text) for actor in sorted(chosen, key=str)
        ]

    # Counts per period (and per lane) of the events starting in them, grouped by the
    # database over the timeline index (status, start, precision): no event row is read
    # unless a filter or the lanes ask for one of its columns.
    counted = starting_in(selected, window)
    if lanes == Lanes.ACTOR:
        through = Event.actors.through.objects.filter(
            actor__in=chosen, event__in=counted.values("pk")
        )
        grouped = through
        prefix = "event__"
        lane_field = "actor__slug"
    else:
        grouped = counted
        prefix = ""
        lane_field = "type__slug" if lanes == Lanes.TYPE else None
    fields = [f"{prefix}precision", *([lane_field] if lane_field else [])]
    if more_than:
        # Counting them would read every match's event (`PEACETRACKER_SEARCH_COUNT_LIMIT`).
        rows = []
    elif (
        lanes == Lanes.NONE
        and unit != Precision.DAY
        # Whole months only: a month's count cannot be cut at a day.
        and window.last == last_day(window.last, Precision.MONTH)
    ):
        # Counted by month and year from the counts kept per month on every write where
        # the filters allow (overview.month_counts), not over every event in the window.
        rows = _month_rows(selected, filters, window, unit)
    elif unit == Precision.DAY:
        rows = (
            grouped.values(f"{prefix}start", *fields).annotate(n=Count(f"{prefix}id")).order_by()
        )
    else:
        grouped = grouped.annotate(y=YearOf(f"{prefix}start"))
        if unit == Precision.MONTH:
            grouped = grouped.annotate(m=MonthOf(f"{prefix}start"))
            rows = grouped.values("y", "m", *fields).annotate(n=Count(f"{prefix}id")).order_by()
        else:
            rows = grouped.values("y", *fields).annotate(n=Count(f"{prefix}id")).order_by()
    totals: dict[tuple[str, date, Precision, bool], int] = defaultdict(int)
    for row in rows:
        precision = Precision(row[f"{prefix}precision"])
        if unit == Precision.DAY:
            start = row[f"{prefix}start"]
        else:
            start = date(row["y"], row.get("m") or 1, 1)
        # An event known less precisely than the unit is counted across its own period.
        coarse = precision < unit
        period = precision if coarse else unit
        lane = (row.get(lane_field) or "") if lane_field else ""
        totals[(lane, truncate(start, period), period, coarse)] += row["n"]
    bins = [
        Bin(lane=lane, start=start, precision=period, count=n, coarse=coarse)
        for (lane, start, period, coarse), n in sorted(totals.items(), key=_bin_order)
        if window.first <= last_day(start, period) and start <= window.last
    ]

    # The events one by one, when there are few enough to draw so: those starting in the
    # window and the long ones running into it, each read up to one more than can be drawn.
    fields = (
        "id",
        "slug",
        "start",
        "precision",
        "end",
        "is_key",
        "type__slug",
        "occurrence",
    )
    year = truncate(window.first, Precision.YEAR)
    parts = (
        # The whole timeline's window starts before any event.
        selected.none() if window.zoom == Zoom.ALL else carried_in(selected, window),
        # Known to a month or year that began before the window: it may cover the window.
        selected.filter(start__gte=year, start__lt=window.first, precision__lt=Precision.DAY),
        selected.filter(start__gte=window.first, start__lte=window.last),
    )
    if more_than and window.zoom in (Zoom.ALL, Zoom.DECADE):
        # More matches than the limit, and a window that may hold them all: too many to draw
        # one by one, and not worth reading to find out.
        parts = ()
    rows = [
        row
        for part in parts
        # The title in the page's language, or the English (events.translations).
        for row in part.chronological().values(*fields, shown_title=shown_in_query("title"))[
            : MAX_MARKS + 1
        ]
        if _overlaps(row, window)
    ]
    marks: list[Mark] | None = None
    if parts and len(rows) <= MAX_MARKS:
        in_lanes: dict[int, list[str]] = defaultdict(list)
        if lanes == Lanes.ACTOR:
            pairs = Event.actors.through.objects.filter(
                actor__in=chosen, event_id__in=[row["id"] for row in rows]
            ).values_list("event_id", "actor__slug")
            for event_id, slug in pairs:
                in_lanes[event_id].append(slug)
        marks = [
            Mark(
                id=row["id"],
                slug=row["slug"],
                title=row["shown_title"],
                start=row["start"],
                precision=Precision(row["precision"]),
                end=row["end"],
                is_key=row["is_key"],
                occurrence=row["occurrence"],
                lanes=tuple(
                    sorted(in_lanes[row["id"]])
                    if lanes == Lanes.ACTOR
                    else [row["type__slug"] or ""]
                    if lanes == Lanes.TYPE
                    else [""]
                ),
            )
            for row in rows
        ]
    if more_than and lanes == Lanes.TYPE and marks and any(not m.lanes[0] for m in marks):
        lane_list.append(Lane("", gettext("No type")))
    return Content(
        window=window, lanes=lane_list, marks=marks, bins=bins, unit=unit, more_than=more_than
    )


def _bin_order(item: tuple) -> tuple:
    (lane, start, _period, coarse), _ = item
    return (lane, not coarse, start)
