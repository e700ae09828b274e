"""The agreement page's chart: one row per commitment, its deadline and the event that kept
it joined by a line along a shared time scale, drawn late as late.

Two drawings (SVG viewBoxes), as for the timeline's axis: a wide one for desks and a narrow
one for phones (site.css shows one), each laid out for the width it is shown at so that its
labels stay readable. Rows are numbered as the commitments are in the table beside them,
which says everything the chart shows in words.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext, ngettext

from events.agreements import Assessed, Standing
from events.dates import display
from events.dates.values import Precision, add_months, last_day, truncate
from events.models import Event
from events.translations import shown


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    gutter: int  # the row numbers' column
    row: int
    font: int
    top: int  # the tick labels' band


WIDE = Size("wide", 740, gutter=30, row=34, font=11, top=34)
# Shown about 328 px wide on a 360 px phone: a unit is about 0.9 px.
NARROW = Size("narrow", 360, gutter=26, row=40, font=12, top=34)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    # The year, under the first tick and each January's (empty otherwise).
    year: str = ""


@dataclass(frozen=True)
class Dot:
    x: float
    effect: str  # kept, step, broke, superseded
    title: str  # for the drawing's tooltips: the event and its date
    url: str


@dataclass
class Row:
    number: int
    y: float
    # The deadline: a diamond at its last day, and the days it may fall on as a band.
    deadline_x: float | None = None
    band: tuple[float, float] | None = None
    deadline_title: str = ""
    # The line from the deadline to the event that kept, broke or superseded it.
    line: tuple[float, float] | None = None
    # late, on-time, unclear, broken, superseded, or empty.
    state: str = ""
    note: str = ""
    note_x: float = 0.0
    dots: list[Dot] = field(default_factory=list)


@dataclass(frozen=True)
class Drawing:
    name: str
    width: int
    height: int
    font: int
    gutter: int
    top: int
    ticks: list[Tick]
    agreement_x: float
    agreement_label: str
    rows: list[Row]


def _ticks(first: date, last: date, x: Callable[[date], float], size: Size) -> list[Tick]:
    days = (last - first).days
    per_tick = days / max(1, (size.width - size.gutter) / 60)  # a label needs ~60 units
    if per_tick <= 31:
        step, precision = 1, Precision.MONTH
    elif per_tick <= 92:
        step, precision = 3, Precision.MONTH
    elif per_tick <= 183:
        step, precision = 6, Precision.MONTH
    else:
        step, precision = 12 * max(1, round(per_tick / 365)), Precision.YEAR
    tick = truncate(first, Precision.MONTH)
    if precision == Precision.YEAR:
        tick = truncate(first, Precision.YEAR)
    while (tick.month - 1) % min(step, 12):
        tick = add_months(tick, 1)
    ticks: list[Tick] = []
    while tick <= last:
        if tick >= first:
            if precision == Precision.YEAR:
                ticks.append(Tick(x(tick), display.written_period(tick, Precision.YEAR)))
            else:
                year = not ticks or tick.month == 1
                ticks.append(
                    Tick(
                        x(tick),
                        display.month_of(tick, short=True),
                        display.written_period(tick, Precision.YEAR) if year else "",
                    )
                )
        tick = add_months(tick, step)
    return ticks


def _note(item: Assessed) -> tuple[str, str]:
    """The row's state and the few words written beside its line."""
    if item.standing == Standing.KEPT:
        if item.timing is None:
            return "", gettext("kept")
        if item.timing.on_time:
            return "on-time", gettext("kept on time")
        if item.timing.on_time is None:
            return "unclear", gettext("kept about the deadline")
        days = item.timing.days_late
        if item.timing.exact:
            text = ngettext("%(days)s day late", "%(days)s days late", days)
        else:
            text = ngettext("at least %(days)s day late", "at least %(days)s days late", days)
        return "late", text % {"days": display.numerals(days)}
    if item.standing == Standing.BROKEN:
        return "broken", gettext("broken")
    if item.standing == Standing.SUPERSEDED:
        return "superseded", gettext("superseded")
    if item.overdue:
        return "overdue", gettext("deadline passed")
    return "", ""


def draw(agreement: Event, assessed: list[Assessed], size: Size) -> Drawing:
    """The chart of `assessed` (the agreement's commitments) at one width."""
    first = agreement.start
    days: list[date] = [last_day(agreement.start, Precision(agreement.precision))]
    for item in assessed:
        if item.deadline is not None:
            days += [item.deadline.earliest, item.deadline.latest]
        days += [o.event.start for o in item.outcomes]
    last = max(days)
    # At least a few weeks across, and a margin either side for the marks.
    span = max((last - first).days, 30)
    margin = max(3, round(span * 0.04))
    first, last = first - timedelta(days=margin), last + timedelta(days=margin)
    plot = size.width - size.gutter - 8

    def x(day: date) -> float:
        return round(size.gutter + (day - first).days / (last - first).days * plot, 1)

    rows = []
    for number, item in enumerate(assessed, start=1):
        row = Row(number=number, y=size.top + (number - 0.5) * size.row)
        if item.deadline is not None:
            row.deadline_x = x(item.deadline.latest)
            row.deadline_title = gettext("Deadline: %(date)s") % {
                "date": display.written(item.deadline.span)
            }
            if not item.deadline.exact:
                row.band = (x(item.deadline.earliest), x(item.deadline.latest))
        for outcome in item.outcomes:
            event = outcome.event
            row.dots.append(
                Dot(
                    x(event.start),
                    outcome.effect,
                    f"{shown(event, 'title').text} ({event.when}): {outcome.get_effect_display()}",
                    event.get_absolute_url(),
                )
            )
        row.state, row.note = _note(item)
        if item.deciding is not None and row.deadline_x is not None:
            row.line = (row.deadline_x, x(item.deciding.start))
        # The words go right of the marks, or left of them where the right is full.
        marks = [dot.x for dot in row.dots] + [row.deadline_x or size.gutter]
        right = max(marks) + 10
        width = len(row.note) * size.font * 0.6
        row.note_x = (
            right if right + width <= size.width else max(size.gutter, min(marks) - 10 - width)
        )
        rows.append(row)
    return Drawing(
        name=size.name,
        width=size.width,
        height=round(size.top + len(rows) * size.row + 6),
        font=size.font,
        gutter=size.gutter,
        top=size.top,
        ticks=_ticks(first, last, x, size),
        agreement_x=x(agreement.start),
        agreement_label=gettext("Agreed %(date)s") % {"date": agreement.when},
        rows=rows,
    )


def drawings(agreement: Event, assessed: list[Assessed]) -> list[Drawing]:
    """Both drawings of the chart; none when no commitment has a date to draw."""
    if not any(item.deadline or item.outcomes for item in assessed):
        return []
    return [draw(agreement, assessed, size) for size in (WIDE, NARROW)]
