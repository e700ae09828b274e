"""A page of the timeline under its year and month headings, with the phases of the process
marked where they begin."""

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from events.dates import display
from events.dates.values import Precision
from events.models import Event, Phase
from events.timeline.phases import PhaseMarker, markers_before

# How many events a first screen can show, on the largest screens.
FIRST_SCREEN = 4


@dataclass
class Run:
    """Events listed as one feed, after the phase markers that open it (if any)."""

    markers: list[PhaseMarker]
    events: list[Event]


@dataclass
class MonthGroup:
    year: int
    month: int
    events: list[Event] = field(default_factory=list)
    # The events again, cut where a phase marker stands between two of them.
    runs: list[Run] = field(default_factory=list)

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
    runs: list[Run] = field(default_factory=list)

    @property
    def name(self) -> str:
        return display.written_period(date(self.year, 1, 1), Precision.YEAR)

    @property
    def anchor(self) -> str:
        return f"y{self.year:04d}"


def group_by_period(
    events: Iterable[Event],
    *,
    phases: Iterable[Phase] = (),
    more_above: bool = False,
    newest: bool = False,
) -> list[YearGroup]:
    """Events in the page's order, grouped under their year and, below a year, their month;
    each group's events cut into runs where the marker of one of `phases` stands (see
    `markers_before`: `more_above` says whether pages come before this one, `newest` which
    way the list runs).

    Each run is a feed of its own (a marker is no article, so it stands between feeds); every
    event is told its place in it and the feed's size (`feed_position`, `feed_size`), for the
    ARIA feed pattern.
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
        years.append(group)
    groups: list[YearGroup | MonthGroup] = [
        group for year in years for group in (year, *year.months)
    ]
    # Markers follow the order events are shown in: a year's own events before its months.
    listed = [event for group in groups for event in group.events]
    # The first events shown are laid out with the page (site.css lets the browser skip the
    # others until it is idle): skipping them saves nothing, and a browser under load that
    # lays them out a frame late shifts everything below them.
    # Every event is told (a name a template looks up and misses costs it an exception).
    for position, event in enumerate(listed):
        event.first_screen = position < FIRST_SCREEN
    before = markers_before(listed, phases, more_above=more_above, newest=newest)
    for group in groups:
        group.runs = _runs(group.events, before)
    return years


def _runs(events: list[Event], markers: Mapping[int, list[PhaseMarker]]) -> list[Run]:
    runs: list[Run] = []
    for event in events:
        if not runs or event.pk in markers:
            runs.append(Run(markers=markers.get(event.pk, []), events=[]))
        runs[-1].events.append(event)
    for run in runs:
        for position, event in enumerate(run.events, start=1):
            event.feed_position, event.feed_size = position, len(run.events)
    return runs
