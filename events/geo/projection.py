"""The Natural Earth projection (Šavrič, Patterson and Jenny, 2011), as d3-geo's
`geoNaturalEarth1` computes it: a pseudo-cylindrical compromise between equal area and true
shapes, with the world's width about twice its height and the poles as short lines, so the
whole map looks like the world and a region (the Gulf, Afghanistan and its neighbours) is
drawn nearly undistorted.

Projected coordinates are in units of `SCALE` per radian along the equator; y runs down, as
it does in SVG.
"""

import math

from events.geo.atlas import Point

SCALE = 1000.0


def project(longitude: float, latitude: float) -> Point:
    """(longitude, latitude) in degrees to (x, y) on the plane."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x * SCALE, -y * SCALE
