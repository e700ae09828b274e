"""The time axis of a timeline view: which window the address asks for, its two drawings,
and the addresses its controls, marks and bands lead to (each a plain link)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from events.caching import cached
from events.dates.values import Precision, iso_value, last_day
from events.filters import TimelineFilters
from events.models import Event, Phase
from events.timeline.axis.content import LANE_CHOICES, Lanes, content, read_lanes
from events.timeline.axis.layout import draw, geometries
from events.timeline.axis.window import Window, Zoom, read_zoom, window_for, zoomed
from events.timeline.overview import Overview, overview
from events.timeline.paging import PAGE_POSITION
from events.translations import reading_language

# What the axis's own controls set in an address: how it is zoomed and laid out.
AXIS_PARAMETERS = ("zoom", "lanes")


def counts_of(events: QuerySet[Event], filters: TimelineFilters, *, version: str) -> Overview:
    """How many of these events fall in each period: the same for every page of a view (and
    for every view of the same filters, the timeline's or a profile's), computed once per
    data version."""
    return cached(f"overview:{filters.key}", lambda: overview(events, filters), version=version)


def every_phase(*, version: str) -> list[Phase]:
    """The phases of the process (few), read once per data version."""
    return cached("phases", lambda: list(Phase.objects.all()), version=version)


def view_address(request: HttpRequest, **changes: str | None) -> str:
    """This view's address with the page position dropped and `changes` made (None
    removes a parameter): where a control of the axis leads."""
    query = request.GET.copy()
    for position in PAGE_POSITION:
        query.pop(position, None)
    for name, value in changes.items():
        query.pop(name, None)
        if value:
            query[name] = value
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _extent(counts: Overview) -> tuple[date, date] | None:
    if not counts.bars:
        return None
    last = counts.bars[-1]
    return counts.bars[0].start, last_day(last.start, Precision(last.precision))


def axis_context(
    request: HttpRequest,
    published: QuerySet[Event],
    filters: TimelineFilters,
    counts: Overview,
    listed: list[Event],
    anchor: date | None,
    version: str,
    phases: list[Phase],
    *,
    phase_address: Callable[[Phase], str] | None = None,
) -> dict[str, Any]:
    """The time axis for this view of the `published` events (`filters` select among
    them): its window, its two drawings (with the phases in view as bands) and where its
    controls go.

    Its controls and marks lead to this view's own address. A band leads to the view
    narrowed to its phase, or to `phase_address(phase)` for a view that cannot be
    narrowed to one (an actor's page: the timeline of their events in that phase)."""
    zoom, zoom_error = read_zoom(request.GET.get("zoom"))
    lanes, lanes_error = read_lanes(request.GET.get("lanes"))
    extent = _extent(counts)
    first_listed = min((event.start for event in listed), default=None)
    window = window_for(zoom, anchor=anchor or first_listed, extent=extent)
    errors = [error for error in (zoom_error, lanes_error) if error]
    if window is None:
        return {"axis": None, "axis_errors": errors}
    laid = Lanes.NONE if lanes == Lanes.ACTOR and not filters.actors else lanes
    held = cached(
        # The marks carry titles in the page's language: one entry per language.
        f"axis:{reading_language()}:{filters.key}:{window.zoom}:{window.first}:{window.last}:{laid}",
        lambda: content(published, filters, window, laid),
        version=version,
    )
    ids = [event.pk for event in listed]
    lanes_value = lanes.value or None

    def view(target: Window | None) -> str | None:
        if target is None:
            return None
        if target.zoom == Zoom.ALL:
            return view_address(request, zoom=None, lanes=lanes_value)
        return view_address(request, at=target.at, zoom=target.zoom.value, lanes=lanes_value)

    def within(target: Window | None, direction: int) -> Window | None:
        # Panning stops where the timeline does (and from a window beyond it, leads back).
        if target is None or extent is None:
            return None
        if direction < 0:
            return target if target.last >= extent[0] else None
        return target if target.first <= extent[1] else None

    zoom_value = None if window.zoom == Zoom.ALL else window.zoom.value
    in_view = [
        phase
        for phase in phases
        if phase.start <= window.last
        and last_day(phase.end or phase.start, Precision(phase.precision)) >= window.first
    ]
    drawings = [
        draw(held, geometry, phases=in_view, listed=ids)
        for geometry in geometries(reading_language())
    ]
    for drawing in drawings:
        for band in drawing.phases:
            # The list narrowed to the phase, the rest of the view kept.
            band.href = (
                phase_address(band.phase)
                if phase_address
                else view_address(request, phase=band.phase.slug, at=None, zoom=None)
            )
        for mark in drawing.marks:
            # The list opens at the event's date and the browser scrolls to it (axis.js does
            # it in place).
            at = iso_value(mark.mark.start, mark.mark.precision)
            mark.href = view_address(request, at=at, zoom=zoom_value, lanes=lanes_value)
        for drawn in drawing.bins:
            drawn.href = view_address(
                request, at=drawn.bin.value, zoom=drawn.bin.zoom.value, lanes=lanes_value
            )
    return {
        "axis": {
            "window": window,
            "drawings": drawings,
            # A search with more matches than are counted: said instead of the bins' legend.
            "more_than": held.more_than,
            "zoom_in": view(zoomed(window, inward=True, extent=extent, focus=first_listed)),
            "zoom_out": view(zoomed(window, inward=False, extent=extent, focus=first_listed)),
            "earlier": view(within(window.step(-1), -1)),
            "later": view(within(window.step(1), 1)),
            "lanes": [
                {
                    "label": label,
                    "url": view_address(
                        request,
                        lanes=value.value or None,
                        at=window.at if zoom_value else None,
                        zoom=zoom_value,
                    ),
                    "current": value == laid,
                }
                for value, label in LANE_CHOICES
                if value != Lanes.ACTOR or filters.actors
            ],
        },
        "axis_errors": errors,
    }
