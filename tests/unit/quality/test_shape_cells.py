"""A column of lines or areas that `publish` would leave off the map is said by `check` (shape-unreadable,
shape-system), with the same verdict `publish` reaches; other columns are not."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from odwb_assist.checks.shape_cells import complete
from odwb_assist.core.findings import Finding
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.publish import shapes
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402
from uploads import upload_of  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
EXCEL_CELL = 32_767  # characters Excel keeps in a cell


def zone(x: float, y: float, radius: float = 0.004, points: int = 12) -> str:
    """A closed WKT polygon around (x, y), in degrees (longitude, latitude), as a GIS exports it."""
    ring = [(x + radius * math.cos(2 * math.pi * i / points), y + 0.6 * radius * math.sin(2 * math.pi * i / points))
            for i in range(points)]
    ring.append(ring[0])
    return "POLYGON ((" + ", ".join(f"{a:.7f} {b:.7f}" for a, b in ring) + "))"


def write(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    return write_csv(path, rows, delimiter, encoding="utf-8")


def shape_findings(path: Path) -> list[Finding]:
    return [f for f in check(path, plugins=PM).findings if f.type.startswith("shape-")]


# the zones of a commune's mobility plan, one of them a park whose outline Excel cut at 32,767 characters, another
# still to be drawn; the remarks column names a point on a plan once
ZONES = [["Zone", "Nom", "Géométrie", "Remarque"],
         *[[f"Z{i}", f"Zone {i}", zone(4.86 + 0.01 * i, 50.46), "Point (voir plan)" if i == 2 else ""] for i in range(8)],
         ["Z8", "Parc communal", zone(4.90, 50.47, 0.01, 1500)[:EXCEL_CELL], ""],
         ["Z9", "Zone à venir", "à définir", ""]]


def test_a_shape_cut_by_excel_and_a_word_among_shapes_are_said(tmp_path: Path) -> None:
    found = shape_findings(write(tmp_path / "zones.csv", ZONES))
    assert [(f.type, f.field_name, f.count, list(f.all_rows)) for f in found] == [
        ("shape-unreadable", "Géométrie", 2, [10, 11])]
    assert found[0].message("fr").startswith("Colonne « Géométrie » : 2 cellule(s) qui ne sont pas une forme lisible "
                                             "(ex. ligne 10 : « POLYGON ((4.9100000 50.4700000")
    assert "« odwb-assist publish » ne mettra pas cette colonne sur la carte" in found[0].message("fr")
    assert "32 767 caractères" in found[0].tip("fr") and "32,767 characters" in found[0].tip("en")
    # the verdict publish reaches on the same cells: no shape column, then one once the two cells are mended
    rows = [row[:3] for row in ZONES[1:]]
    assert shapes.detect(upload_of(tmp_path, ZONES[0][:3], rows)) is None
    mended = [*rows[:8], ["Z8", "Parc communal", zone(4.90, 50.47, 0.01, 1500)], ["Z9", "Zone à venir", ""]]
    assert isinstance(shapes.detect(upload_of(tmp_path, ZONES[0][:3], mended)), shapes.Shapes)
    assert shape_findings(write(tmp_path / "zones-propres.csv", [ZONES[0][:3], *mended])) == []


def test_degrees_and_metres_in_one_column_are_said(tmp_path: Path) -> None:
    rows = [["Tronçon", "Tracé"], *[[f"T{i}", "LINESTRING (4.86 50.46, 4.87 50.47)"] for i in range(5)],
            *[[f"L{i}", f"SRID=31370;LINESTRING ({185000 + i} 128000, 185100 128100)"] for i in range(3)]]
    found = shape_findings(write(tmp_path / "troncons.csv", rows, ","))
    assert [(f.type, f.field_name, f.row_number) for f in found] == [("shape-system", "Tracé", 7)]
    assert found[0].extra["systems"] == {"wgs84": 1, "lambert72": 3}
    assert "des formes en degrés WGS 84 et Lambert 72 (ex. ligne 7, en Lambert 72)" in found[0].message("fr")
    assert "shapes in WGS 84 degrees and Lambert 72 (e.g. row 7, in Lambert 72)" in found[0].message("en")
    assert shapes.detect(upload_of(tmp_path, rows[0], rows[1:])) is None


def test_shapes_in_another_system_are_said_before_publish_refuses_them(tmp_path: Path) -> None:
    rows = [["Parcelle", "Forme"], *[[f"P{i}", f"POLYGON ((2.35 48.85, 2.36 48.85, 2.36 4{i}.86, 2.35 48.85))"]
                                     for i in range(3)]]  # Paris, in degrees: a partner's layer
    found = shape_findings(write(tmp_path / "parcelles.csv", rows))
    assert [(f.type, f.row_number) for f in found] == [("shape-system", 2)]
    assert "ni en degrés WGS 84 ni en Lambert 72 en Belgique" in found[0].message("fr")
    refused = shapes.detect(upload_of(tmp_path, rows[0], rows[1:]))
    assert refused is not None and not isinstance(refused, shapes.Shapes) and refused.code == "shapes-unknown"


def test_a_geojson_cut_short_is_said(tmp_path: Path) -> None:
    area = {"type": "Polygon", "coordinates": [[[4.8, 50.4], [4.81, 50.4], [4.81, 50.41], [4.8, 50.4]]]}
    rows = [["id", "geo"], *[[str(i), json.dumps(area)] for i in range(5)], ["5", json.dumps(area)[:40]]]
    found = shape_findings(write(tmp_path / "geo.csv", rows, ","))
    assert [(f.type, f.count, f.row_number) for f in found] == [("shape-unreadable", 1, 7)]


@pytest.mark.parametrize("rows", [
    # points alone: a map column of its own (map-points), no shape to draw
    [["Arrêt", "Position"], *[[f"A{i}", f"POINT (4.8{i} 50.46)"] for i in range(4)], ["A9", "à définir"]],
    # remarks naming a point on a plan, an address with parentheses
    [["Lieu", "Remarque"], ["Salle", "Point (voir plan)"], ["Parc", "Polygone (voir annexe)"],
     ["Église", "Place (centre)"], ["Halle", "à voir"], ["École", "ok"]],
    # shapes that are all whole, with empty cells for rows without one
    [["Zone", "Forme"], ["Z1", zone(4.86, 50.46)], ["Z2", ""], ["Z3", zone(4.87, 50.46)]],
])
def test_other_columns_and_whole_shapes_are_not_said(tmp_path: Path, rows: list[list[str]]) -> None:
    assert shape_findings(write(tmp_path / "f.csv", rows)) == []


@pytest.mark.parametrize(("cell", "whole"), [
    ("POLYGON ((4.86 50.46, 4.87 50.46, 4.86 50.46))", True),
    ("POLYGON ((4.86 50.46, 4.87 50.46, 4.86 50.4", False),
    ("MULTIPOLYGON (((4.86 50.46, 4.87 50.46, 4.86 50.46)), ((4.9 50.5, 4.91 50.5, 4.9 50.5)", False),
    ('{"type": "LineString", "coordinates": [[4.86, 50.46], [4.87, 50.47]]}', True),
    ('{"type": "LineString", "coordinates": [[4.86, 50.46], [4.87, 50', False),
])
def test_a_cut_is_told_from_the_end_of_a_cell(cell: str, whole: bool) -> None:
    assert complete(cell) is whole


def test_a_garbled_cell_of_deeply_nested_brackets_is_an_unreadable_shape_not_a_failed_check(tmp_path: Path) -> None:
    deep = '{"type": "Polygon", "coordinates": ' + "[" * 200_000 + "]" * 200_000 + "}"
    wkt = "POLYGON " + "(" * 100_000 + "4.86 50.46" + ")" * 100_000
    line = '{"type": "LineString", "coordinates": [[4.86, 50.46], [4.87, 50.47]]}'
    rows = [["id", "geo"], *[[str(i), line] for i in range(4)], ["8", deep], ["9", wkt]]
    report = check(write(tmp_path / "deep.csv", rows, ","), plugins=PM)
    assert not [f for f in report.findings if f.type == "check-failed"]
    assert [(f.type, f.count, list(f.all_rows)) for f in report.findings if f.type.startswith("shape-")] == [
        ("shape-unreadable", 2, [6, 7])]
    assert shapes.detect(upload_of(tmp_path, rows[0], rows[1:])) is None  # publish: no shape column, no failure
