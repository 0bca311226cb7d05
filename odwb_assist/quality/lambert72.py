"""Belgian Lambert 72 (EPSG:31370) → WGS 84 degrees, without a projection library.

Two documented steps (IOGP Geomatics Guidance Note 7-2, "Coordinate Conversions and Transformations
including Formulas"):

1. inverse of the Lambert Conic Conformal (2SP) projection (EPSG method 9802) on the Belge 1972
   datum, ellipsoid International 1924 (a = 6 378 388 m, 1/f = 297), with the EPSG:31370 parameters:
   origin 90° N, 4°22'02.952" E, standard parallels 51°10'00.00204" and 49°50'00.00204" N,
   false easting 150 000.013 m, false northing 5 400 088.438 m;
2. BD72 → WGS 84 by the 7-parameter Helmert transformation EPSG:15929 ("BD72 to WGS 84 (3)",
   coordinate frame rotation, stated accuracy 1 m): tX −106.8686 m, tY 52.2978 m, tZ −103.7239 m,
   rX −0.3366″, rY 0.457″, rZ −1.8422″, dS −1.2747 ppm — the transformation PROJ chooses by default.

``tests/unit/publish/test_geo.py`` checks it against points computed with PROJ 9.5 (within 1 cm).
"""

from __future__ import annotations

import math

A_HAYFORD = 6378388.0
F_HAYFORD = 1 / 297.0
A_WGS84 = 6378137.0
F_WGS84 = 1 / 298.257223563

LAT_ORIGIN = math.radians(90.0)
LON_ORIGIN = math.radians(4 + 22 / 60 + 2.952 / 3600)
LAT_1 = math.radians(51 + 10 / 60 + 0.00204 / 3600)
LAT_2 = math.radians(49 + 50 / 60 + 0.00204 / 3600)
FALSE_EASTING = 150000.013
FALSE_NORTHING = 5400088.438

# EPSG:15929, coordinate frame rotation (arc-seconds, ppm)
TX, TY, TZ = -106.8686, 52.2978, -103.7239
RX, RY, RZ = -0.3366, 0.457, -1.8422
DS = -1.2747

# Where Lambert 72 coordinates of Belgium lie (metres), with a margin.
X_RANGE = (15_000.0, 305_000.0)
Y_RANGE = (15_000.0, 250_000.0)


def in_belgium(x: float, y: float) -> bool:
    """Whether (x, y) can be Lambert 72 coordinates of a point in Belgium."""
    return X_RANGE[0] <= x <= X_RANGE[1] and Y_RANGE[0] <= y <= Y_RANGE[1]


def _t(lat: float, e: float) -> float:
    return math.tan(math.pi / 4 - lat / 2) / ((1 - e * math.sin(lat)) / (1 + e * math.sin(lat))) ** (e / 2)


def _m(lat: float, e: float) -> float:
    return math.cos(lat) / math.sqrt(1 - (e * math.sin(lat)) ** 2)


def _to_bd72(x: float, y: float) -> tuple[float, float]:
    """Inverse Lambert Conic Conformal (2SP): (easting, northing) → BD72 (latitude, longitude) in radians."""
    e = math.sqrt(2 * F_HAYFORD - F_HAYFORD ** 2)
    m1, m2 = _m(LAT_1, e), _m(LAT_2, e)
    t1, t2, t_origin = _t(LAT_1, e), _t(LAT_2, e), _t(LAT_ORIGIN, e)
    n = (math.log(m1) - math.log(m2)) / (math.log(t1) - math.log(t2))
    big_f = m1 / (n * t1 ** n)
    r_origin = A_HAYFORD * big_f * t_origin ** n if t_origin > 0 else 0.0
    dx, dy = x - FALSE_EASTING, r_origin - (y - FALSE_NORTHING)
    r = math.copysign(math.hypot(dx, dy), n)
    t = (r / (A_HAYFORD * big_f)) ** (1 / n)
    theta = math.atan2(dx, dy)
    lat = math.pi / 2 - 2 * math.atan(t)
    for _ in range(10):  # converges in 4-5 iterations
        lat = math.pi / 2 - 2 * math.atan(t * ((1 - e * math.sin(lat)) / (1 + e * math.sin(lat))) ** (e / 2))
    return lat, theta / n + LON_ORIGIN


def _geocentric(lat: float, lon: float, a: float, f: float) -> tuple[float, float, float]:
    e2 = 2 * f - f * f
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (nu * math.cos(lat) * math.cos(lon), nu * math.cos(lat) * math.sin(lon), nu * (1 - e2) * math.sin(lat))


def _geodetic(x: float, y: float, z: float, a: float, f: float) -> tuple[float, float]:
    e2 = 2 * f - f * f
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return lat, math.atan2(y, x)


def _helmert(x: float, y: float, z: float) -> tuple[float, float, float]:
    """BD72 → WGS 84 geocentric, coordinate frame rotation convention (EPSG method 1032)."""
    rx, ry, rz = (math.radians(v / 3600) for v in (RX, RY, RZ))
    s = 1 + DS * 1e-6
    return (s * (x + rz * y - ry * z) + TX, s * (-rz * x + y + rx * z) + TY, s * (ry * x - rx * y + z) + TZ)


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Lambert 72 (x easting, y northing, metres) → WGS 84 (latitude, longitude) in decimal degrees."""
    lat, lon = _to_bd72(x, y)
    geocentric = _helmert(*_geocentric(lat, lon, A_HAYFORD, F_HAYFORD))
    lat84, lon84 = _geodetic(*geocentric, A_WGS84, F_WGS84)
    return math.degrees(lat84), math.degrees(lon84)
