"""On the map: a ``geo_point_2d`` field made from the latitude and longitude (or Lambert 72) columns.

How the portal gets it — a combined column typed through the field configuration, not a processor:
the vendor's Automation document (automation-v1.0.openapi.json, ``TypeDatasetFieldConfiguration``)
lists ``geo_point_2d`` among the ``type_param`` values of a ``type`` field configuration, and its
``geo_point_2d`` text form is ``"latitude,longitude"`` (Explore returns it as ``{"lat", "lon"}``).
The same document describes processors only generically (``GET /processors/`` lists those of the
domain; its one example is ``string_replace``): it names no processor that joins two coordinate
columns, so relying on one would mean guessing its type and parameters. So the uploaded CSV gets
one more column, ``geo_point_2d`` = ``"lat,lon"`` in WGS 84 degrees, typed ``geo_point_2d``.

Columns are found by declaration (``[datasets.fields]``: ``kind = "latitude"`` / ``"longitude"``, or
``"lambert72-x"`` / ``"lambert72-y"``) or by name (latitude/lat, longitude/lon/lng, x/y, with the words exports put
around them: « X (Lambert 72) », « Coordonnée Y », « Latitude (WGS84) »), then judged by their values: degrees are
used as they are; Belgian Lambert 72 metres are converted (:mod:`..quality.lambert72`); anything else (Lambert 2008, another
projection, mixed values) is refused with advice — coordinates are never published as degrees when they are not.

Without such a pair, one column may hold the point whole, as a GIS or a form exports it: « 50.4674, 4.8719 »
(a GPS position: latitude then longitude, or the reverse, told apart because Wallonia and Brussels lie between
49.4° and 51.6° north and 2.5° and 6.5° east) or WKT « POINT (4.8719 50.4674) » (x y: longitude latitude, or Lambert
72 metres). Every filled cell of the column must be one, in Belgium: anything less leaves the file without a map.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.contract import Blocker
from ..core.i18n import Msg
from ..quality import lambert72
from ..quality.points import WKT, in_belgium, pair
from .fields import technical_name
from .source import UploadFile, with_added_column

COLUMN = "geo_point_2d"
# the roles of columns, by their technical names (« X (Lambert 72) » -> x_lambert_72): an axis, and around it the
# words that name a system or a unit (« Coordonnée X (Lambert 72) », « X_LB72 », « Latitude (WGS84) », « Lat. »)
_METRES = (r"(?:lambert(?:_?(?:19)?72|_?2008)?|l_?72|lb_?72|bd_?72|l_?08|lb_?08|epsg_?31370|31370|epsg_?3812|3812|m|"
           r"metres?|en_m|coord(?:inate|onnee)?s?)")  # Lambert 2008 too: found, its values are then refused with advice
_DEGREES = r"(?:wgs_?84|degres|deg|dd|decimale?s?|decimaux|epsg_?4326|4326|nord|north|est|east)"
_COORD = r"(?:coord(?:onnee)?s?_)"
ROLE_NAMES = {
    "lat": re.compile(rf"{_COORD}?(?:latitude|lat)(?:_{_DEGREES})*|(?:{_DEGREES}_)+(?:latitude|lat)|y_?{_DEGREES}+"),
    "lon": re.compile(rf"{_COORD}?(?:longitude|lon|lng|long)(?:_{_DEGREES})*|(?:{_DEGREES}_)+(?:longitude|lon|lng)"
                      rf"|x_?{_DEGREES}+"),
    "x": re.compile(rf"{_COORD}?x(?:_?{_METRES})*|(?:{_METRES}_)+x"),
    "y": re.compile(rf"{_COORD}?y(?:_?{_METRES})*|(?:{_METRES}_)+y"),
}
DECLARED = {"latitude": "lat", "wgs84-latitude": "lat", "longitude": "lon", "wgs84-longitude": "lon",
            "lambert72-y": "y", "lambert72-x": "x"}


@dataclass(frozen=True)
class Coordinates:
    """The two source columns (headers), their system (``wgs84`` or ``lambert72``) and the map column made."""

    north: str  # latitude, or Lambert 72 y (one column holding the point: its header, as ``east``)
    east: str  # longitude, or Lambert 72 x
    system: str
    column: str = COLUMN
    form: str = "columns"  # or a column holding the point: « lat-lon », « lon-lat », « wkt » (see :func:`read_point`)

    def added_to(self, upload: UploadFile, work_dir: Path) -> UploadFile:
        """The upload with the map column (:func:`with_map_column`)."""
        return with_map_column(upload, self, work_dir)

    def settings(self) -> dict[str, Any]:
        """``[datasets.fields]``-like settings of the map column (type, label, description)."""
        if self.form != "columns":
            source = f"lue dans la colonne « {self.north} »" + (" (Lambert 72, EPSG:31370, convertie)"
                                                                  if self.system == "lambert72" else "")
        elif self.system == "lambert72":
            source = f"convertie des colonnes « {self.east} » (X) et « {self.north} » (Y) en Lambert 72 (EPSG:31370)"
        else:
            source = f"des colonnes « {self.north} » et « {self.east} »"
        return {"type": "geo_point_2d", "label": "Position",
                "description": f"Position (latitude, longitude) en degrés WGS 84, {source}."}


def _number(text: str) -> float | None:
    value = text.strip().replace("\u202f", "").replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        return None


def _find(header: list[str], settings: dict[str, Any]) -> dict[str, str]:
    """Role (lat, lon, x, y) → header, declared roles first."""
    roles: dict[str, str] = {}
    for head in header:
        raw = settings.get(head, settings.get(technical_name(head)))
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if isinstance(kind, str) and kind in DECLARED:
            roles.setdefault(DECLARED[kind], head)
    if roles:
        return roles
    for head in header:
        name = technical_name(head)
        for role, pattern in ROLE_NAMES.items():
            if pattern.fullmatch(name):
                roles.setdefault(role, head)
                break
    return roles


def _pairs(path: Path, north: str, east: str) -> list[tuple[float, float]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        out = []
        for row in rows:
            a, b = _number(row.get(north) or ""), _number(row.get(east) or "")
            if a is not None and b is not None:
                out.append((a, b))
    return out


def _refusal(north: str, east: str, example: tuple[float, float]) -> Blocker:
    shown = f"{example[1]:g} / {example[0]:g}"
    return Blocker(
        code="coordinates-unknown",
        message=Msg(f"Les colonnes « {east} » et « {north} » ne sont ni des degrés WGS 84 ni des coordonnées Lambert 72 "
                    f"de Belgique (ex. {shown}) : le jeu de données ne peut pas être placé sur la carte.",
                    f"Columns '{east}' and '{north}' are neither WGS 84 degrees nor Belgian Lambert 72 coordinates "
                    f"(e.g. {shown}): the dataset cannot be put on the map."),
        advice=Msg("Convertissez-les en latitude et longitude WGS 84 (degrés décimaux, ex. 50.4669 et 4.8670), par exemple "
                   "avec le convertisseur de l'IGN (Lambert 2008 → WGS 84), ou déclarez-les dans [datasets.fields] "
                   "(kind = \"lambert72-x\" / \"lambert72-y\" s'il s'agit de Lambert 72). Pour publier sans carte : "
                   "--override coordinates-unknown --justification \"…\".",
                   "Convert them to WGS 84 latitude and longitude (decimal degrees, e.g. 50.4669 and 4.8670), for "
                   "instance with the NGI converter (Lambert 2008 → WGS 84), or declare them in [datasets.fields] "
                   "(kind = \"lambert72-x\" / \"lambert72-y\" for Lambert 72). To publish without a map: "
                   "--override coordinates-unknown --justification \"…\"."),
        field_name=east,
    )


def _point_form(cells: list[str]) -> tuple[str, str] | None:
    """How every filled cell of a column holds a point in Belgium: (form, system), or None."""
    filled = [cell for cell in cells if cell.strip()]
    if len(filled) < 2:
        return None
    for form in ("wkt", "lat-lon", "lon-lat"):
        points = [read_point(cell, form, "wgs84") for cell in filled]
        if all(p is not None and in_belgium(*p) for p in points):
            return form, "wgs84"
    metres = [read_point(cell, "wkt", "lambert72") for cell in filled]
    if all(p is not None and in_belgium(*p) for p in metres):
        return "wkt", "lambert72"
    return None


def read_point(cell: str, form: str, system: str) -> tuple[float, float] | None:
    """(latitude, longitude) in WGS 84 degrees of one cell holding a point in ``form``, None when it holds none."""
    if form == "wkt":
        found = WKT.fullmatch(cell)
        if found is None:
            return None
        x, y = float(found.group(2)), float(found.group(3))
        if system == "lambert72":
            return lambert72.to_wgs84(x, y) if lambert72.in_belgium(x, y) else None
        return (y, x) if found.group(1) in (None, "4326") else None
    numbers = pair(cell)
    if numbers is None:
        return None
    a, b = numbers
    return (a, b) if form == "lat-lon" else (b, a)


SAMPLE = 500  # rows read to find a column holding points; the one found is then read whole


def _point_column(upload: UploadFile, header: list[str]) -> Coordinates | None:
    """The first column whose every filled cell is a point in Belgium (:func:`_point_form`), or None: the columns
    are tried on the first rows, then the one they give is checked on every row (the file is streamed, not held)."""
    with upload.path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        sample = [row for _, row in zip(range(SAMPLE), rows, strict=False)]
    for index, head in enumerate(header):
        found = _point_form([row[index] if index < len(row) else "" for row in sample])
        if found is not None and _all_points(upload.path, index, *found):
            return Coordinates(head, head, found[1], form=found[0])
    return None


def _all_points(path: Path, index: int, form: str, system: str) -> bool:
    """Whether every filled cell of column ``index`` is a point in Belgium read in ``form``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        for row in rows:
            cell = row[index] if index < len(row) else ""
            if cell.strip() and ((found := read_point(cell, form, system)) is None or not in_belgium(*found)):
                return False
    return True


def detect(upload: UploadFile, settings: dict[str, Any]) -> Coordinates | Blocker | None:
    """The coordinates of the file to upload, a refusal when they are in an unknown system, or None."""
    from .source import read_header

    header = read_header(upload.path)
    if COLUMN in (technical_name(h) for h in header):
        return None  # the file already has its map column: typed like any declared column
    roles = _find(header, settings)
    candidates = [("lat", "lon"), ("y", "x")]
    north_role, east_role = next(((n, e) for n, e in candidates if n in roles and e in roles), (None, None))
    if north_role is None or east_role is None:
        return _point_column(upload, header)
    north, east = roles[north_role], roles[east_role]
    pairs = _pairs(upload.path, north, east)
    if not pairs:
        return None
    if all(-90 <= a <= 90 and -180 <= b <= 180 for a, b in pairs):
        return Coordinates(north, east, "wgs84")  # x / y holding degrees: y is the latitude, x the longitude
    if all(lambert72.in_belgium(b, a) for a, b in pairs):
        return Coordinates(north, east, "lambert72")
    odd = next((p for p in pairs if not lambert72.in_belgium(p[1], p[0])), pairs[0])
    return _refusal(north, east, odd)


def with_map_column(upload: UploadFile, coordinates: Coordinates, work_dir: Path) -> UploadFile:
    """A copy of the upload with the ``geo_point_2d`` column (``"lat,lon"``, empty when a coordinate is missing)."""
    from .source import read_header

    header = read_header(upload.path)
    north, east = header.index(coordinates.north), header.index(coordinates.east)

    def point(row: list[str]) -> str:
        if coordinates.form != "columns":
            found = read_point(row[north], coordinates.form, coordinates.system) if north < len(row) else None
            return f"{found[0]:.6f},{found[1]:.6f}" if found is not None else ""
        a = _number(row[north]) if north < len(row) else None
        b = _number(row[east]) if east < len(row) else None
        if a is None or b is None:
            return ""
        if coordinates.system == "lambert72":
            lat, lon = lambert72.to_wgs84(b, a)
            return f"{lat:.6f},{lon:.6f}"
        return f"{a:.15g},{b:.15g}" if abs(a) <= 90 and abs(b) <= 180 else ""

    return with_added_column(upload, work_dir, "carte", coordinates.column, point)
