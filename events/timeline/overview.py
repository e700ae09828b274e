"""The overview: how many events fall in each month (or year) of a view of the timeline."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Func, IntegerField, Q, QuerySet, Value

from events.dates import display
from events.dates.values import DateSpan, Precision, add_months, iso_value
from events.models import Event, MonthCount

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


def overview(events: QuerySet[Event], *, every_published: bool = False) -> Overview:
    """Counts per month, or per year for spans over ten years, from the first event to the
    last, empty periods included. `every_published`: `events` is every published event,
    whose counts are kept per month on every write (MonthCount) and read from there."""
    first, last = _span(events)
    if first is None or last is None:
        return Overview(bars=[])
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    by_month = months <= MAX_MONTH_BARS
    counts = _kept_counts() if every_published else _counted(events, by_month=by_month)
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
    """The first month an event starts in and the last day one reaches: three reads in
    index order (the first and last start on the timeline's index, the last end of a range
    on the index of ranges' ends), in one statement, where one aggregate would read every
    event."""
    reads = [
        events.order_by("start").values("start")[:1],
        events.order_by("-start").values("start")[:1],
        events.filter(end__isnull=False).order_by("-end").values("end")[:1],
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
        first, last_start, last_end = (
            date.fromisoformat(value) if isinstance(value, str) else value
            for value in cursor.fetchone()
        )
    if first is None:
        return None, None
    last = max(day for day in (last_start, last_end) if day is not None)
    return date(first.year, first.month, 1), last


# (year, month, precision) -> (events, key events)
Counts = dict[tuple[int, int, int], tuple[int, int]]


def _kept_counts() -> Counts:
    counts: Counts = {}
    for row in MonthCount.objects.values_list("year", "month", "precision", "is_key", "count"):
        year, month, precision, is_key, n = row
        before = counts.get((year, month, precision), (0, 0))
        counts[(year, month, precision)] = (before[0] + n, before[1] + (n if is_key else 0))
    return counts


def _counted(events: QuerySet[Event], *, by_month: bool) -> Counts:
    counted = events.order_by().annotate(year=YearOf("start"))
    key = Count("id", filter=Q(is_key=True))
    if by_month:
        rows = counted.annotate(month=MonthOf("start")).values("year", "month", "precision")
    else:
        rows = counted.annotate(month=Value(1)).values("year", "month", "precision")
    return {
        (row["year"], row["month"], row["precision"]): (row["n"], row["k"])
        for row in rows.annotate(n=Count("id"), k=key)
    }
