"""The map column: Lambert 72 → WGS 84 against known points, and which coordinate columns are found or refused."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.core.contract import Blocker
from odwb_assist.publish import geo
from odwb_assist.quality import lambert72

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from uploads import upload_of  # noqa: E402

# (x, y) in EPSG:31370 → (latitude, longitude) WGS 84, computed with PROJ 9.5.1 (pyproj 3.7.2, the default
# "Inverse of Belgian Lambert 72 + BD72 to WGS 84 (3)"), outside this project.
KNOWN = [
    ((150000.0, 170000.0), (50.84041128, 4.36875214)),   # Brussels
    ((185000.0, 127000.0), (50.45279676, 4.86159727)),   # Namur
    ((50000.0, 60000.0), (49.84306781, 2.97840272)),
    ((296000.0, 130000.0), (50.46262415, 6.42531250)),   # East Belgium
    ((40000.0, 200000.0), (51.09963829, 2.79826198)),    # the coast
]


@pytest.mark.parametrize(("xy", "expected"), KNOWN)
def test_lambert72_matches_proj_within_a_centimetre(xy: tuple[float, float], expected: tuple[float, float]) -> None:
    lat, lon = lambert72.to_wgs84(*xy)
    assert abs(lat - expected[0]) * 111_000 < 0.01
    assert abs(lon - expected[1]) * 71_000 < 0.01


def test_degrees_are_combined_as_they_are(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["Nom", "Latitude", "Longitude"], [["Gare", "50.2937", "5.0964"], ["Sans", "", ""]])
    found = geo.detect(upload, {})
    assert found == geo.Coordinates("Latitude", "Longitude", "wgs84")
    made = geo.with_map_column(upload, found, tmp_path / "out")
    lines = made.path.read_text(encoding="utf-8").splitlines()
    assert lines == ["Nom,Latitude,Longitude,geo_point_2d", 'Gare,50.2937,5.0964,"50.2937,5.0964"', "Sans,,,"]
    assert made.checksum != upload.checksum and upload.path.read_text(encoding="utf-8").count("geo_point_2d") == 0


def test_lambert72_is_converted_never_published_as_degrees(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["Lieu", "X", "Y"], [["Namur", "185000", "127000"], ["Bruxelles", "150000,0", "170000"]])
    found = geo.detect(upload, {})
    assert isinstance(found, geo.Coordinates) and found.system == "lambert72" and "Lambert 72" in found.settings()[
        "description"]
    rows = list(csv.DictReader(geo.with_map_column(upload, found, tmp_path / "out").path.open(encoding="utf-8")))
    assert [r["geo_point_2d"] for r in rows] == ["50.452797,4.861597", "50.840411,4.368752"]


def test_lambert_values_under_degree_names_are_converted(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["latitude", "longitude"], [["127000", "185000"]])
    found = geo.detect(upload, {})
    assert isinstance(found, geo.Coordinates) and found.system == "lambert72"



@pytest.mark.parametrize("x, y", [("X (Lambert 72)", "Y (Lambert 72)"),
                                  ("Coordonnée X (Lambert 72)", "Coordonnée Y (Lambert 72)"), ("X_LB72", "Y_LB72"),
                                  ("Lambert 72 X", "Lambert 72 Y"), ("X (m)", "Y (m)"),
                                  ("Coord X", "Coord Y"), ("XLAMBERT", "YLAMBERT"), ("X (EPSG:31370)", "Y (EPSG:31370)")])
def test_lambert_columns_are_found_under_the_names_exports_give_them(tmp_path: Path, x: str, y: str) -> None:
    """Headers as street-lighting, tree or sign inventories export them: each was found by no name, and the dataset
    went to the portal without a map."""
    upload = upload_of(tmp_path, ["Luminaire", x, y], [["LUM-000001", "185000", "127000"]])
    assert geo.detect(upload, {}) == geo.Coordinates(y, x, "lambert72")


@pytest.mark.parametrize("lat, lon", [("Latitude (WGS84)", "Longitude (WGS84)"), ("Lat.", "Long."),
                                      ("Latitude Nord", "Longitude Est"),
                                      ("Latitude WGS 84 (degrés décimaux)", "Longitude WGS 84 (degrés décimaux)")])
def test_degree_columns_are_found_under_their_export_names(tmp_path: Path, lat: str, lon: str) -> None:
    upload = upload_of(tmp_path, ["Lieu", lat, lon], [["Gare", "50.2937", "5.0964"]])
    assert geo.detect(upload, {}) == geo.Coordinates(lat, lon, "wgs84")


@pytest.mark.parametrize("header", [["Instrument", "Xylophone", "Yacht"], ["Mesure", "Longueur (m)", "Largeur (m)"],
                                    ["Limite", "max_x", "max_y"]])
def test_words_that_merely_begin_like_an_axis_are_no_coordinates(tmp_path: Path, header: list[str]) -> None:
    assert geo.detect(upload_of(tmp_path, header, [["a", "185000", "127000"]]), {}) is None


def test_lambert_2008_named_so_is_refused_with_advice_not_left_without_a_word(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["X (Lambert 2008)", "Y (Lambert 2008)"], [["685000", "627000"]])
    found = geo.detect(upload, {})
    assert isinstance(found, Blocker) and "Lambert 2008" in found.advice("fr")

def test_declared_columns_win_over_names(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["est", "nord", "x"], [["185000", "127000", "1"]])
    found = geo.detect(upload, {"est": {"kind": "lambert72-x"}, "nord": {"kind": "lambert72-y"}})
    assert found == geo.Coordinates("nord", "est", "lambert72")


def test_unknown_system_is_refused_with_advice(tmp_path: Path) -> None:
    upload = upload_of(tmp_path, ["x", "y"], [["685000", "627000"]])  # Lambert 2008 (EPSG:3812) metres
    found = geo.detect(upload, {})
    assert isinstance(found, Blocker) and found.code == "coordinates-unknown" and found.overridable
    assert "ni des degrés WGS 84 ni des coordonnées Lambert 72" in found.message("fr")
    assert "Lambert 2008" in found.advice("fr") and "--override coordinates-unknown" in found.advice("fr")


def test_no_coordinates_no_map(tmp_path: Path) -> None:
    assert geo.detect(upload_of(tmp_path, ["nom", "places"], [["a", "1"]]), {}) is None
    assert geo.detect(upload_of(tmp_path, ["nom", "latitude"], [["a", "50.1"]]), {}) is None


# --- one column holding the point (a GPS position, a GIS's WKT) --------------------------------------------------

@pytest.mark.parametrize(("cells", "form", "system"), [
    (["50.4674, 4.8719", "50.2937,5.0964", ""], "lat-lon", "wgs84"),  # a form's « position GPS »
    (["4.8719, 50.4674", "5.0964 , 50.2937"], "lon-lat", "wgs84"),  # longitude first: told apart in Belgium
    (["50,4674;4,8719", "50,2937;5,0964"], "lat-lon", "wgs84"),  # decimal commas
    (["POINT (4.8719 50.4674)", "SRID=4326;POINT(5.0964 50.2937)"], "wkt", "wgs84"),  # QGIS's « geometry as WKT »
    (["POINT (185000 127000)", "POINT (150000 170000)"], "wkt", "lambert72"),  # WKT in Belgian Lambert 72
])
def test_one_column_holding_the_point_gives_the_map(tmp_path: Path, cells: list[str], form: str, system: str) -> None:
    upload = upload_of(tmp_path, ["Nom", "Position"], [[f"Lieu {i}", cell] for i, cell in enumerate(cells)])
    found = geo.detect(upload, {})
    assert found == geo.Coordinates("Position", "Position", system, form=form)
    assert "lue dans la colonne « Position »" in found.settings()["description"]
    made = geo.with_map_column(upload, found, tmp_path / "out")
    written = list(csv.reader(made.path.open(encoding="utf-8")))
    assert written[0] == ["Nom", "Position", "geo_point_2d"]
    lat, lon = (float(v) for v in written[1][2].split(","))
    assert 50.2 < lat < 50.9 and 4.3 < lon < 5.2  # Namur, Brussels: latitude first, in degrees


@pytest.mark.parametrize("cells", [
    ["12,5", "13,25"],  # amounts with a decimal comma
    ["Rue de Fer 12, 5000", "Rue Haute 3, 5500"],  # addresses
    ["48.8566, 2.3522", "50.4674, 4.8719"],  # a point outside Belgium: not all of them
    ["POINT (4.8719 50.4674)", "à vérifier"],  # one cell is no point
    ["SRID=3812;POINT(685000 627000)", "SRID=3812;POINT(650000 670000)"],  # Lambert 2008: never taken for degrees
])
def test_a_column_is_taken_for_points_only_when_every_cell_is_one_in_belgium(tmp_path: Path, cells: list[str]) -> None:
    upload = upload_of(tmp_path, ["Nom", "Valeur"], [[f"Lieu {i}", cell] for i, cell in enumerate(cells)])
    assert geo.detect(upload, {}) is None


def test_a_point_column_is_checked_on_every_row_beyond_the_first_ones(tmp_path: Path) -> None:
    rows = [[f"Lieu {i}", "50.4674, 4.8719"] for i in range(geo.SAMPLE + 10)] + [["Paris", "48.8566, 2.3522"]]
    assert geo.detect(upload_of(tmp_path, ["Nom", "Position"], rows), {}) is None  # the last one is abroad
    assert geo.detect(upload_of(tmp_path, ["Nom", "Position"], rows[:-1]), {}) is not None
