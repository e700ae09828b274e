"""A page of the timeline under its year and month headings."""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from events.dates import display
from events.dates.values import Precision
from events.models import Event


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
