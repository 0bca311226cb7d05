"""Formula errors left in an exported table (« #DIV/0! », « #N/A », LibreOffice's « Err:502 »): reported in any
column, emptied by the fix, never taken for a placeholder twice, and never seen in texts that only look alike."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from odwb_assist.checks.excel_errors import error_mask, is_error
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

# A commune table computed in Excel: a density divided by an area of zero, a mayor looked up and not found.
DENSITIES = [["Code INS", "Commune", "Population", "Superficie", "Densité", "Bourgmestre"],
             ["91030", "Ciney", "16500", "147,6", "111,8", "Jean Dupont"],
             ["91034", "Dinant", "13600", "99,7", "#DIV/0!", "#N/A"],
             ["91059", "Hastière", "5900", "0", "#DIV/0!", "#REF!"],
             ["91064", "Houyet", "4700", "120,9", "38,9", "Marie Martin"],
             ["91072", "Onhaye", "3600", "64,7", "#N/A", "#NOM ?"],
             ["91103", "Yvoir", "8900", "54,3", "163,9", "Err:502"]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


@pytest.mark.parametrize("text", ["#DIV/0!", "#N/A", "#n/a", "#REF!", "#VALEUR!", "#VALUE!", "#NOM ?", "#NAME?",
                                  "#NOMBRE!", "#NUL!", "#PROPAGATION!", "#SPILL!", "#CALC!", "#DEEL/0!", "#WAARDE!",
                                  "Err:502", "err:522", " #DIV/0 ! "])
def test_the_errors_of_excel_and_libreoffice_in_three_languages(text: str) -> None:
    assert is_error(text)


@pytest.mark.parametrize("text", ["#1 du classement", "#ouvrirmaville", "#", "Err: voir note", "Erreur", "Eghezée",
                                  "E:12", "Err:999", "N/A", "DIV/0", "#DIV/0! (voir note)", "Errata"])
def test_texts_that_only_look_alike_are_not_errors(text: str) -> None:
    assert not is_error(text)


def test_errors_are_reported_in_any_column_one_finding_per_column(tmp_path: Path) -> None:
    report = check(write(tmp_path / "densites.csv", DENSITIES), plugins=pm())
    found = {f.field_name: f for f in report.findings if f.type == "excel-error"}
    assert set(found) == {"Densité", "Bourgmestre"}
    assert found["Densité"].count == 3 and list(found["Densité"].all_rows) == [3, 4, 6]
    assert found["Bourgmestre"].count == 4 and list(found["Bourgmestre"].all_rows) == [3, 4, 6, 7]
    assert found["Densité"].severity.value == "error" and not report.valid
    assert "l'erreur d'une formule au lieu d'une valeur (ex. ligne 3 : « #DIV/0! »)" in found["Densité"].message("fr")
    assert not [f for f in report.findings if f.type == "placeholder-value"]


def test_a_placeholder_and_an_error_in_one_column_are_two_findings_each_of_its_own(tmp_path: Path) -> None:
    rows = [["poste", "montant"], ["Voirie", "1250,5"], ["Écoles", "-"], ["Sport", "#N/A"]]
    rows += [[f"Poste {n}", f"{n}00"] for n in range(1, 9)]
    report = check(write(tmp_path / "budget.csv", rows), plugins=pm())
    placeholder = next(f for f in report.findings if f.type == "placeholder-value")
    error = next(f for f in report.findings if f.type == "excel-error")
    assert placeholder.extra["values"] == {"-": 1} and placeholder.row_number == 3
    assert error.row_number == 4 and error.count == 1


def test_fix_empties_them_and_the_numbers_of_the_column_are_converted(tmp_path: Path) -> None:
    result = fix(write(tmp_path / "densites.csv", DENSITIES), tmp_path / "propre.csv", plugins=pm())
    assert result.counts["excel-errors"] == 7
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        clean = list(csv.reader(handle))
    assert [row[4] for row in clean[1:]] == ["111.8", "", "", "38.9", "", "163.9"]  # 3 of 6 were errors
    assert [row[5] for row in clean[1:]] == ["Jean Dupont", "", "", "Marie Martin", "", ""]
    assert "Erreurs de formule (« #DIV/0! », « #N/A »…) vidées : 7" in result.preview("fr")
    assert not [f for f in check(tmp_path / "propre.csv", plugins=pm()).findings if f.type == "excel-error"]


def test_the_error_cells_of_a_workbook_are_reported(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Commune", "Population", "Part (%)"])
    sheet.append(["Ciney", 16500, 0.31])
    sheet.append(["Dinant", 13600, "#N/A"])  # openpyxl stores these as error cells (t="e")
    sheet.append(["Hastière", 5900, "#DIV/0!"])
    assert sheet["C3"].data_type == "e"
    book.save(tmp_path / "parts.xlsx")
    report = check(tmp_path / "parts.xlsx", plugins=pm())
    found = [f for f in report.findings if f.type == "excel-error"]
    assert [(f.field_name, f.count, list(f.all_rows)) for f in found] == [("Part (%)", 2, [3, 4])]
    assert json.loads(report.to_json())["errors"][0]["type"] in {f.type for f in report.findings}


def test_the_arrow_path_on_many_distinct_values_agrees_with_the_text_path() -> None:
    cells = [f"Commune {n}" for n in range(300)] + ["#DIV/0!", "Err:502", "Err: voir", "Eghezée", "#tag", " #N/A "]
    arrow = pd.Series(pd.array(cells, dtype="string[pyarrow]"))
    plain = pd.Series(cells, dtype=object)
    expected = [is_error(text) for text in cells]
    assert list(error_mask(arrow)) == expected == list(error_mask(plain.astype(str)))
    assert sum(expected) == 3
