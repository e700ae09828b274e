"""Whether a place's coordinates lie in the country it names: a check for editors, who are
warned (never refused: a border may be disputed, an embassy abroad, the outline coarse)."""

from dataclasses import dataclass
from decimal import Decimal

from events.geo import atlas

# The outline at 1:110 million strays from the true coast and borders by up to a few tens of
# kilometres (Doha and New York lie on coasts it smooths over): a point this close to its
# country counts as in it.
LEEWAY_KM = 40.0


@dataclass(frozen=True)
class CoordinateCheck:
    # The atlas's country the place names, or None when it names none the atlas knows.
    country: atlas.Country | None
    # How far the point lies outside that country (0 inside it); None when not checked.
    distance_km: float | None
    # The country the point lies in, when it lies outside the named one.
    lies_in: atlas.Country | None = None

    @property
    def outside(self) -> bool:
        return self.distance_km is not None and self.distance_km > LEEWAY_KM


def check_coordinates(
    *,
    country: str,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
) -> CoordinateCheck | None:
    """The point against the outline of the named country; None when there is nothing to
    check (no coordinates, or no country named)."""
    if latitude is None or longitude is None or not country.strip():
        return None
    found = atlas.country_named(country)
    if found is None:
        return CoordinateCheck(country=None, distance_km=None)
    x, y = float(longitude), float(latitude)
    distance = found.distance_km(x, y)
    return CoordinateCheck(
        country=found,
        distance_km=distance,
        lies_in=atlas.country_at(x, y) if distance > LEEWAY_KM else None,
    )
