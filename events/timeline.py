"""Reading the timeline: filtering published events and cutting them into keyset pages.

Shared by every view of the timeline (the page, and later the API and exports), so that a
filter or a page address means the same thing everywhere.
"""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import Count, Func, IntegerField, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from events.dates import display
from events.dates.values import Precision, add_months, iso_value, truncate
from events.models import Event

# The address parameters that say which page of a view to show, not which events are in it.
PAGE_POSITION = ("after", "before", "at", "latest")


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
    at: date | None = None,
) -> Page:
    """One page of `events` in timeline order: the first, the one after or before a cursor,
    the one starting `at` a date, or the latest. Keyset pagination: costs the same at the
    end of the timeline as at the start, and a page address keeps meaning the same page when
    events are added elsewhere."""
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
        elif at is not None:
            # Jumping to a period: the page opens with its first event.
            forward = forward.filter(start__gte=at)
        rows = list(forward[: size + 1])
        has_later = len(rows) > size
        rows = rows[:size]
        has_earlier = (
            (after is not None or at is not None)
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
        return display.written_period(date(self.year, self.month, 1), Precision.MONTH)

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
    def name(self) -> str:
        return display.written_period(date(self.year, 1, 1), Precision.YEAR)

    @property
    def anchor(self) -> str:
        return f"y{self.year:04d}"


def group_by_period(events: Iterable[Event]) -> list[YearGroup]:
    """Events in timeline order, grouped under their year and, below a year, their month.

    Each group is a feed of its own; every event is told its place in it and the feed's
    size (`feed_position`, `feed_size`), for the ARIA feed pattern.
    """
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
        for feed in (group.events, *(month.events for month in group.months)):
            for position, event in enumerate(feed, start=1):
                event.feed_position, event.feed_size = position, len(feed)
        years.append(group)
    return years


# The overview strip: how many events fall in each month (or year) of the filtered period.

MAX_MONTH_BARS = 120  # beyond ten years of months, bars count years instead


@dataclass(frozen=True)
class Bar:
    start: date
    precision: Precision  # MONTH or YEAR
    count: int
    key_count: int
    current: bool = False

    @property
    def label(self) -> str:
        return display.written_period(self.start, self.precision)

    @property
    def value(self) -> str:
        return iso_value(self.start, self.precision)

    @property
    def description(self) -> str:
        """The bar in words, its text alternative: "12 events in February 2020 (2 key)"."""
        events = "1 event" if self.count == 1 else f"{self.count} events"
        key = f", {self.key_count} key" if self.key_count else ""
        return f"{events} in {self.label}{key}"


@dataclass(frozen=True)
class Overview:
    bars: list[Bar]
    # Month view only: per year, events known only to the year (they belong to no month bar).
    year_only: dict[int, int] = field(default_factory=dict)

    @property
    def precision(self) -> Precision | None:
        return self.bars[0].precision if self.bars else None

    @property
    def highest(self) -> int:
        return max((bar.count for bar in self.bars), default=0)

    @property
    def years(self) -> list[int]:
        return sorted({bar.start.year for bar in self.bars if bar.count} | set(self.year_only))


class YearOf(Func):
    """The year of a date, in each database's own fast SQL (Django's own on SQLite calls
    back into Python for every row)."""

    output_field = IntegerField()
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 1, 4) AS integer)"
        )


class MonthOf(Func):
    output_field = IntegerField()
    template = "CAST(EXTRACT(MONTH FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 6, 2) AS integer)"
        )


def overview(events: QuerySet[Event]) -> Overview:
    """Counts per month, or per year for spans over ten years, from the first event to the
    last, empty periods included."""
    span = events.aggregate(first=Min("start"), last=Max(Coalesce("end", "start")))
    if span["first"] is None:
        return Overview(bars=[])
    first, last = span["first"], span["last"]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    by_month = months <= MAX_MONTH_BARS
    counted = events.order_by().annotate(year=YearOf("start"))
    key = Count("id", filter=Q(is_key=True))
    year_only: dict[int, int] = {}
    if by_month:
        # An event known only to its year belongs to no month: it is shown apart.
        year_rows = counted.filter(precision=Precision.YEAR).values("year")
        for row in year_rows.annotate(n=Count("id")):
            year_only[row["year"]] = row["n"]
        rows = (
            counted.exclude(precision=Precision.YEAR)
            .annotate(month=MonthOf("start"))
            .values("year", "month")
            .annotate(n=Count("id"), k=key)
        )
        totals = {(row["year"], row["month"]): (row["n"], row["k"]) for row in rows}
        periods = [add_months(first, i) for i in range(months)]
        precision = Precision.MONTH
    else:
        rows = counted.values("year").annotate(n=Count("id"), k=key)
        totals = {(row["year"], 1): (row["n"], row["k"]) for row in rows}
        periods = [date(year, 1, 1) for year in range(first.year, last.year + 1)]
        precision = Precision.YEAR
    bars = [
        Bar(
            start=period,
            precision=precision,
            count=totals.get((period.year, period.month), (0, 0))[0],
            key_count=totals.get((period.year, period.month), (0, 0))[1],
        )
        for period in periods
    ]
    return Overview(bars=bars, year_only=year_only)


def mark_page(strip: Overview, page: list[Event]) -> Overview:
    """The strip with the bars that hold `page`'s events marked as current."""
    if not strip.bars or not page:
        return strip
    precision = strip.bars[0].precision
    first, last = truncate(page[0].start, precision), truncate(page[-1].start, precision)
    bars = [replace(bar, current=first <= bar.start <= last) for bar in strip.bars]
    return Overview(bars=bars, year_only=strip.year_only)


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    x: float
    width: float
    y: float
    height: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str

    @property
    def anchor(self) -> str:
        # A label at the right edge ends there instead of running off the strip.
        return "end" if self.x > STRIP_WIDTH - 60 else "start"


@dataclass(frozen=True)
class Band:
    """Events of a year known only to the year, drawn across its months."""

    x: float
    width: float
    year: int
    count: int

    @property
    def description(self) -> str:
        events = "1 event" if self.count == 1 else f"{self.count} events"
        year = display.written_period(date(self.year, 1, 1), Precision.YEAR)
        return f"{events} dated only to {year}"


# The strip's drawing space (an SVG viewBox); the page scales it to its width.
STRIP_WIDTH, STRIP_HEIGHT, BAR_TOP, BAR_BOTTOM = 1000, 100, 14, 72


def layout(strip: Overview) -> tuple[list[DrawnBar], list[Tick], list[Band]]:
    """Where each bar, year label and year-only band goes in the strip's drawing space."""
    if not strip.bars:
        return [], [], []
    slot = STRIP_WIDTH / len(strip.bars)
    tallest = max(strip.highest, 1)
    drawn = []
    for index, bar in enumerate(strip.bars):
        height = (BAR_BOTTOM - BAR_TOP) * bar.count / tallest
        drawn.append(
            DrawnBar(
                bar=bar,
                x=round(index * slot + slot * 0.1, 2),
                width=round(max(slot * 0.8, 1), 2),
                y=round(BAR_BOTTOM - height, 2),
                height=round(height, 2),
            )
        )
    ticks: list[Tick] = []
    for index, bar in enumerate(strip.bars):
        if bar.start.month == 1 or index == 0:
            x = round(index * slot, 2)
            # Labels need room: skip those that would overlap the previous one.
            if not ticks or x - ticks[-1].x >= 90:
                label = display.written_period(bar.start, Precision.YEAR)
                ticks.append(Tick(x=x, label=label))
    bands = []
    for year, count in sorted(strip.year_only.items()):
        indexes = [i for i, bar in enumerate(strip.bars) if bar.start.year == year]
        if indexes:
            bands.append(
                Band(
                    x=round(indexes[0] * slot, 2),
                    width=round(len(indexes) * slot, 2),
                    year=year,
                    count=count,
                )
            )
    return drawn, ticks, bands
