"""Which stretch of time the axis shows: a zoom level and a window, read from the address.

`?zoom=` names the window's size (a decade, a year, a month or a week; the whole filtered
timeline when absent) and `?at=` a period inside it, the same `at` that opens the list at a
period. Windows are aligned (decades on years ending in 0, years on January, months on
their first day, weeks on Monday), so a shared address opens the same window for everyone
and the cache holds a few windows, not one per day.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy

from events.dates import display
from events.dates.values import DateSpan, Precision, add_months, iso_value, last_day


class Zoom(StrEnum):
    ALL = "all"
    DECADE = "decade"
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"

    @property
    def label(self) -> str:
        return str(_ZOOM_LABELS[self])


_ZOOM_LABELS = {
    Zoom.ALL: gettext_lazy("the whole timeline"),
    Zoom.DECADE: gettext_lazy("a decade"),
    Zoom.YEAR: gettext_lazy("a year"),
    Zoom.MONTH: gettext_lazy("a month"),
    Zoom.WEEK: gettext_lazy("a week"),
}

# From the widest view to the narrowest: what "zoom in" and "zoom out" step through.
LADDER = (Zoom.ALL, Zoom.DECADE, Zoom.YEAR, Zoom.MONTH, Zoom.WEEK)


def read_zoom(value: str | None) -> tuple[Zoom, str | None]:
    """The zoom an address asks for, and a message for the reader when it names none we
    have (the axis then shows the whole timeline)."""
    if not value:
        return Zoom.ALL, None
    try:
        return Zoom(value), None
    except ValueError:
        names = ", ".join(zoom.value for zoom in LADDER)
        message = gettext(
            "“%(value)s” is not a zoom level (%(names)s); showing the whole timeline."
        )
        return Zoom.ALL, message % {"value": value[:20], "names": names}


@dataclass(frozen=True)
class Window:
    """The stretch of time the axis draws, both ends included."""

    zoom: Zoom
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def at(self) -> str:
        """The `at` value that opens this window (and the list at its start)."""
        if self.zoom in (Zoom.ALL, Zoom.DECADE, Zoom.YEAR):
            return iso_value(self.first, Precision.YEAR)
        if self.zoom == Zoom.MONTH:
            return iso_value(self.first, Precision.MONTH)
        return iso_value(self.first, Precision.DAY)

    @property
    def label(self) -> str:
        """The window in words: "2010–2019", "2020", "February 2020", "24 February –
        1 March 2020"."""
        if self.zoom == Zoom.MONTH:
            return display.written_period(self.first, Precision.MONTH)
        if self.zoom == Zoom.WEEK:
            return display.written(DateSpan(self.first, Precision.DAY, self.last))
        if self.first.year == self.last.year:
            return display.written_period(self.first, Precision.YEAR)
        return display.written(
            DateSpan(self.first, Precision.YEAR, self.last.replace(day=1, month=1))
        )

    def step(self, direction: int) -> "Window | None":
        """The window before (-1) or after (+1) this one at the same zoom; the whole
        timeline has none."""
        if self.zoom == Zoom.ALL:
            return None
        if self.zoom == Zoom.DECADE:
            return aligned(Zoom.DECADE, self.first.replace(year=self.first.year + 10 * direction))
        if self.zoom == Zoom.YEAR:
            return aligned(Zoom.YEAR, self.first.replace(year=self.first.year + direction))
        if self.zoom == Zoom.MONTH:
            return aligned(Zoom.MONTH, add_months(self.first, direction))
        return aligned(Zoom.WEEK, self.first + timedelta(days=7 * direction))

    def contains(self, value: date) -> bool:
        return self.first <= value <= self.last


def aligned(zoom: Zoom, anchor: date) -> Window:
    """The window of `zoom` that holds `anchor` (not for the whole timeline, whose window
    is the filtered events' own)."""
    if zoom == Zoom.DECADE:
        first = date(anchor.year - anchor.year % 10, 1, 1)
        return Window(zoom, first, date(first.year + 9, 12, 31))
    if zoom == Zoom.YEAR:
        return Window(zoom, date(anchor.year, 1, 1), date(anchor.year, 12, 31))
    if zoom == Zoom.MONTH:
        first = anchor.replace(day=1)
        return Window(zoom, first, last_day(first, Precision.MONTH))
    if zoom == Zoom.WEEK:
        first = anchor - timedelta(days=anchor.weekday())
        return Window(zoom, first, first + timedelta(days=6))
    raise ValueError("The whole timeline's window is its events' own.")


def whole(first: date, last: date) -> Window:
    """The whole timeline: from the January of its first event to the December of its last."""
    return Window(Zoom.ALL, date(first.year, 1, 1), date(last.year, 12, 31))


def window_for(
    zoom: Zoom, *, anchor: date | None, extent: tuple[date, date] | None
) -> Window | None:
    """The window to draw: the one of `zoom` holding `anchor` (the period the address
    names, else the first event listed), or the whole timeline. None when nothing is dated."""
    if zoom == Zoom.ALL or anchor is None:
        return whole(*extent) if extent else None
    return aligned(zoom, anchor)


def zoomed(
    window: Window, *, inward: bool, extent: tuple[date, date] | None, focus: date | None
) -> Window | None:
    """The window one step in or out from `window`, kept around `focus` (the first event
    listed) when it is in view, else around the window's start. Zooming in from the whole
    timeline skips the decade when the timeline is shorter than one."""
    index = LADDER.index(window.zoom) + (1 if inward else -1)
    if index < 0 or index >= len(LADDER):
        return None
    target = LADDER[index]
    if target == Zoom.ALL:
        return whole(*extent) if extent else None
    if target == Zoom.DECADE and inward and window.days <= 3653:
        target = Zoom.YEAR
    if not inward and target == Zoom.DECADE and extent and whole(*extent).days <= 3653:
        return whole(*extent)  # a decade would show more than the whole timeline
    anchor = focus if focus is not None and window.contains(focus) else window.first
    return aligned(target, anchor)
