"""A row of units under the column titles, as statistical tables have it: part of the header (never a data row
« (hab.) » that makes every column text), its units written into the titles by the fix."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.units_row import is_unit, unit_title

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

DENSITIES = [["Commune", "Population", "Superficie", "Densité"], ["", "(hab.)", "(km²)", "(hab./km²)"],
             ["Ciney", "16 500", "147,6", "111,8"], ["Dinant", "13 600", "99,7", "136,4"],
             ["Hastière", "5 900", "48,1", "122,7"], ["Houyet", "4 700", "120,9", "38,9"]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("cell", ["(hab.)", "[km²]", "€", "EUR", "%", "km²", "hab.", " ( € ) ", "nombre", "kWh"])
def test_units(cell: str) -> None:
    assert is_unit(cell)


@pytest.mark.parametrize("cell", ["", "Ciney", "12", "(voir la note en bas de page, ligne 40)", "Total", "A"])
def test_not_units(cell: str) -> None:
    assert not is_unit(cell)


def test_a_bare_unit_goes_into_parentheses() -> None:
    assert unit_title("Budget", "€") == "Budget (€)" and unit_title("Population", "(hab.)") == "Population (hab.)"
    assert unit_title("Commune", "") == "Commune"


def test_the_units_row_is_part_of_the_header_and_the_fix_writes_the_units_into_the_titles(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "densites.csv", DENSITIES)
    report = check(source, plugins=pm())
    assert report.detected.header_rows == [1, 2] and report.rows == 4
    found = next(f for f in report.findings if f.type == "merged-header")
    assert found.row_number == 2 and found.extra["units"] == ["(hab.)", "(km²)", "(hab./km²)"]
    assert "les unités des colonnes (« (hab.) », « (km²) », « (hab./km²) ») sont sur une ligne à part" in found.message("fr")
    fix(source, tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Commune", "Population (hab.)", "Superficie (km²)", "Densité (hab./km²)"]
    assert rows[1] == ["Ciney", "16500", "147.6", "111.8"] and len(rows) == 5


def test_a_workbook_with_bare_units_under_its_titles(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [["Poste", "Budget 2024", "Part"], [None, "€", "%"], ["Voirie", 125000, 12.5], ["Écoles", 80000, 8]]:
        book.active.append(row)
    book.save(tmp_path / "budget.xlsx")
    fix(tmp_path / "budget.xlsx", tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["Poste", "Budget 2024 (€)", "Part (%)"]


def test_a_first_data_row_of_text_in_parentheses_is_data(tmp_path: Path) -> None:
    rows = [["Commune", "Remarque", "Statut"], ["Ciney", "(néant)", "(actif)"], ["Dinant", "(néant)", "(actif)"]]
    report = check(write_csv(tmp_path / "t.csv", rows), plugins=pm())
    assert report.detected.header_rows == [1] and report.rows == 2  # no number below: not units
