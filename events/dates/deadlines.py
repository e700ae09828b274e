"""A promise's deadline and whether what kept it came in time.

A deadline is a date with a precision ("by March 2020": any day up to 31 March keeps it), or
"within N days (or months) of" another dated thing (the signing). Where that date is known
only to the month or year, so is the deadline: it may fall on any of several days, and the
last of them is the one that counts — a promise kept by then was kept on time.

Days late are counted after the deadline's last day, from the first day the keeping event
may have fallen on. No words for readers here: `display` writes them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models.enums import TextChoices

from events.dates.values import DateSpan, Precision, days_covered, last_day, months_later


class Unit(TextChoices):
    DAY = "days", "days"
    MONTH = "months", "months"


@dataclass(frozen=True)
class Deadline:
    # The first and the last day the deadline may fall on (the same day when known exactly).
    earliest: date
    latest: date
    # A stated date ("March 2020"), or None for one counted from another date.
    stated: DateSpan | None = None
    # "Within `count` `unit` of `counted_from`".
    count: int | None = None
    unit: Unit | None = None
    counted_from: DateSpan | None = None

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def span(self) -> DateSpan:
        """The deadline as a date to show: the stated one, or the days it may fall on."""
        if self.stated is not None:
            return self.stated
        end = None if self.exact else self.latest
        return DateSpan(self.earliest, Precision.DAY, end)

    @property
    def due(self) -> str:
        """One ISO value, for what takes no interval (HTML's <time>): the stated date, or the
        last day the deadline may fall on."""
        if self.stated is not None:
            return self.stated.value
        return self.latest.isoformat()

    @property
    def value(self) -> str:
        """ISO 8601: "2020-03", "2021-04-29", or an interval of the days it may fall on."""
        return self.span.value


def stated(span: DateSpan) -> Deadline:
    """A deadline given as a date: "by 10 March 2020", "by March 2020", "in 2021"."""
    first, last = days_covered(DateSpan(span.start, span.precision))
    return Deadline(earliest=first, latest=last, stated=DateSpan(span.start, span.precision))


def within(count: int, unit: Unit | str, counted_from: DateSpan) -> Deadline:
    """A deadline `count` days or months after a date: counted from its start (a signing
    on 29 February 2020, the first day of talks over several days)."""
    unit = Unit(unit)
    first = counted_from.start
    last = last_day(counted_from.start, Precision(counted_from.precision))

    def later(day: date) -> date:
        if unit == Unit.DAY:
            return day + timedelta(days=count)
        return months_later(day, count)

    return Deadline(
        earliest=later(first),
        latest=later(last),
        count=count,
        unit=unit,
        counted_from=DateSpan(counted_from.start, Precision(counted_from.precision)),
    )


@dataclass(frozen=True)
class Timing:
    """When a promise was kept against its deadline: on time, late by `days_late` days (at
    least that many when `exact` is False: the event is known only to the month or year),
    or, when `on_time` is None, the dates cannot tell (the event's month holds the
    deadline's last day)."""

    on_time: bool | None
    days_late: int = 0
    exact: bool = True


def timing(deadline: Deadline, done: DateSpan) -> Timing:
    """Whether `done` (the keeping event's date; a span counts from its start) met
    `deadline`."""
    first = done.start
    last = last_day(done.start, Precision(done.precision))
    if last <= deadline.latest:
        return Timing(on_time=True)
    if first > deadline.latest:
        return Timing(on_time=False, days_late=(first - deadline.latest).days, exact=first == last)
    return Timing(on_time=None)


def before(deadline: Deadline, span: DateSpan) -> bool:
    """Whether the deadline falls wholly before `span` begins: a promise cannot be due
    before it was made."""
    return deadline.latest < span.start
