"""A point written in one cell, as a GIS, a form or the portal's own export writes it: « 50.4674, 4.8719 » (latitude,
longitude: the portal's ``geo_point_2d`` text form), its reverse, or WKT « POINT (4.8719 50.4674) » (x y). A Walloon
dataset's points lie in Belgium: 49.3° to 51.7° north and 2.4° to 6.6° east (with a margin), which tells the two
orders apart. Read here for the check of a map column and for ``publish``, which makes the map column
(:mod:`odwb_assist.publish.geo`).
"""

from __future__ import annotations

import re

# one cell holding the point: « lat, lon » (or « lat;lon », « lat lon ») and WKT « POINT (x y) » (SRID allowed)
PAIR = re.compile(r"\s*\(?\s*([+-]?\d{1,3}(?:[.,]\d+)?)\s*(?:,|;|\s)\s*([+-]?\d{1,3}(?:[.,]\d+)?)\s*\)?\s*")
WKT = re.compile(r"\s*(?:SRID=(\d+);)?\s*POINT\s*Z?\s*\(\s*([+-]?\d+(?:\.\d+)?)\s+([+-]?\d+(?:\.\d+)?)"
                 r"(?:\s+[+-]?\d+(?:\.\d+)?)?\s*\)\s*", re.IGNORECASE)
NORTH, EAST = (49.3, 51.7), (2.4, 6.6)  # degrees: Belgium with a margin (the points of a Walloon dataset)


def in_belgium(north: float, east: float) -> bool:
    return NORTH[0] <= north <= NORTH[1] and EAST[0] <= east <= EAST[1]


def pair(cell: str) -> tuple[float, float] | None:
    """The two numbers of a « a, b » cell, in the order written (a decimal comma read as a point), or None."""
    written = pair_texts(cell)
    return None if written is None else (float(written[0]), float(written[1]))


def pair_texts(cell: str) -> tuple[str, str] | None:
    """The two numbers of a « a, b » cell as written, in that order, a decimal comma made a point (every digit
    kept), or None."""
    found = PAIR.fullmatch(cell)
    if found is None:
        return None
    return found.group(1).replace(",", "."), found.group(2).replace(",", ".")
