"""The overview: how many events fall in each month (or year) of a view of the timeline."""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Func, IntegerField, Q, QuerySet

from events.dates import display
from events.dates.values import DateSpan, Precision, add_months, iso_value, last_day, truncate
from events.filters import TimelineFilters
from events.models import Event, MonthCount, TypeMonthCount
from events.selectors import filter_events, furthest_reach, without_words

# How many events fall in each month (or year) of the filtered period: the years the list can
# jump to and the stretch the axis's whole view spans.

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
    # A search that found more events than this (`PEACETRACKER_SEARCH_COUNT_LIMIT`): they are
    # not counted, and the bars count the view without its words, the periods the matches
    # can fall in (the axis's extent, the years to jump to), not the matches.
    more_than: int | None = None

    @property
    def precision(self) -> Precision | None:
        return self.bars[0].precision if self.bars else None

    @property
    def period(self) -> str:
        """The stretch the bars cover, each period said once: "October 2020", "from
        October 2020 to March 2021"."""
        if not self.bars:
            return ""
        precision = Precision(self.bars[0].precision)
        return display.written_between(
            DateSpan(self.bars[0].start, precision), DateSpan(self.bars[-1].start, precision)
        )

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


def overview(events: QuerySet[Event], filters: TimelineFilters | None = None) -> Overview:
    """Counts per month, or per year for spans over ten years, from the first event to the
    last, empty periods included. With `filters`, `events` are the published events they
    select, and the counts are read from those kept per month where the filters allow
    (`month_counts`); without, `events` are counted as they are."""
    if filters is not None and filters.matches is not None and filters.matches.more:
        # Counting a search's every match would read each one's event: the view without
        # the words is read instead (from the kept counts where its filters allow).
        wider = without_words(filters)
        around = overview(filter_events(Event.objects.published(), wider), wider)
        return replace(around, more_than=filters.matches.limit)
    first, last = _span(events)
    if first is None or last is None:
        return Overview(bars=[])
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    by_month = months <= MAX_MONTH_BARS
    counts = _counted(events) if filters is None else month_counts(events, filters)
    year_only: dict[int, int] = {}
    totals: dict[tuple[int, int], tuple[int, int]] = {}
    for (year, month, precision), (n, k) in counts.items():
        if by_month and precision == Precision.YEAR:
            # An event known only to its year belongs to no month: it is shown apart.
            year_only[year] = year_only.get(year, 0) + n
            continue
        at = (year, month if by_month else 1)
        before = totals.get(at, (0, 0))
        totals[at] = (before[0] + n, before[1] + k)
    if by_month:
        periods = [add_months(first, i) for i in range(months)]
        precision = Precision.MONTH
    else:
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


def _span(events: QuerySet[Event]) -> tuple[date | None, date | None]:
    """The first month an event starts in and the last day one names. The first and last
    start are two reads in index order, in one statement; then the latest end, read from the
    index of ends between the last start and the furthest any event starting by then can
    reach (as the counts kept per month tell), where one aggregate would read every event."""
    reads = [
        events.order_by("start").values("start")[:1],
        events.order_by("-start").values("start")[:1],
    ]
    sql, params = [], []
    for read in reads:
        try:
            one, its = read.query.sql_with_params()
        except EmptyResultSet:
            return None, None  # filters that can select nothing ("from" after "to")
        sql.append(f"({one})")
        params.extend(its)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(sql)}", params)
        # Read through a subquery, a date comes back as text from SQLite.
        first, last_start = (
            date.fromisoformat(value) if isinstance(value, str) else value
            for value in cursor.fetchone()
        )
    if first is None:
        return None, None
    last_end = (
        events.filter(end__gt=last_start, end__lte=furthest_reach(last_start))
        .order_by("-end")
        .values_list("end", flat=True)
        .first()
    )
    return date(first.year, first.month, 1), max(last_end or last_start, last_start)


# (year, month, precision) -> (events, key events)
Counts = dict[tuple[int, int, int], tuple[int, int]]


def month_counts(
    selected: QuerySet[Event],
    filters: TimelineFilters,
    *,
    first: date | None = None,
    last: date | None = None,
) -> Counts:
    """How many of the `selected` events (the published events `filters` select) start in
    each month from the month of `first` to the month of `last` (None: no bound).

    Where the filters narrow to nothing but a type, a status or a period, the months that
    lie wholly inside the period are read from the counts kept per month (MonthCount,
    TypeMonthCount), a few rows each whatever the number of events; only the edges of the
    period (a month it cuts, the events of earlier months that run into it) are counted,
    through the index of starts. Other filters (words, actors, places) are counted: they
    select their events through their own indexes."""
    first = truncate(first, Precision.MONTH) if first else None
    last = truncate(last, Precision.MONTH) if last else None
    if filters.q or filters.actors or filters.places:
        return _counted(_starting_in_months(selected, first, last))
    period_first, period_last = filters.period
    # The months wholly inside the period: every event starting in one is in the view.
    inner_first, inner_last = first, last
    if period_first:
        whole = truncate(period_first, Precision.MONTH)
        if whole != period_first:
            whole = add_months(whole, 1)
        inner_first = max(inner_first, whole) if inner_first else whole
    if period_last:
        whole = truncate(period_last, Precision.MONTH)
        if period_last != last_day(whole, Precision.MONTH):
            whole = add_months(whole, -1)
        inner_last = min(inner_last, whole) if inner_last else whole
    if inner_first and inner_last and inner_first > inner_last:
        return _counted(_starting_in_months(selected, first, last))
    counts = _kept_between(filters, inner_first, inner_last)
    edges = []
    if period_first and inner_first:
        edges.append(_starting_in_months(selected, first, add_months(inner_first, -1)))
    if period_last and inner_last:
        edges.append(_starting_in_months(selected, add_months(inner_last, 1), last))
    for edge in edges:
        for key, (n, k) in _counted(edge).items():
            _add(counts, key, n, k)
    return counts


def _add(counts: Counts, key: tuple[int, int, int], n: int, key_events: int) -> None:
    before = counts.get(key, (0, 0))
    counts[key] = (before[0] + n, before[1] + key_events)


def _starting_in_months(
    events: QuerySet[Event], first: date | None, last: date | None
) -> QuerySet[Event]:
    """The events starting from the first day of month `first` to the end of month `last`."""
    if first:
        events = events.filter(start__gte=first)
    if last:
        events = events.filter(start__lt=add_months(last, 1))
    return events


def _kept_between(filters: TimelineFilters, first: date | None, last: date | None) -> Counts:
    """The kept counts of the months from `first` to `last` (None: no bound), of the
    filters' type and status."""
    if filters.type or filters.occurrence:
        rows = TypeMonthCount.objects.all()
        if filters.type:
            rows = rows.filter(type=filters.type)
        if filters.occurrence:
            rows = rows.filter(occurrence=filters.occurrence)
    else:
        rows = MonthCount.objects.all()
    if first:
        rows = rows.filter(year__gte=first.year)
    if last:
        rows = rows.filter(year__lte=last.year)
    counts: Counts = {}
    for year, month, precision, is_key, n in rows.values_list(
        "year", "month", "precision", "is_key", "count"
    ):
        month_start = date(year, month, 1)
        if (first and month_start < first) or (last and month_start > last):
            continue
        _add(counts, (year, month, precision), n, n if is_key else 0)
    return counts


def _counted(events: QuerySet[Event]) -> Counts:
    rows = (
        events.order_by()
        .annotate(year=YearOf("start"), month=MonthOf("start"))
        .values("year", "month", "precision")
        .annotate(n=Count("id"), k=Count("id", filter=Q(is_key=True)))
    )
    return {(row["year"], row["month"], row["precision"]): (row["n"], row["k"]) for row in rows}
