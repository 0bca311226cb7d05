"""On the map: a ``geo_shape`` field made from a column of lines or areas (streets, zones, parcels, a commune's outline).

How the portal reads it: a field typed ``geo_shape`` through the field configuration (``type_param`` ``geo_shape``,
the vendor's Automation document, ``TypeDatasetFieldConfiguration``), whose values are « geographical shapes
expressed in GeoJSON », feature collections not supported (the vendor's documentation, « Defining a dataset schema »,
Geo shape). WKT, which a GIS exports, is converted only by a processor « not available by default » (« WKT and WKB to
GeoJson processor »). So the uploaded CSV gets one more column, ``geo_shape``, holding each row's geometry as a GeoJSON
geometry in WGS 84 degrees (longitude, latitude), read from the column as it is written (:mod:`..quality.geometries`: WKT, EWKT
or GeoJSON, Lambert 72 metres converted); the column itself is kept as written.

A column is taken when every filled cell of it is a geometry in Belgium, all in one system, lines or areas among them
(a column of points alone gives the ``geo_point_2d`` field instead: :mod:`.geo`). A column of geometries in another
system (Lambert 2008, places abroad) is refused with advice, as points are: never published as if it were degrees.
Anything else leaves the file without a shape, as it was: a text among the cells, two systems in one column.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.contract import Blocker
from ..core.i18n import Msg
from ..quality.geometries import SHAPES, in_wgs84, positions, read_shape, system
from .fields import technical_name
from .source import UploadFile, allow_long_cells, read_header, with_added_column

COLUMN = "geo_shape"
SAMPLE = 200  # rows read to find a column of shapes; the one found is then read whole


@dataclass(frozen=True)
class Shapes:
    """The column holding the shapes (its header), their system (``wgs84`` or ``lambert72``) and the map column."""

    source: str
    system: str
    column: str = COLUMN

    def added_to(self, upload: UploadFile, work_dir: Path) -> UploadFile:
        """The upload with the shape column (:func:`with_shape_column`)."""
        return with_shape_column(upload, self, work_dir)

    def settings(self) -> dict[str, Any]:
        """``[datasets.fields]``-like settings of the shape column (type, label, description)."""
        converted = " (Lambert 72, EPSG:31370, convertie)" if self.system == "lambert72" else ""
        return {"type": "geo_shape", "label": "Forme",
                "description": f"Forme (GeoJSON, degrés WGS 84) lue dans la colonne « {self.source} »{converted}."}


OTHER = "other"  # geometries in neither system of Belgium (Lambert 2008, places abroad…)


def _verdict(cells: list[str]) -> tuple[str, bool] | None:
    """(system, whether a line or an area is among them) when every filled cell is a geometry, all in one system
    (:data:`OTHER` for geometries in neither WGS 84 degrees nor Lambert 72 metres in Belgium); None otherwise."""
    systems: set[str] = set()
    shaped = False
    for cell in cells:
        if not cell.strip():
            continue
        found = read_shape(cell)
        if found is None:
            return None
        systems.add(system(*found) or OTHER)
        shaped = shaped or found[0]["type"] in SHAPES
    return (systems.pop(), shaped) if len(systems) == 1 else None


def detect(upload: UploadFile) -> Shapes | Blocker | None:
    """The column of lines or areas of the file to upload (the first one), a refusal when its geometries are in another
    system than WGS 84 or Lambert 72 in Belgium (they would never be drawn in their place), or None (none, or a file
    with a ``geo_shape`` column already: typed as it is declared)."""
    header = read_header(upload.path)
    if COLUMN in (technical_name(head) for head in header):
        return None
    allow_long_cells()
    with upload.path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        sample = [row for _, row in zip(range(SAMPLE), rows, strict=False)]
    for index, head in enumerate(header):
        cells = [row[index] if index < len(row) else "" for row in sample]
        if not any(cell.lstrip()[:1].isalpha() or cell.lstrip()[:1] == "{" for cell in cells if cell.strip()):
            continue  # numbers, dates: no geometry begins so
        found = _verdict(cells)
        if found is None or not found[1]:
            continue
        whole = _whole_column(upload.path, index)
        if whole is not None and whole[0] == found[0]:
            return _refusal(head, cells) if found[0] == OTHER else Shapes(head, found[0])
    return None


def _refusal(column: str, cells: list[str]) -> Blocker:
    found = next(read_shape(cell) for cell in cells if cell.strip())
    x, y = next(positions(found[0])) if found is not None else (0.0, 0.0)
    shown = f"{x:g} {y:g}"
    return Blocker(
        code="shapes-unknown",
        message=Msg(f"Les formes de la colonne « {column} » ne sont ni en degrés WGS 84 ni en Lambert 72 en Belgique "
                    f"(ex. premier point « {shown} ») : elles ne peuvent pas être dessinées sur la carte.",
                    f"The shapes of column '{column}' are neither in WGS 84 degrees nor in Lambert 72 in Belgium (e.g. "
                    f"first point '{shown}'): they cannot be drawn on the map."),
        advice=Msg("Exportez-les en WGS 84 (EPSG:4326) ou en Lambert 72 (EPSG:31370) depuis votre SIG (QGIS : Exporter > "
                   "Sauvegarder les entités sous…, SCR EPSG:4326), puis relancez la publication. Pour publier sans les "
                   "formes : --override shapes-unknown --justification \"…\".",
                   "Export them in WGS 84 (EPSG:4326) or Lambert 72 (EPSG:31370) from your GIS (QGIS: Export > Save "
                   "Features As…, CRS EPSG:4326), then publish again. To publish without the shapes: --override "
                   "shapes-unknown --justification \"…\"."),
        field_name=column,
    )


def _whole_column(path: Path, index: int) -> tuple[str, bool] | None:
    """:func:`_verdict` of every cell of column ``index`` (streamed: one row at a time, its system kept)."""
    systems: set[str] = set()
    shaped = False
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        for row in rows:
            found = _verdict([row[index]] if index < len(row) else [])
            if found is None and index < len(row) and row[index].strip():
                return None
            if found is not None:
                systems.add(found[0])
                shaped = shaped or found[1]
            if len(systems) > 1:
                return None
    return (systems.pop(), shaped) if systems else None


def with_shape_column(upload: UploadFile, shapes: Shapes, work_dir: Path) -> UploadFile:
    """A copy of the upload with the ``geo_shape`` column (a compact GeoJSON geometry, empty where the cell is)."""
    index = read_header(upload.path).index(shapes.source)

    def shape(row: list[str]) -> str:
        found = read_shape(row[index]) if index < len(row) else None
        return "" if found is None else json.dumps(in_wgs84(found[0], shapes.system), separators=(",", ":"))

    return with_added_column(upload, work_dir, "formes", shapes.column, shape)
