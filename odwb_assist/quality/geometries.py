"""A line or an area written in one cell, as a GIS or a portal's export writes it: WKT « POLYGON ((4.86 50.46, …)) »
(EWKT « SRID=31370;POLYGON (…) » too, and the other simple features: POINT, LINESTRING, MULTIPOINT, MULTILINESTRING,
MULTIPOLYGON, GEOMETRYCOLLECTION, with or without Z and M), or a GeoJSON geometry (an Opendatasoft portal's CSV export
writes its « Geo Shape » column so, sometimes as a whole Feature). Read into a GeoJSON geometry whose positions are
(x, y) as written, the third and fourth numbers dropped (the vendor's documentation has a processor to fix shapes
mixing 2D and 3D points, « Correct geo shape processor »: none are sent). :func:`system` then tells WGS 84 degrees
from Belgian Lambert 72 metres, the two a Walloon dataset uses; :mod:`..publish.shapes` makes the portal's ``geo_shape``
column from them, and the check ``shape-cells`` says what would keep a column off the map.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import lambert72
from .points import in_belgium

Geometry = dict[str, Any]

_TOKEN = re.compile(r"\s*(?:(\()|(\))|(,)|([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z]+))")
_SRID = re.compile(r"\s*SRID\s*=\s*(\d+)\s*;", re.IGNORECASE)
# WKT's names and their GeoJSON types, with how deep their positions are nested (0: one position, 1: a list of them…)
TYPES = {"POINT": ("Point", 0), "LINESTRING": ("LineString", 1), "POLYGON": ("Polygon", 2),
         "MULTIPOINT": ("MultiPoint", 1), "MULTILINESTRING": ("MultiLineString", 2),
         "MULTIPOLYGON": ("MultiPolygon", 3)}
DEPTHS = {geo: depth for geo, depth in TYPES.values()}
SHAPES = frozenset({"LineString", "Polygon", "MultiLineString", "MultiPolygon", "GeometryCollection"})  # not points
LONGEST = 5_000_000  # characters of one cell read as a shape at most (a commune's outline takes some 100,000)


class _NotWkt(ValueError):
    pass


def read_shape(cell: str) -> tuple[Geometry, int | None] | None:
    """(the GeoJSON geometry of one cell, the SRID its EWKT gives or None), or None when the cell holds no geometry
    (nor does a cell of brackets nested deeper than Python's recursion allows: a garbled cell, not a shape)."""
    try:
        return _read_shape(cell)
    except RecursionError:
        return None


def _read_shape(cell: str) -> tuple[Geometry, int | None] | None:
    text = cell.strip()
    if not text or len(text) > LONGEST:
        return None
    if text.startswith("{"):
        return _geojson(text)
    srid = None
    found = _SRID.match(text)
    if found is not None:
        srid, text = int(found.group(1)), text[found.end():]
    try:
        tokens = _tokens(text)
        geometry, at = _geometry(tokens, 0)
    except (_NotWkt, IndexError):
        return None
    return (geometry, srid) if at == len(tokens) else None


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each token: « ( », « ) », « , », a number (« n ») or a word (« w »)."""
    tokens, at = [], 0
    while at < len(text):
        found = _TOKEN.match(text, at)
        if found is None or found.end() == at:
            if text[at:].strip():
                raise _NotWkt(text[at:at + 20])
            break
        at = found.end()
        kind = next(k for k, group in zip("(),nw", found.groups(), strict=True) if group is not None)
        tokens.append((kind, found.group(found.lastindex or 0)))
    return tokens


def _geometry(tokens: list[tuple[str, str]], at: int) -> tuple[Geometry, int]:
    """One tagged geometry from ``tokens[at]``: its GeoJSON, and the position after it."""
    kind, word = tokens[at]
    if kind != "w":
        raise _NotWkt(word)
    name = word.upper()
    at += 1
    while tokens[at][0] == "w" and tokens[at][1].upper() in ("Z", "M", "ZM"):  # « POLYGON Z (…) »
        at += 1
    if name == "GEOMETRYCOLLECTION":
        at, members = _expect(tokens, at, "("), []  # « GEOMETRYCOLLECTION EMPTY »: no « ( », no geometry
        while True:
            member, at = _geometry(tokens, at)
            members.append(member)
            if tokens[at][0] == ")":
                return {"type": "GeometryCollection", "geometries": members}, at + 1
            at = _expect(tokens, at, ",")
    if name not in TYPES:
        raise _NotWkt(name)
    geo, depth = TYPES[name]
    nested, at = _nested(tokens, at)
    if name == "MULTIPOINT":  # « MULTIPOINT ((1 2), (3 4)) » or « MULTIPOINT (1 2, 3 4) »
        nested = [item[0] if item and isinstance(item[0], list) else item for item in nested]
    coordinates = nested[0] if depth == 0 and len(nested) == 1 else nested
    if _depth(coordinates) != depth:
        raise _NotWkt(name)
    return {"type": geo, "coordinates": coordinates}, at


def _expect(tokens: list[tuple[str, str]], at: int, kind: str) -> int:
    if tokens[at][0] != kind:
        raise _NotWkt(tokens[at][1])
    return at + 1


def _nested(tokens: list[tuple[str, str]], at: int) -> tuple[list[Any], int]:
    """A parenthesised list: of positions (« 4.86 50.46, 4.87 50.47 »: [x, y] each) or of such lists."""
    at = _expect(tokens, at, "(")
    items: list[Any] = []
    while True:
        if tokens[at][0] == "(":
            item, at = _nested(tokens, at)
        else:
            numbers = []
            while tokens[at][0] == "n":
                numbers.append(float(tokens[at][1]))
                at += 1
            if not 2 <= len(numbers) <= 4:
                raise _NotWkt("position")
            item = numbers[:2]
        items.append(item)
        if tokens[at][0] == ")":
            return items, at + 1
        at = _expect(tokens, at, ",")


def _depth(coordinates: Any) -> int:
    """How deep positions are nested: 0 for a position [x, y], 1 for a list of them…"""
    depth = 0
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates, depth = coordinates[0], depth + 1
    return depth if isinstance(coordinates, list) and coordinates else -1


def _geojson(text: str) -> tuple[Geometry, int | None] | None:
    """A GeoJSON geometry, or a Feature's (a portal's export), its positions cut to (x, y); None for anything else."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    geometry = _checked(value)
    return (geometry, None) if geometry is not None else None


def _checked(value: Any) -> Geometry | None:
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    if kind == "GeometryCollection":
        members = [_checked(member) for member in value.get("geometries") or []]
        return {"type": kind, "geometries": members} if members and all(members) else None
    if kind not in DEPTHS:
        return None
    coordinates = value.get("coordinates")
    if _depth(coordinates) != DEPTHS[str(kind)]:
        return None
    try:
        return {"type": kind, "coordinates": _mapped(coordinates, lambda x, y: [float(x), float(y)])}
    except (TypeError, ValueError, IndexError):
        return None


def _mapped(coordinates: Any, change: Callable[[float, float], list[float]]) -> Any:
    """The nested positions with each one changed (a position: a list of numbers, its first two read)."""
    if coordinates and not isinstance(coordinates[0], list):
        return change(coordinates[0], coordinates[1])
    return [_mapped(item, change) for item in coordinates]


def positions(geometry: Geometry) -> Iterator[tuple[float, float]]:
    """Every (x, y) of a geometry."""
    if geometry["type"] == "GeometryCollection":
        for member in geometry["geometries"]:
            yield from positions(member)
        return
    stack = [geometry["coordinates"]]
    while stack:
        item = stack.pop()
        if item and not isinstance(item[0], list):
            yield item[0], item[1]
        else:
            stack.extend(item)


def system(geometry: Geometry, srid: int | None = None) -> str | None:
    """« wgs84 » when every position is (longitude, latitude) in Belgium, « lambert72 » when every one is Lambert 72
    metres in Belgium (EPSG:31370), else None (another system, or places abroad); an EWKT's SRID must agree."""
    found = list(positions(geometry))
    if not found:
        return None
    if srid in (None, 4326) and all(in_belgium(y, x) for x, y in found):
        return "wgs84"
    if srid in (None, 31370) and all(lambert72.in_belgium(x, y) for x, y in found):
        return "lambert72"
    return None


def in_wgs84(geometry: Geometry, system_name: str) -> Geometry:
    """The geometry in WGS 84 degrees, GeoJSON's order (longitude, latitude); Lambert 72 metres converted."""
    if system_name != "lambert72":
        return geometry

    def converted(x: float, y: float) -> list[float]:
        lat, lon = lambert72.to_wgs84(x, y)
        return [round(lon, 7), round(lat, 7)]

    if geometry["type"] == "GeometryCollection":
        return {"type": "GeometryCollection", "geometries": [in_wgs84(m, system_name) for m in geometry["geometries"]]}
    return {"type": geometry["type"], "coordinates": _mapped(geometry["coordinates"], converted)}
