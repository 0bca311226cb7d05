"""Coordinates in degrees, minutes and seconds (a GPS, a survey, an encyclopaedia): no map on the portal until they
are decimal degrees. Said, and converted by the fix without losing the seconds' precision."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.checks.dms_coordinates import decimal_degrees, decimal_pair
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.publish import geo
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from uploads import upload_of  # noqa: E402

PLACES = [["Lieu", "Latitude", "Longitude"], ["Citadelle", "50°27'45.6\"N", "4°51'36.0\"E"],
          ["Cathédrale", "50°27'55.2\"N", "4°51'37.2\"E"], ["Musée Rops", "50° 27′ 50.4″ N", "4° 51′ 54″ E"],
          ["Gare", "N 50°28.100'", "E 4°51.780'"], ["Hôtel de ville", "50.466333", "4.866"]]  # already decimal


@pytest.mark.parametrize(("cell", "degrees"), [
    ("50°27'45.6\"N", "50.462667"), ("4°51'36\"E", "4.860000"), ("50° 27′ 50.4″ N", "50.464000"),
    ("N 50°28.100'", "50.468333"), ("33°51'35.9\"S", "-33.859972"), ("3°42'O", "-3.700000"), ("50.4627°", "50.4627"),
    ("50°27'45,62\"", "50.462672"),
    ("50°61'00\"N", None), ("95°00'00\"N", None), ("N 50°27' S", None), ("25 °C", None), ("12°", None)])
def test_degrees_minutes_seconds(cell: str, degrees: str | None) -> None:
    if cell == "12°":  # a degree alone is a coordinate of a whole degree: only in a column of coordinates
        assert decimal_degrees(cell) == "12.0"
        return
    assert decimal_degrees(cell) == degrees


def test_a_column_of_such_coordinates_is_said_and_converted(tmp_path: Path) -> None:
    source = tmp_path / "lieux.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(PLACES)
    pm = get_plugin_manager()
    found = [f for f in check(source, plugins=pm).findings if f.type == "dms-coordinates"]
    assert [(f.field_name, f.count) for f in found] == [("Latitude", 4), ("Longitude", 4)]
    fix(source, tmp_path / "propre.csv", plugins=pm)
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[1:] for row in rows[1:]] == [["50.462667", "4.860000"], ["50.465333", "4.860333"],
                                             ["50.464000", "4.865000"], ["50.468333", "4.863000"], ["50.466333", "4.866"]]
    report = check(tmp_path / "propre.csv", plugins=pm)
    assert report.kinds == {"Latitude": "wgs84-latitude", "Longitude": "wgs84-longitude"}  # a map on the portal


def test_temperatures_in_a_text_column_are_not_coordinates(tmp_path: Path) -> None:
    source = tmp_path / "meteo.csv"
    source.write_text("Jour;Relevé\nlundi;12° le matin, 18° l'après-midi\nmardi;25 °C\nmercredi;pluie\n", encoding="utf-8")
    assert not [f for f in check(source).findings if f.type == "dms-coordinates"]


@pytest.mark.parametrize(("cell", "point"), [
    ("50°27'45.6\"N 4°51'36.0\"E", "50.462667, 4.860000"),  # as Google Maps shows a place
    ("50°17'23\"N, 5°6'12\"E", "50.289722, 5.103333"), ("50°27'45.6\"N;4°51'36.0\"E", "50.462667, 4.860000"),
    ("N 50°28.100' E 4°51.780'", "50.468333, 4.863000"), ("4°51'36\"E 50°27'45.6\"N", "50.462667, 4.860000"),
    ("50°27'45.6\" 4°51'36.0\"", "50.462667, 4.860000"), ("50°N 4°E", "50.0, 4.0"),
    ("12° 18°", None), ("50°27'45.6\"N 50°27'45.6\"N", None), ("95°00'N 4°E", None), ("50°27'N4°51'E", None),
    ("50°27'45.6\"N", None), ("de 12° à 18°", None)])
def test_a_point_whole_in_degrees_minutes_seconds(cell: str, point: str | None) -> None:
    assert decimal_pair(cell) == point


def test_a_column_of_points_copied_from_a_map_becomes_the_map(tmp_path: Path) -> None:
    """« 50°20'44"N 5°8'50"E », a place's position as Google Maps shows it, pasted in one column: the portal places
    nothing; the fix writes « 50.345556, 5.147222 », the « lat, lon » column ``publish`` makes the map from."""
    source = tmp_path / "plaines.csv"
    rows = [["Nom", "Coordonnées", "Âge"], ["Plaine du Parc", "50°20'44\"N 5°8'50\"E", "2-12 ans"],
            ["Plaine des Écoles", "50°16'34\"N, 5°4'30\"E", "3-8 ans"], ["Plaine Saint-Roch", "", "Tout âge"]]
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    pm = get_plugin_manager()
    found = [f for f in check(source, plugins=pm).findings if f.type == "dms-coordinates"]
    assert [(f.field_name, f.count) for f in found] == [("Coordonnées", 2)]
    fix(source, tmp_path / "propre.csv", plugins=pm)
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        cleaned = list(csv.reader(handle))
    assert [row[1] for row in cleaned[1:]] == ["50.345556, 5.147222", "50.276111, 5.075000", ""]
    upload = upload_of(tmp_path, cleaned[0], cleaned[1:])
    assert geo.detect(upload, {}) == geo.Coordinates("Coordonnées", "Coordonnées", "wgs84", form="lat-lon")
