"""The map as the server draws it: a region's view of the countries (SVG path data) and a
marker per place, its area the place's number of events.

Every region is drawn `WIDTH` units wide, a unit about a CSS pixel on a desk: coordinates are
whole units (the outline is no finer than that at 1:110 million), and markers and labels have
the same size in every region, so zooming in spreads places apart without magnifying them.
The viewBox says which part of the projected world is in view. On a phone the drawing is
about half as wide: site.css enlarges markers' touch targets and labels there, and the labels
kept for phones (`Label.narrow`) are placed for that size.
"""

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from events.geo import atlas
from events.geo.atlas import Bounds, Point
from events.geo.projection import project

WIDTH = 720
# A marker's radius: its area grows with the count, the busiest place at the largest; a
# place with one event among hundreds still shows as a dot.
LARGEST_RADIUS = 20.0
SMALLEST_RADIUS = 4.0
# A marker's invisible target on a desk: 44 units across; site.css makes it 2.4 times
# that on a phone, where the drawing is shown about 330 px wide: still 44 px or more.
TARGET_RADIUS = 22.0
# How much larger site.css draws dots and labels on a phone (where the drawing is about 330
# px wide rather than 720): labels for phones are placed at that size.
NARROW_GROWTH = 1.6
WIDE_FONT = 12.0
NARROW_FONT = 26.0
# Points closer than this to the line through their neighbours are left out of the outline
# (Douglas–Peucker, per border): less than a pixel, so the map is lighter yet looks the same.
SIMPLIFY_UNITS = 0.6


@dataclass(frozen=True)
class Region:
    slug: str
    name: str | Promise
    bounds: Bounds


WORLD = "world"
REGIONS = {
    region.slug: region
    for region in (
        Region(WORLD, _("World"), (-180.0, -57.0, 180.0, 84.0)),
        Region("afghanistan", _("Afghanistan and neighbours"), (44.0, 22.0, 82.0, 44.0)),
        Region("gulf", _("Gulf"), (45.5, 22.0, 58.5, 30.5)),
        Region("europe", _("Europe"), (-11.0, 34.0, 45.0, 65.0)),
        Region("north-america", _("North America"), (-128.0, 15.0, -60.0, 56.0)),
    )
}


@dataclass(frozen=True)
class View:
    """The part of the projected world a region shows, and its scale."""

    scale: float  # drawing units per projected unit
    left: float
    top: float
    height: float

    @classmethod
    def of(cls, region: Region) -> "View":
        west, south, east, north = region.bounds
        # The projection curves meridians: the extremes lie on the edges, or at the equator.
        latitudes = [south, north, *([0.0] if south < 0 < north else [])]
        corners = [project(lon, lat) for lon in (west, east) for lat in latitudes]
        left, top, right, bottom = atlas.bounds_of(corners)
        scale = WIDTH / (right - left)
        return cls(scale=scale, left=left * scale, top=top * scale, height=(bottom - top) * scale)

    def place(self, longitude: float, latitude: float) -> Point:
        x, y = project(longitude, latitude)
        return x * self.scale, y * self.scale

    def shows(self, x: float, y: float) -> bool:
        return self.left <= x <= self.left + WIDTH and self.top <= y <= self.top + self.height

    @property
    def box(self) -> str:
        """The viewBox attribute."""
        return f"{self.left:.0f} {self.top:.0f} {WIDTH} {self.height:.0f}"


@dataclass(frozen=True)
class Shape:
    name: str
    path: str


@dataclass(frozen=True)
class Spot:
    """A place to mark: where, how many events, and what its link says and opens."""

    name: str
    description: str  # the link's accessible name: "Doha, Qatar: 12 events"
    longitude: float
    latitude: float
    count: int
    href: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str  # "start" (right of the marker) or "end" (left of it)

    @property
    def attrs(self) -> SafeString:
        """Its SVG attributes, written once here: a template writing each number localises
        it (several lookups of the page's formats) to print the digits `str` gives, and a
        map has thousands."""
        return format_html('x="{}" y="{}" text-anchor="{}"', self.x, self.y, self.anchor)


@dataclass(frozen=True)
class Marker:
    spot: Spot
    x: float
    y: float
    radius: float
    wide: Label | None  # its name on a desk, where it fits without covering another's
    narrow: Label | None  # the same on a phone

    @property
    def target(self) -> SafeString:
        """The SVG attributes of the circle a click or tap finds (see `Label.attrs`)."""
        return format_html('cx="{}" cy="{}" r="{}"', self.x, self.y, TARGET_RADIUS)

    @property
    def dot(self) -> SafeString:
        """The SVG attributes of the circle drawn, its area the place's events."""
        return format_html('cx="{}" cy="{}" r="{}"', self.x, self.y, self.radius)


@dataclass(frozen=True)
class Drawing:
    region: Region
    view_box: str
    height: float
    sphere: str  # the world's edge, the sea inside it
    countries: tuple[Shape, ...]
    markers: tuple[Marker, ...]
    # Places with coordinates that lie outside the region's view.
    outside: tuple[Spot, ...]


def draw(region: Region, spots: Sequence[Spot]) -> Drawing:
    """The region with a marker for each spot in view (the busiest first, so the smaller ones
    lie on top and stay within reach), and the spots that are not."""
    view = View.of(region)
    in_view, outside = [], []
    for spot in sorted(spots, key=lambda spot: (-spot.count, spot.name)):
        x, y = view.place(spot.longitude, spot.latitude)
        (in_view if view.shows(x, y) else outside).append((spot, x, y))
    # Sized against every place, not those in view: a marker is the same size in every region.
    busiest = max((spot.count for spot in spots), default=1)
    radii = [
        max(SMALLEST_RADIUS, LARGEST_RADIUS * math.sqrt(spot.count / busiest))
        for spot, _x, _y in in_view
    ]
    wide = _labels(view, in_view, radii, font=WIDE_FONT, growth=1.0)
    narrow = _labels(view, in_view, radii, font=NARROW_FONT, growth=NARROW_GROWTH)
    markers = tuple(
        Marker(spot=spot, x=round(x, 1), y=round(y, 1), radius=round(radius, 1), wide=w, narrow=n)
        for (spot, x, y), radius, w, n in zip(in_view, radii, wide, narrow, strict=True)
    )
    return Drawing(
        region=region,
        view_box=view.box,
        height=round(view.height),
        sphere=_sphere(region.slug),
        countries=outline(region.slug),
        markers=markers,
        outside=tuple(spot for spot, _x, _y in outside),
    )


def _labels(
    view: View,
    spots: Sequence[tuple[Spot, float, float]],
    radii: Sequence[float],
    *,
    font: float,
    growth: float,
) -> list[Label | None]:
    """Each spot's name beside its marker, right of it or else left of it, where it stays in
    view and covers no name placed before it (the busiest are placed first); else none."""
    taken: list[tuple[float, float, float, float]] = []
    labels: list[Label | None] = []
    for (spot, x, y), radius in zip(spots, radii, strict=True):
        width = 0.56 * font * len(spot.name)  # about a sans-serif letter's average
        gap = radius * growth + font * 0.3
        label = None
        for anchor, left in (("start", x + gap), ("end", x - gap - width)):
            box = (left, y - font * 0.75, left + width, y + font * 0.35)
            fits = view.shows(box[0], box[1]) and view.shows(box[2], box[3])
            if fits and not any(_overlap(box, other) for other in taken):
                taken.append(box)
                x_at = left if anchor == "start" else left + width
                label = Label(x=round(x_at, 1), y=round(y + font * 0.35, 1), anchor=anchor)
                break
        labels.append(label)
    return labels


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@functools.cache
def outline(region_slug: str) -> tuple[Shape, ...]:
    """Each country with a part in the region's view, as SVG path data in the view's units
    (made once per region and process)."""
    view = View.of(REGIONS[region_slug])
    borders = [_simplified([view.place(*point) for point in arc]) for arc in atlas.arcs()]
    # A step longer than this crosses the 180th meridian (Fiji, the east of Russia): no
    # border runs so far, the widest country is not half the world's width at its latitude.
    seam = 0.4 * (view.place(180.0, 0.0)[0] - view.place(-180.0, 0.0)[0])
    shapes = []
    for geometry in atlas.geometries():
        name = geometry.get("properties", {}).get("name", "")
        parts = []
        for polygon in atlas.polygons_of(geometry, borders):
            rings = [part for ring in polygon for part in _cut_at_the_seam(ring, seam)]
            rings = [ring for ring in rings if len(set(ring)) >= 3]
            if rings and _in_view(view, rings[0]):
                parts.extend(_path(ring) for ring in rings)
        if name and parts and name != "Antarctica":
            shapes.append(Shape(name=name, path="".join(parts)))
    return tuple(shapes)


def _cut_at_the_seam(
    ring: Sequence[tuple[int, int]], seam: float
) -> list[tuple[tuple[int, int], ...]]:
    """A ring that crosses the 180th meridian as one ring on each side of it (each closed
    along the map's edge), rather than with a line across the whole world."""
    jumps = [i for i in range(1, len(ring)) if abs(ring[i][0] - ring[i - 1][0]) > seam]
    if not jumps:
        return [tuple(ring)]
    # From just after a crossing round to it: runs, each on one side.
    start = jumps[0]
    turned = [*ring[start:], *ring[1:start]]
    sides: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
    run: list[tuple[int, int]] = [turned[0]]
    for previous, point in itertools.pairwise(turned):
        if abs(point[0] - previous[0]) > seam:
            sides[run[0][0] > 0].extend(run)
            run = []
        run.append(point)
    sides[run[0][0] > 0].extend(run)
    return [tuple(points) for points in sides.values() if points]


def _in_view(view: View, ring: Sequence[Point]) -> bool:
    left, top, right, bottom = atlas.bounds_of(ring)
    return not (
        right < view.left
        or left > view.left + WIDTH
        or bottom < view.top
        or top > view.top + view.height
    )


def _simplified(points: Sequence[Point]) -> tuple[tuple[int, int], ...]:
    """The points that matter (Douglas–Peucker), in whole units, no point twice in a row.
    An arc's ends always stay: they are where it meets the next."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > SIMPLIFY_UNITS:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept: list[tuple[int, int]] = []
    for point, wanted in zip(points, keep, strict=True):
        rounded = (round(point[0]), round(point[1]))
        if wanted and (not kept or kept[-1] != rounded):
            kept.append(rounded)
    return tuple(kept)


def _path(ring: Sequence[tuple[int, int]]) -> str:
    """A closed ring: its first point, then each step from the one before (short numbers)."""
    (x, y), rest = ring[0], ring[1:]
    if rest and rest[-1] == ring[0]:
        rest = rest[:-1]  # "z" closes it
    steps = []
    for point_x, point_y in rest:
        steps += [point_x - x, point_y - y]
        x, y = point_x, point_y
    return f"M{ring[0][0]} {ring[0][1]}l{_numbers(steps)}z"


def _numbers(values: Sequence[int]) -> str:
    # A minus sign parts two numbers as well as a space does.
    return " ".join(str(value) for value in values).replace(" -", "-")


@functools.cache
def _sphere(region_slug: str) -> str:
    """The world's edge in the region's units: the meridians ±180° from pole to pole."""
    view = View.of(REGIONS[region_slug])
    east = [view.place(180.0, latitude) for latitude in range(-90, 91, 5)]
    west = [view.place(-180.0, latitude) for latitude in range(90, -91, -5)]
    return _path([(round(x), round(y)) for x, y in east + west])
