"""Coordinates in degrees, minutes and seconds (a GPS, a survey, an encyclopaedia): no map on the portal until they
are decimal degrees. Said, and converted by the fix without losing the seconds' precision."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.checks.dms_coordinates import decimal_degrees
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

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
