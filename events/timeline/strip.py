"""Drawing the overview as a strip: where each bar, year label and band goes (an SVG drawn
on the server)."""

from dataclasses import dataclass
from datetime import date

from events.dates import display
from events.dates.values import Precision
from events.timeline.overview import Bar, Overview


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
