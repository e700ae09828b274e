"""The overview: how many events fall in each month (or year) of a view of the timeline."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Func, IntegerField, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from events.dates import display
from events.dates.values import DateSpan, Precision, add_months, iso_value
from events.models import Event

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
