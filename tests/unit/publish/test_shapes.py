"""The shape column: lines and areas written in WKT, EWKT or GeoJSON, read into GeoJSON geometries in WGS 84, and which
columns give the portal's ``geo_shape`` field."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from odwb_assist.publish import shapes
from odwb_assist.quality import lambert72
from odwb_assist.quality.geometries import in_wgs84, read_shape, system

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from uploads import upload_of  # noqa: E402

ZONE = "POLYGON ((4.86 50.46, 4.87 50.46, 4.87 50.47, 4.86 50.46))"
STREET = "LINESTRING (4.861 50.461, 4.862 50.462, 4.863 50.462)"
# the same zone in Lambert 72 metres (Namur), as a Walloon GIS exports it, with its SRID and heights
ZONE_L72 = "SRID=31370;POLYGON Z ((185000 127000 80, 185100 127000 80, 185100 127100 81, 185000 127000 80))"


@pytest.mark.parametrize(("cell", "kind", "depth"), [
    (ZONE, "Polygon", 3),
    ("polygon((4.86 50.46,4.87 50.46,4.87 50.47,4.86 50.46))", "Polygon", 3),
    (STREET, "LineString", 2),
    ("MULTIPOLYGON (((4.86 50.46, 4.87 50.46, 4.87 50.47, 4.86 50.46)), ((4.9 50.5, 4.91 50.5, 4.91 50.51, 4.9 50.5),"
     " (4.901 50.501, 4.902 50.501, 4.902 50.502, 4.901 50.501)))", "MultiPolygon", 4),
    ("MULTILINESTRING ((4.86 50.46, 4.87 50.47), (4.88 50.48, 4.89 50.49))", "MultiLineString", 3),
    ("MULTIPOINT ((4.86 50.46), (4.87 50.47))", "MultiPoint", 2),
    ("MULTIPOINT (4.86 50.46, 4.87 50.47)", "MultiPoint", 2),
    ("POINT M (4.86 50.46 3)", "Point", 1),
    ('{"type": "Polygon", "coordinates": [[[4.86, 50.46], [4.87, 50.46], [4.87, 50.47], [4.86, 50.46]]]}', "Polygon", 3),
    # an Opendatasoft export's « Geo Shape » written as a whole Feature, with heights
    ('{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[4.86, 50.46, 120], [4.87, 50.47, 130]]},'
     ' "properties": {}}', "LineString", 2),
])
def test_geometries_are_read_from_wkt_and_geojson_in_two_dimensions(cell: str, kind: str, depth: int) -> None:
    found = read_shape(cell)
    assert found is not None and found[0]["type"] == kind and system(*found) == "wgs84"
    coordinates = found[0]["coordinates"]
    for _ in range(depth - 1):
        coordinates = coordinates[0]
    assert len(coordinates) == 2  # x and y only: heights and measures dropped


def test_a_collection_is_read_member_by_member() -> None:
    found = read_shape(f"GEOMETRYCOLLECTION (POINT (4.86 50.46), {STREET})")
    assert found is not None and [m["type"] for m in found[0]["geometries"]] == ["Point", "LineString"]


@pytest.mark.parametrize("cell", ["POLYGON ((4.86 50.46, 4.87 50.46)", "POLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY",
                                  "Rue du Centre 1", "Zone bleue (centre)", "POINT (4.86)", f"{STREET} et la suite",
                                  "{}", '{"type": "Polygon", "coordinates": [[["a", "b"]]]}', "[1, 2]",
                                  '{"type": "FeatureCollection", "features": []}', "TRIANGLE ((1 2, 3 4, 5 6, 1 2))"])
def test_what_is_no_geometry_is_not_read(cell: str) -> None:
    assert read_shape(cell) is None


def test_lambert72_metres_are_told_from_degrees_and_converted_as_the_points_are() -> None:
    found = read_shape(ZONE_L72)
    assert found is not None and found[1] == 31370 and system(*found) == "lambert72"
    converted = in_wgs84(found[0], "lambert72")
    lat, lon = lambert72.to_wgs84(185000, 127000)
    assert converted["coordinates"][0][0] == [round(lon, 7), round(lat, 7)]  # GeoJSON's order: longitude first
    abroad = read_shape("POLYGON ((2.35 48.85, 2.36 48.85, 2.36 48.86, 2.35 48.85))")  # Paris
    assert abroad is not None and system(*abroad) is None
    assert system(*read_shape("SRID=3812;POLYGON ((685000 627000, 685100 627000, 685100 627100, 685000 627000))")) \
        is None  # Lambert 2008: never taken for Lambert 72


def test_a_column_of_areas_gives_a_geo_shape_column_and_stays_as_written(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["Zone", "Géométrie", "Places"], [["Centre", ZONE, "120"], ["Gare", STREET, "40"],
                                                                 ["À venir", "", "0"]])
    found = shapes.detect(upload)
    assert found == shapes.Shapes("Géométrie", "wgs84")
    assert found.settings()["type"] == "geo_shape" and "Géométrie" in found.settings()["description"]
    made = shapes.with_shape_column(upload, found, tmp_path / "out")
    rows = list(csv.DictReader(made.path.open(encoding="utf-8")))
    assert [row["Géométrie"] for row in rows] == [ZONE, STREET, ""]  # the source column as it was
    assert json.loads(rows[0]["geo_shape"]) == {"type": "Polygon", "coordinates": [
        [[4.86, 50.46], [4.87, 50.46], [4.87, 50.47], [4.86, 50.46]]]}
    assert rows[2]["geo_shape"] == "" and made.checksum != upload.checksum


def test_lambert72_areas_reach_the_map_in_degrees(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["Parcelle", "WKT"], [["A", ZONE_L72], ["B", ZONE_L72.replace("185000", "185050")]])
    found = shapes.detect(upload)
    assert found == shapes.Shapes("WKT", "lambert72") and "Lambert 72" in found.settings()["description"]
    rows = list(csv.DictReader(shapes.with_shape_column(upload, found, tmp_path / "out").path.open(encoding="utf-8")))
    first = json.loads(rows[0]["geo_shape"])["coordinates"][0][0]
    assert abs(first[0] - 4.8616) < 0.001 and abs(first[1] - 50.4528) < 0.001


@pytest.mark.parametrize("cells", [
    ["POINT (4.86 50.46)", "POINT (4.87 50.47)"],  # points alone: the geo_point_2d field's
    [ZONE, "Zone bleue"],  # a text among them
    [ZONE, "POLYGON ((2.35 48.85, 2.36 48.85, 2.36 48.86, 2.35 48.85))"],  # one place abroad among them: two systems
    [ZONE, ZONE_L72],  # two systems
    ["Rue du Centre 1", "Place d'Armes 3"],
])
def test_a_column_is_taken_only_when_every_cell_is_a_geometry_in_belgium_in_one_system(
        tmp_path: Path, cells: list[str]) -> None:
    assert shapes.detect(upload_of(tmp_path, ["Nom", "Forme"], [[str(i), cell] for i, cell in enumerate(cells)])) is None


def test_every_row_is_read_beyond_the_first_ones_and_an_existing_shape_column_is_left(tmp_path: Path) -> None:
    rows = [[str(i), ZONE] for i in range(shapes.SAMPLE + 10)] + [["x", "Zone à définir"]]
    assert shapes.detect(upload_of(tmp_path, ["Nom", "Forme"], rows)) is None
    assert shapes.detect(upload_of(tmp_path, ["Nom", "Geo Shape"], [["a", ZONE]])) is None  # a portal's export: typed


def test_a_long_outline_is_read_whole(tmp_path: Path) -> None:
    ring = ", ".join(f"{4.8 + i / 100000:.5f} {50.4 + (i % 7) / 1000:.4f}" for i in range(20_000))
    outline = f"POLYGON (({ring}, 4.80000 50.4000))"
    assert len(outline) > 131_072  # beyond the csv module's default field size
    upload = upload_of(tmp_path, ["Commune", "Contour"], [["Namur", outline]])
    found = shapes.detect(upload)
    assert found == shapes.Shapes("Contour", "wgs84")
    row = next(csv.DictReader(shapes.with_shape_column(upload, found, tmp_path / "out").path.open(encoding="utf-8")))
    assert len(json.loads(row["geo_shape"])["coordinates"][0]) == 20_001


def test_shapes_in_another_system_are_refused_with_advice_never_drawn_elsewhere(tmp_path: Path) -> None:
    """Lambert 2008 metres (EPSG:3812), as a Walloon GIS may export them: refused as points in it are, with the way out."""
    from odwb_assist.core.contract import Blocker

    zone_2008 = "POLYGON ((685000 627000, 685100 627000, 685100 627100, 685000 627000))"
    refused = shapes.detect(upload_of(tmp_path, ["Zone", "Contour"], [["A", zone_2008], ["B", zone_2008]]))
    assert isinstance(refused, Blocker) and refused.code == "shapes-unknown" and refused.field_name == "Contour"
    assert "685000 627000" in refused.message("fr") and "EPSG:4326" in refused.advice("fr")
    assert "--override shapes-unknown" in refused.advice("en") and "Lambert 72" in refused.message("en")
