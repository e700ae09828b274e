"""The world's countries, from Natural Earth's 1:110 million outline as the npm package
world-atlas publishes it (`data/countries-110m.json`, TopoJSON; see `data/README.md`).

Decoded here without a library: TopoJSON stores each border once, as an arc of points that are
quantized (integers on a grid, turned into degrees by the file's `transform`) and
delta-encoded (each point is its offset from the one before); a country is rings of arcs,
a negative index `~i` naming arc `i` read backwards. Read once per process.

Coordinates are (longitude, latitude) in degrees, as the file holds them, unprojected:
drawing them is `events.geo.drawing`'s job, and a point is tested against them as they are.
"""

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTLINE = Path(__file__).resolve().parent / "data" / "countries-110m.json"

type Point = tuple[float, float]
type Ring = tuple[Point, ...]
# A polygon is its outer ring and then its holes (a lake, a country inside another).
type Polygon = tuple[Ring, ...]
# West, south, east, north.
type Bounds = tuple[float, float, float, float]

# Names people write for a country that the atlas spells otherwise (its names are Natural
# Earth's short ones: "Dem. Rep. Congo", "United States of America"). Compared casefolded.
ALIASES = {
    "united states": "United States of America",
    "usa": "United States of America",
    "us": "United States of America",
    "u.s.": "United States of America",
    "america": "United States of America",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "czech republic": "Czechia",
    "ivory coast": "Côte d'Ivoire",
    "cote d'ivoire": "Côte d'Ivoire",
    "democratic republic of the congo": "Dem. Rep. Congo",
    "dr congo": "Dem. Rep. Congo",
    "republic of the congo": "Congo",
    "central african republic": "Central African Rep.",
    "south sudan": "S. Sudan",
    "bosnia and herzegovina": "Bosnia and Herz.",
    "dominican republic": "Dominican Rep.",
    "equatorial guinea": "Eq. Guinea",
    "north macedonia": "Macedonia",
    "eswatini": "eSwatini",
    "swaziland": "eSwatini",
    "solomon islands": "Solomon Is.",
    "falkland islands": "Falkland Is.",
    "western sahara": "W. Sahara",
    "east timor": "Timor-Leste",
    "burma": "Myanmar",
    "persia": "Iran",
    "islamic republic of iran": "Iran",
    "republic of korea": "South Korea",
    "democratic people's republic of korea": "North Korea",
    "lao pdr": "Laos",
    "viet nam": "Vietnam",
    "palestinian territories": "Palestine",
    "west bank": "Palestine",
    "uae": "United Arab Emirates",
}

_EARTH_KM_PER_DEGREE = 111.195  # a degree of a great circle, on a sphere of 6,371 km


@dataclass(frozen=True)
class Country:
    name: str
    polygons: tuple[Polygon, ...]

    @functools.cached_property
    def bounds(self) -> Bounds:
        return bounds_of(point for polygon in self.polygons for point in polygon[0])

    def contains(self, longitude: float, latitude: float) -> bool:
        """Whether the point lies inside the outline (ray casting, even-odd: a point in a
        hole is outside)."""
        west, south, east, north = self.bounds
        if not (west <= longitude <= east and south <= latitude <= north):
            return False
        return any(_in_polygon(polygon, longitude, latitude) for polygon in self.polygons)

    def distance_km(self, longitude: float, latitude: float) -> float:
        """How far the point lies from the outline: 0 inside, else to its nearest edge
        (on a plane tangent at the point: near enough for the tens of kilometres that
        matter here)."""
        if self.contains(longitude, latitude):
            return 0.0
        across = math.cos(math.radians(latitude)) * _EARTH_KM_PER_DEGREE
        nearest = math.inf
        for polygon in self.polygons:
            for ring in polygon:
                flat = [
                    ((x - longitude) * across, (y - latitude) * _EARTH_KM_PER_DEGREE)
                    for x, y in ring
                ]
                for start, end in itertools.pairwise(flat):
                    nearest = min(nearest, _distance_to_segment(start, end))
        return nearest


def bounds_of(points: Iterable[Point]) -> Bounds:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    previous_x, previous_y = ring[-1]
    for point_x, point_y in ring:
        if (point_y > y) != (previous_y > y):
            crossing = point_x + (y - point_y) * (previous_x - point_x) / (previous_y - point_y)
            if x < crossing:
                inside = not inside
        previous_x, previous_y = point_x, point_y
    return inside


def _in_polygon(polygon: Polygon, x: float, y: float) -> bool:
    return sum(_in_ring(ring, x, y) for ring in polygon) % 2 == 1


def _distance_to_segment(start: Point, end: Point) -> float:
    """From the origin to the segment `start`–`end`."""
    (ax, ay), (bx, by) = start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    along = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + along * dx, ay + along * dy)


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Each arc's points in degrees: undone from the grid and the deltas when the topology is
    quantized (it has a `transform`), as they stand otherwise."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def stitch(indexes: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """A ring from its arcs: `~i` is arc `i` backwards, and each arc starts where the one
    before it ended, a point given once."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


def polygons_of(geometry: dict[str, Any], arcs: Sequence[Sequence[Point]]) -> tuple[Polygon, ...]:
    if geometry["type"] == "Polygon":
        shapes = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        shapes = geometry["arcs"]
    else:  # a country with no shape at this scale ("null" geometry)
        return ()
    return tuple(tuple(stitch(ring, arcs) for ring in shape) for shape in shapes)


@functools.cache
def arcs() -> tuple[tuple[Point, ...], ...]:
    """Every border once, in degrees (the drawing simplifies each once, so that two
    countries sharing a border still meet along it)."""
    return tuple(tuple(arc) for arc in decode_arcs(_topology()))


@functools.cache
def _topology() -> dict[str, Any]:
    return json.loads(OUTLINE.read_text(encoding="utf-8"))


def geometries() -> list[dict[str, Any]]:
    """The countries as the file holds them: a name and rings of arc indexes."""
    return _topology()["objects"]["countries"]["geometries"]


@functools.cache
def countries() -> dict[str, Country]:
    """Every country of the outline by its name, in the file's order."""
    every_arc = arcs()
    found = {}
    for geometry in geometries():
        name = geometry.get("properties", {}).get("name", "")
        polygons = polygons_of(geometry, every_arc)
        if name and polygons:
            found[name] = Country(name=name, polygons=polygons)
    return found


@functools.cache
def _by_folded_name() -> dict[str, Country]:
    return {name.casefold(): country for name, country in countries().items()}


def country_at(longitude: float, latitude: float) -> Country | None:
    """The country whose outline holds the point, if any (none at sea)."""
    return next(
        (country for country in countries().values() if country.contains(longitude, latitude)),
        None,
    )


def country_named(name: str) -> Country | None:
    """The country of the outline a place's `country` names, by its atlas name or an alias
    (any case), or None when the outline has none by that name (it leaves out the smallest
    countries: Bahrain, Singapore, Malta…)."""
    folded = " ".join(name.split()).casefold()
    if not folded:
        return None
    known = _by_folded_name()
    return known.get(folded) or known.get(ALIASES.get(folded, "").casefold())
