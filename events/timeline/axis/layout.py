"""Where everything on the axis goes: the geometry of one drawing (an SVG viewBox) of the
axis's content, for one width.

The page holds two drawings, a wide one (about as many units as the pixels of the page's
column on a desk) and a narrow one for phones (site.css shows one), because an SVG scales
its text and targets with its width: a drawing made for 740 units shown 360 pixels wide
would have 6-pixel labels. Each drawing is laid out for the size it
is shown at, so labels are readable, never overlap, and touch targets on the narrow one are
at least 44 pixels.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from events.dates import display
from events.dates.values import Precision, last_day, truncate
from events.timeline.axis.content import Bin, Content, Lane, Mark
from events.timeline.axis.window import Window, Zoom
from events.translations import shown

# Text in a drawing is at most this wide per character, in font sizes (Latin and digits
# in the site's sans-serif; a label estimated too wide is only shortened sooner).
CHAR_WIDTH = 0.6


@dataclass(frozen=True)
class Geometry:
    name: str
    width: int
    row: int  # the height of a row of marks
    min_target: int  # the narrowest a mark's target may be
    radius: float  # a day's point
    font: int  # labels, in drawing units
    min_bin: int  # the narrowest a column of counts may be
    max_rows: int  # rows of marks per lane before counts are drawn instead
    lane_label: int
    bar_area: int
    phase_row: int
    # Phases as links: where a row of them can be as tall as a finger needs (on a phone the
    # Phase filter and the list's markers do it, and the bands are a picture).
    phase_links: bool = True


WIDE = Geometry(
    "wide", 740, row=14, min_target=10, radius=4, font=11, min_bin=4, max_rows=8,
    lane_label=18, bar_area=60, phase_row=16,
)  # fmt: skip
# Shown 328 px wide on a phone 360 px wide (the page's margins take 32): a unit is 0.91 px,
# so rows and targets of 50 units are at least 44 px; columns of counts reach down over the
# labels of their periods to be as tall.
NARROW = Geometry(
    "narrow", 360, row=50, min_target=50, radius=7, font=13, min_bin=22, max_rows=2,
    lane_label=18, bar_area=40, phase_row=17, phase_links=False,
)  # fmt: skip

# Dari and Pashto labels are set in the Naskh font, whose lines stand taller than the sans
# serif's (ascenders and descenders of 1.4 font sizes against 1.15): the wide drawing's rows
# and the phases' rows are spaced to hold them apart (on a phone, rows of marks are a
# finger tall already).
WIDE_ARABIC_SCRIPT = replace(WIDE, row=16, phase_row=18)
NARROW_ARABIC_SCRIPT = replace(NARROW, phase_row=20)


def geometries(language: str) -> tuple[Geometry, Geometry]:
    """The two drawings of a page in `language` ("en", "fa", "ps"): a desk's and a phone's."""
    if language in ("fa", "ps"):
        return WIDE_ARABIC_SCRIPT, NARROW_ARABIC_SCRIPT
    return WIDE, NARROW


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def attrs(self) -> SafeString:
        """Its SVG attributes: written once here, since a template writing each number
        localises it (four lookups of the page's formats per number, two thousand numbers
        a page) to print the digits `str` gives."""
        return format_html(
            'x="{}" y="{}" width="{}" height="{}"', self.x, self.y, self.width, self.height
        )


@dataclass
class Label:
    text: str
    x: float
    y: float
    full: bool  # the whole text, not shortened

    @property
    def at(self) -> SafeString:
        """Its SVG position attributes (see `Box.attrs`)."""
        return format_html('x="{}" y="{}"', self.x, self.y)


@dataclass
class DrawnMark:
    mark: Mark
    shape: str  # "point" (a day), "bar" (a span of days) or "band" (a month or a year)
    box: Box  # the shape's own box (a point's is its circle's)
    target: Box  # where a click or tap takes it
    label: Label | None = None
    listed: bool = False  # on the page of the list below
    href: str = ""  # where selecting it leads: the list at the event

    @property
    def cx(self) -> float:
        return round(self.box.x + self.box.width / 2, 1)

    @property
    def r(self) -> float:
        return round(self.box.width / 2, 1)

    @property
    def cy(self) -> float:
        return round(self.box.y + self.box.height / 2, 1)

    @property
    def circle(self) -> SafeString:
        """A point's SVG circle attributes (see `Box.attrs`)."""
        return format_html('cx="{}" cy="{}" r="{}"', self.cx, self.cy, self.r)


@dataclass
class DrawnBin:
    bin: Bin
    box: Box
    target: Box
    href: str = ""  # the period, zoomed in


@dataclass
class DrawnLane:
    lane: Lane
    y: float
    height: float
    label_y: float


@dataclass
class Tick:
    x: float  # where the period starts (a line)
    label: Label | None


@dataclass
class DrawnPhase:
    phase: Any  # a Phase (name, slug, start, precision, end)
    box: Box
    label: Label | None
    href: str = ""  # the timeline of this phase


@dataclass
class Drawing:
    geometry: Geometry
    height: float
    one_by_one: bool  # events drawn one by one, or counts per period
    lanes: list[DrawnLane] = field(default_factory=list)
    marks: list[DrawnMark] = field(default_factory=list)
    bins: list[DrawnBin] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    phases: list[DrawnPhase] = field(default_factory=list)
    axis_y: float = 0
    tick_y: float = 0

    @property
    def width(self) -> int:
        return self.geometry.width

    @property
    def name(self) -> str:
        return self.geometry.name

    @property
    def bin_legend(self) -> str:
        return _bin_legend(self.bins)


def _bin_legend(bins: Sequence[DrawnBin]) -> str:
    """What the columns count, a whole sentence per unit (a sentence with the unit's name
    put in cannot be translated: "year's" has no Dari or Pashto form)."""
    plain = [drawn.bin for drawn in bins if not drawn.bin.coarse]
    if not plain:
        return gettext("Columns count events; select one to zoom in.")
    if plain[0].week:
        return gettext("Columns count each week’s events; select one to zoom in.")
    return {
        Precision.YEAR: gettext("Columns count each year’s events; select one to zoom in."),
        Precision.MONTH: gettext("Columns count each month’s events; select one to zoom in."),
    }.get(
        Precision(plain[0].precision),
        gettext("Columns count each day’s events; select one to zoom in."),
    )


class Scale:
    """Days to drawing units across a window."""

    def __init__(self, window: Window, width: int) -> None:
        self.first = window.first
        self.last = window.last
        self.per_day = width / window.days
        self.width = width

    def x(self, day: date) -> float:
        """Where `day` begins, held inside the drawing."""
        days = (min(max(day, self.first), self.last + timedelta(days=1)) - self.first).days
        return round(days * self.per_day, 1)

    def span(self, first: date, last: date) -> tuple[float, float]:
        return self.x(first), self.x(last + timedelta(days=1))


def _shorten(text: str, room: float, font: int) -> Label | None:
    """`text` cut to fit `room` units, or None when fewer than six letters would."""
    fits = int(room / (font * CHAR_WIDTH))
    if fits >= len(text):
        return Label(text, 0, 0, full=True)
    if fits < 6:
        return None
    return Label(text[: fits - 1].rstrip() + "…", 0, 0, full=False)


def _pack(intervals: Iterable[tuple[float, float, Any]], max_rows: int) -> list[list[Any]] | None:
    """First-fit rows for intervals sorted by start; None when more than `max_rows` are needed."""
    rows: list[list[Any]] = []
    ends: list[float] = []
    for start, end, item in sorted(intervals, key=lambda i: (i[0], i[1])):
        for index, row_end in enumerate(ends):
            if start >= row_end:
                rows[index].append((start, end, item))
                ends[index] = end
                break
        else:
            if len(rows) == max_rows:
                return None
            rows.append([(start, end, item)])
            ends.append(end)
    return rows


def _mark_shape(
    mark: Mark, scale: Scale, geometry: Geometry
) -> tuple[str, float, float, float, float]:
    """(shape, shape's start, shape's end, target's start, target's end) across the axis."""
    x0, x1 = scale.span(mark.start, mark.last_day)
    if mark.precision != Precision.DAY:
        shape = "band"
    elif mark.end is None:
        shape = "point"
        middle = (x0 + x1) / 2
        x0, x1 = middle - geometry.radius, middle + geometry.radius
    else:
        shape = "bar"
        x1 = max(x1, x0 + 2 * geometry.radius)
    grow = max(geometry.min_target - (x1 - x0), 0) / 2
    return shape, x0, x1, x0 - grow, x1 + grow


def _lay_out_marks(
    content: Content, geometry: Geometry, scale: Scale, top: float, listed: frozenset[int]
) -> tuple[list[DrawnLane], list[DrawnMark], float] | None:
    """Each lane's events in rows; None when a lane would need more than its rows."""
    assert content.marks is not None
    named = any(lane.name for lane in content.lanes)
    lanes: list[DrawnLane] = []
    drawn: list[DrawnMark] = []
    y = top
    for lane in content.lanes:
        inside = [mark for mark in content.marks if lane.key in mark.lanes]
        intervals = []
        for mark in inside:
            shape, x0, x1, t0, t1 = _mark_shape(mark, scale, geometry)
            intervals.append((t0, t1, (mark, shape, x0, x1)))
        rows = _pack(intervals, geometry.max_rows)
        if rows is None:
            return None
        label_y = y + geometry.lane_label - 5
        body = y + (geometry.lane_label if named else 0)
        for index, row in enumerate(rows):
            row_y = body + index * geometry.row
            for position, (t0, t1, (mark, shape, x0, x1)) in enumerate(row):
                height = (
                    geometry.radius * 2
                    if shape == "point"
                    else geometry.row * 0.5
                    if shape == "bar"
                    else geometry.row * 0.7
                )
                box = Box(
                    round(x0, 1),
                    round(row_y + (geometry.row - height) / 2, 1),
                    round(x1 - x0, 1),
                    round(height, 1),
                )
                target = Box(round(t0, 1), round(row_y, 1), round(t1 - t0, 1), geometry.row)
                # A label runs from the mark (inside a band) to the next mark in its row.
                inside = shape == "band" and x1 - x0 > 60  # a wide band holds its label
                start = x0 + 4 if inside else x1 + 4
                end = row[position + 1][0] - 4 if position + 1 < len(row) else geometry.width - 2
                if inside:
                    end = min(end, x1 - 2)
                label = _shorten(mark.title, end - start, geometry.font)
                if label is not None:
                    label.x = round(start, 1)
                    label.y = round(row_y + geometry.row / 2 + geometry.font * 0.35, 1)
                drawn.append(
                    DrawnMark(
                        mark=mark,
                        shape=shape,
                        box=box,
                        target=target,
                        label=label,
                        listed=mark.id in listed,
                    )
                )
        height = (geometry.lane_label if named else 0) + max(len(rows), 1) * geometry.row
        lanes.append(DrawnLane(lane=lane, y=y, height=height, label_y=label_y))
        y += height + (6 if named else 0)
    return lanes, drawn, y


_UNITS: tuple[tuple[str, int], ...] = (("day", 1), ("week", 7), ("month", 31), ("year", 366))


def _merge_bins(
    bins: Sequence[Bin], data_unit: Precision, scale: Scale, geometry: Geometry
) -> list[Bin]:
    """The counts in periods wide enough to see and to hit: days become weeks, months or
    years when their columns would be narrower than the geometry allows."""
    start_at = {Precision.DAY: 0, Precision.MONTH: 2, Precision.YEAR: 3}[Precision(data_unit)]
    unit = "year"
    for name, days in _UNITS[start_at:]:
        if days * scale.per_day >= geometry.min_bin:
            unit = name
            break
    precision = {"day": Precision.DAY, "week": Precision.DAY, "month": Precision.MONTH}.get(
        unit, Precision.YEAR
    )
    totals: dict[tuple[str, date, Precision, bool, bool], int] = defaultdict(int)
    for item in bins:
        coarse = item.coarse and item.precision < precision
        if coarse:
            key = (item.lane, item.start, item.precision, True, False)
        elif unit == "week":
            monday = item.start - timedelta(days=item.start.weekday())
            key = (item.lane, monday, Precision.DAY, False, True)
        else:
            key = (item.lane, truncate(item.start, precision), precision, False, False)
        totals[key] += item.count
    return [
        Bin(lane=lane, start=start, precision=p, count=n, coarse=coarse, week=week)
        for (lane, start, p, coarse, week), n in sorted(
            totals.items(), key=lambda i: (i[0][0], not i[0][3], i[0][1])
        )
    ]


def _lay_out_bins(
    content: Content, geometry: Geometry, scale: Scale, top: float
) -> tuple[list[DrawnLane], list[DrawnBin], float]:
    bins = _merge_bins(content.bins, content.unit, scale, geometry)
    tallest = max((item.count for item in bins if not item.coarse), default=1)
    named = any(lane.name for lane in content.lanes)
    lanes: list[DrawnLane] = []
    drawn: list[DrawnBin] = []
    y = top
    by_lane: dict[str, list[Bin]] = defaultdict(list)
    for item in bins:
        by_lane[item.lane].append(item)
    band = 8  # the faint row of events known only to a coarser period
    for lane in content.lanes:
        body = y + (geometry.lane_label if named else 0)
        bottom = body + geometry.bar_area
        for item in by_lane[lane.key]:
            x0, x1 = scale.span(max(item.start, scale.first), min(item.last, scale.last))
            if item.coarse:
                box = Box(x0, body, round(x1 - x0, 1), band)
                target = Box(x0, body, round(x1 - x0, 1), band + 4)
            else:
                height = round((geometry.bar_area - band - 4) * item.count / tallest, 1)
                gap = (x1 - x0) * 0.12
                box = Box(
                    round(x0 + gap, 1),
                    round(bottom - height, 1),
                    round(max(x1 - x0 - 2 * gap, 1), 1),
                    height,
                )
                # From the lane's name and the faint row (drawn over it, where it has its
                # own target) down over the period's label when nothing is drawn below: a
                # target as tall as the lane allows.
                reach = geometry.font + 14 if lane is content.lanes[-1] else 0
                target = Box(x0, y, round(x1 - x0, 1), body - y + geometry.bar_area + reach)
            drawn.append(DrawnBin(bin=item, box=box, target=target))
        height = (geometry.lane_label if named else 0) + geometry.bar_area
        lanes.append(DrawnLane(lane=lane, y=y, height=height, label_y=y + geometry.lane_label - 5))
        y += height + (6 if named else 0)
    # The faint rows last, over the columns' targets.
    drawn.sort(key=lambda item: item.bin.coarse)
    return lanes, drawn, y


def _tick_periods(window: Window) -> tuple[list[tuple[date, date]], Callable[[date], list[str]]]:
    """The periods the axis is ruled in, and how each can be labelled (longest first)."""
    first, last = window.first, window.last
    if window.zoom in (Zoom.ALL, Zoom.DECADE):
        years = [(date(y, 1, 1), date(y, 12, 31)) for y in range(first.year, last.year + 1)]
        return years, lambda day: [display.written_period(day, Precision.YEAR)]
    if window.zoom == Zoom.YEAR:
        months = [
            (date(first.year, m, 1), last_day(date(first.year, m, 1), Precision.MONTH))
            for m in range(1, 13)
        ]
        return months, lambda day: [display.month_of(day), display.month_of(day, short=True)]
    days = [(first + timedelta(days=i), first + timedelta(days=i)) for i in range(window.days)]
    if window.zoom == Zoom.WEEK:
        return days, lambda day: [
            f"{display.weekday(day, short=True)} {display.day_number(day)}",
            display.day_number(day),
        ]
    return days, lambda day: [display.day_number(day)]


def _ticks(window: Window, scale: Scale, geometry: Geometry, y: float) -> list[Tick]:
    """A line where each period starts and labels that never overlap: every period's when
    they fit, else every second, fifth... (days of a month by weeks)."""
    periods, labels = _tick_periods(window)
    texts = [labels(first) for first, _ in periods]
    slot = scale.per_day * (periods[0][1] - periods[0][0]).days + scale.per_day
    steps = (1, 7) if window.zoom == Zoom.MONTH else (1, 2, 5, 10, 20, 50, 100)
    chosen_variant, chosen_step = len(texts[0]) - 1, steps[-1]
    found = False
    for variant in range(len(texts[0])):
        for step in steps:
            widest = (
                max(len(options[variant]) for options in texts[::step])
                * geometry.font
                * CHAR_WIDTH
            )
            if widest + 8 <= slot * step:
                chosen_variant, chosen_step, found = variant, step, True
                break
        if found:
            break
    ticks = []
    for index, ((first, last), options) in enumerate(zip(periods, texts, strict=True)):
        label = None
        if index % chosen_step == 0:
            x0, x1 = scale.span(first, last)
            text = options[chosen_variant]
            half = len(text) * geometry.font * CHAR_WIDTH / 2
            # Centred under its period, held inside the drawing.
            middle = min(max((x0 + x1) / 2, half + 1), geometry.width - half - 1)
            label = Label(text, round(middle, 1), y, full=True)
        ticks.append(Tick(x=scale.x(first), label=label))
    return ticks


def _lay_out_phases(
    phases: Sequence[Any], scale: Scale, geometry: Geometry
) -> tuple[list[DrawnPhase], float]:
    intervals = []
    for phase in phases:
        last = last_day(phase.end or phase.start, Precision(phase.precision))
        x0, x1 = scale.span(max(phase.start, scale.first), min(last, scale.last))
        intervals.append((x0, max(x1, x0 + 4), phase))
    rows = (
        _pack(intervals, max_rows=3)
        or [[item] for item in sorted(intervals, key=lambda i: i[0])][:3]
    )
    drawn = []
    for index, row in enumerate(rows):
        y = index * geometry.phase_row
        for position, (x0, x1, phase) in enumerate(row):
            # The name runs on past a short band, up to the next band in its row.
            room = (row[position + 1][0] if position + 1 < len(row) else geometry.width) - x0
            label = _shorten(shown(phase, "name").text, room - 8, geometry.font)
            if label is not None:
                label.x, label.y = (
                    round(x0 + 4, 1),
                    round(y + geometry.phase_row / 2 + geometry.font * 0.35, 1),
                )
            box = Box(round(x0, 1), y + 1, round(x1 - x0, 1), geometry.phase_row - 2)
            drawn.append(DrawnPhase(phase=phase, box=box, label=label))
    return drawn, len(rows) * geometry.phase_row + (4 if rows else 0)


def draw(
    content: Content,
    geometry: Geometry,
    *,
    phases: Sequence[Any] = (),
    listed: Iterable[int] = (),
) -> Drawing:
    """The axis laid out for `geometry`: events one by one where they fit in their rows,
    else the counts per period."""
    scale = Scale(content.window, geometry.width)
    drawn_phases, top = _lay_out_phases(phases, scale, geometry)
    drawing = Drawing(geometry=geometry, height=0, one_by_one=False, phases=drawn_phases)
    one_by_one = None
    if content.marks is not None:
        one_by_one = _lay_out_marks(content, geometry, scale, top, frozenset(listed))
    if one_by_one is not None:
        drawing.lanes, drawing.marks, bottom = one_by_one
        drawing.one_by_one = True
    else:
        drawing.lanes, drawing.bins, bottom = _lay_out_bins(content, geometry, scale, top)
    drawing.axis_y = bottom + 2
    drawing.tick_y = drawing.axis_y + geometry.font + 6
    drawing.ticks = _ticks(content.window, scale, geometry, drawing.tick_y)
    drawing.height = drawing.tick_y + 6
    return drawing
