"""A table laid out one column per commune or province (« Indicateur;Andenne;Ciney;Dinant »): said once, as an
information; localities, two communes or a column of communes are not."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from odwb_assist.core.findings import Severity
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


def said(tmp_path: Path, lines: list[str]) -> list:
    path = tmp_path / "tableau.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a failing check would be a warning: make it fail
        report = check(path, plugins=get_plugin_manager())
    return [f for f in report.findings if f.type == "be-commune-columns"]


def test_one_column_per_commune_is_said_once(tmp_path: Path) -> None:
    found = said(tmp_path, ["Indicateur;Andenne;Ciney;Dinant;Gesves;Assesse", "Population;27301;16690;13522;7391;7302",
                            "Superficie (km²);86,2;147,5;99,7;64,8;79,2"])
    assert len(found) == 1
    finding = found[0]
    assert finding.severity is Severity.INFO and finding.row_number == 1 and finding.field_name == "Andenne"
    assert finding.extra["columns"] == ["Andenne", "Ciney", "Dinant", "Gesves", "Assesse"]
    assert "« Andenne » à « Assesse » (5)" in finding.message.fr and "Columns 'Andenne' to 'Assesse' (5)" in \
        finding.message.en
    assert "Transposé" in finding.tip.fr


@pytest.mark.parametrize("labels", [["Brabant wallon", "Hainaut", "Liège", "Luxembourg", "Namur", "Wallonie"],
                                    ["Année", "LIÈGE", "Namur", "Charleroi", "Mons"],
                                    ["Date", "Braine-l'Alleud", "Waterloo", "Nivelles"]])
def test_provinces_cities_and_regions_as_columns_are_said(tmp_path: Path, labels: list[str]) -> None:
    assert len(said(tmp_path, [";".join(labels), ";".join(["2024", *["12"] * (len(labels) - 1)])])) == 1


@pytest.mark.parametrize("labels", [["Indicateur", "Andenne", "Ciney"],  # two
                                    ["Commune", "Population", "Superficie"],  # one row per commune
                                    ["Mesure", "Heure", "Bouge", "Jambes"],  # localities, not communes
                                    ["Andenne", "Indicateur", "Ciney", "Valeur", "Dinant"]])  # not side by side
def test_two_communes_localities_or_communes_apart_are_not(tmp_path: Path, labels: list[str]) -> None:
    assert said(tmp_path, [";".join(labels), ";".join(["12"] * len(labels))]) == []
